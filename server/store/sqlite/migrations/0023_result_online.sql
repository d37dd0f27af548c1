-- 0023: a result may be returned electronically (method 'online'): sent to
-- the applicant's account on the public service portal, as QĐ 766/QĐ-TTg's
-- index counts "results delivered electronically". SQLite cannot widen a
-- CHECK in place: the table is rebuilt with its rows.
CREATE TABLE dossier_returns_new (
  dossier_id    INTEGER PRIMARY KEY REFERENCES dossiers(id),
  at            INTEGER NOT NULL,
  by_user       INTEGER REFERENCES users(id),
  collector_kind TEXT NOT NULL CHECK (collector_kind IN ('applicant', 'authorised')),
  collector     TEXT NOT NULL,
  collector_id  TEXT NOT NULL,
  method        TEXT NOT NULL CHECK (method IN ('desk', 'post', 'online')),
  result_no     TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO dossier_returns_new SELECT dossier_id, at, by_user, collector_kind, collector, collector_id, method, result_no
  FROM dossier_returns;
DROP TABLE dossier_returns;
ALTER TABLE dossier_returns_new RENAME TO dossier_returns;
-- the report counts the returns of a period
CREATE INDEX dossier_returns_at ON dossier_returns(at);
