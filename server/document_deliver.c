/* document_deliver.c — delivery of an issued outgoing document to
 * recipient units inside the system (NĐ 30 Điều 16 khoản 2, Điều 20): the
 * issuing agency's clerk sends it; it waits in each recipient unit's inbox
 * until that unit's clerk receives it, which registers it in the unit's
 * incoming register through document.register's own handler, pre-filled
 * with the sender's agency, number and notation, date, type and summary,
 * and acknowledges its receipt to the sender (the deliveries on
 * document.view). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "document.h"
#include "document_out.h"
#include "document_recall.h"
#include "org.h"
#include "push.h"

/* The id of the unit above c's ("/1/4/": 1), 0 for a root. */
static int64_t s_above(const srv_ctx_t *c)
{
	const char *p = c->unit_path + strlen(c->unit_path);
	int seen = 0;

	while (p > c->unit_path && seen < 3)
		seen += *--p == '/';
	return seen == 3 ? strtoll(p + 1, NULL, 10) : 0;
}

/* The deliveries of d, their times as text. New reference. */
json_t *draft_deliveries(srv_ctx_t *c, const draft_t *d)
{
	json_t *rows = store_draft_deliveries(c->db, d->id), *r, *out = json_array();
	size_t i;
	char t1[32], t2[32];

	json_array_foreach(rows, i, r)
	{
		int64_t rec = json_integer_value(json_object_get(r, "received"));
		const char *who = json_string_value(json_object_get(r, "receiver"));
		const char *doc = json_string_value(json_object_get(r, "document"));
		json_array_append_new(
		    out, json_pack("{s:O, s:O, s:s, s:o, s:o, s:o}", "unit", json_object_get(r, "unit"), "name",
		                   json_object_get(r, "name"), "delivered",
		                   wf_time(json_integer_value(json_object_get(r, "delivered")), t1, sizeof t1), "received",
		                   rec ? json_string(wf_time(rec, t2, sizeof t2)) : json_null(), "receiver",
		                   who && *who ? json_string(who) : json_null(), "document",
		                   doc && *doc ? json_string(doc) : json_null()));
	}
	json_decref(rows);
	return out;
}

bool draft_delivered_to(const srv_ctx_t *c, const draft_t *d)
{
	return c->user_id && (c->roles & ROLE_CLERK) && store_draft_delivered_to(c->db, d->id, c->unit_id, s_above(c));
}

proto_err_t srv_document_deliver(srv_ctx_t *c, json_t *req, json_t **reply)
{
	draft_t d;
	json_t *x, *scopes;
	size_t i;
	proto_err_t e = draft_load_visible(c, req, &d);

	if (e != E_OK)
		return e;
	if (strcmp(d.state, "issued") != 0 || !(c->console || ((c->roles & ROLE_CLERK) && draft_serves(c, d.agency_id, d.agency_path)))) {
		e = strcmp(d.state, "issued") ? E_INVALID : E_NOT_ALLOWED;
		snprintf(c->detail, sizeof c->detail, "%s",
		         e == E_INVALID ? "Chỉ gửi văn bản đã phát hành" : "Chỉ văn thư cơ quan ban hành gửi văn bản đi");
		draft_clear(&d);
		return e;
	}
	scopes = json_array();
	json_array_foreach(json_object_get(req, "units"), i, x)
	{
		int64_t unit;
		char path[512];
		store_rc_t rc;
		if (org_unit(c->db, json_string_value(x), &unit, path, sizeof path) != 0) {
			c->bad_field = "units";
			snprintf(c->detail, sizeof c->detail, "Không có đơn vị mã %s", json_string_value(x));
			e = E_NOT_FOUND;
			break;
		}
		if (unit == d.agency_id) {
			c->bad_field = "units";
			snprintf(c->detail, sizeof c->detail, "Không gửi văn bản cho chính cơ quan ban hành");
			e = E_INVALID;
			break;
		}
		rc = store_draft_deliver(c->db, d.id, unit, c->user_id, c->now);
		if (rc == STORE_EXISTS)
			continue; /* delivered before: once is enough */
		if (rc != STORE_OK) {
			e = E_INTERNAL;
			break;
		}
		json_array_append_new(scopes, json_string(path));
	}
	if (e == E_OK && audit_log(c, "document.deliver", d.code, json_pack("{s:O}", "units", json_object_get(req, "units"))) != 0)
		e = E_INTERNAL;
	if (e == E_OK && json_array_size(scopes)) /* the recipients' clerks, who see it in their inbox */
		push_event_scopes(c, EV_document_changed,
		                  json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", d.code, "action", "deliver", "state", d.state,
		                            "urgency", d.urgency, "secret", *d.secrecy != 0),
		                  json_incref(scopes));
	json_decref(scopes);
	if (e == E_OK) {
		*reply = draft_card(c, &d);
		json_object_set_new(*reply, "deliveries", draft_deliveries(c, &d));
	}
	draft_clear(&d);
	return e;
}

proto_err_t srv_document_inbox(srv_ctx_t *c, json_t *req, json_t **reply)
{
	json_t *rows, *r, *out = json_array();
	size_t i;

	(void)req;
	rows = c->roles & ROLE_CLERK ? store_draft_inbox(c->db, c->unit_id, s_above(c)) : json_array();
	json_array_foreach(rows, i, r)
	{
		draft_t d;
		char t[32], day[32];
		json_t *item;
		if (draft_load(c->db, json_string_value(json_object_get(r, "code")), 0, &d) != 0)
			continue;
		wf_time(d.issued, day, sizeof day);
		day[10] = 0;
		item = json_pack("{s:s, s:O, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:s}", "code", d.code, "unit",
		                 json_object_get(r, "unit"), "sender", d.agency_name, "number", d.notation, "date", day,
		                 "type", d.type, "type_name",
		                 document_type_name(d.type) ? json_string(document_type_name(d.type)) : json_null(),
		                 "summary", d.summary, "urgency", *d.urgency ? json_string(d.urgency) : json_null(),
		                 "secrecy", *d.secrecy ? json_string(d.secrecy) : json_null(), "delivered",
		                 wf_time(d.issued, t, sizeof t));
		draft_recall_mark(c, &d, item); /* recalled by its sender: marked */
		json_array_append_new(out, item);
		draft_clear(&d);
	}
	json_decref(rows);
	*reply = json_pack("{s:o}", "documents", out);
	return E_OK;
}

/* Receive: register it in the recipient unit's incoming register with the
 * sender's details (document.register's handler: the clerk's rights, the
 * arrival number, the audit, the event), then acknowledge. */
proto_err_t srv_document_receive(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *want = json_string_value(json_object_get(req, "unit"));
	json_t *rows = NULL, *r, *reg = NULL, *card = NULL;
	int64_t unit = 0, doc_id = 0;
	char day[32], arrived[32], path[512];
	const char *unit_code = NULL;
	draft_t d;
	document_t in;
	size_t i;
	proto_err_t e;

	if (draft_load(c->db, json_string_value(json_object_get(req, "code")), 0, &d) != 0 || !draft_delivered_to(c, &d)) {
		if (d.id)
			draft_clear(&d);
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "Không có văn bản mã %s gửi đến đơn vị bạn",
		         json_string_value(json_object_get(req, "code")));
		return E_NOT_FOUND;
	}
	if ((e = draft_recall_refuse(c, &d)) != E_OK) {
		draft_clear(&d);
		return e;
	}
	rows = store_draft_inbox(c->db, c->unit_id, s_above(c));
	json_array_foreach(rows, i, r)
	{
		if (strcmp(json_string_value(json_object_get(r, "code")), d.code) != 0)
			continue;
		if (!want || !strcmp(want, json_string_value(json_object_get(r, "unit")))) {
			unit_code = json_string_value(json_object_get(r, "unit"));
			break;
		}
	}
	e = unit_code && org_unit(c->db, unit_code, &unit, path, sizeof path) == 0 ? E_OK : E_INVALID;
	if (e != E_OK) {
		c->bad_field = want ? "unit" : "code";
		snprintf(c->detail, sizeof c->detail, "Văn bản %s đã được tiếp nhận hoặc không gửi tới đơn vị này", d.code);
	} else {
		wf_time(d.issued, day, sizeof day);
		day[10] = 0;
		wf_time(d.issued, arrived, sizeof arrived);
		reg = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "sender", d.agency_name, "number", d.notation,
		                "date", day, "type", d.type, "summary", d.summary, "agency", unit_code, "arrived", arrived,
		                "force", 1); /* delivered once: not a duplicate of a paper copy */
		if (*d.urgency)
			json_object_set_new(reg, "urgency", json_string(d.urgency));
		if (*d.secrecy)
			json_object_set_new(reg, "secrecy", json_string(d.secrecy));
		if (json_object_get(req, "pages"))
			json_object_set(reg, "pages", json_object_get(req, "pages"));
		e = srv_document_register(c, reg, &card);
	}
	if (e == E_OK && document_load(c->db, json_string_value(json_object_get(card, "code")), 0, &in) == 0) {
		doc_id = in.id;
		document_clear(&in);
	}
	if (e == E_OK && (!doc_id || store_draft_received(c->db, d.id, unit, doc_id, c->user_id, c->now) != STORE_OK ||
	                  audit_log(c, "document.receive", d.code,
	                            json_pack("{s:s, s:O}", "unit", unit_code, "document", json_object_get(card, "code"))) != 0 ||
	                  draft_changed(c, d.id, "receive") != 0))
		e = E_INTERNAL;
	json_decref(rows);
	json_decref(reg);
	draft_clear(&d);
	if (e == E_OK)
		*reply = card;
	else
		json_decref(card);
	return e;
}
