-- 0010: remembered replies in a rowid table, written at its end. As a
-- WITHOUT ROWID table keyed by (principal, request id), each reply (its
-- body inline, ~600 bytes for a reception) went into the leaf of its
-- client's key range, and the age index (0008) carried that key too and
-- split mid-page: the two were 39 % of the pages a batch of receptions
-- wrote (bench/load, WAL frames by B-tree). Now the bodies are appended
-- in order, the age index holds (created, rowid) and is appended to as
-- well, and only the small key index is written where each client's
-- requests fall.
CREATE TABLE replies_new (
  principal TEXT NOT NULL,
  req_id    INTEGER NOT NULL,
  msg       INTEGER NOT NULL,
  kind      INTEGER NOT NULL,
  body      TEXT NOT NULL,
  created   INTEGER NOT NULL
) STRICT;
-- only the week a reply is kept for (server/dispatch.c): a year's older rows
-- would be copied only to be pruned
INSERT INTO replies_new(principal, req_id, msg, kind, body, created)
  SELECT principal, req_id, msg, kind, body, created FROM replies
  WHERE created >= CAST(strftime('%s', 'now') AS INTEGER) - 7 * 86400 ORDER BY created;
DROP TABLE replies;
ALTER TABLE replies_new RENAME TO replies;
CREATE UNIQUE INDEX replies_key ON replies(principal, req_id);
CREATE INDEX replies_age ON replies(created);
