/* wf.c — the workflow engine: planning an action from the workflow's data
 * (from-state, who may, required fields, target, clock), the actions open
 * to an official, and the time helpers every kind shows and grades with.
 * Writing the instance is its module's job; this file writes nothing. */
#include "wf.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "date.h"

int wf_role_bit(const char *role)
{
	json_t *a = json_pack("[s]", role);
	int m = proto_roles_parse(a);
	json_decref(a);
	return m < 0 ? 0 : m;
}

/* by: roles — any of the roles, within the instance's unit subtree. */
static bool s_may_roles(const srv_ctx_t *c, const wf_kind_t *k, const wf_transition_t *t, const void *obj)
{
	for (unsigned i = 0; i < t->nroles; i++)
		if ((c->roles & wf_role_bit(t->roles[i])) && srv_in_scope(c, k->path(obj)))
			return true;
	return false;
}

bool wf_may(const srv_ctx_t *c, const wf_kind_t *k, const wf_transition_t *t, const void *obj)
{
	if (c->console)
		return true;
	if (t->by == WF_BY_ROLES)
		return s_may_roles(c, k, t, obj);
	return t->by >= 0 && k->rules[t->by].may(c, obj);
}

const char *wf_state_name(const wf_def_t *w, const char *state)
{
	const wf_state_t *s = w ? wf_state(w, state) : NULL;
	return s ? s->name : state;
}

/* Is the transition open from where the instance stands (a @prev needs a
 * step before the current one)? */
static bool s_open(const wf_transition_t *t, const wf_inst_t *in)
{
	for (unsigned i = 0; i < t->nfrom; i++)
		if (strcmp(t->from[i], in->state) == 0)
			return strcmp(t->to, WF_TO_PREV) != 0 || in->step > in->first_step;
	return false;
}

json_t *wf_actions(const srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, const wf_inst_t *in, const void *obj)
{
	json_t *a = json_array();

	for (unsigned i = 0; w && i < w->ntransitions; i++) {
		const wf_transition_t *t = &w->transitions[i];
		json_t *req;
		if (!s_open(t, in) || !wf_may(c, k, t, obj))
			continue;
		req = json_array();
		for (unsigned r = 0; r < t->nrequire; r++)
			json_array_append_new(req, json_string(t->require[r]));
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:s?}", "action", t->action, "label", t->label,
		                                   "require", req, "form", t->form));
	}
	return a;
}

/* Where t leads from in: state and step into m. E_INVALID for a @prev
 * with no step before. */
static proto_err_t s_target(srv_ctx_t *c, const wf_def_t *w, const wf_transition_t *t, const wf_inst_t *in,
                            wf_move_t *m)
{
	const char *to = in->state;

	m->to_step = in->step;
	if (strcmp(t->to, WF_TO_NEXT) == 0) {
		if (in->step + 1 < in->nsteps)
			m->to_step = in->step + 1;
		else
			to = w->after_last;
		m->step_done = true;
	} else if (strcmp(t->to, WF_TO_PREV) == 0) {
		if (in->step <= in->first_step) {
			c->bad_field = "action";
			snprintf(c->detail, sizeof c->detail, "Không có bước nào trước bước hiện tại");
			return E_INVALID;
		}
		m->to_step = in->step - 1;
	} else if (strcmp(t->to, WF_TO_RESUME) == 0) {
		to = in->paused_state && *in->paused_state ? in->paused_state : w->initial;
		m->to_step = in->paused_step;
	} else if (strcmp(t->to, WF_TO_SAME) != 0)
		to = t->to;
	snprintf(m->to_state, sizeof m->to_state, "%s", to ? to : "");
	return E_OK;
}

static bool s_blank(const json_t *v)
{
	return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v));
}

/* How a refusal names a `require` entry of kind k ("note" -> "ghi chú/lý
 * do"); the name itself when the kind gives no label. */
static const char *s_require_label(const wf_kind_t *k, const char *name)
{
	for (const wf_require_t *r = k->requires; r && r->name; r++)
		if (strcmp(r->name, name) == 0)
			return r->label;
	return name;
}

proto_err_t wf_plan(srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, const wf_inst_t *in, const void *obj,
                    const char *action, const json_t *req, wf_move_t *m)
{
	const json_t *want = json_object_get(req, "version");
	const wf_transition_t *t;
	proto_err_t e;

	memset(m, 0, sizeof *m);
	if (want && json_integer_value(want) != in->version) {
		/* someone acted first: say where the instance is now */
		snprintf(c->detail, sizeof c->detail, "%s vừa chuyển sang \"%s\"%s%s", k->Noun,
		         wf_state_name(w, in->state), in->step_name && *in->step_name ? " — " : "",
		         in->step_name ? in->step_name : "");
		return E_CONFLICT;
	}
	t = wf_transition(w, in->state, action);
	if (!t) {
		c->bad_field = "action";
		snprintf(c->detail, sizeof c->detail, "Không thể \"%s\" khi %s đang ở trạng thái \"%s\"", action,
		         k->noun, wf_state_name(w, in->state));
		return E_INVALID;
	}
	if (!wf_may(c, k, t, obj)) {
		snprintf(c->detail, sizeof c->detail, "Thao tác \"%s\" thuộc về %s", t->label,
		         t->by >= 0 ? k->rules[t->by].who : "người khác");
		return E_NOT_ALLOWED;
	}
	for (unsigned i = 0; i < t->nrequire; i++)
		if (s_blank(json_object_get(req, t->require[i]))) {
			c->bad_field = t->require[i];
			snprintf(c->detail, sizeof c->detail, "Thao tác \"%s\" cần %s", t->label,
			         s_require_label(k, t->require[i]));
			return E_INVALID;
		}
	m->t = t;
	if ((e = s_target(c, w, t, in, m)) != E_OK)
		return e;
	m->from = wf_state(w, in->state);
	m->to = wf_state(w, m->to_state);
	if (!m->from || !m->to)
		return E_INTERNAL;
	m->moved = m->to_step != in->step || strcmp(m->to_state, in->state) != 0;
	if (m->from->clock == CLOCK_RUN && m->to->clock == CLOCK_PAUSE)
		m->clock = WF_CLOCK_PAUSE;
	else if (m->from->clock == CLOCK_PAUSE && m->to->clock == CLOCK_RUN)
		m->clock = WF_CLOCK_RESUME;
	m->ends = m->to->final || m->to->clock == CLOCK_STOP;
	return E_OK;
}

proto_err_t wf_effect(srv_ctx_t *c, const wf_kind_t *k, const wf_move_t *m, void *obj, const json_t *req)
{
	if (!m->t || !m->t->effect)
		return E_OK;
	for (const wf_effect_t *x = k->effects; x && x->name; x++)
		if (strcmp(x->name, m->t->effect) == 0)
			return x->fn(c, obj, req);
	return E_INTERNAL; /* the loader only lets through effects the kind has */
}

/* --- time --- */

const char *wf_time(int64_t t, char *buf, size_t n)
{
	time_t local = (time_t)(t + wt_utc_offset(catalog_calendar()));
	struct tm tm;
	gmtime_r(&local, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

void wf_time_field(json_t *o, const char *key)
{
	char buf[32];
	json_object_set_new(o, key, json_string(wf_time(json_integer_value(json_object_get(o, key)), buf, sizeof buf)));
}

int64_t wf_day(int64_t t)
{
	int64_t l = t + wt_utc_offset(catalog_calendar());
	return l >= 0 ? l / 86400 : (l - 86399) / 86400;
}

const char *wf_grade(int64_t done, int64_t due, bool late)
{
	if (late || done > due)
		return "late";
	return wf_day(done) < wf_day(due) ? "early" : "on_time";
}

int64_t wf_day_end(const char *date)
{
	const wt_calendar_t *cal = catalog_calendar();
	struct tm tm = {0};
	int64_t midnight;

	if (date_parse(date, &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 0)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	midnight = (int64_t)timegm(&tm) - wt_utc_offset(cal);
	return wt_add(cal, wt_start_cutoff(cal, (time_t)midnight, -1), wt_day_seconds(cal));
}

const char *wf_remaining(int64_t now, int64_t due, char *buf, size_t n)
{
	const wt_calendar_t *cal = catalog_calendar();
	return wt_format_remaining(cal, wt_between(cal, now, due), buf, n);
}
