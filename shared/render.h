/* render.h — replies for people and for scripts: `--json` prints the reply
 * as one JSON document; otherwise lists become aligned tables and objects
 * "key: value" lines, with column widths measured in terminal cells. */
#ifndef CONGVU_RENDER_H
#define CONGVU_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

void render_reply(FILE *f, const json_t *reply, bool as_json);

#endif
