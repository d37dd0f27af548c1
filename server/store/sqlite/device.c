/* device.c — the SQLite driver's devices and invites (store/device.h). */
#include "store/device.h"

#include <stdio.h>

#include "db.h"

/* An id and a text (col 0 and 1 of st's one row, the text into n bytes). */
static store_rc_t s_id_text(sqlite3_stmt *st, int64_t *id, char *text, size_t n)
{
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(text, n, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	return db_end(st, rc);
}

store_rc_t store_invite_add(store_t *s, const unsigned char hash[STORE_INVITE_HASH], int64_t unit_id,
			    int64_t created_by, int64_t now, int64_t expires, int64_t *id)
{
	if (db_exec(s, "INSERT INTO invites(token_hash, unit_id, created_by, created, expires) VALUES(?,?,NULLIF(?,0),?,?)",
		    "biiii", (const void *)hash, (size_t)STORE_INVITE_HASH, unit_id, created_by, now,
		    expires) != SQLITE_DONE)
		return STORE_ERROR;
	*id = db_last_id(s);
	return STORE_OK;
}

store_rc_t store_invite_find(store_t *s, const unsigned char hash[STORE_INVITE_HASH], int64_t now, int64_t *id,
			     int64_t *unit_id, char *unit, size_t n)
{
	sqlite3_stmt *st = db_q(s,
				"SELECT i.id, i.unit_id, u.code FROM invites i JOIN units u ON u.id=i.unit_id "
				"WHERE i.token_hash=? AND i.used=0 AND i.expires>?",
				"bi", (const void *)hash, (size_t)STORE_INVITE_HASH, now);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*unit_id = sqlite3_column_int64(st, 1);
		snprintf(unit, n, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	return db_end(st, rc);
}

store_rc_t store_invite_use(store_t *s, int64_t id, int64_t now, int64_t device)
{
	return db_rc(db_exec(s, "UPDATE invites SET used=?, device_id=? WHERE id=?", "iii", now, device, id));
}

store_rc_t store_invite_device(store_t *s, const unsigned char hash[STORE_INVITE_HASH], const char *key, int64_t id,
			       int64_t *device, char *unit, size_t n)
{
	return s_id_text(
		db_q(s,
		     "SELECT d.id, u.code FROM invites i JOIN devices d ON d.id=i.device_id JOIN units u ON u.id=d.unit_id "
		     "WHERE i.token_hash=? AND (d.pubkey=? OR d.id=?) AND d.revoked=0",
		     "bsi", (const void *)hash, (size_t)STORE_INVITE_HASH, key ? key : "", id),
		device, unit, n);
}

store_rc_t store_device_add(store_t *s, const char *key, const char *name, int64_t unit_id, int64_t now,
			    int64_t *id)
{
	store_rc_t rc = db_rc(db_exec(s, "INSERT INTO devices(pubkey, name, unit_id, enrolled) VALUES(?,?,?,?)", "ssii",
				      key, name, unit_id, now));
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

store_rc_t store_device_by_key(store_t *s, const char *key, int64_t *id, bool *revoked)
{
	sqlite3_stmt *st = db_q(s, "SELECT id, revoked FROM devices WHERE pubkey=?", "s", key);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*revoked = sqlite3_column_int64(st, 1) != 0;
	}
	return db_end(st, rc);
}

store_rc_t store_device_path(store_t *s, int64_t id, char *path, size_t n)
{
	sqlite3_stmt *st = db_q(s, "SELECT u.path FROM devices d JOIN units u ON u.id=d.unit_id WHERE d.id=?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW)
		snprintf(path, n, "%s", (const char *)sqlite3_column_text(st, 0));
	return db_end(st, rc);
}

json_t *store_device_list(store_t *s, const char *path)
{
	static const char sql[] = "SELECT d.id, d.name, u.code AS unit, u.name AS unit_name, d.revoked, d.enrolled, "
				  "d.last_seen, substr(d.pubkey, 1, 8) AS key, "
				  "(SELECT x.username FROM sessions s JOIN users x ON x.id=s.user_id WHERE s.device_id=d.id) AS user "
				  "FROM devices d JOIN units u ON u.id=d.unit_id WHERE u.path LIKE ? || '%' ORDER BY d.id";
	return db_rows(db_q(s, sql, "s", path));
}

store_rc_t store_device_revoke(store_t *s, int64_t id)
{
	return db_rc(db_exec(s, "UPDATE devices SET revoked=1 WHERE id=?", "i", id));
}

store_rc_t store_device_rename(store_t *s, int64_t id, const char *name)
{
	if (db_exec(s, "UPDATE devices SET name=? WHERE id=?", "si", name, id) != SQLITE_DONE)
		return STORE_ERROR;
	return db_changes(s) ? STORE_OK : STORE_NONE;
}

store_rc_t store_endpoint_get(store_t *s, char *endpoint, size_t n)
{
	sqlite3_stmt *st = db_q(s, "SELECT value FROM meta WHERE key='endpoint'", "");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW)
		snprintf(endpoint, n, "%s", (const char *)sqlite3_column_text(st, 0));
	return db_end(st, rc);
}

store_rc_t store_endpoint_set(store_t *s, const char *endpoint)
{
	return db_rc(db_exec(s, "INSERT OR REPLACE INTO meta(key, value) VALUES('endpoint', ?)", "s", endpoint));
}
