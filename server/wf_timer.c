/* wf_timer.c — due-soon and overdue timers of the workflow engine: set in
 * the transaction of the action that fixes a deadline, fired by the serve
 * loop exactly once each (the row is marked fired in the transaction that
 * writes the notice's audit row), and the notices they send. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "log.h"
#include "store/timer.h"
#include "wf.h"

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
	if (told && store_timer_fired(c->db, kind, object, deadline, what, due))
		return 0; /* already told about this very deadline */
	return store_timer_add(c->db, kind, object, deadline, what, at, due) == STORE_OK ? 0 : -1;
}

int wf_timers_set(srv_ctx_t *c, const char *kind, int64_t object, int due_soon_hours, const wf_deadline_t *dl,
                  unsigned n)
{
	const wt_calendar_t *cal = catalog_calendar();
	bool told; /* a new object (a reception) has no fired timer to look up per deadline */

	if (store_timer_cancel(c->db, kind, object) != STORE_OK)
		return -1;
	told = n > 0 && store_timer_any_fired(c->db, kind, object);
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
	return store_timer_next(db);
}

static const wf_kind_t *s_kind(const wf_kind_t *const *kinds, const char *name)
{
	for (; *kinds; kinds++)
		if (strcmp((*kinds)->name, name) == 0)
			return *kinds;
	return NULL;
}

int wf_timers_fire(srv_ctx_t *c, const wf_kind_t *const *kinds, int max)
{
	store_timer_t due[64];
	int n = store_timer_due(c->db, c->now, max, due, 64);

	for (int i = 0; i < n; i++) {
		wf_timer_t t = {.id = due[i].id, .object = due[i].object, .at = due[i].at, .due = due[i].due};
		const wf_kind_t *k = s_kind(kinds, due[i].kind);
		store_rc_t rc = store_timer_claim(c->db, t.id, c->now);

		if (rc == STORE_ERROR)
			return -1;
		if (rc != STORE_OK)
			continue; /* fired already */
		snprintf(t.kind, sizeof t.kind, "%s", due[i].kind);
		snprintf(t.deadline, sizeof t.deadline, "%s", due[i].deadline);
		snprintf(t.what, sizeof t.what, "%s", due[i].what);
		if (strcmp(t.what, "due_soon") == 0 && c->now >= t.due)
			continue; /* the daemon slept through the window: overdue says it */
		if (k && k->on_timer)
			k->on_timer(c, &t);
		else
			log_warn("timer %lld of unknown kind %s dropped", (long long)t.id, t.kind);
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

static void s_notice_user(void *set, int64_t user)
{
	wf_notice_user(set, user);
}

void wf_notice_unit(store_t *db, json_t *set, int64_t unit, int roles)
{
	store_notice_officials(db, unit, roles, s_notice_user, set);
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
