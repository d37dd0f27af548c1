/* dossier_lookup.c — dossiers by their short code (dossier_lookup.h) and
 * dossier.lookup, the status a clerk reads to a citizen who gives the
 * short code: within the clerk's agency, ambiguity answered by naming the
 * candidates. */
#include "dossier_lookup.h"

#include <stdio.h>
#include <string.h>

#include "store/lookup.h"

enum { MAX_MATCHES = 20 };

bool dossier_short_code(const char *code)
{
	static const char shape[] = "999999-9999";

	if (!code || strlen(code) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == '9' ? code[i] < '0' || code[i] > '9' : code[i] != shape[i])
			return false;
	return true;
}

/* The detail of an ambiguous short code: every candidate with its unit. */
static void s_ambiguous(srv_ctx_t *c, const char *tail, json_t *rows)
{
	size_t i, len;
	json_t *r;

	len = (size_t)snprintf(c->detail, sizeof c->detail, "Mã %s có ở %zu đơn vị:", tail, json_array_size(rows));
	json_array_foreach(rows, i, r)
	{
		if (len >= sizeof c->detail)
			break;
		len += (size_t)snprintf(c->detail + len, sizeof c->detail - len, "%s %s (%s)", i ? ";" : "",
					json_string_value(json_object_get(r, "code")),
					json_string_value(json_object_get(r, "unit_name")));
	}
	c->err_extra = json_pack("{s:O}", "matches", rows);
}

proto_err_t dossier_load_req(srv_ctx_t *c, const json_t *req, dossier_t *d)
{
	const char *code = json_string_value(json_object_get(req, "code"));
	char path[512];
	json_t *rows;
	proto_err_t e = E_OK;

	c->bad_field = "code";
	if (!dossier_short_code(code))
		return dossier_load(c->db, code, d) == 0 ? (c->bad_field = NULL, E_OK) : E_NOT_FOUND;
	snprintf(path, sizeof path, "%s", c->console ? "/" : c->unit_path);
	rows = store_dossier_by_tail(c->db, path, code, MAX_MATCHES);
	if (json_array_size(rows) == 0) {
		snprintf(c->detail, sizeof c->detail, "Không có hồ sơ mã %s trong phạm vi đơn vị của bạn", code);
		e = E_NOT_FOUND;
	} else if (json_array_size(rows) > 1) {
		s_ambiguous(c, code, rows);
		e = E_AMBIGUOUS;
	} else if (dossier_load(c->db, json_string_value(json_object_get(json_array_get(rows, 0), "code")), d) != 0)
		e = E_NOT_FOUND; /* gone between the two reads: not in one transaction of a read */
	else
		c->bad_field = NULL;
	json_decref(rows);
	return e;
}

proto_err_t srv_dossier_lookup(srv_ctx_t *c, json_t *req, json_t **reply)
{
	dossier_t d;
	char received[32];
	proto_err_t e = dossier_load_req(c, req, &d);

	if (e != E_OK)
		return e;
	/* a lookup is the agency's: a whole code too must be in scope */
	if (!dossier_visible(c, &d)) {
		dossier_clear(&d);
		return E_OUT_OF_SCOPE;
	}
	*reply = dossier_summary(&d, c->now);
	json_object_set_new(*reply, "unit", json_string(d.unit_code));
	json_object_set_new(*reply, "unit_name", json_string(d.unit_name));
	json_object_set_new(*reply, "received", json_string(dossier_time(d.received, received, sizeof received)));
	dossier_clear(&d);
	return E_OK;
}
