/* audit.c — the SQLite driver's audit trail (store/audit.h): the rows in
 * table audit, the head in meta. */
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

store_rc_t store_audit_last(store_t *s, int64_t *id, unsigned char prev[STORE_AUDIT_HASH])
{
	sqlite3_stmt *st = db_q(s, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", "");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == STORE_AUDIT_HASH)
			memcpy(prev, sqlite3_column_blob(st, 1), STORE_AUDIT_HASH);
	}
	return db_end(st, rc);
}

store_rc_t store_audit_append(store_t *s, const store_audit_row_t *r, const char *head)
{
	static const char sql[] = "INSERT INTO audit(id, ts, actor, device, action, object, detail, prev, hash) "
	                          "VALUES(?,?,?,?,?,?,?,?,?)";
	store_rc_t rc = db_rc(db_exec(s, sql, "iisisssbb", r->id, r->ts, r->actor, r->device, r->action, r->object,
	                              r->detail, (const void *)r->prev, (size_t)STORE_AUDIT_HASH, (const void *)r->hash,
	                              (size_t)STORE_AUDIT_HASH));

	if (rc != STORE_OK)
		return rc;
	return db_rc(db_exec(s, "INSERT OR REPLACE INTO meta(key, value) VALUES('audit_head', ?)", "s", head));
}

/* Columns of the walk: id, ts, actor, device, action, object, detail,
 * then prev and hash. */
enum { C_ID, C_TS, C_ACTOR, C_DEVICE, C_ACTION, C_OBJECT, C_DETAIL, C_PREV, C_HASH };

/* Are the row's columns of the types store_audit_append writes (integers
 * and texts)? SQLite keeps a value's type per row, so an edit may have
 * changed it. */
static bool s_typed(sqlite3_stmt *st)
{
	static const int ints[] = {C_ID, C_TS, C_DEVICE}, texts[] = {C_ACTOR, C_ACTION, C_OBJECT, C_DETAIL};

	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
		if (sqlite3_column_type(st, ints[i]) != SQLITE_INTEGER)
			return false;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (sqlite3_column_type(st, texts[i]) != SQLITE_TEXT)
			return false;
	return true;
}

/* A text column and its byte count (after _text: the count of the text). */
static const char *s_text(sqlite3_stmt *st, int col, size_t *len)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	*len = (size_t)sqlite3_column_bytes(st, col);
	return t;
}

store_rc_t store_audit_each(store_t *s, int (*each)(void *arg, const store_audit_row_t *r), void *arg)
{
	static const char sql[] =
	    "SELECT id, ts, actor, device, action, object, detail, prev, hash FROM audit ORDER BY id";
	sqlite3_stmt *st = db_stmt(s, sql);
	int rc = SQLITE_ERROR;

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_audit_row_t r = {.typed = s_typed(st)};
		/* the types are read before any conversion below changes them */
		if (r.typed) {
			r.actor = s_text(st, C_ACTOR, &r.actor_len);
			r.action = s_text(st, C_ACTION, &r.action_len);
			r.object = s_text(st, C_OBJECT, &r.object_len);
			r.detail = s_text(st, C_DETAIL, &r.detail_len);
		}
		r.id = sqlite3_column_int64(st, C_ID);
		r.ts = sqlite3_column_int64(st, C_TS);
		r.device = sqlite3_column_int64(st, C_DEVICE);
		r.prev = sqlite3_column_blob(st, C_PREV);
		r.prev_len = (size_t)sqlite3_column_bytes(st, C_PREV);
		r.hash = sqlite3_column_blob(st, C_HASH);
		r.hash_len = (size_t)sqlite3_column_bytes(st, C_HASH);
		if (each(arg, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

store_rc_t store_audit_head(store_t *s, char *buf, size_t n)
{
	sqlite3_stmt *st = db_q(s, "SELECT value FROM meta WHERE key='audit_head'", "");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	const char *v;

	buf[0] = 0;
	if (rc == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(st, 0);
		snprintf(buf, n, "%s", v ? v : "(null)"); /* a NULL head matches no chain */
	}
	return db_end(st, rc);
}
