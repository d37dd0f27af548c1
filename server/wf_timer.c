/* wf_timer.c — due-soon and overdue timers of the workflow engine: set in
 * the transaction of the action that fixes a deadline, fired by the serve
 * loop exactly once each (the row is marked fired in the transaction that
 * writes the notice's audit row), and the notices they send. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "log.h"
#include "wf.h"

static const char SQL_CANCEL[] = "DELETE FROM timers WHERE kind=? AND object_id=? AND fired IS NULL";
static const char SQL_FIRED[] = "SELECT count(*) FROM timers WHERE kind=? AND object_id=? AND deadline=? AND what=? "
                                "AND due=? AND fired IS NOT NULL";
static const char SQL_ANY_FIRED[] = "SELECT 1 FROM timers WHERE kind=? AND object_id=? AND fired IS NOT NULL LIMIT 1";
static const char SQL_ADD[] = "INSERT INTO timers(kind, object_id, deadline, what, at, due) VALUES(?,?,?,?,?,?)";

/* The latest instant that still leaves `need` working seconds before due:
 * wt_between(x, due) falls as x grows, so bisect. */
static int64_t s_before(const wt_calendar_t *cal, int64_t due, int64_t need)
{
	int64_t lo = due - 366 * 86400, hi = due;

	if (wt_between(cal, lo, due) < need)
		return lo;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (wt_between(cal, mid, due) >= need)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Schedule one timer, unless it fired already for this very deadline
 * (asked only when any of the object's timers has fired: `told`). */
static int s_add(srv_ctx_t *c, const char *kind, int64_t object, const char *deadline, const char *what, int64_t at,
                 int64_t due, bool told)
{
	if (told && db_int(c->db, SQL_FIRED, 0, "sissi", kind, object, deadline, what, due) > 0)
		return 0; /* already told about this very deadline */
	return db_exec(c->db, SQL_ADD, "sissii", kind, object, deadline, what, at, due) == SQLITE_DONE ? 0 : -1;
}

int wf_timers_set(srv_ctx_t *c, const char *kind, int64_t object, int due_soon_hours, const wf_deadline_t *dl,
                  unsigned n)
{
	const wt_calendar_t *cal = catalog_calendar();
	bool told; /* a new object (a reception) has no fired timer to look up per deadline */

	if (db_exec(c->db, SQL_CANCEL, "si", kind, object) != SQLITE_DONE)
		return -1;
	told = n > 0 && db_int(c->db, SQL_ANY_FIRED, 0, "si", kind, object) > 0;
	for (unsigned i = 0; i < n; i++) {
		int64_t soon = s_before(cal, dl[i].due, (int64_t)due_soon_hours * 3600);
		/* a window already open when the deadline is set is no news */
		if (due_soon_hours > 0 && soon > c->now && soon < dl[i].due &&
		    s_add(c, kind, object, dl[i].name, "due_soon", soon, dl[i].due, told) != 0)
			return -1;
		/* overdue from the first second past the deadline: at the deadline
		 * itself the work is still on time (lists and cards say so too) */
		if (s_add(c, kind, object, dl[i].name, "overdue", dl[i].due + 1, dl[i].due, told) != 0)
			return -1;
	}
	return 0;
}

int64_t wf_timers_next(store_t *db)
{
	return db_int(db, "SELECT coalesce(max(min(at), 1), 0) FROM timers WHERE fired IS NULL", 0, "");
}

static const wf_kind_t *s_kind(const wf_kind_t *const *kinds, const char *name)
{
	for (; *kinds; kinds++)
		if (strcmp((*kinds)->name, name) == 0)
			return *kinds;
	return NULL;
}

#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", (const char *)sqlite3_column_text(st, i))

int wf_timers_fire(srv_ctx_t *c, const wf_kind_t *const *kinds, int max)
{
	static const char sql[] = "SELECT id, kind, object_id, deadline, what, at, due FROM timers "
	                          "WHERE fired IS NULL AND at <= ? ORDER BY at, id LIMIT ?";
	wf_timer_t ts[64];
	int n = 0;
	sqlite3_stmt *st = db_q(c->db, sql, "ii", c->now, (int64_t)(max < 64 ? max : 64));

	while (st && n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		wf_timer_t *t = &ts[n++];
		t->id = sqlite3_column_int64(st, 0);
		COPY(t->kind, 1);
		t->object = sqlite3_column_int64(st, 2);
		COPY(t->deadline, 3);
		COPY(t->what, 4);
		t->at = sqlite3_column_int64(st, 5);
		t->due = sqlite3_column_int64(st, 6);
	}
	if (st)
		sqlite3_reset(st);
	if (!st)
		return -1;
	for (int i = 0; i < n; i++) {
		const wf_kind_t *k = s_kind(kinds, ts[i].kind);
		if (db_exec(c->db, "UPDATE timers SET fired=? WHERE id=? AND fired IS NULL", "ii", c->now, ts[i].id) !=
		    SQLITE_DONE)
			return -1;
		if (db_changes(c->db) != 1)
			continue;
		if (strcmp(ts[i].what, "due_soon") == 0 && c->now >= ts[i].due)
			continue; /* the daemon slept through the window: overdue says it */
		if (k && k->on_timer)
			k->on_timer(c, &ts[i]);
		else
			log_warn("timer %lld of unknown kind %s dropped", (long long)ts[i].id, ts[i].kind);
	}
	return n;
}

/* --- notices --- */

void wf_notice_user(json_t *set, int64_t user)
{
	char key[24];
	if (user <= 0)
		return;
	snprintf(key, sizeof key, "%lld", (long long)user);
	json_object_set_new(set, key, json_true());
}

void wf_notice_unit(store_t *db, json_t *set, int64_t unit, int roles)
{
	sqlite3_stmt *st = db_q(db, "SELECT id FROM users WHERE unit_id=? AND (roles & ?) != 0 AND disabled=0", "ii",
	                        unit, (int64_t)roles);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		wf_notice_user(set, sqlite3_column_int64(st, 0));
	if (st)
		sqlite3_reset(st);
}

void wf_notice_send(srv_ctx_t *c, const json_t *set, const json_t *body)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)set, key, v)
	{
		srv_event(c, EV_notice, json_deep_copy(body), NULL, strtoll(key, NULL, 10));
	}
}
