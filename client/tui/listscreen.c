/* listscreen.c — a list loaded from the server: one request for the rows,
 * a table with a selection, Enter for details, the module's action keys,
 * yes/no confirmations, and reloading when the org tree changes (an event)
 * or the link comes back (events may have been missed). */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "kit.h"

/* Ask for the rows now, or as soon as the request in flight is answered. */
static void s_reload(tui_t *t, tui_lv_t *lv)
{
	if (tui_busy(t, lv))
		lv->stale = true;
	else {
		lv->stale = false;
		tui_request(t, lv, lv->spec->msg, NULL);
	}
}

void tui_lv_init(tui_t *t, tui_lv_t *lv, const tui_lvspec_t *spec)
{
	lv->spec = spec;
	s_reload(t, lv);
}

void tui_lv_leave(tui_t *t, void *st)
{
	tui_lv_t *lv = st;
	(void)t;
	json_decref(lv->rows);
	lv->rows = NULL;
}

static const json_t *s_row(const tui_lv_t *lv, int i)
{
	return json_array_get(lv->rows, (size_t)i);
}

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const tui_lv_t *lv = ctx;
	const char *s = lv->spec->cell(s_row(lv, row), col, buf, n);
	return s ? s : "";
}

static bool s_dim(const void *ctx, int row)
{
	const tui_lv_t *lv = ctx;
	return lv->spec->dim && lv->spec->dim(s_row(lv, row));
}

void tui_lv_draw(tui_t *t, void *st, WINDOW *w)
{
	tui_lv_t *lv = st;
	int h = getmaxy(w);

	(void)t;
	if (!lv->rows) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	tui_table_draw(w, 0, h, lv->spec->cols, lv->spec->ncols, &lv->list, s_cell, s_dim, lv);
	if (lv->list.n == 0)
		mvwaddstr(w, 2, 2, _("(danh sách trống)"));
}

int tui_lv_key(tui_t *t, void *st, tui_action_t a, int key)
{
	tui_lv_t *lv = st;
	const json_t *row = lv->list.n ? s_row(lv, lv->list.sel) : NULL;
	int r;

	(void)key;
	if ((r = tui_list_key(&lv->list, a)))
		return r;
	switch (a) {
	case ACT_BACK:
		tui_pop(t);
		return TUI_R_NONE;
	case ACT_RELOAD:
		s_reload(t, lv);
		return TUI_R_NONE;
	case ACT_OPEN:
		if (row && lv->spec->details)
			lv->spec->details(t, row);
		return TUI_R_NONE;
	case ACT_YES:
		return lv->spec->action ? lv->spec->action(t, lv, ACT_YES, NULL) : TUI_R_NONE;
	case ACT_NONE:
		return TUI_R_NONE;
	default:
		return lv->spec->action ? lv->spec->action(t, lv, a, row) : TUI_R_NONE;
	}
}

int tui_lv_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	tui_lv_t *lv = st;

	if (type == lv->spec->msg) {
		json_t *rows = json_object_get(body, lv->spec->key);
		if (e == E_OK && json_is_array(rows)) {
			json_decref(lv->rows);
			lv->rows = json_incref(rows);
			tui_list_set_count(&lv->list, (int)json_array_size(rows));
		} else if (e != E_OK)
			tui_error(t, e, NULL);
	} else {
		if (lv->spec->done)
			lv->spec->done(t, lv, type, e, body);
		lv->stale = true; /* show the write's effect */
	}
	if (lv->stale)
		s_reload(t, lv);
	return TUI_R_BODY;
}

int tui_lv_event(tui_t *t, void *st, int ev, json_t *body)
{
	(void)body;
	if (ev == EV_org_changed || ev == TUI_EV_RECONNECTED)
		s_reload(t, st);
	return TUI_R_NONE;
}

void tui_lv_confirm(tui_t *t, tui_lv_t *lv, tui_action_t a, const char *target, const char *question)
{
	lv->asked = a;
	snprintf(lv->target, sizeof lv->target, "%s", target);
	tui_confirm(t, question);
}

bool tui_lv_send(tui_t *t, tui_lv_t *lv, proto_msg_t type, json_t *body)
{
	if (tui_busy(t, lv)) {
		json_decref(body);
		tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
		return false;
	}
	if (!tui_request(t, lv, type, body))
		return false;
	tui_msg(t, false, "%s", _("Đang gửi…"));
	return true;
}
