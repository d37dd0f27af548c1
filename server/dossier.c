/* dossier.c — the life of a one-stop dossier: reception with its code and
 * appointment, actions driven by the procedure's workflow (forms/), the
 * clock that pauses for supplements, grading, and who may see and do what.
 * Each action is one transaction (dispatch opens it): check, write the new
 * state, the hand-off row (form 06) and the audit row, then queue events. */
#include "dossier.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "dossier_lookup.h"
#include "fields.h"
#include "log.h"
#include "notice.h"
#include "org.h"
#include "push.h"
#include "series.h"
#include "store/org.h"
#include "store/papers.h"
#include "store/wflog.h"
#include "text.h"
#include "wf.h"
#include "worktime.h"

/* --- loading --- */

int dossier_load(store_t *db, const char *code, dossier_t *d)
{
	return store_dossier_get(db, code, d) == STORE_OK ? 0 : -1;
}

json_t *dossier_fields(store_t *db, dossier_t *d)
{
	if (!d->fields)
		store_dossier_fields(db, d->id, &d->fields);
	return d->fields;
}

void dossier_clear(dossier_t *d)
{
	json_decref(d->fields);
	d->fields = NULL;
}

const procedure_t *dossier_procedure(const dossier_t *d)
{
	return forms_procedure(catalog_forms(), d->procedure, d->proc_version, 0);
}

bool dossier_visible(const srv_ctx_t *c, const dossier_t *d)
{
	return srv_in_scope(c, d->unit_path) || (d->handler_path[0] && srv_in_scope(c, d->handler_path));
}

const char *dossier_time(int64_t t, char *buf, size_t n)
{
	return wf_time(t, buf, n);
}

const char *dossier_grade(int64_t done, int64_t due, bool apologized)
{
	return wf_grade(done, due, apologized);
}

/* --- steps and who handles them --- */

/* The path of unit id into buf ("" when there is none). */
static void s_unit_path(store_t *db, int64_t id, char *buf, size_t n)
{
	buf[0] = 0;
	store_unit_path(db, id, buf, n);
}

static int64_t s_unit_parent(store_t *db, int64_t unit)
{
	store_dossier_unit_t u;
	return store_dossier_unit(db, unit, &u) == STORE_OK ? u.parent : unit;
}

/* The unit that handles step s of a dossier received at recv_unit. */
static int64_t s_step_unit(store_t *db, const form_step_t *s, int64_t recv_unit)
{
	int64_t id;
	char path[512];

	switch (s->unit) {
	case UNIT_RECEIVING: return recv_unit;
	case UNIT_PARENT: return s_unit_parent(db, recv_unit);
	case UNIT_NAMED: return org_unit(db, s->unit_code, &id, path, sizeof path) == 0 ? id : recv_unit;
	}
	return recv_unit;
}

/* Where d stands, for the engine. */
static wf_inst_t s_inst(const dossier_t *d, const procedure_t *p)
{
	return (wf_inst_t){.state = d->state,
			   .step = d->step,
			   .nsteps = p ? (int)p->nsteps : 0,
			   .first_step = 1, /* steps[0] is reception, done at the desk */
			   .step_name = p && d->step < (int)p->nsteps ? p->steps[d->step].name : NULL,
			   .paused_state = d->paused_state,
			   .paused_step = d->paused_step,
			   .version = d->version};
}

/* Remaining working time to the appointment as a clerk reads it. */
static void s_remaining(const dossier_t *d, int64_t now, char *buf, size_t n)
{
	const wt_calendar_t *cal = catalog_calendar();
	int64_t due = d->new_due ? d->new_due : d->due;
	if (d->finished) {
		snprintf(buf, n, "%s", "đã xong");
		return;
	}
	if (d->paused_at) {
		wt_format_remaining(cal, d->total - d->used, buf, n);
		strncat(buf, " (tạm dừng)", n - strlen(buf) - 1);
		return;
	}
	wf_remaining(now, due, buf, n);
}

void dossier_glance(const dossier_t *d, int64_t now, dossier_glance_t *g)
{
	const procedure_t *p = dossier_procedure(d);
	const wf_def_t *w = p ? forms_workflow(catalog_forms(), p->workflow) : NULL;
	int64_t eff = d->new_due ? d->new_due : d->due;

	g->state_name = wf_state_name(w, d->state);
	g->step = p && d->step < (int)p->nsteps ? p->steps[d->step].name : "";
	s_remaining(d, now, g->remaining, sizeof g->remaining);
	g->overdue = dossier_overdue(d, now);
	g->due_today = !d->finished && wf_day(eff) == wf_day(now);
}

json_t *dossier_summary(const dossier_t *d, int64_t now)
{
	dossier_glance_t g;
	char due[32], nd[32];

	dossier_glance(d, now, &g);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:b, s:b, s:I, s:s}", "code", d->code,
			 "procedure", d->procedure, "title", d->title, "applicant", d->applicant, "state", d->state,
			 "state_name", g.state_name, "step", g.step, "due", dossier_time(d->due, due, sizeof due),
			 "new_due", d->new_due ? dossier_time(d->new_due, nd, sizeof nd) : NULL, "remaining", g.remaining,
			 "overdue", g.overdue, "due_today", g.due_today, "version", (json_int_t)d->version, "channel",
			 d->channel[0] ? d->channel : "direct");
}

/* --- procedures --- */

static json_t *s_strings(char **v, unsigned n)
{
	json_t *a = json_array();
	for (unsigned i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* desk: the lawful extensions and how many apologies, into o. */
static void s_desk_json(json_t *o, const procedure_t *p)
{
	json_t *a = json_array();
	char words[64];

	for (unsigned i = 0; i < p->nextensions; i++) {
		const form_ext_t *x = &p->extensions[i];
		snprintf(words, sizeof words, "%d %s", x->amount, x->unit == 'h' ? "giờ làm việc" : "ngày làm việc");
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "code", x->code, "name", x->name,
						   x->total ? "total" : "add", words, "legal_basis", x->legal_basis));
	}
	json_object_set_new(o, "extensions", a);
	json_object_set_new(o, "apologies", json_integer(p->apologies));
	json_object_set_new(o, "checklist", dossier_checklist_json(p));
}

static json_t *s_procedure_json(const procedure_t *p, bool full)
{
	char text[128];
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:i, s:s, s:s, s:I}", "code", p->code, "name", p->name, "version",
			      p->version, "effective", p->effective, "processing", p->processing, "processing_unit",
			      forms_processing_unit(p), "processing_text", forms_processing_text(p, text, sizeof text),
			      "fee", (json_int_t)p->fee);
	json_t *fields, *steps;

	json_object_set_new(o, "tag", json_string(p->tag));
	/* the picker's list is read over a commune's link at every reception:
	 * the desk's extensions and papers come with the definition, which
	 * the device keeps (procedure.show) */
	if (!full)
		return o;
	s_desk_json(o, p);
	fields = json_array();
	for (unsigned i = 0; i < p->nfields; i++) {
		const form_field_t *f = &p->fields[i];
		json_t *x = json_pack("{s:s, s:s, s:s, s:b}", "name", f->name, "label", f->label, "type",
				      fieldtype_name(f->type), "required", f->required);
		if (f->nchoices)
			json_object_set_new(x, "choices", s_strings(f->choices, f->nchoices));
		if (f->pattern) /* the TUI checks it as the clerk types */
			json_object_set_new(x, "pattern", json_string(f->pattern));
		if (f->not_future) /* desk */
			json_object_set_new(x, "not_future", json_true());
		if (f->min || f->max) {
			json_object_set_new(x, "min", json_integer(f->min));
			json_object_set_new(x, "max", json_integer(f->max));
		}
		json_array_append_new(fields, x);
	}
	steps = json_array();
	for (unsigned i = 0; i < p->nsteps; i++) {
		const form_step_t *s = &p->steps[i];
		static const char *units[] = {[UNIT_RECEIVING] = "receiving", [UNIT_PARENT] = "parent", [UNIT_NAMED] = ""};
		json_array_append_new(steps, json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "code", s->code, "name", s->name,
						       "role", s->role, "unit",
						       s->unit == UNIT_NAMED ? s->unit_code : units[s->unit], "budget",
						       s->budget, "budget_unit", s->budget_unit == 'h' ? "giờ" : "ngày"));
	}
	json_object_set_new(o, "workflow", json_string(p->workflow));
	json_object_set_new(o, "cutoff", p->cutoff ? json_string(p->cutoff) : json_null());
	json_object_set_new(o, "fee_note", p->fee_note ? json_string(p->fee_note) : json_null());
	json_object_set_new(o, "legal_basis", s_strings(p->legal_basis, p->nlegal));
	json_object_set_new(o, "papers", s_strings(p->papers, p->npapers));
	json_object_set_new(o, "result", json_string(p->result ? p->result : ""));
	json_object_set_new(o, "fields", fields);
	json_object_set_new(o, "steps", steps);
	return o;
}

/* Append w's states {code, name} to out, skipping codes already there (the
 * state filter of the queues). */
static void s_add_states(json_t *out, const wf_def_t *w)
{
	for (unsigned i = 0; w && i < w->nstates; i++) {
		bool seen = false;
		size_t k;
		json_t *x;

		json_array_foreach(out, k, x)
		{
			seen |= strcmp(json_string_value(json_object_get(x, "code")), w->states[i].code) == 0;
		}
		if (!seen)
			json_array_append_new(out, json_pack("{s:s, s:s}", "code", w->states[i].code, "name",
							     w->states[i].name));
	}
}

proto_err_t srv_procedure_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const procedure_t *ps[256];
	unsigned n = forms_procedures(catalog_forms(), c->now, ps, 256);
	json_t *a = json_array(), *states = json_array();

	(void)req;

	for (unsigned i = 0; i < n; i++) {
		const wf_def_t *w = forms_workflow(catalog_forms(), ps[i]->workflow);
		json_array_append_new(a, s_procedure_json(ps[i], false));
		s_add_states(states, w);
	}
	*reply = json_pack("{s:o, s:o}", "procedures", a, "states", states);
	return E_OK;
}

proto_err_t srv_procedure_show(srv_ctx_t *c, json_t *req, json_t **reply)
{
	/* an int: proto_msgs.def bounds the version to one */
	const procedure_t *p =
		forms_procedure(catalog_forms(), json_string_value(json_object_get(req, "code")),
				(int)json_integer_value(json_object_get(req, "version")), c->now);
	if (!p) {
		c->bad_field = "code";
		return E_NOT_FOUND;
	}
	*reply = s_procedure_json(p, true);
	if (json_is_true(json_object_get(req, "brief"))) { /* a reception form: its fields and desk, nothing else */
		json_t *full = *reply;
		*reply = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "code", json_object_get(full, "code"),
				   "version", json_object_get(full, "version"), "fields", json_object_get(full, "fields"),
				   "tag", json_object_get(full, "tag"), "extensions", json_object_get(full, "extensions"),
				   "checklist", json_object_get(full, "checklist"), "apologies",
				   json_object_get(full, "apologies"));
		json_decref(full);
	}
	return E_OK;
}

/* --- reception --- */

/* The next code for unit today: <agency code>-<YYMMDD>-<NNNN>, from the
 * unit's daily series "dossier". */
static int s_next_code(srv_ctx_t *c, const char *unit_code, char *out, size_t n)
{
	char day[16];
	int64_t seq;
	int len;

	series_period(c->now, wt_utc_offset(catalog_calendar()), SERIES_DAY, day, sizeof day); /* YYYY-MM-DD */
	if (series_next(c->db, "dossier", c->unit_id, day, &seq) != 0 || seq > 9999)
		return -1; /* four digits a day per agency is the national format */
	len = snprintf(out, n, "%s-%.2s%.2s%.2s-%04lld", unit_code, day + 2, day + 5, day + 8, (long long)seq);
	return len > 0 && (size_t)len < n ? 0 : -1;
}

/* Everything searchable about a dossier, folded. Caller frees. */
char *dossier_search_text(const dossier_t *d, const procedure_t *p)
{
	json_t *v;
	const char *k;
	size_t cap = 1024, len = 0;
	char *buf = malloc(cap), *fold;

	if (!buf)
		return NULL;
	len = (size_t)snprintf(buf, cap, "%s %s %s %s", d->code, d->applicant, d->citizen_id, p->name);
	json_object_foreach(d->fields, k, v)
	{
		size_t add = json_string_length(v) + 1;
		if (len + add + 1 > cap) {
			char *nb = realloc(buf, cap = 2 * (len + add + 1));
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		buf[len++] = ' ';
		memcpy(buf + len, json_string_value(v), add - 1);
		len += add - 1;
		buf[len] = 0;
	}
	fold = text_fold(buf, len);
	free(buf);
	return fold;
}

/* dossier.changed to the receiving and the handling unit's subtrees and
 * above, once to each user. */
static void s_notify(srv_ctx_t *c, const dossier_t *d, const char *action)
{
	json_t *b = json_pack("{s:s, s:s, s:s, s:i}", "code", d->code, "action", action, "state", d->state, "step", d->step);
	json_t *scopes = json_pack("[s]", d->unit_path);
	if (d->handler_path[0] && strcmp(d->handler_path, d->unit_path) != 0)
		json_array_append_new(scopes, json_string(d->handler_path));
	push_event_scopes(c, EV_dossier_changed, b, scopes);
}

/* The desk's choices at reception: the channel (direct, online, postal)
 * and a lawful extension the procedure declares (its code), into *ext. */
static proto_err_t s_desk_choices(srv_ctx_t *c, const procedure_t *p, const char *channel, const char *ext_code,
				  const form_ext_t **ext)
{
	static const char *const channels[] = {"direct", "online", "postal", NULL};
	bool ok = !channel;

	for (unsigned i = 0; !ok && channels[i]; i++)
		ok = strcmp(channel, channels[i]) == 0;
	if (!ok) {
		c->bad_field = "channel";
		snprintf(c->detail, sizeof c->detail,
			 "Kênh tiếp nhận là direct (trực tiếp), online (trực tuyến) hoặc postal (bưu chính)");
		return E_INVALID;
	}
	*ext = NULL;
	if (ext_code && ext_code[0] && !(*ext = forms_extension(p, ext_code))) {
		size_t len = (size_t)snprintf(c->detail, sizeof c->detail, "Thủ tục không có trường hợp gia hạn \"%s\"",
					      ext_code);
		for (unsigned i = 0; i < p->nextensions && len < sizeof c->detail; i++)
			len += (size_t)snprintf(c->detail + len, sizeof c->detail - len, "%s %s", i ? "," : "; có:",
						p->extensions[i].code);
		if (!p->nextensions && len < sizeof c->detail)
			snprintf(c->detail + len, sizeof c->detail - len, "; thủ tục này không được gia hạn");
		c->bad_field = "extension";
		return E_INVALID;
	}
	return E_OK;
}

/* desk: a required paper missing at reception, recorded as a request to
 * supplement (form 02, the clock paused) instead of refusing the dossier:
 * the workflow's supplement move, which the step's holder would ask for,
 * made by the desk that received it. */
static proto_err_t s_supplement_at_desk(srv_ctx_t *c, dossier_t *d, const procedure_t *p, const wf_def_t *w,
					const char *missing)
{
	char note[1200];
	json_t *req;
	wf_inst_t in = s_inst(d, p);
	wf_move_t m;
	bool console = c->console;
	proto_err_t e;

	snprintf(note, sizeof note, "Bổ sung giấy tờ còn thiếu khi tiếp nhận: %s", missing);
	req = json_pack("{s:s}", "note", note);
	c->console = true; /* the plan's right to move: the desk's here, at reception */
	e = wf_plan(c, &dossier_kind, w, &in, d, "supplement", req, &m);
	c->console = console;
	if (e == E_OK)
		e = wf_apply(c, &dossier_kind, w, d, &m, "supplement", req);
	json_decref(req);
	return e;
}

proto_err_t srv_dossier_receive(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const wt_calendar_t *cal = catalog_calendar();
	const procedure_t *p = forms_procedure(catalog_forms(), json_string_value(json_object_get(req, "procedure")), 0, c->now);
	const wf_def_t *w;
	json_t *values = json_deep_copy(json_object_get(req, "fields"));
	dossier_t d = {0};
	const char *applicant = NULL;
	const char *channel = json_string_value(json_object_get(req, "channel"));
	const char *ext_code = json_string_value(json_object_get(req, "extension"));
	const form_ext_t *ext = NULL;
	json_t *handed = NULL; /* desk: the papers ticked on the checklist */
	bool supplement = json_is_true(json_object_get(req, "supplement"));
	char *search = NULL, notice[256], missing[1024] = "";
	time_t start;
	int64_t step_unit;
	proto_err_t e = E_INTERNAL;
	store_dossier_unit_t unit;

	if (!p) {
		c->bad_field = "procedure";
		e = E_NOT_FOUND;
		goto done;
	}
	if (!c->console && !(c->roles & ROLE_CLERK)) {
		snprintf(c->detail, sizeof c->detail, "Chỉ cán bộ một cửa (vai trò clerk) được tiếp nhận hồ sơ");
		e = E_NOT_ALLOWED;
		goto done;
	}
	w = forms_workflow(catalog_forms(), p->workflow);
	if (!w || p->nsteps < 2) {
		e = E_INTERNAL;
		goto done;
	}
	if (fields_check(p, values, dossier_today(c->now), &c->bad_field, c->detail, sizeof c->detail) != 0) {
		e = E_INVALID;
		goto done;
	}
	if ((e = s_desk_choices(c, p, channel, ext_code, &ext)) != E_OK)
		goto done;
	if (json_object_get(req, "papers") &&
	    (e = dossier_papers_take(c, p, json_object_get(req, "papers"), &handed, missing, sizeof missing)) != E_OK)
		goto done;
	if (missing[0] && !supplement) {
		c->bad_field = "papers";
		snprintf(c->detail, sizeof c->detail,
			 "Thiếu giấy tờ bắt buộc: %.380s. Nhận đủ giấy tờ, hoặc ghi nhận yêu cầu bổ sung (mẫu 02)", missing);
		e = E_INVALID;
		goto done;
	}
	e = E_INTERNAL;
	for (unsigned i = 0; i < p->nfields; i++) {
		const char *v = json_string_value(json_object_get(values, p->fields[i].name));
		if (p->fields[i].applicant && v)
			applicant = v;
		if (p->fields[i].type == FT_CITIZEN_ID && v && !d.citizen_id[0])
			snprintf(d.citizen_id, sizeof d.citizen_id, "%s", v);
	}
	if (store_dossier_unit(c->db, c->unit_id, &unit) != STORE_OK)
		unit.code[0] = unit.name[0] = unit.path[0] = 0;
	snprintf(d.unit_name, sizeof d.unit_name, "%s", unit.name);
	snprintf(d.unit_path, sizeof d.unit_path, "%s", unit.path);
	if (s_next_code(c, unit.code, d.code, sizeof d.code) != 0) {
		snprintf(c->detail, sizeof c->detail, "Đơn vị đã tiếp nhận 9999 hồ sơ trong ngày");
		e = E_CONFLICT;
		goto done;
	}
	snprintf(d.unit_code, sizeof d.unit_code, "%s", unit.code);
	snprintf(d.procedure, sizeof d.procedure, "%s", p->code);
	snprintf(d.title, sizeof d.title, "%s", p->name);
	snprintf(d.applicant, sizeof d.applicant, "%s", applicant ? applicant : "");
	snprintf(d.state, sizeof d.state, "%s", w->initial);
	d.fields = values;
	values = NULL;
	d.unit_id = c->unit_id;
	d.proc_version = p->version;
	d.received = c->now;
	snprintf(d.channel, sizeof d.channel, "%s", channel ? channel : "direct");
	snprintf(d.extension, sizeof d.extension, "%s", ext ? ext->code : "");
	/* the appointment: working time from reception, after the cut-off
	 * (the procedure's own, else the calendar's) from the next working day;
	 * a same-day procedure is due at the close of its day (wt_appointment);
	 * a lawful extension picked now is part of it */
	d.due = dossier_appointment(p, ext, c->now, &start);
	d.clock_start = start;
	/* the working time it has: what a supplement pauses and a resume counts on */
	d.total = wt_between(cal, start, d.due);
	/* reception is the first step: it is done now, the second begins */
	d.step = 1;
	step_unit = s_step_unit(c->db, &p->steps[1], c->unit_id);
	d.handler_unit = step_unit;
	snprintf(d.handler_role, sizeof d.handler_role, "%s", p->steps[1].role);
	d.step_started = c->now;
	d.step_due = wt_add(cal, start, wt_amount(cal, p->steps[1].budget, p->steps[1].budget_unit));
	if (d.step_due > d.due) /* a same-day dossier received late in its day */
		d.step_due = d.due;
	dossier_reception_notice(p, c->now, start, notice, sizeof notice);
	if (store_dossier_insert(c->db, &d, c->user_id, &d.id) != STORE_OK)
		goto done;
	d.version = 1;
	if (wf_log_create(c, &dossier_kind,
			  &(store_wflog_t){.object = d.id,
					   .to_state = d.state,
					   .to_step = d.step,
					   .to_unit = d.handler_unit,
					   .to_role = d.handler_role,
					   .note = "",
					   .grade = "on_time",
					   .form = "01"}) != 0)
		goto done;
	search = dossier_search_text(&d, p);
	if (store_dossier_search_add(c->db, d.id, search ? search : "") != STORE_OK)
		goto done;
	audit_log(c, "dossier.receive", d.code,
		  json_pack("{s:s, s:i, s:I, s:s, s:s?}", "procedure", p->code, "version", p->version, "due",
			    (json_int_t)d.due, "channel", d.channel, "extension", ext ? ext->code : NULL));
	if (dossier_timers(c, &d, w) != 0)
		goto done;
	if (notice_queue(c, &d, "appointment") != 0) /* desk: the appointment to the citizen */
		goto done;
	if (handed && store_dossier_papers_set(c->db, d.id, handed) != STORE_OK)
		goto done;
	if (missing[0] && (e = s_supplement_at_desk(c, &d, p, w, missing)) != E_OK)
		goto done;
	e = E_INTERNAL;
	s_unit_path(c->db, d.handler_unit, d.handler_path, sizeof d.handler_path);
	s_notify(c, &d, "receive");
	/* the summary only: the receipt (form 01) is printed on demand, so the
	 * reply remembered for retries stays small */
	*reply = dossier_summary(&d, c->now);
	if (ext)
		json_object_set_new(*reply, "extension", json_string(ext->name));
	if (notice[0])
		json_object_set_new(*reply, "notice", json_string(notice));
	if (missing[0])
		json_object_set_new(*reply, "missing", json_string(missing));
	e = E_OK;
done:
	json_decref(handed);
	free(search);
	json_decref(values);
	dossier_clear(&d);
	return e;
}

/* --- viewing --- */

static proto_err_t s_find(srv_ctx_t *c, json_t *req, dossier_t *d, bool details)
{
	proto_err_t e = dossier_load_req(c, req, d); /* a whole code, or a short one in scope */

	if (e != E_OK)
		return e;
	if (details && !dossier_visible(c, d)) {
		dossier_clear(d);
		return E_OUT_OF_SCOPE;
	}
	return E_OK;
}

proto_err_t srv_dossier_status(srv_ctx_t *c, json_t *req, json_t **reply)
{
	dossier_t d;
	proto_err_t e = s_find(c, req, &d, false);
	json_t *s;

	if (e != E_OK)
		return e;
	/* any official may answer a phone inquiry: status, step and dates only */
	s = dossier_summary(&d, c->now);
	*reply = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "code", json_object_get(s, "code"), "title",
			   json_object_get(s, "title"), "state_name", json_object_get(s, "state_name"), "step",
			   json_object_get(s, "step"), "due", json_object_get(s, "due"), "new_due",
			   json_object_get(s, "new_due"), "remaining", json_object_get(s, "remaining"));
	json_decref(s);
	dossier_clear(&d);
	return E_OK;
}

/* The name of step `step` of the dossier's procedure. */
static const char *s_step_name(const void *obj, int step)
{
	const procedure_t *p = dossier_procedure(obj);
	return p && step >= 0 && step < (int)p->nsteps ? p->steps[step].name : "";
}

/* The dossier's timeline (form 06's hand-offs), oldest first. */
static json_t *s_timeline(srv_ctx_t *c, const dossier_t *d, const wf_def_t *w)
{
	json_t *rows = wf_timeline(c, &dossier_kind, w, d->id, 0, -1, s_step_name, d), *old = json_array();

	for (size_t i = json_array_size(rows); i-- > 0;)
		json_array_append(old, json_array_get(rows, i));
	json_decref(rows);
	return old;
}

/* Does `have` (dossier.show's list of "code@version#tag" a client holds
 * the fields of) lack p as it is now? False when the client sent no list. */
static bool s_lacks_defs(const json_t *have, const procedure_t *p)
{
	char key[112];
	size_t i;
	json_t *x;

	if (!json_is_array(have))
		return false;
	snprintf(key, sizeof key, "%s@%d#%s", p->code, p->version, p->tag);
	json_array_foreach(have, i, x) if (!strcmp(json_string_value(x), key)) return false;
	return true;
}

/* desk: who collected the result, how, when and its number, into o
 * ("returned"), when it was returned. */
static void s_returned_json(srv_ctx_t *c, const dossier_t *d, json_t *o)
{
	store_dossier_return_t r;
	char at[32];

	if (store_dossier_return_get(c->db, d->id, &r) != STORE_OK)
		return;
	json_object_set_new(o, "returned",
			    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "at", dossier_time(r.at, at, sizeof at),
				      "collector_kind", r.collector_kind, "collector", r.collector, "collector_id",
				      r.collector_id, "method", r.method, "result_no", r.result_no));
}

proto_err_t srv_dossier_show(srv_ctx_t *c, json_t *req, json_t **reply)
{
	dossier_t d;
	proto_err_t e = s_find(c, req, &d, true);
	const procedure_t *p;
	const wf_def_t *w;
	char buf[32];

	if (e != E_OK)
		return e;
	p = dossier_procedure(&d);
	w = p ? forms_workflow(catalog_forms(), p->workflow) : NULL;
	*reply = dossier_summary(&d, c->now);
	json_object_set(*reply, "fields", dossier_fields(c->db, &d));
	json_object_set_new(*reply, "unit", json_string(d.unit_code));
	json_object_set_new(*reply, "proc_version", json_integer(d.proc_version));
	json_object_set_new(*reply, "unit_name", json_string(d.unit_name));
	json_object_set_new(*reply, "received", json_string(dossier_time(d.received, buf, sizeof buf)));
	json_object_set_new(*reply, "step_due", json_string(dossier_time(d.step_due, buf, sizeof buf)));
	json_object_set_new(*reply, "handler_role", json_string(d.handler_role));
	{
		store_dossier_unit_t u;
		json_object_set_new(*reply, "handler_unit",
				    store_dossier_unit(c->db, d.handler_unit, &u) == STORE_OK ? json_string(u.code)
											: json_null());
	}
	json_object_set_new(*reply, "grade", d.grade[0] ? json_string(d.grade) : json_null());
	{
		const form_ext_t *x = p ? forms_extension(p, d.extension) : NULL;
		json_object_set_new(*reply, "extension", x ? json_string(x->name) : json_null());
		json_object_set_new(*reply, "apologies", json_integer(d.apologies));
	}
	s_returned_json(c, &d, *reply);
	if (p && d.paused_at) /* desk: the checklist the supplement's form ticks again (only then) */
		json_object_set_new(*reply, "checklist", dossier_checklist_json(p));
	{ /* desk: the papers handed in at reception, when a checklist was kept */
		json_t *papers = dossier_papers_names(c->db, &d);
		if (json_array_size(papers))
			json_object_set_new(*reply, "papers", papers);
		else
			json_decref(papers);
	}
	if (p) { /* desk: the fee recorded, or what the rule asks */
		json_t *fee = dossier_fee_json(c->db, &d);
		char how[1024];
		if (fee)
			json_object_set_new(*reply, "fee", fee);
		else {
			dossier_fee(p, dossier_fields(c->db, &d), how, sizeof how);
			json_object_set_new(*reply, "fee_due", json_string(how));
		}
	}
	{ /* desk: the notices to the citizen and how they went */
		json_t *notices = notice_json(c, &d);
		if (notices)
			json_object_set_new(*reply, "notices", notices);
	}
	json_object_set_new(*reply, "timeline", s_timeline(c, &d, w));
	{
		wf_inst_t in = s_inst(&d, p);
		json_object_set_new(*reply, "actions", wf_actions(c, &dossier_kind, w, &in, &d));
	}
	if (p && s_lacks_defs(json_object_get(req, "have"), p)) { /* one round trip for a view's first dossier */
		json_t *full = s_procedure_json(p, true);
		json_object_set(*reply, "defs", json_object_get(full, "fields"));
		json_object_set_new(*reply, "defs_tag", json_string(p->tag));
		json_decref(full);
	}
	dossier_clear(&d);
	return E_OK;
}

/* --- acting --- */

/* --- how wf_apply reaches a dossier --- */

static int64_t s_step_due(const void *obj) { return ((const dossier_t *)obj)->step_due; }

static bool s_clock(void *obj, wf_clock_ref_t *k)
{
	dossier_t *d = obj;

	*k = (wf_clock_ref_t){.start = &d->clock_start,
			      .used = &d->used,
			      .total = &d->total,
			      .due = &d->due,
			      .paused_at = &d->paused_at,
			      .paused_state = d->paused_state,
			      .paused_state_n = sizeof d->paused_state,
			      .paused_step = &d->paused_step};
	return true;
}

/* Graded against the appointment; an apology (a new date) makes it late. */
static bool s_grade_ref(const void *obj, int64_t now, int64_t *done, int64_t *due, bool *late)
{
	const dossier_t *d = obj;

	*done = now;
	*due = d->due;
	*late = d->new_due != 0;
	return !d->finished;
}

static void s_finish(void *obj, int64_t now, const char *grade)
{
	dossier_t *d = obj;

	d->finished = now;
	if (grade)
		snprintf(d->grade, sizeof d->grade, "%s", grade);
}

/* Who holds the dossier in the state it enters (the workflow's `holder`):
 * the step's role in the step's unit, with the step's budget from now;
 * the receiving unit's desk; or nobody. */
static void s_hand_over(srv_ctx_t *c, void *obj, const wf_move_t *m, int64_t *to_unit, const char **to_role)
{
	dossier_t *d = obj;
	const procedure_t *p = dossier_procedure(d);

	/* the clock resumed after a supplement: a same-day dossier is due
	 * under the same-day rule again, before the step takes its deadline */
	if (m->clock == WF_CLOCK_RESUME && p)
		dossier_resume(d, p, c->now);
	if (m->to->holder == DOSSIER_BY_STEP) {
		if (m->moved && p) {
			const form_step_t *s = &p->steps[m->to_step];
			d->handler_unit = s_step_unit(c->db, s, d->unit_id);
			snprintf(d->handler_role, sizeof d->handler_role, "%s", s->role);
			d->step_started = c->now;
			d->step_due = dossier_step_due(d, p, s, c->now);
		}
	} else if (m->to->holder == DOSSIER_BY_DESK) {
		d->handler_unit = d->unit_id;
		snprintf(d->handler_role, sizeof d->handler_role, "clerk");
	} else {
		d->handler_unit = 0;
		d->handler_role[0] = 0;
	}
	*to_unit = d->handler_unit;
	*to_role = d->handler_role;
}

/* The versioned save; the search row's scope follows a new holder. */
static proto_err_t s_save(srv_ctx_t *c, void *obj, const void *was)
{
	dossier_t *d = obj;

	if (store_dossier_save(c->db, d) != STORE_OK) /* STORE_STALE: someone saved first */
		return E_CONFLICT;
	d->version++;
	if (d->handler_unit != ((const dossier_t *)was)->handler_unit && store_dossier_search_rescope(c->db, d->id) != STORE_OK)
		return E_INTERNAL;
	return E_OK;
}

static json_t *s_audit(const void *obj, const char *action, const char *note)
{
	const dossier_t *d = obj;
	return json_pack("{s:s, s:s, s:i, s:s?}", "action", action, "state", d->state, "step", d->step, "note", note);
}

/* The timers of where it stands now, and dossier.changed to the units
 * that see it. */
static int s_after(srv_ctx_t *c, void *obj, const wf_def_t *w, const char *action)
{
	dossier_t *d = obj;

	if (dossier_timers(c, d, w) != 0)
		return -1;
	if (notice_on_move(c, d, action) != 0) /* desk: supplement, apology, result ready */
		return -1;
	s_unit_path(c->db, d->handler_unit, d->handler_path, sizeof d->handler_path);
	s_notify(c, d, action);
	return 0;
}

const wf_apply_ops_t dossier_ops = {
	.at = WF_LAYOUT_STEPS(dossier_t),
	.clock = s_clock,
	.step_due = s_step_due,
	.grade_ref = s_grade_ref,
	.finish = s_finish,
	.hand_over = s_hand_over,
	.save = s_save,
	.audit = s_audit,
	.after = s_after,
	.size = sizeof(dossier_t),
};

proto_err_t srv_dossier_act(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *action = json_string_value(json_object_get(req, "action"));
	const procedure_t *p;
	const wf_def_t *w;
	wf_inst_t in;
	wf_move_t m;
	dossier_t d;
	json_t *changes = NULL; /* desk: a supplement's corrections */
	proto_err_t e = s_find(c, req, &d, true);

	if (e != E_OK)
		return e;
	p = dossier_procedure(&d);
	w = p ? forms_workflow(catalog_forms(), p->workflow) : NULL;
	if (!p || !w) {
		e = E_INTERNAL;
		goto done;
	}
	in = s_inst(&d, p);
	e = wf_plan(c, &dossier_kind, w, &in, &d, action, req, &m);
	if (e == E_CONFLICT) /* show what it is now */
		c->err_extra = json_pack("{s:o}", "current", dossier_summary(&d, c->now));
	if (e != E_OK)
		goto done;
	/* desk: the supplement brought in, with the declaration and papers corrected */
	if ((json_object_get(req, "fields") || json_object_get(req, "papers")) &&
	    (e = dossier_supplement_take(c, &d, p, action, req, &changes)) != E_OK)
		goto done;
	if ((e = wf_apply(c, &dossier_kind, w, &d, &m, action, req)) != E_OK)
		goto done;
	*reply = dossier_summary(&d, c->now);
	if (changes) { /* what changed, and the receipt again with the appointment counted anew */
		char *text = dossier_print_form(c->db, &d, "01");
		json_object_set(*reply, "changes", changes);
		json_object_set_new(*reply, "form", json_string("01"));
		json_object_set_new(*reply, "document", json_string(text ? text : ""));
		free(text);
	} else if (m.t->form) {
		char *text = dossier_print_form(c->db, &d, m.t->form);
		json_object_set_new(*reply, "form", json_string(m.t->form));
		json_object_set_new(*reply, "document", json_string(text ? text : ""));
		free(text);
	}
done:
	json_decref(changes);
	dossier_clear(&d);
	return e;
}
