/* widgets.h — the building blocks screens draw with: attributes (colour or
 * NO_COLOR), width-aware text drawing, a line editor for Vietnamese input,
 * forms of labelled fields, and scrolling tables. None of them talks to
 * the server. */
#ifndef CONGVU_TUI_WIDGETS_H
#define CONGVU_TUI_WIDGETS_H

#include <stddef.h>
#include <time.h>

#include "fieldtype.h"
#include "screen.h"

/* --- theme.c: attributes by role; with NO_COLOR only A_BOLD / A_REVERSE --- */
typedef enum { TA_BAR, TA_SEL, TA_HEAD, TA_ERR, TA_FIELD, TA_FOCUS, TA_TITLE, TA_DIM, TA_POPUP, TA__COUNT } tui_attr_role_t;
void tui_theme_init(void);
attr_t tui_attr(tui_attr_role_t r);

/* --- draw.c --- */
/* Draw s at (y, x) in at most cols columns, cut at a character boundary
 * (never between a letter and its combining marks) with "…" marking the
 * cut unless TUI_CUT; TUI_PAD fills the rest of cols with blanks.
 * Returns the columns used. */
enum { TUI_PAD = 1, TUI_CUT = 2 };
int tui_put(WINDOW *w, int y, int x, const char *s, int cols, int flags);
/* Split text into lines of at most cols columns (at spaces where possible,
 * hard breaks inside longer words, '\n' honoured). Fills starts/lens with
 * byte offsets; returns the number of lines (at most max). */
int tui_wrap(const char *text, int cols, size_t *starts, size_t *lens, int max);
/* Draw text wrapped into cols columns from (y, x), at most max lines.
 * Returns the lines used. */
int tui_put_wrapped(WINDOW *w, int y, int x, const char *text, int cols, int max);

/* --- fmt.c: server data as people read it --- */
/* A msgid with a context (msgctxt in po/), for a word that translates two
 * ways: NC_("module", "Đơn vị") is "Units", a column "Đơn vị" is "Unit".
 * Show such texts with tui_tr(), which also takes plain msgids. */
#define NC_(ctx, s) ctx "\004" s
const char *tui_tr(const char *s);
/* "dd/mm/yyyy hh:mm" into buf, in the province's time once tui_time_zone
 * was told its offset (login, whoami), else in this terminal's; "" for 0. */
const char *tui_time(long long when, char *buf, size_t n);
/* Learns from a login or whoami reply the province's offset from UTC and
 * how far this terminal's clock is from the server's: a commune's thin
 * terminal may keep the wrong time, the server's is the one deadlines
 * are counted on. Keys absent leave what was known. */
void tui_time_zone(const json_t *me);
/* Now by the server's clock (this terminal's until a login told it). */
long long tui_now(void);
/* Today's date and time in the province (tm_year, tm_mon, tm_mday…) into
 * tm, by the server's clock; tm, or NULL when it cannot be had. */
struct tm *tui_today(struct tm *tm);
/* o[key] as a string; "" when absent or not a string. */
const char *tui_jstr(const json_t *o, const char *key);
/* A unit name for a narrow column: "Ủy ban nhân dân" as officials
 * abbreviate it, "UBND". Into buf. */
const char *tui_unit_short(const char *name, char *buf, size_t n);
/* "Quản trị, Lãnh đạo" from an array of role names. */
const char *tui_roles_text(const json_t *roles, char *out, size_t n);
/* 1234567 as "1.234.567", as amounts are written in Vietnam. Into buf. */
const char *tui_grouped(long long v, char *buf, size_t n);
/* The server's "YYYY-MM-DD[ HH:MM]" as "dd/mm/yyyy[ hh:mm]" into buf;
 * other text unchanged, NULL as "". */
const char *tui_date(const char *iso, char *buf, size_t n);
/* A grade (early, on_time, late: of a dossier or a task) as people say it. */
const char *tui_grade(const char *code);

/* --- edit.c: a one-line editor over a UTF-8 buffer --- */
#define TUI_EDIT_MAX 512
typedef struct {
	char buf[TUI_EDIT_MAX + 1];
	size_t len, cur, off; /* bytes: length, cursor, first byte shown */
	size_t max;           /* byte limit (< sizeof buf) */
	bool secret;          /* shown as '*', one per character */
} tui_edit_t;

void tui_edit_init(tui_edit_t *e, size_t max, bool secret);
void tui_edit_set(tui_edit_t *e, const char *s);
void tui_edit_clear(tui_edit_t *e); /* wipes the bytes too (passwords) */
/* h carried over e's text (FNV-1a, the text and a 0): a form hashes its
 * editors in turn to tell whether anything was typed since (start with
 * TUI_EDIT_HASH0). */
#define TUI_EDIT_HASH0 2166136261u
uint32_t tui_edit_hash(uint32_t h, const tui_edit_t *e);
/* An editing action or, for ACT_NONE, a character to insert. Returns 1
 * when the text or cursor changed. */
int tui_edit_key(tui_edit_t *e, tui_action_t a, int key);
/* Draw in cols columns at (y, x); *cx receives the cursor column. */
void tui_edit_draw(tui_edit_t *e, WINDOW *w, int y, int x, int cols, attr_t attr, int *cx);
/* The text as NFC (caller frees), NULL if it is not valid UTF-8. */
char *tui_edit_nfc(const tui_edit_t *e);

/* --- form.c: labelled fields, one per line, mapped to a protocol message --- */
#define TUI_FORM_MAX 8
enum { TF_SECRET = 1 };
typedef struct {
	const char *key;   /* field of the message body; NULL: local only (e.g. "repeat") */
	const char *label; /* N_() text */
	unsigned flags;    /* TF_* */
} tui_field_t;

typedef struct {
	const tui_field_t *fields;
	int n, focus;
	proto_msg_t msg;
	tui_edit_t ed[TUI_FORM_MAX];
} tui_form_t;

/* Set up for fields[0..n) of message msg; byte limits come from the
 * message's declaration in proto_msgs.def. */
void tui_form_init(tui_form_t *f, const tui_field_t *fields, int n, proto_msg_t msg);
/* What the fields hold now, hashed (tui_edit_hash). */
uint32_t tui_form_hash(const tui_form_t *f);
void tui_form_wipe(tui_form_t *f); /* clear every field (secrets) */
/* Moves focus and edits. Returns TUI_R_* flags, and sets *submit when the
 * user asked to send (Enter on the last field, or F2). */
int tui_form_key(tui_form_t *f, tui_action_t a, int key, bool *submit);
/* Draw the fields from row y; the focused one gets the cursor. Returns the
 * next free row. */
int tui_form_draw(tui_t *t, tui_form_t *f, WINDOW *w, int y);
/* The request body: every field with a key, NFC, typed per the message's
 * declaration (T_INT parsed, T_STRS split at commas); empty optional fields
 * left out. NULL when a field is wrong: then focus is on it and the reason
 * (translated) is in err. Caller decrefs. */
json_t *tui_form_body(tui_form_t *f, char *err, size_t n);
/* The index of the field with protocol key, or -1. */
int tui_form_find(const tui_form_t *f, const char *key);
/* A list field's text as the list it names: "a, b c" -> ["a","b","c"]. */
json_t *tui_form_split(const char *s);

/* --- list.c: a cursor over n rows and a table drawn from columns --- */
typedef struct {
	int n, sel, top, rows; /* rows: the visible height at the last draw */
} tui_list_t;

/* Move for a list action. Returns TUI_R_BODY when sel moved, 0 otherwise. */
int tui_list_key(tui_list_t *l, tui_action_t a);
void tui_list_set_count(tui_list_t *l, int n);

typedef struct {
	const char *head; /* N_() text */
	int min;          /* columns at least */
	int flex;         /* share of the spare width */
} tui_col_t;

/* Cell text of (row, col) of a table; may write into buf. */
typedef const char *(*tui_cell_fn)(const void *ctx, int row, int col, char *buf, size_t n);
/* Dim (e.g. disabled) rows. */
typedef bool (*tui_dim_fn)(const void *ctx, int row);

/* A header line at y, then rows from y+1 to y+h-1, scrolled to keep the
 * selection visible. */
void tui_table_draw(WINDOW *w, int y, int h, const tui_col_t *cols, int ncols, tui_list_t *l, tui_cell_fn cell,
                    tui_dim_fn dim, const void *ctx);

/* A page of n lines shown rows at a time from top (a printed form, a
 * dossier): no selection, the list keys scroll it. */
typedef struct {
	int top, rows, n;
} tui_page_t;
/* At draw time: the page has n lines and rows rows to show them; keeps top
 * inside. */
void tui_page_fit(tui_page_t *p, int rows, int n);
/* Scroll for a list action (↑ ↓ PgUp PgDn Home End). Returns TUI_R_BODY
 * when it moved. */
int tui_page_key(tui_page_t *p, tui_action_t a);
/* The ↑/↓ marks at column x of w when there is more above/below. */
void tui_page_marks(const tui_page_t *p, WINDOW *w, int x);

/* --- lines.c: a page built line by line (a dossier, a task): wrapped
 * text, "Label:  value" pairs with the value wrapped under itself, drawn
 * through a tui_page_t --- */
typedef struct {
	char *text;
	int x;
	attr_t attr;
} tui_line_t;

typedef struct {
	tui_line_t *l;
	int n, cap;
	int cols; /* the width the lines are wrapped to */
	tui_page_t page;
} tui_lines_t;

/* Start again, for a window cols wide. */
void tui_lines_reset(tui_lines_t *p, int cols);
void tui_lines_free(tui_lines_t *p);
/* text wrapped into the columns from x to the right edge. */
void tui_lines_text(tui_lines_t *p, int x, attr_t attr, const char *text);
void tui_lines_blank(tui_lines_t *p);
/* "Label:   value", the label padded to lw columns, the value wrapped under
 * itself ("—" when empty). */
void tui_lines_pair(tui_lines_t *p, int lw, const char *label, const char *value, attr_t vattr);
/* The widest of n labels (N_() texts, translated here). */
int tui_lines_label_width(const char *const *labels, int n);
/* Show the page in w from its scroll position, with the ↑/↓ marks. */
void tui_lines_draw(tui_lines_t *p, WINDOW *w);

/* Per-row attribute (A_NORMAL for a plain row), for tables whose rows stand
 * out in more ways than dimmed, e.g. overdue dossiers. */
typedef attr_t (*tui_attr_fn)(const void *ctx, int row);
/* tui_table_draw with a per-row attribute (attr may be NULL). */
void tui_table_draw_attr(WINDOW *w, int y, int h, const tui_col_t *cols, int ncols, tui_list_t *l, tui_cell_fn cell,
                         tui_attr_fn attr, const void *ctx);

/* --- field_form.c: a form generated from field definitions (a procedure's
 * fields, an action's note): one labelled line per field, typed checks as
 * the field is left, the message under the field it is about, scrolling
 * when the fields outnumber the rows. --- */

typedef struct {
	char *name, *label; /* owned */
	field_type_t type;  /* dates typed dd/mm/yyyy and months mm/yyyy, sent
	                     * YYYY-MM-DD and YYYY-MM; the rest as the server
	                     * stores them (shared/fieldtype.h) */
	bool required;
	bool bounded;       /* min/max apply (numbers, money) */
	long long min, max; /* bounds; for text max is the byte limit */
	char *pattern;      /* text: the server's POSIX ERE, or NULL (owned) */
	bool not_future;    /* date: not after today (the server checks with the province's day) */
	char *value0;       /* the definition's prefilled value, put back when the form is
	                     * cleared for the next applicant (owned), or NULL */
	json_t *choices;    /* FT_CHOICE: array of strings (owned reference) */
	tui_edit_t ed;
	char err[256]; /* the message shown under the field, "" when none */
} tui_field_form_field_t;

typedef struct {
	tui_field_form_field_t *f;
	int n, focus, top; /* top: the first field drawn */
} tui_field_form_t;

/* Fields from definitions [{name, label, type, required, min, max,
 * choices}] as procedure.show sends them (type: text, number, money, date,
 * month, choice, citizen_id, phone, email; unknown types are text).
 * Returns 0, or -1 (nothing to free) when defs is not a non-empty array of
 * objects with a name. */
int tui_field_form_init(tui_field_form_t *d, const json_t *defs);
void tui_field_form_free(tui_field_form_t *d);
void tui_field_form_clear(tui_field_form_t *d); /* every field empty, or its prefilled value; no messages */
/* What the fields hold now, hashed (tui_edit_hash): what a screen compares
 * to know whether leaving would lose something typed. */
uint32_t tui_field_form_hash(const tui_field_form_t *d);
/* Prefill field name; false when there is no such field. */
bool tui_field_form_set(tui_field_form_t *d, const char *name, const char *value);
/* Focus, editing, choice cycling (←/→, space, a first letter). A field that
 * is left is checked at once. Returns TUI_R_* flags; *submit when the user
 * asked to send (Enter on the last field, or F2). */
int tui_field_form_key(tui_field_form_t *d, tui_action_t a, int key, bool *submit);
/* Draw into rows [y, y+h) of w: the fields scrolled to keep the focus in
 * view, and on the last row what the focused field wants (its full label,
 * the format expected). */
void tui_field_form_draw(tui_t *t, tui_field_form_t *d, WINDOW *w, int y, int h);
/* Check every field; the values as an object name -> normalised string
 * (dates as YYYY-MM-DD, money and numbers as plain digits; empty optional
 * fields left out). NULL when a field is wrong: the messages are under the
 * fields and the focus on the first. Caller decrefs. */
json_t *tui_field_form_values(tui_field_form_t *d);
/* Put msg (translated or the server's) under field name and focus it;
 * false when there is no such field. */
bool tui_field_form_error(tui_field_form_t *d, const char *name, const char *msg);
/* How many fields show a message. */
int tui_field_form_errors(const tui_field_form_t *d);
/* field_form_check.c: check field f by its type. Returns 1 with the value to send in
 * *out (caller frees), 0 when it is empty and optional (*out NULL), -1 when
 * it is wrong (the reason in f->err). */
int tui_field_form_field_check(tui_field_form_field_t *f, char **out);

/* --- bars.c: the lines around the screen --- */
/* Title bar: "congvu › Cán bộ › Thêm cán bộ" from the stack's titles. */
void tui_bar_title(WINDOW *w, const char *const *titles, int n);
void tui_bar_msg(WINDOW *w, const char *msg, bool error);
void tui_bar_hint(WINDOW *w, unsigned ctx);
/* Status line: user and unit (me may be NULL), link state, pending requests. */
void tui_bar_status(WINDOW *w, const json_t *me, conn_state_t st, int pending);

/* --- popup.c --- */
/* A box in the middle of w: title in the top rule, text wrapped inside. */
void tui_popup_draw(WINDOW *w, const char *title, const char *text);
/* "Label:  value" lines, labels (N_() texts, translated here) aligned;
 * kv holds n pairs. Caller frees. */
char *tui_pairs_text(const char *const *kv, int n);

#endif
