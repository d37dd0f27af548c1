/* document.c — the document row and what every document module shares:
 * loading, who may see it, its card, the document.changed event, and the
 * document kind for the workflow engine (the `director` and `lead` rules,
 * the effects of document_in.yaml: the directive that makes the task on
 * the board, the routing for information, the answer). */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "document_recall.h"
#include "catalog.h"
#include "push.h"
#include "task.h"
#include "text.h"

/* --- loading, who --- */

int document_load(store_t *db, const char *code, int64_t id, document_t *d)
{
	return store_document_get(db, code, id, d) == STORE_OK ? 0 : -1;
}

void document_clear(document_t *d)
{
	store_document_clear(d);
}

store_document_viewer_t document_viewer(const srv_ctx_t *c)
{
	return (store_document_viewer_t){.user_id = c->user_id, .path = c->console ? "/" : c->unit_path};
}

bool document_visible(srv_ctx_t *c, const document_t *d)
{
	size_t i;
	json_t *u;

	if (*d->secrecy)
		return c->user_id && store_document_is_reader(c->db, d->id, c->user_id);
	if (c->console || (c->user_id && c->user_id == d->registrar_id))
		return true;
	if (srv_in_scope(c, d->agency_path) || srv_in_scope(c, d->registrar_path))
		return true;
	json_array_foreach(d->units, i, u)
	{
		if (srv_in_scope(c, json_string_value(json_object_get(u, "path"))))
			return true;
	}
	return false;
}

proto_err_t document_load_visible(srv_ctx_t *c, const json_t *req, document_t *d)
{
	const char *code = json_string_value(json_object_get(req, "code"));

	if (document_load(c->db, code ? code : "", 0, d) != 0 || !document_visible(c, d)) {
		document_clear(d);
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "Không có văn bản mã %s", code ? code : "");
		return E_NOT_FOUND;
	}
	return E_OK;
}

proto_err_t document_source(srv_ctx_t *c, const char *ref)
{
	document_t d;
	json_t *req;
	proto_err_t e;

	if (!ref || strncmp(ref, DOCUMENT_CODE_PREFIX, strlen(DOCUMENT_CODE_PREFIX)) != 0)
		return E_OK; /* free text: a paper document's number */
	req = json_pack("{s:s}", "code", ref);
	e = document_load_visible(c, req, &d);
	json_decref(req);
	if (e != E_OK)
		c->bad_field = "ref";
	else
		document_clear(&d);
	return e;
}

const wf_def_t *document_in_workflow(void)
{
	return forms_workflow(catalog_forms(), DOCUMENT_IN_WORKFLOW);
}

/* by: director — a leader of the agency the document came to. */
static bool s_may_director(const srv_ctx_t *c, const void *obj)
{
	const document_t *d = obj;
	return c->unit_id == d->agency_id && (c->roles & ROLE_LEADER);
}

/* by: lead — the lead official; the lead unit's leader; its specialists
 * when no official is named. */
static bool s_may_lead(const srv_ctx_t *c, const void *obj)
{
	const document_t *d = obj;
	if (c->user_id && c->user_id == d->lead_user)
		return true;
	return d->lead_unit && c->unit_id == d->lead_unit &&
	       ((c->roles & ROLE_LEADER) || (!d->lead_user && (c->roles & ROLE_SPECIALIST)));
}

/* by: unit_lead — a leader of the lead unit, who names its handler. */
static bool s_may_unit_lead(const srv_ctx_t *c, const void *obj)
{
	const document_t *d = obj;
	return d->lead_unit && c->unit_id == d->lead_unit && (c->roles & ROLE_LEADER);
}

static const char *s_path(const void *obj)
{
	return ((const document_t *)obj)->agency_path;
}

/* --- effects (forms/workflows/document_in.yaml) --- */

/* The units of the request's `key` (codes in c's subtree) sent the
 * document in `role`, with task (0: none); not the lead unit, each once. */
static proto_err_t s_route(srv_ctx_t *c, document_t *d, const json_t *req, const char *key, const char *role,
                           int64_t task)
{
	size_t i;
	json_t *x;
	char path[512];
	proto_err_t e;

	json_array_foreach(json_object_get(req, key), i, x)
	{
		int64_t id;
		store_rc_t rc;
		if ((e = task_unit(c, json_string_value(x), key, &id, path, sizeof path)) != E_OK)
			return e;
		if (id == d->lead_unit)
			continue;
		rc = store_document_unit_add(c->db, d->id, id, role, task);
		if (rc != STORE_OK && rc != STORE_EXISTS)
			return E_INTERNAL;
	}
	return E_OK;
}

/* The task's title: the document's number and summary, or, for a
 * confidential one, only its arrival number (the board is not a reader). */
static void s_task_title(const document_t *d, char *out, size_t n)
{
	if (*d->secrecy)
		snprintf(out, n, "Giải quyết văn bản %s số đến %lld/%s", document_secrecy_name(d->secrecy),
		         (long long)d->arrival_no, d->year);
	else
		snprintf(out, n, "Giải quyết văn bản %.*s của %.*s: %.*s", (int)text_clip(d->number, 60), d->number,
		         (int)text_clip(d->sender, 80), d->sender, (int)text_clip(d->summary, 150), d->summary);
}

/* The leader's directive (bút phê): the lead unit (and official) with the
 * deadline get a task on the board, made by task.add's own handler with
 * the co-operating units (source "document", ref the document's code);
 * the units `info` names receive it for information. */
static proto_err_t s_direct(srv_ctx_t *c, void *obj, const json_t *req)
{
	document_t *d = obj;
	const char *urg = d->urgency;
	char title[320], path[512];
	json_t *treq, *reply = NULL;
	task_t t;
	proto_err_t e;

	s_task_title(d, title, sizeof title);
	treq = json_pack("{s:s, s:O, s:O, s:O, s:s, s:s, s:s}", "title", title, "lead", json_object_get(req, "lead"),
	                 "deadline", json_object_get(req, "deadline"), "description", json_object_get(req, "directive"),
	                 "priority",
	                 !strcmp(urg, "hoa_toc") || !strcmp(urg, "thuong_khan") ? "urgent" : *urg ? "high" : "normal",
	                 "source", "document", "ref", d->code);
	if (json_object_get(req, "person"))
		json_object_set(treq, "person", json_object_get(req, "person"));
	if (json_object_get(req, "coop"))
		json_object_set(treq, "coop", json_object_get(req, "coop"));
	e = srv_task_add(c, treq, &reply);
	json_decref(treq);
	if (e != E_OK)
		return e;
	e = task_load(c->db, json_string_value(json_object_get(reply, "code")), 0, &t) == 0 ? E_OK : E_INTERNAL;
	json_decref(reply);
	if (e != E_OK)
		return e;
	d->lead_unit = t.lead_unit;
	d->lead_user = t.lead_user;
	d->deadline = t.deadline;
	if (store_document_unit_add(c->db, d->id, t.lead_unit, "lead", t.id) != STORE_OK)
		e = E_INTERNAL;
	if (e == E_OK)
		e = s_route(c, d, req, "coop", "coop", t.id);
	if (e == E_OK)
		e = s_route(c, d, req, "info", "info", 0);
	if (e == E_OK && *d->secrecy && t.lead_user && store_document_reader_add(c->db, d->id, t.lead_user) != STORE_OK)
		e = E_INTERNAL;
	task_clear(&t);
	(void)path;
	d->director_id = c->user_id;
	d->directed = c->now;
	snprintf(d->directive, sizeof d->directive, "%s", json_string_value(json_object_get(req, "directive")));
	return e;
}

/* For information only: to the units `info` names, no task, no deadline. */
static proto_err_t s_inform(srv_ctx_t *c, void *obj, const json_t *req)
{
	document_t *d = obj;

	if (json_array_size(json_object_get(req, "info")) == 0) {
		c->bad_field = "info";
		snprintf(c->detail, sizeof c->detail, "Cần ít nhất một đơn vị nhận để biết");
		return E_INVALID;
	}
	d->director_id = c->user_id;
	d->directed = c->now;
	snprintf(d->directive, sizeof d->directive, "%s", json_string_value(json_object_get(req, "directive")));
	return s_route(c, d, req, "info", "info", 0);
}

/* The handling is done: the reply document's number, if any. */
static proto_err_t s_answer(srv_ctx_t *c, void *obj, const json_t *req)
{
	document_t *d = obj;
	const char *reply = json_string_value(json_object_get(req, "reply"));

	snprintf(d->reply, sizeof d->reply, "%s", reply ? reply : "");
	d->done_at = c->now;
	return E_OK;
}

/* The lead unit's leader names the official of the unit who handles it:
 * the document's lead official and its task's (a reader too, when it is
 * confidential); the task's lead is told by task.changed. */
static proto_err_t s_assign(srv_ctx_t *c, void *obj, const json_t *req)
{
	document_t *d = obj;
	const char *person = json_string_value(json_object_get(req, "person"));
	int64_t uid = 0, unit = 0, task = 0;
	bool disabled = false;
	size_t i;
	json_t *u;
	task_t t;

	c->bad_field = "person";
	if (!person || store_task_person(c->db, person, &uid, &unit, &disabled) != STORE_OK || disabled) {
		snprintf(c->detail, sizeof c->detail, "Không có cán bộ %s (hoặc đã bị khóa)", person ? person : "");
		return E_NOT_FOUND;
	}
	if (unit != d->lead_unit) {
		snprintf(c->detail, sizeof c->detail, "Cán bộ %s không thuộc đơn vị chủ trì", person);
		return E_OUT_OF_SCOPE;
	}
	c->bad_field = NULL;
	json_array_foreach(d->units, i, u)
	{
		const char *code = json_string_value(json_object_get(u, "task"));
		if (code && !strcmp(json_string_value(json_object_get(u, "role")), "lead") && task_load(c->db, code, 0, &t) == 0) {
			task = t.id;
			task_clear(&t);
		}
	}
	d->lead_user = uid;
	if (task && (store_document_task_person(c->db, task, d->lead_unit, uid) != STORE_OK || task_changed(c, task) != 0))
		return E_INTERNAL;
	if (*d->secrecy && store_document_reader_add(c->db, d->id, uid) != STORE_OK)
		return E_INTERNAL;
	return E_OK;
}

static const wf_effect_t s_effects[] = {
    {"direct", s_direct},
    {"assign", s_assign},
    {"inform", s_inform},
    {"answer", s_answer},
    {NULL, NULL},
};

static const wf_require_t s_requires[] = {
    {"directive", "ý kiến chỉ đạo (bút phê)"},
    {"lead", "đơn vị chủ trì"},
    {"deadline", "hạn giải quyết"},
    {"note", "ghi chú"},
    {"person", "cán bộ xử lý"},
    {NULL, NULL},
};

/* --- how wf_apply reaches a document --- */


/* Graded by when the handling was reported done against the deadline. */
static bool s_grade_ref(const void *obj, int64_t now, int64_t *done, int64_t *due, bool *late)
{
	const document_t *d = obj;

	*done = d->done_at ? d->done_at : now;
	*due = d->deadline ? d->deadline : *done;
	*late = false;
	return !d->finished;
}

static void s_finish(void *obj, int64_t now, const char *grade)
{
	document_t *d = obj;

	d->finished = now;
	snprintf(d->grade, sizeof d->grade, "%s", grade ? grade : "");
}

static proto_err_t s_save(srv_ctx_t *c, void *obj, const void *was)
{
	(void)was;
	return store_document_save(c->db, obj) == STORE_OK ? E_OK : E_CONFLICT;
}

/* The audit row names what the move decided, never a confidential
 * document's summary. */
static json_t *s_audit(const void *obj, const char *action, const char *note)
{
	const document_t *d = obj;
	return json_pack("{s:s, s:s, s:s?, s:I}", "action", action, "state", d->state, "note", note, "deadline",
	                 (json_int_t)d->deadline);
}

static int s_after(srv_ctx_t *c, void *obj, const wf_def_t *w, const char *action)
{
	(void)w;
	return document_changed(c, ((document_t *)obj)->id, action);
}

static const wf_apply_ops_t s_ops = {
    .at = WF_LAYOUT(document_t),
    .grade_ref = s_grade_ref,
    .finish = s_finish,
    .save = s_save,
    .audit = s_audit,
    .after = s_after,
    .size = sizeof(document_t),
};

/* In the order of document_by_t. */
static const wf_rule_t s_rules[] = {
    [DOC_BY_DIRECTOR] = {"director", s_may_director, "lãnh đạo cơ quan nhận văn bản"},
    [DOC_BY_LEAD] = {"lead", s_may_lead, "cán bộ, đơn vị chủ trì giải quyết"},
    [DOC_BY_UNIT_LEAD] = {"unit_lead", s_may_unit_lead, "lãnh đạo đơn vị chủ trì"},
    [DOC_BY_SENDER] = {"sender", document_may_sender, "lãnh đạo, văn thư cơ quan gửi văn bản"},
    {NULL, NULL, NULL},
};

const wf_kind_t document_kind = {
    .name = "document",
    .noun = "văn bản",
    .Noun = "Văn bản",
    .rules = s_rules,
    .path = s_path,
    .effects = s_effects,
    .requires = s_requires,
    .create_action = "register",
    .create_label = "Vào sổ văn bản đến",
    .ops = &s_ops,
};

/* --- the card --- */

static json_t *s_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *s_time_or_null(int64_t t)
{
	char buf[32];
	return t ? json_string(wf_time(t, buf, sizeof buf)) : json_null();
}

/* When d had to be registered and presented: the day it arrived for an
 * urgent one, else the next working day (NĐ 30/2020 Điều 21 khoản 1). */
static int64_t s_register_due(const document_t *d)
{
	char day[32];

	wf_time(d->arrived + (*d->urgency ? 0 : 86400), day, sizeof day);
	day[10] = 0;
	return wf_day_end(day);
}

json_t *document_card(srv_ctx_t *c, const document_t *d)
{
	const wf_def_t *w = document_in_workflow();
	int64_t due = s_register_due(d);
	bool open = !d->finished && !d->done_at;
	char rem[64], arrival[48];
	json_t *o = json_object();

	snprintf(arrival, sizeof arrival, "%lld%s", (long long)d->arrival_no, *d->secrecy ? "/M" : "");
	if (d->deadline && open)
		wf_remaining(c->now, d->deadline, rem, sizeof rem);
	else
		snprintf(rem, sizeof rem, "%s", "");
	json_object_set_new(o, "code", json_string(d->code));
	json_object_set_new(o, "register", json_string(d->reg));
	json_object_set_new(o, "year", json_string(d->year));
	json_object_set_new(o, "arrival_no", json_integer(d->arrival_no));
	json_object_set_new(o, "arrival", json_string(arrival));
	json_object_set_new(o, "arrived", s_time_or_null(d->arrived));
	json_object_set_new(o, "registered", s_time_or_null(d->registered));
	json_object_set_new(o, "register_due", s_time_or_null(due));
	json_object_set_new(o, "registered_late", json_boolean(due > 0 && d->registered > due));
	json_object_set_new(o, "agency", json_string(d->agency_code));
	json_object_set_new(o, "agency_name", json_string(d->agency_name));
	json_object_set_new(o, "sender", json_string(d->sender));
	json_object_set_new(o, "number", json_string(d->number));
	json_object_set_new(o, "date", json_string(d->doc_date));
	json_object_set_new(o, "type", json_string(d->type));
	json_object_set_new(o, "type_name", s_str_or_null(document_type_name(d->type)));
	json_object_set_new(o, "summary", json_string(d->summary));
	json_object_set_new(o, "urgency", s_str_or_null(d->urgency));
	json_object_set_new(o, "urgency_name", s_str_or_null(document_urgency_name(d->urgency)));
	json_object_set_new(o, "secrecy", s_str_or_null(d->secrecy));
	json_object_set_new(o, "secrecy_name", s_str_or_null(document_secrecy_name(d->secrecy)));
	json_object_set_new(o, "pages", json_integer(d->pages));
	json_object_set_new(o, "state", json_string(d->state));
	json_object_set_new(o, "state_name", json_string(w ? wf_state_name(w, d->state) : d->state));
	json_object_set_new(o, "registrar", json_string(d->registrar));
	json_object_set_new(o, "registrar_name", json_string(d->registrar_name));
	json_object_set_new(o, "director", s_str_or_null(d->director));
	json_object_set_new(o, "director_name", s_str_or_null(d->director_name));
	json_object_set_new(o, "directive", s_str_or_null(d->directive));
	json_object_set_new(o, "deadline", s_time_or_null(d->deadline));
	json_object_set_new(o, "remaining", s_str_or_null(rem));
	json_object_set_new(o, "overdue", json_boolean(d->deadline && open && c->now > d->deadline));
	json_object_set_new(o, "lead_unit", s_str_or_null(d->lead_code));
	json_object_set_new(o, "lead_unit_name", s_str_or_null(d->lead_name));
	json_object_set_new(o, "lead_user", s_str_or_null(d->lead_username));
	json_object_set_new(o, "lead_name", s_str_or_null(d->lead_user_name));
	json_object_set_new(o, "reply", s_str_or_null(d->reply));
	json_object_set_new(o, "grade", s_str_or_null(d->grade));
	json_object_set_new(o, "version", json_integer(d->version));
	return o;
}

/* --- changes --- */

int document_changed(srv_ctx_t *c, int64_t id, const char *action)
{
	document_t d;
	json_t *body;
	size_t i;
	json_t *u;

	if (document_load(c->db, NULL, id, &d) != 0)
		return -1;
	body = json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", d.code, "action", action, "state", d.state, "urgency",
	                 d.urgency, "secret", *d.secrecy != 0);
	if (*d.secrecy) { /* only its readers, by name */
		json_t *readers = store_document_readers(c->db, d.id), *r;
		json_array_foreach(readers, i, r) srv_event(c, EV_document_changed, json_deep_copy(body), NULL,
		                                            json_integer_value(r));
		json_decref(readers);
		json_decref(body);
	} else {
		json_t *scopes = json_pack("[s, s]", d.agency_path, d.registrar_path);
		json_array_foreach(d.units, i, u) json_array_append(scopes, json_object_get(u, "path"));
		push_event_scopes(c, EV_document_changed, body, scopes);
	}
	document_clear(&d);
	return 0;
}
