/* document_out_view.c — one outgoing draft as one scrolling page: what it
 * is (type, summary, agency, drafting unit, signer, state, the number and
 * notation once issued), what the official may do now (only what the
 * server allows), the text of the revision shown or a line diff of two
 * revisions, the revisions with who and when, the recipients and their
 * acknowledgements, and the history. a: a move — the review, the approval
 * and the issue are signed here with this device's key of the official
 * (client/document_sign.c, as `congvu document review|approve|issue`
 * does), the form's check (thể thức) is confirmed, a return asks for its
 * note, a revision for the new text; v: show
 * another revision; d: compare the one shown with another; r: the units
 * it is meant for, chosen by name; g: deliver an issued document to units
 * chosen by name, those chosen while drafting already marked. It reloads when the draft
 * changes (document.changed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document_out.h"
#include "document_sign.h"
#include "i18n.h"
#include "record_view.h"

#define REISSUE_TRIES 20 /* signing the issue again after another took the number */

typedef enum { ASK_VIEW, ASK_DIFF, ASK_UNITS } asking_t;

typedef struct {
	char code[32];
	json_t *d;           /* the last document.view reply */
	bool stale;          /* reload once the request in flight is answered */
	asking_t asking;     /* what the document.view in flight is for */
	long long shown;     /* the revision shown (0: the current one) */
	long long other;     /* the revision compared with the one shown (0: none) */
	json_t *other_body;  /* its text */
	char act[16];        /* the signed move waiting for a yes */
	char capacity[8];    /* the approval's capacity (tm, kt, q, tl, tuq; "": the agency's leader) */
	int reissue;         /* the issue signed again after a conflict */
	json_t *units;       /* deliver: the units to choose from */
	json_t *chosen;      /* deliver: codes chosen */
	bool planning;       /* choosing the recipients of a draft, not delivering */
	tui_lines_t page;
} view_t;

static void s_reload(tui_t *t, view_t *v)
{
	json_t *body = json_pack("{s:s}", "code", v->code);

	if (v->shown)
		json_object_set_new(body, "revision", json_integer(v->shown));
	v->asking = ASK_VIEW;
	tui_record_reload_body(t, v, &v->stale, MSG_document_view, body);
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	view_t *v = st;

	snprintf(v->code, sizeof v->code, "%s", (const char *)arg);
	s_reload(t, v);
}

static void s_leave(tui_t *t, void *st)
{
	view_t *v = st;

	(void)t;
	tui_lines_free(&v->page);
	json_decref(v->d);
	json_decref(v->other_body);
	json_decref(v->units);
	json_decref(v->chosen);
}

static const char *s_name(void *st)
{
	return ((view_t *)st)->code;
}

/* --- the page --- */

static void s_header(view_t *v)
{
	static const char *const labels[] = {N_("Mã dự thảo"), N_("Số, ký hiệu"), N_("Loại"),     N_("Trích yếu"),
	                                     N_("Ban hành"),   N_("Soạn thảo"),   N_("Trạng thái"), N_("Người ký"),
	                                     N_("Độ khẩn, mật"), N_("Phiên bản"), N_("Thể thức")};
	const json_t *d = v->d, *check = json_object_get(v->d, "check");
	int lw = tui_lines_label_width(labels, sizeof labels / sizeof labels[0]);
	char buf[1024];

	tui_lines_pair(&v->page, lw, _(labels[0]), v->code, A_BOLD);
	if (*tui_jstr(d, "notation")) {
		snprintf(buf, sizeof buf, _("%s, phát hành %s"), tui_jstr(d, "notation"), tui_jstr(d, "issued"));
		tui_lines_pair(&v->page, lw, _(labels[1]), buf, A_BOLD);
	}
	tui_lines_pair(&v->page, lw, _(labels[2]), tui_jstr(d, "type_name"), A_NORMAL);
	tui_lines_pair(&v->page, lw, _(labels[3]), tui_jstr(d, "summary"), A_BOLD);
	tui_lines_pair(&v->page, lw, _(labels[4]), tui_jstr(d, "agency_name"), A_NORMAL);
	snprintf(buf, sizeof buf, "%s — %s", tui_jstr(d, "unit_name"), tui_jstr(d, "drafter_name"));
	tui_lines_pair(&v->page, lw, _(labels[5]), buf, A_NORMAL);
	tui_lines_pair(&v->page, lw, _(labels[6]), tui_jstr(d, "state_name"), A_BOLD);
	snprintf(buf, sizeof buf, "%s%s%s", tui_jstr(check, "capacity_prefix"),
	         *tui_jstr(check, "capacity_prefix") ? " " : "",
	         *tui_jstr(d, "approver_name") ? tui_jstr(d, "approver_name") : tui_jstr(d, "signer"));
	if (*tui_jstr(d, "approver"))
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s", _(" (đã ký duyệt)"));
	tui_lines_pair(&v->page, lw, _(labels[7]), buf, A_NORMAL);
	if (json_integer_value(json_object_get(check, "form_revision")))
		snprintf(buf, sizeof buf, _("đã kiểm tra phiên bản %lld — %s, %s"),
		         (long long)json_integer_value(json_object_get(check, "form_revision")),
		         tui_jstr(check, "form_checker_name"), tui_jstr(check, "form_checked"));
	else
		snprintf(buf, sizeof buf, "%s", _("chưa kiểm tra"));
	tui_lines_pair(&v->page, lw, _(labels[10]), buf, A_NORMAL);
	if (*tui_jstr(d, "urgency") || *tui_jstr(d, "secrecy")) {
		snprintf(buf, sizeof buf, "%s %s", tui_jstr(d, "urgency"), tui_jstr(d, "secrecy"));
		tui_lines_pair(&v->page, lw, _(labels[8]), buf, A_BOLD);
	}
	snprintf(buf, sizeof buf, _("%lld (hiện hành), đang xem %lld"),
	         (long long)json_integer_value(json_object_get(d, "revision")),
	         (long long)json_integer_value(json_object_get(d, "shown")));
	tui_lines_pair(&v->page, lw, _(labels[9]), buf, A_NORMAL);
}

static void s_diff_line(void *ctx, tui_diff_op_t op, const char *line, size_t len)
{
	view_t *v = ctx;
	char buf[2048];

	snprintf(buf, sizeof buf, "%c %.*s", (char)op, (int)(len < 2000 ? len : 2000), line);
	tui_lines_text(&v->page, 1, op == DIFF_SAME ? A_NORMAL : op == DIFF_DEL ? tui_attr(TA_DIM) : A_BOLD, buf);
}

/* The text shown, or the diff of the older of the two against the newer. */
static void s_text(view_t *v)
{
	long long shown = json_integer_value(json_object_get(v->d, "shown"));
	char line[256];

	tui_lines_blank(&v->page);
	if (v->other && v->other_body) {
		bool older = v->other < shown;
		const char *a = older ? json_string_value(v->other_body) : tui_jstr(v->d, "body");
		const char *b = older ? tui_jstr(v->d, "body") : json_string_value(v->other_body);
		snprintf(line, sizeof line, _("So sánh phiên bản %lld → %lld (- bỏ, + thêm; d: thôi so sánh)"),
		         older ? v->other : shown, older ? shown : v->other);
		tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), line);
		tui_line_diff(a, b, s_diff_line, v);
		return;
	}
	snprintf(line, sizeof line, _("Nội dung (phiên bản %lld)"), shown);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), line);
	tui_lines_text(&v->page, 3, A_NORMAL, tui_jstr(v->d, "body"));
}

static void s_revisions(view_t *v)
{
	const json_t *r;
	char line[1024], at[64];
	size_t i;

	tui_lines_blank(&v->page);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Các phiên bản (v: xem, d: so sánh)"));
	json_array_foreach(json_object_get(v->d, "revisions"), i, r)
	{
		snprintf(line, sizeof line, "%3lld  %s  %s  %s", (long long)json_integer_value(json_object_get(r, "n")),
		         tui_date(tui_jstr(r, "at"), at, sizeof at), tui_jstr(r, "author_name"), tui_jstr(r, "note"));
		tui_lines_text(&v->page, 1, A_NORMAL, line);
	}
}

static void s_planned_lines(view_t *v)
{
	const json_t *r, *all = json_object_get(v->d, "recipients");
	size_t i;

	tui_lines_blank(&v->page);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Nơi nhận dự kiến (r: chọn)"));
	if (!json_array_size(all))
		tui_lines_text(&v->page, 3, tui_attr(TA_DIM), _("(chưa chọn)"));
	json_array_foreach(all, i, r) tui_lines_text(&v->page, 3, A_NORMAL, tui_jstr(r, "name"));
}

static void s_deliveries(view_t *v)
{
	const json_t *r, *all = json_object_get(v->d, "deliveries");
	char line[1024], at[64];
	size_t i;

	if (!json_array_size(all))
		return;
	tui_lines_blank(&v->page);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Nơi nhận"));
	json_array_foreach(all, i, r)
	{
		if (*tui_jstr(r, "received"))
			snprintf(line, sizeof line, _("%s — đã nhận %s"), tui_jstr(r, "name"),
			         tui_date(tui_jstr(r, "received"), at, sizeof at));
		else
			snprintf(line, sizeof line, _("%s — đã gửi, chưa nhận"), tui_jstr(r, "name"));
		tui_lines_text(&v->page, 3, A_NORMAL, line);
	}
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	view_t *v = st;
	const json_t *h;
	size_t i;

	(void)t;
	if (!v->d) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	tui_lines_reset(&v->page, getmaxx(w));
	s_header(v);
	tui_lines_blank(&v->page);
	tui_record_line(&v->page, v->d, _("Bạn không có thao tác nào trên văn bản này lúc này."));
	s_text(v);
	s_revisions(v);
	s_planned_lines(v);
	s_deliveries(v);
	tui_lines_blank(&v->page);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Diễn biến"));
	json_array_foreach(json_object_get(v->d, "history"), i, h) tui_record_move(&v->page, h);
	tui_lines_draw(&v->page, w);
}

/* --- the signed moves --- */

static proto_msg_t s_msg(const char *act)
{
	return !strcmp(act, "review")       ? MSG_document_review
	       : !strcmp(act, "approve")    ? MSG_document_approve
	       : !strcmp(act, "check_form") ? MSG_document_check_form
	                                    : MSG_document_issue;
}

/* Sign act over the draft as shown now and send it (the form's check goes
 * unsigned); false (said) when it cannot be signed here. */
static bool s_send_signed(tui_t *t, view_t *v, const char *act)
{
	proto_msg_t msg = s_msg(act);
	json_t *body = json_pack("{s:s, s:I}", "code", v->code, "version", json_integer_value(json_object_get(v->d, "version")));
	int rc;

	if (msg == MSG_document_approve && *v->capacity)
		json_object_set_new(body, "capacity", json_string(v->capacity));
	rc = msg == MSG_document_check_form ? DOCSIGN_OK : document_sign_body(tui_me_str(t, "username"), msg, v->d, body);

	if (rc != DOCSIGN_OK) {
		json_decref(body);
		tui_msg(t, true, "%s",
		        rc == DOCSIGN_EXPOSED ? _("Khóa ký số trên máy này có thể bị người khác đọc (cần chmod 600).")
		        : rc == DOCSIGN_NO_KEY ? _("Máy này chưa có khóa ký số của bạn: chạy congvu document key một lần.")
		                               : _("Không ký được văn bản."));
		return false;
	}
	if (!tui_request(t, v, msg, body)) {
		tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		return false;
	}
	return true;
}


static void s_capacity_picked(tui_t *t, void *owner, const json_t *r)
{
	view_t *v = owner;
	char q[512];

	snprintf(v->capacity, sizeof v->capacity, "%s", tui_jstr(r, "code"));
	snprintf(v->act, sizeof v->act, "approve");
	snprintf(q, sizeof q, _("Ký duyệt %s (%s), ký bằng khóa của bạn trên máy này?"), v->code, tui_jstr(r, "label"));
	tui_confirm(t, q);
}

/* The approval: in which capacity, then the question. */
static void s_capacity_choose(tui_t *t, view_t *v)
{
	/* the head in his own name, or a capacity a delegation gives (NĐ 30 Điều 13) */
	json_t *rows = json_pack("[{s:s, s:s}]", "code", "", "label", _("Lãnh đạo cơ quan, ký tên mình"));

	for (size_t i = 0; i < TUI_NCAPACITIES; i++)
		json_array_append_new(rows, json_pack("{s:s, s:s}", "code", tui_capacities[i].code, "label",
		                                      _(tui_capacities[i].label)));
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = _("Ký duyệt: thẩm quyền ký (theo ủy quyền)"),
	                           .rows = rows,
	                           .label = "label",
	                           .picked = s_capacity_picked,
	                           .owner = v});
	json_decref(rows);
}

static void s_action_picked(tui_t *t, void *owner, const json_t *a)
{
	view_t *v = owner;
	const char *act = tui_jstr(a, "action");
	char q[512];

	if (!strcmp(act, "revise")) {
		tui_document_out_revise(t, v->d);
		return;
	}
	if (!strcmp(act, "return")) {
		tui_document_out_return(t, v->d);
		return;
	}
	if (!strcmp(act, "approve")) {
		s_capacity_choose(t, v);
		return;
	}
	snprintf(v->act, sizeof v->act, "%s", act);
	if (!strcmp(act, "check_form"))
		snprintf(q, sizeof q, _("Thể thức, kỹ thuật trình bày của %s (phiên bản %lld) đã đúng, trình ký?"), v->code,
		         (long long)json_integer_value(json_object_get(v->d, "revision")));
	else if (!strcmp(act, "issue") && json_object_get(v->d, "next"))
		snprintf(q, sizeof q, _("Phát hành %s với số %s và ký bằng khóa của bạn?"), v->code,
		         tui_jstr(json_object_get(v->d, "next"), "notation"));
	else
		snprintf(q, sizeof q, _("%s — %s, ký bằng khóa của bạn trên máy này?"), tui_jstr(a, "label"), v->code);
	tui_confirm(t, q);
}

/* --- comparing, showing another revision --- */

static void s_rev_picked(tui_t *t, void *owner, const json_t *r)
{
	view_t *v = owner;

	v->shown = json_integer_value(json_object_get(r, "n"));
	if (v->shown == json_integer_value(json_object_get(v->d, "revision")))
		v->shown = 0;
	v->other = 0;
	s_reload(t, v);
}

static void s_diff_picked(tui_t *t, void *owner, const json_t *r)
{
	view_t *v = owner;

	v->other = json_integer_value(json_object_get(r, "n"));
	json_decref(v->other_body);
	v->other_body = NULL;
	if (tui_busy(t, v)) {
		tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		v->other = 0;
		return;
	}
	v->asking = ASK_DIFF;
	tui_request(t, v, MSG_document_view, json_pack("{s:s, s:I}", "code", v->code, "revision", (json_int_t)v->other));
}

static void s_revision_choose(tui_t *t, view_t *v, const char *title, void (*picked)(tui_t *, void *, const json_t *))
{
	json_t *rows = json_array(), *r;
	const json_t *revs = json_object_get(v->d, "revisions");
	char label[512], at[64];
	size_t i;

	json_array_foreach(revs, i, r)
	{
		snprintf(label, sizeof label, _("Phiên bản %lld — %s, %s"), (long long)json_integer_value(json_object_get(r, "n")),
		         tui_jstr(r, "author_name"), tui_date(tui_jstr(r, "at"), at, sizeof at));
		json_array_append_new(rows, json_pack("{s:s, s:O}", "label", label, "n", json_object_get(r, "n")));
	}
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = title, .rows = rows, .label = "label", .picked = picked, .owner = v});
	json_decref(rows);
}

/* --- delivering: units chosen by name, one at a time, until "send" --- */

static void s_units_choose(tui_t *t, view_t *v);

static void s_unit_picked(tui_t *t, void *owner, const json_t *u)
{
	view_t *v = owner;
	const char *code = tui_jstr(u, "code");
	size_t i;
	json_t *c;

	if (!*code && v->planning) { /* the first row: keep those chosen */
		if (!tui_request(t, v, MSG_document_recipients, json_pack("{s:s, s:O}", "code", v->code, "units", v->chosen)))
			tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		return;
	}
	if (!*code) { /* the first row: send to those chosen */
		if (!json_array_size(v->chosen))
			tui_msg(t, true, "%s", _("Chưa chọn đơn vị nhận nào."));
		else if (!tui_request(t, v, MSG_document_deliver,
		                      json_pack("{s:s, s:O}", "code", v->code, "units", v->chosen)))
			tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		return;
	}
	json_array_foreach(v->chosen, i, c) if (!strcmp(json_string_value(c), code)) break;
	if (i < json_array_size(v->chosen))
		json_array_remove(v->chosen, i);
	else
		json_array_append_new(v->chosen, json_string(code));
	s_units_choose(t, v);
}

static void s_units_choose(tui_t *t, view_t *v)
{
	json_t *rows = json_array(), *u, *c;
	char label[512], all[128];
	size_t i, j;

	json_array_foreach(v->units, i, u)
	{
		bool on = false;
		if (!strcmp(tui_jstr(u, "code"), tui_jstr(v->d, "agency")))
			continue; /* not to itself */
		json_array_foreach(v->chosen, j, c) on |= !strcmp(json_string_value(c), tui_jstr(u, "code"));
		snprintf(label, sizeof label, "[%s] %s", on ? "x" : " ", tui_jstr(u, "name"));
		json_array_append_new(rows, json_pack("{s:s, s:s}", "label", label, "code", tui_jstr(u, "code")));
	}
	snprintf(all, sizeof all, v->planning ? _("» Lưu %zu nơi nhận đã chọn") : _("» Gửi tới %zu đơn vị đã chọn"),
	         json_array_size(v->chosen));
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = v->planning ? _("Nơi nhận: Enter chọn/bỏ đơn vị")
	                                                : _("Gửi văn bản: Enter chọn/bỏ đơn vị nhận"),
	                           .rows = rows,
	                           .label = "label",
	                           .all = all,
	                           .picked = s_unit_picked,
	                           .owner = v});
	json_decref(rows);
}

/* The codes of the units d is meant for. New reference. */
static json_t *s_planned(const json_t *d)
{
	json_t *codes = json_array(), *r;
	size_t i;

	json_array_foreach(json_object_get(d, "recipients"), i, r) json_array_append_new(codes, json_string(tui_jstr(r, "unit")));
	return codes;
}

/* --- keys, replies --- */

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	view_t *v = st;

	(void)key;
	if (a == ACT_BACK) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	if (a == ACT_RELOAD) {
		s_reload(t, v);
		return TUI_R_NONE;
	}
	if (!v->d)
		return TUI_R_NONE;
	switch (a) {
	case ACT_DO:
		tui_record_choose(t, v->d, _("Thao tác trên văn bản đi"),
		                  _("Bạn không có thao tác nào trên văn bản này lúc này."), s_action_picked, v);
		return TUI_R_NONE;
	case ACT_YES:
		if (*v->act) {
			v->reissue = 0;
			s_send_signed(t, v, v->act);
		}
		return TUI_R_MSG;
	case ACT_DOUT_VERSION:
		s_revision_choose(t, v, _("Xem phiên bản"), s_rev_picked);
		return TUI_R_NONE;
	case ACT_DOUT_DIFF:
		if (v->other) { /* d again: back to the text */
			v->other = 0;
			return TUI_R_BODY;
		}
		s_revision_choose(t, v, _("So sánh phiên bản đang xem với"), s_diff_picked);
		return TUI_R_NONE;
	case ACT_DOUT_EDIT: { /* a revision of many lines, in the official's editor */
		char *text = tui_edit_text(t, tui_jstr(v->d, "body"));
		if (text && strcmp(text, tui_jstr(v->d, "body")) != 0 &&
		    !tui_request(t, v, MSG_document_draft,
		                 json_pack("{s:s, s:I, s:s, s:s}", "code", v->code, "version",
		                           json_integer_value(json_object_get(v->d, "version")), "body", text, "note",
		                           _("Sửa bằng trình soạn thảo"))))
			tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		else if (text && !strcmp(text, tui_jstr(v->d, "body")))
			tui_msg(t, false, "%s", _("Nội dung không đổi; không lưu phiên bản mới."));
		free(text);
		return TUI_R_ALL;
	}
	case ACT_PRINT: { /* the page of NĐ 30 appendix I; its own p writes the PDF */
		json_t *req = json_pack("{s:s}", "code", v->code);
		char stem[48];
		snprintf(stem, sizeof stem, "van-ban-%s", v->code);
		tui_push(t, &tui_text_screen,
		         &(tui_text_arg_t){.title = _("Văn bản đi (thể thức NĐ 30)"),
		                           .msg = MSG_document_print,
		                           .req = req,
		                           .stem = stem});
		json_decref(req);
		return TUI_R_ALL;
	}
	case ACT_DOUT_DELIVER:
	case ACT_DOUT_RECIPIENTS:
		v->planning = a == ACT_DOUT_RECIPIENTS;
		if (!v->planning && strcmp(tui_jstr(v->d, "state"), "issued") != 0) {
			tui_msg(t, true, "%s", _("Chỉ gửi được văn bản đã phát hành."));
			return TUI_R_MSG;
		}
		json_decref(v->chosen);
		v->chosen = s_planned(v->d); /* the recipients chosen while drafting, to start from */
		v->asking = ASK_UNITS;
		if (!tui_request(t, v, MSG_unit_list, NULL))
			tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		return TUI_R_MSG;
	default:
		return tui_page_key(&v->page.page, a);
	}
}

/* The reply to a signed move: said; an issue whose number another took
 * meanwhile is signed again for the next one. */
static void s_moved(tui_t *t, view_t *v, proto_msg_t type, proto_err_t e, json_t *body)
{
	const char *field = tui_err_field(body);

	if (e == E_CONFLICT && type == MSG_document_issue && field && !strcmp(field, "number") &&
	    ++v->reissue < REISSUE_TRIES) {
		s_reload(t, v); /* then signed again, below */
		return;
	}
	v->act[0] = 0;
	if (e != E_OK)
		tui_error_body(t, e, body, NULL);
	else if (type == MSG_document_issue)
		tui_msg(t, false, _("Đã phát hành %s: số, ký hiệu %s."), v->code, tui_jstr(body, "notation"));
	else if (type == MSG_document_deliver)
		tui_msg(t, false, _("Đã gửi %s tới %zu đơn vị."), v->code, json_array_size(json_object_get(body, "deliveries")));
	else if (type == MSG_document_recipients)
		tui_msg(t, false, _("Đã lưu %zu nơi nhận của %s."), json_array_size(json_object_get(body, "recipients")), v->code);
	else if (type == MSG_document_check_form)
		tui_msg(t, false, _("Đã kiểm tra thể thức %s."), v->code);
	else if (type == MSG_document_draft)
		tui_msg(t, false, _("Đã lưu dự thảo %s, phiên bản %lld."), v->code,
		        (long long)json_integer_value(json_object_get(body, "revision")));
	else
		tui_msg(t, false, _("Đã ký. Văn bản nay: %s."), tui_jstr(body, "state_name"));
	s_reload(t, v);
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	view_t *v = st;

	if (type == MSG_document_view && v->asking == ASK_DIFF) {
		if (e != E_OK) {
			v->other = 0;
			tui_error_body(t, e, body, NULL);
		} else
			v->other_body = json_incref(json_object_get(body, "body"));
	} else if (type == MSG_document_view) {
		if (tui_record_shown(t, &v->d, e, body))
			return TUI_R_ALL;
		if (e == E_OK && v->reissue && *v->act && s_send_signed(t, v, v->act))
			return TUI_R_BODY | TUI_R_MSG;
	} else if (type == MSG_unit_list) {
		json_decref(v->units);
		v->units = e == E_OK ? json_incref(json_object_get(body, "units")) : NULL;
		if (e != E_OK)
			tui_error_body(t, e, body, NULL);
		else
			s_units_choose(t, v);
		v->asking = ASK_VIEW;
	} else
		s_moved(t, v, type, e, body);
	if (v->stale)
		s_reload(t, v);
	return TUI_R_BODY | TUI_R_MSG;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	view_t *v = st;

	if (ev == TUI_EV_RECONNECTED || (ev == EV_document_changed && !strcmp(tui_jstr(body, "code"), v->code)))
		s_reload(t, v);
	return TUI_R_NONE;
}

static const tui_screen_t s_view = {
    .title = N_("Văn bản đi"),
    .name = s_name,
    .ctx = TC_LIST | TC_DOUT_VIEW,
    .size = sizeof(view_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
    .event = s_event,
};

void tui_document_out_open(tui_t *t, const char *code)
{
	tui_push(t, &s_view, code);
}
