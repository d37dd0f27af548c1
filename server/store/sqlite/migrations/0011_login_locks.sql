-- 0011: failed logins are counted per (user name, device), not per account:
-- a device that guesses wrong locks itself out of that name, never the
-- official working at another terminal (server/auth.c). Names that do not
-- exist are counted the same way, so a lockout tells nothing about whether
-- a name exists. users.failed and users.locked_until are no longer used.
CREATE TABLE login_locks (
  username     TEXT NOT NULL,
  device_id    INTEGER NOT NULL,
  failed       INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (username, device_id)
) STRICT, WITHOUT ROWID;
UPDATE users SET failed = 0, locked_until = 0;
