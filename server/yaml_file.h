/* yaml_file.h — YAML data files (forms/, the calendar) read with libcyaml into
 * plain structures, with every problem reported as "file:line: message".
 * Public names start with yf_ (yaml_ is libyaml's). */
#ifndef CONGVU_YAML_FILE_H
#define CONGVU_YAML_FILE_H

#include <cyaml/cyaml.h>
#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

/* Every error of one load, as "file:line: message\n" lines (buf, caller
 * frees; NULL when none). After 200 errors only the count grows. */
typedef struct {
	char *buf;
	size_t len, cap;
	unsigned n;
	bool oom;
} yf_errs_t;

/* The text of every error, with a last line counting those left out, or
 * "dir: hết bộ nhớ" when memory ran out. Takes e's buffer: caller frees. */
char *yf_text(yf_errs_t *e, const char *dir);

/* Add "path:line: message" ("path: message" when line is 0). */
__attribute__((format(printf, 4, 5))) void yf_err(yf_errs_t *e, const char *path, long line, const char *fmt, ...);

/* One file being read: its text, the same text parsed by libyaml, and where
 * its errors go. */
typedef struct {
	const char *path;
	char *text;
	size_t len;
	yaml_document_t doc;
	bool have_doc;
	yf_errs_t *errs;
	unsigned errs_before;
} yf_file_t;

/* Read path (at most 1 MiB) and parse it with libyaml. False (reported)
 * when it cannot be read, is too large, is not YAML or is empty. Close
 * with yf_close either way. */
bool yf_open(yf_file_t *fl, const char *path, yf_errs_t *errs);
void yf_close(yf_file_t *fl);
/* Errors were reported since the file was opened. */
bool yf_bad(const yf_file_t *fl);

/* Check the document's shape against schema (keys, kinds, integers,
 * booleans, enumerations, lengths: every problem on its line), then load
 * it with libcyaml. NULL (reported) on any error; free with yf_free. */
void *yf_load(yf_file_t *fl, const cyaml_schema_value_t *schema);
void yf_free(const cyaml_schema_value_t *schema, void *data);

/* The line of the node at a dotted path below the root: "fields.3.choices"
 * is key fields, entry 3 of that sequence, then its key choices. A key's
 * own line is used, so that an error about a value points at where the key
 * is written; a path that runs out gives the deepest line found. */
__attribute__((format(printf, 2, 3))) long yf_line(yf_file_t *fl, const char *fmt, ...);
long yf_node_line(const yaml_node_t *n);
/* The value of key in mapping node (and the key node in *keyp), or NULL. */
yaml_node_t *yf_map_get(yaml_document_t *doc, yaml_node_t *node, const char *key, yaml_node_t **keyp);

/* The *.yaml names in dir, sorted so that errors come in a stable order.
 * Caller frees each name and the array; NULL (reported) on error. */
char **yf_list(const char *dir, size_t *count, yf_errs_t *errs);

#endif
