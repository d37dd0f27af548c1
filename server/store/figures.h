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

/* Set the plan of indicator for unit and year (replacing one). */
store_rc_t store_fig_plan_set(store_t *s, const char *indicator, int64_t unit, int year, const char *target,
                              int64_t user, int64_t at);
/* The plans of year of the units at or below path: [{indicator, unit_id,
 * target}]. New reference. */
json_t *store_fig_plans(store_t *s, int year, const char *path);

#endif
