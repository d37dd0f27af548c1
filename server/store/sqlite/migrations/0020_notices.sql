-- 0020: notices to the citizen (issue 11): the appointment at reception, a
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
