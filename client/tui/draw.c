/* draw.c — putting UTF-8 text on the screen by display columns (text_width
 * and text_fit from shared/text.h, never by bytes), and word wrapping. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "widgets.h"

int tui_put(WINDOW *w, int y, int x, const char *s, int cols, int flags)
{
	bool cut = !(flags & TUI_CUT) && cols > 1 && text_width(s) > cols;
	size_t n;
	int used;
	char *tmp;

	if (cols <= 0)
		return 0;
	n = text_fit(s, cut ? cols - 1 : cols);
	tmp = strndup(s, n);
	used = tmp ? text_width(tmp) : 0;
	if (tmp)
		mvwaddnstr(w, y, x, tmp, (int)n);
	free(tmp);
	if (cut) {
		waddstr(w, "…");
		used++;
	}
	if ((flags & TUI_PAD) && used < cols) {
		wmove(w, y, x + used);
		for (int i = used; i < cols; i++)
			waddch(w, ' ');
	}
	return used;
}

int tui_wrap(const char *text, int cols, size_t *starts, size_t *lens, int max)
{
	size_t pos = 0, total = strlen(text);
	int nl = 0;

	if (cols < 1)
		cols = 1;
	while (nl < max && pos <= total) {
		size_t end = strcspn(text + pos, "\n"), fit, cut;
		char *line = strndup(text + pos, end);

		if (!line)
			break;
		fit = text_fit(line, cols);
		free(line);
		if (fit == 0 && end > 0) /* a character wider than the line */
			fit = end;
		cut = fit;
		if (fit < end) { /* break at the last space that fits, if any */
			size_t sp = fit;
			while (sp > 0 && text[pos + sp] != ' ')
				sp--;
			if (sp > 0)
				cut = sp;
		}
		starts[nl] = pos;
		lens[nl++] = cut;
		pos += cut;
		if (cut < end && text[pos] == ' ')
			pos++;
		else if (cut == end)
			pos++; /* past the '\n' (or the end) */
		if (pos > total)
			break;
	}
	return nl;
}

int tui_put_wrapped(WINDOW *w, int y, int x, const char *text, int cols, int max)
{
	size_t starts[16], lens[16];
	int n = tui_wrap(text, cols, starts, lens, max < 16 ? max : 16);

	for (int i = 0; i < n; i++) {
		char *line = strndup(text + starts[i], lens[i]);
		if (line)
			tui_put(w, y + i, x, line, cols, 0);
		free(line);
	}
	return n;
}
