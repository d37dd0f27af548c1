/* board_draw.c — drawing the board at any width from 80 columns up: whose board
 * and its filters; a tab per column with its count (names shortened when
 * they do not all fit, the tab shown always whole); the column's cards,
 * two lines each — mark, code, title, priority; lead, deadline, remaining
 * time, progress — overdue ones first and marked; or the summary: the
 * unit's own row and one per direct child unit (its whole subtree).
 * Only the window's contents are redrawn: ncurses sends the terminal what
 * differs, so a card that changed costs a few bytes, not a screen. */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "i18n.h"
#include "text.h"

#define HEAD_ROWS 4 /* board, filters, tabs, the column's heading */

/* Row 0: whose board; row 1: the filters in force, or the keys that set them. */
static void s_header(const board_t *b, WINDOW *w)
{
	const tui_bfilter_t *f = &b->m.f;
	int cols = getmaxx(w), used;
	char line[768], unit[300];
	const char *name = f->unit[0] ? f->unit_name : tui_jstr(b->m.snap, "unit_name");
	size_t len;

	snprintf(line, sizeof line, _("%s và cấp dưới"), tui_unit_short(*name ? name : "…", unit, sizeof unit));
	wattron(w, A_BOLD);
	used = tui_put(w, 0, 1, line, cols - 2, 0);
	wattroff(w, A_BOLD);
	if (used + 14 < cols)
		tui_put(w, 0, cols - 12, _("! quá hạn"), 11, 0);
	if (!f->person[0] && !f->priority[0] && !f->source[0] && !f->overdue) {
		wattron(w, tui_attr(TA_DIM));
		tui_put(w, 1, 1, _("Lọc: u đơn vị · p cán bộ · d ưu tiên · n nguồn · o quá hạn"), cols - 2, 0);
		wattroff(w, tui_attr(TA_DIM));
		return;
	}
	len = (size_t)snprintf(line, sizeof line, "%s", _("Lọc:"));
	if (f->person[0])
		len += (size_t)snprintf(line + len, sizeof line - len, _(" cán bộ %s ·"), f->person_name);
	if (f->priority[0] && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, " %s ·",
		                        tui_code_name(tui_task_priorities, tui_task_npriorities, f->priority));
	if (f->source[0] && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, _(" nguồn %s ·"),
		                        tui_code_name(tui_task_sources, tui_task_nsources, f->source));
	if (f->overdue && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, _(" chỉ quá hạn ·"));
	if (len < sizeof line)
		snprintf(line + len, sizeof line - len, "%s", _(" c: bỏ lọc"));
	tui_put(w, 1, 1, line, cols - 2, 0);
}

typedef struct {
	const char *name;
	char count[16];
} tab_t;

static int s_tab_width(const tab_t *tab, int namew, bool shown)
{
	int w = text_width(tab->name);
	return (w < namew ? w : namew) + (tab->count[0] ? 1 + (int)strlen(tab->count) : 0) + (shown ? 2 : 0);
}

/* The width of the tab row: tabs' names cut to namew (the shown one
 * whole), sep columns apart. */
static int s_tabs_width(const tab_t *tabs, int n, int shown, int namew, int sep)
{
	int total = n * sep;
	for (int k = 0; k <= n; k++)
		total += s_tab_width(&tabs[k], k == shown ? 99 : namew, k == shown);
	return total;
}

/* Row 2: "Mới giao 3" per column and "Tổng hợp", two spaces apart when
 * they all fit whole; otherwise one, the shown tab in reverse video and
 * whole, the others' names cut to the widest that lets every tab fit. */
static void s_tabs(const board_t *b, WINDOW *w)
{
	const json_t *cols = tui_board_model_columns(&b->m), *col;
	int n = tui_board_ncols(b), avail = getmaxx(w) - 2, namew = 40, sep = 2, x = 1;
	tab_t tabs[16];
	size_t i;

	if (n > 15)
		n = 15;
	json_array_foreach(cols, i, col)
	{
		if ((int)i >= n)
			break;
		tabs[i].name = tui_jstr(col, "name");
		snprintf(tabs[i].count, sizeof tabs[i].count, "%lld",
		         (long long)json_integer_value(json_object_get(col, "count")));
	}
	tabs[n].name = _("Tổng hợp");
	tabs[n].count[0] = 0;
	if (s_tabs_width(tabs, n, b->tab, namew, sep) > avail)
		for (sep = 1; namew > 3 && s_tabs_width(tabs, n, b->tab, namew, sep) > avail; namew--)
			;
	for (int k = 0; k <= n && x < avail; k++) {
		bool shown = k == b->tab;
		int nw = text_width(tabs[k].name);
		attr_t at = shown ? tui_attr(TA_SEL) | A_BOLD : A_NORMAL;

		if (!shown && nw > namew)
			nw = namew;
		wattron(w, at);
		wmove(w, 2, x);
		if (shown)
			waddch(w, ' ');
		tui_put(w, 2, x + shown, tabs[k].name, nw, 0);
		if (tabs[k].count[0]) {
			waddch(w, ' ');
			waddstr(w, tabs[k].count);
		}
		if (shown)
			waddch(w, ' ');
		wattroff(w, at);
		x += s_tab_width(&tabs[k], shown ? 99 : namew, shown) + sep;
	}
}

/* Row 3: the column's full name, how many, how many overdue. */
static void s_heading(const board_t *b, WINDOW *w)
{
	const json_t *col = tui_board_column(b), *card;
	int overdue = 0, shown = (int)json_array_size(json_object_get(col, "cards"));
	json_int_t count = json_integer_value(json_object_get(col, "count"));
	char line[512];
	size_t i;

	if (!col) {
		snprintf(line, sizeof line, "%s", _("Tổng hợp theo đơn vị chủ trì"));
	} else {
		json_array_foreach(json_object_get(col, "cards"), i, card) overdue +=
		    json_is_true(json_object_get(card, "overdue"));
		snprintf(line, sizeof line, _("%s — %lld nhiệm vụ"), tui_jstr(col, "name"), (long long)count);
		if (overdue) {
			size_t len = strlen(line);
			snprintf(line + len, sizeof line - len, _(", %d quá hạn"), overdue);
		}
		if (shown < count) {
			size_t len = strlen(line);
			snprintf(line + len, sizeof line - len, _(" (hiện %d)"), shown);
		}
	}
	wattron(w, tui_attr(TA_HEAD));
	tui_put(w, 3, 1, line, getmaxx(w) - 2, 0);
	wattroff(w, tui_attr(TA_HEAD));
}

/* One card at rows y, y+1. */
static void s_card(const json_t *card, bool sel, WINDOW *w, int y)
{
	int cols = getmaxx(w), rw;
	bool overdue = json_is_true(json_object_get(card, "overdue"));
	const char *prio = tui_jstr(card, "priority");
	char right[256], lead[400], day[32];
	attr_t base = sel ? tui_attr(TA_SEL) : A_NORMAL, warn = sel ? base | A_BOLD : tui_attr(TA_ERR);

	wattron(w, base);
	mvwhline(w, y, 0, ' ', cols);
	mvwhline(w, y + 1, 0, ' ', cols);
	/* line 1: mark, code, title, and a priority above normal */
	if (overdue) {
		wattron(w, warn);
		mvwaddstr(w, y, 1, "!");
		wattroff(w, warn);
		wattron(w, base);
	}
	tui_put(w, y, 3, tui_jstr(card, "code"), 13, 0);
	rw = 0;
	if (strcmp(prio, "normal")) {
		const char *pn = tui_code_name(tui_task_priorities, tui_task_npriorities, prio);
		rw = text_width(pn);
		wattron(w, A_BOLD);
		tui_put(w, y, cols - rw - 1, pn, rw, 0);
		wattroff(w, A_BOLD);
		wattron(w, base);
		rw += 2;
	}
	wattron(w, A_BOLD);
	tui_put(w, y, 17, tui_jstr(card, "title"), cols - 18 - rw, 0);
	wattroff(w, A_BOLD);
	wattron(w, base);
	/* line 2: the lead on the left; deadline, remaining time, progress on the right */
	snprintf(right, sizeof right, _("hạn %s · %s · %lld%%"),
	         tui_task_day(tui_jstr(card, "deadline"), day, sizeof day), tui_jstr(card, "remaining"),
	         (long long)json_integer_value(json_object_get(card, "percent")));
	rw = text_width(right);
	if (rw > cols - 12)
		rw = cols - 12;
	tui_put(w, y + 1, 3, tui_task_lead(card, lead, sizeof lead), cols - 6 - rw, 0);
	if (overdue)
		wattron(w, warn);
	tui_put(w, y + 1, cols - rw - 1, right, rw, 0);
	wattroff(w, warn);
	wattroff(w, base);
}

static void s_cards(board_t *b, WINDOW *w)
{
	const json_t *cards = json_object_get(tui_board_column(b), "cards");
	tui_list_t *l = &b->list;
	int rows = (getmaxy(w) - HEAD_ROWS) / 2, cols = getmaxx(w);

	if (rows < 1)
		return;
	l->rows = rows;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top > l->n - rows)
		l->top = l->n - rows > 0 ? l->n - rows : 0;
	if (l->n == 0) {
		wattron(w, tui_attr(TA_DIM));
		tui_put(w, HEAD_ROWS + 1, 3, _("(không có nhiệm vụ nào)"), cols - 4, 0);
		wattroff(w, tui_attr(TA_DIM));
		return;
	}
	for (int r = 0; r < rows && l->top + r < l->n; r++)
		s_card(json_array_get(cards, (size_t)(l->top + r)), l->top + r == l->sel, w, HEAD_ROWS + 2 * r);
	if (l->top > 0)
		mvwaddch(w, HEAD_ROWS, cols - 1, ACS_UARROW);
	if (l->top + rows < l->n)
		mvwaddch(w, HEAD_ROWS + 2 * rows - 1, cols - 1, ACS_DARROW);
}

/* --- the summary --- */

static const tui_col_t s_sum_cols[] = {
    {N_("Đơn vị chủ trì"), 14, 1}, {N_("Đang mở"), 7, 0}, {N_("Tuần này"), 8, 0}, {N_("Quá hạn"), 7, 0},
    {N_("Đúng hạn"), 8, 0},        {N_("Trễ hạn"), 7, 0}, {N_("% đúng"), 6, 0},
};
#define NSUM (int)(sizeof s_sum_cols / sizeof s_sum_cols[0])
static const char *const s_sum_keys[NSUM] = {NULL, "open", "due_week", "overdue", "on_time", "late", "on_time_rate"};

static const json_t *s_sum_row(const board_t *b, int row)
{
	const json_t *sum = json_object_get(b->m.snap, "summary");
	return row < (int)json_array_size(sum) ? json_array_get(sum, (size_t)row) : json_object_get(b->m.snap, "total");
}

static const char *s_sum_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const board_t *b = ctx;
	const json_t *r = s_sum_row(b, row), *v;

	if (col == 0)
		return row == b->sum.n - 1 ? _("Toàn bộ") : tui_unit_short(tui_jstr(r, "unit_name"), buf, n);
	v = json_object_get(r, s_sum_keys[col]);
	if (json_is_integer(v))
		snprintf(buf, n, "%*lld%s", s_sum_cols[col].min - (col == NSUM - 1), (long long)json_integer_value(v),
		         col == NSUM - 1 ? "%" : "");
	else /* no task finished yet: no rate */
		snprintf(buf, n, "%*s", s_sum_cols[col].min + 2, "—");
	return buf;
}

static attr_t s_sum_attr(const void *ctx, int row)
{
	const board_t *b = ctx;
	const json_t *r = s_sum_row(b, row);

	if (row == b->sum.n - 1)
		return A_BOLD;
	return json_integer_value(json_object_get(r, "overdue")) > 0 ? tui_attr(TA_ERR) : A_NORMAL;
}

static void s_summary(board_t *b, WINDOW *w)
{
	int h = getmaxy(w), legend = h > HEAD_ROWS + 8 ? 2 : 0;

	tui_table_draw_attr(w, HEAD_ROWS, h - HEAD_ROWS - legend, s_sum_cols, NSUM, &b->sum, s_sum_cell, s_sum_attr, b);
	if (legend)
		tui_put_wrapped(w, h - legend, 1,
		                _("Tuần này: đến hạn trước thứ Hai tới · Đúng hạn, Trễ hạn: nghiệm thu trong 30 ngày "
		                  "qua · % đúng: tỷ lệ đúng hạn · Enter: bảng của đơn vị · Esc: quay lại"),
		                getmaxx(w) - 2, legend);
}

void tui_board_draw(tui_t *t, void *st, WINDOW *w)
{
	board_t *b = st;

	(void)t;
	if (!b->m.snap) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	s_header(b, w);
	s_tabs(b, w);
	s_heading(b, w);
	if (tui_board_column(b))
		s_cards(b, w);
	else
		s_summary(b, w);
}
