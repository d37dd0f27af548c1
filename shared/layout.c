/* layout.c — parse the desk documents' line markup (layout.h) and render it
 * as plain text for 80-column printers and the terminal. */
#include "layout.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *layout_next(const char *s, lay_line_t *l)
{
	const char *end, *p;

	if (!s || !*s)
		return NULL;
	end = strchr(s, '\n');
	if (!end)
		end = s + strlen(s);
	memset(l, 0, sizeof *l);
	l->text = s;
	l->len = (size_t)(end - s);
	if (*s == '@' && l->len >= 2 && strchr("c2t|-p", s[1])) {
		static const struct {
			char c;
			lay_kind_t k;
		} kinds[] = {{'c', LAY_CENTER}, {'2', LAY_TWO}, {'t', LAY_COLS},
			     {'|', LAY_ROW},    {'-', LAY_RULE}, {'p', LAY_PAGE}};
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (kinds[i].c == s[1])
				l->kind = kinds[i].k;
		p = s + 2;
		if (l->kind == LAY_PAGE)
			p = s + l->len;
		for (; p < end && (*p == 'b' || *p == 'i'); p++)
			l->style |= *p == 'b' ? LAY_BOLD : LAY_ITALIC;
		if (p < end && *p == ' ')
			p++;
		l->text = p;
		l->len = (size_t)(end - p);
	}
	if (l->kind == LAY_TWO) {
		const char *bar = memchr(l->text, '|', l->len);
		l->split = bar ? (size_t)(bar - l->text) : l->len;
	}
	if (l->kind == LAY_COLS)
		for (p = l->text; p < end && l->ncols < LAY_MAXCOLS;) {
			l->widths[l->ncols++] = atoi(p);
			p = memchr(p, ',', (size_t)(end - p));
			if (!p)
				break;
			p++;
		}
	return *end ? end + 1 : end;
}

/* Columns of s[0..n). */
static int s_width(const char *s, size_t n)
{
	char buf[1024];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return text_width(buf);
}

/* Bytes of s[0..n) that fit in cols columns. */
static size_t s_fit(const char *s, size_t n, int cols)
{
	char buf[1024];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return text_fit(buf, cols);
}

void layout_wrap(const char *s, size_t len, int cols, void (*out)(const char *, size_t, void *), void *arg)
{
	const char *end = s + len;

	if (cols < 1)
		cols = 1;
	if (len == 0) {
		out(s, 0, arg);
		return;
	}
	while (s < end) {
		size_t fit = s_fit(s, (size_t)(end - s), cols), cut = fit;
		if (s + fit < end) {
			/* break at the last space that fits; none: cut the word */
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit ? fit : 1;
		}
		out(s, cut, arg);
		s += cut;
		while (s < end && *s == ' ')
			s++;
	}
}

typedef struct {
	char *buf;
	size_t len, cap;
	int cols;
	int indent; /* body: the lines' indent */
} out_t;

static void s_put(out_t *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2 + 256;
		char *nb = realloc(o->buf, cap);
		if (!nb)
			return;
		o->buf = nb;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = 0;
}

static void s_pad(out_t *o, int n)
{
	for (; n > 0; n--)
		s_put(o, " ", 1);
}

static void s_centered(const char *s, size_t n, void *arg)
{
	out_t *o = arg;
	int w = s_width(s, n);
	s_pad(o, (o->cols - w) / 2);
	s_put(o, s, n);
	s_put(o, "\n", 1);
}

static void s_body(const char *s, size_t n, void *arg)
{
	out_t *o = arg;
	s_pad(o, o->indent);
	s_put(o, s, n);
	s_put(o, "\n", 1);
}

/* Lines of one cell or half, kept to lay side by side. */
typedef struct {
	const char *line[32];
	size_t n[32];
	int count;
} lines_t;

static void s_collect(const char *s, size_t n, void *arg)
{
	lines_t *l = arg;
	if (l->count < 32) {
		l->line[l->count] = s;
		l->n[l->count++] = n;
	}
}

/* Cells side by side: cell k wrapped in widths[k], centred when `center`. */
static void s_side(out_t *o, const char **cell, const size_t *len, const int *widths, int ncells, bool center)
{
	lines_t l[LAY_MAXCOLS];
	int rows = 0;

	for (int k = 0; k < ncells; k++) {
		l[k].count = 0;
		layout_wrap(cell[k], len[k], widths[k], s_collect, &l[k]);
		if (l[k].count > rows)
			rows = l[k].count;
	}
	for (int r = 0; r < rows; r++) {
		size_t start = o->len;
		for (int k = 0; k < ncells; k++) {
			int w = r < l[k].count ? s_width(l[k].line[r], l[k].n[r]) : 0, left = center ? (widths[k] - w) / 2 : 0;
			s_pad(o, left);
			if (r < l[k].count)
				s_put(o, l[k].line[r], l[k].n[r]);
			s_pad(o, widths[k] - w - left + (k + 1 < ncells && !center ? 1 : 0));
		}
		while (o->len > start && o->buf[o->len - 1] == ' ')
			o->buf[--o->len] = 0;
		s_put(o, "\n", 1);
	}
}

char *layout_text(const char *layout, int cols)
{
	out_t o = {.cols = cols};
	lay_line_t l;
	int widths[LAY_MAXCOLS] = {0}, ncols = 0;

	s_put(&o, "", 0);
	for (const char *s = layout; (s = layout_next(s, &l));) {
		switch (l.kind) {
		case LAY_CENTER:
			layout_wrap(l.text, l.len, cols, s_centered, &o);
			break;
		case LAY_TWO: {
			const char *cell[2] = {l.text, l.text + (l.split < l.len ? l.split + 1 : l.len)};
			size_t len[2] = {l.split, l.split < l.len ? l.len - l.split - 1 : 0};
			int w[2] = {cols * 2 / 5, cols - cols * 2 / 5};
			s_side(&o, cell, len, w, 2, true);
			break;
		}
		case LAY_COLS:
			ncols = l.ncols;
			memcpy(widths, l.widths, sizeof widths);
			break;
		case LAY_ROW: {
			const char *cell[LAY_MAXCOLS], *p = l.text, *end = l.text + l.len;
			size_t len[LAY_MAXCOLS];
			int k = 0;
			for (; k < ncols; k++) {
				const char *tab = memchr(p, '\t', (size_t)(end - p));
				cell[k] = p;
				len[k] = (size_t)((tab ? tab : end) - p);
				p = tab ? tab + 1 : end;
			}
			s_side(&o, cell, len, widths, ncols, false);
			if (l.style & LAY_BOLD) {
				int total = ncols - 1;
				for (k = 0; k < ncols; k++)
					total += widths[k];
				for (k = 0; k < total && k < cols; k++)
					s_put(&o, "-", 1);
				s_put(&o, "\n", 1);
			}
			break;
		}
		case LAY_RULE:
			s_centered("----------", 10, &o);
			break;
		case LAY_PAGE:
			s_put(&o, "\n", 1);
			for (int k = 0; k < cols; k++)
				s_put(&o, k % 2 ? " " : "-", 1);
			s_put(&o, "\n\n", 2);
			break;
		case LAY_BODY:
			o.indent = 0;
			while (o.indent < (int)l.len && l.text[o.indent] == ' ')
				o.indent++;
			layout_wrap(l.text + o.indent, l.len - (size_t)o.indent, cols - o.indent, s_body, &o);
			break;
		}
	}
	return o.buf;
}
