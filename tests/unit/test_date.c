/* test_date.c — shared/date.c: the one strict reading of a date the
 * server, the CLI and the TUI all use (what sscanf let through is refused),
 * and the dd/mm/yyyy a clerk types in the TUI. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "date.h"

/* Exactly YYYY-MM-DD, digits only, a day the month has. */
static void test_parse(void **state)
{
	static const char *good[] = {"2026-03-15", "2024-02-29", "2000-02-29", "2028-02-29", "1900-12-31"};
	static const char *bad[] = {"2026-+1-+5", "2026-2-30",  " 2026-01-01", "2026-01-01 ", "2026-02-29",
				    "1900-02-29", "2026-13-01", "2026-00-10",  "2026-04-31",  "2026-01-00",
				    "2026/01/01", "２026-01-01", "2026-0x-01",  "2026- 1- 5",  "",
				    NULL};
	int y, m, d;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(date_parse(good[i], &y, &m, &d), 0);
	assert_true(y == 1900 && m == 12 && d == 31);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse(bad[i], &y, &m, &d), -1);
}

static void test_month(void **state)
{
	static const char *bad[] = {"2026-13", "2026-00", "2026-+1", "2026-1", "2026-01-01", "11/2026", "", NULL};
	int y, m;

	(void)state;
	assert_int_equal(date_parse_month("2026-11", &y, &m), 0);
	assert_true(y == 2026 && m == 11);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse_month(bad[i], &y, &m), -1);
	assert_int_equal(date_parse_my("11/2026", &y, &m), 0);
	assert_true(y == 2026 && m == 11);
	assert_int_equal(date_parse_my("3/2026", &y, &m), 0);
	assert_int_equal(date_parse_my("13/2026", &y, &m), -1);
	assert_int_equal(date_parse_my("+1/2026", &y, &m), -1);
}

/* What a clerk types: d/m/yyyy with /, . or -; still a real date. */
static void test_dmy(void **state)
{
	static const char *bad[] = {"30/02/2026", "29/02/2026", "+1/+5/2026", " 1/5/2026", "1/5/26",
				    "1/5/2026 ",  "15/13/2026", "0/1/2026",   "15032026",  "", NULL};
	int y, m, d;
	char buf[16];

	(void)state;
	assert_int_equal(date_parse_dmy("15/03/2026", &y, &m, &d), 0);
	assert_string_equal(date_format(y, m, d, buf, sizeof buf), "2026-03-15");
	assert_int_equal(date_parse_dmy("1.5.2026", &y, &m, &d), 0);
	assert_string_equal(date_format(y, m, d, buf, sizeof buf), "2026-05-01");
	assert_int_equal(date_parse_dmy("29-02-2028", &y, &m, &d), 0);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse_dmy(bad[i], &y, &m, &d), -1);
	assert_string_equal(date_format_month(2026, 3, buf, sizeof buf), "2026-03");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_month),
	    cmocka_unit_test(test_dmy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
