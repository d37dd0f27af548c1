/* wf_apply.c — applying a planned move, the same for every kind of work:
 * the step's grade, the clock, the effect, the end, the holder, the
 * versioned save, one row of the generic log (store/wflog.h), the audit
 * row and the kind's timers and events. A kind supplies the hooks that
 * reach its record (wf_apply_ops_t); the sequence is written once here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "store/wflog.h"
#include "wf.h"
#include "worktime.h"

/* The record's common members, where its layout says they are. */
static int64_t s_id(const wf_layout_t *at, const void *obj)
{
	int64_t id;
	memcpy(&id, (const char *)obj + at->id, sizeof id);
	return id;
}
static const char *s_code(const wf_layout_t *at, const void *obj) { return (const char *)obj + at->code; }
static const char *s_state(const wf_layout_t *at, const void *obj) { return (const char *)obj + at->state; }
static int s_step(const wf_layout_t *at, const void *obj)
{
	int step = -1;
	if (at->steps)
		memcpy(&step, (const char *)obj + at->step, sizeof step);
	return step;
}

/* Enter state and, for a kind with steps, step. */
static void s_enter(const wf_layout_t *at, void *obj, const char *state, int step)
{
	snprintf((char *)obj + at->state, at->state_n, "%s", state);
	if (at->steps)
		memcpy((char *)obj + at->step, &step, sizeof step);
}

/* Pause or resume the instance's clock as the move says. */
static void s_clock(const wf_apply_ops_t *o, void *obj, const wf_move_t *m, int64_t now)
{
	const wt_calendar_t *cal = catalog_calendar();
	wf_clock_ref_t k;

	if (m->clock == WF_CLOCK_KEEP || !o->clock || !o->clock(obj, &k))
		return;
	if (m->clock == WF_CLOCK_PAUSE) {
		*k.used += wt_between(cal, *k.start, now);
		*k.paused_at = now;
		snprintf(k.paused_state, k.paused_state_n, "%s", s_state(&o->at, obj));
		*k.paused_step = o->at.steps ? s_step(&o->at, obj) : 0;
	} else {
		/* the remaining working time resumes from the next working moment */
		*k.start = wt_start_cutoff(cal, now, -1);
		*k.due = wt_add(cal, *k.start, *k.total - *k.used > 0 ? *k.total - *k.used : 0);
		*k.paused_at = 0;
	}
}

proto_err_t wf_apply(srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, void *obj, const wf_move_t *m,
                     const char *action, const json_t *req)
{
	const wf_apply_ops_t *o = k->ops;
	const char *note = json_string_value(json_object_get(req, "note"));
	char from_state[32], step_grade[16] = "", kind_act[48];
	int from_step = s_step(&o->at, obj);
	int64_t to_unit = 0;
	const char *to_role = NULL;
	json_t *extra = NULL;
	void *was = malloc(o->size);
	proto_err_t e;

	if (!was)
		return E_INTERNAL;
	memcpy(was, obj, o->size); /* a shallow copy: read, never freed through */
	snprintf(from_state, sizeof from_state, "%s", s_state(&o->at, obj));
	if (m->step_done && o->step_due)
		snprintf(step_grade, sizeof step_grade, "%s", wf_grade(c->now, o->step_due(obj), false));
	s_clock(o, obj, m, c->now);
	if ((e = wf_effect(c, k, m, obj, req)) != E_OK)
		goto done;
	if (m->ends) {
		int64_t done_at = 0, due = 0;
		bool late = false;
		/* finished with a result (graded), or stopped without one */
		if (o->grade_ref(obj, c->now, &done_at, &due, &late))
			o->finish(obj, c->now, m->to->clock == CLOCK_STOP ? wf_grade(done_at, due, late) : NULL);
	}
	if (o->hand_over)
		o->hand_over(c, obj, m, &to_unit, &to_role);
	s_enter(&o->at, obj, m->to_state, m->to_step);
	if ((e = o->save(c, obj, was)) != E_OK)
		goto done;
	extra = o->log_extra ? o->log_extra(obj, was, req) : NULL;
	snprintf(kind_act, sizeof kind_act, "%s.act", k->name);
	if (store_wflog_append(c->db, &(store_wflog_t){.kind = k->name,
	                                               .object = s_id(&o->at, obj),
	                                               .at = c->now,
	                                               .user = c->user_id,
	                                               .action = action,
	                                               .from_state = from_state,
	                                               .from_step = from_step,
	                                               .to_state = s_state(&o->at, obj),
	                                               .to_step = s_step(&o->at, obj),
	                                               .to_unit = to_unit,
	                                               .to_role = to_role,
	                                               .note = note,
	                                               .grade = step_grade,
	                                               .form = m->t->form,
	                                               .extra = extra}) != STORE_OK ||
	    audit_log(c, kind_act, s_code(&o->at, obj), o->audit(obj, action, note)) != 0 ||
	    (o->after && o->after(c, obj, w, action) != 0))
		e = E_INTERNAL;
done:
	json_decref(extra);
	free(was);
	return e;
}

int wf_log_create(srv_ctx_t *c, const wf_kind_t *k, store_wflog_t *e)
{
	e->kind = k->name;
	e->action = k->create_action;
	e->at = c->now;
	e->user = c->user_id;
	e->from_state = NULL;
	e->from_step = -1;
	return store_wflog_append(c->db, e) == STORE_OK ? 0 : -1;
}

const char *wf_action_label(const wf_kind_t *k, const wf_def_t *w, const char *action)
{
	if (!action)
		return "";
	for (unsigned i = 0; w && i < w->ntransitions; i++)
		if (strcmp(w->transitions[i].action, action) == 0)
			return w->transitions[i].label;
	if (k->create_action && strcmp(action, k->create_action) == 0)
		return k->create_label;
	return action;
}

json_t *wf_timeline(srv_ctx_t *c, const wf_kind_t *k, const wf_def_t *w, int64_t object, int64_t before, int limit,
                    const char *(*step_name)(const void *obj, int step), const void *obj)
{
	json_t *rows = store_wflog_page(c->db, k->name, object, before, limit), *r;
	size_t i;

	json_array_foreach(rows, i, r)
	{
		json_t *to_step = json_object_get(r, "to_step");
		const char *to_state = json_string_value(json_object_get(r, "to_state"));
		const wf_state_t *st = w ? wf_state(w, to_state) : NULL;
		json_object_set_new(r, "label",
		                    json_string(wf_action_label(k, w, json_string_value(json_object_get(r, "action")))));
		wf_time_field(r, "at");
		json_object_set_new(r, "to_state_name", json_string(wf_state_name(w, to_state)));
		/* the step is where it went when the state walks the steps (the
		 * kind's steps_by holds it) */
		if (step_name && json_is_integer(to_step) && st && k->steps_by &&
		    strcmp(wf_rule_name(k, st->holder), k->steps_by) == 0)
			json_object_set_new(r, "to_step_name", json_string(step_name(obj, (int)json_integer_value(to_step))));
		if (json_is_integer(json_object_get(r, "deadline")))
			wf_time_field(r, "deadline");
	}
	return rows;
}

int64_t wf_timeline_count(srv_ctx_t *c, const wf_kind_t *k, int64_t object)
{
	return store_wflog_count(c->db, k->name, object);
}
