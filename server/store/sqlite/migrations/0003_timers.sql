-- 0003: workflow timers — due-soon and overdue, for every kind of work the
-- engine walks (server/wf_timer.c). Scheduled in the transaction of the
-- action that sets a deadline; fired once by the serve loop, which marks
-- the row fired in the transaction that writes the notice's audit row.
CREATE TABLE timers (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,                 -- 'dossier', 'task'
  object_id INTEGER NOT NULL,              -- the instance's row id in its kind's table
  deadline  TEXT NOT NULL,                 -- which of its deadlines: 'step', 'due', 'deadline'
  what      TEXT NOT NULL CHECK (what IN ('due_soon', 'overdue')),
  at        INTEGER NOT NULL,              -- when it fires
  due       INTEGER NOT NULL,              -- the deadline it warns of
  fired     INTEGER                        -- when it fired; NULL while pending
) STRICT;
CREATE INDEX timers_pending ON timers(at) WHERE fired IS NULL;
CREATE INDEX timers_object ON timers(kind, object_id, deadline, what, due);
