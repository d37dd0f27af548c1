/* document_direct.c — moving an incoming document along its workflow
 * (forms/workflows/document_in.yaml): the agency leader's directive (bút
 * phê: a lead unit and official, co-operating units, a deadline and the
 * directive's text, which makes the lead's task on the board; or routing
 * for information only), and the other actions (the lead reports the
 * handling done, with the reply document's number). Each goes through
 * wf_plan and wf_apply: the row, the log, the audit row, the event. */
#include <string.h>

#include "document.h"

/* Run `action` on the document the request names, as c; reply with its
 * card as it is now. */
static proto_err_t s_move(srv_ctx_t *c, const json_t *req, const char *action, json_t **reply)
{
	const wf_def_t *w = document_in_workflow();
	wf_inst_t in = {0};
	wf_move_t m;
	document_t d;
	proto_err_t e = document_load_visible(c, req, &d);

	if (e != E_OK)
		return e;
	in.state = d.state;
	in.version = d.version;
	if (!w)
		e = E_INTERNAL;
	if (e == E_OK)
		e = wf_plan(c, &document_kind, w, &in, &d, action, req, &m);
	if (e == E_CONFLICT)
		c->err_extra = json_pack("{s:o}", "current", document_card(c, &d));
	if (e == E_OK)
		e = wf_apply(c, &document_kind, w, &d, &m, action, req);
	if (e == E_OK) {
		int64_t id = d.id;
		document_clear(&d);
		if (document_load(c->db, NULL, id, &d) != 0)
			return E_INTERNAL;
		*reply = document_card(c, &d);
	}
	document_clear(&d);
	return e;
}

/* A directive with a lead unit assigns the handling (`direct`); one that
 * only names units for information routes it (`inform`). */
proto_err_t srv_document_direct(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *lead = json_string_value(json_object_get(req, "lead"));
	return s_move(c, req, lead && *lead ? "direct" : "inform", reply);
}

/* The lead unit's leader names the unit's official who handles it. */
proto_err_t srv_document_assign(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_move(c, req, "assign", reply);
}

proto_err_t srv_document_act(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_move(c, req, json_string_value(json_object_get(req, "action")), reply);
}
