/* list_screen.c — a list loaded from the server: one request for the rows
 * (with the module's filters), a table with a selection that stays on its
 * row across reloads, Enter for details, the module's action keys, yes/no
 * confirmations, and reloading when the module's event comes (the org tree
 * changed, a dossier moved) or the link comes back (events may have been
 * missed). */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "spec_screens.h"
#include "rowset.h"
#include "tui.h"

/* Rows the screen has room for: the table's height once drawn, before
 * that the terminal's less the bars, the lines above and the heading. */
static int s_page(const tui_lv_t *lv)
{
	int rows = lv->list.rows > 0 ? lv->list.rows : LINES - 7;
	return rows < 5 ? 5 : rows;
}

/* Ask for rows from offset: the module's query, and for a paged list a
 * screen of compact rows (or as many as asked). */
static void s_ask(tui_t *t, tui_lv_t *lv, int offset, int limit)
{
	json_t *body = lv->spec->query ? lv->spec->query(t, lv) : NULL;

	lv->appending = offset > 0;
	if (lv->spec->paged && !json_object_get(body, "limit")) {
		if (!body)
			body = json_object();
		json_object_set_new(body, "limit", json_integer(limit > 500 ? 500 : limit));
		json_object_set_new(body, "offset", json_integer(offset));
		json_object_set_new(body, "compact", json_true());
	}
	tui_request(t, lv, lv->spec->msg, body);
}

/* Ask for the rows now, or as soon as the request in flight is answered:
 * as many as are loaded, at least a screen. */
static void s_reload(tui_t *t, tui_lv_t *lv)
{
	int n = lv->rows ? (int)json_array_size(lv->rows) : 0;

	if (tui_busy(t, lv))
		lv->stale = true;
	else {
		lv->stale = false;
		s_ask(t, lv, 0, n > s_page(lv) ? n : s_page(lv));
	}
}

/* The selection is on the last row loaded and the server has more: ask
 * for the next screen (later, when a request is in flight). */
static void s_more(tui_t *t, tui_lv_t *lv)
{
	if (lv->more && lv->list.n && lv->list.sel >= lv->list.n - 1 && !tui_busy(t, lv))
		s_ask(t, lv, (int)json_array_size(lv->rows), s_page(lv));
}

void tui_lv_reload(tui_t *t, tui_lv_t *lv)
{
	s_reload(t, lv);
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

static attr_t s_attr(const void *ctx, int row)
{
	const tui_lv_t *lv = ctx;
	if (lv->spec->attr)
		return lv->spec->attr(s_row(lv, row));
	return lv->spec->dim && lv->spec->dim(s_row(lv, row)) ? tui_attr(TA_DIM) : A_NORMAL;
}

void tui_lv_draw(tui_t *t, void *st, WINDOW *w)
{
	tui_lv_t *lv = st;
	int h = getmaxy(w), y = lv->spec->top ? lv->spec->top(t, lv, w) : 0;

	if (!lv->rows) {
		mvwaddstr(w, y + 1, 2, _("Đang tải…"));
		return;
	}
	tui_table_draw_attr(w, y, h - y, lv->spec->cols, lv->spec->ncols, &lv->list, s_cell, s_attr, lv);
	if (lv->list.n == 0)
		mvwaddstr(w, y + 2, 2, _("(danh sách trống)"));
}

int tui_lv_key(tui_t *t, void *st, tui_action_t a, int key)
{
	tui_lv_t *lv = st;
	const json_t *row = lv->list.n ? s_row(lv, lv->list.sel) : NULL;
	int r;

	(void)key;
	if ((r = tui_list_key(&lv->list, a)) || a == ACT_DOWN || a == ACT_PGDN || a == ACT_BOTTOM) {
		s_more(t, lv);
		return r;
	}
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

/* Before rows replace lv->rows: move the selection to the row that has
 * the selected row's id (when the spec names one and the row is still there). */
static void s_keep_selection(tui_lv_t *lv, const json_t *rows)
{
	const char *key = lv->spec->id_key;
	const char *id = key && lv->list.n ? json_string_value(json_object_get(s_row(lv, lv->list.sel), key)) : NULL;
	size_t i;
	json_t *r;

	if (!id)
		return;
	json_array_foreach(rows, i, r)
	{
		const char *rid = json_string_value(json_object_get(r, key));
		if (rid && !strcmp(rid, id)) {
			lv->list.sel = (int)i;
			return;
		}
	}
}

/* The rows of a reply the spec keeps (new reference). */
static json_t *s_kept(tui_lv_t *lv, json_t *rows)
{
	json_t *kept, *r;
	size_t i;

	if (!lv->spec->keep)
		return json_incref(rows);
	kept = json_array();
	json_array_foreach(rows, i, r)
	{
		if (lv->spec->keep(lv, r))
			json_array_append(kept, r);
	}
	return kept;
}

int tui_lv_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	tui_lv_t *lv = st;

	if (type == lv->spec->msg) {
		json_t *all = e == E_OK ? rowset_objects(body, lv->spec->key) : NULL, *rows;
		if (all) {
			rows = s_kept(lv, all);
			json_decref(all);
			if (lv->appending) { /* the next screen, after those shown (unless a reload follows) */
				if (lv->rows && !lv->stale && json_array_size(rows)) {
					/* the selection waiting on the last row goes on to the first new one */
					if (lv->list.sel == (int)json_array_size(lv->rows) - 1)
						lv->list.sel++;
					json_array_extend(lv->rows, rows);
				}
				json_decref(rows);
			} else {
				s_keep_selection(lv, rows);
				json_decref(lv->rows);
				lv->rows = rows;
			}
			lv->more = json_is_true(json_object_get(body, "more"));
			lv->total = json_is_integer(json_object_get(body, "total"))
			                ? (int)json_integer_value(json_object_get(body, "total"))
			                : -1;
			tui_list_set_count(&lv->list, lv->rows ? (int)json_array_size(lv->rows) : 0);
		} else if (e != E_OK)
			tui_error(t, e, NULL);
		lv->appending = false;
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
	tui_lv_t *lv = st;

	(void)body;
	if (ev == (lv->spec->event ? lv->spec->event : EV_org_changed) || ev == TUI_EV_RECONNECTED)
		s_reload(t, lv);
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
