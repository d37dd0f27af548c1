/* layout.h — the desk's printed documents as a small line markup that both
 * an 80-column text printer and a PDF page render (server/print.c writes
 * it from forms/templates; layout_text here, client/pdf.c for A4).
 *
 * One line, one item; a line that starts with '@' is markup:
 *   @c TEXT       centred            @2 LEFT|RIGHT   two halves, each centred
 *   @t W1,W2,...  a table's columns (widths in text columns, a sum <= 80)
 *   @| A<TAB>B... one row of that table, cells wrapped in their columns
 *   @-            a rule under a heading (text: a short centred line)
 *   @page         a new page (text: a cut line)
 * The directive's letters may be followed by b (bold) and i (italic): "@cb",
 * "@2bi", "@|b". Any other line is body text, wrapped at the width, its
 * leading spaces kept as the wrapped lines' indent. */
#ifndef CONGVU_LAYOUT_H
#define CONGVU_LAYOUT_H

#include <stddef.h>

typedef enum { LAY_BODY, LAY_CENTER, LAY_TWO, LAY_COLS, LAY_ROW, LAY_RULE, LAY_PAGE } lay_kind_t;

enum { LAY_BOLD = 1, LAY_ITALIC = 2 };

#define LAY_MAXCOLS 12

typedef struct {
	lay_kind_t kind;
	unsigned style;       /* LAY_BOLD | LAY_ITALIC */
	const char *text;     /* the item's text (not NUL-terminated) */
	size_t len;
	/* LAY_TWO: the split of text at '|' (right starts at text + split + 1) */
	size_t split;
	/* LAY_COLS: the widths */
	int ncols, widths[LAY_MAXCOLS];
} lay_line_t;

/* Parse the line at s into *l; returns where the next line starts, NULL at
 * the end of the text. */
const char *layout_next(const char *s, lay_line_t *l);

/* Lines of s[0..len) wrapped at cols columns on spaces (a word longer than
 * cols is cut): calls out(line, bytes, arg) for each. */
void layout_wrap(const char *s, size_t len, int cols, void (*out)(const char *, size_t, void *), void *arg);

/* The layout rendered as plain UTF-8 text `cols` wide (new string, caller
 * frees; NULL on allocation failure). */
char *layout_text(const char *layout, int cols);

#endif
