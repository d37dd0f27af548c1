-- 0009: the task board at a province's scale (server/board.c, task.c).
-- A board of a big subtree walks only the tasks open or finished within
-- its window: coalesce(finished, max) >= since is one range of tasks_window,
-- which carries what the board's counts, filters, order and summary read,
-- so neither reads a table row; "mine" and "assigned by me" reach their few
-- tasks through the assigner, the assigning unit and the lead person. A
-- board pages the cards of a column, so a client does not hold every card:
-- each task.changed also says where the previous one had put the task
-- (told_state, told_overdue), so a board moves the count of a card it
-- never loaded.
CREATE INDEX tasks_window ON tasks(coalesce(finished, 9223372036854775807), state, deadline, done_at, finished, priority,
                                   source, lead_user, assigner_id, code, lead_unit, grade);
CREATE INDEX tasks_assigner ON tasks(assigner_id) WHERE assigner_id IS NOT NULL;
CREATE INDEX tasks_lead_user ON tasks(lead_user) WHERE lead_user IS NOT NULL;
CREATE INDEX tasks_assigner_unit ON tasks(assigner_unit, finished);
ALTER TABLE tasks ADD COLUMN told_state TEXT;
ALTER TABLE tasks ADD COLUMN told_overdue INTEGER NOT NULL DEFAULT 0;
UPDATE tasks SET told_state = state,
                 told_overdue = finished IS NULL AND done_at IS NULL AND deadline < CAST(strftime('%s', 'now') AS INTEGER);
