-- 0015: monthly socio-economic figures (server/figures*.c). Every figure a
-- unit gives for an indicator and a period is a new revision: nothing is
-- overwritten, `cur` marks the one in force (estimate, then final). A
-- unit's submission for a period walks the `figures` workflow (wf_log
-- keeps its moves); plans are annual targets per indicator and unit.
CREATE TABLE fig_values (
  id        INTEGER PRIMARY KEY,
  indicator TEXT NOT NULL,                 -- forms/indicators code
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  period    TEXT NOT NULL,                 -- '2026-11', '2026-Q4', '2026-H1', '2026-9M', '2026'
  rev       INTEGER NOT NULL CHECK (rev >= 1),
  value     REAL NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('estimate', 'final')),
  source    TEXT NOT NULL DEFAULT 'form',  -- form, import, demo
  user_id   INTEGER REFERENCES users(id),  -- NULL: the server (console, demo)
  at        INTEGER NOT NULL,
  cur       INTEGER NOT NULL DEFAULT 1,    -- 1: the revision in force
  UNIQUE (indicator, unit_id, period, rev)
) STRICT;
CREATE INDEX fig_values_cur ON fig_values(period, unit_id) WHERE cur = 1;

CREATE TABLE fig_submissions (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,       -- '<unit code>:<period>'
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  period       TEXT NOT NULL,
  state        TEXT NOT NULL,              -- forms/workflows/figures.yaml
  version      INTEGER NOT NULL DEFAULT 1,
  created      INTEGER NOT NULL,
  submitted_at INTEGER,                    -- last submitted
  decided_at   INTEGER,                    -- last accepted or returned
  note         TEXT NOT NULL DEFAULT '',   -- the last return's note
  UNIQUE (unit_id, period)
) STRICT;
CREATE INDEX fig_submissions_period ON fig_submissions(period);

CREATE TABLE fig_plans (
  indicator TEXT NOT NULL,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  year      INTEGER NOT NULL,
  target    REAL NOT NULL,
  user_id   INTEGER REFERENCES users(id),
  at        INTEGER NOT NULL,
  PRIMARY KEY (indicator, unit_id, year)
) STRICT;
