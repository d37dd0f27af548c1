/* figures_roll.c — roll-ups kept as figures are written (see
 * figures_roll.h). A node's figure is made by fig_node_finish, the step
 * of fig_tree, from its own figure or its children's rows, so the kept
 * rows and a recomputation from scratch follow one rule. */
#include "figures_roll.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figures_calc.h"
#include "figures_period.h"
#include "log.h"
#include "store/figures.h"

#define MAX_INDS 512

/* The last day of period key under set's reporting calendar: the
 * indicators in force then apply. -1 when key is no period. */
static int s_last(const figind_t *set, const char *key, char last[11])
{
	fig_period_t p;
	char first[11];

	if (fig_period_parse(key, &p) != 0)
		return -1;
	fig_period_dates(&p, figind_reporting(set)->cutoff_day, first, last);
	return 0;
}

/* Make the row of ind at unit (its parent given) for key from its own
 * figure or the rows of the units below it. */
static int s_node(store_t *db, const fig_indicator_t *ind, int64_t unit, int64_t parent, const char *key)
{
	fig_node_t x = {.parent = -1};
	char kind[16] = "";
	store_rc_t rc = store_fig_own(db, ind->code, unit, key, &x.v, kind);

	if (rc == STORE_ERROR)
		return -1;
	x.own = rc == STORE_OK;
	if (x.own && ind->rollup == FIG_WEIGHTED) {
		if ((rc = store_fig_own(db, ind->weight, unit, key, &x.w, NULL)) == STORE_ERROR)
			return -1;
		x.own_w = rc == STORE_OK;
	}
	if (!x.own && store_fig_roll_sums(db, ind->code, unit, key, &x.n, &x.sv, &x.sw, &x.svw) != STORE_OK)
		return -1;
	fig_node_finish(ind->rollup, &x);
	rc = x.has ? store_fig_roll_put(db, ind->code, unit, key, parent, x.v, x.w, x.own ? kind : NULL)
	           : store_fig_roll_drop(db, ind->code, unit, key);
	return rc == STORE_OK ? 0 : -1;
}

/* ind's rows at unit and every unit above it. */
static int s_up(store_t *db, const fig_indicator_t *ind, int64_t unit, const char *key)
{
	for (int depth = 0; unit > 0 && depth < 64; depth++) {
		int64_t parent = store_fig_parent(db, unit);
		if (parent < 0 || s_node(db, ind, unit, parent, key) != 0)
			return -1;
		unit = parent;
	}
	return 0;
}

static int s_repair(store_t *db, const figind_t *set);

int figures_roll_update(store_t *db, const figind_t *set, const char *code, int64_t unit, const char *key)
{
	const fig_indicator_t *all[MAX_INDS], *ind;
	char last[11];
	unsigned n;

	if (s_last(set, key, last) != 0 || s_repair(db, set) != 0)
		return -1;
	if ((ind = figind_get(set, code, last)) && s_up(db, ind, unit, key) != 0)
		return -1;
	/* the weighted indicators it weighs: their figures above move too */
	n = figind_list(set, last, NULL, all, MAX_INDS);
	for (unsigned i = 0; i < n; i++)
		if (all[i]->rollup == FIG_WEIGHTED && all[i]->weight && strcmp(all[i]->weight, code) == 0 &&
		    s_up(db, all[i], unit, key) != 0)
			return -1;
	return 0;
}

/* ---- from scratch: every period's figures through fig_tree ---- */

typedef struct {
	json_t *units;     /* store_fig_units of the whole tree, parents first */
	json_t *index;     /* "<unit id>" -> its index */
	fig_node_t *nodes; /* one per unit */
	size_t n;
} s_tree_t;

/* What to do with each figure made: write it, or compare it. */
typedef int (*s_each_fn)(void *arg, store_t *db, const char *code, int64_t unit, int64_t parent, const char *key,
                         const fig_node_t *x, const char *kind);

static int s_idx(const s_tree_t *t, int64_t id)
{
	char k[24];
	json_t *v;
	snprintf(k, sizeof k, "%lld", (long long)id);
	v = json_object_get(t->index, k);
	return v ? (int)json_integer_value(v) : -1;
}

static void s_tree_free(s_tree_t *t)
{
	json_decref(t->units);
	json_decref(t->index);
	free(t->nodes);
}

static int s_tree_load(store_t *db, s_tree_t *t)
{
	json_t *r;
	size_t i;

	memset(t, 0, sizeof *t);
	t->units = store_fig_units(db, "");
	t->index = json_object();
	t->n = json_array_size(t->units);
	if (!t->units || !(t->nodes = calloc(t->n ? t->n : 1, sizeof *t->nodes)))
		return -1;
	json_array_foreach(t->units, i, r)
	{
		char k[24];
		snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(r, "id")));
		json_object_set_new(t->index, k, json_integer((json_int_t)i));
	}
	json_array_foreach(t->units, i, r) t->nodes[i].parent =
	    s_idx(t, json_integer_value(json_object_get(r, "parent_id")));
	return 0;
}

/* Set the own figures of bucket b ([[index, value, kind], ...]) into the
 * nodes: values (weight false) or weights. */
static void s_own(s_tree_t *t, const json_t *b, bool weight)
{
	json_t *x;
	size_t i;
	json_array_foreach(b, i, x)
	{
		int k = (int)json_integer_value(json_array_get(x, 0));
		if (k < 0)
			continue;
		if (weight) {
			t->nodes[k].own_w = true;
			t->nodes[k].w = json_number_value(json_array_get(x, 1));
		} else {
			t->nodes[k].own = true;
			t->nodes[k].v = json_number_value(json_array_get(x, 1));
		}
	}
}

/* The kind of unit k's own figure in bucket b, or NULL. */
static const char *s_kind(const json_t *b, int k)
{
	json_t *x;
	size_t i;
	json_array_foreach(b, i, x)
	{
		if ((int)json_integer_value(json_array_get(x, 0)) == k)
			return json_string_value(json_array_get(x, 2));
	}
	return NULL;
}

/* Every figure of period key, indicator by indicator, to each(). */
static int s_period(store_t *db, const figind_t *set, s_tree_t *t, const char *key, s_each_fn each, void *arg)
{
	json_t *rows = store_fig_values(db, key, key, ""), *buckets = json_object(), *r, *b;
	const char *code;
	char last[11];
	size_t i;
	int rc = 0;

	if (!rows || s_last(set, key, last) != 0) {
		json_decref(rows);
		json_decref(buckets);
		return -1;
	}
	json_array_foreach(rows, i, r)
	{
		code = json_string_value(json_object_get(r, "indicator"));
		if (!(b = json_object_get(buckets, code)))
			json_object_set_new(buckets, code, b = json_array());
		json_array_append_new(b, json_pack("[i, f, O]", s_idx(t, json_integer_value(json_object_get(r, "unit_id"))),
		                                   json_number_value(json_object_get(r, "value")), json_object_get(r, "kind")));
	}
	json_object_foreach(buckets, code, b)
	{
		const fig_indicator_t *ind = figind_get(set, code, last);
		if (!ind || rc != 0)
			continue; /* a figure of an indicator no longer in the set: nothing shows it */
		for (size_t k = 0; k < t->n; k++) {
			t->nodes[k].own = t->nodes[k].own_w = false;
			t->nodes[k].v = t->nodes[k].w = 0;
		}
		s_own(t, b, false);
		if (ind->rollup == FIG_WEIGHTED)
			s_own(t, json_object_get(buckets, ind->weight), true);
		fig_tree(ind->rollup, t->nodes, t->n);
		for (size_t k = 0; k < t->n && rc == 0; k++) {
			json_t *u = json_array_get(t->units, k);
			if (t->nodes[k].has)
				rc = each(arg, db, code, json_integer_value(json_object_get(u, "id")),
				          json_integer_value(json_object_get(u, "parent_id")), key, &t->nodes[k],
				          t->nodes[k].own ? s_kind(b, (int)k) : NULL);
		}
	}
	json_decref(rows);
	json_decref(buckets);
	return rc;
}

/* Every period's figures to each(). */
static int s_all(store_t *db, const figind_t *set, s_each_fn each, void *arg)
{
	s_tree_t t;
	json_t *periods = store_fig_periods(db), *p;
	size_t i;
	int rc = s_tree_load(db, &t);

	json_array_foreach(periods, i, p)
	{
		if (rc == 0)
			rc = s_period(db, set, &t, json_string_value(p), each, arg);
	}
	json_decref(periods);
	s_tree_free(&t);
	return rc;
}

static int s_put(void *arg, store_t *db, const char *code, int64_t unit, int64_t parent, const char *key,
                 const fig_node_t *x, const char *kind)
{
	(void)arg;
	return store_fig_roll_put(db, code, unit, key, parent, x->v, x->w, kind) == STORE_OK ? 0 : -1;
}

/* The periods whose figures were deleted by hand, rolled up again. */
static int s_repair(store_t *db, const figind_t *set)
{
	json_t *dirty = store_fig_roll_dirty(db), *p;
	s_tree_t t;
	size_t i;
	int rc = 0;

	if (!dirty)
		return -1;
	if (json_array_size(dirty) && (rc = s_tree_load(db, &t)) == 0) {
		json_array_foreach(dirty, i, p)
		{
			if (rc == 0 && (store_fig_roll_clear_period(db, json_string_value(p)) != STORE_OK ||
			                s_period(db, set, &t, json_string_value(p), s_put, NULL) != 0))
				rc = -1;
		}
		s_tree_free(&t);
	}
	json_decref(dirty);
	return rc;
}

int figures_roll_rebuild(store_t *db, const figind_t *set)
{
	char rules[32];

	figind_fingerprint(set, rules, sizeof rules);
	if (store_begin(db) != STORE_OK)
		return -1;
	if (store_fig_roll_clear(db) != STORE_OK || s_all(db, set, s_put, NULL) != 0 ||
	    store_fig_roll_rules_set(db, rules) != STORE_OK || store_commit(db) != STORE_OK) {
		store_rollback(db);
		return -1;
	}
	return 0;
}

int figures_roll_sync(store_t *db, const figind_t *set)
{
	char want[32], have[32];

	figind_fingerprint(set, want, sizeof want);
	if (store_fig_roll_rules(db, have, sizeof have) != STORE_OK)
		return -1;
	if (strcmp(want, have) == 0) {
		if (store_begin(db) != STORE_OK)
			return -1;
		if (s_repair(db, set) != 0 || store_commit(db) != STORE_OK) {
			store_rollback(db);
			return -1;
		}
		return 0;
	}
	log_info("figures: roll-up rules changed (%s -> %s): rebuilding the roll-ups", have[0] ? have : "none", want);
	return figures_roll_rebuild(db, set) == 0 ? 1 : -1;
}

/* ---- the check ---- */

typedef struct {
	FILE *out;
	long diffs, found; /* found: rows recomputed that are there */
} s_check_t;

static bool s_same(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static int s_compare(void *arg, store_t *db, const char *code, int64_t unit, int64_t parent, const char *key,
                     const fig_node_t *x, const char *kind)
{
	s_check_t *k = arg;
	double v, w;
	char have[16];
	store_rc_t rc = store_fig_roll_get(db, code, unit, key, &v, &w, have);

	(void)parent;
	if (rc == STORE_ERROR)
		return -1;
	k->found += rc == STORE_OK;
	if (rc == STORE_NONE || !s_same(v, x->v) || !s_same(w, x->w) || strcmp(have, kind ? kind : "") != 0) {
		k->diffs++;
		if (k->out && rc == STORE_NONE)
			fprintf(k->out, "%s đơn vị %lld kỳ %s: thiếu (tính lại: %.10g)\n", code, (long long)unit, key, x->v);
		else if (k->out)
			fprintf(k->out, "%s đơn vị %lld kỳ %s: lưu %.10g/%.10g/%s, tính lại %.10g/%.10g/%s\n", code,
			        (long long)unit, key, v, w, have[0] ? have : "-", x->v, x->w, kind ? kind : "-");
	}
	return 0;
}

long figures_roll_check(store_t *db, const figind_t *set, FILE *out)
{
	s_check_t k = {.out = out};
	int64_t rows;

	if (s_all(db, set, s_compare, &k) != 0 || (rows = store_fig_roll_count(db)) < 0)
		return -1;
	/* rows beyond those recomputed stand for no figure */
	if (rows > k.found) {
		if (out)
			fprintf(out, "%lld dòng tổng hợp không ứng với số liệu nào\n", (long long)(rows - k.found));
		k.diffs += rows - k.found;
	}
	return k.diffs;
}
