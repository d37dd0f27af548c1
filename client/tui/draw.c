/* draw.c — putting UTF-8 text on the screen by display columns (text_width
 * and text_fit from shared/text.h, never by bytes), and word wrapping.
 * Every string reaches the terminal through tui_put, which shows control
 * and bidi characters as visible escapes (text_escape): data from the
 * server, old rows included, can neither move the cursor nor reorder a
 * line. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "widgets.h"

int tui_put(WINDOW *w, int y, int x, const char *s, int cols, int flags)
{
	char *shown = cols > 0 ? text_escape(s, 0) : NULL;
	bool cut = shown && !(flags & TUI_CUT) && cols > 1 && text_width(shown) > cols;
	size_t n;
	int used = 0;

	if (!shown)
		return 0;
	n = text_fit(shown, cut ? cols - 1 : cols);
	shown[n] = 0;
	used = text_width(shown);
	mvwaddnstr(w, y, x, shown, (int)n);
	free(shown);
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
	char *shown = text_escape(text, TEXT_ESC_KEEP_LF); /* wrapped as it will look */
	int n = shown ? tui_wrap(shown, cols, starts, lens, max < 16 ? max : 16) : 0;

	for (int i = 0; i < n; i++) {
		char *line = strndup(shown + starts[i], lens[i]);
		if (line)
			tui_put(w, y + i, x, line, cols, 0);
		free(line);
	}
	free(shown);
	return n;
}
