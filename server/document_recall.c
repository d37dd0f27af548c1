/* document_recall.c — recall of an issued outgoing document and the link
 * of a correcting or replacing draft to the one it corrects
 * (document_recall.h). document.recall moves the draft to `recalled`
 * (frozen: no move leaves that state, no delivery of it), then each copy a
 * recipient unit received to its own `recalled` (its directive and
 * handling stop; the event reaches the unit), and tells the units that
 * have it still waiting in their inbox, where it stays marked. All in the
 * request's transaction; the metadata of every row stay. */
#include "document_recall.h"

#include <string.h>

#include "audit.h"
#include "push.h"
#include "store/document_recall.h"
#include "store/task.h"
#include "task.h"

#define RECALL_ACTION "recall"

static const struct {
	const char *code, *name;
} s_links[] = {{"correct", "Đính chính"}, {"replace", "Thay thế"}};

static const char *s_link_name(const char *code)
{
	for (size_t i = 0; code && i < sizeof s_links / sizeof *s_links; i++)
		if (!strcmp(s_links[i].code, code))
			return s_links[i].name;
	return NULL;
}

static const char *s_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Narrower than the issuer rule (draft_serves admits a clerk of any unit
 * right under the agency): a leader or clerk of the agency itself, or the
 * clerk who issued it. */
bool draft_may_recall(const srv_ctx_t *c, const void *obj)
{
	const draft_t *d = obj;
	return (c->unit_id == d->agency_id && (c->roles & (ROLE_LEADER | ROLE_CLERK))) ||
	       (c->user_id && c->user_id == d->issuer_id && (c->roles & ROLE_CLERK));
}

bool document_may_sender(const srv_ctx_t *c, const void *obj)
{
	int64_t id = store_draft_of_document(c->db, ((const document_t *)obj)->id);
	draft_t d;
	bool may;

	if (!id || draft_load(c->db, NULL, id, &d) != 0)
		return false;
	may = draft_may_recall(c, &d);
	draft_clear(&d);
	return may;
}

/* --- the link of a correcting or replacing draft --- */

static proto_err_t s_invalid(srv_ctx_t *c, const char *field, const char *detail)
{
	c->bad_field = field;
	snprintf(c->detail, sizeof c->detail, "%s", detail);
	return E_INVALID;
}

proto_err_t draft_link_check(srv_ctx_t *c, const json_t *req, const draft_t *d, json_t **extra)
{
	const char *code = s_str(req, "corrects"), *link = s_str(req, "link");
	draft_t t = {0};
	proto_err_t e = E_OK;

	*extra = NULL;
	if (!*code)
		return *link ? s_invalid(c, "link", "Cần mã văn bản được đính chính, thay thế (corrects)") : E_OK;
	if (!*link)
		link = s_links[0].code;
	if (!s_link_name(link))
		return s_invalid(c, "link", "Liên kết phải là correct (đính chính) hoặc replace (thay thế)");
	if (draft_load(c->db, code, 0, &t) != 0 || !draft_visible(c, &t)) {
		if (t.id)
			draft_clear(&t);
		c->bad_field = "corrects";
		snprintf(c->detail, sizeof c->detail, "Không có văn bản đi mã %s", code);
		return E_NOT_FOUND;
	}
	if (!t.issued)
		e = s_invalid(c, "corrects", "Chỉ đính chính, thay thế văn bản đã phát hành");
	else if (t.agency_id != d->agency_id)
		e = s_invalid(c, "corrects", "Văn bản đính chính, thay thế phải do cùng cơ quan ban hành");
	else
		*extra = json_pack("{s:s, s:s}", "corrects", t.code, "link", link);
	draft_clear(&t);
	return e;
}

/* {code, notation, link, link_name} of the draft with this code. */
static json_t *s_link(srv_ctx_t *c, const char *code, const char *link)
{
	draft_t t;
	json_t *o = json_pack("{s:s, s:n, s:s, s:s}", "code", code, "notation", "link", link, "link_name",
	                      s_link_name(link) ? s_link_name(link) : link);

	if (draft_load(c->db, code, 0, &t) == 0) {
		if (*t.notation)
			json_object_set_new(o, "notation", json_string(t.notation));
		draft_clear(&t);
	}
	return o;
}

void draft_recall_view(srv_ctx_t *c, const draft_t *d, json_t *reply)
{
	json_t *to = store_draft_link_get(c->db, d->id), *by = store_draft_links_to(c->db, d->code), *r, *out;
	char note[2048], at[32];
	int64_t when = 0;
	size_t i;

	if (to)
		json_object_set_new(reply, "corrects", s_link(c, s_str(to, "code"), s_str(to, "link")));
	out = json_array();
	json_array_foreach(by, i, r) json_array_append_new(out, s_link(c, s_str(r, "code"), s_str(r, "link")));
	json_object_set_new(reply, "corrected_by", out);
	if (!strcmp(d->state, "recalled") && store_draft_recall_get(c->db, d->id, note, sizeof note, &when) == STORE_OK)
		json_object_set_new(reply, "recall",
		                    json_pack("{s:s, s:s}", "at", wf_time(when, at, sizeof at), "reason", note));
	json_decref(to);
	json_decref(by);
}

/* --- the recipients' side --- */

void draft_recall_mark(srv_ctx_t *c, const draft_t *d, json_t *item)
{
	char note[2048], buf[2200];
	int64_t at = 0;

	if (strcmp(d->state, "recalled") != 0)
		return;
	if (store_draft_recall_get(c->db, d->id, note, sizeof note, &at) != STORE_OK)
		note[0] = 0;
	snprintf(buf, sizeof buf, "Đã thu hồi%s%s", *note ? ": " : "", note);
	json_object_set_new(item, "recalled", json_string(buf));
}

proto_err_t draft_recall_refuse(srv_ctx_t *c, const draft_t *d)
{
	if (strcmp(d->state, "recalled") != 0)
		return E_OK;
	c->bad_field = "code";
	snprintf(c->detail, sizeof c->detail, "Văn bản %s đã bị nơi gửi thu hồi, không tiếp nhận được", d->code);
	return E_INVALID;
}

/* The tasks its directive made are told in their threads, by the server,
 * that the document was recalled and why (the handler stops; the leader
 * who gave the task cancels it); their boards hear task.changed. */
static proto_err_t s_tell_tasks(srv_ctx_t *c, const document_t *d, const char *reason)
{
	json_t *u;
	size_t i;
	char text[2300];

	snprintf(text, sizeof text, "Văn bản %s (%s) đã bị nơi gửi thu hồi: %s", d->number, d->code, reason);
	json_array_foreach(d->units, i, u)
	{
		const char *code = json_string_value(json_object_get(u, "task"));
		task_t t;
		int64_t id;
		if (!code || task_load(c->db, code, 0, &t) != 0)
			continue;
		id = t.id;
		task_clear(&t);
		if (store_task_thread_append(c->db, id, c->now, 0, "comment", text) != STORE_OK ||
		    audit_log(c, "task.comment", code, json_pack("{s:s}", "text", text)) != 0 ||
		    task_changed(c, id) != 0)
			return E_INTERNAL;
	}
	return E_OK;
}

/* The received copy with this code moves to `recalled` as c (the sender):
 * E_OK, also when it has ended already (answered, for information), which
 * keeps its state; its event goes to its unit through the kind's after. */
static proto_err_t s_recall_copy(srv_ctx_t *c, const char *code, const json_t *mv, json_t *done)
{
	const wf_def_t *w = document_in_workflow();
	wf_inst_t in = {0};
	wf_move_t m;
	document_t d;
	proto_err_t e;

	if (!w || document_load(c->db, code, 0, &d) != 0)
		return E_INTERNAL;
	in.state = d.state;
	in.version = d.version;
	e = wf_plan(c, &document_kind, w, &in, &d, RECALL_ACTION, mv, &m);
	if (e == E_INVALID && !strcmp(c->bad_field ? c->bad_field : "", "action")) {
		e = E_OK; /* ended already: nothing to withdraw */
		c->bad_field = NULL;
		c->detail[0] = 0;
	} else if (e == E_OK && (e = wf_apply(c, &document_kind, w, &d, &m, RECALL_ACTION, mv)) == E_OK)
		e = s_tell_tasks(c, &d, s_str(mv, "note"));
	if (e == E_OK)
		json_array_append_new(done, json_string(d.code));
	document_clear(&d);
	return e;
}

proto_err_t srv_document_recall(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const wf_def_t *w = draft_workflow();
	wf_inst_t in = {0};
	wf_move_t m;
	draft_t d;
	json_t *mv, *rows = NULL, *r, *copies = json_array(), *waiting = json_array();
	size_t i;
	proto_err_t e = draft_load_visible(c, req, &d);

	if (e != E_OK) {
		json_decref(copies);
		json_decref(waiting);
		return e;
	}
	mv = json_pack("{s:s}", "note", s_str(req, "reason"));
	if (json_object_get(req, "version"))
		json_object_set(mv, "version", json_object_get(req, "version"));
	in.state = d.state;
	in.version = d.version;
	e = w ? wf_plan(c, &document_out_kind, w, &in, &d, RECALL_ACTION, mv, &m) : E_INTERNAL;
	if (e == E_INVALID && c->bad_field && !strcmp(c->bad_field, "note"))
		c->bad_field = "reason";
	if (e == E_CONFLICT)
		c->err_extra = json_pack("{s:o}", "current", draft_card(c, &d));
	if (e == E_OK)
		e = wf_apply(c, &document_out_kind, w, &d, &m, RECALL_ACTION, mv);
	if (e == E_OK)
		rows = store_draft_deliveries(c->db, d.id);
	json_array_foreach(rows, i, r)
	{
		if (e != E_OK)
			break;
		if (*s_str(r, "document"))
			e = s_recall_copy(c, s_str(r, "document"), mv, copies);
		else
			json_array_append(waiting, json_object_get(r, "path"));
	}
	if (e == E_OK && audit_log(c, "document.recall", d.code,
	                           json_pack("{s:s, s:O, s:I}", "reason", s_str(req, "reason"), "copies", copies,
	                                     "waiting", (json_int_t)json_array_size(waiting))) != 0)
		e = E_INTERNAL;
	if (e == E_OK && json_array_size(waiting)) /* the inboxes' clerks: the row is marked */
		push_event_scopes(c, EV_document_changed,
		                  json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", d.code, "action", RECALL_ACTION,
		                            "state", "recalled", "urgency", d.urgency, "secret", *d.secrecy != 0),
		                  json_incref(waiting));
	if (e == E_OK) {
		int64_t id = d.id;
		draft_clear(&d);
		if (draft_load(c->db, NULL, id, &d) != 0)
			e = E_INTERNAL;
		else {
			*reply = draft_card(c, &d);
			json_object_set_new(*reply, "deliveries", draft_deliveries(c, &d));
		}
	}
	json_decref(rows);
	json_decref(mv);
	json_decref(copies);
	json_decref(waiting);
	draft_clear(&d);
	return e;
}
