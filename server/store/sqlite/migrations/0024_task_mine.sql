-- 0024: the open tasks an official assigned or leads, found without
-- reading the closed ones. "My tasks" ORs four index lookups (the unit's
-- lead and assigning links, the official's lead and assignments), each
-- with finished IS NULL; the official's two indexes (0009) had no
-- `finished`, so a district leader who had assigned 4 000 tasks over a
-- year read all of them to keep 300 (9 ms of the list's 11 ms p95 on
-- bench/scale's year; 2 ms with these).
DROP INDEX IF EXISTS tasks_assigner;
CREATE INDEX tasks_assigner ON tasks(assigner_id, finished) WHERE assigner_id IS NOT NULL;
DROP INDEX IF EXISTS tasks_lead_user;
CREATE INDEX tasks_lead_user ON tasks(lead_user, finished) WHERE lead_user IS NOT NULL;
