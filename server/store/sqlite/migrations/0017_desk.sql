-- 0017: the one-stop desk as the law needs it (issue 11).
-- channel: how the dossier came in (direct at the desk, online through the
-- public service portal, postal), chosen at reception and counted by the
-- report. extension: the code of the lawful extension the clerk picked at
-- reception (forms/procedures: extensions), already counted in `due`.
-- apologies: how many forms 04 were issued (the procedure says how many it
-- allows, one by default).
ALTER TABLE dossiers ADD COLUMN channel TEXT NOT NULL DEFAULT 'direct'
  CHECK (channel IN ('direct', 'online', 'postal'));
ALTER TABLE dossiers ADD COLUMN extension TEXT;
ALTER TABLE dossiers ADD COLUMN apologies INTEGER NOT NULL DEFAULT 0;
UPDATE dossiers SET apologies = 1 WHERE new_due IS NOT NULL;

-- What waits on an official is what its unit and role hold, a result
-- waiting at the desk too (it is graded, finished, and still to return):
-- the queue's index covers every held dossier, not only the unfinished.
DROP INDEX dossiers_mine;
CREATE INDEX dossiers_mine ON dossiers(handler_unit, step_due, id, handler_role, state, procedure, new_due, due)
  WHERE handler_unit IS NOT NULL;

-- The return of a result: who collected it (the applicant or a person they
-- authorised, with an ID number), how (at the desk, by post), when, and the
-- result's number (the certificate's). One per dossier.
CREATE TABLE dossier_returns (
  dossier_id    INTEGER PRIMARY KEY REFERENCES dossiers(id),
  at            INTEGER NOT NULL,
  by_user       INTEGER REFERENCES users(id),
  collector_kind TEXT NOT NULL CHECK (collector_kind IN ('applicant', 'authorised')),
  collector     TEXT NOT NULL,
  collector_id  TEXT NOT NULL,
  method        TEXT NOT NULL CHECK (method IN ('desk', 'post')),
  result_no     TEXT NOT NULL DEFAULT ''
) STRICT;

-- The fee of a dossier, recorded once at reception or later: the amount the
-- procedure's rule gives (forms/procedures: fee, fee_rule), how it was paid
-- (cash, bank transfer) or that it was exempted, with the legal ground, and
-- the fee receipt's number (series "fee" of the unit, per year).
CREATE TABLE dossier_fees (
  dossier_id    INTEGER PRIMARY KEY REFERENCES dossiers(id),
  at            INTEGER NOT NULL,
  by_user       INTEGER REFERENCES users(id),
  amount        INTEGER NOT NULL CHECK (amount >= 0),
  method        TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'exempt')),
  ground        TEXT NOT NULL DEFAULT '',
  receipt_no    TEXT NOT NULL
) STRICT;
