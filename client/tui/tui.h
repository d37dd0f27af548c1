/* tui.h — the full-screen ncurses interface of congvu, opened when the
 * client runs without arguments. Everything else about the UI is private to
 * client/tui/. */
#ifndef CONGVU_TUI_H
#define CONGVU_TUI_H

#include "conn.h"

/* Run the interface on an already created connection until the user quits.
 * last_user (may be NULL) prefills the login name. Sends whoami first and
 * goes straight to the home screen when this device still has a session.
 * Returns a sysexits(3) status: EX_OK on a normal quit. The terminal is
 * restored on every return path; conn stays owned by the caller. */
int tui_main(conn_t *conn, const char *last_user);

/* The rows of a list reply as objects (the list screens and the CLI): key's
 * array, or a compact reply ({cols, rows: [[...]], words, states: {code:
 * name}}, dossier.list --compact; a column "@x" indexes words) expanded,
 * each row with its state_name. NULL when the reply has neither. New
 * reference. */
json_t *tui_lv_rows(const json_t *body, const char *key);
/* One compact row r under cols as an object (new reference): a column
 * "@x" holds an index into words (an array of them: an array of words; a
 * value that is no index stays as it is), the others their value. */
json_t *tui_lv_row(const json_t *cols, const json_t *words, const json_t *r);

#endif
