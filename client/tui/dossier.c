/* dossier.c — one dossier: the header (code, procedure, applicant, state,
 * step, who holds it, appointment, remaining time or grade), the actions
 * the server allows this official now, the timeline of hand-offs and the
 * declaration's fields, scrolling as one page. An action asks for what its
 * transition requires (a note, a new date) and carries the version seen, so
 * a colleague who acted first makes it a conflict, not a double step. */
#include <stdio.h>
#include <string.h>

#include "record_view.h"
#include "dossiers.h"
#include "i18n.h"
#include "text.h"

typedef struct {
	char code[64];
	json_t *d;        /* the last dossier.show reply */
	json_t *defs;     /* the procedure's field definitions, for labels and order */
	char defs_of[96]; /* "procedure@version" they belong to */
	bool stale;       /* reload when the request in flight is answered */
	tui_act_t act;    /* the action waiting for a yes */
	tui_lines_t page; /* the page at the last draw */
} view_t;

/* Show the dossier; the procedure's fields come with it unless this
 * session holds them already (have). */
static void s_reload(tui_t *t, view_t *v)
{
	tui_record_reload_body(t, v, &v->stale, MSG_dossier_show,
	                       json_pack("{s:s, s:o}", "code", v->code, "have", tui_procedure_defs_held()));
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
	json_decref(v->defs);
}

static const char *s_name(void *st)
{
	return ((view_t *)st)->code;
}

/* --- the page --- */

static const char *const s_no_acts = N_("Bạn không có thao tác nào trên hồ sơ này lúc này.");

/* How a dossier came in, in words. */
static const char *s_channel_name(const char *code)
{
	return !strcmp(code, "online") ? _("trực tuyến") : !strcmp(code, "postal") ? _("bưu chính") : _("trực tiếp");
}

/* desk: the notices to the citizen and how their sending went, one after
 * another ("Giấy hẹn · SMS 0912345678 · đã gửi 03/12/2026 09:00; …"), in
 * the error colour when one could not be sent. */
static void s_notices(view_t *v, int lw)
{
	static const struct {
		const char *code, *name;
	} kinds[] = {{"appointment", N_("Giấy hẹn")},
	             {"supplement", N_("Yêu cầu bổ sung")},
	             {"ready", N_("Có kết quả")},
	             {"apology", N_("Thư xin lỗi")}},
	  states[] = {{"queued", N_("chờ gửi")},
	              {"sending", N_("đang gửi")},
	              {"retrying", N_("lỗi, gửi lại lúc")},
	              {"sent", N_("đã gửi")},
	              {"failed", N_("không gửi được")}};
	size_t i, len = 0;
	json_t *n;
	char line[1200], at[64];
	bool failed = false;

	line[0] = 0;
	json_array_foreach(json_object_get(v->d, "notices"), i, n)
	{
		const char *kind = tui_jstr(n, "kind"), *st = tui_jstr(n, "status");
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (!strcmp(kind, kinds[k].code))
				kind = _(kinds[k].name);
		for (size_t k = 0; k < sizeof states / sizeof states[0]; k++)
			if (!strcmp(st, states[k].code))
				st = _(states[k].name);
		if (len < sizeof line)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s · %s %s · %s%s%s", i ? "; " : "", kind,
			                        !strcmp(tui_jstr(n, "channel"), "email") ? _("thư điện tử") : "SMS",
			                        tui_jstr(n, "to"), st, *tui_jstr(n, "at") ? " " : "",
			                        *tui_jstr(n, "at") ? tui_date(tui_jstr(n, "at"), at, sizeof at) : "");
		failed |= !strcmp(tui_jstr(n, "status"), "failed");
	}
	if (line[0])
		tui_lines_pair(&v->page, lw, _("Thông báo"), line, failed ? tui_attr(TA_ERR) : A_NORMAL);
}

static void s_header(view_t *v)
{
	static const char *const labels[] = {N_("Mã hồ sơ"),   N_("Thủ tục"), N_("Người nộp"),
	                                     N_("Tình trạng"), N_("Bước"),    N_("Đang ở"),
	                                     N_("Tiếp nhận"),  N_("Hẹn trả"), N_("Thời hạn"),
	                                     N_("Gia hạn"),    N_("Đã trả"),  N_("Phí/lệ phí")};
	const json_t *d = v->d;
	char buf[4][600], due[64], nd[64];
	const char *grade = json_string_value(json_object_get(d, "grade"));
	int lw = tui_lines_label_width(labels, sizeof labels / sizeof labels[0]);

	tui_lines_pair(&v->page, lw, _(labels[0]), v->code, A_BOLD);
	snprintf(buf[0], sizeof buf[0], "%s (%s)", tui_jstr(d, "title"), tui_jstr(d, "procedure"));
	tui_lines_pair(&v->page, lw, _(labels[1]), buf[0], A_NORMAL);
	tui_lines_pair(&v->page, lw, _(labels[2]), tui_jstr(d, "applicant"), A_NORMAL);
	tui_lines_pair(&v->page, lw, _(labels[3]), tui_jstr(d, "state_name"), A_BOLD);
	if (*tui_jstr(d, "step") && !strcmp(tui_jstr(d, "state"), "processing"))
		tui_lines_pair(&v->page, lw, _(labels[4]), tui_jstr(d, "step"), A_NORMAL);
	if (*tui_jstr(d, "handler_role")) {
		snprintf(buf[1], sizeof buf[1], "%s — %s", _(proto_role_label(tui_jstr(d, "handler_role"))),
		         tui_jstr(d, "handler_unit"));
		tui_lines_pair(&v->page, lw, _(labels[5]), buf[1], A_NORMAL);
	}
	snprintf(buf[2], sizeof buf[2], "%s — %s · %s", tui_date(tui_jstr(d, "received"), due, sizeof due),
	         tui_jstr(d, "unit_name"), s_channel_name(tui_jstr(d, "channel")));
	tui_lines_pair(&v->page, lw, _(labels[6]), buf[2], A_NORMAL);
	if (*tui_jstr(d, "extension")) /* lawful, counted in the appointment */
		tui_lines_pair(&v->page, lw, _(labels[9]), tui_jstr(d, "extension"), A_NORMAL);
	tui_date(tui_jstr(d, "due"), due, sizeof due);
	if (*tui_jstr(d, "new_due"))
		snprintf(buf[3], sizeof buf[3], _("%s · hẹn lại: %s"), due,
		         tui_date(tui_jstr(d, "new_due"), nd, sizeof nd));
	else
		snprintf(buf[3], sizeof buf[3], "%s", due);
	tui_lines_pair(&v->page, lw, _(labels[7]), buf[3], A_NORMAL);
	if (grade)
		snprintf(buf[0], sizeof buf[0], _("%s · kết quả: %s"), tui_jstr(d, "remaining"), tui_grade(grade));
	else
		snprintf(buf[0], sizeof buf[0], "%s", tui_jstr(d, "remaining"));
	tui_lines_pair(&v->page, lw, _(labels[8]), buf[0],
	               json_is_true(json_object_get(d, "overdue")) ? tui_attr(TA_ERR) : A_BOLD);
	if (json_is_object(json_object_get(d, "returned"))) {
		const json_t *r = json_object_get(d, "returned");
		snprintf(buf[1], sizeof buf[1], _("%s — %s, %s (%s) · %s%s%s"), tui_date(tui_jstr(r, "at"), due, sizeof due),
		         tui_jstr(r, "collector"), tui_jstr(r, "collector_id"),
		         !strcmp(tui_jstr(r, "collector_kind"), "authorised") ? _("người được ủy quyền") : _("người nộp"),
		         !strcmp(tui_jstr(r, "method"), "post")     ? _("qua bưu chính")
		         : !strcmp(tui_jstr(r, "method"), "online") ? _("kết quả điện tử")
		                                                    : _("tại một cửa"),
		         *tui_jstr(r, "result_no") ? _(" · số ") : "", tui_jstr(r, "result_no"));
		tui_lines_pair(&v->page, lw, _(labels[10]), buf[1], A_NORMAL);
	}
	if (json_is_object(json_object_get(d, "fee"))) { /* desk: fees */
		const json_t *f = json_object_get(d, "fee");
		const char *m = tui_jstr(f, "method");
		snprintf(buf[2], sizeof buf[2], _("%s · %s · biên lai số %s"), tui_jstr(f, "amount_text"),
		         !strcmp(m, "cash") ? _("tiền mặt") : !strcmp(m, "transfer") ? _("chuyển khoản") : _("miễn"),
		         tui_jstr(f, "receipt_no"));
		tui_lines_pair(&v->page, lw, _(labels[11]), buf[2], A_NORMAL);
	} else if (*tui_jstr(d, "fee_due")) {
		snprintf(buf[2], sizeof buf[2], _("%s (chưa ghi nhận: phím f)"), tui_jstr(d, "fee_due"));
		tui_lines_pair(&v->page, lw, _(labels[11]), buf[2], A_NORMAL);
	}
	s_notices(v, lw); /* desk */
}

static void s_timeline(view_t *v)
{
	const json_t *tl = json_object_get(v->d, "timeline");
	size_t i;
	json_t *h;

	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Quá trình xử lý (phiếu kiểm soát, mẫu 06)"));
	json_array_foreach(tl, i, h) tui_record_move(&v->page, h);
}

static void s_fields(view_t *v)
{
	const json_t *vals = json_object_get(v->d, "fields");
	size_t i;
	json_t *def;
	int lw = 0;

	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Thông tin tờ khai"));
	if (!v->defs) { /* labels not here yet: the names will do */
		const char *k;
		json_t *val;
		json_object_foreach((json_t *)vals, k, val)
		{
			tui_lines_pair(&v->page, 24, k, json_string_value(val), A_NORMAL);
		}
		return;
	}
	json_array_foreach(v->defs, i, def)
	{
		int w = text_width(tui_jstr(def, "label"));
		lw = w > lw ? w : lw;
	}
	lw = lw > v->page.cols / 2 ? v->page.cols / 2 : lw;
	json_array_foreach(v->defs, i, def)
	{
		const char *val = tui_jstr(vals, tui_jstr(def, "name"));
		char date[64];
		if (!*val)
			continue;
		if (!strcmp(tui_jstr(def, "type"), "date"))
			val = tui_date(val, date, sizeof date);
		tui_lines_pair(&v->page, lw, tui_jstr(def, "label"), val, A_NORMAL);
	}
}

static void s_build(view_t *v, int cols)
{
	tui_lines_reset(&v->page, cols);
	s_header(v);
	tui_lines_blank(&v->page);
	tui_record_line(&v->page, v->d, _(s_no_acts));
	tui_lines_blank(&v->page);
	s_timeline(v);
	tui_lines_blank(&v->page);
	s_fields(v);
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	view_t *v = st;

	(void)t;
	if (!v->d) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	s_build(v, getmaxx(w));
	tui_lines_draw(&v->page, w);
}

/* --- acting --- */

static void s_act_done(tui_t *t, void *owner, const json_t *reply)
{
	view_t *v = owner;
	const char *doc = json_string_value(json_object_get(reply, "document"));
	char title[128];

	tui_msg(t, false, _("Đã thực hiện. Hồ sơ nay: %s."), tui_jstr(reply, "state_name"));
	s_reload(t, v);
	if (doc && *doc) { /* the desk document the action issues (02, 03, 04, 05) */
		snprintf(title, sizeof title, _("Mẫu %s — %s"), tui_jstr(reply, "form"), v->code);
		tui_push(t, &tui_text_screen,
		         &(tui_text_arg_t){.title = title, .text = doc, .code = v->code, .form = tui_jstr(reply, "form")});
	}
}

/* A conflict: someone acted first. The form closes and the view shows
 * the dossier as it is now. */
static bool s_act_fail(tui_t *t, void *owner, proto_err_t e, const json_t *body)
{
	(void)body;
	if (e != E_CONFLICT)
		return false;
	s_reload(t, owner);
	return true;
}

/* The choices of the return of a result: the label the clerk picks, the
 * code the server takes. */
static const struct {
	const char *field, *label, *code;
} s_act_choices[] = {
    {"method", N_("Tại bộ phận một cửa"), "desk"},
    {"method", N_("Qua bưu chính"), "post"},
    {"method", N_("Kết quả điện tử (trực tuyến)"), "online"},
    {"collector_kind", N_("Người nộp hồ sơ"), "applicant"},
    {"collector_kind", N_("Người được ủy quyền"), "authorised"},
};

/* A choice's label as its code. */
static void s_act_shape(json_t *body)
{
	for (size_t i = 0; i < sizeof s_act_choices / sizeof s_act_choices[0]; i++) {
		const char *v = json_string_value(json_object_get(body, s_act_choices[i].field));
		if (v && !strcmp(v, _(s_act_choices[i].label)))
			json_object_set_new(body, s_act_choices[i].field, json_string(s_act_choices[i].code));
	}
}

static const tui_field_form_spec_t s_act_form = {
    .msg = MSG_dossier_act,
    .after = TUI_DF_CLOSE,
    .done = s_act_done,
    .fail = s_act_fail,
    .shape = s_act_shape,
};

/* The fields a transition may ask for beyond a note: name, label, type,
 * max; a choice's labels from s_act_choices. */
static const struct {
	const char *name, *label, *type;
	int max;
} s_act_fields[] = {
    {"new_due", N_("Ngày hẹn trả mới"), "date", 0},
    {"collector", N_("Họ tên người nhận kết quả"), "text", 200},
    {"collector_id", N_("Số giấy tờ tùy thân của người nhận"), "text", 20},
    {"collector_kind", N_("Người nhận"), "choice", 0},
    {"method", N_("Cách trả"), "choice", 0},
    {"result_no", N_("Số của kết quả (số giấy chứng nhận)"), "text", 60},
};

/* Field `name` as a form definition (a note when it is none of the above). */
static json_t *s_act_field(const char *name, bool required)
{
	json_t *choices = json_array();

	for (size_t i = 0; i < sizeof s_act_choices / sizeof s_act_choices[0]; i++)
		if (!strcmp(s_act_choices[i].field, name))
			json_array_append_new(choices, json_string(_(s_act_choices[i].label)));
	for (size_t i = 0; i < sizeof s_act_fields / sizeof s_act_fields[0]; i++) {
		json_t *f;
		if (strcmp(s_act_fields[i].name, name) != 0)
			continue;
		f = json_pack("{s:s, s:s, s:s, s:b}", "name", name, "label", _(s_act_fields[i].label), "type",
		              s_act_fields[i].type, "required", required);
		if (s_act_fields[i].max)
			json_object_set_new(f, "max", json_integer(s_act_fields[i].max));
		if (json_array_size(choices))
			json_object_set(f, "choices", choices);
		json_decref(choices);
		return f;
	}
	json_decref(choices);
	return json_pack("{s:s, s:s, s:s, s:b, s:i}", "name", name, "label", _("Ghi chú, lý do"), "type", "text",
	                 "required", required, "max", 2000);
}

/* The fields a transition requires, as form definitions; a return of a
 * result also asks who collected it (applicant or authorised) and the
 * result's number, which it may leave out. */
static json_t *s_require_fields(const json_t *require)
{
	json_t *defs = json_array(), *r;
	bool returning = false;
	size_t i;

	json_array_foreach(require, i, r)
	{
		json_array_append_new(defs, s_act_field(json_string_value(r), true));
		returning |= !strcmp(json_string_value(r), "collector");
	}
	if (returning) {
		json_array_append_new(defs, s_act_field("collector_kind", false));
		json_array_append_new(defs, s_act_field("result_no", false));
	}
	return defs;
}

static void s_reload_owner(tui_t *t, void *owner) { s_reload(t, owner); }

static void s_action_picked(tui_t *t, void *owner, const json_t *a)
{
	view_t *v = owner;
	const json_t *require = json_object_get(a, "require");
	char title[256], q[512];
	json_t *defs, *fixed;

	if (!strcmp(tui_jstr(a, "action"), "resubmit") && v->defs) { /* desk: the supplement, corrections */
		tui_supplement_open(t, v->d, v->defs, v, s_reload_owner);
		return;
	}
	if (!json_array_size(require)) { /* nothing to fill in: ask, then send */
		snprintf(q, sizeof q, _("%s — hồ sơ %s?"), tui_jstr(a, "label"), v->code);
		tui_record_ask(t, &v->act, v->d, tui_jstr(a, "action"), q);
		return;
	}
	defs = s_require_fields(require);
	fixed = tui_record_body(v->code, tui_jstr(a, "action"), json_integer_value(json_object_get(v->d, "version")));
	snprintf(title, sizeof title, "%s — %s", tui_jstr(a, "label"), v->code);
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_act_form, .title = title, .fields = defs, .fixed = fixed, .owner = v});
	json_decref(defs);
	json_decref(fixed);
}

/* --- printing --- */

static const struct {
	const char *code, *name;
} s_forms[] = {
    {"01", N_("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")},
    {"02", N_("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")},
    {"03", N_("Phiếu từ chối tiếp nhận hồ sơ")},
    {"04", N_("Phiếu xin lỗi và hẹn lại ngày trả kết quả")},
    {"05", N_("Phiếu dừng giải quyết hồ sơ")},
    {"06", N_("Phiếu kiểm soát quá trình giải quyết hồ sơ")},
    {"07", N_("Sổ theo dõi hồ sơ")},
    {"BL", N_("Biên lai thu phí, lệ phí (khi đã ghi nhận)")},
};

static void s_form_picked(tui_t *t, void *owner, const json_t *row)
{
	view_t *v = owner;
	char title[128];

	snprintf(title, sizeof title, _("Mẫu %s — %s"), tui_jstr(row, "code"), v->code);
	tui_push(t, &tui_text_screen,
	         &(tui_text_arg_t){.title = title, .code = v->code, .form = tui_jstr(row, "code")});
}

static void s_print(tui_t *t, view_t *v)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < sizeof s_forms / sizeof s_forms[0]; i++)
		json_array_append_new(rows,
		                      json_pack("{s:s, s:s}", "code", s_forms[i].code, "name", _(s_forms[i].name)));
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = _("In phiếu"),
	                           .rows = rows,
	                           .label = "name",
	                           .code = "code",
	                           .picked = s_form_picked,
	                           .owner = v});
	json_decref(rows);
}

/* --- desk: fees --- */

static void s_fee_picked(tui_t *t, void *owner, const json_t *row)
{
	view_t *v = owner;
	tui_request(t, v, MSG_dossier_pay, json_pack("{s:s, s:s}", "code", v->code, "method", tui_jstr(row, "code")));
}

static void s_fee(tui_t *t, view_t *v)
{
	json_t *rows = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "code", "cash", "name", _("Tiền mặt"), "code",
	                         "transfer", "name", _("Chuyển khoản"), "code", "exempt", "name",
	                         _("Miễn (theo quy định của thủ tục)"));
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = _("Ghi nhận phí, lệ phí"),
	                           .rows = rows,
	                           .label = "name",
	                           .code = "code",
	                           .picked = s_fee_picked,
	                           .owner = v});
	json_decref(rows);
}

/* --- keys, replies, events --- */

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	view_t *v = st;

	(void)key;
	switch (a) {
	case ACT_BACK:
		tui_pop(t);
		return TUI_R_NONE;
	case ACT_RELOAD:
		s_reload(t, v);
		return TUI_R_NONE;
	case ACT_DO:
		if (v->d)
			tui_record_choose(t, v->d, _("Thao tác trên hồ sơ"), _(s_no_acts), s_action_picked, v);
		return TUI_R_NONE;
	case ACT_PRINT:
		s_print(t, v);
		return TUI_R_NONE;
	case ACT_FEE:
		if (v->d)
			s_fee(t, v);
		return TUI_R_NONE;
	case ACT_YES:
		tui_record_yes(t, v, &v->act, MSG_dossier_act, v->code);
		return TUI_R_NONE;
	default:
		return tui_page_key(&v->page.page, a);
	}
}

/* After a show: the field labels of the procedure version it was received
 * under, unless they are already here or met in this session
 * (procedure_defs.c); asked for as a brief procedure.show, the fields
 * alone, which is all the view shows of it. */
static void s_want_defs(tui_t *t, view_t *v)
{
	char of[96];
	const char *code = tui_jstr(v->d, "procedure");
	json_int_t version = json_integer_value(json_object_get(v->d, "proc_version"));
	const json_t *known;

	snprintf(of, sizeof of, "%s@%lld", code, (long long)version);
	if (!strcmp(of, v->defs_of))
		return;
	snprintf(v->defs_of, sizeof v->defs_of, "%s", of);
	if ((known = tui_procedure_defs(code, version, NULL))) { /* current: no defs came with the dossier */
		json_decref(v->defs);
		v->defs = json_incref((json_t *)known);
		return;
	}
	tui_request(t, v, MSG_procedure_show, tui_procedure_defs_request(code, version));
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	view_t *v = st;

	if (type == MSG_dossier_show) {
		if (tui_record_shown(t, &v->d, e, body))
			return TUI_R_ALL;
		if (e == E_OK && json_object_get(body, "defs")) {
			json_t *got = json_pack("{s:s, s:O, s:O, s:s}", "code", tui_jstr(body, "procedure"), "version",
			                        json_object_get(body, "proc_version"), "fields", json_object_get(body, "defs"),
			                        "tag", tui_jstr(body, "defs_tag"));
			tui_procedure_defs_keep(got);
			json_decref(got);
		}
		if (e == E_OK)
			s_want_defs(t, v);
	} else if (type == MSG_procedure_show && e == E_OK) {
		json_decref(v->defs);
		v->defs = json_incref((json_t *)tui_procedure_defs_keep(body));
	} else if (type == MSG_dossier_act) {
		tui_record_result(t, e, body, _("Đã thực hiện. Hồ sơ nay: %s."));
		v->stale = true;
	} else if (type == MSG_dossier_pay) { /* desk: fees */
		if (e == E_OK)
			tui_msg(t, false, _("Đã ghi nhận phí, lệ phí. Biên lai số %s (in: phím p, mẫu BL)."),
			        tui_jstr(body, "receipt_no"));
		else
			tui_error_body(t, e, body, NULL);
		v->stale = e == E_OK;
	}
	if (v->stale)
		s_reload(t, v);
	return TUI_R_BODY | TUI_R_MSG;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	view_t *v = st;

	if ((ev == EV_dossier_changed && !strcmp(tui_jstr(body, "code"), v->code)) || ev == TUI_EV_RECONNECTED)
		s_reload(t, v);
	return TUI_R_NONE;
}

const tui_screen_t tui_dossier_screen = {
    .title = N_("Hồ sơ"),
    .name = s_name,
    .ctx = TC_LIST | TC_DOSSIER,
    .size = sizeof(view_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
    .event = s_event,
};
