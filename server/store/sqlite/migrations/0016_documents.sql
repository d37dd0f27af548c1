-- 0016: official documents (văn bản, NĐ 30/2020/NĐ-CP; server/document*.c).
-- An incoming document is registered by a clerk into its agency's register
-- of the year: the arrival number comes from the series
-- ('document.in' or, for a confidential one, 'document.in.secret', scope
-- the agency, period the year), so the registers have no gaps and restart
-- on 1 January. `folded` is the text_fold of what searches look at
-- (number and notation, sender, summary); `dup_key` the folded sender,
-- number/notation and year a duplicate is warned by.
CREATE TABLE documents (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,               -- VBD-2026-00001
  register       TEXT NOT NULL CHECK (register IN ('in', 'in.secret')),
  agency_id      INTEGER NOT NULL REFERENCES units(id),
  registrar_id   INTEGER REFERENCES users(id),
  registrar_unit INTEGER NOT NULL REFERENCES units(id),
  year           TEXT NOT NULL,
  arrival_no     INTEGER NOT NULL CHECK (arrival_no >= 1),
  arrived        INTEGER NOT NULL,                   -- when it reached the agency
  registered     INTEGER NOT NULL,
  sender         TEXT NOT NULL,
  number         TEXT NOT NULL,                      -- số, ký hiệu: 05/UBND-VP
  doc_date       TEXT NOT NULL,                      -- YYYY-MM-DD
  type           TEXT NOT NULL,                      -- forms/documents/types.yaml code
  summary        TEXT NOT NULL,                      -- trích yếu
  urgency        TEXT NOT NULL DEFAULT '',           -- '', khan, thuong_khan, hoa_toc
  secrecy        TEXT NOT NULL DEFAULT '',           -- '', mat, toi_mat, tuyet_mat
  pages          INTEGER NOT NULL DEFAULT 1,
  dup_key        TEXT NOT NULL,
  folded         TEXT NOT NULL,
  wf_version     INTEGER NOT NULL,
  state          TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  director_id    INTEGER REFERENCES users(id),       -- who gave the directive (bút phê)
  directed       INTEGER,
  directive      TEXT NOT NULL DEFAULT '',
  deadline       INTEGER,                            -- handling deadline from the directive
  lead_unit      INTEGER REFERENCES units(id),
  lead_user      INTEGER REFERENCES users(id),
  reply          TEXT NOT NULL DEFAULT '',           -- number of the reply document
  done_at        INTEGER,
  finished       INTEGER,
  grade          TEXT,
  UNIQUE (agency_id, register, year, arrival_no)
) STRICT;
CREATE INDEX documents_agency ON documents(agency_id, state, registered);
CREATE INDEX documents_dup ON documents(dup_key);

-- Who may read a confidential document (Mật, Tối mật, Tuyệt mật): only the
-- officials named here see it, in lists, searches and events.
CREATE TABLE document_readers (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (document_id, user_id)
) STRICT, WITHOUT ROWID;

-- Where the directive sent it: the lead unit (with its task), the
-- co-operating units and those it went to for information only.
CREATE TABLE document_units (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  role        TEXT NOT NULL CHECK (role IN ('lead', 'coop', 'info')),
  task_id     INTEGER REFERENCES tasks(id),
  PRIMARY KEY (document_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_units_unit ON document_units(unit_id, document_id);

-- Outgoing documents (văn bản đi, NĐ 30 Điều 11-18): a draft of a drafting
-- unit for its issuing agency, reviewed by the unit's head, approved by the
-- signer, issued by the agency's clerk. Issuing allocates the number from
-- the agency's yearly series named in `series` ('document.out', for a
-- confidential one 'document.out.secret', for a legal normative document
-- 'document.out.qppl.<type>') in the issuing transaction, so the register
-- has neither gaps nor repeats; `notation` is the number and notation as
-- written (05/QĐ-UBND). The text lives in its versions, the current one
-- being `revision`.
CREATE TABLE document_drafts (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,                 -- DT-2026-00001
  agency_id   INTEGER NOT NULL REFERENCES units(id), -- the issuing agency
  unit_id     INTEGER NOT NULL REFERENCES units(id), -- the drafting unit
  drafter_id  INTEGER REFERENCES users(id),
  signer_id   INTEGER REFERENCES users(id),         -- the signer named by the drafter, if any
  type        TEXT NOT NULL,
  summary     TEXT NOT NULL,
  urgency     TEXT NOT NULL DEFAULT '',
  secrecy     TEXT NOT NULL DEFAULT '',
  normative   INTEGER NOT NULL DEFAULT 0 CHECK (normative IN (0, 1)),
  created     INTEGER NOT NULL,
  wf_version  INTEGER NOT NULL,
  state       TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  revision    INTEGER NOT NULL DEFAULT 1,
  reviewer_id INTEGER REFERENCES users(id),
  reviewed    INTEGER,
  approver_id INTEGER REFERENCES users(id),
  approved    INTEGER,
  issuer_id   INTEGER REFERENCES users(id),
  issued      INTEGER,
  series      TEXT,
  year        TEXT,
  number      INTEGER CHECK (number >= 1),
  notation    TEXT,
  finished    INTEGER,
  grade       TEXT,
  UNIQUE (agency_id, series, year, number)
) STRICT;
CREATE INDEX document_drafts_agency ON document_drafts(agency_id, state);
CREATE INDEX document_drafts_unit ON document_drafts(unit_id, state);

-- Every revision of a draft's text, kept: who wrote it, when, its BLAKE2b
-- hash (hex) and the note that came with it.
CREATE TABLE document_draft_versions (
  draft_id  INTEGER NOT NULL REFERENCES document_drafts(id),
  n         INTEGER NOT NULL CHECK (n >= 1),
  author_id INTEGER REFERENCES users(id),
  at        INTEGER NOT NULL,
  body      TEXT NOT NULL,
  hash      TEXT NOT NULL,
  note      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (draft_id, n)
) STRICT, WITHOUT ROWID;

-- Officials' signing keys (Ed25519), enrolled like devices: the key pair is
-- made on the official's device, which keeps the secret key; the server
-- keeps the public key (base64) under its id (16 hex digits of its
-- BLAKE2b-64) and which device sent it.
CREATE TABLE document_keys (
  key_id     TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  public_key TEXT NOT NULL,
  device_id  INTEGER,
  created    INTEGER NOT NULL,
  revoked    INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX document_keys_user ON document_keys(user_id);

-- The signatures of a draft's review, approval and issue: the exact
-- payload signed (shared/document_sig.h), the signature (base64), the key.
-- `certificate` is for a licensed CA's certificate chain, added later.
CREATE TABLE document_signatures (
  draft_id    INTEGER NOT NULL REFERENCES document_drafts(id),
  seq         INTEGER NOT NULL,
  act         TEXT NOT NULL CHECK (act IN ('review', 'approve', 'issue')),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  key_id      TEXT NOT NULL REFERENCES document_keys(key_id),
  payload     TEXT NOT NULL,
  signature   TEXT NOT NULL,
  certificate TEXT,
  at          INTEGER NOT NULL,
  PRIMARY KEY (draft_id, seq)
) STRICT, WITHOUT ROWID;

-- Delivery of an issued document to recipient units inside the system:
-- it waits in the unit's inbox until the unit's clerk receives it, which
-- registers it in the unit's incoming register (document_id) pre-filled
-- with the sender's number and acknowledges the receipt (received, who).
CREATE TABLE document_deliveries (
  draft_id    INTEGER NOT NULL REFERENCES document_drafts(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  delivered   INTEGER NOT NULL,
  sender_id   INTEGER REFERENCES users(id),
  document_id INTEGER REFERENCES documents(id),
  received    INTEGER,
  receiver_id INTEGER REFERENCES users(id),
  PRIMARY KEY (draft_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_deliveries_unit ON document_deliveries(unit_id, received);
