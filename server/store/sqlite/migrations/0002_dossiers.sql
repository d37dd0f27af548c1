-- 0002: one-stop dossiers — the dossier, its hand-offs (form 06), per-agency
-- daily sequence numbers, runtime calendar changes, and a folded search index.
CREATE TABLE calendar_changes (
  date    TEXT PRIMARY KEY,                 -- YYYY-MM-DD
  action  TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  name    TEXT NOT NULL,
  changed INTEGER NOT NULL
) STRICT;

CREATE TABLE dossier_seq (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  day     TEXT NOT NULL,                    -- YYMMDD, local date of reception
  n       INTEGER NOT NULL,
  PRIMARY KEY (unit_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE dossiers (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,       -- <agency code>-<YYMMDD>-<NNNN>
  procedure     TEXT NOT NULL,
  proc_version  INTEGER NOT NULL,
  unit_id       INTEGER NOT NULL REFERENCES units(id),  -- receiving unit (the desk)
  state         TEXT NOT NULL,
  step          INTEGER NOT NULL,           -- index into the procedure's steps
  handler_unit  INTEGER REFERENCES units(id),
  handler_role  TEXT,
  assignee      INTEGER REFERENCES users(id),
  title         TEXT NOT NULL,              -- the procedure's name when received
  applicant     TEXT NOT NULL,
  citizen_id    TEXT,
  fields        TEXT NOT NULL,              -- JSON object, NFC
  received      INTEGER NOT NULL,           -- instant of reception
  clock_start   INTEGER NOT NULL,           -- when the running clock last (re)started
  used          INTEGER NOT NULL DEFAULT 0, -- working seconds consumed before clock_start
  total         INTEGER NOT NULL,           -- working seconds allowed
  due           INTEGER NOT NULL,           -- appointment (form 01)
  new_due       INTEGER,                    -- apology's new appointment (form 04)
  step_started  INTEGER NOT NULL,
  step_due      INTEGER NOT NULL,
  paused_at     INTEGER,
  paused_state  TEXT,
  paused_step   INTEGER,
  finished      INTEGER,                    -- result ready, refused or withdrawn
  grade         TEXT CHECK (grade IN ('early', 'on_time', 'late')),
  version       INTEGER NOT NULL DEFAULT 1, -- bumped by every action: stale writers get a conflict
  received_by   INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX dossiers_queue ON dossiers(handler_unit, state, step_due);
CREATE INDEX dossiers_unit ON dossiers(unit_id, received);
CREATE INDEX dossiers_citizen ON dossiers(citizen_id);

CREATE TABLE handoffs (
  id         INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  at         INTEGER NOT NULL,
  user_id    INTEGER REFERENCES users(id),
  action     TEXT NOT NULL,
  from_state TEXT,
  from_step  INTEGER,
  to_state   TEXT NOT NULL,
  to_step    INTEGER,
  to_unit    INTEGER REFERENCES units(id),
  to_role    TEXT,
  note       TEXT NOT NULL DEFAULT '',
  grade      TEXT,                          -- the finished step's grade
  form       TEXT                           -- desk document issued: 01..05
) STRICT;
CREATE INDEX handoffs_dossier ON handoffs(dossier_id, id);

-- Search: folded text (lowercase, no tone marks, đ→d) so "dang ky ho kinh
-- doanh" finds "Đăng ký hộ kinh doanh"; the original stays in dossiers for
-- ranking exact accented matches first.
CREATE VIRTUAL TABLE dossier_search USING fts5(folded, tokenize = 'unicode61 remove_diacritics 0');
