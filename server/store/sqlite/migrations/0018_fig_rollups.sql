-- 0018: socio-economic figures rolled up as they are written (issue 13:
-- a province's dashboard read in milliseconds, not rolled up per request).
-- fig_rollups holds, for every unit with a figure for an indicator and a
-- period, the figure a reader sees there: its own figure in force (kind
-- set), or the one rolled up from the units below by the indicator's rule
-- (kind NULL); weight is what it weighs in a weighted roll-up above it.
-- server/figures_roll.c keeps it in the same transaction as the figure
-- written, and rebuilds it from fig_values when the roll-up rules of
-- forms/indicators change (fig_rollup_rules: their fingerprint).
CREATE TABLE fig_rollups (
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  period    TEXT NOT NULL,
  indicator TEXT NOT NULL,
  parent_id INTEGER NOT NULL,   -- the unit's parent (0: the top): its roll-up reads this row
  value     REAL NOT NULL,
  weight    REAL NOT NULL DEFAULT 0,
  kind      TEXT,               -- the unit's own figure's kind; NULL: rolled up
  PRIMARY KEY (unit_id, period, indicator)
) STRICT, WITHOUT ROWID;
CREATE INDEX fig_rollups_parent ON fig_rollups(parent_id, period, indicator);

CREATE TABLE fig_rollup_rules (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  rules TEXT NOT NULL          -- fingerprint of the rules the rows follow
) STRICT;

-- Figures are never deleted by congvud; one deleted by hand (sqlite3)
-- takes its indicator's roll-ups of that period with it at once, and marks
-- the period for figures_roll.c to roll up again from scratch at its next
-- write or start.
CREATE TABLE fig_rollup_dirty (
  period    TEXT NOT NULL,
  indicator TEXT NOT NULL,
  PRIMARY KEY (period, indicator)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER fig_values_deleted AFTER DELETE ON fig_values WHEN OLD.cur = 1 BEGIN
  DELETE FROM fig_rollups WHERE period = OLD.period AND indicator = OLD.indicator
    AND NOT EXISTS (SELECT 1 FROM fig_rollup_dirty WHERE period = OLD.period AND indicator = OLD.indicator);
  INSERT OR IGNORE INTO fig_rollup_dirty(period, indicator) VALUES (OLD.period, OLD.indicator);
END;
