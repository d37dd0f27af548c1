-- 0012: one table for every number the system gives (server/series.c): a
-- series is its kind ('dossier', 'task', 'task.change', next
-- 'document.incoming', 'document.outgoing', 'document.legal.<type>',
-- 'document.secret'), its scope (the units.id of the agency it belongs to,
-- 0: none) and its period ('2026' yearly, '2026-12-03' daily, '': none),
-- and holds the last number given. A new period is a new row, so yearly
-- series restart at 1 on 1 January by construction. No NULLs in the key:
-- PostgreSQL refuses them in a primary key, and NULLs would never conflict.
-- It replaces dossier_seq (codes <agency>-<YYMMDD>-<NNNN>, per unit and
-- day), task_seq (NV-<year>-<n>) and the tasks' change sequence that was
-- max(seq) + 1; their state moves here so numbering continues where it was.
CREATE TABLE series (
  kind   TEXT NOT NULL,
  scope  INTEGER NOT NULL DEFAULT 0,
  period TEXT NOT NULL DEFAULT '',
  n      INTEGER NOT NULL CHECK (n >= 1),   -- the last number given
  PRIMARY KEY (kind, scope, period)
) STRICT, WITHOUT ROWID;
INSERT INTO series(kind, scope, period, n)
  SELECT 'dossier', unit_id, '20' || substr(day, 1, 2) || '-' || substr(day, 3, 2) || '-' || substr(day, 5, 2), n
  FROM dossier_seq;
INSERT INTO series(kind, scope, period, n) SELECT 'task', 0, CAST(year AS TEXT), n FROM task_seq;
INSERT INTO series(kind, scope, period, n) SELECT 'task.change', 0, '', max(seq) FROM tasks HAVING max(seq) >= 1;
DROP TABLE dossier_seq;
DROP TABLE task_seq;
