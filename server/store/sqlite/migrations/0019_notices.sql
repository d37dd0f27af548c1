-- 0019 (desk, issue 11): notices to the citizen: the appointment at reception, a
-- request to supplement, the result ready, an apology. Queued in the
-- transaction of the move that causes them, sent by the notice thread
-- (server/notice_loop.c) through the configured gateway, retried with
-- backoff. status: queued (never tried), sending (handed to the thread; a
-- daemon stopped meanwhile finds it retrying again), retrying (a try
-- failed, next_at is the next one), sent, failed (attempts used up).
CREATE TABLE dossier_notices (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
  kind        TEXT NOT NULL CHECK (kind IN ('appointment', 'supplement', 'ready', 'apology')),
  channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient   TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  created     INTEGER NOT NULL,
  next_at     INTEGER NOT NULL,
  done_at     INTEGER,
  error       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dossier_notices_dossier ON dossier_notices(dossier_id, id);
-- what the thread takes next: the waiting ones by when they are due
CREATE INDEX dossier_notices_due ON dossier_notices(next_at, id) WHERE status IN ('queued', 'retrying');

-- The papers the applicant actually handed in at reception, ticked on the
-- procedure's checklist (its `papers`, conditional ones only when they
-- apply): n is the paper's place in that list (1, 2, ...), name its text.
-- Form 01 lists these. A dossier received without a checklist (a script
-- that sent none) has no rows: form 01 then lists the procedure's papers.
CREATE TABLE dossier_papers (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
  n           INTEGER NOT NULL,
  name        TEXT NOT NULL,
  PRIMARY KEY (dossier_id, n)
) STRICT;
