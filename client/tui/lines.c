/* lines.c — a page built line by line for a view that scrolls as one page
 * (a dossier, a task): wrapped text, aligned "Label:  value" pairs, blank
 * separators; drawn from the page's scroll position with the ↑/↓ marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "widgets.h"

static void s_free_text(tui_lines_t *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->l[i].text);
	p->n = 0;
}

void tui_lines_reset(tui_lines_t *p, int cols)
{
	s_free_text(p);
	p->cols = cols;
}

void tui_lines_free(tui_lines_t *p)
{
	s_free_text(p);
	free(p->l);
	p->l = NULL;
	p->cap = 0;
}

static void s_push(tui_lines_t *p, int x, attr_t attr, const char *s, size_t len)
{
	if (p->n == p->cap) {
		int cap = p->cap ? 2 * p->cap : 64;
		tui_line_t *nl = realloc(p->l, (size_t)cap * sizeof *nl);
		if (!nl)
			return;
		p->l = nl;
		p->cap = cap;
	}
	if ((p->l[p->n].text = strndup(s, len))) {
		p->l[p->n].x = x;
		p->l[p->n++].attr = attr;
	}
}

void tui_lines_text(tui_lines_t *p, int x, attr_t attr, const char *text)
{
	size_t starts[64], lens[64];
	char *shown = text_escape(text, TEXT_ESC_KEEP_LF); /* wrapped as tui_put will show it */
	int n = shown ? tui_wrap(shown, p->cols - x - 1, starts, lens, 64) : 0;
	for (int i = 0; i < n; i++)
		s_push(p, x, attr, shown + starts[i], lens[i]);
	free(shown);
}

void tui_lines_blank(tui_lines_t *p)
{
	s_push(p, 0, A_NORMAL, "", 0);
}

void tui_lines_pair(tui_lines_t *p, int lw, const char *label, const char *value, attr_t vattr)
{
	int first = p->n;
	char pad[160];

	/* the label is drawn from column 1: the value starts at 1 + lw + 3 */
	tui_lines_text(p, lw + 4, vattr, *value ? value : "—");
	if (first < p->n) { /* the label goes in front of the first line */
		tui_line_t *l = &p->l[first];
		char *joined;
		int w = text_width(label);
		snprintf(pad, sizeof pad, "%s:%*s", label, lw + 2 - w, "");
		if (asprintf(&joined, "%s%s", pad, l->text) >= 0) {
			free(l->text);
			l->text = joined;
			l->x = 1;
		}
	}
}

int tui_lines_label_width(const char *const *labels, int n)
{
	int lw = 0;
	for (int i = 0; i < n; i++)
		lw = text_width(_(labels[i])) > lw ? text_width(_(labels[i])) : lw;
	return lw;
}

void tui_lines_draw(tui_lines_t *p, WINDOW *w)
{
	int h = getmaxy(w), cols = getmaxx(w);

	tui_page_fit(&p->page, h, p->n);
	for (int r = 0; r < h && p->page.top + r < p->n; r++) {
		const tui_line_t *l = &p->l[p->page.top + r];
		wattron(w, l->attr);
		tui_put(w, r, l->x, l->text, cols - l->x - 1, 0);
		wattroff(w, l->attr);
	}
	tui_page_marks(&p->page, w, cols - 1);
}
