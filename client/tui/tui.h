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


#endif
