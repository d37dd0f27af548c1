-- 0006: "what waits on me" (dossier.list --mine, server/queue.c) walks the
-- open dossiers of one handling unit in order of the step's deadline and
-- stops when the page is full; the index carries what the query tests
-- (role, assignee, state, procedure, appointment), so neither the page nor
-- the queue's count reads a table row. 0002's dossiers_queue put the state
-- before the deadline, which made every queue a scan and a sort.
CREATE INDEX dossiers_mine ON dossiers(handler_unit, step_due, id, handler_role, assignee, state, procedure,
                                       new_due, due)
  WHERE finished IS NULL;
