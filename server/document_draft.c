/* document_draft.c — outgoing documents' requests: a new draft or a
 * revision of one (each revision kept), the review by the drafting unit's
 * head, the signer's approval, the clerk's issue that numbers it, one
 * draft with its text, revisions and history, and the queues and the
 * outgoing register. Every move goes through wf_plan and wf_apply on
 * forms/workflows/document_out.yaml. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "document.h"
#include "document_out.h"
#include "document_recall.h"
#include "org.h"
#include "series.h"
#include "store/task.h"
#include "store/wflog.h"
#include "text.h"
#include "worktime.h"

static const char *s_str(const json_t *req, const char *key)
{
	const char *s = json_string_value(json_object_get(req, key));
	return s ? s : "";
}

static proto_err_t s_invalid(srv_ctx_t *c, const char *field, const char *detail)
{
	c->bad_field = field;
	snprintf(c->detail, sizeof c->detail, "%s", detail);
	return E_INVALID;
}

proto_err_t draft_move(srv_ctx_t *c, const json_t *req, const char *action, json_t **reply)
{
	const wf_def_t *w = draft_workflow();
	wf_inst_t in = {0};
	wf_move_t m;
	draft_t d;
	proto_err_t e = draft_load_visible(c, req, &d);

	if (e != E_OK)
		return e;
	in.state = d.state;
	in.version = d.version;
	e = w ? wf_plan(c, &document_out_kind, w, &in, &d, action, req, &m) : E_INTERNAL;
	if (e == E_CONFLICT)
		c->err_extra = json_pack("{s:o}", "current", draft_card(c, &d));
	if (e == E_OK)
		e = wf_apply(c, &document_out_kind, w, &d, &m, action, req);
	if (e == E_OK) {
		int64_t id = d.id;
		draft_clear(&d);
		if (draft_load(c->db, NULL, id, &d) != 0)
			return E_INTERNAL;
		*reply = draft_card(c, &d);
	}
	draft_clear(&d);
	return e;
}

/* The issuing agency: c's unit, or the agency its unit serves. */
static proto_err_t s_agency(srv_ctx_t *c, const char *code, int64_t *id)
{
	char path[512];

	if (!*code) {
		*id = c->unit_id;
		return E_OK;
	}
	c->bad_field = "agency";
	if (org_unit(c->db, code, id, path, sizeof path) != 0) {
		snprintf(c->detail, sizeof c->detail, "Không có đơn vị mã %s", code);
		return E_NOT_FOUND;
	}
	if (!draft_for(c, *id, path)) {
		snprintf(c->detail, sizeof c->detail, "Chỉ dự thảo văn bản của đơn vị mình hoặc cơ quan mình phục vụ");
		return E_OUT_OF_SCOPE;
	}
	c->bad_field = NULL;
	return E_OK;
}

/* The new draft's fields into d, checked. */
static proto_err_t s_fields(srv_ctx_t *c, const json_t *req, draft_t *d)
{
	const char *urg = s_str(req, "urgency"), *sec = s_str(req, "secrecy"), *signer = s_str(req, "signer");
	proto_err_t e;

	snprintf(d->type, sizeof d->type, "%s", s_str(req, "type"));
	snprintf(d->summary, sizeof d->summary, "%s", s_str(req, "summary"));
	snprintf(d->urgency, sizeof d->urgency, "%s", urg);
	snprintf(d->secrecy, sizeof d->secrecy, "%s", sec);
	d->normative = json_is_true(json_object_get(req, "normative"));
	if (!document_type_name(d->type))
		return s_invalid(c, "type", "Loại văn bản không có trong danh mục (forms/documents/types.yaml)");
	if (strspn(d->summary, " ") == strlen(d->summary))
		return s_invalid(c, "summary", "Cần trích yếu nội dung");
	if (*urg && !document_urgency_name(urg))
		return s_invalid(c, "urgency", "Độ khẩn phải là khan, thuong_khan hoặc hoa_toc");
	if (*sec && !document_secrecy_name(sec))
		return s_invalid(c, "secrecy", "Độ mật phải là mat, toi_mat hoặc tuyet_mat");
	if (d->normative && !*document_type_abbr(d->type))
		return s_invalid(c, "normative", "Công văn không phải văn bản quy phạm pháp luật");
	if ((e = s_agency(c, s_str(req, "agency"), &d->agency_id)) != E_OK)
		return e;
	if (*signer) {
		int64_t unit = 0;
		bool disabled = false;
		if (store_task_person(c->db, signer, &d->signer_id, &unit, &disabled) != STORE_OK || disabled) {
			c->bad_field = "signer";
			snprintf(c->detail, sizeof c->detail, "Không có cán bộ %s (hoặc đã bị khóa)", signer);
			return E_NOT_FOUND;
		}
		if (unit != d->agency_id)
			return s_invalid(c, "signer", "Người ký phải là cán bộ của cơ quan ban hành");
	}
	return E_OK;
}

/* A new draft: revision 1 of its text, in its workflow's first state. */
static proto_err_t s_create(srv_ctx_t *c, const json_t *req, json_t **reply)
{
	const wf_def_t *w = draft_workflow();
	const char *body = s_str(req, "body");
	draft_t d = {0};
	char year[16], hex[65];
	int64_t n, id;
	json_t *link = NULL; /* the document it corrects or replaces (document_recall.c) */
	proto_err_t e;

	if (!c->console && !(c->roles & (ROLE_SPECIALIST | ROLE_LEADER | ROLE_CLERK))) {
		snprintf(c->detail, sizeof c->detail, "Chỉ chuyên viên, lãnh đạo, văn thư được dự thảo văn bản");
		return E_NOT_ALLOWED;
	}
	if (!w)
		return E_INTERNAL;
	if (!*body)
		return s_invalid(c, "body", "Cần nội dung văn bản");
	if ((e = s_fields(c, req, &d)) != E_OK || (e = draft_link_check(c, req, &d, &link)) != E_OK)
		return e;
	d.unit_id = c->console ? d.agency_id : c->unit_id;
	d.drafter_id = c->user_id;
	d.created = c->now;
	snprintf(d.state, sizeof d.state, "%s", w->initial);
	series_period(c->now, wt_utc_offset(catalog_calendar()), SERIES_YEAR, year, sizeof year);
	if (series_next(c->db, "document.draft", 0, year, &n) != 0) {
		json_decref(link);
		return E_INTERNAL;
	}
	snprintf(d.code, sizeof d.code, DRAFT_CODE_PREFIX "%s-%05lld", year, (long long)n);
	draft_hash(body, hex);
	if (store_draft_insert(c->db, &d, w->version, &id) != STORE_OK ||
	    store_draft_revision_add(c->db, id, 1, c->user_id, c->now, body, hex, s_str(req, "note")) != STORE_OK ||
	    wf_log_create(c, &document_out_kind,
	                  &(store_wflog_t){
	                      .object = id, .to_state = w->initial, .to_step = -1, .note = "", .extra = link}) != 0 ||
	    audit_log(c, "document.draft", d.code,
	              json_pack("{s:s, s:s, s:b, s:i, s:s}", "type", d.type, "secrecy", d.secrecy, "normative",
	                        d.normative, "revision", 1, "hash", hex)) != 0 ||
	    draft_changed(c, id, "draft") != 0) {
		json_decref(link);
		return E_INTERNAL;
	}
	json_decref(link);
	if (draft_load(c->db, NULL, id, &d) != 0)
		return E_INTERNAL;
	*reply = draft_card(c, &d);
	draft_clear(&d);
	return E_OK;
}

proto_err_t srv_document_draft(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return *s_str(req, "code") ? draft_move(c, req, "revise", reply) : s_create(c, req, reply);
}

/* review and approve: forward, or back to the drafter with a note. */
static proto_err_t s_decide(srv_ctx_t *c, json_t *req, const char *action, json_t **reply)
{
	return draft_move(c, req, json_is_true(json_object_get(req, "reject")) ? "return" : action, reply);
}

proto_err_t srv_document_review(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_decide(c, req, "review", reply);
}

proto_err_t srv_document_approve(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_decide(c, req, "approve", reply);
}

proto_err_t srv_document_issue(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return draft_move(c, req, "issue", reply);
}

/* --- finding --- */

proto_err_t srv_document_view(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const wf_def_t *w = draft_workflow();
	wf_inst_t in = {0};
	draft_t d;
	json_t *rev = json_object_get(req, "revision"), *revs, *r;
	int64_t shown;
	char *body = NULL, at[32];
	size_t i;
	proto_err_t e = draft_load_visible(c, req, &d);

	if (e != E_OK)
		return e;
	shown = rev ? json_integer_value(rev) : d.revision;
	if (!w || (rev && store_draft_revision_body(c->db, d.id, shown, &body) != STORE_OK)) {
		draft_clear(&d);
		if (!w)
			return E_INTERNAL;
		c->bad_field = "revision";
		snprintf(c->detail, sizeof c->detail, "Dự thảo %s không có phiên bản %lld", d.code, (long long)shown);
		return E_NOT_FOUND;
	}
	in.state = d.state;
	in.version = d.version;
	revs = store_draft_revisions(c->db, d.id);
	json_array_foreach(revs, i, r) json_object_set_new(
	    r, "at", json_string(wf_time(json_integer_value(json_object_get(r, "at")), at, sizeof at)));
	*reply = draft_card(c, &d);
	if (!strcmp(d.state, "approved") && (c->roles & ROLE_CLERK) && draft_serves(c, d.agency_id, d.agency_path)) {
		draft_t n = d; /* the body stays d's */
		if (draft_number_next(c, &n) == E_OK)
			json_object_set_new(*reply, "next",
			                    json_pack("{s:I, s:s, s:s, s:s}", "number", (json_int_t)n.number, "notation",
			                              n.notation, "year", n.year, "series", n.series));
		c->bad_field = NULL;
		c->detail[0] = 0;
	}
	json_object_set_new(*reply, "deliveries", draft_deliveries(c, &d));
	json_object_set_new(*reply, "check", draft_check_card(c, &d));
	json_object_set_new(*reply, "recipients", draft_recipients(c, &d));
	json_object_set_new(*reply, "body", json_string(body ? body : d.body));
	json_object_set_new(*reply, "shown", json_integer(shown));
	json_object_set_new(*reply, "revisions", revs ? revs : json_array());
	json_object_set_new(*reply, "actions", wf_actions(c, &document_out_kind, w, &in, &d));
	json_object_set_new(*reply, "history", wf_timeline(c, &document_out_kind, w, d.id, 0, -1, NULL, NULL));
	draft_recall_view(c, &d, *reply); /* corrects, corrected_by, recall */
	free(body);
	draft_clear(&d);
	return E_OK;
}

static const struct {
	const char *name;
	store_draft_queue_t q;
} s_queues[] = {{"all", STORE_DRAFT_ALL},
                {"review", STORE_DRAFT_REVIEW},
                {"approve", STORE_DRAFT_APPROVE},
                {"issue", STORE_DRAFT_ISSUE},
                {"register", STORE_DRAFT_REGISTER}};

proto_err_t srv_document_outgoing(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *queue = s_str(req, "queue");
	json_t *limit = json_object_get(req, "limit"), *codes, *out, *x;
	store_draft_filter_t f = {.user_id = c->user_id,
	                          .path = c->console ? "/" : c->unit_path,
	                          .unit = c->unit_id,
	                          .year = s_str(req, "year"),
	                          .limit = limit ? json_integer_value(limit) : 100,
	                          .offset = json_integer_value(json_object_get(req, "offset"))};
	int64_t total = 0;
	size_t i;
	char at[32], today[16], *folded = NULL, *save = NULL, *w;

	for (i = 0; *queue && i < sizeof s_queues / sizeof *s_queues && strcmp(s_queues[i].name, queue); i++)
		;
	if (i == sizeof s_queues / sizeof *s_queues)
		return s_invalid(c, "queue", "Hàng đợi phải là all, review, approve, issue hoặc register");
	f.queue = *queue ? s_queues[i].q : STORE_DRAFT_ALL;
	snprintf(today, sizeof today, "%.10s", wf_time(c->now, at, sizeof at));
	f.today = today;
	/* the issue queue and the register: of the agency above too, which an
	 * office's clerk serves (checked again by the issuer rule) */
	if (!c->console) {
		const char *p = c->unit_path + strlen(c->unit_path);
		int seen = 0;
		while (p > c->unit_path && seen < 3)
			seen += *--p == '/';
		if (seen == 3)
			f.above = strtoll(p + 1, NULL, 10); /* "/1/4/": the id before the last */
		f.issuer = (c->roles & ROLE_CLERK) != 0;
		f.leader = (c->roles & ROLE_LEADER) != 0;
	}
	if (*s_str(req, "text")) { /* search: each word, without diacritics */
		if (!(folded = text_fold(s_str(req, "text"), strlen(s_str(req, "text")))))
			return s_invalid(c, "text", "Nội dung tìm không hợp lệ");
		for (w = strtok_r(folded, " ", &save), i = 0; w && i < STORE_DRAFT_WORDS; w = strtok_r(NULL, " ", &save))
			f.words[i++] = w;
	}
	codes = store_draft_find(c->db, &f, &total);
	free(folded);
	if (!codes)
		return E_INTERNAL;
	out = json_array();
	json_array_foreach(codes, i, x)
	{
		draft_t d;
		if (draft_load(c->db, json_string_value(x), 0, &d) != 0)
			continue;
		if (draft_visible(c, &d))
			json_array_append_new(out, draft_card(c, &d));
		draft_clear(&d);
	}
	json_decref(codes);
	*reply = json_pack("{s:o, s:I}", "documents", out, "total", (json_int_t)total);
	return E_OK;
}
