/* search.c — a search screen: words typed with or without diacritics
 * ("nguyen van an" finds "Nguyễn Văn An"), sent as `text` in the request
 * the module's spec names; the rows found drawn as the module's list draws
 * them; Enter searches, then, on the same words, opens the selected row as
 * the list does. The rows come again when the list's event says one may
 * have changed. The dossiers' search (queue.c) and the documents'
 * (incoming and outgoing, beside their lists) are specs of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rowset.h"
#include "spec_screens.h"
#include "text.h"
#include "tui.h"

typedef struct {
	const tui_search_spec_t *spec;
	tui_edit_t ed;
	char last[TUI_EDIT_MAX + 1]; /* the text of the results shown (NFC) */
	json_t *rows;                /* NULL until a search answered */
	tui_list_t list;
} search_t;

static void s_enter(tui_t *t, void *st, const void *arg)
{
	search_t *s = st;
	(void)t;
	s->spec = arg;
	tui_edit_init(&s->ed, 200, false);
}

static void s_leave(tui_t *t, void *st)
{
	search_t *s = st;
	(void)t;
	json_decref(s->rows);
}

static const char *s_name(void *st)
{
	return _(((search_t *)st)->spec->title);
}

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const search_t *s = ctx;
	return s->spec->list->cell(json_array_get(s->rows, (size_t)row), col, buf, n);
}

static attr_t s_attr(const void *ctx, int row)
{
	const search_t *s = ctx;
	return s->spec->list->attr ? s->spec->list->attr(json_array_get(s->rows, (size_t)row)) : A_NORMAL;
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	search_t *s = st;
	const char *label = _("Tìm:");
	int cols = getmaxx(w), lw = text_width(label), cx;

	wattron(w, A_BOLD);
	tui_put(w, 1, 2, label, lw, 0);
	wattroff(w, A_BOLD);
	tui_edit_draw(&s->ed, w, 1, 3 + lw, cols - lw - 5, tui_attr(TA_FOCUS), &cx);
	tui_cursor(t, 1, cx);
	wattron(w, tui_attr(TA_DIM));
	tui_put(w, 2, 2, _(s->spec->hint), cols - 4, 0);
	wattroff(w, tui_attr(TA_DIM));
	if (!s->rows)
		return;
	tui_table_draw_attr(w, 4, getmaxy(w) - 4, s->spec->list->cols, s->spec->list->ncols, &s->list, s_cell, s_attr, s);
	if (s->list.n == 0)
		tui_put(w, 6, 2, _(s->spec->none), cols - 4, 0);
}

/* Ask for what text finds (again, after an event, when again). */
static bool s_ask(tui_t *t, search_t *s, const char *text)
{
	json_t *body = json_pack("{s:s, s:i}", "text", text, "limit", 100);

	if (s->spec->compact)
		json_object_set_new(body, "compact", json_true());
	return tui_request(t, s, s->spec->msg, body);
}

/* Search for what is typed. */
static void s_search(tui_t *t, search_t *s, const char *text)
{
	if (tui_busy(t, s))
		return;
	snprintf(s->last, sizeof s->last, "%s", text);
	json_decref(s->rows); /* new words: new results, from the top */
	s->rows = NULL;
	tui_list_set_count(&s->list, 0);
	if (s_ask(t, s, text))
		tui_msg(t, false, "%s", _("Đang tìm…"));
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	search_t *s = st;
	char *text;
	int r;

	if (a == ACT_BACK) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	if ((r = tui_list_key(&s->list, a)))
		return r;
	if (a != ACT_ENTER && a != ACT_SUBMIT)
		return tui_edit_key(&s->ed, a, key) ? TUI_R_BODY : TUI_R_NONE;
	if (!(text = tui_edit_nfc(&s->ed)))
		return TUI_R_NONE;
	if (a == ACT_ENTER && s->rows && s->list.n && !strcmp(text, s->last)) /* the same words: open */
		s->spec->list->details(t, json_array_get(s->rows, (size_t)s->list.sel));
	else if (*text)
		s_search(t, s, text);
	free(text);
	return TUI_R_BODY;
}

/* New results; the selection stays on the same row when it is still among
 * them (a refresh after an event), else goes to the top. */
static void s_take(search_t *s, json_t *rows)
{
	const char *was = s->list.n ? tui_jstr(json_array_get(s->rows, (size_t)s->list.sel), "code") : "";
	char code[64];
	size_t i;
	json_t *r;

	snprintf(code, sizeof code, "%s", was);
	s->list.sel = 0;
	json_array_foreach(rows, i, r)
	{
		if (*code && !strcmp(tui_jstr(r, "code"), code))
			s->list.sel = (int)i;
	}
	json_decref(s->rows);
	s->rows = json_incref(rows);
	tui_list_set_count(&s->list, (int)json_array_size(rows));
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	search_t *s = st;
	json_t *rows = e == E_OK ? rowset_objects(body, s->spec->list->key) : NULL;

	(void)type;
	if (!rows) {
		tui_error_body(t, e, body, NULL);
		return TUI_R_MSG;
	}
	s_take(s, rows);
	json_decref(rows);
	if (s->list.n)
		tui_msg(t, false, _(s->spec->found), s->list.n);
	else
		tui_msg(t, false, "%s", _(s->spec->none));
	return TUI_R_BODY | TUI_R_MSG;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	search_t *s = st;

	(void)body;
	if ((ev == s->spec->list->event || ev == TUI_EV_RECONNECTED) && s->rows && s->last[0] && !tui_busy(t, s))
		s_ask(t, s, s->last);
	return TUI_R_NONE;
}

const tui_screen_t tui_search_screen = {
    .title = N_("Tìm"),
    .name = s_name,
    .ctx = TC_FORM | TC_SEARCH,
    .size = sizeof(search_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
    .event = s_event,
};

void tui_search_open(tui_t *t, const tui_search_spec_t *spec)
{
	tui_push(t, &tui_search_screen, spec);
}
