/* spec_screens.h — the two generic screens the administration modules are made
 * of: a list loaded from the server (list_screen.c) and a form that sends
 * one request (form_screen.c). A module describes its columns, keys and
 * outcomes in a spec; these screens do the loading, scrolling, reloading on
 * events, confirmations and error reporting. */
#ifndef CONGVU_TUI_SPEC_SCREENS_H
#define CONGVU_TUI_SPEC_SCREENS_H

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
	/* --- optional, for lists that are queries --- */
	/* The list request's body (new reference), e.g. the filters. */
	json_t *(*query)(tui_t *t, tui_lv_t *lv);
	/* The server event that reloads the list (0: org.changed). */
	int event;
	/* A row key naming a row: a reload keeps the selection on the same row. */
	const char *id_key;
	/* Rows that stand out (overdue): their attribute, A_NORMAL otherwise;
	 * replaces dim. */
	attr_t (*attr)(const json_t *row);
	/* Lines drawn above the table (e.g. the filters); returns how many. */
	int (*top)(tui_t *t, tui_lv_t *lv, WINDOW *w);
	/* Which rows of the reply to show, for a filter the request has no
	 * field for (e.g. due today); NULL: all. */
	bool (*keep)(tui_lv_t *lv, const json_t *row);
	/* Ask for one screen of rows at a time (limit, offset, compact): the
	 * next screen is fetched when the selection reaches the last row
	 * loaded; a reload asks again for as many as are loaded. A query that
	 * sets its own limit is not paged. */
	bool paged;
} tui_lvspec_t;

struct tui_lv {
	const tui_lvspec_t *spec;
	tui_list_t list;
	json_t *rows;       /* the array of the last list reply; NULL until one came */
	bool stale;         /* reload once the request in flight is answered */
	tui_action_t asked; /* the action waiting for a yes */
	char target[128];   /* what it (or the write in flight) is about */
	bool more;          /* paged: the server has rows after the last one loaded */
	bool appending;     /* paged: the request in flight asks for the next screen */
	int total;          /* paged: how many rows in all when the reply says (total), else -1 */
};

/* A list screen whose state is bigger than tui_lv_t (filters, ...): its
 * type starts with a tui_lv_t, which the spec's callbacks may cast back. */
#define TUI_LIST_SCREEN_OF(type_, title_, ctx_, enter_)                                                                \
	{                                                                                                              \
		.title = title_, .ctx = (ctx_) | TC_LIST, .size = sizeof(type_), .enter = enter_,                      \
		.leave = tui_lv_leave, .draw = tui_lv_draw, .key = tui_lv_key, .reply = tui_lv_reply,                  \
		.event = tui_lv_event,                                                                                 \
	}

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

/* Ask for the rows again (now, or when the request in flight is answered). */
void tui_lv_reload(tui_t *t, tui_lv_t *lv);

/* --- pick.c: choosing one row, from a list the server sends or one given.
 * Enter closes the chooser and hands the row to picked. --- */
typedef struct {
	const char *title;  /* translated */
	proto_msg_t msg;    /* the request for the rows (sent with body), or 0: */
	const json_t *rows; /* the rows (borrowed, kept by the chooser) */
	const char *key;    /* the array in the reply */
	const char *label;  /* the row key shown ("name") */
	const char *code;   /* a second, narrow column (may be NULL) */
	const char *all;    /* translated: a first row meaning "no choice" ({} given to picked), or NULL */
	/* The chooser has closed; row is borrowed for the call. */
	void (*picked)(tui_t *t, void *owner, const json_t *row);
	void *owner; /* a screen below the chooser */
	/* pickers: the request's body (borrowed, copied; NULL: none) and the
	 * head of the second column (N_(); NULL: "Mã") */
	const json_t *body;
	const char *code_head;
	/* several rows: Space marks, Enter hands {"marked": [rows]} to picked */
	bool multi;
} tui_pick_arg_t;
extern const tui_screen_t tui_pick_screen;
/* pickers: a unit among those in scope (all: a first row meaning none,
 * {} to picked; may be NULL); a person of unit by name (NULL: of my unit
 * and those below), with roles beside (user.people; all likewise). */
void tui_pick_unit(tui_t *t, const char *title, const char *all, void (*picked)(tui_t *, void *, const json_t *),
                   void *owner);
void tui_pick_person(tui_t *t, const char *title, const char *unit, const char *all,
                     void (*picked)(tui_t *, void *, const json_t *), void *owner);
/* pickers: the co-operating units, several among those in scope, marked
 * with Space (none: Enter alone); picked gets {"marked": [units]}. */
void tui_pick_units(tui_t *t, const char *title, void (*picked)(tui_t *, void *, const json_t *), void *owner);
/* The key of every row a multiple chooser marked, as an array (new
 * reference); into names (n bytes) their names ("name") joined by ", ". */
json_t *tui_pick_marked(const json_t *picked, const char *key, char *names, size_t n);

/* --- textview.c: a printed page (a desk form) scrolling in the window,
 * given or fetched with dossier.print. --- */
typedef struct {
	const char *title; /* translated */
	const char *text;  /* the page, or NULL to fetch: */
	const char *code;  /* dossier */
	const char *form;  /* "01".."07" */
	/* register: a page given as text with its layout for the print key
	 * (borrowed, copied), and the stem of its PDF's name */
	const char *layout;
	const char *stem;
	/* documents (docx): fetched with this request instead of dossier.print
	 * (a reply with text and layout: document.print,
	 * document.register-print); borrowed, copied */
	proto_msg_t msg;
	const json_t *req;
} tui_text_arg_t;
extern const tui_screen_t tui_text_screen;
/* A page in the line markup of shared/layout.h drawn as an A4 PDF,
 * $CONGVU_PRINT_DIR (else the home directory)/congvu-<stem>.pdf, and sent
 * to the print queue when $PRINTER names a printer; the outcome on the
 * message line. (The forms' print key; the report's.) */
void tui_print_layout(tui_t *t, const char *layout, const char *stem);

/* --- field_form_screen.c: a form generated from field definitions that sends one
 * request (field_form.c is the widget) --- */
typedef enum {
	TUI_DF_CLOSE, /* after success the form closes */
	TUI_DF_STAY,  /* it stays as it is (a query: status, report) */
	TUI_DF_CLEAR, /* it stays, emptied, for the next one (a desk receiving one applicant after another) */
} tui_field_form_after_t;

typedef struct {
	proto_msg_t msg;  /* the request the form sends */
	const char *nest; /* the values go under this key of the body ("fields"); NULL: at its top */
	tui_field_form_after_t after;
	/* Success; reply is the server's answer. */
	void (*done)(tui_t *t, void *owner, const json_t *reply);
	/* Yes to a tui_confirm() question done asked (forms that stay). */
	void (*yes)(tui_t *t, void *owner, const json_t *reply);
	/* An error the form cannot show against a field: true closes the form
	 * (e.g. a conflict: the owner reloads). Optional. */
	bool (*fail)(tui_t *t, void *owner, proto_err_t e, const json_t *body);
	/* Shape the body just before it is sent (optional): a number where the
	 * message wants T_INT, a choice's label as the code the server takes. */
	void (*shape)(json_t *body);
	/* The definitions came (the load's reply), e.g. to keep them for the
	 * next form of the session (optional). */
	void (*loaded)(tui_t *t, void *owner, const json_t *reply);
	/* Definitions made from the load's reply, after the arg's more (new
	 * reference, or NULL): the desk's choices a procedure's definition
	 * declares (its extensions, its papers). Optional. */
	json_t *(*more_of)(const json_t *reply);
	/* A warning the server gives by refusing with E_EXISTS and naming this
	 * boolean field (a possible duplicate, "force"): its detail is asked
	 * as a question, and a yes sends the same body again with the field
	 * true. NULL: no such warning. */
	const char *confirm;
	/* A line under the note, made again from the fields as they stand at
	 * every redraw (running totals and checks as the user types); buf ""
	 * for none. owner is the arg's. Optional. */
	void (*live)(void *owner, const tui_field_form_t *form, char *buf, size_t n);
} tui_field_form_spec_t;

typedef struct {
	const tui_field_form_spec_t *spec;
	const char *title;       /* translated */
	const char *note;        /* translated help above the fields, may be NULL */
	const json_t *fields;    /* the field definitions (borrowed, copied), or NULL to load: */
	proto_msg_t load;        /* a request whose reply has them under "fields" */
	const json_t *load_body; /* its body (borrowed, copied) */
	const json_t *fixed;     /* the rest of the request body (borrowed, copied), may be NULL */
	const json_t *values;    /* prefill {name: value} (borrowed), may be NULL */
	void *owner;             /* handed back to the callbacks: a screen below the form, or NULL */
	const json_t *more;      /* definitions after the given or loaded ones (borrowed, copied), may be
	                          * NULL: the desk's own choices after a procedure's fields */
} tui_field_form_arg_t;
extern const tui_screen_t tui_field_form_screen;
/* Open the form arg describes with fields, fixed and values (any may be
 * NULL): the references are stolen, the form keeps copies. */
void tui_field_form_push(tui_t *t, tui_field_form_arg_t arg, json_t *fields, json_t *fixed, json_t *values);

/* --- search.c: a search screen over a list's rows. The words typed (with
 * or without diacritics) go as `text` in msg; the rows of the reply (the
 * list's key; a compact rowset when compact) show as the list shows them
 * (its cols, cell, attr); Enter on the same words opens the selected row
 * as the list does (its details); the list's event (or a reconnection)
 * asks again. --- */
typedef struct {
	const char *title; /* N_(): the screen's, "Tìm hồ sơ" */
	proto_msg_t msg;   /* the search: {text, limit[, compact]} */
	bool compact;
	const tui_lvspec_t *list; /* the list whose rows these are */
	const char *hint;         /* N_(): under the line, what may be typed */
	const char *found;        /* N_(): "%d found…" */
	const char *none;         /* N_(): nothing found */
} tui_search_spec_t;
extern const tui_screen_t tui_search_screen;
void tui_search_open(tui_t *t, const tui_search_spec_t *spec);

#endif
