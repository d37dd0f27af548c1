/* notice.c — the SQLite driver's notices to citizens (store/notice.h): the
 * dossier_notices table of migration 0020. */
#include "store/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

store_rc_t store_notice_add(store_t *s, const store_notice_t *n, int64_t now, int64_t *id)
{
	store_rc_t rc = db_rc(db_exec(s,
				      "INSERT INTO dossier_notices(dossier_id, kind, channel, recipient, subject, body, "
				      "created, next_at) VALUES(?,?,?,?,?,?,?,?)",
				      "isssssii", n->dossier, n->kind, n->channel, n->recipient, n->subject, n->body,
				      now, now));
	if (rc == STORE_OK && id)
		*id = db_last_id(s);
	return rc;
}

int64_t store_notice_next(store_t *s)
{
	int64_t at = db_int(s, "SELECT min(next_at) FROM dossier_notices WHERE status IN ('queued', 'retrying')", 0, "");
	return at < 1 && db_int(s, "SELECT count(*) FROM dossier_notices WHERE status IN ('queued', 'retrying')", 0, "")
		       ? 1
		       : at;
}

static char *s_dup(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return strdup(v ? v : "");
}

int store_notice_take(store_t *s, int64_t now, store_notice_t *out, int max)
{
	sqlite3_stmt *st = db_q(s,
				"SELECT n.id, n.dossier_id, n.kind, n.channel, n.recipient, d.code, n.subject, n.body, "
				"n.attempts FROM dossier_notices n JOIN dossiers d ON d.id = n.dossier_id "
				"WHERE n.status IN ('queued', 'retrying') AND n.next_at <= ? ORDER BY n.next_at, n.id LIMIT ?",
				"ii", now, (int64_t)max);
	int k = 0, rc = SQLITE_ERROR;

	while (st && k < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_notice_t *n = &out[k++];
		memset(n, 0, sizeof *n);
		n->id = sqlite3_column_int64(st, 0);
		n->dossier = sqlite3_column_int64(st, 1);
		snprintf(n->kind, sizeof n->kind, "%s", (const char *)sqlite3_column_text(st, 2));
		snprintf(n->channel, sizeof n->channel, "%s", (const char *)sqlite3_column_text(st, 3));
		snprintf(n->recipient, sizeof n->recipient, "%s", (const char *)sqlite3_column_text(st, 4));
		snprintf(n->code, sizeof n->code, "%s", (const char *)sqlite3_column_text(st, 5));
		n->subject = s_dup(st, 6);
		n->body = s_dup(st, 7);
		n->attempts = (int)sqlite3_column_int64(st, 8);
	}
	if (st)
		sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		goto fail;
	for (int i = 0; i < k; i++)
		if (db_exec(s, "UPDATE dossier_notices SET status = 'sending' WHERE id = ?", "i", out[i].id) !=
		    SQLITE_DONE)
			goto fail;
	return k;
fail:
	for (int i = 0; i < k; i++)
		store_notice_free(&out[i]);
	return -1;
}

store_rc_t store_notice_done(store_t *s, int64_t id, int64_t now, const char *error, int64_t retry_at)
{
	if (!error)
		return db_rc(db_exec(s,
				     "UPDATE dossier_notices SET status = 'sent', attempts = attempts + 1, done_at = ?, "
				     "error = '' WHERE id = ?",
				     "ii", now, id));
	return db_rc(db_exec(s,
			     "UPDATE dossier_notices SET status = CASE WHEN ? > 0 THEN 'retrying' ELSE 'failed' END, "
			     "attempts = attempts + 1, next_at = CASE WHEN ? > 0 THEN ? ELSE next_at END, "
			     "done_at = CASE WHEN ? > 0 THEN NULL ELSE ? END, error = ? WHERE id = ?",
			     "iiiiisi", retry_at, retry_at, retry_at, retry_at, now, error, id));
}

bool store_notice_unrecorded(store_t *s, int64_t id, int attempts)
{
	return db_int(s, "SELECT count(*) FROM dossier_notices WHERE id = ? AND status = 'sending' AND attempts = ?", 0,
		      "ii", id, (int64_t)attempts) > 0;
}

int store_notice_requeue(store_t *s, int64_t now)
{
	if (db_exec(s, "UPDATE dossier_notices SET status = 'retrying', next_at = ? WHERE status = 'sending'", "i",
		    now) != SQLITE_DONE)
		return -1;
	return db_changes(s);
}

json_t *store_notice_list(store_t *s, int64_t dossier)
{
	sqlite3_stmt *st = db_q(s,
				"SELECT kind, channel, recipient, status, attempts, created, next_at, "
				"coalesce(done_at, 0) AS done_at, error FROM dossier_notices WHERE dossier_id = ? "
				"ORDER BY id",
				"i", dossier);
	return st ? db_rows(st) : NULL;
}

void store_notice_free(store_notice_t *n)
{
	free(n->subject);
	free(n->body);
	n->subject = n->body = NULL;
}
