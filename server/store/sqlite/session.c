/* session.c — the SQLite driver's sessions (store/session.h). */
#include "store/session.h"

#include <stdio.h>

#include "db.h"

store_rc_t store_device_get(store_t *s, int64_t id, store_device_t *out)
{
	sqlite3_stmt *st = db_q(s, "SELECT revoked, unit_id FROM devices WHERE id=?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		out->revoked = sqlite3_column_int(st, 0) != 0;
		out->unit_id = sqlite3_column_int64(st, 1);
	}
	return db_end(st, rc);
}

store_rc_t store_actor_get(store_t *s, int64_t uid, store_actor_t *out)
{
	static const char sql[] = "SELECT u.username, u.roles, u.unit_id, t.path, u.must_change, u.disabled, t.office "
				  "FROM users u JOIN units t ON t.id=u.unit_id WHERE u.id=?";
	sqlite3_stmt *st = db_q(s, sql, "i", uid);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		snprintf(out->username, sizeof out->username, "%s", (const char *)sqlite3_column_text(st, 0));
		out->roles = sqlite3_column_int(st, 1);
		out->unit_id = sqlite3_column_int64(st, 2);
		snprintf(out->unit_path, sizeof out->unit_path, "%s", (const char *)sqlite3_column_text(st, 3));
		out->must_change = sqlite3_column_int(st, 4) != 0;
		out->disabled = sqlite3_column_int(st, 5) != 0;
		out->unit_office = sqlite3_column_int(st, 6) != 0;
	}
	return db_end(st, rc);
}

store_rc_t store_session_get(store_t *s, int64_t device, int64_t *user, int64_t *last_active)
{
	sqlite3_stmt *st = db_q(s, "SELECT user_id, last_active FROM sessions WHERE device_id=?", "i", device);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*user = sqlite3_column_int64(st, 0);
		*last_active = sqlite3_column_int64(st, 1);
	}
	return db_end(st, rc);
}

store_rc_t store_session_start(store_t *s, int64_t device, int64_t user, int64_t now)
{
	if (db_exec(s, "INSERT OR REPLACE INTO sessions(device_id, user_id, started, last_active) VALUES(?,?,?,?)", "iiii",
		    device, user, now, now) != SQLITE_DONE)
		return STORE_ERROR;
	return db_rc(db_exec(s, "UPDATE devices SET last_seen=? WHERE id=?", "ii", now, device));
}

store_rc_t store_session_end(store_t *s, int64_t device)
{
	return db_rc(db_exec(s, "DELETE FROM sessions WHERE device_id=?", "i", device));
}

store_rc_t store_session_end_user(store_t *s, int64_t user)
{
	return db_rc(db_exec(s, "DELETE FROM sessions WHERE user_id=?", "i", user));
}

store_rc_t store_session_touch(store_t *s, int64_t device, int64_t now)
{
	if (db_exec(s, "UPDATE sessions SET last_active=? WHERE device_id=?", "ii", now, device) != SQLITE_DONE)
		return STORE_ERROR;
	return db_rc(db_exec(s, "UPDATE devices SET last_seen=? WHERE id=?", "ii", now, device));
}

store_rc_t store_peer_get(store_t *s, int64_t device, store_peer_t *out)
{
	static const char sql[] = "SELECT d.revoked, s.user_id, s.last_active, u.disabled FROM devices d "
				  "LEFT JOIN sessions s ON s.device_id=d.id LEFT JOIN users u ON u.id=s.user_id "
				  "WHERE d.id=?";
	sqlite3_stmt *st = db_q(s, sql, "i", device);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		out->revoked = sqlite3_column_int(st, 0) != 0;
		out->user_id = sqlite3_column_int64(st, 1);
		out->last_active = sqlite3_column_int64(st, 2);
		out->disabled = sqlite3_column_int(st, 3) != 0;
	}
	return db_end(st, rc);
}
