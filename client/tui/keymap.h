/* keymap.h — every key binding of the UI in one table (keymap.c): key
 * dispatch looks keys up there, and the help screen and the hint line are
 * generated from the same rows, so they cannot disagree. */
#ifndef CONGVU_TUI_KEYMAP_H
#define CONGVU_TUI_KEYMAP_H

#include <stddef.h>

/* Keys: a character is its code point; a curses function key is TK_FN(KEY_x).
 * Input is normalised first: Enter is '\n', Backspace is TK_FN(KEY_BACKSPACE). */
#define TK_FN(k) (0x1000000 | (k))
#define TK_CTRL(c) ((c)&0x1f)
#define TK_ESC 27

/* Where a binding applies: each screen declares its contexts. */
enum {
	TC_LIST = 1 << 0, /* a scrolling list */
	TC_FORM = 1 << 1, /* a form of text fields: letters are typed, not commands */
	TC_HOME = 1 << 2,
	TC_UNITS = 1 << 3,
	TC_USERS = 1 << 4,
	TC_DEVICES = 1 << 5,
	TC_LOGIN = 1 << 6,
	TC_HELP = 1 << 7,
	TC_POPUP = 1 << 8,   /* a message box over the screen */
	TC_CONFIRM = 1 << 9, /* a yes/no question over the screen */
	TC_DELEG = 1 << 10,  /* an agency's signing delegations (issue 15) */
	/* one-stop dossiers (issue 3) */
	TC_DOSSIERS = 1 << 16, /* the queue */
	TC_DOSSIER = 1 << 17,  /* one dossier: header, fields, timeline, actions */
	TC_PICK = 1 << 18,     /* choosing one row (a procedure, a state, an action) */
	TC_TEXT = 1 << 19,     /* a printed form, scrolling */
	TC_SEARCH = 1 << 20,   /* a line to type and the results under it */
	TC_REPORT = 1 << 21,   /* the monthly one-stop report */
	TC_DFORM = 1 << 22,    /* a form generated from field definitions */
	/* tasks and the board (issue 4) */
	TC_BOARD = 1 << 25,     /* the task board: columns by state, the summary per unit */
	TC_TASKS = 1 << 26,     /* a list of tasks (waiting on me, assigned by me, of my unit) */
	TC_TASK = 1 << 27,      /* one task: header, progress, sub-tasks, history, thread */
	TC_TASK_ACT = 1 << 28,  /* …for an official who may change tasks (not a supervisor) */
	TC_TASK_LEAD = 1 << 29, /* …who is a leader: sub-tasks */
	TC_ASSIGN = 1 << 30,    /* a board or list of a leader: assigning a task */
	/* figures: socio-economic figures (issue 13) */
	TC_FIGURES = 1 << 12, /* a unit's figures by sector, the units below as bars */
	/* documents (issue 15) */
	TC_DOCS = 1 << 23, /* incoming documents: the register and its queues */
	/* attachments of documents (issue 15) */
	TC_ATTACH = 1 << 24, /* a document's attachments: fetch, attach a file */
	/* outgoing documents in the TUI (issue 15, second part) */
	TC_DOUT = 1 << 14,      /* outgoing documents: the queues and the register */
	TC_DOUT_VIEW = 1 << 15, /* one outgoing draft: text, revisions, diff, signed moves */
	TC_ANY = ~0u,
};

typedef enum {
	ACT_NONE = 0, /* not bound: a form takes the character as text */
	ACT_QUIT,     /* leave the program */
	ACT_BACK,     /* previous screen (quit from home and login) */
	ACT_HELP,
	ACT_REDRAW,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_OPEN,   /* Enter on a list: open or show details */
	ACT_RELOAD, /* ask the server for the list again */
	ACT_ADD,
	ACT_TOGGLE, /* users: disable / enable */
	ACT_RESET,  /* users: reset the password */
	ACT_INVITE, /* devices: invite a new one */
	ACT_REVOKE, /* devices: revoke */
	ACT_YES,
	ACT_NO,
	ACT_ENTER,  /* forms: next field, submit on the last */
	ACT_SUBMIT, /* forms: submit from any field */
	ACT_NEXT,
	ACT_PREV,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_HOME,
	ACT_END,
	ACT_BKSP,
	ACT_DEL,
	ACT_KILL, /* clear the field */
	/* one-stop dossiers */
	ACT_MINE,         /* queue: mine / my unit's */
	ACT_FILTER_PROC,  /* queue: filter by procedure */
	ACT_FILTER_STATE, /* queue: filter by state */
	ACT_OVERDUE,      /* queue: only overdue, or all */
	ACT_UNFILTER,     /* queue: drop the filters */
	ACT_RECEIVE,      /* queue: receive a new dossier */
	ACT_SEARCH,
	ACT_DO,    /* dossier: one of the actions the server allows */
	ACT_PRINT, /* dossier: a desk form (01–07, BL); a form's text view: to PDF, to the printer */
	/* desk: fees */
	ACT_FEE, /* dossier: record the fee (cash, transfer, exempt) */
	/* tasks and the board */
	ACT_SUMMARY,         /* board: the summary per unit / back to the columns */
	ACT_FILTER_UNIT,     /* board: whose board (a unit and its subtree) */
	ACT_FILTER_PERSON,   /* board: only tasks this official leads */
	ACT_FILTER_PRIORITY, /* board: by priority */
	ACT_FILTER_SOURCE,   /* board: by source */
	ACT_ASSIGN,          /* board, task list: assign a new task */
	ACT_COMMENT,         /* task: a comment or a directive */
	ACT_SUBTASK,         /* task: split off a sub-task */
	ACT_OLDER_THREAD,    /* task: a page of older comments */
	ACT_OLDER_HISTORY,   /* task: a page of older history */
	ACT_RENAME,          /* devices: name the chosen one */
	/* figures */
	ACT_FIG_ACCEPT, /* figures: accept the selected unit's report */
	ACT_FIG_RETURN, /* figures: return it with a note */
	ACT_FIG_EARLIER, /* figures: the period before */
	ACT_FIG_LATER,   /* figures: the period after */
	/* attachments of documents (issue 15) */
	ACT_ATTACH, /* documents: the selected one's attachments */
	/* outgoing documents (issue 15, second part) */
	ACT_DOUT_VERSION, /* draft: show another revision */
	ACT_DOUT_DIFF,    /* draft: compare the revision shown with another */
	ACT_DOUT_DELIVER, /* draft: deliver the issued document to units */
	ACT_DOUT_RECIPIENTS, /* draft: the units it is meant for */
	ACT_DOUT_DELEGATIONS, /* outgoing: the agency's signing delegations */
	ACT_DOUT_EDIT,        /* draft: a revision written in the official's text editor */
	/* lookup: status by the short code */
	ACT_LOOKUP, /* queue: a dossier's status by its code, short or whole */
	/* report: its views */
	ACT_VIEW, /* report: counts per unit, indicators per unit, per procedure */
} tui_action_t;

/* The action key is bound to in a screen with contexts ctx (first matching
 * row of the table wins), or ACT_NONE. */
tui_action_t tui_keymap_lookup(int key, unsigned ctx);

/* The hint line for ctx: "Enter Mở  a Thêm  q Quay lại" from the rows that
 * carry a hint, translated, into out (always terminated). */
void tui_keymap_hints(unsigned ctx, char *out, size_t n);

/* One line of the help screen: the keys ("↓ j") and what they do. */
typedef struct {
	char keys[48];
	const char *desc; /* translated, static */
} tui_help_line_t;

/* Fill out[0..max) with the bindings that apply in ctx, rows with the same
 * action and description merged; a key shadowed by an earlier row is left
 * out, so the list shows exactly what dispatch does. Returns the count. */
int tui_keymap_help(unsigned ctx, tui_help_line_t *out, int max);

#endif
