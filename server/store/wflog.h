/* store/wflog.h — the one log of workflow moves every kind of work keeps
 * (wf_apply writes it; the timelines and printed forms read it): who moved
 * which object, when, from where to where, with what note. */
#ifndef CONGVU_STORE_WFLOG_H
#define CONGVU_STORE_WFLOG_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* One move. Strings may be NULL (stored as none); note "" for none. */
typedef struct store_wflog {
	const char *kind; /* wf_kind_t.name */
	int64_t object;   /* the kind's id of the instance */
	int64_t at;
	int64_t user;     /* 0: the server itself (console, timers) */
	const char *action;
	const char *from_state;
	int from_step;    /* -1: the kind has no steps */
	const char *to_state;
	int to_step;      /* -1: no steps */
	int64_t to_unit;  /* the holder it went to, 0: none */
	const char *to_role;
	const char *note;
	const char *grade; /* the finished step's grade */
	const char *form;  /* the desk form issued */
	const json_t *extra; /* the kind's own fields (an object; borrowed), NULL: none */
} store_wflog_t;

store_rc_t store_wflog_append(store_t *s, const store_wflog_t *e);

/* The object's moves, newest first, with ids below `before` (0: from the
 * newest), at most `limit` (< 0: all), as rows {id, at, user, who,
 * action, from_state, from_step, to_state, to_step, to_unit (its name),
 * to_role, note, grade, form} and the kind's extra fields merged in; a
 * column the move has no value for is left out (user "console" and who
 * "Hệ thống" for the server's own moves). New reference. */
json_t *store_wflog_page(store_t *s, const char *kind, int64_t object, int64_t before, int limit);
/* How many moves the object has. */
int64_t store_wflog_count(store_t *s, const char *kind, int64_t object);
/* The latest move of the object that issued `form`: STORE_OK with its
 * note (a new string, the caller frees) and time, STORE_NONE when none. */
store_rc_t store_wflog_form(store_t *s, const char *kind, int64_t object, const char *form, char **note, int64_t *at);

#endif
