/* rowset.c — objects as rows under one list of columns, with the strings
 * that repeat down a list (names of units, states, priorities) sent once
 * in a table of words: what a board of many cards costs on the wire. The
 * server writes them, the CLI and the TUI read them back, here both. */
#include <string.h>

#include "rowset.h"

void rowset_init(rowset_t *r, const char *const *cols, size_t ncols)
{
	r->cols = cols;
	r->ncols = ncols;
	r->words = json_array();
	r->seen = json_object();
}

json_t *rowset_word(rowset_t *r, const char *s)
{
	json_t *i = json_object_get(r->seen, s);

	if (!i) {
		i = json_integer((json_int_t)json_array_size(r->words));
		json_object_set_new(r->seen, s, i);
		json_array_append_new(r->words, json_string(s));
	}
	return json_incref(i);
}

/* v as an index into r's words when it is a string (added when new), an
 * array of strings as an array of indexes; anything else as it is. */
static json_t *s_word(rowset_t *r, json_t *v)
{
	json_t *a, *x;
	size_t k;

	if (json_is_array(v)) {
		a = json_array();
		json_array_foreach(v, k, x) json_array_append_new(a, s_word(r, x));
		return a;
	}
	if (!json_is_string(v))
		return v ? json_incref(v) : json_null();
	return rowset_word(r, json_string_value(v));
}

/* The key of a column: its name without the '@'. */
static const char *s_key(const char *col)
{
	return col + (col[0] == '@');
}

json_t *rowset_row(rowset_t *r, const json_t *o)
{
	json_t *row = json_array(), *v;

	for (size_t k = 0; k < r->ncols; k++) {
		v = json_object_get(o, s_key(r->cols[k]));
		json_array_append_new(row, r->cols[k][0] == '@' ? s_word(r, v) : v ? json_incref(v) : json_null());
	}
	return row;
}

json_t *rowset_pick(const char *const *cols, size_t ncols, const json_t *o)
{
	json_t *out = json_object(), *v;

	for (size_t k = 0; k < ncols; k++)
		if ((v = json_object_get(o, s_key(cols[k]))))
			json_object_set(out, s_key(cols[k]), v);
	return out;
}

void rowset_end(rowset_t *r, json_t *reply)
{
	json_t *cols = json_array();

	for (size_t k = 0; k < r->ncols; k++)
		json_array_append_new(cols, json_string(r->cols[k]));
	if (reply) {
		json_object_set_new(reply, "cols", cols);
		json_object_set_new(reply, "words", r->words);
	} else {
		json_decref(cols);
		json_decref(r->words);
	}
	json_decref(r->seen);
	r->words = r->seen = NULL;
}

/* --- reading rows back --- */

/* v of an "@" column: the word it indexes, an array of indexes as an
 * array of words, anything else as it is. New reference. */
static json_t *s_unword(const json_t *words, json_t *v)
{
	json_t *a, *x;
	size_t i;

	if (json_is_integer(v) && json_array_get(words, (size_t)json_integer_value(v)))
		return json_incref(json_array_get(words, (size_t)json_integer_value(v)));
	if (!json_is_array(v))
		return json_incref(v);
	a = json_array();
	json_array_foreach(v, i, x) json_array_append_new(a, s_unword(words, x));
	return a;
}

json_t *rowset_object(const json_t *cols, const json_t *words, const json_t *row)
{
	json_t *o = json_object(), *v;
	size_t j;

	json_array_foreach(row, j, v)
	{
		const char *name = json_string_value(json_array_get(cols, j));
		if (name && name[0] == '@')
			json_object_set_new(o, name + 1, s_unword(words, v));
		else if (name)
			json_object_set(o, name, v);
	}
	return o;
}

json_t *rowset_objects(const json_t *body, const char *key)
{
	const json_t *cols = json_object_get(body, "cols"), *rows = json_object_get(body, "rows"), *r;
	const json_t *states = json_object_get(body, "states"), *words = json_object_get(body, "words");
	json_t *out, *v;
	size_t i;

	if (!json_is_array(cols) || !json_is_array(rows)) {
		rows = key ? json_object_get(body, key) : NULL;
		return json_is_array(rows) ? json_incref((json_t *)rows) : NULL;
	}
	out = json_array();
	json_array_foreach(rows, i, r)
	{
		json_t *o = rowset_object(cols, words, r);
		const char *state = json_string_value(json_object_get(o, "state"));
		if (state && (v = json_object_get(states, state)))
			json_object_set(o, "state_name", v);
		json_array_append_new(out, o);
	}
	return out;
}

json_t *rowset_board_cards(const json_t *reply)
{
	const json_t *cols = json_object_get(reply, "cols"), *words = json_object_get(reply, "words");
	json_t *out = json_deep_copy(reply), *col, *rows, *cards, *r;
	size_t c, i;

	json_array_foreach(json_object_get(out, "columns"), c, col)
	{
		if (!json_is_array(rows = json_object_get(col, "rows")))
			continue;
		cards = json_array();
		json_array_foreach(rows, i, r) json_array_append_new(cards, rowset_object(cols, words, r));
		json_object_set_new(col, "cards", cards);
		json_object_del(col, "rows");
	}
	json_object_del(out, "cols");
	json_object_del(out, "words");
	return out;
}
