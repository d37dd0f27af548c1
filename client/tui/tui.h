/* tui.h — the full-screen ncurses interface of congvu, opened when the
 * client runs without arguments. Everything else about the UI is private to
 * client/tui/. */
#ifndef CONGVU_TUI_H
#define CONGVU_TUI_H

#include "conn.h"

typedef struct {
	const char *last_user;  /* prefills the login name; may be NULL */
	const char *cache_dir;  /* where the interface keeps what it need not ask
	                           again (procedures' fields); NULL: nowhere */
	const char *server_pub; /* the pinned server's key: whose that is */
} tui_opts_t;

/* Run the interface on an already created connection until the user quits,
 * as o says. Sends whoami first and goes straight to the home screen when
 * this device still has a session. Returns a sysexits(3) status: EX_OK on
 * a normal quit. The terminal is restored on every return path; conn stays
 * owned by the caller. */
int tui_main(conn_t *conn, const tui_opts_t *o);


#endif
