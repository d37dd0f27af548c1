/* document_in.c — the incoming register (sổ văn bản đến): a clerk
 * registers a document that arrived (its arrival number from the yearly
 * series of the agency's register, a separate one for confidential
 * documents; a duplicate warned of first), and officials find them: one
 * document with its routing, tasks and history, the queues and the
 * register, the search without diacritics. Every selection runs with the
 * viewer's rights in the store's query (store/document.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "catalog.h"
#include "date.h"
#include "document.h"
#include "document_out.h"
#include "org.h"
#include "series.h"
#include "store/wflog.h"
#include "task.h"
#include "text.h"
#include "worktime.h"

static proto_err_t s_invalid(srv_ctx_t *c, const char *field, const char *detail)
{
	c->bad_field = field;
	snprintf(c->detail, sizeof c->detail, "%s", detail);
	return E_INVALID;
}

static const char *s_str(const json_t *req, const char *key)
{
	const char *s = json_string_value(json_object_get(req, key));
	return s ? s : "";
}

static bool s_blank(const char *s)
{
	return strspn(s, " ") == strlen(s);
}

/* "YYYY-MM-DD HH:MM" in the calendar's local time as an instant; -1 when
 * malformed. */
static int64_t s_instant(const char *s)
{
	struct tm tm = {0};
	int y, mo, d, h, mi;
	char date[11], rest[8];

	if (strlen(s) != 16 || s[10] != ' ')
		return -1;
	memcpy(date, s, 10);
	date[10] = 0;
	if (date_parse(date, &y, &mo, &d) != 0 || sscanf(s + 11, "%2d:%2d%7s", &h, &mi, rest) != 2 || h > 23 || mi > 59 ||
	    h < 0 || mi < 0)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm) - wt_utc_offset(catalog_calendar());
}

/* The agency whose register it goes into: c's unit, or the unit above it
 * (an office's clerk registers for the agency it serves). */
static proto_err_t s_agency(srv_ctx_t *c, const char *code, int64_t *id)
{
	char path[512];

	if (!*code) {
		*id = c->unit_id;
		return E_OK;
	}
	if (org_unit(c->db, code, id, path, sizeof path) != 0) {
		c->bad_field = "agency";
		snprintf(c->detail, sizeof c->detail, "Không có đơn vị mã %s", code);
		return E_NOT_FOUND;
	}
	if (draft_serves(c, *id, path))
		return E_OK;
	c->bad_field = "agency";
	snprintf(c->detail, sizeof c->detail, "Văn thư chỉ vào sổ văn bản đến của đơn vị mình hoặc cơ quan mình phục vụ");
	return E_OUT_OF_SCOPE;
}

/* The registration's fields into d, checked. */
static proto_err_t s_fields(srv_ctx_t *c, const json_t *req, document_t *d)
{
	const char *arrived = s_str(req, "arrived"), *urg = s_str(req, "urgency"), *sec = s_str(req, "secrecy");
	json_t *pages = json_object_get(req, "pages");
	int y, m, dd;

	snprintf(d->sender, sizeof d->sender, "%s", s_str(req, "sender"));
	snprintf(d->number, sizeof d->number, "%s", s_str(req, "number"));
	snprintf(d->doc_date, sizeof d->doc_date, "%s", s_str(req, "date"));
	snprintf(d->type, sizeof d->type, "%s", s_str(req, "type"));
	snprintf(d->summary, sizeof d->summary, "%s", s_str(req, "summary"));
	snprintf(d->urgency, sizeof d->urgency, "%s", urg);
	snprintf(d->secrecy, sizeof d->secrecy, "%s", sec);
	if (s_blank(d->sender))
		return s_invalid(c, "sender", "Cần cơ quan gửi văn bản");
	if (s_blank(d->number))
		return s_invalid(c, "number", "Cần số, ký hiệu văn bản (ví dụ 05/UBND-VP)");
	if (date_parse(d->doc_date, &y, &m, &dd) != 0)
		return s_invalid(c, "date", "Ngày văn bản không hợp lệ (cần YYYY-MM-DD)");
	if (!document_type_name(d->type))
		return s_invalid(c, "type", "Loại văn bản không có trong danh mục (forms/documents/types.yaml)");
	if (s_blank(d->summary))
		return s_invalid(c, "summary", "Cần trích yếu nội dung");
	if (*urg && !document_urgency_name(urg))
		return s_invalid(c, "urgency", "Độ khẩn phải là khan, thuong_khan hoặc hoa_toc");
	if (*sec && !document_secrecy_name(sec))
		return s_invalid(c, "secrecy", "Độ mật phải là mat, toi_mat hoặc tuyet_mat");
	d->pages = pages ? json_integer_value(pages) : 1;
	if (d->pages < 1)
		return s_invalid(c, "pages", "Số trang ít nhất là 1");
	d->arrived = *arrived ? s_instant(arrived) : c->now;
	if (d->arrived < 0)
		return s_invalid(c, "arrived", "Thời điểm đến không hợp lệ (cần YYYY-MM-DD HH:MM)");
	if (d->arrived > c->now)
		return s_invalid(c, "arrived", "Thời điểm đến không được sau lúc vào sổ");
	return E_OK;
}

/* The duplicate key (folded sender | number | year of the document) and
 * the search text (number, sender, summary) into d. -1 on bad text. */
static int s_fold(document_t *d)
{
	char *sender = text_fold(d->sender, strlen(d->sender)), *number = text_fold(d->number, strlen(d->number));
	char *summary = text_fold(d->summary, strlen(d->summary));
	int rc = sender && number && summary ? 0 : -1;

	if (rc == 0) {
		snprintf(d->dup_key, sizeof d->dup_key, "%s|%s|%.4s", sender, number, d->doc_date);
		snprintf(d->folded, sizeof d->folded, "%s %s %s", number, sender, summary);
	}
	free(sender);
	free(number);
	free(summary);
	return rc;
}

/* Number d in its register: the arrival number of the agency's yearly
 * series (confidential: its own), and the document's code. */
static int s_number(srv_ctx_t *c, document_t *d)
{
	int64_t code_no;

	series_period(c->now, wt_utc_offset(catalog_calendar()), SERIES_YEAR, d->year, sizeof d->year);
	snprintf(d->reg, sizeof d->reg, "%s", *d->secrecy ? "in.secret" : "in");
	if (series_next(c->db, *d->secrecy ? "document.in.secret" : "document.in", d->agency_id, d->year,
	                &d->arrival_no) != 0 ||
	    series_next(c->db, "document.code", 0, d->year, &code_no) != 0)
		return -1;
	snprintf(d->code, sizeof d->code, DOCUMENT_CODE_PREFIX "%s-%05lld", d->year, (long long)code_no);
	return 0;
}

/* The readers of confidential document d: the registering clerk and the
 * officials `readers` names. */
static proto_err_t s_readers(srv_ctx_t *c, const document_t *d, const json_t *readers)
{
	size_t i;
	json_t *x;

	if (c->user_id && store_document_reader_add(c->db, d->id, c->user_id) != STORE_OK)
		return E_INTERNAL;
	json_array_foreach(readers, i, x)
	{
		int64_t uid = 0, unit = 0;
		bool disabled = false;
		if (store_task_person(c->db, json_string_value(x), &uid, &unit, &disabled) != STORE_OK || disabled) {
			c->bad_field = "readers";
			snprintf(c->detail, sizeof c->detail, "Không có cán bộ %s (hoặc đã bị khóa)", json_string_value(x));
			return E_NOT_FOUND;
		}
		if (store_document_reader_add(c->db, d->id, uid) != STORE_OK)
			return E_INTERNAL;
	}
	return E_OK;
}

proto_err_t srv_document_register(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const wf_def_t *w = document_in_workflow();
	document_t d = {0};
	json_t *dups, *readers = json_object_get(req, "readers");
	store_document_viewer_t who = document_viewer(c);
	proto_err_t e;
	int64_t id;

	if (!c->console && !(c->roles & ROLE_CLERK)) {
		snprintf(c->detail, sizeof c->detail, "Chỉ văn thư được vào sổ văn bản đến");
		return E_NOT_ALLOWED;
	}
	if (!w)
		return E_INTERNAL;
	if ((e = s_agency(c, s_str(req, "agency"), &d.agency_id)) != E_OK || (e = s_fields(c, req, &d)) != E_OK)
		return e;
	if (!*d.secrecy && json_array_size(readers))
		return s_invalid(c, "readers", "Chỉ văn bản mật mới giới hạn người đọc");
	if (s_fold(&d) != 0)
		return E_INVALID;
	dups = store_document_dups(c->db, &who, d.dup_key, 0);
	if (json_array_size(dups) && !json_is_true(json_object_get(req, "force"))) {
		c->bad_field = "force";
		snprintf(c->detail, sizeof c->detail,
		         "Có thể trùng văn bản đã vào sổ (cùng nơi gửi, số ký hiệu, năm): %s. Kiểm tra lại; vẫn vào sổ "
		         "thì chọn --force",
		         json_string_value(json_array_get(dups, 0)));
		json_decref(dups);
		return E_EXISTS;
	}
	d.registrar_id = c->user_id;
	d.registrar_unit = c->console ? d.agency_id : c->unit_id;
	d.registered = c->now;
	snprintf(d.state, sizeof d.state, "%s", w->initial);
	e = E_INTERNAL;
	if (s_number(c, &d) == 0 && store_document_insert(c->db, &d, w->version, &id) == STORE_OK) {
		d.id = id;
		e = *d.secrecy ? s_readers(c, &d, readers) : E_OK;
	}
	if (e == E_OK &&
	    (wf_log_create(c, &document_kind,
	                   &(store_wflog_t){.object = id, .to_state = w->initial, .to_step = -1, .note = ""}) != 0 ||
	     audit_log(c, "document.register", d.code,
	               json_pack("{s:s, s:I, s:s, s:s, s:b}", "register", d.reg, "arrival_no", (json_int_t)d.arrival_no,
	                         "year", d.year, "urgency", d.urgency, "duplicate", json_array_size(dups) > 0)) != 0 ||
	     document_changed(c, id, "register") != 0))
		e = E_INTERNAL;
	json_decref(dups);
	if (e != E_OK)
		return e;
	if (document_load(c->db, NULL, id, &d) != 0)
		return E_INTERNAL;
	*reply = document_card(c, &d);
	document_clear(&d);
	return E_OK;
}

/* --- finding --- */

/* The lead task's progress on the card: its code, state and percent (the
 * follow-up register reads them here). */
static void s_progress(srv_ctx_t *c, const document_t *d, json_t *card)
{
	size_t i;
	json_t *u;

	json_array_foreach(d->units, i, u)
	{
		task_t t;
		const char *code = json_string_value(json_object_get(u, "task"));
		if (!code || strcmp(json_string_value(json_object_get(u, "role")), "lead") != 0 ||
		    task_load(c->db, code, 0, &t) != 0)
			continue;
		json_object_set_new(card, "task", json_pack("{s:s, s:s, s:s, s:i, s:b}", "code", t.code, "state", t.state,
		                                            "state_name", wf_state_name(task_workflow(), t.state),
		                                            "percent", t.percent, "overdue",
		                                            !t.finished && !t.done_at && c->now > t.deadline));
		task_clear(&t);
	}
}

/* The cards of the codes, each loaded again and checked (the store's
 * selection has the rights in it; this is the handler's own check). */
static json_t *s_cards(srv_ctx_t *c, const json_t *codes)
{
	json_t *out = json_array(), *x;
	size_t i;

	json_array_foreach(codes, i, x)
	{
		document_t d;
		if (document_load(c->db, json_string_value(x), 0, &d) != 0)
			continue;
		if (document_visible(c, &d)) {
			json_t *card = document_card(c, &d);
			s_progress(c, &d, card);
			json_array_append_new(out, card);
		}
		document_clear(&d);
	}
	return out;
}

static proto_err_t s_found(srv_ctx_t *c, const store_document_filter_t *f, json_t **reply)
{
	int64_t total = 0;
	json_t *codes = store_document_find(c->db, f, &total);

	if (!codes)
		return E_INTERNAL;
	*reply = json_pack("{s:o, s:I}", "documents", s_cards(c, codes), "total", (json_int_t)total);
	json_decref(codes);
	return E_OK;
}

static const struct {
	const char *name;
	store_document_queue_t q;
} s_queues[] = {{"all", STORE_DOC_ALL},
                {"directive", STORE_DOC_DIRECTIVE},
                {"unit", STORE_DOC_UNIT},
                {"overdue", STORE_DOC_OVERDUE},
                {"followup", STORE_DOC_FOLLOWUP}};

proto_err_t srv_document_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *queue = s_str(req, "queue"), *reg = s_str(req, "register"), *unit = s_str(req, "unit");
	json_t *limit = json_object_get(req, "limit");
	store_document_filter_t f = {.who = document_viewer(c),
	                             .unit = c->unit_id,
	                             .now = c->now,
	                             .reg = reg,
	                             .year = s_str(req, "year"),
	                             .limit = limit ? json_integer_value(limit) : 100,
	                             .offset = json_integer_value(json_object_get(req, "offset"))};
	size_t i;
	char path[512];
	proto_err_t e;

	for (i = 0; *queue && i < sizeof s_queues / sizeof *s_queues && strcmp(s_queues[i].name, queue); i++)
		;
	if (i == sizeof s_queues / sizeof *s_queues)
		return s_invalid(c, "queue", "Hàng đợi phải là all, directive, unit, overdue hoặc followup");
	f.queue = *queue ? s_queues[i].q : STORE_DOC_ALL;
	if (*reg && strcmp(reg, "in") && strcmp(reg, "in.secret"))
		return s_invalid(c, "register", "Sổ phải là in (văn bản đến) hoặc in.secret (văn bản mật đến)");
	if (*unit && (e = task_unit(c, unit, "unit", &f.unit, path, sizeof path)) != E_OK)
		return e;
	return s_found(c, &f, reply);
}

proto_err_t srv_document_search(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *text = s_str(req, "text");
	json_t *limit = json_object_get(req, "limit");
	char *folded = text_fold(text, strlen(text)), *p, *save = NULL;
	store_document_filter_t f = {.who = document_viewer(c),
	                             .queue = STORE_DOC_ALL,
	                             .now = c->now,
	                             .limit = limit ? json_integer_value(limit) : 50};
	int n = 0;
	proto_err_t e;

	if (!folded)
		return s_invalid(c, "text", "Nội dung tìm không hợp lệ");
	for (p = strtok_r(folded, " ", &save); p && n < STORE_DOC_WORDS; p = strtok_r(NULL, " ", &save))
		f.words[n++] = p;
	e = n ? s_found(c, &f, reply) : s_invalid(c, "text", "Cần từ cần tìm");
	free(folded);
	return e;
}

proto_err_t srv_document_show(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const wf_def_t *w = document_in_workflow();
	wf_inst_t in = {0};
	document_t d;
	proto_err_t e = document_load_visible(c, req, &d);
	json_t *units;
	size_t i;
	json_t *u;

	if (e != E_OK)
		return e;
	if (!w) {
		document_clear(&d);
		return E_INTERNAL;
	}
	in.state = d.state;
	in.version = d.version;
	*reply = document_card(c, &d);
	units = json_array();
	json_array_foreach(d.units, i, u) json_array_append_new(
	    units, json_pack("{s:O, s:O, s:O, s:O}", "unit", json_object_get(u, "code"), "name", json_object_get(u, "name"),
	                     "role", json_object_get(u, "role"), "task", json_object_get(u, "task")));
	json_object_set_new(*reply, "units", units);
	s_progress(c, &d, *reply);
	json_object_set_new(*reply, "actions", wf_actions(c, &document_kind, w, &in, &d));
	json_object_set_new(*reply, "history", wf_timeline(c, &document_kind, w, d.id, 0, -1, NULL, NULL));
	document_clear(&d);
	return E_OK;
}
