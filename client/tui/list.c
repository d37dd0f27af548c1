/* list.c — a selection moving over n rows (arrows, j/k, pages) and a table
 * drawn from column specs: widths shared out at draw time, so the same
 * table fits 80 columns and stretches on a wide terminal; and a page that
 * scrolls without a selection. */
#include "i18n.h"
#include "widgets.h"

#define MAX_COLS 16

void tui_list_set_count(tui_list_t *l, int n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n - 1;
	if (l->sel < 0)
		l->sel = 0;
}

int tui_list_key(tui_list_t *l, tui_action_t a)
{
	int old = l->sel, page = l->rows > 1 ? l->rows - 1 : 1;

	switch (a) {
	case ACT_UP:
		l->sel--;
		break;
	case ACT_DOWN:
		l->sel++;
		break;
	case ACT_PGUP:
		l->sel -= page;
		break;
	case ACT_PGDN:
		l->sel += page;
		break;
	case ACT_TOP:
		l->sel = 0;
		break;
	case ACT_BOTTOM:
		l->sel = l->n - 1;
		break;
	default:
		return TUI_R_NONE;
	}
	tui_list_set_count(l, l->n);
	return l->sel != old ? TUI_R_BODY : TUI_R_NONE;
}

/* Share avail columns among the columns: each its minimum, the spare by
 * flex weight; when too narrow, the widest columns give way first. */
static void s_widths(const tui_col_t *cols, int n, int avail, int *cw)
{
	int sum = 0, flex = 0, spare, last = -1;

	for (int c = 0; c < n; c++) {
		cw[c] = cols[c].min;
		sum += cw[c];
		flex += cols[c].flex;
		if (cols[c].flex)
			last = c;
	}
	while (sum > avail) {
		int wide = 0;
		for (int c = 1; c < n; c++)
			if (cw[c] > cw[wide])
				wide = c;
		if (cw[wide] <= 1)
			break;
		cw[wide]--;
		sum--;
	}
	if (sum >= avail || !flex)
		return;
	spare = avail - sum;
	for (int c = 0; c < n; c++)
		if (cols[c].flex) {
			int add = spare * cols[c].flex / flex;
			cw[c] += add;
			sum += add;
		}
	cw[last] += avail - sum;
}

void tui_table_draw_attr(WINDOW *w, int y, int h, const tui_col_t *cols, int ncols, tui_list_t *l, tui_cell_fn cell,
                         tui_attr_fn attr, const void *ctx)
{
	int cw[MAX_COLS], width = getmaxx(w) - 2, x, rows = h - 1;

	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	if (rows < 1 || width < ncols)
		return;
	s_widths(cols, ncols, width - (ncols - 1), cw);
	wattron(w, tui_attr(TA_HEAD));
	x = 1;
	for (int c = 0; c < ncols; c++) {
		/* an empty head stays empty: gettext("") is the catalog's header */
		tui_put(w, y, x, *cols[c].head ? _(cols[c].head) : "", cw[c], TUI_PAD);
		x += cw[c] + 1;
	}
	wattroff(w, tui_attr(TA_HEAD));

	l->rows = rows;
	if (l->sel >= 0 && l->sel < l->top) /* sel < 0: nothing selected (the selection is elsewhere) */
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top > l->n - rows)
		l->top = l->n - rows > 0 ? l->n - rows : 0;
	for (int r = 0; r < rows && l->top + r < l->n; r++) {
		int i = l->top + r;
		attr_t at = i == l->sel ? tui_attr(TA_SEL) : attr ? attr(ctx, i) : A_NORMAL;

		wattron(w, at);
		mvwhline(w, y + 1 + r, 0, ' ', width + 2);
		x = 1;
		for (int c = 0; c < ncols; c++) {
			char buf[256];
			tui_put(w, y + 1 + r, x, cell(ctx, i, c, buf, sizeof buf), cw[c], 0);
			x += cw[c] + 1;
		}
		wattroff(w, at);
	}
	/* more above / below */
	if (l->top > 0)
		mvwaddch(w, y + 1, width + 1, ACS_UARROW);
	if (l->top + rows < l->n)
		mvwaddch(w, y + rows, width + 1, ACS_DARROW);
}

/* tui_table_draw's dim callback seen as an attribute callback. */
typedef struct {
	tui_cell_fn cell;
	tui_dim_fn dim;
	const void *ctx;
} dim_ctx_t;

static const char *s_dim_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const dim_ctx_t *d = ctx;
	return d->cell(d->ctx, row, col, buf, n);
}

static attr_t s_dim_attr(const void *ctx, int row)
{
	const dim_ctx_t *d = ctx;
	return d->dim && d->dim(d->ctx, row) ? tui_attr(TA_DIM) : A_NORMAL;
}

void tui_table_draw(WINDOW *w, int y, int h, const tui_col_t *cols, int ncols, tui_list_t *l, tui_cell_fn cell,
                    tui_dim_fn dim, const void *ctx)
{
	dim_ctx_t d = {cell, dim, ctx};
	tui_table_draw_attr(w, y, h, cols, ncols, l, s_dim_cell, s_dim_attr, &d);
}

void tui_page_fit(tui_page_t *p, int rows, int n)
{
	p->rows = rows;
	p->n = n;
	if (p->top > n - rows)
		p->top = n - rows;
	if (p->top < 0)
		p->top = 0;
}

int tui_page_key(tui_page_t *p, tui_action_t a)
{
	int old = p->top, page = p->rows > 1 ? p->rows - 1 : 1;

	switch (a) {
	case ACT_UP:
		p->top--;
		break;
	case ACT_DOWN:
		p->top++;
		break;
	case ACT_PGUP:
		p->top -= page;
		break;
	case ACT_PGDN:
		p->top += page;
		break;
	case ACT_TOP:
		p->top = 0;
		break;
	case ACT_BOTTOM:
		p->top = p->n;
		break;
	default:
		return TUI_R_NONE;
	}
	tui_page_fit(p, p->rows, p->n);
	return p->top != old ? TUI_R_BODY : TUI_R_NONE;
}

void tui_page_marks(const tui_page_t *p, WINDOW *w, int x)
{
	if (p->top > 0)
		mvwaddch(w, 0, x, ACS_UARROW);
	if (p->top + p->rows < p->n)
		mvwaddch(w, p->rows - 1, x, ACS_DARROW);
}
