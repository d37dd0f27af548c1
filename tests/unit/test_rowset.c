/* test_rowset.c — shared/rowset.c, the compact-rows codec: what the server
 * writes (rowset_row, rowset_end) the CLI and the TUI read back as the same
 * objects (rowset_object, rowset_objects, rowset_board_cards). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rowset.h"

static const char *const s_cols[] = {"code", "@state", "@units", "n"};

/* Objects through the encoder and back are the objects (a missing key a
 * null), the repeated words sent once. */
static void test_round_trip(void **state)
{
	json_t *in = json_loads("[{\"code\": \"T-1\", \"state\": \"open\", \"units\": [\"UBND\", \"CA\"], \"n\": 3},"
	                        " {\"code\": \"T-2\", \"state\": \"open\", \"units\": [\"CA\"], \"n\": null}]",
	                        0, NULL);
	json_t *reply = json_object(), *rows = json_array(), *out, *o;
	rowset_t r;
	size_t i;

	(void)state;
	rowset_init(&r, s_cols, 4);
	json_array_foreach(in, i, o) json_array_append_new(rows, rowset_row(&r, o));
	json_object_set_new(reply, "rows", rows);
	json_object_set_new(reply, "states", json_pack("{s:s}", "open", "Đang làm"));
	rowset_end(&r, reply);
	assert_int_equal(json_array_size(json_object_get(reply, "words")), 3); /* open, UBND, CA */

	out = rowset_objects(reply, NULL);
	assert_int_equal(json_array_size(out), 2);
	json_array_foreach(out, i, o)
	{
		assert_string_equal(json_string_value(json_object_get(o, "state_name")), "Đang làm");
		json_object_del(o, "state_name");
		assert_true(json_equal(o, json_array_get(in, i)));
	}
	json_decref(out);
	json_decref(reply);
	json_decref(in);
}

/* A reply that is not compact: key's array as it is; neither: NULL. */
static void test_plain(void **state)
{
	json_t *reply = json_pack("{s:[{s:s}]}", "dossiers", "code", "HS-1"), *out;

	(void)state;
	out = rowset_objects(reply, "dossiers");
	assert_ptr_equal(out, json_object_get(reply, "dossiers"));
	json_decref(out);
	assert_null(rowset_objects(reply, NULL));
	json_decref(reply);
}

/* A board's columns: rows become cards; a word index out of the table
 * stays the number it is. */
static void test_board(void **state)
{
	json_t *reply = json_loads("{\"cols\": [\"code\", \"@state\"], \"words\": [\"open\"],"
	                           " \"columns\": [{\"state\": \"open\", \"rows\": [[\"T-1\", 0], [\"T-2\", 7]]}]}",
	                           0, NULL);
	json_t *b = rowset_board_cards(reply), *cards = json_object_get(json_array_get(json_object_get(b, "columns"), 0), "cards");

	(void)state;
	assert_null(json_object_get(b, "cols"));
	assert_null(json_object_get(json_array_get(json_object_get(b, "columns"), 0), "rows"));
	assert_int_equal(json_array_size(cards), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(cards, 0), "state")), "open");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(cards, 1), "state")), 7);
	json_decref(b);
	json_decref(reply);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_board),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
