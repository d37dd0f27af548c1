/* test_field_form.c — unit tests for the TUI's generated forms (client/tui/field_form.c,
 * field_form_check.c): what each field type accepts, what it sends, what it says
 * when the value is wrong; choice fields picked by arrows and by a first
 * letter typed without diacritics; the server's message put under its field. */
/* cmocka.h needs these before it */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <stdlib.h>
#include <string.h>

#include "widgets.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* One field of type, its definition's extra keys in json (may be NULL). */
static void s_form(tui_field_form_t *d, const char *type, bool required, const char *extra)
{
	json_t *def =
	    json_pack("{s:s, s:s, s:s, s:b}", "name", "f", "label", "Ô thử", "type", type, "required", required);
	json_t *defs;

	if (extra) {
		json_t *x = json_loads(extra, 0, NULL);
		assert_non_null(x);
		json_object_update(def, x);
		json_decref(x);
	}
	defs = json_pack("[o]", def);
	assert_int_equal(tui_field_form_init(d, defs), 0);
	json_decref(defs);
}

/* Type s into the focused field. */
static void s_type(tui_field_form_t *d, const char *s)
{
	bool submit;
	for (; *s; s++)
		tui_field_form_key(d, ACT_NONE, (unsigned char)*s, &submit);
}

struct check_case {
	const char *type, *extra, *typed;
	const char *sent; /* NULL: refused */
	const char *says; /* part of the message when refused */
};

static const struct check_case s_cases[] = {
    {"citizen_id", NULL, "079123456789", "079123456789", NULL},
    {"citizen_id", NULL, "0791 2345 6789", "079123456789", NULL},
    {"citizen_id", NULL, "07912345678", NULL, "12 chữ số"},
    {"citizen_id", NULL, "07912345678x", NULL, "12 chữ số"},
    {"phone", NULL, "0912 345 678", "0912345678", NULL},
    {"phone", NULL, "+84 912.345.678", "0912345678", NULL},
    {"phone", NULL, "02903 123 4567", NULL, "điện thoại"}, /* 12 digits: too long */
    {"phone", NULL, "912345678", NULL, "điện thoại"},
    {"email", NULL, "an.nv@camau.gov.vn", "an.nv@camau.gov.vn", NULL},
    {"email", NULL, "an.nv@camau", NULL, "Thư điện tử"},
    {"email", NULL, "a@b@c.vn", NULL, "Thư điện tử"},
    {"number", "{\"min\": 0, \"max\": 10000}", "12", "12", NULL},
    {"number", "{\"min\": 0, \"max\": 10000}", "10001", NULL, "từ 0 đến 10.000"},
    {"number", "{\"min\": 0, \"max\": 10000}", "1,5", NULL, "số nguyên"},
    {"money", "{\"min\": 1, \"max\": 1000000000000}", "1.500.000", "1500000", NULL},
    {"money", "{\"min\": 1, \"max\": 1000000000000}", "2 000 000", "2000000", NULL},
    {"money", "{\"min\": 1, \"max\": 1000000000000}", "0", NULL, "từ 1 đến 1.000.000.000.000"},
    {"money", NULL, "mười nghìn", NULL, "số tiền"},
    {"date", NULL, "15/03/2026", "2026-03-15", NULL},
    {"date", NULL, "5/3/2026", "2026-03-05", NULL},
    {"date", NULL, "2026-03-15", "2026-03-15", NULL},
    {"date", NULL, "29/02/2024", "2024-02-29", NULL},
    {"date", NULL, "29/02/2026", NULL, "ngày/tháng/năm"},
    {"date", NULL, "31/04/2026", NULL, "ngày/tháng/năm"},
    {"date", NULL, "15/03/26", NULL, "ngày/tháng/năm"},
    /* what the server refuses (shared/date.c), the TUI refuses */
    {"date", NULL, "2026-+1-+5", NULL, "ngày/tháng/năm"},
    {"date", NULL, "2026-2-30", NULL, "ngày/tháng/năm"},
    {"date", NULL, "2026-02-29", NULL, "ngày/tháng/năm"},
    {"date", NULL, "+1/+5/2026", NULL, "ngày/tháng/năm"},
    {"date", NULL, "2028-02-29", "2028-02-29", NULL},
    {"date", NULL, "15/03/1899", NULL, "ngày/tháng/năm"},
    {"month", NULL, "11/2026", "2026-11", NULL},
    {"month", NULL, "2026-11", "2026-11", NULL},
    {"month", NULL, "13/2026", NULL, "tháng/năm"},
    {"text", "{\"max\": 5}", "  Lan  ", "Lan", NULL},
    {"text", "{\"max\": 10, \"pattern\": \"^[0-9]+$\"}", "12a", NULL, "định dạng"},
    {"text", "{\"max\": 10, \"pattern\": \"^[0-9]+$\"}", "125", "125", NULL},
    {"choice", "{\"choices\": [\"Nam\", \"Nữ\"]}", "Nữ", "Nữ", NULL},
};

static void test_checks(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEM(s_cases); i++) {
		const struct check_case *c = &s_cases[i];
		tui_field_form_t d;
		json_t *v;

		s_form(&d, c->type, true, c->extra);
		tui_edit_set(&d.f[0].ed, c->typed); /* as if typed (choices cannot be typed into) */
		v = tui_field_form_values(&d);
		if (c->sent) {
			if (!v)
				fail_msg("case %zu (%s \"%s\") refused: %s", i, c->type, c->typed, d.f[0].err);
			assert_string_equal(json_string_value(json_object_get(v, "f")), c->sent);
			assert_string_equal(d.f[0].err, "");
		} else {
			if (v)
				fail_msg("case %zu (%s \"%s\") accepted", i, c->type, c->typed);
			assert_non_null(strstr(d.f[0].err, c->says));
		}
		json_decref(v);
		tui_field_form_free(&d);
	}
}

static void test_required_and_optional(void **state)
{
	tui_field_form_t d;
	json_t *v;

	(void)state;
	s_form(&d, "phone", false, NULL);
	v = tui_field_form_values(&d);
	assert_non_null(v); /* empty optional: left out */
	assert_int_equal(json_object_size(v), 0);
	json_decref(v);
	tui_field_form_free(&d);

	s_form(&d, "text", true, NULL);
	s_type(&d, "   ");
	assert_null(tui_field_form_values(&d));
	assert_string_equal(d.f[0].err, "Bắt buộc nhập.");
	assert_int_equal(tui_field_form_errors(&d), 1);
	s_type(&d, "x"); /* typing again clears the message */
	assert_int_equal(tui_field_form_errors(&d), 0);
	tui_field_form_free(&d);
}

static void test_choice_keys(void **state)
{
	tui_field_form_t d;
	bool submit;

	(void)state;
	s_form(&d, "choice", true, "{\"choices\": [\"Cha\", \"Mẹ\", \"Ông\", \"Bà\"]}");
	assert_int_equal(tui_field_form_key(&d, ACT_NONE, 'x', &submit), TUI_R_NONE); /* no choice starts with x */
	assert_string_equal(d.f[0].ed.buf, "");
	tui_field_form_key(&d, ACT_RIGHT, 0, &submit);
	assert_string_equal(d.f[0].ed.buf, "Cha");
	tui_field_form_key(&d, ACT_LEFT, 0, &submit);
	assert_string_equal(d.f[0].ed.buf, "Bà");  /* wraps */
	tui_field_form_key(&d, ACT_NONE, 'o', &submit); /* "o" finds "Ông" */
	assert_string_equal(d.f[0].ed.buf, "\xC3\x94ng");
	tui_field_form_key(&d, ACT_NONE, 'm', &submit);
	assert_string_equal(d.f[0].ed.buf, "M\xE1\xBA\xB9");
	tui_field_form_key(&d, ACT_NONE, ' ', &submit); /* space: the next one */
	assert_string_equal(d.f[0].ed.buf, "\xC3\x94ng");
	tui_field_form_key(&d, ACT_KILL, 0, &submit);
	assert_string_equal(d.f[0].ed.buf, "");
	tui_field_form_free(&d);
}

static void test_focus_and_server_error(void **state)
{
	json_t *defs = json_loads("[{\"name\":\"a\",\"label\":\"A\",\"type\":\"citizen_id\",\"required\":true},"
	                          "{\"name\":\"b\",\"label\":\"B\",\"type\":\"text\"}]",
	                          0, NULL);
	tui_field_form_t d;
	bool submit;

	(void)state;
	assert_int_equal(tui_field_form_init(&d, defs), 0);
	s_type(&d, "123");
	tui_field_form_key(&d, ACT_ENTER, 0, &submit); /* leaving a wrong field: the message at once */
	assert_false(submit);
	assert_int_equal(d.focus, 1);
	assert_non_null(strstr(d.f[0].err, "12 chữ số"));
	tui_field_form_key(&d, ACT_ENTER, 0, &submit); /* Enter on the last field sends */
	assert_true(submit);
	assert_null(tui_field_form_values(&d)); /* …but the form says no, focus on the wrong field */
	assert_int_equal(d.focus, 0);
	assert_true(tui_field_form_error(&d, "b", "B: không đúng định dạng"));
	assert_int_equal(d.focus, 1);
	assert_string_equal(d.f[1].err, "B: không đúng định dạng");
	assert_false(tui_field_form_error(&d, "fields", "?"));
	tui_field_form_clear(&d);
	assert_int_equal(tui_field_form_errors(&d), 0);
	assert_int_equal(d.focus, 0);
	tui_field_form_free(&d);
	json_decref(defs);

	defs = json_array();
	assert_int_equal(tui_field_form_init(&d, defs), -1); /* nothing to edit */
	json_decref(defs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_checks),
	    cmocka_unit_test(test_required_and_optional),
	    cmocka_unit_test(test_choice_keys),
	    cmocka_unit_test(test_focus_and_server_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
