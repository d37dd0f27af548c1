/* store/task.h — the store's tasks: the task record with its units, its
 * history and thread a page at a time, the selections lists and boards
 * make (typed filters; the driver chooses how to read them), and the
 * recurring definitions the server generates tasks from. */
#ifndef CONGVU_STORE_TASK_H
#define CONGVU_STORE_TASK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A task as the task modules read it: its own fields and the names of
 * the officials and units it refers to (0 and "" for none). */
typedef struct {
	int64_t id, version, seq;
	char code[32], title[320], state[32], priority[16], source[16], source_ref[256];
	char *description; /* owned */
	json_t *refs;      /* owned: array of strings */
	int64_t assigner_id, assigner_unit, lead_unit, lead_user, parent_id, recurring_id;
	char assigner[64], assigner_name[160], assigner_path[512]; /* "console": the server's own */
	char lead_code[64], lead_name[256], lead_path[512], lead_username[64], lead_user_name[160];
	char parent_code[32], period[16];
	int percent;
	int64_t deadline, original_deadline, proposed, created, done_at, finished;
	char grade[16];
	json_t *coop; /* owned: [{code, name, path}] of co-operating units, by path */
} store_task_t;

/* A new task; strings borrowed, NULL for none. */
typedef struct {
	const char *title, *description, *priority, *source, *source_ref, *period;
	json_t *refs; /* array of strings, borrowed; NULL: none */
	int64_t assigner_id, assigner_unit, lead_unit, lead_user, parent_id, recurring_id; /* 0: none */
	const int64_t *coop;                                                               /* co-operating unit ids */
	unsigned ncoop;
	int64_t deadline;
} store_task_spec_t;

/* --- the task --- */

/* The task with this code (or id, when code is NULL) into *t: STORE_OK
 * (free with store_task_clear), STORE_NONE when there is none (t zeroed). */
store_rc_t store_task_get(store_t *s, const char *code, int64_t id, store_task_t *t);
void store_task_clear(store_task_t *t);

/* Insert a new task from spec under `code` (allocated by the caller from
 * its series in this transaction), in workflow version wf_version and
 * `state`, created at `now`, with its assigning, lead and co-operating
 * units. STORE_OK with its id in *id; STORE_EXISTS when the code, or a
 * recurring definition's (definition, period, lead unit), is taken. */
store_rc_t store_task_insert(store_t *s, const store_task_spec_t *spec, const char *code, int wf_version,
                             const char *state, int64_t now, int64_t *id);

/* Save t's state, percent, deadlines, done/finished times and grade where
 * its version is still t->version, and bump the version: STORE_OK,
 * STORE_STALE when another save came first (nothing written). */
store_rc_t store_task_save(store_t *s, const store_task_t *t);

/* The change sequence: where the previous change notice put the task
 * (its state into state, n bytes, and whether it was overdue): STORE_OK,
 * STORE_NONE when none was sent yet (a new task). */
store_rc_t store_task_told(store_t *s, int64_t id, char *state, size_t n, bool *overdue);
/* Give the task change number seq and remember its state and whether it
 * is overdue at now as what this change told. */
store_rc_t store_task_set_seq(store_t *s, int64_t id, int64_t seq, int64_t now);
/* The highest change number any task carries (0: none). */
int64_t store_task_seq_max(store_t *s);

/* The sub-tasks of a task at now. */
typedef struct {
	int64_t total;
	int64_t done;      /* finished with a grade */
	int64_t overdue;   /* open, not reported done, past their deadline */
	int64_t cancelled; /* finished without a grade */
	double percent;    /* their average progress */
} store_task_rollup_t;
/* STORE_OK with *out (total 0: it has none). */
store_rc_t store_task_rollup(store_t *s, int64_t id, int64_t now, store_task_rollup_t *out);
/* The ids of the task's sub-tasks, oldest first. New reference (array of
 * integers). */
json_t *store_task_children(store_t *s, int64_t id);

/* --- the thread --- */

/* A directive or a comment (kind "directive", "comment") of `user` (0:
 * the server) into the task's thread. */
store_rc_t store_task_thread_append(store_t *s, int64_t task, int64_t at, int64_t user, const char *kind,
                                    const char *text);

/* The thread of the task, read a page at a time (its history is the
 * workflow log, store/wflog.h): rows {id, at, user, who, kind, text} with
 * ids below `before` (0: from the newest), newest first, at most limit;
 * user "console" for the server's own. New reference. */
json_t *store_task_thread_page(store_t *s, int64_t task, int64_t before, int64_t limit);
/* How many rows the task's thread has. */
int64_t store_task_thread_count(store_t *s, int64_t task);

/* --- finding tasks: lists and boards --- */

/* Which tasks a list or board wants; zero/NULL fields do not filter. */
typedef struct {
	const char *path;  /* tasks whose units (of `roles`) are in the subtree of this unit path */
	const char *roles; /* ",lead,coop," or ",assigner,lead,coop," */
	int64_t me;        /* also tasks this user assigned or leads */
	const char *state, *priority, *source;
	bool overdue;         /* open, not reported done, past the deadline */
	int64_t assigner;     /* assigned by this user */
	int64_t person;       /* led by this user */
	int64_t mine_unit;    /* open and tied to this unit or to `me` (candidates for "waiting on me") */
	int64_t closed_since; /* finished tasks only from then on (0: all) */
	int max;              /* at most this many (0: 2000) */
	int64_t offset;       /* after the first `offset` */
	int plan;             /* the store's way of reading f, kept for its next query (0: none yet); the
	                         same path, window and mine_unit keep the same way */
} store_task_filter_t;

/* The ids of the tasks f selects at now, open first, overdue first, then
 * by deadline (to the minute) and code — a board column's order. New
 * reference (array of integers; empty on a database error). */
json_t *store_task_find(store_t *s, store_task_filter_t *f, int64_t now);
/* A board's columns: for each state that f (its state aside) selects any
 * task in at now, {state: {"n": how many, "ids": the page [offset,
 * offset + max) in store_task_find's order}}. The store reads it the
 * cheapest way: the whole province by a count and a page per state, a
 * subtree in one walk. New reference; NULL on a database error. */
json_t *store_task_board(store_t *s, store_task_filter_t *f, int64_t now);

/* The official `username`: STORE_OK with the id, unit and whether
 * disabled (any may be NULL), STORE_NONE when there is none. */
store_rc_t store_task_person(store_t *s, const char *username, int64_t *id, int64_t *unit, bool *disabled);

/* --- recurring definitions --- */

/* A definition to run or to stop. */
typedef struct {
	int64_t id, assigner_id, assigner_unit; /* assigner_id 0: the console */
	char *title, *description;              /* owned (store_recur_clear) */
	char priority[16], every[16], last_period[16];
	int day;
	bool active;
} store_recur_t;

/* A new definition; strings borrowed. */
typedef struct {
	const char *title, *description, *every, *priority;
	int day;
	int64_t assigner_id, assigner_unit; /* assigner_id 0: the console */
	const char *last_period;            /* "": none generated yet */
	int64_t next_at;                    /* when the server looks at it first */
	const int64_t *units;               /* the units it generates for */
	size_t nunits;
} store_recur_spec_t;

/* Insert a definition created at now with its units: STORE_OK, the id in *id. */
store_rc_t store_recur_insert(store_t *s, const store_recur_spec_t *spec, int64_t now, int64_t *id);
/* Definition id, who assigned it and whether it is active (no title or
 * description): STORE_OK, STORE_NONE. */
store_rc_t store_recur_get(store_t *s, int64_t id, store_recur_t *out);
/* Stop it: no more generations. */
store_rc_t store_recur_stop(store_t *s, int64_t id);
/* The definitions, active or stopped, assigned in or generating for the
 * subtree at path, as rows {id, title, every, day, priority, active
 * (boolean), last_period, assigner ("" for the console), assigner_unit,
 * units (array of unit codes)}, oldest first. New reference. */
json_t *store_recur_list(store_t *s, const char *path);

/* At most max active definitions due at now (their next look at or
 * before it), oldest first, into out[]: how many, -1 on a database error.
 * Free each with store_recur_clear. */
int store_recur_due(store_t *s, int64_t now, store_recur_t *out, int max);
void store_recur_clear(store_recur_t *r);
/* The ids of the units definition id generates for. New reference (array
 * of integers). */
json_t *store_recur_units(store_t *s, int64_t id);
/* Has definition id a task for period at the lead unit already? */
bool store_recur_made(store_t *s, int64_t id, const char *period, int64_t unit);
/* After a run for period: its last generated period moves forward only
 * (never back to period), the next look at next_at. */
store_rc_t store_recur_ran(store_t *s, int64_t id, const char *period, int64_t next_at);
/* When the server must look again: the earliest next look of an active
 * definition (at least 1), 0 when none is active. */
int64_t store_recur_next(store_t *s);

#endif
