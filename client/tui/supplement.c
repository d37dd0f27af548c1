/* supplement.c — the supplement brought to the desk (issue 11): on the
 * dossier waiting for it, the action that takes it in (resubmit) opens the
 * declaration as it was received, each field prefilled, with the papers
 * checklist ticked as it stands; the clerk corrects what the applicant
 * brought and sends it; what changed comes back old → new per field, with
 * the receipt (form 01) printed again for the appointment the resumed clock
 * gives, in a text view whose print key (p) prints form 01. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossiers.h"
#include "i18n.h"
#include "record_view.h"

static void (*s_reload)(tui_t *t, void *owner); /* the dossier view's, below the form */

static void s_done(tui_t *t, void *owner, const json_t *reply)
{
	char title[128], line[1024];
	size_t len = 0, cap = 4096, i;
	char *text = malloc(cap);
	json_t *x;

	if (s_reload)
		s_reload(t, owner);
	tui_msg(t, false, _("Đã nhận hồ sơ bổ sung. Hẹn trả mới: %s."), tui_jstr(reply, "due"));
	if (!text)
		return;
	len = (size_t)snprintf(text, cap, "%s\n", _("Những gì đã sửa:"));
	json_array_foreach(json_object_get(reply, "changes"), i, x)
	{
		int n = snprintf(line, sizeof line, "  %s: %s → %s\n", tui_jstr(x, "label"),
		                 *tui_jstr(x, "old") ? tui_jstr(x, "old") : _("(trống)"),
		                 *tui_jstr(x, "new") ? tui_jstr(x, "new") : _("(trống)"));
		if (n > 0 && len + (size_t)n < cap)
			len += (size_t)snprintf(text + len, cap - len, "%s", line);
	}
	if (!json_array_size(json_object_get(reply, "changes")))
		len += (size_t)snprintf(text + len, cap - len, "%s\n", _("  (không có gì thay đổi)"));
	len += (size_t)snprintf(text + len, cap - len, _("Hẹn trả mới: %s\n\n"), tui_jstr(reply, "due"));
	{ /* then the receipt */
		const char *doc = tui_jstr(reply, "document");
		char *all = malloc(len + strlen(doc) + 1);
		if (all) {
			memcpy(all, text, len);
			strcpy(all + len, doc);
			snprintf(title, sizeof title, _("Nhận bổ sung — %s (mẫu 01: phím p để in)"), tui_jstr(reply, "code"));
			tui_push(t, &tui_text_screen,
			         &(tui_text_arg_t){.title = title, .text = all, .code = tui_jstr(reply, "code"), .form = "01"});
			free(all);
		}
	}
	free(text);
}

static void s_shape(json_t *body)
{
	tui_reception_shape_papers(body, json_object_get(body, "fields"));
}

static const tui_field_form_spec_t s_spec = {
    .msg = MSG_dossier_act,
    .nest = "fields",
    .after = TUI_DF_CLOSE,
    .done = s_done,
    .shape = s_shape,
};

void tui_supplement_open(tui_t *t, const json_t *d, const json_t *defs, void *owner,
                         void (*reload)(tui_t *t, void *owner))
{
	json_t *fields = json_array(), *values = json_object_get(d, "fields"), *def, *more = json_array();
	json_t *fixed = tui_record_body(tui_jstr(d, "code"), "resubmit", json_integer_value(json_object_get(d, "version")));
	char title[256];
	size_t i;

	s_reload = reload;
	json_array_foreach(defs, i, def)
	{ /* the declaration as received */
		json_t *f = json_deep_copy(def);
		const char *v = json_string_value(json_object_get(values, tui_jstr(def, "name")));
		if (v)
			json_object_set_new(f, "value", json_string(v));
		json_array_append_new(fields, f);
	}
	tui_reception_checklist(more, json_object_get(d, "checklist"), json_object_get(d, "papers"), false);
	snprintf(title, sizeof title, _("Nhận hồ sơ bổ sung — %s"), tui_jstr(d, "code"));
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_spec,
	                                 .title = title,
	                                 .note = _("Sửa tờ khai và đánh dấu giấy tờ theo những gì người nộp mang đến."),
	                                 .fields = fields,
	                                 .fixed = fixed,
	                                 .owner = owner,
	                                 .more = more});
	json_decref(fields);
	json_decref(fixed);
	json_decref(more);
}
