/* record_view.c — the part of a record's view (a dossier, a task) that is the
 * same for both: keeping it current, the actions the server allows on it
 * and how one is asked for and sent, the lines of its history. */
#include <stdio.h>
#include <string.h>

#include "record_view.h"
#include "i18n.h"

void tui_record_reload_body(tui_t *t, void *owner, bool *stale, proto_msg_t show, json_t *body)
{
	if (tui_busy(t, owner)) {
		*stale = true;
		json_decref(body);
	} else {
		*stale = false;
		tui_request(t, owner, show, body);
	}
}

void tui_record_reload(tui_t *t, void *owner, bool *stale, proto_msg_t show, const char *code)
{
	tui_record_reload_body(t, owner, stale, show, json_pack("{s:s}", "code", code));
}

bool tui_record_shown(tui_t *t, json_t **record, proto_err_t e, json_t *body)
{
	if (e == E_OK) {
		json_decref(*record);
		*record = json_incref(body);
		return false;
	}
	tui_error_body(t, e, body, NULL);
	if (*record)
		return false;
	tui_pop(t); /* nothing to show: back where we came from, saying why */
	tui_error_body(t, e, body, NULL);
	return true;
}

void tui_record_line(tui_lines_t *page, const json_t *record, const char *none)
{
	const json_t *acts = json_object_get(record, "actions"), *a;
	char line[1024];
	size_t len, i;

	if (!json_array_size(acts)) {
		tui_lines_text(page, 1, tui_attr(TA_DIM), none);
		return;
	}
	len = (size_t)snprintf(line, sizeof line, "%s", _("Thao tác được phép (phím a):"));
	json_array_foreach(acts, i, a)
	{
		if (len < sizeof line)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? " · " : " ",
			                        tui_jstr(a, "label"));
	}
	tui_lines_text(page, 1, A_BOLD, line);
}

void tui_record_choose(tui_t *t, const json_t *record, const char *title, const char *none,
                     void (*picked)(tui_t *t, void *owner, const json_t *row), void *owner)
{
	const json_t *acts = json_object_get(record, "actions");

	if (!json_array_size(acts))
		tui_msg(t, true, "%s", none);
	else
		tui_push(t, &tui_pick_screen,
		         &(tui_pick_arg_t){
		             .title = title, .rows = acts, .label = "label", .picked = picked, .owner = owner});
}

json_t *tui_record_body(const char *code, const char *action, json_int_t version)
{
	return json_pack("{s:s, s:s, s:I}", "code", code, "action", action, "version", version);
}

void tui_record_ask(tui_t *t, tui_act_t *p, const json_t *record, const char *action, const char *question)
{
	snprintf(p->name, sizeof p->name, "%s", action);
	p->ver = json_integer_value(json_object_get(record, "version"));
	tui_confirm(t, question);
}

void tui_record_yes(tui_t *t, void *owner, tui_act_t *p, proto_msg_t msg, const char *code)
{
	if (p->name[0]) {
		if (tui_busy(t, owner))
			tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		else if (tui_request(t, owner, msg, tui_record_body(code, p->name, p->ver)))
			tui_msg(t, false, "%s", _("Đang gửi…"));
	}
	p->name[0] = 0;
}

void tui_record_result(tui_t *t, proto_err_t e, const json_t *body, const char *done)
{
	if (e == E_OK)
		tui_msg(t, false, done, tui_jstr(body, "state_name"));
	else
		tui_error_body(t, e, body, NULL);
}

void tui_record_entry(tui_lines_t *page, const json_t *entry)
{
	char line[1024], at[64];

	snprintf(line, sizeof line, "%s  %s — %s", tui_date(tui_jstr(entry, "at"), at, sizeof at),
	         tui_jstr(entry, "who"), tui_jstr(entry, "label"));
	tui_lines_text(page, 1, A_NORMAL, line);
}

void tui_record_note(tui_lines_t *page, const char *note)
{
	char line[1024];

	if (!*note)
		return;
	snprintf(line, sizeof line, _("Ghi chú: %s"), note);
	tui_lines_text(page, 5, A_NORMAL, line);
}
