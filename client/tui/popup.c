/* popup.c — drawing a message box over the screen, and the aligned
 * "label: value" text that detail popups are made of. The popup's state
 * (open, its text, yes/no or not) lives in the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "widgets.h"

#define MAX_LINES 64
#define MAX_WIDTH 76

void tui_popup_draw(WINDOW *w, const char *title, const char *raw)
{
	size_t starts[MAX_LINES], lens[MAX_LINES];
	int h, cols, inner, n, widest = text_width(title) + 4, bw, bh, y0, x0;
	char *text;

	getmaxyx(w, h, cols);
	inner = (cols < MAX_WIDTH + 4 ? cols - 4 : MAX_WIDTH) - 4;
	if (inner < 8 || h < 5 || !(text = text_escape(raw, TEXT_ESC_KEEP_LF))) /* measured as shown */
		return;
	n = tui_wrap(text, inner, starts, lens, MAX_LINES);
	for (int i = 0; i < n; i++) {
		char *line = strndup(text + starts[i], lens[i]);
		int lw = line ? text_width(line) : 0;
		free(line);
		widest = lw > widest ? lw : widest;
	}
	if (widest > inner)
		widest = inner;
	bw = widest + 4;
	bh = n + 4 < h ? n + 4 : h;
	y0 = (h - bh) / 2;
	x0 = (cols - bw) / 2;
	/* a box of its own: framed on every side (line characters that
	 * TERM=linux draws too), its own background, nothing of the screen
	 * behind it showing through; the text keeps a space from the frame */
	wattron(w, tui_attr(TA_POPUP));
	for (int r = 0; r < bh; r++)
		mvwhline(w, y0 + r, x0, ' ', bw);
	mvwhline(w, y0, x0 + 1, ACS_HLINE, bw - 2);
	mvwhline(w, y0 + bh - 1, x0 + 1, ACS_HLINE, bw - 2);
	mvwvline(w, y0 + 1, x0, ACS_VLINE, bh - 2);
	mvwvline(w, y0 + 1, x0 + bw - 1, ACS_VLINE, bh - 2);
	mvwaddch(w, y0, x0, ACS_ULCORNER);
	mvwaddch(w, y0, x0 + bw - 1, ACS_URCORNER);
	mvwaddch(w, y0 + bh - 1, x0, ACS_LLCORNER);
	mvwaddch(w, y0 + bh - 1, x0 + bw - 1, ACS_LRCORNER);
	wattron(w, A_BOLD);
	mvwaddch(w, y0, x0 + 1, ' ');
	x0 += 2;
	tui_put(w, y0, x0, title, bw - 6, 0);
	waddch(w, ' ');
	wattroff(w, A_BOLD);
	for (int i = 0; i < n && i < bh - 4; i++) {
		char *line = strndup(text + starts[i], lens[i]);
		if (line)
			tui_put(w, y0 + 2 + i, x0, line, widest, 0);
		free(line);
	}
	wattroff(w, tui_attr(TA_POPUP));
	free(text);
}

char *tui_pairs_text(const char *const *kv, int n)
{
	int lw = 0;
	size_t size = 1;
	char *out, *p;

	for (int i = 0; i < n; i++) {
		int w = text_width(_(kv[2 * i]));
		lw = w > lw ? w : lw;
	}
	for (int i = 0; i < n; i++) /* label, padding, ": ", value, newline */
		size += strlen(_(kv[2 * i])) + (size_t)lw + 3 + strlen(kv[2 * i + 1] ? kv[2 * i + 1] : "");
	if (!(p = out = malloc(size)))
		return NULL;
	*p = 0;
	for (int i = 0; i < n; i++) {
		const char *label = _(kv[2 * i]);
		int pad = lw - text_width(label);
		p += sprintf(p, "%s%s:%*s %s", i ? "\n" : "", label, pad, "", kv[2 * i + 1] ? kv[2 * i + 1] : "");
	}
	return out;
}
