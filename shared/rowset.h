/* rowset.h — the compact-rows codec: a list of objects that share their
 * keys sent as rows. One `cols` list names the values of every row, and
 * strings that repeat down the list travel once in a `words` table (a
 * column "@key" holds indexes into it). The server writes rows
 * (rowset_init … rowset_end: dossier lists, the queue, boards, tasks); the
 * CLI and the TUI read them back with rowset_object and its callers below,
 * so the two sides of the wire are one file. */
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

/* --- reading rows back (the client) --- */

/* One row under cols as the object it stands for (new reference): a
 * column "@x" holds an index into words (an array of them: an array of
 * words; a value that is no index stays as it is), the others their value.
 * The inverse of rowset_row. */
json_t *rowset_object(const json_t *cols, const json_t *words, const json_t *row);
/* The rows of a list reply as objects (the list screens and the CLI):
 * key's array, or a compact reply ({cols, rows: [[...]], words, states:
 * {code: name}}, dossier.list --compact) expanded, each row with its
 * state_name. NULL when the reply has neither. New reference. */
json_t *rowset_objects(const json_t *body, const char *key);
/* A `board` reply with each column's compact rows (under the reply's cols
 * and words) as the cards they stand for, under the column's "cards"; a
 * reply of whole cards copied as it is. New reference. */
json_t *rowset_board_cards(const json_t *reply);

#endif
