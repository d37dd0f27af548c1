/* reception.c — receiving a dossier at the desk: choose the procedure, fill
 * in the form generated from its definition (asked once a session per
 * procedure version: procedure_defs.c), then the desk's choices and the
 * papers checklist (each paper handed in or not; a conditional one, "(nếu
 * …)", only when it applies; a required one missing refuses the reception
 * unless the clerk records it as a request to supplement); send it whole;
 * the new code and the appointment come back in a popup that offers the
 * receipt (form 01, listing the papers handed in), and the form empties for
 * the next applicant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossiers.h"
#include "i18n.h"

static void s_receipt(tui_t *t, void *owner, const json_t *reply)
{
	char title[128];

	(void)owner;
	snprintf(title, sizeof title, _("Mẫu 01 — %s"), tui_jstr(reply, "code"));
	tui_push(t, &tui_text_screen, &(tui_text_arg_t){.title = title, .code = tui_jstr(reply, "code"), .form = "01"});
}

static void s_received(tui_t *t, void *owner, const json_t *reply)
{
	char text[1024], due[64];

	(void)owner;
	/* the notice: when the clock does not start at once (outside desk
	 * hours, after 15:00) */
	snprintf(text, sizeof text,
	         _("Đã tiếp nhận hồ sơ.\n\nMã hồ sơ:  %s\nHẹn trả:   %s\nThời hạn:  %s\n%s%s%s%s%s\n"
	           "Xem giấy tiếp nhận và hẹn trả kết quả (mẫu 01) để in? (y/n)"),
	         tui_jstr(reply, "code"), tui_date(tui_jstr(reply, "due"), due, sizeof due),
	         tui_jstr(reply, "remaining"), tui_jstr(reply, "notice"), *tui_jstr(reply, "notice") ? "\n" : "",
	         *tui_jstr(reply, "missing") ? _("Chờ bổ sung (mẫu 02): ") : "", tui_jstr(reply, "missing"),
	         *tui_jstr(reply, "missing") ? "\n" : "");
	tui_msg(t, false, _("Đã tiếp nhận hồ sơ %s, hẹn trả %s."), tui_jstr(reply, "code"), due);
	tui_confirm(t, text);
}

static void s_loaded(tui_t *t, void *owner, const json_t *reply)
{
	(void)t;
	(void)owner;
	tui_procedure_defs_keep(reply);
}

void tui_reception_checklist(json_t *more, const json_t *list, const json_t *handed, bool ask_missing)
{
	size_t i, k;
	json_t *x, *h;

	if (!json_array_size(list))
		return;
	json_array_foreach(list, i, x)
	{
		bool cond = json_is_true(json_object_get(x, "conditional")), in = false;
		char name[32], label[512];
		snprintf(name, sizeof name, "desk_paper_%lld", (long long)json_integer_value(json_object_get(x, "n")));
		snprintf(label, sizeof label, _("Giấy tờ %lld: %s"), (long long)json_integer_value(json_object_get(x, "n")),
		         tui_jstr(x, "name"));
		json_array_foreach(handed, k, h) in |= !strcmp(json_string_value(h) ?: "", tui_jstr(x, "name"));
		json_array_append_new(more, json_pack("{s:s, s:s, s:s, s:b, s:[ss], s:s}", "name", name, "label", label,
		                                      "type", "choice", "required", 0, "choices",
		                                      cond ? _("Không áp dụng") : _("Đã nộp"),
		                                      cond ? _("Đã nộp") : _("Chưa nộp"), "value",
		                                      handed ? (in ? _("Đã nộp") : cond ? _("Không áp dụng") : _("Chưa nộp"))
		                                             : cond ? _("Không áp dụng") : _("Đã nộp")));
	}
	if (!ask_missing)
		return;
	json_array_append_new(more, json_pack("{s:s, s:s, s:s, s:b, s:[ss], s:s}", "name", "desk_missing", "label",
	                                      _("Thiếu giấy tờ bắt buộc"), "type", "choice", "required", 0, "choices",
	                                      _("Không tiếp nhận"), _("Ghi yêu cầu bổ sung (mẫu 02)"), "value",
	                                      _("Không tiếp nhận")));
}

/* The desk's own choice after the declaration, whatever the procedure:
 * the channel (left empty: at the desk, the server's default). */
static json_t *s_channel_field(void)
{
	return json_pack("[{s:s, s:s, s:s, s:b, s:[sss]}]", "name", "desk_channel", "label", _("Kênh tiếp nhận"), "type",
	                 "choice", "required", 0, "choices", _("Trực tiếp"), _("Trực tuyến"), _("Bưu chính"));
}

/* …and those the procedure's definition declares (def: a procedure.show
 * reply, or what the device kept of one): the lawful extensions, and the
 * papers checklist. New reference. */
static json_t *s_desk_fields(const json_t *def)
{
	json_t *more = json_array(), *ext = json_object_get(def, "extensions"), *x, *names;
	size_t i;

	if (json_array_size(ext)) {
		names = json_pack("[s]", _("Không gia hạn"));
		json_array_foreach(ext, i, x) json_array_append_new(names, json_string(tui_jstr(x, "name")));
		json_array_append_new(more, json_pack("{s:s, s:s, s:s, s:b, s:o}", "name", "desk_extension", "label",
		                                      _("Gia hạn theo luật"), "type", "choice",
		                                      "required", 0, "choices", names));
	}
	tui_reception_checklist(more, json_object_get(def, "checklist"), NULL, true);
	return more;
}

void tui_reception_shape_papers(json_t *body, json_t *fields)
{
	json_t *papers = json_array();
	const char *k, *missing = json_string_value(json_object_get(fields, "desk_missing"));
	json_t *v;
	void *tmp;
	bool any = false;

	json_object_foreach_safe(fields, tmp, k, v)
	{
		if (strncmp(k, "desk_paper_", 11) != 0)
			continue;
		any = true;
		if (json_string_value(v) && !strcmp(json_string_value(v), _("Đã nộp")))
			json_array_append_new(papers, json_string(k + 11));
		json_object_del(fields, k);
	}
	if (any) /* the server keeps the list in the procedure's order */
		json_object_set_new(body, "papers", papers);
	else
		json_decref(papers);
	if (missing && !strcmp(missing, _("Ghi yêu cầu bổ sung (mẫu 02)")))
		json_object_set_new(body, "supplement", json_true());
	json_object_del(fields, "desk_missing");
}

/* The desk's choices out of the declaration, as the server takes them:
 * the channel's code, the extension's name (or none). */
static void s_shape(json_t *body)
{
	static const char *const codes[] = {"direct", "online", "postal"};
	const char *labels[] = {_("Trực tiếp"), _("Trực tuyến"), _("Bưu chính")};
	json_t *fields = json_object_get(body, "fields");
	const char *ch = json_string_value(json_object_get(fields, "desk_channel"));
	const char *ext = json_string_value(json_object_get(fields, "desk_extension"));

	for (size_t i = 0; ch && i < 3; i++)
		if (!strcmp(ch, labels[i]))
			json_object_set_new(body, "channel", json_string(codes[i]));
	if (ext && *ext && strcmp(ext, _("Không gia hạn")) != 0)
		json_object_set_new(body, "extension", json_string(ext));
	json_object_del(fields, "desk_channel");
	json_object_del(fields, "desk_extension");
	tui_reception_shape_papers(body, fields);
}

static const tui_field_form_spec_t s_spec = {
    .msg = MSG_dossier_receive,
    .nest = "fields",
    .after = TUI_DF_CLEAR,
    .done = s_received,
    .yes = s_receipt,
    .shape = s_shape,
    .loaded = s_loaded,
    .more_of = s_desk_fields,
};

/* The procedure is chosen: its form, from the definition this device met
 * before (procedure_defs.c keeps it: its fields, its extensions and
 * papers) or loaded (procedure.show, brief). */
static void s_picked(tui_t *t, void *owner, const json_t *proc)
{
	const char *code = tui_jstr(proc, "code");
	json_int_t version = json_integer_value(json_object_get(proc, "version"));
	char title[400], note[600], money[32], time_text[200];
	json_t *load = tui_procedure_defs_request(code, version);
	json_t *fixed = json_pack("{s:s}", "procedure", code), *more = s_channel_field();
	const json_t *fields = tui_procedure_defs(code, version, tui_jstr(proc, "tag"));
	const json_t *desk = tui_procedure_desk(code, version, tui_jstr(proc, "tag"));
	long long fee = json_integer_value(json_object_get(proc, "fee"));

	(void)owner;
	snprintf(title, sizeof title, _("Tiếp nhận: %s"), tui_jstr(proc, "name"));
	/* the server words it ("3 ngày làm việc", "Trong ngày (…)"); an older
	 * server sends only the number and its unit */
	if (*tui_jstr(proc, "processing_text"))
		snprintf(time_text, sizeof time_text, "%s", tui_jstr(proc, "processing_text"));
	else
		snprintf(time_text, sizeof time_text, "%lld %s",
		         (long long)json_integer_value(json_object_get(proc, "processing")),
		         tui_jstr(proc, "processing_unit"));
	if (fee > 0)
		snprintf(note, sizeof note, _("Thời hạn giải quyết: %s. Lệ phí: %s đồng. Các ô có * là bắt buộc."),
		         time_text, tui_grouped(fee, money, sizeof money));
	else
		snprintf(note, sizeof note, _("Thời hạn giải quyết: %s. Các ô có * là bắt buộc."), time_text);
	if (fields && desk) { /* held whole: no request */
		json_t *d = s_desk_fields(desk);
		json_array_extend(more, d);
		json_decref(d);
	} else { /* loaded whole: the desk's part made from the reply (more_of) */
		fields = NULL;
	}
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_spec,
	                            .title = title,
	                            .note = note,
	                            .fields = fields,
	                            .load = MSG_procedure_show,
	                            .load_body = load,
	                            .fixed = fixed,
	                            .more = more});
	json_decref(load);
	json_decref(fixed);
	json_decref(more);
}

void tui_reception_open(tui_t *t)
{
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = _("Tiếp nhận hồ sơ: chọn thủ tục"),
	                           .msg = MSG_procedure_list,
	                           .key = "procedures",
	                           .label = "name",
	                           .code = "code",
	                           .picked = s_picked});
}
