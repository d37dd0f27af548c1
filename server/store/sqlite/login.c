/* login.c — the SQLite driver's credentials (store/login.h). */
#include "store/login.h"

#include <stdio.h>

#include "db.h"

static const char *s_text(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return t ? t : "";
}

store_rc_t store_login_user(store_t *s, const char *username, store_login_user_t *out)
{
	static const char sql[] = "SELECT u.id, u.pwhash, u.disabled, t.path "
				  "FROM users u JOIN units t ON t.id=u.unit_id WHERE u.username=?";
	sqlite3_stmt *st = db_q(s, sql, "s", username);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->pwhash, sizeof out->pwhash, "%s", s_text(st, 1));
		out->disabled = sqlite3_column_int(st, 2) != 0;
		snprintf(out->unit_path, sizeof out->unit_path, "%s", s_text(st, 3));
	}
	return db_end(st, rc);
}

/* The first column of st's one row, a text, into out (n bytes). */
static store_rc_t s_one_text(sqlite3_stmt *st, char *out, size_t n)
{
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW)
		snprintf(out, n, "%s", s_text(st, 0));
	return db_end(st, rc);
}

store_rc_t store_login_hash(store_t *s, const char *username, char *hash, size_t n)
{
	return s_one_text(db_q(s, "SELECT pwhash FROM users WHERE username=?", "s", username), hash, n);
}

store_rc_t store_login_hash_of(store_t *s, int64_t uid, char *hash, size_t n)
{
	return s_one_text(db_q(s, "SELECT pwhash FROM users WHERE id=?", "i", uid), hash, n);
}

store_rc_t store_login_session(store_t *s, int64_t device, store_login_session_t *out)
{
	static const char sql[] = "SELECT u.username, u.pwhash, u.roles, u.must_change, s.last_active FROM sessions s "
				  "JOIN users u ON u.id=s.user_id JOIN devices d ON d.id=s.device_id "
				  "WHERE s.device_id=? AND d.revoked=0 AND u.disabled=0";
	sqlite3_stmt *st = db_q(s, sql, "i", device);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		snprintf(out->username, sizeof out->username, "%s", s_text(st, 0));
		snprintf(out->pwhash, sizeof out->pwhash, "%s", s_text(st, 1));
		out->roles = sqlite3_column_int(st, 2);
		out->must_change = sqlite3_column_int(st, 3) != 0;
		out->last_active = sqlite3_column_int64(st, 4);
	}
	return db_end(st, rc);
}

store_rc_t store_login_set_password(store_t *s, int64_t uid, const char *hash, bool must_change)
{
	return db_rc(
		db_exec(s, "UPDATE users SET pwhash=?, must_change=? WHERE id=?", "sii", hash, (int64_t)must_change, uid));
}

store_rc_t store_login_lock_get(store_t *s, const char *username, int64_t device, int *failed, int64_t *until)
{
	sqlite3_stmt *st =
		db_q(s, "SELECT failed, locked_until FROM login_locks WHERE username=? AND device_id=?", "si", username, device);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	*failed = 0;
	*until = 0;
	if (rc == SQLITE_ROW) {
		*failed = sqlite3_column_int(st, 0);
		*until = sqlite3_column_int64(st, 1);
	}
	return db_end(st, rc);
}

store_rc_t store_login_lock_set(store_t *s, const char *username, int64_t device, int failed, int64_t until)
{
	static const char sql[] = "INSERT INTO login_locks(username, device_id, failed, locked_until) VALUES(?,?,?,?) "
				  "ON CONFLICT(username, device_id) DO UPDATE SET failed=excluded.failed, "
				  "locked_until=excluded.locked_until";
	return db_rc(db_exec(s, sql, "siii", username, device, (int64_t)failed, until));
}

store_rc_t store_login_lock_clear(store_t *s, const char *username, int64_t device)
{
	return db_rc(db_exec(s, "DELETE FROM login_locks WHERE username=? AND device_id=?", "si", username, device));
}

store_rc_t store_login_lock_clear_all(store_t *s, const char *username, int *devices)
{
	if (db_exec(s, "DELETE FROM login_locks WHERE username=?", "s", username) != SQLITE_DONE)
		return STORE_ERROR;
	if (devices)
		*devices = db_changes(s);
	return STORE_OK;
}
