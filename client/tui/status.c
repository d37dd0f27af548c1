/* status.c — answering a phone inquiry ("Tra cứu"): the status of a
 * dossier by its code, whole (any logged-in official may ask) or short,
 * the code's distinguishing end 261203-0002 the citizen reads out (found in
 * the official's agency and the units below; the server names the
 * dossiers when two agencies issued it). The server says only the state,
 * the step and the dates. The prompt stays for the next call. */
#include <stdlib.h>

#include "dossiers.h"
#include "i18n.h"

static void s_answer(tui_t *t, void *owner, const json_t *r)
{
	char due[64], nd[64], *text;
	bool moved = *tui_jstr(r, "new_due");

	(void)owner;
	text = tui_pairs_text((const char *const[]){N_("Mã hồ sơ"), tui_jstr(r, "code"), N_("Thủ tục"),
	                                            tui_jstr(r, "title"), N_("Tình trạng"), tui_jstr(r, "state_name"),
	                                            N_("Bước"), tui_jstr(r, "step"), N_("Hẹn trả"),
	                                            tui_date(tui_jstr(r, "due"), due, sizeof due), N_("Thời hạn"),
	                                            tui_jstr(r, "remaining"), N_("Hẹn lại"),
	                                            tui_date(tui_jstr(r, "new_due"), nd, sizeof nd)},
	                      moved ? 7 : 6);
	if (text)
		tui_popup(t, _("Tình trạng hồ sơ"), text);
	free(text);
}

static const tui_field_form_spec_t s_spec = {
    .msg = MSG_dossier_status,
    .after = TUI_DF_STAY,
    .done = s_answer,
};

void tui_status_open(tui_t *t)
{
	json_t *fields = json_pack("[{s:s, s:s, s:s, s:b, s:i}]", "name", "code", "label", _("Mã hồ sơ"), "type",
	                           "text", "required", 1, "max", 64);

	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_spec,
	                            .title = _("Tra cứu hồ sơ theo mã"),
	                            .note = _("Trả lời người dân hỏi qua điện thoại: tình trạng, bước đang xử lý "
	                                      "và ngày hẹn trả. Gõ mã ngắn (ngày nhận-số, vd. 261203-0002) "
	                                      "hoặc mã đầy đủ rồi Enter."),
	                            .fields = fields});
	json_decref(fields);
}
