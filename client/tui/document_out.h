/* document_out.h — the screens of outgoing documents (văn bản đi, issue
 * 15): the queues (document_out_list.c), one draft with its revisions, a
 * line diff between two of them and the moves signed on this device
 * (document_out_view.c), the forms (document_out_form.c), the diff itself
 * (document_out_diff.c). */
#ifndef CONGVU_TUI_DOCUMENT_OUT_H
#define CONGVU_TUI_DOCUMENT_OUT_H

#include "screen.h"
#include "spec_screens.h"

/* The queues, in the one the official's roles make first; queue (the
 * server's name: review, approve, issue, today, mine, register) or NULL. */
extern const tui_screen_t tui_document_out_screen;
void tui_document_out_queue(tui_t *t, const char *queue);

/* The agency's signing delegations (delegations.c), and the capacities a
 * delegation gives and an approval is signed in (NĐ 30/2020 Điều 13):
 * the server's code, the label officials read (N_()). */
extern const tui_screen_t tui_delegations_screen;
typedef struct {
	const char *code, *label;
} tui_capacity_t;
#define TUI_NCAPACITIES 5
extern const tui_capacity_t tui_capacities[TUI_NCAPACITIES];

/* One draft (its code). */
void tui_document_out_open(tui_t *t, const char *code);

/* The new draft's form; type and urgency choices from document.form. */
void tui_document_out_new(tui_t *t);
/* A revision of the draft d (document.view's reply). */
void tui_document_out_revise(tui_t *t, const json_t *d);
/* Return d to its drafter with a note (msg: review or approve, by state). */
void tui_document_out_return(tui_t *t, const json_t *d);
/* Choose the recipient units of issued d by name and deliver it. */
void tui_document_out_deliver(tui_t *t, const json_t *d);

/* --- the line diff --- */
typedef enum { DIFF_SAME = ' ', DIFF_DEL = '-', DIFF_ADD = '+' } tui_diff_op_t;
/* The lines of a against b in order, each handed to emit with its op (a
 * longest common subsequence of lines; texts over DIFF_MAX_LINES lines
 * are shown as all of a removed and all of b added). Returns how many
 * lines differ. */
#define DIFF_MAX_LINES 2000
int tui_line_diff(const char *a, const char *b, void (*emit)(void *ctx, tui_diff_op_t op, const char *line, size_t len),
                  void *ctx);

#endif
