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
