/* dossier_pay.c — the fee of a dossier recorded at the desk (dossier.pay):
 * the amount is the procedure's rule applied to the declaration (never
 * typed), paid in cash or by transfer, or exempted with its legal ground;
 * one record per dossier with the fee receipt's number from the receiving
 * unit's yearly series "fee" (printed as form BL). */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "dossier.h"
#include "dossier_lookup.h"
#include "series.h"
#include "worktime.h"
#include "text.h"

json_t *dossier_fee_json(store_t *db, dossier_t *d)
{
	store_dossier_fee_t f;
	const procedure_t *p = dossier_procedure(d);
	char at[32], how[1024] = "";

	if (store_dossier_fee_get(db, d->id, &f) != STORE_OK)
		return NULL;
	if (f.amount && p)
		dossier_fee(p, dossier_fields(db, d), how, sizeof how);
	else
		snprintf(how, sizeof how, "%s", f.amount ? "" : "Miễn");
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "at", dossier_time(f.at, at, sizeof at), "amount",
			 (json_int_t)f.amount, "amount_text", how, "method", f.method, "ground", f.ground, "receipt_no",
			 f.receipt_no, "by", f.by_name);
}

proto_err_t srv_dossier_pay(srv_ctx_t *c, json_t *req, json_t **reply)
{
	static const char *const methods[] = {"cash", "transfer", "exempt"};
	const char *method = json_string_value(json_object_get(req, "method"));
	const char *ground = json_string_value(json_object_get(req, "ground"));
	const procedure_t *p;
	store_dossier_fee_t f = {.at = c->now, .by = c->user_id};
	char how[1024], year[16];
	int64_t seq;
	dossier_t d;
	bool known = false;
	proto_err_t e = E_OK;

	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		known |= !strcmp(method, methods[i]);
	if (!known) {
		c->bad_field = "method";
		snprintf(c->detail, sizeof c->detail, "Cách nộp phải là cash, transfer hoặc exempt");
		return E_INVALID;
	}
	if ((e = dossier_load_req(c, req, &d)) != E_OK)
		return e;
	if (!dossier_visible(c, &d)) {
		e = E_OUT_OF_SCOPE;
		goto done;
	}
	/* the desk of the receiving unit takes the fee */
	if (!c->console && (!(c->roles & ROLE_CLERK) || c->unit_id != d.unit_id)) {
		e = E_NOT_ALLOWED;
		goto done;
	}
	if (!(p = dossier_procedure(&d)) || !strcmp(d.state, "refused")) {
		snprintf(c->detail, sizeof c->detail, "Hồ sơ bị từ chối tiếp nhận không thu phí");
		e = E_INVALID;
		goto done;
	}
	f.amount = dossier_fee(p, dossier_fields(c->db, &d), how, sizeof how);
	if (!strcmp(method, "exempt")) {
		if ((!ground || !*ground) && !p->fee_exempt) {
			c->bad_field = "ground";
			snprintf(c->detail, sizeof c->detail, "Miễn phí, lệ phí phải nêu căn cứ pháp lý");
			e = E_INVALID;
			goto done;
		}
		snprintf(f.ground, sizeof f.ground, "%s", ground && *ground ? ground : p->fee_exempt);
		f.amount = 0;
	} else if (f.amount == 0) {
		c->bad_field = "method";
		snprintf(c->detail, sizeof c->detail, "Thủ tục này không thu phí (%.*s): ghi nhận bằng exempt", TEXT_CLIP(how, 400));
		e = E_INVALID;
		goto done;
	}
	snprintf(f.method, sizeof f.method, "%s", method);
	series_period(c->now, wt_utc_offset(catalog_calendar()), SERIES_YEAR, year, sizeof year);
	if (series_next(c->db, "fee", d.unit_id, year, &seq) != 0) {
		e = E_INTERNAL;
		goto done;
	}
	snprintf(f.receipt_no, sizeof f.receipt_no, "%04lld/%s", (long long)seq, year);
	switch (store_dossier_fee_add(c->db, d.id, &f)) {
	case STORE_OK: break;
	case STORE_EXISTS:
		snprintf(c->detail, sizeof c->detail, "Phí, lệ phí của hồ sơ này đã được ghi nhận");
		e = E_EXISTS;
		goto done;
	default: e = E_INTERNAL; goto done;
	}
	if (audit_log(c, "dossier.pay", d.code,
		      json_pack("{s:I, s:s, s:s, s:s}", "amount", (json_int_t)f.amount, "method", f.method, "ground",
				f.ground, "receipt_no", f.receipt_no)) != 0) {
		e = E_INTERNAL;
		goto done;
	}
	*reply = dossier_fee_json(c->db, &d);
	if (!*reply) {
		e = E_INTERNAL;
		goto done;
	}
	json_object_set_new(*reply, "code", json_string(d.code));
done:
	dossier_clear(&d);
	return e;
}
