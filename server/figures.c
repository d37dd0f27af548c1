/* figures.c — a unit's submission of socio-economic figures as a kind of
 * work of the engine (forms/workflows/figures.yaml: the `reporter` and
 * `superior` rules, its effects), what the figures handlers share (the
 * unit and period of a request, saving a figure as a new revision, the
 * figures.changed event), and the moves: figures.submit (save the figures,
 * then submit unless a draft), figures.accept and figures.return. */
#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "figures_roll.h"
#include "log.h"
#include "store/org.h"
#include <time.h>
#include "figures_timer.h"
#include "org.h"
#include "push.h"
#include "store/wflog.h"
#include "text.h"

/* ---- shared ---- */

static const wf_def_t *s_workflow(void)
{
	return forms_workflow(catalog_forms(), FIGURES_WORKFLOW);
}

const figind_t *figures_set(void)
{
	return forms_indicators(catalog_forms());
}

proto_err_t figures_unit(srv_ctx_t *c, const char *code, figures_unit_t *u)
{
	char path[512];
	json_t *rows, *r;
	proto_err_t e = org_scope(c, code && *code ? code : NULL, path, sizeof path);

	if (e != E_OK)
		return e;
	if (!(r = rows = store_fig_unit(c->db, path)))
		return E_INTERNAL;
	memset(u, 0, sizeof *u);
	u->id = json_integer_value(json_object_get(r, "id"));
	u->parent_id = json_integer_value(json_object_get(r, "parent_id"));
	snprintf(u->code, sizeof u->code, "%s", json_string_value(json_object_get(r, "code")));
	snprintf(u->name, sizeof u->name, "%s", json_string_value(json_object_get(r, "name")));
	snprintf(u->level, sizeof u->level, "%s", json_string_value(json_object_get(r, "level")));
	snprintf(u->path, sizeof u->path, "%s", path);
	json_decref(rows);
	return E_OK;
}

proto_err_t figures_period(srv_ctx_t *c, const json_t *req, fig_period_t *p, char *key)
{
	const char *s = json_string_value(json_object_get(req, "period"));
	const wt_calendar_t *cal = catalog_calendar();

	bool closed = (!s || !*s) && json_is_true(json_object_get(req, "closed"));

	if (!s || !*s)
		s = fig_period_month_of(c->now, wt_utc_offset(cal), figind_reporting(figures_set())->cutoff_day, key);
	if (fig_period_parse(s, p) != 0) {
		c->bad_field = "period";
		snprintf(c->detail, sizeof c->detail,
		         "Kỳ báo cáo không hợp lệ: %.*s (tháng 2026-11, quý 2026-Q4, 6 tháng 2026-H1, 9 tháng 2026-9M, năm "
		         "2026)",
		         TEXT_CLIP(s, 40));
		return E_INVALID;
	}
	if (closed) /* the month period before the one running */
		fig_period_prev(p, p);
	fig_period_key(p, key);
	return E_OK;
}

proto_err_t figures_target(srv_ctx_t *c, const json_t *req, figures_unit_t *u, fig_period_t *p, char *key)
{
	proto_err_t e = figures_unit(c, json_string_value(json_object_get(req, "unit")), u);
	return e != E_OK ? e : figures_period(c, req, p, key);
}

int64_t figures_due(const fig_period_t *p)
{
	return fig_period_due(catalog_calendar(), p, figind_reporting(figures_set()));
}

void figures_period_last(const fig_period_t *p, char out[11])
{
	char first[11];
	fig_period_dates(p, figind_reporting(figures_set())->cutoff_day, first, out);
}

/* text as a number of at most `decimals` decimals, normalised into out. */
static bool s_number(const char *text, int decimals, char *out, size_t n)
{
	char *end;
	double v;
	const char *dot;

	if (!text || !*text)
		return false;
	v = strtod(text, &end);
	if (*end || !isfinite(v) || fabs(v) > 1e15)
		return false;
	if ((dot = strchr(text, '.')) && (int)strlen(dot + 1) > decimals)
		return false;
	snprintf(out, n, "%.*f", decimals, v);
	return true;
}

int figures_put(srv_ctx_t *c, const figures_unit_t *u, const fig_period_t *p, const char *key, const char *code,
                const char *text, const char *kind, const char *source, char *why, size_t n)
{
	char last[11], num[64];
	const fig_indicator_t *ind;
	json_t *cur;
	int rc;

	why[0] = 0;
	figures_period_last(p, last);
	if (!(ind = figind_get(figures_set(), code, last))) {
		snprintf(why, n, "không có chỉ tiêu \"%.*s\" áp dụng cho kỳ %s", TEXT_CLIP(code, 64), key);
		return -1;
	}
	if (!fig_period_for(p, ind->every)) {
		snprintf(why, n, "chỉ tiêu %s báo cáo theo kỳ %s, không theo kỳ %s", code, figind_every_name(ind->every), key);
		return -1;
	}
	if (figind_reports(ind, u->level) && !figind_reports_unit(ind, u->level, u->code)) {
		snprintf(why, n, "chỉ tiêu %s do đơn vị %s báo cáo, không phải các sở khác", code, ind->reporter);
		return -1;
	}
	if (!figind_reports(ind, u->level)) {
		snprintf(why, n, "đơn vị cấp %s không báo cáo chỉ tiêu %s (số liệu được tổng hợp từ cấp dưới)", u->level,
		         code);
		return -1;
	}
	if (!s_number(text, ind->decimals, num, sizeof num)) {
		snprintf(why, n, "\"%.*s\" không phải số hợp lệ cho %s (tối đa %d chữ số thập phân, dấu chấm thập phân)",
		         TEXT_CLIP(text ? text : "", 40), code, ind->decimals);
		return -1;
	}
	/* the figure in force, unchanged: no new revision */
	cur = store_fig_revisions(c->db, code, u->id, key);
	if (json_array_size(cur)) {
		json_t *r = json_array_get(cur, json_array_size(cur) - 1);
		if (fabs(json_number_value(json_object_get(r, "value")) - atof(num)) < 1e-9 &&
		    strcmp(json_string_value(json_object_get(r, "kind")), kind) == 0) {
			json_decref(cur);
			return 0;
		}
	}
	json_decref(cur);
	rc = store_fig_value_add(c->db, code, u->id, key, num, kind, source, c->user_id, c->now) == STORE_OK &&
	             figures_roll_update(c->db, figures_set(), code, u->id, key) == 0
	         ? 1
	         : -1;
	return rc;
}

int figures_check_reporters(store_t *db, const figind_t *set, int64_t now)
{
	const fig_indicator_t *all[512];
	char today[11], path[512];
	unsigned n;
	int bad = 0;
	time_t t = (time_t)now;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	n = figind_list(set, today, NULL, all, 512);
	for (unsigned i = 0; i < n; i++) {
		int64_t id;
		if (!all[i]->reporter)
			continue;
		if (store_unit_find(db, all[i]->reporter, &id, path, sizeof path) != STORE_OK) {
			log_warn("figures: %s is reported by %s, which is not a unit of the org tree", all[i]->code,
			         all[i]->reporter);
			bad++;
		}
	}
	return bad;
}

void figures_changed(srv_ctx_t *c, const figures_unit_t *u, const char *key, const char *state)
{
	srv_event(c, EV_figures_changed,
	          json_pack("{s:s, s:s, s:s, s:s}", "unit", u->code, "unit_name", u->name, "period", key, "state", state),
	          u->path, 0);
}

json_t *figures_card(srv_ctx_t *c, const store_fig_sub_t *s)
{
	fig_period_t p;
	int64_t due = 0;
	char buf[32], dbuf[32];

	if (fig_period_parse(s->period, &p) == 0)
		due = figures_due(&p);
	(void)c;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b, s:I}", "code", s->code, "unit",
	                 s->unit_code, "unit_name", s->unit_name, "period", s->period, "state", s->state, "state_name",
	                 wf_state_name(s_workflow(), s->state), "note", s->note, "due", wf_time(due, dbuf, sizeof dbuf),
	                 "submitted_at", s->submitted_at ? wf_time(s->submitted_at, buf, sizeof buf) : NULL, "late",
	                 (int)(s->submitted_at ? s->submitted_at > due : c->now > due), "version",
	                 (json_int_t)s->version);
}

json_t *figures_index(const json_t *rows, const char *key)
{
	json_t *index = json_object(), *r;
	char k[24];
	size_t i;

	json_array_foreach(rows, i, r)
	{
		snprintf(k, sizeof k, "%lld", (long long)json_integer_value(json_object_get(r, key)));
		json_object_set(index, k, r);
	}
	return index;
}

json_t *figures_index_get(const json_t *index, int64_t id)
{
	char k[24];
	snprintf(k, sizeof k, "%lld", (long long)id);
	return json_object_get(index, k);
}

/* Whether the unit (level, code) reports any of p's indicators. */
static bool s_reporter(const fig_period_t *p, const char *level, const char *code)
{
	const fig_indicator_t *all[512];
	char last[11];
	unsigned n;

	figures_period_last(p, last);
	n = figind_list(figures_set(), last, NULL, all, 512);
	for (unsigned i = 0; i < n; i++)
		if (fig_period_for(p, all[i]->every) && figind_reports_unit(all[i], level, code))
			return true;
	return false;
}

json_t *figures_reporters(srv_ctx_t *c, const fig_period_t *p, const char *key, const char *path, int64_t due)
{
	json_t *units = store_fig_units(c->db, path), *subs = store_fig_subs(c->db, key, path);
	json_t *by = figures_index(subs, "unit_id"), *out = json_array(), *r, *s;
	const wf_def_t *w = s_workflow();
	char at[32];
	size_t i;

	json_array_foreach(units, i, r)
	{
		const char *state;
		int64_t sub_at;
		bool missing;
		if (!s_reporter(p, json_string_value(json_object_get(r, "level")), json_string_value(json_object_get(r, "code"))))
			continue;
		s = figures_index_get(by, json_integer_value(json_object_get(r, "id")));
		state = s ? json_string_value(json_object_get(s, "state")) : "";
		sub_at = s ? json_integer_value(json_object_get(s, "submitted_at")) : 0;
		missing = !s || strcmp(state, w ? w->initial : "draft") == 0;
		json_array_append_new(
		    out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:s, s:s, s:s?, s:b, s:b}", "unit_id", json_object_get(r, "id"),
		                   "parent_id", json_object_get(r, "parent_id"), "unit", json_object_get(r, "code"),
		                   "unit_name", json_object_get(r, "name"), "level", json_object_get(r, "level"), "state",
		                   s ? state : "missing", "state_name", s ? wf_state_name(w, state) : "Chưa nhập",
		                   "submitted_at", sub_at ? wf_time(sub_at, at, sizeof at) : NULL, "missing", (int)missing,
		                   "late", (int)(missing ? c->now > due : sub_at > due)));
	}
	json_decref(units);
	json_decref(subs);
	json_decref(by);
	return out;
}

/* ---- the kind ---- */

static bool s_official(const srv_ctx_t *c)
{
	return (c->roles & (ROLE_LEADER | ROLE_SPECIALIST)) != 0;
}

/* by: reporter — the leaders and specialists of the reporting unit. */
static bool s_may_reporter(const srv_ctx_t *c, const void *obj)
{
	const store_fig_sub_t *s = obj;
	return c->console || (c->unit_id == s->unit_id && s_official(c));
}

/* by: superior — those of the unit directly above it. */
static bool s_may_superior(const srv_ctx_t *c, const void *obj)
{
	const store_fig_sub_t *s = obj;
	return c->console || (s->parent_id && c->unit_id == s->parent_id && s_official(c));
}

static const char *s_path(const void *obj) { return ((const store_fig_sub_t *)obj)->unit_path; }

static proto_err_t s_submitted(srv_ctx_t *c, void *obj, const json_t *req)
{
	(void)req;
	((store_fig_sub_t *)obj)->submitted_at = c->now;
	return E_OK;
}

static proto_err_t s_decided(srv_ctx_t *c, void *obj, const json_t *req)
{
	store_fig_sub_t *s = obj;
	const char *note = json_string_value(json_object_get(req, "note"));

	s->decided_at = c->now;
	snprintf(s->note, sizeof s->note, "%s", note ? note : "");
	return E_OK;
}

static const wf_effect_t s_effects[] = {
    {"submitted", s_submitted},
    {"decided", s_decided},
    {NULL, NULL},
};

static const wf_require_t s_requires[] = {
    {"note", "ghi chú/lý do"},
    {NULL, NULL},
};

/* Not graded: lateness is read against the period's due date. */
static bool s_grade_ref(const void *obj, int64_t now, int64_t *done, int64_t *due, bool *late)
{
	(void)obj, (void)now, (void)done, (void)due, (void)late;
	return false;
}

static void s_finish(void *obj, int64_t now, const char *grade)
{
	(void)obj, (void)now, (void)grade;
}

static proto_err_t s_save(srv_ctx_t *c, void *obj, const void *was)
{
	store_fig_sub_t *s = obj;
	(void)was;
	if (store_fig_sub_save(c->db, s) != STORE_OK)
		return E_CONFLICT;
	s->version++; /* a second move in the same request starts from here */
	return E_OK;
}

static json_t *s_audit(const void *obj, const char *action, const char *note)
{
	const store_fig_sub_t *s = obj;
	return json_pack("{s:s, s:s, s:s, s:s?}", "action", action, "period", s->period, "state", s->state, "note",
	                 note);
}

static const wf_apply_ops_t s_ops = {
    .at = WF_LAYOUT(store_fig_sub_t),
    .grade_ref = s_grade_ref,
    .finish = s_finish,
    .save = s_save,
    .audit = s_audit,
    .size = sizeof(store_fig_sub_t),
};

enum { FIG_BY_REPORTER, FIG_BY_SUPERIOR };

static const wf_rule_t s_rules[] = {
    [FIG_BY_REPORTER] = {"reporter", s_may_reporter, "lãnh đạo, chuyên viên của đơn vị báo cáo"},
    [FIG_BY_SUPERIOR] = {"superior", s_may_superior, "lãnh đạo, chuyên viên của đơn vị cấp trên trực tiếp"},
    {NULL, NULL, NULL},
};

const wf_kind_t figures_kind = {
    .name = "figures",
    .noun = "báo cáo số liệu",
    .Noun = "Báo cáo số liệu",
    .rules = s_rules,
    .path = s_path,
    .effects = s_effects,
    .on_timer = figures_on_timer,
    .requires = s_requires,
    .create_action = "open",
    .create_label = "Bắt đầu nhập số liệu",
    .ops = &s_ops,
};

/* ---- the moves ---- */

/* u's submission of period key, created in the workflow's initial state
 * (logged and audited) when it has none yet and create is set. */
static proto_err_t s_sub(srv_ctx_t *c, const figures_unit_t *u, const char *key, bool create, store_fig_sub_t *s)
{
	const wf_def_t *w = s_workflow();
	store_rc_t rc = store_fig_sub_get(c->db, u->id, key, s);
	char code[64];
	int64_t id;

	if (rc == STORE_OK)
		return E_OK;
	if (rc != STORE_NONE || !w)
		return E_INTERNAL;
	if (!create) {
		snprintf(c->detail, sizeof c->detail, "Đơn vị %s chưa có báo cáo số liệu kỳ %s", u->code, key);
		return E_NOT_FOUND;
	}
	snprintf(code, sizeof code, "%s:%s", u->code, key);
	if (store_fig_sub_insert(c->db, u->id, key, code, w->initial, c->now, &id) != STORE_OK ||
	    wf_log_create(c, &figures_kind,
	                  &(store_wflog_t){.object = id, .to_state = w->initial, .to_step = -1, .note = ""}) != 0 ||
	    audit_log(c, "figures.add", code, json_pack("{s:s, s:s}", "unit", u->code, "period", key)) != 0 ||
	    store_fig_sub_get(c->db, u->id, key, s) != STORE_OK)
		return E_INTERNAL;
	return E_OK;
}

/* Plan and apply action on s. */
static proto_err_t s_move(srv_ctx_t *c, store_fig_sub_t *s, const char *action, const json_t *req)
{
	const wf_def_t *w = s_workflow();
	wf_inst_t in = {.state = s->state, .version = s->version};
	wf_move_t m;
	proto_err_t e;

	if (!w)
		return E_INTERNAL;
	if ((e = wf_plan(c, &figures_kind, w, &in, s, action, req, &m)) != E_OK)
		return e;
	return wf_apply(c, &figures_kind, w, s, &m, action, req);
}

/* Save every figure of the request's `values` as u's for period p; the
 * first refusal names its indicator. The number saved into *saved. */
static proto_err_t s_values(srv_ctx_t *c, const figures_unit_t *u, const fig_period_t *p, const char *key,
                            const json_t *req, int *saved)
{
	const json_t *values = json_object_get(req, "values");
	const char *kind = json_is_true(json_object_get(req, "final")) ? "final" : "estimate";
	const char *code;
	json_t *v;
	char why[300];

	*saved = 0;
	json_object_foreach((json_t *)values, code, v)
	{
		int rc = figures_put(c, u, p, key, code, json_string_value(v), kind, "form", why, sizeof why);
		if (rc < 0 && !why[0])
			return E_INTERNAL;
		if (rc < 0) {
			c->bad_field = "values";
			snprintf(c->detail, sizeof c->detail, "%s", why);
			return E_INVALID;
		}
		*saved += rc;
	}
	if (*saved && audit_log(c, "figures.values", u->code,
	                        json_pack("{s:s, s:i, s:s, s:O}", "period", key, "saved", *saved, "kind", kind, "values",
	                                  values)) != 0)
		return E_INTERNAL;
	return E_OK;
}

proto_err_t srv_figures_submit(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	fig_period_t p;
	char key[FIG_PERIOD_MAX];
	store_fig_sub_t s;
	bool draft = json_is_true(json_object_get(req, "draft"));
	int saved = 0;
	proto_err_t e;

	if ((e = figures_target(c, req, &u, &p, key)) != E_OK)
		return e;
	if (!c->console && (c->unit_id != u.id || !s_official(c))) {
		c->bad_field = "unit";
		snprintf(c->detail, sizeof c->detail,
		         "Chỉ lãnh đạo, chuyên viên của đơn vị %s nhập và gửi số liệu của đơn vị mình", u.code);
		return c->unit_id != u.id ? E_OUT_OF_SCOPE : E_NOT_ALLOWED;
	}
	if ((e = s_sub(c, &u, key, true, &s)) != E_OK)
		return e;
	if (json_object_size(json_object_get(req, "values"))) {
		if (strcmp(s.state, "accepted") == 0 && (e = s_move(c, &s, "revise", req)) != E_OK)
			return e;
		if (strcmp(s.state, "submitted") == 0) {
			c->bad_field = "values";
			snprintf(c->detail, sizeof c->detail, "Báo cáo kỳ %s đã gửi, đang chờ cấp trên: không sửa được số liệu",
			         key);
			return E_INVALID;
		}
		if ((e = s_values(c, &u, &p, key, req, &saved)) != E_OK)
			return e;
	}
	if (!draft && (e = s_move(c, &s, "submit", req)) != E_OK)
		return e;
	if (store_fig_sub_get(c->db, u.id, key, &s) != STORE_OK)
		return E_INTERNAL;
	figures_changed(c, &u, key, s.state);
	*reply = figures_card(c, &s);
	json_object_set_new(*reply, "saved", json_integer(saved));
	return E_OK;
}

/* accept or return: the unit above the submitting one decides. */
static proto_err_t s_decide(srv_ctx_t *c, json_t *req, const char *action, json_t **reply)
{
	figures_unit_t u;
	fig_period_t p;
	char key[FIG_PERIOD_MAX];
	store_fig_sub_t s;
	proto_err_t e;

	if ((e = figures_target(c, req, &u, &p, key)) != E_OK || (e = s_sub(c, &u, key, false, &s)) != E_OK ||
	    (e = s_move(c, &s, action, req)) != E_OK)
		return e;
	if (store_fig_sub_get(c->db, u.id, key, &s) != STORE_OK)
		return E_INTERNAL;
	figures_changed(c, &u, key, s.state);
	*reply = figures_card(c, &s);
	json_object_set_new(*reply, "saved", json_integer(0));
	return E_OK;
}

proto_err_t srv_figures_accept(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_decide(c, req, "accept", reply);
}

proto_err_t srv_figures_return(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_decide(c, req, "return", reply);
}
