/* args.h — command-line arguments to request bodies, driven by the message
 * table: every field of a message is an option --key VALUE (--key=VALUE),
 * F_POS fields may also come positionally, T_STRS take a comma list, T_BOOL
 * are bare flags. Used by `congvu` and by `congvud admin`, so the two speak
 * the same commands. */
#ifndef CONGVU_ARGS_H
#define CONGVU_ARGS_H

#include <stdio.h>

#include "proto.h"

/* Parse argv[0..argc) for def. On success returns 0 and a new object in
 * *out (caller decrefs); on failure returns -1 and a Vietnamese message in
 * err. Values are NFC-normalised; required fields are not checked here
 * (args_complete), so a caller may fill some in itself. */
int args_parse(const proto_def_t *def, int argc, char **argv, json_t **out, char *err, size_t errlen);

/* 0 when body has every required field of def; otherwise -1 and "thiếu
 * --month" (the option as typed) in err: a usage error, before any request. */
int args_complete(const proto_def_t *def, const json_t *body, char *err, size_t errlen);

/* Print usage for one message's command: "PROG WORDS [--field VALUE]...",
 * what it does, and each option, within ARGS_COLS columns. */
void args_usage(FILE *f, const char *prog, const proto_def_t *def);

/* The width help is written to: an 80-column terminal's. */
#define ARGS_COLS 80

/* Print text from column col (where the line is now: spaces up to indent
 * when it is short of it, a space when past it), breaking between words before ARGS_COLS display
 * columns (text_width) and going on at column indent; ends the line. A
 * word longer than a line stays whole. */
void args_wrap(FILE *f, int col, int indent, const char *text);

/* "unit.add" -> "unit add" into buf. */
const char *args_words(const proto_def_t *def, char *buf, size_t n);

/* Find the message whose name is argv[0] or argv[0].argv[1] ("unit add").
 * *used receives how many words matched. NULL when none. */
const proto_def_t *args_lookup(int argc, char **argv, int *used);

#endif
