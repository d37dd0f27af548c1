/* screen.h — what a screen is and what the core (tui.c) offers it. A screen
 * is a table of callbacks with a private state the core allocates on push
 * and frees after pop; the core owns the stack, the connection, the
 * message line, popups and the status line. Adding a screen is one file
 * that defines a tui_screen_t (declared extern below), plus an entry in
 * the table that opens it (e.g. the module list in home.c). */
#ifndef CONGVU_TUI_SCREEN_H
#define CONGVU_TUI_SCREEN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* proto.h first: its ERR() X-macro is #undef'd at its end, which would
 * also remove curses' ERR if curses.h came before it. */
#include "conn.h"
#include "keymap.h"
#include "proto.h"

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

typedef struct tui tui_t;

/* What a callback changed and the core must redraw. */
enum {
	TUI_R_NONE = 0,
	TUI_R_BODY = 1 << 0,   /* the screen's own area (and its hint line) */
	TUI_R_MSG = 1 << 1,    /* the message line */
	TUI_R_STATUS = 1 << 2, /* the status line */
	/* the body, but at most a few times a second: what a server event
	 * changed, so that a burst of events is drawn once, not once each */
	TUI_R_SOON = 1 << 3,
	TUI_R_ALL = 0xff,
};

/* Events made by the core, delivered like server events (negative numbers
 * never clash with proto_event_t). */
enum {
	TUI_EV_RECONNECTED = -1, /* link back after an outage: events may have been missed */
};

typedef struct tui_screen {
	const char *title; /* N_() or NC_() text: title bar, help */
	/* The title when it depends on the state (optional; translated). */
	const char *(*name)(void *st);
	unsigned ctx; /* keymap contexts (TC_*) */
	size_t size;  /* bytes of state, zeroed on push */
	/* arg is what the pusher passed (may be NULL); copy what you keep. */
	void (*enter)(tui_t *t, void *st, const void *arg);
	/* Free what st owns (optional). The request in flight is already forgotten. */
	void (*leave)(tui_t *t, void *st);
	/* Draw into w (already erased). Use tui_cursor() to show the cursor. */
	void (*draw)(tui_t *t, void *st, WINDOW *w);
	/* A key: its action in this screen's contexts, and the key itself
	 * (a character to type when a is ACT_NONE). Returns TUI_R_* flags. */
	int (*key)(tui_t *t, void *st, tui_action_t a, int key);
	/* The reply to this screen's request of type (optional). body is
	 * borrowed: the reply, or an error body {code, message[, field]}. */
	int (*reply)(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body);
	/* A server event (proto_event_t) or a TUI_EV_* (optional). Delivered
	 * to every screen on the stack, top first. body may be NULL. */
	int (*event)(tui_t *t, void *st, int ev, json_t *body);
} tui_screen_t;

/* --- the screens --- */
extern const tui_screen_t tui_login_screen, tui_passwd_screen, tui_home_screen, tui_help_screen;
extern const tui_screen_t tui_units_screen, tui_users_screen, tui_devices_screen, tui_form_screen;

typedef struct {
	const char *user;   /* prefill, may be NULL */
	const char *notice; /* why we are here (already translated), may be NULL */
	bool probe;         /* ask whoami first: maybe still logged in */
} tui_login_arg_t;

typedef struct {
	bool first; /* forced change at first login: no way back but logging out */
} tui_passwd_arg_t;

typedef struct {
	unsigned ctx;      /* contexts of the screen help was asked on */
	const char *title; /* its title, translated */
} tui_help_arg_t;

/* --- navigation. A popped state is freed only after the current callback
 * returns, so a callback may navigate and then return normally (but must
 * not touch the core with its st afterwards). --- */
void tui_push(tui_t *t, const tui_screen_t *s, const void *arg);
void tui_pop(tui_t *t);
/* Replace the whole stack with one screen. */
void tui_reset(tui_t *t, const tui_screen_t *s, const void *arg);
void tui_go_home(tui_t *t);
/* Forget the user and show the login screen with notice (translated, may be NULL). */
void tui_to_login(tui_t *t, const char *notice);
void tui_quit(tui_t *t, int status);

/* --- the server. One request in flight per screen: tui_request() returns
 * its id, or 0 (body released) when st already waits for one. The reply
 * comes to st's reply callback; a reply for a screen that was left is
 * dropped. --- */
uint64_t tui_request(tui_t *t, void *st, proto_msg_t type, json_t *body);
bool tui_busy(const tui_t *t, const void *st);
/* Stop waiting for st's request (the connection stops resending it). */
void tui_cancel(tui_t *t, void *st);
/* A request whose reply nobody waits for (logout on the way out). */
void tui_send_detached(tui_t *t, proto_msg_t type, json_t *body);

/* --- the session: the login/whoami reply (borrowed; NULL when logged out) --- */
const json_t *tui_me(const tui_t *t);
void tui_set_me(tui_t *t, json_t *me); /* steals */
/* Take key out of the session reply (new reference, or NULL): what the
 * server sent along with it to be used once, e.g. the first dashboard. */
json_t *tui_me_take(tui_t *t, const char *key);
bool tui_me_has_role(const tui_t *t, int role_mask);
const char *tui_me_str(const tui_t *t, const char *key); /* "" when absent */

/* --- the message line under the screen (cleared on every push/pop) --- */
void tui_msg(tui_t *t, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tui_msg_clear(tui_t *t);
/* The server's error in Vietnamese; field (translated label) appended when given. */
void tui_error(tui_t *t, proto_err_t e, const char *field);
/* The server's error in Vietnamese with the detail its body gives ("Hồ sơ
 * vừa chuyển sang …"), or with field (translated) when it gives none. */
void tui_error_body(tui_t *t, proto_err_t e, const json_t *body, const char *field);
/* An error body's "field" key, or NULL. */
const char *tui_err_field(const json_t *body);

/* --- popups over the screen: a message box closed with Enter/Esc, or a
 * yes/no question whose "yes" comes to the top screen as ACT_YES. --- */
void tui_popup(tui_t *t, const char *title, const char *text);
void tui_confirm(tui_t *t, const char *question);

/* --- the terminal lent to another program --- */
/* Repaint the whole screen at the next turn (after another program drew
 * over it, or Ctrl-L). */
void tui_repaint(tui_t *t);
/* Long text written in the official's text editor (editor.c: $VISUAL,
 * $EDITOR, else nano or vi), starting from text: the text saved (NFC,
 * malloc'd, without the editor's last newline), or NULL when the editor
 * failed or was not there (said on the message line). The interface waits
 * while the editor runs. */
char *tui_edit_text(tui_t *t, const char *text);

/* --- drawing --- */
/* During draw: put the terminal cursor at (y, x) of the screen's window. */
void tui_cursor(tui_t *t, int y, int x);

#endif
