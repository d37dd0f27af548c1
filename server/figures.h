/* figures.h — what the figures*.c files share: the `figures` kind of work
 * (a unit's submission for a period, forms/workflows/figures.yaml), the
 * unit and period a request names, and saving figures as new revisions.
 * The handlers: figures.c (submit, accept, return), figures_view.c (list,
 * show, late, export), figures_io.c (import, plan). */
#ifndef CONGVU_FIGURES_H
#define CONGVU_FIGURES_H

#include "figures_calc.h"
#include "figures_ind.h"
#include "figures_period.h"
#include "store/figures.h"
#include "wf.h"

#define FIGURES_WORKFLOW "figures"

extern const wf_kind_t figures_kind;

/* The indicator set in use (never NULL once the catalog is loaded). */
const figind_t *figures_set(void);

/* A unit as figures need it. */
typedef struct {
	int64_t id, parent_id;
	char code[32], name[256], level[32], path[512];
} figures_unit_t;

/* The unit with code (NULL or "": c's own), which must be in c's scope:
 * E_NOT_FOUND or E_OUT_OF_SCOPE naming field "unit". */
proto_err_t figures_unit(srv_ctx_t *c, const char *code, figures_unit_t *u);
/* The request's `period` (absent: the month period containing now, or
 * with `closed` the one before it, the last whose data are in), into
 * p and key (FIG_PERIOD_MAX bytes): E_INVALID naming "period". */
proto_err_t figures_period(srv_ctx_t *c, const json_t *req, fig_period_t *p, char *key);
/* The unit (`unit`, else c's own) and the period (`period`) a request
 * names: figures_unit then figures_period. */
proto_err_t figures_target(srv_ctx_t *c, const json_t *req, figures_unit_t *u, fig_period_t *p, char *key);
/* When p's figures are due, on the calendar and the reporting rules. */
int64_t figures_due(const fig_period_t *p);
/* The last date of p ("YYYY-MM-DD"): the indicators in force then apply. */
void figures_period_last(const fig_period_t *p, char out[11]);

/* Save `text` as the new figure of ind for unit u and period key (kind
 * "estimate" or "final", source "form", "import" or "demo"), unless it
 * is the figure in force already. 1 saved, 0 unchanged, -1 refused with
 * why (Vietnamese, n bytes) — not a number, a unit that does not report
 * it, not its period — or on a database error (why empty). */
int figures_put(srv_ctx_t *c, const figures_unit_t *u, const fig_period_t *p, const char *key, const char *code,
                const char *text, const char *kind, const char *source, char *why, size_t n);

/* rows keyed by the integer field key of each ({"<id>": row}); the row
 * of index with that id, or NULL. New reference / borrowed. */
json_t *figures_index(const json_t *rows, const char *key);
json_t *figures_index_get(const json_t *index, int64_t id);

/* Every unit at or below path expected to report period p (key), due at
 * due: [{unit_id, parent_id, unit, unit_name, level, state ("missing"
 * when it has no submission), state_name, submitted_at, missing (nothing
 * submitted), late (past due without, or submitted after it)}]. New
 * reference. */
json_t *figures_reporters(srv_ctx_t *c, const fig_period_t *p, const char *key, const char *path, int64_t due);

/* Log a warning for every indicator in force at now whose reporter
 * (forms/indicators: the department that reports it) is no unit of the
 * org tree; how many. */
int figures_check_reporters(store_t *db, const figind_t *set, int64_t now);

/* Queue figures.changed for unit u's period key (state: its submission's,
 * "" when none) to the officials of u and the units above it. */
void figures_changed(srv_ctx_t *c, const figures_unit_t *u, const char *key, const char *state);

/* The submission card {code, unit, unit_name, period, state, state_name,
 * note, due, submitted_at, late}. New reference. */
json_t *figures_card(srv_ctx_t *c, const store_fig_sub_t *s);

#endif
