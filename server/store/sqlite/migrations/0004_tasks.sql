-- 0004: tasks and directives (giao việc) — the task with its deadlines
-- (original and extended), its units (assigning, lead, co-operating), its
-- history and thread, sub-tasks (parent_id), and recurring definitions
-- whose tasks the server generates exactly once per period and unit.
CREATE TABLE task_seq (
  year INTEGER PRIMARY KEY,                -- codes NV-<year>-<n>
  n    INTEGER NOT NULL
) STRICT;

CREATE TABLE recurring (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  every         TEXT NOT NULL CHECK (every IN ('month', 'quarter')),
  day           INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
  priority      TEXT NOT NULL,
  assigner_id   INTEGER REFERENCES users(id),
  assigner_unit INTEGER NOT NULL REFERENCES units(id),
  created       INTEGER NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  last_period   TEXT NOT NULL DEFAULT '',  -- the latest period generated: generation only moves forward
  next_at       INTEGER NOT NULL           -- when to look again: the start of the next period
) STRICT;
CREATE INDEX recurring_next ON recurring(next_at) WHERE active = 1;

CREATE TABLE recurring_units (
  recurring_id INTEGER NOT NULL REFERENCES recurring(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (recurring_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE tasks (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  title             TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL CHECK (source IN ('directive', 'meeting', 'dossier', 'document', 'recurring', 'other')),
  source_ref        TEXT NOT NULL DEFAULT '',
  refs              TEXT NOT NULL DEFAULT '[]', -- JSON array: attachments as references
  priority          TEXT NOT NULL CHECK (priority IN ('normal', 'high', 'urgent')),
  assigner_id       INTEGER REFERENCES users(id),  -- NULL: the server's console
  assigner_unit     INTEGER NOT NULL REFERENCES units(id),
  lead_unit         INTEGER NOT NULL REFERENCES units(id),
  lead_user         INTEGER REFERENCES users(id),
  parent_id         INTEGER REFERENCES tasks(id),
  recurring_id      INTEGER REFERENCES recurring(id),
  period            TEXT,                  -- recurring: "2026-05", "2026-Q2"
  wf_version        INTEGER NOT NULL,
  state             TEXT NOT NULL,
  percent           INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  deadline          INTEGER NOT NULL,      -- in force (moved by a granted extension)
  original_deadline INTEGER NOT NULL,      -- as first assigned
  proposed          INTEGER,               -- an extension asked for, awaiting the assigner
  created           INTEGER NOT NULL,
  done_at           INTEGER,               -- completion reported (undone when returned)
  finished          INTEGER,               -- accepted or cancelled
  grade             TEXT CHECK (grade IN ('early', 'on_time', 'late')),
  version           INTEGER NOT NULL DEFAULT 1,
  seq               INTEGER NOT NULL       -- global change sequence: boards resynchronise by it
) STRICT;
CREATE UNIQUE INDEX tasks_recurring ON tasks(recurring_id, period, lead_unit) WHERE recurring_id IS NOT NULL;
CREATE INDEX tasks_lead ON tasks(lead_unit, finished);
CREATE INDEX tasks_parent ON tasks(parent_id);
CREATE INDEX tasks_seq ON tasks(seq);

CREATE TABLE task_units (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  role    TEXT NOT NULL CHECK (role IN ('assigner', 'lead', 'coop')),
  PRIMARY KEY (task_id, role, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_units_unit ON task_units(unit_id, task_id);

CREATE TABLE task_log (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES tasks(id),
  at         INTEGER NOT NULL,
  user_id    INTEGER REFERENCES users(id),
  action     TEXT NOT NULL,                -- assign, start, progress, request_extension, grant, ...
  from_state TEXT,
  to_state   TEXT NOT NULL,
  percent    INTEGER,
  deadline   INTEGER,                      -- the deadline asked for or granted
  note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX task_log_task ON task_log(task_id, id);

CREATE TABLE task_thread (
  id      INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  at      INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  kind    TEXT NOT NULL CHECK (kind IN ('directive', 'comment')),
  text    TEXT NOT NULL
) STRICT;
CREATE INDEX task_thread_task ON task_thread(task_id, id);
