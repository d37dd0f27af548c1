-- 0001: the platform — org tree, officials, devices, invites, sessions,
-- remembered replies for idempotent writes, and the hash-chained audit log.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE units (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,          -- national agency code
  name      TEXT NOT NULL,
  level     TEXT NOT NULL,                 -- tỉnh, sở, huyện, xã, ...
  parent_id INTEGER REFERENCES units(id),
  path      TEXT NOT NULL UNIQUE,          -- "/1/4/9/": subtree = path LIKE '/1/4/%'
  created   INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id           INTEGER PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  name_fold    TEXT NOT NULL,              -- text_fold(name), for search
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  roles        INTEGER NOT NULL,           -- bit mask, see PROTO_ROLES
  pwhash       TEXT NOT NULL,              -- Argon2id (crypto_pwhash_str)
  must_change  INTEGER NOT NULL DEFAULT 1,
  disabled     INTEGER NOT NULL DEFAULT 0,
  failed       INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created      INTEGER NOT NULL
) STRICT;
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE devices (
  id        INTEGER PRIMARY KEY,
  pubkey    TEXT NOT NULL UNIQUE,          -- Z85 CURVE public key
  name      TEXT NOT NULL,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  revoked   INTEGER NOT NULL DEFAULT 0,
  enrolled  INTEGER NOT NULL,
  last_seen INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE invites (
  id         INTEGER PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,         -- BLAKE2b of the secret token
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  created_by INTEGER REFERENCES users(id),
  created    INTEGER NOT NULL,
  expires    INTEGER NOT NULL,
  used       INTEGER NOT NULL DEFAULT 0,
  device_id  INTEGER REFERENCES devices(id)
) STRICT;

CREATE TABLE sessions (
  device_id   INTEGER PRIMARY KEY REFERENCES devices(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  started     INTEGER NOT NULL,
  last_active INTEGER NOT NULL
) STRICT;

CREATE TABLE replies (
  principal TEXT NOT NULL,
  req_id    INTEGER NOT NULL,
  msg       INTEGER NOT NULL,
  kind      INTEGER NOT NULL,
  body      TEXT NOT NULL,
  created   INTEGER NOT NULL,
  PRIMARY KEY (principal, req_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  ts      INTEGER NOT NULL,
  actor   TEXT NOT NULL,                   -- username, or "console"
  device  INTEGER,
  action  TEXT NOT NULL,                   -- e.g. login.fail, unit.add
  object  TEXT NOT NULL,
  detail  TEXT NOT NULL,                   -- JSON
  prev    BLOB NOT NULL,
  hash    BLOB NOT NULL
) STRICT;
