/* wf.h — the workflow engine every kind of work shares (one-stop dossiers,
 * tasks, later documents). From a workflow's data it plans an action on an
 * instance — from-state, who may, required fields, the target state and
 * step, the clock — and keeps the due-soon / overdue timers. The module of
 * each kind owns its rows and says, through a wf_kind_t table, what its
 * `by` rules and effects mean; the engine never switches on a kind. */
#ifndef CONGVU_WF_H
#define CONGVU_WF_H

#include <stdbool.h>
#include <stddef.h>

#include "forms.h"
#include "srv.h"

/* Where an instance stands. Kinds without steps leave the step fields 0. */
typedef struct {
	const char *state;
	int step, nsteps;         /* current step, number of steps */
	int first_step;           /* @prev never goes before it (dossier: 1, after reception) */
	const char *step_name;    /* for messages; NULL when none */
	const char *paused_state; /* where @resume leads ("" or NULL: the initial state) */
	int paused_step;
	int64_t version; /* a request naming another version gets a conflict */
} wf_inst_t;

/* A pending or fired timer (table `timers`). */
typedef struct {
	int64_t id, object, at, due;
	char kind[16];     /* the wf_kind_t name */
	char deadline[16]; /* which deadline of the object: "step", "due", "deadline" */
	char what[16];     /* "due_soon" or "overdue" */
} wf_timer_t;

/* An effect a transition names (`effect:` in the workflow): changes the
 * module's object obj from the request. */
typedef struct {
	const char *name;
	proto_err_t (*fn)(srv_ctx_t *c, void *obj, const json_t *req);
} wf_effect_t;

/* What a transition may require of a request, and how a refusal names it. */
typedef struct {
	const char *name, *label; /* "note", "ghi chú/lý do" */
} wf_require_t;

struct wf_apply_ops;
struct store_wflog;

/* A `by` rule of a kind: its word in workflow files, who satisfies it on
 * an instance, and how a refusal names them ("thuộc về %s"). */
typedef struct {
	const char *name;
	bool (*may)(const srv_ctx_t *c, const void *obj);
	const char *who;
} wf_rule_t;

/* One kind of work, supplied by its module and listed in wf_kinds.c. The
 * loader (forms_kinds.c) checks a workflow file of this kind against the
 * words it declares here: its `by` rules (those it gives a `may`, and the
 * engine's "roles"), requires, effects and form codes. */
typedef struct wf_kind {
	const char *name;        /* workflows' `kind` and timers.kind: "dossier" */
	const char *noun, *Noun; /* "hồ sơ", "Hồ sơ" */
	/* The kind's `by` rules, NULL-name ended: a workflow's states and
	 * transitions name them, and hold their index (wf_by_t). "roles" is
	 * the engine's own (WF_BY_ROLES). */
	const wf_rule_t *rules;
	const char *(*path)(const void *obj); /* the unit subtree `by: roles` needs */
	const wf_effect_t *effects;           /* ends with a NULL name */
	/* A timer of this kind fired (inside the caller's transaction): queue
	 * notices to the users concerned and write the audit row. */
	void (*on_timer)(srv_ctx_t *c, const wf_timer_t *t);
	/* The `by` word holding a state that walks a procedure's steps (NULL:
	 * the kind has no steps), and the one holding any other waiting state
	 * whose file names no holder (NULL: nobody). */
	const char *steps_by, *waiting_by;
	const wf_require_t *requires; /* ends with a NULL name */
	const char *const *forms;     /* form codes a transition may issue, NULL-ended; NULL: none */
	const char *forms_hint;       /* what a refusal of another code says the codes are */
	/* The action that creates an instance (it is in the log, not in the
	 * workflow: "receive", "assign") and its label. */
	const char *create_action, *create_label;
	/* How wf_apply reaches the kind's instances (wf_apply.c). */
	const struct wf_apply_ops *ops;
} wf_kind_t;

/* --- the registry of kinds (wf_kinds.c) --- */

/* Add kind k (a test's, a plug-in's) after those wf_kinds.c lists; k must
 * outlive its use. -1 when its name is taken or the table is full. */
int wf_kind_register(const wf_kind_t *k);
/* The rule of kind k a workflow names by word: its index, WF_BY_ROLES for
 * "roles", WF_BY_NONE for a word k has no rule for (or NULL). */
wf_by_t wf_rule_find(const wf_kind_t *k, const char *word);
/* The word of rule by of kind k ("roles"; "" for WF_BY_NONE). */
const char *wf_rule_name(const wf_kind_t *k, wf_by_t by);

/* The kind named name, NULL when none is registered. */
const wf_kind_t *wf_kind_find(const char *name);
/* Every registered kind, NULL-ended; the first is the kind of a workflow
 * that names none. */
const wf_kind_t *const *wf_kinds(void);

typedef enum {
	WF_CLOCK_KEEP,   /* the clock goes on as it was */
	WF_CLOCK_PAUSE,  /* run -> pause: stop counting */
	WF_CLOCK_RESUME, /* pause -> run: count again */
} wf_clock_fx_t;

/* What an action does, planned by wf_plan. */
typedef struct {
	const wf_transition_t *t;
	const wf_state_t *from, *to;
	char to_state[32];
	int to_step;
	bool moved;     /* a new state or step: a new holder, a new step budget */
	bool step_done; /* @next: the current step is complete (grade it) */
	wf_clock_fx_t clock;
	bool ends; /* `to` is final or stops the clock: the instance is finished */
} wf_move_t;

/* Plan `action` by c on instance `in` (the module's object obj) under
 * workflow w: the request's `version` (if any) must be in->version
 * (E_CONFLICT), the action must leave the current state (E_INVALID, field
 * "action"), c must satisfy the transition's `by` (E_NOT_ALLOWED), and
 * every `require` must be a non-empty field of req (E_INVALID naming it).
 * Each error leaves a Vietnamese explanation in c->detail. On E_OK, *m says
 * where the instance goes and what the clock does; nothing is written. */
proto_err_t wf_plan(srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, const wf_inst_t *in, const void *obj,
                    const char *action, const json_t *req, wf_move_t *m);

/* Run the planned transition's effect, if it names one, on obj. */
proto_err_t wf_effect(srv_ctx_t *c, const wf_kind_t *k, const wf_move_t *m, void *obj, const json_t *req);

/* May c take transition t on obj (its `by` rule)? */
bool wf_may(const srv_ctx_t *c, const wf_kind_t *k, const wf_transition_t *t, const void *obj);

/* The actions c may take now: [{action, label, require[], form?}]. New
 * reference. */
json_t *wf_actions(const srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, const wf_inst_t *in, const void *obj);

/* The bit of a role name (proto.h ROLE_*), 0 when unknown. */
int wf_role_bit(const char *role);

/* The state's Vietnamese name (the code when unknown). */
const char *wf_state_name(const wf_def_t *w, const char *state);

/* --- applying a planned move (wf_apply.c) --- */

/* A view into the working-time clock of an instance that counts one:
 * pointers into the kind's own record. */
typedef struct {
	int64_t *start;     /* when the clock last started counting */
	int64_t *used;      /* working time counted before that */
	int64_t *total;     /* working time allowed */
	int64_t *due;       /* when it runs out */
	int64_t *paused_at; /* 0 while counting */
	char *paused_state; /* where @resume leads back to */
	size_t paused_state_n;
	int *paused_step;
} wf_clock_ref_t;

/* Where a kind's record keeps what every kind has: its id (int64_t),
 * code and state (char arrays) and, for a kind with steps, its step (int).
 * Written by WF_LAYOUT(type) or WF_LAYOUT_STEPS(type) for a record whose
 * members have those names; the engine reads and enters states through
 * it, so a kind writes no accessor of its own. */
typedef struct {
	size_t id, code, state, state_n, step;
	bool steps; /* false: a kind without steps (step -1 in the log) */
} wf_layout_t;

#define WF_LAYOUT(type) {offsetof(type, id), offsetof(type, code), offsetof(type, state), sizeof(((type *)0)->state), 0, false}
#define WF_LAYOUT_STEPS(type)                                                                                          \
	{offsetof(type, id), offsetof(type, code), offsetof(type, state), sizeof(((type *)0)->state), offsetof(type, step), \
	 true}

/* What wf_apply needs of a kind's instance `obj`: where its common
 * members are (`at`), and hooks for what differs. Hooks marked optional
 * may be NULL. */
typedef struct wf_apply_ops {
	wf_layout_t at;
	/* optional: the instance's clock (false: it counts none) */
	bool (*clock)(void *obj, wf_clock_ref_t *out);
	/* optional: when the current step is due, to grade it when done */
	int64_t (*step_due)(const void *obj);
	/* What the instance's final grade is measured by at now: when the
	 * work was done, when it was due, and whether it counts late anyway
	 * (an apology moved the date). False when it is finished already
	 * (nothing to grade or finish again). */
	bool (*grade_ref)(const void *obj, int64_t now, int64_t *done, int64_t *due, bool *late);
	/* The instance is finished at now, graded (NULL: not graded). */
	void (*finish)(void *obj, int64_t now, const char *grade);
	/* optional: who holds the instance in the state the move enters; the
	 * log's to_unit and to_role then name it */
	void (*hand_over)(srv_ctx_t *c, void *obj, const wf_move_t *m, int64_t *to_unit, const char **to_role);
	/* Save the instance where its version is still the one loaded, and
	 * raise it (`was`: the record as loaded, for what follows a change):
	 * E_OK, E_CONFLICT when another save came first, E_INTERNAL. */
	proto_err_t (*save)(srv_ctx_t *c, void *obj, const void *was);
	/* optional: the kind's own fields of the log row (a new object, NULL
	 * for none), given the request and the record as loaded (`was`, the
	 * copy wf_apply took before changing it). */
	json_t *(*log_extra)(const void *obj, const void *was, const json_t *req);
	/* The audit row's detail for the move. New reference. */
	json_t *(*audit)(const void *obj, const char *action, const char *note);
	/* optional: after the save: reschedule the timers, queue the events.
	 * 0, or -1 (the request fails and nothing is kept). */
	int (*after)(srv_ctx_t *c, void *obj, const wf_def_t *w, const char *action);
	size_t size; /* sizeof the kind's record, for `was` */
} wf_apply_ops_t;

/* Apply the move m planned by wf_plan for `action` on instance obj of
 * kind k under workflow w, inside the caller's transaction: grade the
 * step it completes, pause or resume the clock, run the transition's
 * effect, finish and grade the instance when it ends, hand it over, enter
 * the new state, save it (versioned: E_CONFLICT), write one wf_log row
 * (actor, time, from/to, note, grade, the form issued, the kind's extra)
 * and the audit row "<kind>.act", then the kind's `after` (timers,
 * events). On error the caller rolls back; c->detail may explain. */
proto_err_t wf_apply(srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, void *obj, const wf_move_t *m,
                     const char *action, const json_t *req);

/* Log the creation of an instance: e says the object, where it is (to_*),
 * and what the kind keeps of it (note, grade, form, extra); the kind, the
 * action (k->create_action), the actor and the time are filled here. 0,
 * or -1 on a database error. */
int wf_log_create(srv_ctx_t *c, const wf_kind_t *k, struct store_wflog *e);

/* The label of an action in the log: the workflow's, the kind's creating
 * action's, or the action itself. */
const char *wf_action_label(const wf_kind_t *k, const wf_def_t *w, const char *action);

/* The instance's log as the timelines show it: rows newest first below
 * id `before` (0: from the newest), at most limit (< 0: all), each with
 * its label, its times as text, its target state's name and, when that
 * state walks the steps (step_name given), its target step's name. New
 * reference. */
json_t *wf_timeline(srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, int64_t object, int64_t before, int limit,
                    const char *(*step_name)(const void *obj, int step), const void *obj);
/* How many rows the instance's log has. */
int64_t wf_timeline_count(srv_ctx_t *c, const wf_kind_t *k, int64_t object);

/* --- time, as every kind shows and grades it (the calendar's local time) --- */

/* "YYYY-MM-DD HH:MM" into buf. */
const char *wf_time(int64_t t, char *buf, size_t n);
/* o's integer field key (unix seconds) replaced by its wf_time text. */
void wf_time_field(json_t *o, const char *key);
/* The local calendar day of t, as days since the epoch. */
int64_t wf_day(int64_t t);
/* early / on_time / late for something finished at `done` against `due`
 * (late whenever `late` is set, e.g. an apology moved the date). */
const char *wf_grade(int64_t done, int64_t due, bool late);
/* The end of working hours of local date "YYYY-MM-DD"; a date that is not
 * a working day ends with the next working day (as a legal time limit
 * falling on a day off does). -1 when the date is malformed. */
int64_t wf_day_end(const char *date);
/* Remaining working time to due as officials read it ("còn 2 ngày 3 giờ",
 * "quá hạn 1 ngày"). */
const char *wf_remaining(int64_t now, int64_t due, char *buf, size_t n);

/* --- timers (wf_timer.c) --- */

typedef struct {
	const char *name; /* "step", "due", ... (wf_timer_t.deadline) */
	int64_t due;
} wf_deadline_t;

/* Replace the pending timers of (kind, object) by a due-soon timer
 * due_soon_hours working hours before each deadline (when that is still
 * ahead) and an overdue timer at it. A timer already fired for the same
 * deadline and instant is not scheduled again. n = 0 only cancels (the
 * instance paused or ended). Inside the caller's transaction; 0 on
 * success. */
int wf_timers_set(srv_ctx_t *c, const char *kind, int64_t object, int due_soon_hours, const wf_deadline_t *dl,
                  unsigned n);

/* The earliest pending timer's instant, or 0 when there is none. */
int64_t wf_timers_next(store_t *db);

/* Fire up to max timers due at c->now, each exactly once: marked fired in
 * the caller's transaction, with the kind's on_timer (kinds: NULL-ended).
 * Returns how many fired, -1 on a database error. */
int wf_timers_fire(srv_ctx_t *c, const wf_kind_t *const *kinds, int max);

/* Notices: collect the users concerned into a set (a json object keyed by
 * user id), then queue one EV_notice to each. */
void wf_notice_unit(store_t *db, json_t *set, int64_t unit, int roles);
void wf_notice_user(json_t *set, int64_t user);
void wf_notice_send(srv_ctx_t *c, const json_t *set, const json_t *body);

#endif
