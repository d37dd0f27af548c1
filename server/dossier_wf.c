/* dossier_wf.c — what the workflow engine needs to know of dossiers: who
 * the `step` and `desk` rules mean, the apology's `reschedule` effect, and
 * the due-soon / overdue timers of a dossier's step and appointment with
 * the notices they send. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "dossier.h"

/* by: step — the current step's role, in the step's unit. */
static bool s_may_step(const srv_ctx_t *c, const void *obj)
{
	const dossier_t *d = obj;
	return c->unit_id == d->handler_unit && (c->roles & wf_role_bit(d->handler_role));
}

/* by: desk — the one-stop desk (clerk) of the receiving unit. */
static bool s_may_desk(const srv_ctx_t *c, const void *obj)
{
	const dossier_t *d = obj;
	return c->unit_id == d->unit_id && (c->roles & ROLE_CLERK);
}

static const char *s_path(const void *obj)
{
	return ((const dossier_t *)obj)->unit_path;
}

/* effect: reschedule — the apology's new appointment (form 04): a working
 * day after the current one, kept beside the first. */
static proto_err_t s_reschedule(srv_ctx_t *c, void *obj, const json_t *req)
{
	dossier_t *d = obj;
	const procedure_t *p = dossier_procedure(d);
	const char *date = json_string_value(json_object_get(req, "new_due"));
	int64_t nd = wf_day_end(date);
	int allowed = p ? p->apologies : 1;
	char buf[32];

	/* once per dossier unless the procedure's rule allows more (apologies) */
	if (d->apologies >= allowed) {
		snprintf(c->detail, sizeof c->detail,
			 "Hồ sơ đã được xin lỗi và hẹn lại %d lần: thủ tục chỉ cho phép %d lần (mẫu 04)", d->apologies,
			 allowed);
		return E_CONFLICT;
	}
	if (nd < 0 || strncmp(wf_time(nd, buf, sizeof buf), date, 10) != 0 ||
	    nd <= (d->new_due ? d->new_due : d->due)) {
		c->bad_field = "new_due";
		snprintf(c->detail, sizeof c->detail, "Ngày hẹn mới phải là một ngày làm việc sau ngày hẹn hiện tại");
		return E_INVALID;
	}
	d->new_due = nd;
	d->apologies++;
	return E_OK;
}

/* One of the words of list (NULL-terminated), or def when v is NULL. */
static const char *s_word(const char *v, const char *const *list, const char *def)
{
	if (!v)
		return def;
	for (unsigned i = 0; list[i]; i++)
		if (strcmp(v, list[i]) == 0)
			return list[i];
	return NULL;
}

/* effect: return_result — who collected the result (the applicant or a
 * person they authorised, with an ID number), how (at the desk, by post,
 * or online: the electronic result sent to the applicant's account on the
 * public service portal, which QĐ 766/QĐ-TTg's index counts), when, by
 * whom, and the result's number; once per dossier. */
static proto_err_t s_return_result(srv_ctx_t *c, void *obj, const json_t *req)
{
	static const char *const kinds[] = {"applicant", "authorised", NULL}, *const methods[] = {"desk", "post", "online", NULL};
	const dossier_t *d = obj;
	const char *kind = s_word(json_string_value(json_object_get(req, "collector_kind")), kinds, "applicant");
	const char *method = s_word(json_string_value(json_object_get(req, "method")), methods, NULL);
	const char *no = json_string_value(json_object_get(req, "result_no"));
	store_dossier_return_t r = {.at = c->now, .by = c->user_id};

	if (!kind || !method) {
		c->bad_field = kind ? "method" : "collector_kind";
		snprintf(c->detail, sizeof c->detail, kind ? "Cách trả kết quả là desk (tại bộ phận một cửa), post (bưu chính) "
							   "hoặc online (kết quả điện tử)"
							   : "Người nhận là applicant (người nộp hồ sơ) hoặc authorised (người được ủy quyền)");
		return E_INVALID;
	}
	snprintf(r.collector_kind, sizeof r.collector_kind, "%s", kind);
	snprintf(r.method, sizeof r.method, "%s", method);
	snprintf(r.collector, sizeof r.collector, "%s", json_string_value(json_object_get(req, "collector")));
	snprintf(r.collector_id, sizeof r.collector_id, "%s", json_string_value(json_object_get(req, "collector_id")));
	snprintf(r.result_no, sizeof r.result_no, "%s", no ? no : "");
	switch (store_dossier_return_add(c->db, d->id, &r)) {
	case STORE_OK: return E_OK;
	case STORE_EXISTS: return E_CONFLICT;
	default: return E_INTERNAL;
	}
}

static const wf_effect_t s_effects[] = {
    {"reschedule", s_reschedule},
    /* desk */
    {"return_result", s_return_result},
    {NULL, NULL},
};

/* The notice of timer t on d, to the step's handlers; the appointment's
 * also to the desk that must apologise; when overdue also to the leaders
 * of the unit answerable. */
static void s_notify(srv_ctx_t *c, const dossier_t *d, const procedure_t *p, const wf_timer_t *t)
{
	bool step = strcmp(t->deadline, "step") == 0, overdue = strcmp(t->what, "overdue") == 0;
	const char *step_name = p && d->step < (int)p->nsteps ? p->steps[d->step].name : "";
	json_t *set = json_object(), *body;
	char due[32], rem[64], text[512];

	wf_time(t->due, due, sizeof due);
	wf_remaining(c->now, t->due, rem, sizeof rem);
	wf_notice_unit(c->db, set, d->handler_unit, wf_role_bit(d->handler_role));
	if (!step)
		wf_notice_unit(c->db, set, d->unit_id, ROLE_CLERK);
	if (overdue)
		wf_notice_unit(c->db, set, step ? d->handler_unit : d->unit_id, ROLE_LEADER);
	if (step && overdue)
		snprintf(text, sizeof text, "Hồ sơ %s đã quá hạn bước \"%s\" (hạn %s)", d->code, step_name, due);
	else if (step)
		snprintf(text, sizeof text, "Hồ sơ %s sắp hết hạn bước \"%s\": %s (hạn %s)", d->code, step_name, rem,
		         due);
	else if (overdue)
		snprintf(text, sizeof text, "Hồ sơ %s đã quá hạn trả kết quả %s: cần xin lỗi và hẹn lại (mẫu 04)",
		         d->code, due);
	else
		snprintf(text, sizeof text, "Hồ sơ %s sắp đến hạn trả kết quả: %s (hẹn %s)", d->code, rem, due);
	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "dossier", "code", d->code, "what", t->what,
	                 "deadline", t->deadline, "due", due, "text", text);
	wf_notice_send(c, set, body);
	audit_log(c, "dossier.timer", d->code,
	          json_pack("{s:s, s:s, s:s, s:I}", "what", t->what, "deadline", t->deadline, "due", due, "notified",
	                    (json_int_t)json_object_size(set)));
	if (overdue) /* queues mark it overdue now */
		srv_event(c, EV_dossier_changed,
		          json_pack("{s:s, s:s, s:s, s:i}", "code", d->code, "action", "overdue", "state", d->state,
		                    "step", d->step),
		          d->unit_path, 0);
	json_decref(body);
	json_decref(set);
}

static void s_on_timer(srv_ctx_t *c, const wf_timer_t *t)
{
	char code[64] = "";
	dossier_t d;
	int64_t now_due;

	if (store_dossier_code(c->db, t->object, code, sizeof code) != STORE_OK || !code[0] ||
	    dossier_load(c->db, code, &d) != 0)
		return;
	now_due = strcmp(t->deadline, "step") == 0 ? d.step_due : d.new_due ? d.new_due : d.due;
	if (!d.finished && !d.paused_at && now_due == t->due) /* else the dossier moved on: nothing to say */
		s_notify(c, &d, dossier_procedure(&d), t);
	dossier_clear(&d);
}

static const wf_require_t s_requires[] = {
    {"note", "ghi chú/lý do"},
    {"new_due", "ngày hẹn mới"},
    /* desk: the return of a result */
    {"collector", "họ tên người nhận kết quả"},
    {"collector_id", "số giấy tờ tùy thân của người nhận kết quả"},
    {"method", "cách trả kết quả (desk, post, online)"},
    {NULL, NULL},
};
/* The documents of TT 03/2025/TT-VPCP appendix I a transition may issue. */
static const char *const s_forms[] = {"01", "02", "03", "04", "05", "06", "07", NULL};

/* In the order of dossier_by_t. */
static const wf_rule_t s_rules[] = {
    [DOSSIER_BY_STEP] = {"step", s_may_step, "người xử lý bước hiện tại"},
    [DOSSIER_BY_DESK] = {"desk", s_may_desk, "bộ phận một cửa của đơn vị tiếp nhận"},
    {NULL, NULL, NULL},
};

const wf_kind_t dossier_kind = {
    .name = "dossier",
    .noun = "hồ sơ",
    .Noun = "Hồ sơ",
    .rules = s_rules,
    .path = s_path,
    .effects = s_effects,
    .on_timer = s_on_timer,
    .steps_by = "step",
    .waiting_by = "desk",
    .requires = s_requires,
    .forms = s_forms,
    .forms_hint = "mẫu 01 đến 07 của Thông tư 03/2025/TT-VPCP, viết \"02\"",
    .create_action = "receive",
    .create_label = "Tiếp nhận hồ sơ",
    .ops = &dossier_ops,
};

int dossier_timers(srv_ctx_t *c, const dossier_t *d, const wf_def_t *w)
{
	const wf_state_t *s = wf_state(w, d->state);
	int64_t due = d->new_due ? d->new_due : d->due;
	wf_deadline_t dl[2];
	unsigned n = 0;

	if (s && s->clock == CLOCK_RUN && !d->finished && !d->paused_at) {
		if (s->holder == DOSSIER_BY_STEP && d->step_due != due)
			dl[n++] = (wf_deadline_t){"step", d->step_due};
		dl[n++] = (wf_deadline_t){"due", due};
	}
	return wf_timers_set(c, dossier_kind.name, d->id, w->due_soon_hours, dl, n);
}
