/* document_out_diff.c — a line diff of two revisions of a draft's text
 * (document_out.h): the longest common subsequence of their lines, so a
 * reviewer sees what changed between two versions. Pure: no curses. */
#include <stdlib.h>
#include <string.h>

#include "document_out.h"

typedef struct {
	const char **s; /* line starts */
	size_t *len;
	int n;
} lines_t;

/* Split text at '\n' (a last empty line after a final '\n' dropped). */
static int s_split(const char *text, lines_t *l)
{
	int cap = 1;

	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	l->s = malloc(sizeof *l->s * (size_t)cap);
	l->len = malloc(sizeof *l->len * (size_t)cap);
	l->n = 0;
	if (!l->s || !l->len)
		return -1;
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		l->s[l->n] = p;
		l->len[l->n++] = n;
		p += n + (e ? 1 : 0);
	}
	return 0;
}

static bool s_eq(const lines_t *a, int i, const lines_t *b, int j)
{
	return a->len[i] == b->len[j] && !memcmp(a->s[i], b->s[j], a->len[i]);
}

int tui_line_diff(const char *a, const char *b, void (*emit)(void *ctx, tui_diff_op_t op, const char *line, size_t len),
                  void *ctx)
{
	lines_t la = {0}, lb = {0};
	int *m = NULL, changed = 0, i = 0, j = 0;

	if (s_split(a ? a : "", &la) != 0 || s_split(b ? b : "", &lb) != 0)
		goto done;
	/* m[i][j]: the common lines of la[i..] and lb[j..] */
	if (la.n <= DIFF_MAX_LINES && lb.n <= DIFF_MAX_LINES &&
	    (m = calloc((size_t)(la.n + 1) * (size_t)(lb.n + 1), sizeof *m)))
		for (int x = la.n - 1; x >= 0; x--)
			for (int y = lb.n - 1; y >= 0; y--)
				m[x * (lb.n + 1) + y] = s_eq(&la, x, &lb, y) ? m[(x + 1) * (lb.n + 1) + y + 1] + 1
				                        : m[(x + 1) * (lb.n + 1) + y] >= m[x * (lb.n + 1) + y + 1]
				                            ? m[(x + 1) * (lb.n + 1) + y]
				                            : m[x * (lb.n + 1) + y + 1];
	while (i < la.n || j < lb.n) {
		if (m && i < la.n && j < lb.n && s_eq(&la, i, &lb, j)) {
			emit(ctx, DIFF_SAME, la.s[i], la.len[i]);
			i++, j++;
		} else if (i < la.n && (j == lb.n || !m || m[(i + 1) * (lb.n + 1) + j] >= m[i * (lb.n + 1) + j + 1])) {
			emit(ctx, DIFF_DEL, la.s[i], la.len[i]);
			i++, changed++;
		} else {
			emit(ctx, DIFF_ADD, lb.s[j], lb.len[j]);
			j++, changed++;
		}
	}
done:
	free(m);
	free(la.s);
	free(la.len);
	free(lb.s);
	free(lb.len);
	return changed;
}
