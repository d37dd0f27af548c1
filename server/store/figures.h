/* store/figures.h — socio-economic figures: every revision of a unit's
 * figure for an indicator and a period, the units' submissions (a kind of
 * work of the engine) and annual plans. Values travel as text ("1234.5")
 * and come back as numbers. */
#ifndef CONGVU_STORE_FIGURES_H
#define CONGVU_STORE_FIGURES_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* A new revision of (indicator, unit, period): the one in force from now
 * on (rev one above the last). kind "estimate" or "final"; source "form",
 * "import" or "demo"; user 0 for the server. */
store_rc_t store_fig_value_add(store_t *s, const char *indicator, int64_t unit, const char *period,
                               const char *value, const char *kind, const char *source, int64_t user, int64_t at);
/* The figures in force of periods [from, to] (keys compared as text) of
 * the units at or below path: [{indicator, unit_id, period, value, kind,
 * rev}]. New reference. */
json_t *store_fig_values(store_t *s, const char *from, const char *to, const char *path);
/* Every revision of one figure, oldest first: [{rev, value, kind, source,
 * user, who, at}]. New reference. */
json_t *store_fig_revisions(store_t *s, const char *indicator, int64_t unit, const char *period);

/* The units at or below path, parents before children: [{id, code, name,
 * level, parent_id, path}]. New reference. */
json_t *store_fig_units(store_t *s, const char *path);

/* A submission with its unit. */
typedef struct {
	int64_t id;
	char code[64];
	int64_t unit_id, parent_id;
	char unit_code[32], unit_name[256], level[32], unit_path[512];
	char period[16], state[32], note[2048];
	int64_t version, created, submitted_at, decided_at;
} store_fig_sub_t;

/* The submission of unit for period: STORE_OK, STORE_NONE or STORE_ERROR. */
store_rc_t store_fig_sub_get(store_t *s, int64_t unit, const char *period, store_fig_sub_t *out);
/* A new one in state; its id into *id. STORE_EXISTS when there is one. */
store_rc_t store_fig_sub_insert(store_t *s, int64_t unit, const char *period, const char *code, const char *state,
                                int64_t now, int64_t *id);
/* Save state, times and note where the version is still sub->version
 * (STORE_STALE otherwise), raising it. */
store_rc_t store_fig_sub_save(store_t *s, const store_fig_sub_t *sub);
/* The submissions of period of the units at or below path: [{unit_id,
 * state, submitted_at}]. New reference. */
json_t *store_fig_subs(store_t *s, const char *period, const char *path);

/* The unit at path: {id, code, name, level, parent_id, path}, or NULL.
 * New reference. */
json_t *store_fig_unit(store_t *s, const char *path);
/* The units directly below unit, by path: [{id, code, name, level}]. New
 * reference. */
json_t *store_fig_children(store_t *s, int64_t unit);
/* The levels of the units at or below path, each once: ["xã", ...]. New
 * reference. */
json_t *store_fig_levels(store_t *s, const char *path);
/* The submissions of period of the units directly below unit: [{unit_id,
 * state, submitted_at}]. New reference. */
json_t *store_fig_subs_below(store_t *s, const char *period, int64_t unit);

/* Set the plan of indicator for unit and year (replacing one). */
store_rc_t store_fig_plan_set(store_t *s, const char *indicator, int64_t unit, int year, const char *target,
                              int64_t user, int64_t at);
/* The plans of year of one unit: [{indicator, unit_id, target}]. New
 * reference. */
json_t *store_fig_plans(store_t *s, int year, int64_t unit);

/* ---- roll-ups kept as figures are written (fig_rollups, migration 0018;
 * server/figures_roll.c decides what goes in) ---- */

/* The figure in force of (indicator, unit, period) into *v and, when kind
 * is not NULL, its kind (16 bytes): STORE_OK, STORE_NONE or STORE_ERROR. */
store_rc_t store_fig_own(store_t *s, const char *indicator, int64_t unit, const char *period, double *v, char *kind);
/* The parent of unit (0: none), or -1 on an error. */
int64_t store_fig_parent(store_t *s, int64_t unit);
/* Over the roll-up rows of indicator and period of the units directly
 * below parent: how many (*n), the sums of their values, weights and
 * value × weight. */
store_rc_t store_fig_roll_sums(store_t *s, const char *indicator, int64_t parent, const char *period, int *n,
                               double *sv, double *sw, double *svw);
/* Write (replace) the roll-up row of (indicator, unit, period); kind NULL
 * for a figure rolled up, the own figure's kind otherwise. */
store_rc_t store_fig_roll_put(store_t *s, const char *indicator, int64_t unit, const char *period, int64_t parent,
                              double v, double w, const char *kind);
/* Remove it (no figure there any more). */
store_rc_t store_fig_roll_drop(store_t *s, const char *indicator, int64_t unit, const char *period);
/* One row into *v, *w, kind (16 bytes, "" when rolled up). */
store_rc_t store_fig_roll_get(store_t *s, const char *indicator, int64_t unit, const char *period, double *v,
                              double *w, char *kind);
/* The rows of unit for periods [from, to]: [{indicator, period, value,
 * weight, kind}]. New reference. */
json_t *store_fig_rollups(store_t *s, int64_t unit, const char *from, const char *to);
/* The rows of period of the units directly below unit, of the indicators
 * in codes (a JSON array of codes as text; NULL: all): [{indicator,
 * unit_id, value}]. New reference. */
json_t *store_fig_rollups_below(store_t *s, int64_t unit, const char *period, const char *codes);
/* How many rows there are (-1: error); remove them all. */
int64_t store_fig_roll_count(store_t *s);
store_rc_t store_fig_roll_clear(store_t *s);
/* The periods that have a figure in force, each once, in order: ["2026-10",
 * ...]. New reference. */
json_t *store_fig_periods(store_t *s);
/* The periods whose figures were deleted by hand (trigger of 0018): to
 * roll up again from scratch. ["2026-10", ...]. New reference. Then: the
 * rows of period removed, its marks cleared. */
json_t *store_fig_roll_dirty(store_t *s);
store_rc_t store_fig_roll_clear_period(store_t *s, const char *period);

/* The fingerprint of the rules the rows follow ("" none yet) into out;
 * record a new one. */
store_rc_t store_fig_roll_rules(store_t *s, char *out, size_t n);
store_rc_t store_fig_roll_rules_set(store_t *s, const char *rules);

#endif
