/* tasks.h — the task screens (board.c, task_list.c, task_view.c, task_form.c,
 * dashboard.c) and what they share: the board's live model (board_model.c), a task
 * card as a table row (task_row.c), the names of priorities and sources, and
 * how each screen is opened for the official's roles. */
#ifndef CONGVU_TUI_TASKS_H
#define CONGVU_TUI_TASKS_H

#include "spec_screens.h"

/* --- board_model.c: the board as the server last described it, kept current by
 * task.changed events. A snapshot (the `board` reply) carries the change
 * sequence it reflects; an event is applied only when it is newer than
 * both the snapshot and the card it replaces, and events that arrive while
 * a snapshot is on its way are kept and replayed on it — so after a
 * reconnect nothing is missed and nothing shows twice. Each column holds
 * its count and a loaded part: always its first cards in order (a page
 * more is asked for when the user scrolls past them). An event moves the
 * count of a card not loaded from where the previous event put it (`was`)
 * and shows the card when it falls within the loaded part. --- */
typedef struct {
	char unit[33], unit_name[256]; /* whose board ("" = mine) */
	char person[33], person_name[161];
	char priority[17], source[17];
	bool overdue;
} tui_bfilter_t;

typedef struct {
	tui_bfilter_t f;
	json_t *snap;   /* the last snapshot, events applied; NULL before the first */
	json_int_t seq; /* the change sequence of the snapshot itself */
	json_t *early;  /* events that came while a snapshot was asked for */
	bool loading;
	int per;             /* cards a page asks for (what fits the screen) */
	bool paging;         /* a page (tui_board_model_more) is on its way */
	char page_state[32]; /* …of this column ("" = counts and summary only) */
	size_t page_offset;  /* …after this many of its cards */
	bool stale;          /* a delta found a card other than its base: load again */
} tui_board_model_t;

void tui_board_model_free(tui_board_model_t *m);
/* The `board` request for the filters (new reference): every column's
 * count and a page of cards as compact rows — of column `state`, or (NULL)
 * the first columns' up to one page in all; the summary too when
 * `summary`. From now on events are also kept for the snapshot that will
 * answer it. */
json_t *tui_board_model_request(tui_board_model_t *m, const char *state, bool summary);
/* The answer: the new snapshot (borrowed, copied), with the events kept
 * meanwhile replayed on it. */
void tui_board_model_snapshot(tui_board_model_t *m, const json_t *reply);
/* The request failed: stop keeping events for it. */
void tui_board_model_abort(tui_board_model_t *m);
/* The request for the next page of column `state` (NULL: no card, only
 * the counts) with the summary when `summary`; new reference. */
json_t *tui_board_model_more(tui_board_model_t *m, const char *state, bool summary);
/* Does column `state` have cards not loaded? */
bool tui_board_model_has_more(const tui_board_model_t *m, const char *state);
/* The answer to tui_board_model_more (borrowed): the counts and summary, and
 * the page appended when the column still ends where it was asked from.
 * Every event up to the reply's seq came before it, so the counts are
 * this board's. False when the page no longer fits (ask again). */
bool tui_board_model_page(tui_board_model_t *m, const json_t *reply);
/* A task.changed body. Returns true when the board changed (the card
 * moved, appeared, changed or left, or a count moved); false when it was
 * old news or is not this board's. */
bool tui_board_model_event(tui_board_model_t *m, const json_t *ev);
/* Does card belong on this board (its units under the board's, the filters)? */
bool tui_board_model_matches(const tui_board_model_t *m, const json_t *card);
/* The columns (array, borrowed; NULL before the first snapshot). */
const json_t *tui_board_model_columns(const tui_board_model_t *m);
/* Find code: its column and index; false when it is not on the board. */
bool tui_board_model_find(const tui_board_model_t *m, const char *code, int *col, int *idx);

/* --- task_row.c: a task card as a row of a table (task lists, sub-tasks) and
 * the words of a card --- */
#define TUI_TROW_NCOLS 6
extern const tui_col_t tui_task_row_cols[TUI_TROW_NCOLS];
const char *tui_task_row_cell(const json_t *card, int col, char *buf, size_t n);
/* Overdue cards in the error attribute, urgent ones in bold. */
attr_t tui_task_row_attr(const json_t *card);
/* "UBND huyện U Minh · Châu Thành Đạt": the lead unit, short, and person. */
const char *tui_task_lead(const json_t *card, char *buf, size_t n);
/* The deadline as a date, "dd/mm/yyyy" (the server's time of day dropped). */
const char *tui_task_day(const char *iso, char *buf, size_t n);

/* Priorities and sources: the codes the server takes, with their names. */
typedef struct {
	const char *code;
	const char *name; /* N_() or NC_() */
} tui_code_t;
extern const tui_code_t tui_task_priorities[], tui_task_sources[];
extern const int tui_task_npriorities, tui_task_nsources;
/* The translated name of code in table (n rows), or code itself. */
const char *tui_code_name(const tui_code_t *table, int n, const char *code);

/* --- the screens. Each opens in the variant the official's roles allow:
 * a supervisor only watches (no action keys at all), a leader may also
 * assign. --- */
/* The board of my unit (filters NULL) or with these filters. */
void tui_board_open(tui_t *t, const tui_bfilter_t *filters);

typedef enum { TUI_TL_MINE, TUI_TL_ASSIGNED, TUI_TL_UNIT } tui_tl_mode_t;
/* A task list: waiting on me, assigned by me, or my unit's. */
void tui_tasks_open(tui_t *t, tui_tl_mode_t mode, bool overdue);
/* One task. */
void tui_task_open(tui_t *t, const char *code);

/* --- task_form.c: the forms of tasks --- */
/* Assigning: first the lead unit is chosen (among those in scope), then
 * its lead person by name (or none: the unit's leader assigns), then the
 * form is filled in.
 * For a sub-task parent is the parent's code and deadline its deadline
 * ("YYYY-MM-DD HH:MM"), which bounds the sub-task's; both "" otherwise.
 * The struct lives in the state of the screen that opens the form. */
typedef struct {
	char parent[32], deadline[32];
	/* pickers: the lead unit chosen (code, name) while its person is chosen */
	char lead[64], lead_name[300];
	char person[64], person_name[256]; /* and its person ("" none) while the co-operating units are */
} tui_assign_t;
void tui_task_assign(tui_t *t, tui_assign_t *a);

/* The screen a task form was opened from: its state starts with this, so
 * that the form can have it show the task again after a success or a
 * conflict. */
typedef struct {
	void (*reload)(tui_t *t, void *owner);
} tui_task_owner_t;
/* The form of an allowed action (an entry of task.show's "actions") that
 * needs something filled in: progress (percent and text), an extension
 * (new date and reason), a reason to refuse, return or cancel, a report of
 * completion. task is the task.show reply (borrowed). */
void tui_task_action(tui_t *t, const json_t *task, const json_t *action, tui_task_owner_t *owner);
/* A comment; a leader may mark it a directive. */
void tui_task_comment(tui_t *t, const json_t *task, tui_task_owner_t *owner);

/* --- dashboard.c: the dashboard on the home screen of a leader or supervisor:
 * counts that each open the list behind them --- */
typedef struct {
	int step;       /* 1 while its request is in flight */
	bool stale;     /* ask again when next drawn */
	bool have;      /* the counts are in */
	int counts[8];  /* in the order of the lines, once `have` (documents: issue 15) */
	int my_overdue; /* of the tasks waiting on me */
} tui_dashboard_t;

/* Does this official get a dashboard? */
bool tui_dashboard_wanted(const tui_t *t);
int tui_dashboard_lines(void);
/* Ask for the counts (owner is the screen whose request slot it uses). */
void tui_dashboard_refresh(tui_t *t, void *owner, tui_dashboard_t *d);
/* A reply to one of its requests; true when it was one. */
bool tui_dashboard_reply(tui_t *t, void *owner, tui_dashboard_t *d, proto_msg_t type, proto_err_t e,
                         const json_t *body);
/* An event: true when the counts may have changed (then draw soon). */
bool tui_dashboard_event(tui_dashboard_t *d, int ev);
/* Draw the lines from row y (sel: the selected line, or -1). Returns the
 * rows used. */
int tui_dashboard_draw(tui_t *t, tui_dashboard_t *d, WINDOW *w, int y, int sel);
/* Enter on line i. */
void tui_dashboard_open(tui_t *t, int i);

#endif
