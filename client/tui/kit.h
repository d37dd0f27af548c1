/* kit.h — the two generic screens the administration modules are made
 * of: a list loaded from the server (listscreen.c) and a form that sends
 * one request (formscreen.c). A module describes its columns, keys and
 * outcomes in a spec; the kit does the loading, scrolling, reloading on
 * events, confirmations and error reporting. */
#ifndef CONGVU_TUI_KIT_H
#define CONGVU_TUI_KIT_H

#include "widgets.h"

typedef struct tui_lv tui_lv_t;

typedef struct {
	proto_msg_t msg; /* the list request (sent without a body) */
	const char *key; /* the array in its reply */
	const tui_col_t *cols;
	int ncols;
	/* Text of column col for row (may write into buf). */
	const char *(*cell)(const json_t *row, int col, char *buf, size_t n);
	/* Rows drawn dimmed, e.g. disabled accounts (optional). */
	bool (*dim)(const json_t *row);
	/* Enter: details of row, usually a popup (optional). */
	void (*details)(tui_t *t, const json_t *row);
	/* The screen's own keys (ACT_ADD, ...), row the selected one or NULL
	 * when the list is empty; ACT_YES when a tui_lv_confirm() question was
	 * answered yes (row NULL: use lv->target). Returns TUI_R_* flags. */
	int (*action)(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *row);
	/* The reply to a write the action sent; the list reloads afterwards. */
	void (*done)(tui_t *t, tui_lv_t *lv, proto_msg_t type, proto_err_t e, const json_t *body);
} tui_lvspec_t;

struct tui_lv {
	const tui_lvspec_t *spec;
	tui_list_t list;
	json_t *rows;       /* the array of the last list reply; NULL until one came */
	bool stale;         /* reload once the request in flight is answered */
	tui_action_t asked; /* the action waiting for a yes */
	char target[128];   /* what it (or the write in flight) is about */
};

/* The callbacks of a list screen; enter_ calls tui_lv_init with its spec. */
#define TUI_LIST_SCREEN(title_, ctx_, enter_)                                                                          \
	{                                                                                                              \
		.title = title_, .ctx = (ctx_) | TC_LIST, .size = sizeof(tui_lv_t), .enter = enter_,                   \
		.leave = tui_lv_leave, .draw = tui_lv_draw, .key = tui_lv_key, .reply = tui_lv_reply,                  \
		.event = tui_lv_event,                                                                                 \
	}

void tui_lv_init(tui_t *t, tui_lv_t *lv, const tui_lvspec_t *spec);
void tui_lv_leave(tui_t *t, void *st);
void tui_lv_draw(tui_t *t, void *st, WINDOW *w);
int tui_lv_key(tui_t *t, void *st, tui_action_t a, int key);
int tui_lv_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body);
int tui_lv_event(tui_t *t, void *st, int ev, json_t *body);

/* Ask question (translated) about target; a yes comes back to the spec's
 * action as ACT_YES with lv->asked = a. */
void tui_lv_confirm(tui_t *t, tui_lv_t *lv, tui_action_t a, const char *target, const char *question);
/* Send a write on behalf of the list; false (and a message) when another
 * request is still in flight. body is stolen. */
bool tui_lv_send(tui_t *t, tui_lv_t *lv, proto_msg_t type, json_t *body);

/* --- the form screen --- */
typedef struct {
	const char *title; /* N_() */
	proto_msg_t msg;
	const tui_field_t *fields;
	int nfields;
	/* The request succeeded and the form is closed: say what happened.
	 * req is the body that was sent, reply the server's answer. */
	void (*done)(tui_t *t, const json_t *req, const json_t *reply);
} tui_formspec_t;

typedef struct {
	const tui_formspec_t *spec;
	const char *value[TUI_FORM_MAX]; /* prefill by field, may be NULL */
	const char *note;                /* translated help under the title, may be NULL */
} tui_form_arg_t;

#endif
