/* store/timer.h — the store's timers of the workflow engine: one per
 * (kind of work, object, deadline, what), due at an instant, pending until
 * claimed, and kept once fired so the same deadline is not told twice;
 * and who a unit's notices go to. When to schedule and what a timer does
 * is wf_timer.c's. */
#ifndef CONGVU_STORE_TIMER_H
#define CONGVU_STORE_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* A timer. */
typedef struct {
	int64_t id;
	char kind[16];     /* the kind of work: "dossier", "task" */
	int64_t object;    /* the object's id in its kind */
	char deadline[16]; /* which deadline of the object: "step", "due", ... */
	char what[16];     /* "due_soon" or "overdue" */
	int64_t at;        /* when it fires */
	int64_t due;       /* the deadline's instant */
} store_timer_t;

/* Delete the pending timers of (kind, object); fired ones stay. STORE_OK
 * (none: STORE_OK all the same), STORE_ERROR. */
store_rc_t store_timer_cancel(store_t *s, const char *kind, int64_t object);

/* Has any timer of (kind, object) fired? */
bool store_timer_any_fired(store_t *s, const char *kind, int64_t object);

/* Has a timer of (kind, object, deadline, what) fired for the deadline at
 * due? */
bool store_timer_fired(store_t *s, const char *kind, int64_t object, const char *deadline, const char *what,
                       int64_t due);

/* Schedule a pending timer of (kind, object, deadline, what) firing at
 * `at` for the deadline at due, in the caller's transaction: STORE_OK,
 * STORE_ERROR. */
store_rc_t store_timer_add(store_t *s, const char *kind, int64_t object, const char *deadline, const char *what,
                           int64_t at, int64_t due);

/* The earliest pending timer's instant, at least 1 (one set at 0 or before
 * is due at once), 0 when there is none. */
int64_t store_timer_next(store_t *s);

/* Up to max (at most n) pending timers due at now (at <= now), earliest
 * first (by at, then id), into out: how many, or -1 on an error. */
int store_timer_due(store_t *s, int64_t now, int max, store_timer_t *out, int n);

/* Mark timer id fired at now, in the caller's transaction: STORE_OK when
 * this call fired it, STORE_NONE when it had fired already or is gone (a
 * timer fires once), STORE_ERROR. */
store_rc_t store_timer_claim(store_t *s, int64_t id, int64_t now);

/* Who a unit's notices go to: each(arg, user) for every enabled official of
 * unit holding any of the roles (a ROLE_* mask). STORE_OK, STORE_ERROR. */
store_rc_t store_notice_officials(store_t *s, int64_t unit, int roles, void (*each)(void *arg, int64_t user),
                                  void *arg);

#endif
