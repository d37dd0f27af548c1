-- 0020_attachments.sql — attachments of official documents (issue 15,
-- "Attachments on slow links"; server/attach*.c, store/attach.h).
--
-- A file is stored once by its content hash (BLAKE2b-256, 64 hex digits)
-- however many documents hold it; its bytes are pieces keyed by owner:
-- the file's hash once it is whole and checked, 'u:<upload id>' while an
-- upload is in progress. Finishing an upload renames its pieces' owner to
-- the hash (or drops them when the file was already held), so a file is
-- never readable before its hash was checked.
CREATE TABLE attach_files (
  hash     TEXT PRIMARY KEY,
  size     INTEGER NOT NULL,
  mime     TEXT NOT NULL,
  unit_id  INTEGER NOT NULL REFERENCES units(id), -- whose quota it counts in: the first uploader's unit
  created  INTEGER NOT NULL
);
CREATE INDEX attach_files_unit ON attach_files(unit_id);

CREATE TABLE attach_pieces (
  owner  TEXT NOT NULL,
  off    INTEGER NOT NULL,
  data   BLOB NOT NULL,
  PRIMARY KEY (owner, off)
) WITHOUT ROWID;

-- An upload in progress: `held` bytes received, in order. One per
-- official, document and content, so a rerun of the client finds it.
-- Abandoned ones (untouched for config's attach_upload_hours) are deleted
-- with their pieces by the next upload's begin.
CREATE TABLE attach_uploads (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES users(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  doc_kind  TEXT NOT NULL,    -- 'in' (documents) or 'out' (document_drafts)
  doc_id    INTEGER NOT NULL,
  doc_code  TEXT NOT NULL,
  name      TEXT NOT NULL,
  size      INTEGER NOT NULL,
  hash      TEXT NOT NULL,
  held      INTEGER NOT NULL DEFAULT 0,
  created   INTEGER NOT NULL,
  touched   INTEGER NOT NULL
);
CREATE UNIQUE INDEX attach_uploads_key ON attach_uploads(user_id, doc_kind, doc_id, hash);
CREATE INDEX attach_uploads_touched ON attach_uploads(touched);

-- A file attached to a document under a name (unique per document).
CREATE TABLE attach_links (
  doc_kind  TEXT NOT NULL,
  doc_id    INTEGER NOT NULL,
  name      TEXT NOT NULL,
  hash      TEXT NOT NULL REFERENCES attach_files(hash),
  user_id   INTEGER NOT NULL REFERENCES users(id),
  created   INTEGER NOT NULL,
  PRIMARY KEY (doc_kind, doc_id, name)
);
CREATE INDEX attach_links_hash ON attach_links(hash);
