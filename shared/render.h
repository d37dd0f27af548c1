/* render.h — replies for people and for scripts: `--json` prints the reply
 * as one JSON document; otherwise lists become aligned tables and objects
 * "key: value" lines, with column widths measured in terminal cells. */
#ifndef CONGVU_RENDER_H
#define CONGVU_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum { RENDER_HUMAN, RENDER_JSON, RENDER_CSV } render_mode_t;

/* Print a reply. CSV prints the reply's first list of objects (RFC 4180
 * quoting), or its fields as one row. */
void render_reply(FILE *f, const json_t *reply, render_mode_t mode);

/* lang: how true and false read for people ("có", "không" until told;
 * the strings are borrowed for the program's life). */
void render_words(const char *yes, const char *no);

#endif
