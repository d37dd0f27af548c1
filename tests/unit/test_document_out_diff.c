/* test_document_out_diff.c — client/tui/document_out_diff.c, the line diff
 * of two revisions of a draft: lines kept, removed and added in order
 * against hand-made expectations (a line inserted in the middle, one
 * changed, one removed, texts with and without a final newline, empty
 * texts), the count of differing lines, and texts over DIFF_MAX_LINES
 * shown as all removed then all added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "document_out.h"

typedef struct {
	char out[8192];
	size_t len;
} acc_t;

/* Each line as "<op><text>|". */
static void s_emit(void *ctx, tui_diff_op_t op, const char *line, size_t len)
{
	acc_t *a = ctx;
	int n;

	if (a->len >= sizeof a->out - 1)
		return; /* full: the lines are only counted */
	n = snprintf(a->out + a->len, sizeof a->out - a->len, "%c%.*s|", (char)op, (int)len, line);
	a->len = a->len + (size_t)n < sizeof a->out ? a->len + (size_t)n : sizeof a->out - 1;
}

static void s_check(const char *a, const char *b, const char *want, int changed)
{
	acc_t acc = {0};
	int n = tui_line_diff(a, b, s_emit, &acc);

	assert_string_equal(acc.out, want);
	assert_int_equal(n, changed);
}

static void test_insert(void **state)
{
	(void)state;
	s_check("Điều 1.\nĐiều 3.\n", "Điều 1.\nĐiều 2.\nĐiều 3.\n", " Điều 1.|+Điều 2.| Điều 3.|", 1);
}

static void test_change_remove(void **state)
{
	(void)state;
	s_check("a\nb\nc\nd", "a\nB\nc", " a|-b|+B| c|-d|", 3);
}

static void test_same_and_empty(void **state)
{
	(void)state;
	s_check("x\ny", "x\ny\n", " x| y|", 0);
	s_check("", "", "", 0);
	s_check("", "mới", "+mới|", 1);
	s_check("cũ", "", "-cũ|", 1);
	s_check(NULL, "a", "+a|", 1);
}

/* Lines that repeat: the longest common run is kept, not the first match. */
static void test_repeats(void **state)
{
	(void)state;
	s_check("a\nb\na\nb", "b\na\nb", "-a| b| a| b|", 1);
}

static void test_too_long(void **state)
{
	size_t n = (DIFF_MAX_LINES + 1) * 2;
	char *a = malloc(n + 1), *b = malloc(n + 1);
	int changed;
	acc_t *acc = calloc(1, sizeof *acc);

	(void)state;
	for (size_t i = 0; i < n; i += 2)
		memcpy(a + i, "x\n", 2), memcpy(b + i, "x\n", 2);
	a[n] = b[n] = 0;
	changed = tui_line_diff(a, b, s_emit, acc); /* the same lines, but too many to pair */
	assert_int_equal(changed, 2 * (DIFF_MAX_LINES + 1));
	assert_memory_equal(acc->out, "-x|-x|", 6); /* all of a removed first */
	free(a);
	free(b);
	free(acc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_insert),       cmocka_unit_test(test_change_remove), cmocka_unit_test(test_same_and_empty),
	    cmocka_unit_test(test_repeats),      cmocka_unit_test(test_too_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
