-- 0013: dossiers.assignee (0002) was never written: a dossier waits on the
-- role of its handling unit, never on one named official, so "what waits on
-- me" tested a column that was always NULL. The queue's index (0006) is
-- rebuilt without it, then the column goes.
DROP INDEX dossiers_mine;
CREATE INDEX dossiers_mine ON dossiers(handler_unit, step_due, id, handler_role, state, procedure, new_due, due)
  WHERE finished IS NULL;
ALTER TABLE dossiers DROP COLUMN assignee;
