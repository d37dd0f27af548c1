/* textview.c — a printed page in the window: a desk form (receipt 01,
 * supplement request 02, ... control slip 06) as the server lays it out,
 * wrapped to the window's width and scrolled with the list keys. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kit.h"

#define MAX_LINES 2000

typedef struct {
	char *title, *text; /* text NULL while it is fetched */
	int top, rows;      /* first line shown, lines at the last draw */
	int nlines;         /* wrapped lines at the last draw */
} text_t;

static void s_enter(tui_t *t, void *st, const void *arg)
{
	text_t *v = st;
	const tui_text_arg_t *a = arg;

	v->title = strdup(a->title ? a->title : "");
	if (a->text)
		v->text = strdup(a->text);
	else
		tui_request(t, v, MSG_dossier_print, json_pack("{s:s, s:s}", "code", a->code, "form", a->form));
}

static void s_leave(tui_t *t, void *st)
{
	text_t *v = st;
	(void)t;
	free(v->title);
	free(v->text);
}

static const char *s_name(void *st)
{
	return ((text_t *)st)->title;
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	text_t *v = st;
	int h = getmaxy(w), cols = getmaxx(w) - 2;
	size_t *starts, *lens;

	(void)t;
	if (!v->text) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	starts = calloc(MAX_LINES, sizeof *starts);
	lens = calloc(MAX_LINES, sizeof *lens);
	if (!starts || !lens) {
		free(starts);
		free(lens);
		return;
	}
	v->nlines = tui_wrap(v->text, cols, starts, lens, MAX_LINES);
	v->rows = h;
	if (v->top > v->nlines - h)
		v->top = v->nlines - h > 0 ? v->nlines - h : 0;
	for (int r = 0; r < h && v->top + r < v->nlines; r++) {
		char *line = strndup(v->text + starts[v->top + r], lens[v->top + r]);
		if (line)
			tui_put(w, r, 1, line, cols, 0);
		free(line);
	}
	if (v->top > 0)
		mvwaddch(w, 0, cols + 1, ACS_UARROW);
	if (v->top + h < v->nlines)
		mvwaddch(w, h - 1, cols + 1, ACS_DARROW);
	free(starts);
	free(lens);
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	text_t *v = st;
	int old = v->top, page = v->rows > 1 ? v->rows - 1 : 1;

	(void)key;
	switch (a) {
	case ACT_BACK:
		tui_pop(t);
		return TUI_R_NONE;
	case ACT_UP:
		v->top--;
		break;
	case ACT_DOWN:
		v->top++;
		break;
	case ACT_PGUP:
		v->top -= page;
		break;
	case ACT_PGDN:
		v->top += page;
		break;
	case ACT_TOP:
		v->top = 0;
		break;
	case ACT_BOTTOM:
		v->top = v->nlines;
		break;
	default:
		return TUI_R_NONE;
	}
	if (v->top > v->nlines - v->rows)
		v->top = v->nlines - v->rows;
	if (v->top < 0)
		v->top = 0;
	return v->top != old ? TUI_R_BODY : TUI_R_NONE;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	text_t *v = st;
	const char *text = json_string_value(json_object_get(body, "text"));

	(void)type;
	free(v->text);
	if (e != E_OK || !text) {
		tui_error(t, e, NULL);
		v->text = strdup(_("(không in được phiếu này)"));
		return TUI_R_BODY | TUI_R_MSG;
	}
	v->text = strdup(text);
	return TUI_R_BODY;
}

const tui_screen_t tui_text_screen = {
    .title = N_("Phiếu"),
    .name = s_name,
    .ctx = TC_LIST | TC_TEXT,
    .size = sizeof(text_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};
