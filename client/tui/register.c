/* register.c — the desk's tracking book (sổ theo dõi hồ sơ, form 07) of a
 * span of days: a small form (from, to), then the book as the server lays
 * it out, scrolled in the text view whose print key draws it as an A4 PDF
 * (or sends it to $PRINTER). The CLI's dossier register gives its CSV. */
#include <stdio.h>
#include <time.h>

#include "dossiers.h"
#include "i18n.h"

static void s_show(tui_t *t, void *owner, const json_t *reply)
{
	char title[128], stem[64];

	(void)owner;
	snprintf(title, sizeof title, _("Sổ theo dõi hồ sơ — %lld hồ sơ"),
	         (long long)json_integer_value(json_object_get(reply, "count")));
	snprintf(stem, sizeof stem, "so-theo-doi-%s-%s", tui_jstr(reply, "from"), tui_jstr(reply, "to"));
	tui_push(t, &tui_text_screen,
	         &(tui_text_arg_t){.title = title,
	                           .text = tui_jstr(reply, "text"),
	                           .layout = tui_jstr(reply, "layout"),
	                           .stem = stem});
}

static const tui_field_form_spec_t s_spec = {.msg = MSG_dossier_register, .after = TUI_DF_STAY, .done = s_show};

void tui_register_open(tui_t *t)
{
	json_t *fields = json_pack("[{s:s, s:s, s:s, s:b}, {s:s, s:s, s:s, s:b}]", "name", "from", "label", _("Từ ngày"),
	                           "type", "date", "required", 1, "name", "to", "label", _("Đến ngày"), "type", "date",
	                           "required", 0);
	char today[16];
	struct tm tm = {0};
	json_t *values;

	tui_today(&tm);
	strftime(today, sizeof today, "%d/%m/%Y", &tm);
	values = json_pack("{s:s, s:s}", "from", today, "to", today);
	tui_field_form_push(t,
	                    (tui_field_form_arg_t){.spec = &s_spec,
	                                           .title = _("Sổ theo dõi hồ sơ (mẫu 07)"),
	                                           .note = _("Hồ sơ tiếp nhận từ ngày đến ngày, của đơn vị và cấp dưới. F2 "
	                                                     "hoặc Enter ở ô cuối để xem; p trong sổ để in.")},
	                    fields, NULL, values);
}
