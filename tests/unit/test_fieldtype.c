/* test_fieldtype.c — shared/fieldtype.c, the one rule per field type that
 * the server (server/fields.c) and the TUI (client/tui/field_form_check.c) both
 * apply: a table of values and the verdict each must get, and the value
 * stored when taken. A verdict changed here changes it on both sides. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fieldtype.h"

static const char *const s_sexes[] = {"Nam", "Nữ"};

static const fieldtype_rule_t s_text = {FT_TEXT},
			      s_text5 = {FT_TEXT, .max = 5},
			      s_digits = {FT_TEXT, .max = 10, .pattern = "^[0-9]+$"},
			      s_num = {FT_NUMBER},
			      s_num_bounded = {FT_NUMBER, .min = 0, .max = 10000},
			      s_num_min = {FT_NUMBER, .min = 18}, /* max 0: none above */
			      s_money = {FT_MONEY},
			      s_money_bounded = {FT_MONEY, .min = 1, .max = 1000000000000},
			      s_date = {FT_DATE},
			      /* desk: a date marked not_future, on 03/12/2026 */
			      s_date_past = {FT_DATE, .year = 2026, .today = 20261203},
			      s_month = {FT_MONTH},
			      s_choice = {FT_CHOICE, .choices = s_sexes, .nchoices = 2},
			      s_cid = {FT_CITIZEN_ID},
			      s_cid_2026 = {FT_CITIZEN_ID, .year = 2026},
			      s_phone = {FT_PHONE},
			      s_email = {FT_EMAIL};

struct fcase {
	const fieldtype_rule_t *rule;
	const char *value;
	fieldtype_verdict_t want;
	const char *stored; /* when FV_OK */
};

static const struct fcase s_cases[] = {
    {&s_text, "Nguyễn Văn An", FV_OK, "Nguyễn Văn An"},
    {&s_text5, "Lan", FV_OK, "Lan"},
    {&s_text5, "Phương", FV_TOO_LONG, NULL}, /* bytes, not letters */
    {&s_digits, "125", FV_OK, "125"},
    {&s_digits, "12a", FV_PATTERN, NULL},
    {&s_num, "-12", FV_OK, "-12"},
    {&s_num, "1,5", FV_BAD, NULL},
    {&s_num, "1.500", FV_BAD, NULL}, /* separators are money's */
    {&s_num, "+12", FV_BAD, NULL},
    {&s_num, "1234567890123456789", FV_BAD, NULL}, /* 19 digits */
    {&s_num_bounded, "10000", FV_OK, "10000"},
    {&s_num_bounded, "10001", FV_RANGE, NULL},
    {&s_num_bounded, "-1", FV_RANGE, NULL},
    {&s_num_min, "17", FV_RANGE, NULL},
    {&s_num_min, "99999", FV_OK, "99999"},
    {&s_money, "1.500.000", FV_OK, "1500000"},
    {&s_money, "2 000 000", FV_OK, "2000000"},
    {&s_money, "1,500,000", FV_OK, "1500000"},
    {&s_money, "-5", FV_BAD, NULL},
    {&s_money, "mười nghìn", FV_BAD, NULL},
    {&s_money_bounded, "0", FV_RANGE, NULL},
    {&s_date, "2026-03-15", FV_OK, "2026-03-15"},
    {&s_date, "2028-02-29", FV_OK, "2028-02-29"},
    {&s_date, "2026-02-29", FV_BAD, NULL},
    {&s_date, "2026-2-30", FV_BAD, NULL},
    {&s_date, "2026-+1-+5", FV_BAD, NULL},
    {&s_date, "2026- 1- 5", FV_BAD, NULL},
    {&s_date, "15/03/2026", FV_BAD, NULL}, /* the TUI makes it 2026-03-15 first */
    {&s_date, "1899-12-31", FV_BAD, NULL},
    {&s_date, "2201-01-01", FV_BAD, NULL},
    /* desk: not after today, today itself allowed; a bad date stays bad */
    {&s_date_past, "2026-12-03", FV_OK, "2026-12-03"},
    {&s_date_past, "2026-12-02", FV_OK, "2026-12-02"},
    {&s_date_past, "2026-12-04", FV_FUTURE, NULL},
    {&s_date_past, "2027-01-01", FV_FUTURE, NULL},
    {&s_date_past, "2026-02-30", FV_BAD, NULL},
    {&s_date, "2027-01-01", FV_OK, "2027-01-01"}, /* a date not marked may lie ahead */
    {&s_month, "2026-11", FV_OK, "2026-11"},
    {&s_month, "2026-13", FV_BAD, NULL},
    {&s_month, "2026-+1", FV_BAD, NULL},
    {&s_choice, "Nữ", FV_OK, "Nữ"},
    {&s_choice, "nữ", FV_BAD, NULL},
    {&s_cid, "079123456789", FV_OK, "079123456789"},
    {&s_cid, "0791 2345 6789", FV_BAD, NULL}, /* the TUI drops the spaces first */
    {&s_cid, "07912345678", FV_BAD, NULL},
    {&s_cid, "07912345678x", FV_BAD, NULL},
    /* the province of the birth's registration: 63 codes, with gaps */
    {&s_cid, "096088001234", FV_OK, "096088001234"}, /* Cà Mau, a man born in 1988 */
    {&s_cid, "001301012345", FV_OK, "001301012345"}, /* Hà Nội, a woman born in 2001 */
    {&s_cid, "003088001234", FV_CODE, NULL},         /* 003: no province */
    {&s_cid, "097088001234", FV_CODE, NULL},         /* past the last (096) */
    {&s_cid, "000088001234", FV_CODE, NULL},
    /* the century and year of birth, when the year now is known */
    {&s_cid, "096245001234", FV_OK, "096245001234"}, /* 2045: not checked without a year */
    {&s_cid_2026, "096245001234", FV_FUTURE, NULL},   /* 2045 */
    {&s_cid_2026, "096226001234", FV_OK, "096226001234"}, /* a child born this year */
    {&s_cid_2026, "096327001234", FV_FUTURE, NULL},   /* 2027 */
    {&s_cid_2026, "096499001234", FV_FUTURE, NULL},   /* 4: the 2100s */
    {&s_cid_2026, "096199001234", FV_OK, "096199001234"}, /* a woman born in 1999 */
    {&s_phone, "0912 345 678", FV_OK, "0912345678"},
    {&s_phone, "+84 912.345.678", FV_OK, "0912345678"},
    {&s_phone, "02903-123-456", FV_OK, "02903123456"},
    {&s_phone, "02903 123 4567", FV_BAD, NULL}, /* 12 digits */
    {&s_phone, "912345678", FV_BAD, NULL},
    {&s_email, "an.nv@camau.gov.vn", FV_OK, "an.nv@camau.gov.vn"},
    {&s_email, "an.nv@camau", FV_BAD, NULL},
    {&s_email, "a@b@c.vn", FV_BAD, NULL},
    {&s_email, "an nv@camau.gov.vn", FV_BAD, NULL},
};

static void test_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof s_cases / sizeof *s_cases; i++) {
		const struct fcase *c = &s_cases[i];
		char norm[128] = "";
		fieldtype_verdict_t v = fieldtype_check(c->rule, c->value, norm, sizeof norm);

		if (v != c->want)
			fail_msg("case %zu (%s \"%s\"): verdict %d, want %d", i, fieldtype_name(c->rule->type), c->value,
				 (int)v, (int)c->want);
		if (c->stored)
			assert_string_equal(norm, c->stored);
	}
}

/* A text field without a max holds FIELDTYPE_TEXT_MAX bytes. */
static void test_text_default_max(void **state)
{
	char v[FIELDTYPE_TEXT_MAX + 2], norm[sizeof v + 32];

	(void)state;
	memset(v, 'a', FIELDTYPE_TEXT_MAX);
	v[FIELDTYPE_TEXT_MAX] = 0;
	assert_int_equal(fieldtype_check(&s_text, v, norm, sizeof norm), FV_OK);
	strcat(v, "a");
	assert_int_equal(fieldtype_check(&s_text, v, norm, sizeof norm), FV_TOO_LONG);
}

/* Every type has a name, and the name leads back to it. */
static void test_names(void **state)
{
	(void)state;
	for (int t = 0; t < FT_COUNT; t++)
		assert_int_equal(fieldtype_by_name(fieldtype_name((field_type_t)t)), t);
	assert_string_equal(fieldtype_name(FT_CITIZEN_ID), "citizen_id");
	assert_int_equal(fieldtype_by_name("document"), -1);
	assert_int_equal(fieldtype_by_name(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_verdicts),
	    cmocka_unit_test(test_text_default_max),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
