/* figures_view.c — reading socio-economic figures: figures.list (a unit's
 * figures for a period with year to date, % of plan, the previous period
 * and the same period last year, rolled up the org tree by each
 * indicator's rule), figures.show (one indicator: its revisions, its last
 * 24 periods, the units below compared), figures.late (units that have
 * not reported, or reported late), figures.export (the figures as
 * given, for a spreadsheet) and figures.overdue (the overdue work beside a
 * unit's figures, asked apart: it costs seconds for a province). Every read is limited to the subtree of a
 * unit in the reader's scope. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "figures.h"
#include "text.h"

#define MAX_INDS 512
#define SERIES 24

/* ---- the figures of a unit and of the units directly below it, as
 * fig_rollups keeps them (figures_roll.c): indexed lookups ---- */

typedef struct {
	int64_t unit;
	const char *level, *code; /* the unit's */
	json_t *top;      /* "<indicator>|<period>" -> the unit's row {value, weight, kind} */
	json_t *children; /* store_fig_children of the unit */
	json_t *below;    /* "<indicator>|<unit id>" -> value, of the period asked (lists with charts, show) */
	json_t *levels;   /* the levels of the subtree */
	json_t *states;   /* figures_index of the children's submissions of the period asked (charts) */
} s_data_t;

static void s_data_free(s_data_t *d)
{
	json_decref(d->top);
	json_decref(d->children);
	json_decref(d->below);
	json_decref(d->levels);
	json_decref(d->states);
}

/* Load the figures of unit u for periods [from, to]; with below set, those
 * of its children for period below too, of the indicators in codes (a JSON
 * array as text; NULL: all). */
static int s_data_load(srv_ctx_t *c, const figures_unit_t *u, const char *from, const char *to, const char *below,
                       const char *codes, s_data_t *d)
{
	json_t *rows, *r;
	size_t i;
	char k[128];

	memset(d, 0, sizeof *d);
	d->unit = u->id;
	d->level = u->level;
	d->code = u->code;
	d->top = json_object();
	d->below = json_object();
	if (!(d->levels = store_fig_levels(c->db, u->path)) || !(d->children = store_fig_children(c->db, u->id)) ||
	    !(rows = store_fig_rollups(c->db, u->id, from, to)))
		return -1;
	json_array_foreach(rows, i, r)
	{
		snprintf(k, sizeof k, "%s|%s", json_string_value(json_object_get(r, "indicator")),
		         json_string_value(json_object_get(r, "period")));
		json_object_set(d->top, k, r);
	}
	json_decref(rows);
	if (!below)
		return 0;
	if (!(rows = store_fig_rollups_below(c->db, u->id, below, codes)))
		return -1;
	json_array_foreach(rows, i, r)
	{
		snprintf(k, sizeof k, "%s|%lld", json_string_value(json_object_get(r, "indicator")),
		         (long long)json_integer_value(json_object_get(r, "unit_id")));
		json_object_set(d->below, k, json_object_get(r, "value"));
	}
	json_decref(rows);
	return 0;
}

/* The figure of the unit for ind in period key (rolled up by the
 * indicator's rule as it was written); *kind the unit's own figure's kind
 * (NULL when rolled up), w its weight (may be NULL). False when there is
 * none (or it may not be rolled up). */
static bool s_value(const s_data_t *d, const fig_indicator_t *ind, const char *key, double *v, double *w,
                    const char **kind)
{
	char k[128];
	json_t *r;

	snprintf(k, sizeof k, "%s|%s", ind->code, key);
	r = json_object_get(d->top, k);
	*kind = r ? json_string_value(json_object_get(r, "kind")) : NULL;
	if (!r)
		return false;
	*v = json_number_value(json_object_get(r, "value"));
	if (w)
		*w = json_number_value(json_object_get(r, "weight"));
	return true;
}

/* Year to date of ind at the unit up to period p (month periods: its months
 * of the year; others: the figure itself). */
static bool s_ytd(const s_data_t *d, const fig_indicator_t *ind, const fig_period_t *p, double *out)
{
	double v[12], w[12], x, y;
	size_t n = 0;
	const char *kind;
	char key[FIG_PERIOD_MAX];

	if (p->every != FIG_MONTH) {
		return s_value(d, ind, fig_period_key(p, key), out, NULL, &kind);
	}
	for (int m = 1; m <= p->last_month; m++) {
		fig_period_t q = {FIG_MONTH, p->year, m, m};
		if (s_value(d, ind, fig_period_key(&q, key), &x, &y, &kind)) {
			v[n] = x;
			w[n++] = y;
		}
	}
	return fig_ytd(ind->rollup, v, w, n, out) == 0;
}

static json_t *s_num(bool has, double v, int decimals)
{
	return has ? json_real(fig_round(v, decimals)) : json_null();
}

/* The indicators of period p in force on its last day (sector: NULL all). */
static unsigned s_inds(const fig_period_t *p, const char *sector, const fig_indicator_t **out)
{
	const fig_indicator_t *all[MAX_INDS];
	char last[11];
	unsigned n, k = 0;

	figures_period_last(p, last);
	n = figind_list(figures_set(), last, sector, all, MAX_INDS);
	for (unsigned i = 0; i < n; i++)
		if (fig_period_for(p, all[i]->every))
			out[k++] = all[i];
	return k;
}

/* The plan of ind for the unit at index 0 (the one asked about). */
static bool s_plan(const json_t *plans, const char *code, int64_t unit, double *out)
{
	size_t i;
	json_t *r;
	json_array_foreach(plans, i, r)
	{
		if (json_integer_value(json_object_get(r, "unit_id")) == unit &&
		    strcmp(json_string_value(json_object_get(r, "indicator")), code) == 0) {
			*out = json_number_value(json_object_get(r, "target"));
			return true;
		}
	}
	return false;
}

static json_t *s_row_figures(const s_data_t *d, const fig_indicator_t *ind, const fig_period_t *p, const char *key,
                             const json_t *plans, int64_t unit_id);

/* The figures of the units directly below the unit for the period
 * loaded: [{unit, unit_name, value, state}], leaving out those with none
 * that do not report it themselves (their subtrees gave none). */
static json_t *s_children(const s_data_t *d, const fig_indicator_t *ind)
{
	json_t *out = json_array(), *r, *v;
	size_t i;
	char k[128];

	json_array_foreach(d->children, i, r)
	{
		int64_t id = json_integer_value(json_object_get(r, "id"));
		snprintf(k, sizeof k, "%s|%lld", ind->code, (long long)id);
		v = json_object_get(d->below, k);
		/* those with a figure, and those that should have given one */
		if (!(v || figind_reports_unit(ind, json_string_value(json_object_get(r, "level")),
		                               json_string_value(json_object_get(r, "code")))))
			continue;
		json_t *o = json_pack("{s:O, s:O, s:o}", "unit", json_object_get(r, "code"), "unit_name",
		                      json_object_get(r, "name"), "value",
		                      s_num(v != NULL, json_number_value(v), ind->decimals));
		json_t *sub = figures_index_get(d->states, id);
		if (sub)
			json_object_set(o, "state", json_object_get(sub, "state"));
		json_array_append_new(out, o);
	}
	return out;
}

/* The units directly below, named once for the rows' unit_values:
 * [{unit, unit_name, state}]. */
static json_t *s_below(const s_data_t *d)
{
	json_t *out = json_array(), *r;
	size_t i;

	json_array_foreach(d->children, i, r)
	{
		json_t *o = json_pack("{s:O, s:O}", "unit", json_object_get(r, "code"), "unit_name", json_object_get(r, "name"));
		json_t *sub = figures_index_get(d->states, json_integer_value(json_object_get(r, "id")));
		if (sub)
			json_object_set(o, "state", json_object_get(sub, "state"));
		json_array_append_new(out, o);
	}
	return out;
}

/* The figures of ind of the units directly below, in s_below's order: a
 * number, null (none, though it reports it) or false (none, and it does
 * not: left out). */
static json_t *s_unit_values(const s_data_t *d, const fig_indicator_t *ind)
{
	json_t *out = json_array(), *r, *v;
	size_t i;
	char k[128];

	json_array_foreach(d->children, i, r)
	{
		snprintf(k, sizeof k, "%s|%lld", ind->code, (long long)json_integer_value(json_object_get(r, "id")));
		if ((v = json_object_get(d->below, k)))
			json_array_append_new(out, s_num(true, json_number_value(v), ind->decimals));
		else
			json_array_append_new(out, figind_reports_unit(ind, json_string_value(json_object_get(r, "level")),
			                                                json_string_value(json_object_get(r, "code")))
			                               ? json_null()
			                               : json_false());
	}
	return out;
}

/* The figures of the top unit for the `n` periods of p's kind up to p,
 * oldest first: numbers (null: none), or with named {period, value}. */
static json_t *s_series(const s_data_t *d, const fig_indicator_t *ind, const fig_period_t *p, int n, bool named)
{
	json_t *out = json_array();
	fig_period_t q[SERIES];
	char key[FIG_PERIOD_MAX];
	const char *kind;
	double v;

	n = n > SERIES ? SERIES : n;
	q[n - 1] = *p;
	for (int k = n - 2; k >= 0; k--)
		fig_period_prev(&q[k + 1], &q[k]);
	for (int k = 0; k < n; k++) {
		bool has = s_value(d, ind, fig_period_key(&q[k], key), &v, NULL, &kind);
		json_array_append_new(out, named ? json_pack("{s:s, s:o}", "period", key, "value", s_num(has, v, ind->decimals))
		                                 : s_num(has, v, ind->decimals));
	}
	return out;
}

/* One row of figures.list; with chart, the units below and the last
 * periods too. */
static json_t *s_row(const s_data_t *d, const fig_indicator_t *ind, const fig_period_t *p, const char *key,
                     const json_t *plans, int64_t unit_id, bool chart)
{
	json_t *row = s_row_figures(d, ind, p, key, plans, unit_id);

	json_object_set_new(row, "sector_name", json_string(ind->sector_name));
	json_object_set_new(row, "decimals", json_integer(ind->decimals));
	json_object_set_new(row, "reports", json_boolean(figind_reports_unit(ind, d->level, d->code)));
	if (ind->ncomponents) { /* a total: the form checks its parts against it */
		json_t *a = json_array();
		for (unsigned i = 0; i < ind->ncomponents; i++)
			json_array_append_new(a, json_string(ind->components[i]));
		json_object_set_new(row, "components", a);
	}
	if (!chart)
		return row;
	json_object_set_new(row, "unit_values", s_unit_values(d, ind));
	json_object_set_new(row, "series", s_series(d, ind, p, 12, false));
	return row;
}

/* The figures of one row of figures.list. */
static json_t *s_row_figures(const s_data_t *d, const fig_indicator_t *ind, const fig_period_t *p, const char *key,
                             const json_t *plans, int64_t unit_id)
{
	fig_period_t ly, pv;
	char lkey[FIG_PERIOD_MAX], pkey[FIG_PERIOD_MAX];
	double v = 0, l = 0, pr = 0, ytd = 0, lytd = 0, plan = 0, pct = 0, yoy = 0, chg = 0;
	const char *kind, *k2;
	bool has = s_value(d, ind, key, &v, NULL, &kind), hl, hp, hy, hly, hplan, hpct = false, hyoy = false,
	     hchg = false;
	bool refused = !has && ind->rollup == FIG_NONE;

	fig_period_last_year(p, &ly);
	fig_period_prev(p, &pv);
	hl = s_value(d, ind, fig_period_key(&ly, lkey), &l, NULL, &k2);
	hp = s_value(d, ind, fig_period_key(&pv, pkey), &pr, NULL, &k2);
	hy = s_ytd(d, ind, p, &ytd);
	hly = s_ytd(d, ind, &ly, &lytd);
	hplan = s_plan(plans, ind->code, unit_id, &plan);
	if (hplan && hy)
		hpct = fig_percent(ind->rollup == FIG_SUM || ind->rollup == FIG_AVG || ind->rollup == FIG_WEIGHTED ? ytd : v,
		                   plan, &pct);
	if (has && hl)
		hyoy = fig_change(v, l, &yoy);
	if (has && hp)
		hchg = fig_change(v, pr, &chg);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s?, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "code",
	                 ind->code, "name", ind->name, "uom", ind->uom, "sector", ind->sector, "rollup",
	                 figind_rollup_name(ind->rollup), "value", s_num(has, v, ind->decimals), "kind", kind, "own",
	                 (int)(kind != NULL), "refused", (int)refused, "prev", s_num(hp, pr, ind->decimals), "change",
	                 s_num(hchg, chg, 1), "last_year", s_num(hl, l, ind->decimals), "yoy", s_num(hyoy, yoy, 1), "ytd",
	                 s_num(hy, ytd, ind->decimals), "ytd_last_year", s_num(hly, lytd, ind->decimals), "plan",
	                 s_num(hplan, plan, ind->decimals), "percent_plan", s_num(hpct, pct, 1));
}

/* Whether some unit of the subtree reports ind itself: the others are
 * left out of its list. */
static bool s_reported_below(const s_data_t *d, const fig_indicator_t *ind)
{
	size_t i;
	json_t *r;
	json_array_foreach(d->levels, i, r)
	{
		if (figind_reports(ind, json_string_value(r)))
			return true;
	}
	return false;
}

/* The range of keys holding everything a list of period p reads: from
 * the start of the year before to p. */
static void s_range(const fig_period_t *p, const char *key, char *from, char *to)
{
	snprintf(from, FIG_PERIOD_MAX, "%04d", p->year - 1);
	snprintf(to, FIG_PERIOD_MAX, "%s", key);
}

/* The overdue work of unit u and its subtree beside its figures, counted
 * by the lists the home dashboard counts with (srv_dashboard): {tasks,
 * dossiers}; null when a list is refused (a role that has none). */
static json_t *s_overdue(srv_ctx_t *c, const figures_unit_t *u)
{
	json_t *b1 = json_pack("{s:s, s:b, s:i}", "unit", u->code, "overdue", 1, "limit", 400),
	       *b2 = json_pack("{s:s, s:b}", "unit", u->code, "counts", 1), *tasks = NULL, *dossiers = NULL, *out;
	proto_err_t e = srv_task_list(c, b1, &tasks);

	if (e == E_OK)
		e = srv_dossier_list(c, b2, &dossiers);
	out = e == E_OK ? json_pack("{s:I, s:O}", "tasks", (json_int_t)json_array_size(json_object_get(tasks, "tasks")),
	                            "dossiers", json_object_get(json_object_get(dossiers, "counts"), "overdue"))
	                : json_null();
	c->bad_field = NULL; /* a refusal here is no error of the figures */
	c->detail[0] = 0;
	json_decref(b1);
	json_decref(b2);
	json_decref(tasks);
	json_decref(dossiers);
	return out;
}

proto_err_t srv_figures_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	fig_period_t p;
	char key[FIG_PERIOD_MAX], from[FIG_PERIOD_MAX], to[FIG_PERIOD_MAX], first[11], last[11], due[32];
	const fig_indicator_t *inds[MAX_INDS];
	const char *sector = json_string_value(json_object_get(req, "sector"));
	bool chart = json_is_true(json_object_get(req, "chart"));
	store_fig_sub_t sub;
	s_data_t d;
	json_t *rows, *plans, *below;
	char *codes = NULL;
	unsigned n;
	proto_err_t e;

	if ((e = figures_target(c, req, &u, &p, key)) != E_OK)
		return e;
	s_range(&p, key, from, to);
	n = s_inds(&p, sector && *sector ? sector : NULL, inds);
	if (chart) { /* the units below: only the indicators listed */
		json_t *a = json_array();
		for (unsigned i = 0; i < n; i++)
			json_array_append_new(a, json_string(inds[i]->code));
		codes = json_dumps(a, JSON_COMPACT);
		json_decref(a);
	}
	e = s_data_load(c, &u, from, to, chart ? key : NULL, codes, &d) == 0 ? E_OK : E_INTERNAL;
	free(codes);
	if (e != E_OK) {
		s_data_free(&d);
		return e;
	}
	plans = store_fig_plans(c->db, p.year, u.id);
	if (chart) { /* the units below: where their reports stand */
		json_t *subs = store_fig_subs_below(c->db, key, u.id);
		d.states = figures_index(subs, "unit_id");
		json_decref(subs);
	}
	rows = json_array();
	for (unsigned i = 0; i < n; i++)
		if (s_reported_below(&d, inds[i]))
			json_array_append_new(rows, s_row(&d, inds[i], &p, key, plans, u.id, chart));
	json_decref(plans);
	below = chart ? s_below(&d) : NULL;
	s_data_free(&d);
	fig_period_dates(&p, figind_reporting(figures_set())->cutoff_day, first, last);
	wf_time(figures_due(&p), due, sizeof due);
	*reply = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:o, s:o}", "unit", u.code, "unit_name", u.name,
	                   "period", key, "first", first, "last", last, "due", due, "year_share",
	                   fig_round(fig_period_year_share(&p) * 100, 1),
	                   "submission",
	                   store_fig_sub_get(c->db, u.id, key, &sub) == STORE_OK ? figures_card(c, &sub) : json_null(),
	                   "figures", rows);
	if (below)
		json_object_set_new(*reply, "units", below);
	return E_OK;
}

proto_err_t srv_figures_overdue(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	proto_err_t e = figures_unit(c, json_string_value(json_object_get(req, "unit")), &u);

	if (e != E_OK)
		return e;
	*reply = json_pack("{s:s, s:o}", "unit", u.code, "overdue", s_overdue(c, &u));
	return E_OK;
}

proto_err_t srv_figures_show(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	fig_period_t p, q;
	char key[FIG_PERIOD_MAX], from[FIG_PERIOD_MAX], last[11];
	const char *code = json_string_value(json_object_get(req, "indicator"));
	const fig_indicator_t *ind;
	s_data_t d;
	json_t *series, *units, *r;
	size_t i;
	proto_err_t e;

	if ((e = figures_target(c, req, &u, &p, key)) != E_OK)
		return e;
	figures_period_last(&p, last);
	if (!(ind = figind_get(figures_set(), code, last))) {
		c->bad_field = "indicator";
		snprintf(c->detail, sizeof c->detail, "Không có chỉ tiêu \"%.*s\" áp dụng cho kỳ %s", TEXT_CLIP(code, 64), key);
		return E_NOT_FOUND;
	}
	if (ind->rollup == FIG_NONE && !figind_reports_unit(ind, u.level, u.code)) {
		c->bad_field = "unit";
		snprintf(c->detail, sizeof c->detail,
		         "Chỉ tiêu %s không cộng dồn được (rollup: none): chỉ xem tại đơn vị báo cáo (cấp %s)", ind->code,
		         ind->nlevels ? ind->levels[0] : "?");
		return E_INVALID;
	}
	q = p;
	for (int k = 1; k < SERIES; k++)
		fig_period_prev(&q, &q);
	fig_period_key(&q, from);
	{ /* the units below: this indicator only */
		json_t *a = json_pack("[s]", ind->code);
		char *codes = json_dumps(a, JSON_COMPACT);
		int rc = s_data_load(c, &u, from, key, key, codes, &d);
		json_decref(a);
		free(codes);
		if (rc != 0) {
			s_data_free(&d);
			return E_INTERNAL;
		}
	}
	series = s_series(&d, ind, &p, SERIES, true);
	units = s_children(&d, ind);
	s_data_free(&d);
	*reply = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:o, s:o, s:o}", "indicator", ind->code,
	                   "name", ind->name, "uom", ind->uom, "rollup", figind_rollup_name(ind->rollup), "unit", u.code,
	                   "unit_name", u.name, "decimals", ind->decimals, "period", key, "source", ind->source,
	                   "sector_name", ind->sector_name, "revisions",
	                   store_fig_revisions(c->db, ind->code, u.id, key), "series", series, "units", units);
	json_array_foreach(json_object_get(*reply, "revisions"), i, r) wf_time_field(r, "at");
	return E_OK;
}
