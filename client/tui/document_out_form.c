/* document_out_form.c — the forms of outgoing documents, each a generated
 * form (field_form_screen.c): the new draft, whose fields and choices the
 * server gives (document.draft_form: the agencies the official drafts
 * for, types, urgency, confidentiality); a revision of the text; a draft
 * returned to its drafter with a note. The views reload by themselves on
 * document.changed, so the forms only say what was done. */
#include <stdio.h>
#include <string.h>

#include "document_out.h"
#include "documents.h"
#include "i18n.h"

/* The new draft's definitions as the server last gave them: the code each
 * shown choice stands for. */
static json_t *s_defs;

static void s_loaded(tui_t *t, void *owner, const json_t *reply)
{
	(void)t;
	(void)owner;
	json_decref(s_defs);
	s_defs = json_deep_copy(json_object_get(reply, "fields"));
}

static void s_shape_new(json_t *body)
{
	tui_document_codes(s_defs, body);
}

static void s_drafted(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã lưu dự thảo %s, phiên bản %lld."), tui_jstr(reply, "code"),
	        (long long)json_integer_value(json_object_get(reply, "revision")));
}

static void s_returned(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã trả lại %s để sửa: %s."), tui_jstr(reply, "code"), tui_jstr(reply, "state_name"));
}

static const tui_field_form_spec_t s_new = {.msg = MSG_document_draft,
                                            .after = TUI_DF_CLOSE,
                                            .done = s_drafted,
                                            .shape = s_shape_new,
                                            .loaded = s_loaded},
                                   s_revise = {.msg = MSG_document_draft, .after = TUI_DF_CLOSE, .done = s_drafted},
                                   s_return = {.msg = MSG_document_review, .after = TUI_DF_CLOSE, .done = s_returned};

void tui_document_out_new(tui_t *t)
{
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_new,
	                                 .title = _("Dự thảo văn bản đi"),
	                                 .note = _("Ô có dấu * là bắt buộc; ← → chọn. F2 hoặc Enter ở ô cuối để lưu."),
	                                 .load = MSG_document_draft_form});
}

static json_t *s_def(const char *name, const char *label, bool required, int max)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:i}", "name", name, "label", label, "type", "text", "required", required,
	                 "max", max);
}

/* Push spec's form about draft d with fields (stolen), values (stolen,
 * may be NULL) and extra fixed keys (stolen, may be NULL). */
static void s_push(tui_t *t, const tui_field_form_spec_t *spec, const char *title, const char *note, const json_t *d,
                   json_t *fields, json_t *values, json_t *extra)
{
	char head[256];
	json_t *fixed = json_pack("{s:s, s:I}", "code", tui_jstr(d, "code"), "version",
	                          json_integer_value(json_object_get(d, "version")));

	if (extra)
		json_object_update(fixed, extra);
	snprintf(head, sizeof head, "%s — %s", title, tui_jstr(d, "code"));
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){
	             .spec = spec, .title = head, .note = note, .fields = fields, .fixed = fixed, .values = values});
	json_decref(fields);
	json_decref(fixed);
	json_decref(values);
	json_decref(extra);
}

void tui_document_out_revise(tui_t *t, const json_t *d)
{
	json_t *f = json_array(), *values = NULL;

	json_array_append_new(f, s_def("body", _("Nội dung mới"), true, 100000));
	json_array_append_new(f, s_def("note", _("Ghi chú lần sửa"), false, 500));
	if (strlen(tui_jstr(d, "body")) < TUI_EDIT_MAX && !strchr(tui_jstr(d, "body"), '\n') && (long long)json_integer_value(json_object_get(d, "shown")) ==
	                                                      (long long)json_integer_value(json_object_get(d, "revision")))
		values = json_pack("{s:s}", "body", tui_jstr(d, "body"));
	s_push(t, &s_revise, _("Sửa dự thảo"), _("Mỗi lần sửa được giữ thành một phiên bản. F2 để lưu."), d, f, values,
	       NULL);
}

void tui_document_out_return(tui_t *t, const json_t *d)
{
	json_t *f = json_array();

	json_array_append_new(f, s_def("note", _("Ý kiến, lý do trả lại"), true, 2000));
	s_push(t, &s_return, _("Trả lại để sửa"), _("Dự thảo về người soạn thảo. F2 để gửi."), d, f, NULL,
	       json_pack("{s:b}", "reject", 1));
}
