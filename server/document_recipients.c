/* document_recipients.c — the units an outgoing draft is meant for (nơi
 * nhận, NĐ 30/2020 Phụ lục I), chosen by name while it is drafted
 * (document.recipients) and shown with it; its delivery after the issue
 * starts from them (the TUI preselects them). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "document_out.h"
#include "org.h"
#include "store/document_capacity.h"

json_t *draft_recipients(srv_ctx_t *c, const draft_t *d)
{
	json_t *r = store_draft_recipients(c->db, d->id);
	return r ? r : json_array();
}

proto_err_t srv_document_recipients(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const json_t *units = json_object_get(req, "units"), *u;
	size_t i, n = json_array_size(units);
	int64_t *ids = calloc(n ? n : 1, sizeof *ids);
	char path[512];
	draft_t d;
	proto_err_t e = ids ? draft_load_visible(c, req, &d) : E_INTERNAL;

	if (e != E_OK) {
		free(ids);
		return e;
	}
	if (!strcmp(d.state, "issued") || !((c->user_id && c->user_id == d.drafter_id) ||
	                                    (c->unit_id == d.unit_id && (c->roles & ROLE_LEADER)))) {
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "Chỉ người soạn thảo hoặc lãnh đạo đơn vị soạn thảo chọn nơi nhận, "
		                                      "trước khi phát hành");
		e = E_NOT_ALLOWED;
	}
	json_array_foreach(units, i, u) if (e == E_OK && org_unit(c->db, json_string_value(u), &ids[i], path, sizeof path) != 0)
	{
		c->bad_field = "units";
		snprintf(c->detail, sizeof c->detail, "Không có đơn vị mã %s", json_string_value(u));
		e = E_NOT_FOUND;
	}
	if (e == E_OK && (store_draft_recipients_set(c->db, d.id, ids, n) != STORE_OK ||
	                  audit_log(c, "document.recipients", d.code, json_pack("{s:O}", "units", units)) != 0 ||
	                  draft_changed(c, d.id, "recipients") != 0))
		e = E_INTERNAL;
	if (e == E_OK)
		*reply = json_pack("{s:s, s:o}", "code", d.code, "recipients", draft_recipients(c, &d));
	draft_clear(&d);
	free(ids);
	return e;
}
