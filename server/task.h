/* task.h — tasks and directives (giao việc): the task row as the task
 * modules share it, who may see it, its card (what boards, lists and the
 * task.changed event show), creation, and its kind for the workflow
 * engine. The life of a task runs on forms/workflows/task.yaml. */
#ifndef CONGVU_TASK_H
#define CONGVU_TASK_H

#include "srv.h"
#include "store/task.h"
#include "wf.h"

#define TASK_WORKFLOW "task"

/* The task row as the task modules share it (store/task.h); free with
 * task_clear. */
typedef store_task_t task_t;

/* What task_create needs; strings borrowed. */
typedef store_task_spec_t task_spec_t;

/* Load the task with this code (or id, when code is NULL). 0 when
 * found; free with task_clear. */
int task_load(store_t *db, const char *code, int64_t id, task_t *t);
void task_clear(task_t *t);

/* The unit with this code, which must be in c's subtree: its id and path
 * (n bytes). E_NOT_FOUND or E_OUT_OF_SCOPE naming `field`. */
proto_err_t task_unit(srv_ctx_t *c, const char *code, const char *field, int64_t *id, char *path, size_t n);

/* May c see t: its assigning, lead or a co-operating unit is in c's
 * subtree, or c assigned or leads it. */
bool task_visible(const srv_ctx_t *c, const task_t *t);
/* Load into t the task the request's `code` names, which c may see:
 * E_NOT_FOUND naming `code`, or E_OUT_OF_SCOPE (t is then cleared). */
proto_err_t task_load_visible(srv_ctx_t *c, const json_t *req, task_t *t);
/* May c change tasks at all? Supervisors only watch: writing needs a
 * leader, specialist or clerk role. */
bool task_worker(const srv_ctx_t *c);

/* The task workflow (NULL if forms/ has none: an internal error). */
const wf_def_t *task_workflow(void);

/* The card of t at now: what task lists, the task view and the board of
 * the CLI show (a compact board and task.changed: task_board_cols of it).
 * New reference. */
json_t *task_card(store_t *db, const task_t *t, int64_t now);
/* The fields of a card a board uses, as rowset columns (rowset.h): what a
 * compact board sends as rows and task.changed carries named. */
extern const char *const task_board_cols[];
extern const size_t task_board_ncols;

/* After a change to t inside the request: bump its change sequence and
 * version, reset its timers, and queue task.changed for it (and for its
 * parent, whose roll-up moved) to every user who may see it. 0 on
 * success. */
int task_changed(srv_ctx_t *c, int64_t task_id);

/* Insert a new task from spec as c (the assigner, or the console for a
 * recurring one): its units, the first log row, the audit row, timers and
 * the event. The new id in *id. E_OK, E_EXISTS (a recurring task made
 * already) or E_INTERNAL. */
proto_err_t task_create(srv_ctx_t *c, const task_spec_t *spec, int64_t *id, char *code, size_t ncode);

/* The task's `by` rules (task_kind.rules): who assigned it, or a leader
 * of that unit ("assigner"); the lead official, or the lead unit's leader
 * ("lead"). */
typedef enum { TASK_BY_ASSIGNER, TASK_BY_LEAD } task_by_t;

/* The task's kind for the workflow engine (task.c). */
extern const wf_kind_t task_kind;

/* Priorities and sources as stored, with Vietnamese names: NULL when the
 * code is unknown. */
const char *task_priority_name(const char *code);
const char *task_source_name(const char *code);

/* Seed the demo tasks of forms/demo/tasks.json (task_demo.c), each step
 * run by the handler of its message as the official it names. The number
 * of tasks assigned in *ntasks; 0 on success, -1 after printing why. */
int task_demo(store_t *db, const srv_config_t *cfg, const char *file, int *ntasks);
/* Run handler h on body (stolen) as the official `username`, in its own
 * transaction, as the demo seeds do (the documents' too); the reply, when
 * wanted, in *reply. 0 on success, -1 after printing why. */
int task_demo_run(store_t *db, const srv_config_t *cfg, const char *username, srv_handler_t h, json_t *body,
                  json_t **reply);

/* The server's own recurring work (task_recur.c): generate every task due
 * for the period c->now falls in, exactly once per (definition, period,
 * unit), inside the caller's transaction. Returns how many were created,
 * -1 on a database error. task_recur_next: when to look again (0: no
 * active definition). */
int task_recur_run(srv_ctx_t *c);
int64_t task_recur_next(store_t *db);

#endif
