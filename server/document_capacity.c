/* document_capacity.c — who may sign an agency's outgoing documents in
 * which capacity, and the check of their form before they are signed
 * (NĐ 30/2020/NĐ-CP Điều 12 khoản 2, Điều 13; forms/documents/README.md):
 * the delegations an admin or the agency's leader records (TM., KT., Q.,
 * TL., TUQ., for whom, from one day to another; `form` names who checks
 * the form), the approval refused when its signer holds no such capacity
 * that day, the form's check by the person named (else the agency's
 * clerks) of the revision to be signed, required before the approval. */
#include <string.h>

#include "audit.h"
#include "document.h"
#include "document_out.h"
#include "org.h"
#include "store/document_capacity.h"
#include "store/org.h"
#include "store/task.h"

/* The capacities (Điều 13) and what the signer block prints. */
static const struct {
	const char *code, *prefix, *name;
} s_caps[] = {
    {"tm", "TM.", "thay mặt tập thể"},   {"kt", "KT.", "ký thay người đứng đầu"},
    {"q", "Q.", "quyền"},                {"tl", "TL.", "thừa lệnh"},
    {"tuq", "TUQ.", "thừa ủy quyền"},    {"form", "", "kiểm tra thể thức"},
};

static int s_cap(const char *code)
{
	for (int i = 0; code && i < (int)(sizeof s_caps / sizeof *s_caps); i++)
		if (!strcmp(s_caps[i].code, code))
			return i;
	return -1;
}

static const char *s_str(const json_t *req, const char *key)
{
	const char *s = json_string_value(json_object_get(req, key));
	return s ? s : "";
}

static proto_err_t s_fail(srv_ctx_t *c, proto_err_t e, const char *field, const char *detail)
{
	c->bad_field = field;
	snprintf(c->detail, sizeof c->detail, "%s", detail);
	return e;
}

/* Today in the province, YYYY-MM-DD, into day (>= 11 bytes). */
static void s_today(const srv_ctx_t *c, char *day, size_t n)
{
	char at[32];

	snprintf(day, n, "%.10s", wf_time(c->now, at, sizeof at));
}

/* --- the rules the draft's moves use --- */

bool draft_may_check_form(const srv_ctx_t *c, const draft_t *d)
{
	char day[16];

	s_today(c, day, sizeof day);
	if (store_delegation_count(c->db, d->agency_id, 0, "form", day) > 0) /* someone is named */
		return c->user_id && store_delegation_count(c->db, d->agency_id, c->user_id, "form", day) > 0;
	return (c->roles & ROLE_CLERK) && draft_serves(c, d->agency_id, d->agency_path);
}

bool draft_delegated(const srv_ctx_t *c, const draft_t *d)
{
	char day[16];

	s_today(c, day, sizeof day);
	return c->user_id && store_delegation_count(c->db, d->agency_id, c->user_id, NULL, day) > 0;
}

proto_err_t draft_check_form(srv_ctx_t *c, draft_t *d)
{
	return store_draft_form_checked(c->db, d->id, c->user_id, c->now, d->revision) == STORE_OK ? E_OK : E_INTERNAL;
}

proto_err_t draft_capacity_approve(srv_ctx_t *c, draft_t *d, const json_t *req)
{
	const char *cap = s_str(req, "capacity");
	json_t *check = store_draft_check_get(c->db, d->id);
	int64_t checked = check ? json_integer_value(json_object_get(check, "form_revision")) : -1;
	char day[16], msg[512];
	int i = s_cap(cap);

	json_decref(check);
	if (checked < 0)
		return E_INTERNAL;
	if (checked != d->revision)
		return s_fail(c, E_INVALID, "code",
		              "Dự thảo chưa được kiểm tra thể thức, kỹ thuật trình bày (NĐ 30/2020 Điều 12 khoản 2): "
		              "văn thư hoặc người được giao kiểm tra trước khi trình ký");
	s_today(c, day, sizeof day);
	if (*cap && (i < 0 || !strcmp(cap, "form")))
		return s_fail(c, E_INVALID, "capacity", "Thẩm quyền ký phải là tm, kt, q, tl hoặc tuq");
	if (*cap && store_delegation_count(c->db, d->agency_id, c->user_id, cap, day) == 0) {
		snprintf(msg, sizeof msg,
		         "%s không được giao ký %s (%s) văn bản của %s ngày %s: không có ủy quyền còn hiệu lực "
		         "(congvu document delegations)",
		         c->username, s_caps[i].prefix, s_caps[i].name, d->agency_name, day);
		return s_fail(c, E_NOT_ALLOWED, "capacity", msg);
	}
	if (!*cap && !(c->unit_id == d->agency_id && (c->roles & ROLE_LEADER)))
		return s_fail(c, E_NOT_ALLOWED, "capacity",
		              "Chỉ lãnh đạo cơ quan ký không cần thẩm quyền; người được ủy quyền ghi rõ thẩm quyền ký "
		              "(--capacity tm|kt|q|tl|tuq)");
	return store_draft_capacity_set(c->db, d->id, cap) == STORE_OK ? E_OK : E_INTERNAL;
}

json_t *draft_sig_capacity(srv_ctx_t *c, const draft_t *d, json_t *doc)
{
	json_t *k = store_draft_check_get(c->db, d->id);

	if (k && *s_str(k, "capacity"))
		json_object_set(doc, "capacity", json_object_get(k, "capacity"));
	json_decref(k);
	return doc;
}

json_t *draft_check_card(srv_ctx_t *c, const draft_t *d)
{
	json_t *k = store_draft_check_get(c->db, d->id);
	char at[32];
	int i;

	if (!k)
		return json_object();
	i = s_cap(s_str(k, "capacity"));
	json_object_set_new(k, "capacity_prefix", json_string(i >= 0 ? s_caps[i].prefix : ""));
	json_object_set_new(k, "form_checked",
	                    json_string(json_integer_value(json_object_get(k, "form_checked"))
	                                    ? wf_time(json_integer_value(json_object_get(k, "form_checked")), at, sizeof at)
	                                    : ""));
	return k;
}

/* --- the requests --- */

/* May c give and revoke the delegations of agency id at path: an admin in
 * whose scope it is, or a leader of it. */
static proto_err_t s_manage(srv_ctx_t *c, int64_t id, const char *path)
{
	if (!c->console && !((c->roles & ROLE_ADMIN) && srv_in_scope(c, path)) &&
	    !(c->unit_id == id && (c->roles & ROLE_LEADER)))
		return s_fail(c, E_NOT_ALLOWED, "agency", "Chỉ quản trị hoặc lãnh đạo cơ quan được giao, thu hồi ủy quyền ký");
	return E_OK;
}

/* The agency a delegation request names (default c's unit), which c may
 * manage. */
static proto_err_t s_agency(srv_ctx_t *c, const json_t *req, int64_t *id)
{
	const char *code = s_str(req, "agency");
	char path[512], msg[160];

	if (!*code) {
		*id = c->unit_id;
		snprintf(path, sizeof path, "%s", c->unit_path);
	} else if (org_unit(c->db, code, id, path, sizeof path) != 0) {
		snprintf(msg, sizeof msg, "Không có đơn vị mã %s", code);
		return s_fail(c, E_NOT_FOUND, "agency", msg);
	}
	return s_manage(c, *id, path);
}

/* A person named by a request's field, of any unit: E_OK with its id. */
static proto_err_t s_person(srv_ctx_t *c, const char *field, const char *username, int64_t *id)
{
	int64_t unit = 0;
	bool disabled = false;
	char msg[160];

	if (store_task_person(c->db, username, id, &unit, &disabled) == STORE_OK && !disabled)
		return E_OK;
	snprintf(msg, sizeof msg, "Không có cán bộ %s (hoặc đã bị khóa)", username);
	return s_fail(c, E_NOT_FOUND, field, msg);
}

static bool s_date(const char *s)
{
	int y, m, d;
	char end;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= 31;
}

proto_err_t srv_document_delegate(srv_ctx_t *c, json_t *req, json_t **reply)
{
	store_delegation_t g = {.capacity = s_str(req, "capacity"),
	                        .from = s_str(req, "from"),
	                        .to = s_str(req, "to"),
	                        .note = s_str(req, "note"),
	                        .created_by = c->user_id,
	                        .created = c->now};
	int64_t id;
	proto_err_t e;

	if ((e = s_agency(c, req, &g.agency_id)) != E_OK)
		return e;
	if (s_cap(g.capacity) < 0)
		return s_fail(c, E_INVALID, "capacity", "Thẩm quyền phải là tm, kt, q, tl, tuq hoặc form (kiểm tra thể thức)");
	if (!s_date(g.from) || !s_date(g.to) || strcmp(g.from, g.to) > 0)
		return s_fail(c, E_INVALID, "to", "Ngày phải viết YYYY-MM-DD, từ ngày không sau đến ngày");
	if ((e = s_person(c, "user", s_str(req, "user"), &g.user_id)) != E_OK ||
	    (*s_str(req, "behalf") && (e = s_person(c, "behalf", s_str(req, "behalf"), &g.for_user_id)) != E_OK))
		return e;
	if (store_delegation_add(c->db, &g, &id) != STORE_OK ||
	    audit_log(c, "document.delegate", s_str(req, "user"),
	              json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "capacity", g.capacity, "from", g.from,
	                        "to", g.to, "behalf", s_str(req, "behalf"))) != 0)
		return E_INTERNAL;
	*reply = json_pack("{s:I}", "id", (json_int_t)id);
	return E_OK;
}

proto_err_t srv_document_delegations(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *code = s_str(req, "agency");
	char path[512];
	int64_t id = c->unit_id;
	json_t *rows, *r;
	size_t i;

	if (*code && (org_unit(c->db, code, &id, path, sizeof path) != 0 || !(c->console || srv_in_scope(c, path)))) {
		snprintf(path, sizeof path, "Không có đơn vị mã %s", code);
		return s_fail(c, E_NOT_FOUND, "agency", path);
	}
	if (!(rows = store_delegation_list(c->db, id)))
		return E_INTERNAL;
	json_array_foreach(rows, i, r)
	{
		int k = s_cap(s_str(r, "capacity"));
		json_object_set_new(r, "revoked", json_boolean(json_integer_value(json_object_get(r, "revoked"))));
		json_object_set_new(r, "prefix", json_string(k >= 0 ? s_caps[k].prefix : ""));
	}
	*reply = json_pack("{s:o}", "delegations", rows);
	return E_OK;
}

proto_err_t srv_document_undelegate(srv_ctx_t *c, json_t *req, json_t **reply)
{
	int64_t id = json_integer_value(json_object_get(req, "id")), agency = 0;
	char path[512], ref[32];
	proto_err_t e;

	if (store_delegation_agency(c->db, id, &agency) != STORE_OK ||
	    store_unit_path(c->db, agency, path, sizeof path) != STORE_OK)
		return s_fail(c, E_NOT_FOUND, "id", "Không có ủy quyền này");
	if ((e = s_manage(c, agency, path)) != E_OK)
		return e;
	if (store_delegation_revoke(c->db, id, agency, c->now) != STORE_OK)
		return s_fail(c, E_NOT_FOUND, "id", "Ủy quyền này đã bị thu hồi");
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if (audit_log(c, "document.undelegate", ref, NULL) != 0)
		return E_INTERNAL;
	*reply = json_pack("{s:I}", "id", (json_int_t)id);
	return E_OK;
}

proto_err_t srv_document_check_form(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return draft_move(c, req, json_is_true(json_object_get(req, "reject")) ? "return" : "check_form", reply);
}
