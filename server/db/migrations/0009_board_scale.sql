-- 0009: the task board at a province's scale (server/board.c, task.c).
-- A board or list of a big subtree walks only the tasks open or finished
-- within its window (finished IS NULL OR finished >= ?) through an index
-- on finished; "mine" and "assigned by me" reach their few tasks through
-- the assigner and lead person. A board pages the cards of a column, so
-- the client does not hold every card: each task.changed now also says
-- where the previous event had put the task (told_state, told_overdue), so
-- a board moves the count of a card it never loaded.
CREATE INDEX tasks_finished ON tasks(finished);
CREATE INDEX tasks_assigner ON tasks(assigner_id) WHERE assigner_id IS NOT NULL;
CREATE INDEX tasks_lead_user ON tasks(lead_user) WHERE lead_user IS NOT NULL;
CREATE INDEX tasks_assigner_unit ON tasks(assigner_unit, finished);
ALTER TABLE tasks ADD COLUMN told_state TEXT;
ALTER TABLE tasks ADD COLUMN told_overdue INTEGER NOT NULL DEFAULT 0;
UPDATE tasks SET told_state = state,
                 told_overdue = finished IS NULL AND done_at IS NULL AND deadline < CAST(strftime('%s', 'now') AS INTEGER);
