/* rowset.c — objects as rows under one list of columns, with the strings
 * that repeat down a list (names of units, states, priorities) sent once
 * in a table of words: what a board of many cards costs on the wire. */
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
