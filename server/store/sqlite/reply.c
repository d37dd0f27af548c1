/* reply.c — the SQLite driver's remembered replies (store/reply.h): table
 * replies, the body as compact JSON text. */
#include "store/reply.h"

#include <stdlib.h>

#include "db.h"

store_rc_t store_reply_get(store_t *s, const char *principal, int64_t req_id, store_reply_t *out)
{
	sqlite3_stmt *st =
	    db_q(s, "SELECT msg, kind, body FROM replies WHERE principal=? AND req_id=?", "si", principal, req_id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		out->msg = sqlite3_column_int(st, 0);
		out->kind = sqlite3_column_int(st, 1);
		out->body = json_loads((const char *)sqlite3_column_text(st, 2), 0, NULL);
	}
	return db_end(st, rc);
}

store_rc_t store_reply_put(store_t *s, const char *principal, int64_t req_id, int msg, int kind, const json_t *body,
                           int64_t created)
{
	static const char sql[] =
	    "INSERT INTO replies(principal, req_id, msg, kind, body, created) VALUES(?,?,?,?,?,?)";
	char *js = json_dumps(body, JSON_COMPACT);
	store_rc_t rc =
	    js ? db_rc(db_exec(s, sql, "siiisi", principal, req_id, (int64_t)msg, (int64_t)kind, js, created))
	       : STORE_ERROR;

	free(js);
	return rc;
}

int64_t store_reply_oldest(store_t *s)
{
	return db_int(s, "SELECT min(created) FROM replies", 0, "");
}

int store_reply_prune(store_t *s, int64_t before, int max)
{
	static const char sql[] =
	    "DELETE FROM replies WHERE rowid IN (SELECT rowid FROM replies WHERE created < ? ORDER BY created LIMIT ?)";

	return db_exec(s, sql, "ii", before, (int64_t)max) == SQLITE_DONE ? db_changes(s) : -1;
}
