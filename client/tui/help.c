/* help.c — the keys of the screen help was opened on, generated from the
 * keymap table: what the hint line abbreviates, in full. */
#include <stdio.h>

#include "i18n.h"
#include "widgets.h"

#define MAX_LINES 64

typedef struct {
	tui_list_t list;
	tui_help_line_t lines[MAX_LINES];
	char title[160];
} help_t;

static void s_enter(tui_t *t, void *st, const void *arg)
{
	help_t *h = st;
	const tui_help_arg_t *a = arg;

	(void)t;
	snprintf(h->title, sizeof h->title, _("Phím dùng trong màn hình “%s”"), a->title);
	tui_list_set_count(&h->list, tui_keymap_help(a->ctx, h->lines, MAX_LINES));
}

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const help_t *h = ctx;
	(void)buf;
	(void)n;
	return col == 0 ? h->lines[row].keys : h->lines[row].desc;
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	static const tui_col_t cols[] = {{N_("Phím"), 16, 0}, {N_("Tác dụng"), 30, 1}};
	help_t *h = st;

	(void)t;
	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, 1, 2, h->title, getmaxx(w) - 4, 0);
	wattroff(w, tui_attr(TA_TITLE));
	tui_table_draw(w, 3, getmaxy(w) - 3, cols, 2, &h->list, s_cell, NULL, h);
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	help_t *h = st;
	(void)key;
	if (a == ACT_BACK) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	return tui_list_key(&h->list, a);
}

const tui_screen_t tui_help_screen = {
    .title = N_("Trợ giúp"),
    .ctx = TC_LIST | TC_HELP,
    .size = sizeof(help_t),
    .enter = s_enter,
    .draw = s_draw,
    .key = s_key,
};
