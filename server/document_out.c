/* document_out.c — the outgoing draft as every outgoing module shares it:
 * loading, who may see it, its card, the document.changed event, the
 * content hash, and the document_out kind for the workflow engine (the
 * `by` rules and the effects of forms/workflows/document_out.yaml: a
 * revision kept, the review, the approval and the issue that numbers it). */
#include "document_out.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "document.h"
#include "document_recall.h"
#include "push.h"

/* --- loading, who --- */

int draft_load(store_t *db, const char *code, int64_t id, draft_t *d)
{
	return store_draft_get(db, code, id, d) == STORE_OK ? 0 : -1;
}

void draft_clear(draft_t *d)
{
	store_draft_clear(d);
}

static bool s_leads(const srv_ctx_t *c, int64_t unit)
{
	return c->unit_id == unit && (c->roles & ROLE_LEADER);
}

bool draft_visible(const srv_ctx_t *c, const draft_t *d)
{
	int64_t u = c->user_id;

	bool issuer = (c->roles & ROLE_CLERK) && draft_serves(c, d->agency_id, d->agency_path);

	if (*d->secrecy) /* the officials on it, and who may move it now */
		return (u && (u == d->drafter_id || u == d->signer_id || u == d->reviewer_id || u == d->approver_id ||
		              u == d->issuer_id)) ||
		       (!strcmp(d->state, "draft") && s_leads(c, d->unit_id)) ||
		       (!strcmp(d->state, "reviewed") && !d->signer_id && s_leads(c, d->agency_id)) ||
		       (!strcmp(d->state, "reviewed") && !d->signer_id && draft_delegated(c, d)) ||
		       (!strcmp(d->state, "reviewed") && draft_may_check_form(c, d)) ||
		       (!strcmp(d->state, "approved") && issuer) || (d->issued && draft_delivered_to(c, d));
	return c->console || (u && u == d->drafter_id) || issuer || srv_in_scope(c, d->agency_path) ||
	       srv_in_scope(c, d->unit_path) || (d->issued && draft_delivered_to(c, d)) ||
	       (!strcmp(d->state, "reviewed") && !d->signer_id && draft_delegated(c, d));
}

proto_err_t draft_load_visible(srv_ctx_t *c, const json_t *req, draft_t *d)
{
	const char *code = json_string_value(json_object_get(req, "code"));

	if (draft_load(c->db, code ? code : "", 0, d) != 0 || !draft_visible(c, d)) {
		draft_clear(d);
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "Không có dự thảo mã %s", code ? code : "");
		return E_NOT_FOUND;
	}
	return E_OK;
}

bool draft_for(const srv_ctx_t *c, int64_t agency_id, const char *agency_path)
{
	size_t n = strlen(agency_path);
	const char *rest = c->unit_path + n, *slash;

	if (c->unit_id == agency_id)
		return true;
	if (strncmp(c->unit_path, agency_path, n) != 0 || !(slash = strchr(rest, '/')))
		return false;
	return slash[1] == 0 && slash > rest;
}

bool draft_serves(const srv_ctx_t *c, int64_t agency_id, const char *agency_path)
{
	/* the agency's office, not any unit under it (a city's clerk keeps
	 * the city's registers, not the province's) */
	return draft_for(c, agency_id, agency_path) && (c->unit_id == agency_id || c->unit_office);
}

const wf_def_t *draft_workflow(void)
{
	return forms_workflow(catalog_forms(), DOCUMENT_OUT_WORKFLOW);
}

void draft_hash(const char *text, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

/* --- the rules --- */

/* by: drafter — who drafted it, or the head of the drafting unit. */
static bool s_may_drafter(const srv_ctx_t *c, const void *obj)
{
	const draft_t *d = obj;
	return (c->user_id && c->user_id == d->drafter_id) || s_leads(c, d->unit_id);
}

/* by: unit_head — a leader of the drafting unit. */
static bool s_may_unit_head(const srv_ctx_t *c, const void *obj)
{
	return s_leads(c, ((const draft_t *)obj)->unit_id);
}

/* by: signer — the signer named, else a leader of the issuing agency or
 * an official it delegated signing to (document_capacity.c). */
static bool s_may_signer(const srv_ctx_t *c, const void *obj)
{
	const draft_t *d = obj;
	return d->signer_id ? c->user_id == d->signer_id : s_leads(c, d->agency_id) || draft_delegated(c, d);
}

/* by: returner — the unit's head or the signer; the form's checker while
 * it waits for the signature. */
static bool s_may_returner(const srv_ctx_t *c, const void *obj)
{
	return s_may_unit_head(c, obj) || s_may_signer(c, obj) ||
	       (!strcmp(((const draft_t *)obj)->state, "reviewed") && draft_may_check_form(c, obj));
}

/* by: issuer — a clerk of the agency, or of the office serving it. */
static bool s_may_issuer(const srv_ctx_t *c, const void *obj)
{
	const draft_t *d = obj;
	return (c->roles & ROLE_CLERK) && draft_serves(c, d->agency_id, d->agency_path);
}

/* by: form_checker — who checks the agency's form (document_capacity.c). */
static bool s_may_form_checker(const srv_ctx_t *c, const void *obj)
{
	return draft_may_check_form(c, obj);
}

static const char *s_path(const void *obj)
{
	return ((const draft_t *)obj)->agency_path;
}

/* --- effects --- */

/* A new revision of the text, kept with its author, time and note. */
static proto_err_t s_revise(srv_ctx_t *c, void *obj, const json_t *req)
{
	draft_t *d = obj;
	const char *body = json_string_value(json_object_get(req, "body"));
	const char *note = json_string_value(json_object_get(req, "note"));
	char hex[65];

	draft_hash(body, hex);
	d->revision++;
	if (store_draft_revision_add(c->db, d->id, d->revision, c->user_id, c->now, body, hex, note) != STORE_OK)
		return E_INTERNAL;
	snprintf(d->hash, sizeof d->hash, "%s", hex);
	return E_OK;
}

/* The review, signed by the reviewer. */
static proto_err_t s_review(srv_ctx_t *c, void *obj, const json_t *req)
{
	draft_t *d = obj;
	d->reviewer_id = c->user_id;
	d->reviewed = c->now;
	return draft_sign(c, d, "review", req);
}

/* The approval, signed by the signer. */
static proto_err_t s_approve(srv_ctx_t *c, void *obj, const json_t *req)
{
	draft_t *d = obj;
	proto_err_t e = draft_capacity_approve(c, d, req);

	if (e != E_OK)
		return e;
	d->approver_id = c->user_id;
	d->approved = c->now;
	return draft_sign(c, d, "approve", req);
}

/* The issue: the number and notation of the agency's series of the year,
 * drawn in this transaction; the signatures kept still good over the text
 * as it is; the clerk's signature over the document with that number —
 * signed for another (taken meanwhile by another issue), it is refused as
 * a conflict and the number goes back. */
static proto_err_t s_issue(srv_ctx_t *c, void *obj, const json_t *req)
{
	draft_t *d = obj;
	json_t *signed_no = json_object_get(req, "number");
	proto_err_t e;

	d->issuer_id = c->user_id;
	d->issued = c->now;
	if ((e = draft_number(c, d)) != E_OK || (e = draft_signatures_check(c, d)) != E_OK)
		return e;
	if (signed_no && json_integer_value(signed_no) != d->number) {
		c->bad_field = "number";
		snprintf(c->detail, sizeof c->detail, "Số %lld đã được cấp cho văn bản khác; số sẽ cấp là %lld, hãy ký lại",
		         (long long)json_integer_value(signed_no), (long long)d->number);
		return E_CONFLICT;
	}
	return draft_sign(c, d, "issue", req);
}

/* The form's check of the revision to be signed (document_capacity.c). */
static proto_err_t s_check_form(srv_ctx_t *c, void *obj, const json_t *req)
{
	(void)req;
	return draft_check_form(c, obj);
}

static const wf_effect_t s_effects[] = {
    {"revise", s_revise}, {"review", s_review}, {"approve", s_approve}, {"issue", s_issue},
    {"check_form", s_check_form}, {NULL, NULL},
};

static const wf_require_t s_requires[] = {
    {"body", "nội dung văn bản"},
    {"note", "ý kiến, lý do trả lại"},
    {NULL, NULL},
};

/* --- how wf_apply reaches a draft --- */


/* Never graded: no state runs a clock. */
static bool s_grade_ref(const void *obj, int64_t now, int64_t *done, int64_t *due, bool *late)
{
	(void)obj;
	*done = *due = now;
	*late = false;
	return false;
}

static void s_finish(void *obj, int64_t now, const char *grade)
{
	draft_t *d = obj;

	d->finished = now;
	snprintf(d->grade, sizeof d->grade, "%s", grade ? grade : "");
}

static proto_err_t s_save(srv_ctx_t *c, void *obj, const void *was)
{
	store_rc_t rc = store_draft_save(c->db, obj);

	(void)was;
	return rc == STORE_OK ? E_OK : rc == STORE_STALE ? E_CONFLICT : E_INTERNAL;
}

/* The audit row: the move, the revision and its hash, the number given. */
static json_t *s_audit(const void *obj, const char *action, const char *note)
{
	const draft_t *d = obj;
	return json_pack("{s:s, s:s, s:s?, s:I, s:s, s:s}", "action", action, "state", d->state, "note", note,
	                 "revision", (json_int_t)d->revision, "hash", d->hash, "notation", d->notation);
}

static int s_after(srv_ctx_t *c, void *obj, const wf_def_t *w, const char *action)
{
	(void)w;
	return draft_changed(c, ((draft_t *)obj)->id, action);
}

static const wf_apply_ops_t s_ops = {
    .at = WF_LAYOUT(draft_t),
    .grade_ref = s_grade_ref,
    .finish = s_finish,
    .save = s_save,
    .audit = s_audit,
    .after = s_after,
    .size = sizeof(draft_t),
};

/* In the order of draft_by_t. */
static const wf_rule_t s_rules[] = {
    [DRAFT_BY_DRAFTER] = {"drafter", s_may_drafter, "người soạn thảo, lãnh đạo đơn vị soạn thảo"},
    [DRAFT_BY_UNIT_HEAD] = {"unit_head", s_may_unit_head, "lãnh đạo đơn vị soạn thảo"},
    [DRAFT_BY_SIGNER] = {"signer", s_may_signer, "người ký"},
    [DRAFT_BY_RETURNER] = {"returner", s_may_returner, "lãnh đạo đơn vị soạn thảo, người ký hoặc người kiểm tra thể thức"},
    [DRAFT_BY_ISSUER] = {"issuer", s_may_issuer, "văn thư cơ quan ban hành"},
    [DRAFT_BY_FORM_CHECKER] = {"form_checker", s_may_form_checker,
                               "người được giao kiểm tra thể thức, hoặc văn thư cơ quan ban hành"},
    [DRAFT_BY_RECALLER] = {"recaller", draft_may_recall, "lãnh đạo, văn thư cơ quan ban hành"},
    {NULL, NULL, NULL},
};

const wf_kind_t document_out_kind = {
    .name = "document_out",
    .noun = "văn bản đi",
    .Noun = "Văn bản đi",
    .rules = s_rules,
    .path = s_path,
    .effects = s_effects,
    .requires = s_requires,
    .create_action = "draft",
    .create_label = "Dự thảo văn bản đi",
    .ops = &s_ops,
};

/* --- the card, the event --- */

static json_t *s_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *draft_card(srv_ctx_t *c, const draft_t *d)
{
	const wf_def_t *w = draft_workflow();
	char issued[32];

	(void)c;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:b, s:s, s:s, s:I, s:s, s:o, "
	                 "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
	                 "code", d->code, "agency", d->agency_code, "agency_name", d->agency_name, "unit", d->unit_code,
	                 "unit_name", d->unit_name, "drafter", d->drafter, "drafter_name", d->drafter_name, "type",
	                 d->type, "type_name", s_str_or_null(document_type_name(d->type)), "summary", d->summary,
	                 "urgency", s_str_or_null(d->urgency), "secrecy", s_str_or_null(d->secrecy), "normative",
	                 d->normative, "state", d->state, "state_name", w ? wf_state_name(w, d->state) : d->state,
	                 "revision", (json_int_t)d->revision, "hash", d->hash, "signer", s_str_or_null(d->signer),
	                 "reviewer", s_str_or_null(d->reviewer), "approver", s_str_or_null(d->approver),
	                 "approver_name", s_str_or_null(d->approver_name), "issuer", s_str_or_null(d->issuer),
	                 "issued", d->issued ? json_string(wf_time(d->issued, issued, sizeof issued)) : json_null(),
	                 "year", s_str_or_null(d->year), "number",
	                 d->number ? json_integer(d->number) : json_null(), "notation", s_str_or_null(d->notation),
	                 "series", s_str_or_null(d->series), "version", (json_int_t)d->version);
}

int draft_changed(srv_ctx_t *c, int64_t id, const char *action)
{
	draft_t d;
	json_t *body;

	if (draft_load(c->db, NULL, id, &d) != 0)
		return -1;
	body = json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", d.code, "action", action, "state", d.state, "urgency",
	                 d.urgency, "secret", *d.secrecy != 0);
	if (*d.secrecy) { /* only the officials on it, by name */
		int64_t who[] = {d.drafter_id, d.signer_id, d.reviewer_id, d.approver_id, d.issuer_id};
		for (size_t i = 0; i < sizeof who / sizeof *who; i++)
			if (who[i])
				srv_event(c, EV_document_changed, json_deep_copy(body), NULL, who[i]);
		json_decref(body);
	} else
		push_event_scopes(c, EV_document_changed, body, json_pack("[s, s]", d.agency_path, d.unit_path));
	draft_clear(&d);
	return 0;
}
