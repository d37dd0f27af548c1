/* board.h — the board screen's state, shared by its behaviour (board.c:
 * requests, events, keys, filters) and its drawing (board_draw.c: the header,
 * the tabs of the columns, the cards, the summary per unit). */
#ifndef CONGVU_TUI_BOARD_H
#define CONGVU_TUI_BOARD_H

#include "tasks.h"

typedef struct {
	tui_board_model_t m;
	tui_bfilter_t prev;  /* the filters before the last change (restored when it is refused) */
	int tab;             /* the column shown; the number of columns: the summary */
	char state[32];      /* the state of the column shown, kept across snapshots */
	char sel[32];        /* the selected card, kept across changes */
	tui_list_t list;     /* over the cards of the column shown */
	tui_list_t sum;      /* over the summary's rows */
	tui_assign_t assign; /* a task being assigned from the board (no parent) */
	bool stale;          /* ask again once the request in flight is answered */
	bool sum_stale;      /* the summary tab wants fresh figures */
	tui_action_t filter; /* the filter key whose chooser is open */
} board_t;

/* The number of columns (without the summary tab). */
int tui_board_ncols(const board_t *b);
/* The column shown, or NULL on the summary tab. */
const json_t *tui_board_column(const board_t *b);
/* Draw the board (the screen's draw callback). */
void tui_board_draw(tui_t *t, void *st, WINDOW *w);

#endif
