/* timer.c — the SQLite driver's timers (store/timer.h): table timers, a
 * pending timer's `fired` NULL; and the officials notices go to. */
#include "store/timer.h"

#include <stdio.h>

#include "db.h"

store_rc_t store_timer_cancel(store_t *s, const char *kind, int64_t object)
{
	return db_rc(
	    db_exec(s, "DELETE FROM timers WHERE kind=? AND object_id=? AND fired IS NULL", "si", kind, object));
}

bool store_timer_any_fired(store_t *s, const char *kind, int64_t object)
{
	static const char sql[] = "SELECT 1 FROM timers WHERE kind=? AND object_id=? AND fired IS NOT NULL LIMIT 1";
	return db_int(s, sql, 0, "si", kind, object) > 0;
}

bool store_timer_fired(store_t *s, const char *kind, int64_t object, const char *deadline, const char *what,
                       int64_t due)
{
	static const char sql[] = "SELECT count(*) FROM timers WHERE kind=? AND object_id=? AND deadline=? AND what=? "
	                          "AND due=? AND fired IS NOT NULL";
	return db_int(s, sql, 0, "sissi", kind, object, deadline, what, due) > 0;
}

store_rc_t store_timer_add(store_t *s, const char *kind, int64_t object, const char *deadline, const char *what,
                           int64_t at, int64_t due)
{
	static const char sql[] = "INSERT INTO timers(kind, object_id, deadline, what, at, due) VALUES(?,?,?,?,?,?)";
	return db_rc(db_exec(s, sql, "sissii", kind, object, deadline, what, at, due));
}

int64_t store_timer_next(store_t *s)
{
	return db_int(s, "SELECT coalesce(max(min(at), 1), 0) FROM timers WHERE fired IS NULL", 0, "");
}

#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", (const char *)sqlite3_column_text(st, i))

int store_timer_due(store_t *s, int64_t now, int max, store_timer_t *out, int n)
{
	static const char sql[] = "SELECT id, kind, object_id, deadline, what, at, due FROM timers "
	                          "WHERE fired IS NULL AND at <= ? ORDER BY at, id LIMIT ?";
	sqlite3_stmt *st = db_q(s, sql, "ii", now, (int64_t)(max < n ? max : n));
	int k = 0;

	if (!st)
		return -1;
	while (k < n && sqlite3_step(st) == SQLITE_ROW) {
		store_timer_t *t = &out[k++];
		t->id = sqlite3_column_int64(st, 0);
		COPY(t->kind, 1);
		t->object = sqlite3_column_int64(st, 2);
		COPY(t->deadline, 3);
		COPY(t->what, 4);
		t->at = sqlite3_column_int64(st, 5);
		t->due = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	return k;
}

store_rc_t store_timer_claim(store_t *s, int64_t id, int64_t now)
{
	if (db_exec(s, "UPDATE timers SET fired=? WHERE id=? AND fired IS NULL", "ii", now, id) != SQLITE_DONE)
		return STORE_ERROR;
	return db_changes(s) == 1 ? STORE_OK : STORE_NONE;
}

store_rc_t store_notice_officials(store_t *s, int64_t unit, int roles, void (*each)(void *arg, int64_t user), void *arg)
{
	sqlite3_stmt *st = db_q(s, "SELECT id FROM users WHERE unit_id=? AND (roles & ?) != 0 AND disabled=0", "ii",
	                        unit, (int64_t)roles);
	int rc = SQLITE_ERROR;

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		each(arg, sqlite3_column_int64(st, 0));
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}
