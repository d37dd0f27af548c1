/* rowset.h — a list of objects that share their keys sent as rows: one
 * `cols` list names the values of every row, and strings that repeat down
 * the list travel once in a `words` table (a column "@key" holds indexes
 * into it). The client's inverse is tui_lv_row (client/tui/listscreen.c). */
#ifndef CONGVU_ROWSET_H
#define CONGVU_ROWSET_H

#include <jansson.h>
#include <stddef.h>

typedef struct {
	const char *const *cols; /* borrowed: "key" or "@key" (a word, or an array of words) */
	size_t ncols;
	json_t *words; /* [string...] */
	json_t *seen;  /* {string: index into words} */
} rowset_t;

/* Start a set of rows with these columns (borrowed, live as long as r). */
void rowset_init(rowset_t *r, const char *const *cols, size_t ncols);
/* Object o as a row in r's columns (new reference): a key o lacks is null;
 * an "@key" string becomes its index into the words (added when new), an
 * array of strings an array of indexes. */
json_t *rowset_row(rowset_t *r, const json_t *o);
/* s as an index into r's words (new reference; added when new): for rows
 * built from something other than an object. */
json_t *rowset_word(rowset_t *r, const char *s);
/* o with only the keys of these columns (new reference): the fields of a
 * row, named, for a message that travels alone. */
json_t *rowset_pick(const char *const *cols, size_t ncols, const json_t *o);
/* Put r's `cols` and `words` into reply (NULL: drop them); release r. */
void rowset_end(rowset_t *r, json_t *reply);

#endif
