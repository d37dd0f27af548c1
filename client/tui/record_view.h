/* record_view.h — what the views of one record (dossier.c, task_view.c) share: the
 * show request that keeps them current, the allowed actions (their line on
 * the page, the chooser, the yes/no question, the request carrying the
 * version seen) and the lines of the record's history. */
#ifndef CONGVU_TUI_RECORD_VIEW_H
#define CONGVU_TUI_RECORD_VIEW_H

#include "spec_screens.h"

/* An action chosen and waiting for a yes. */
typedef struct {
	char name[32];  /* "" when none waits */
	json_int_t ver; /* the record's version it was chosen on: sent, so a change meanwhile is a conflict */
} tui_act_t;

/* Send show {code} for owner, or, while owner waits for another reply,
 * set *stale so that the caller asks again once it is answered. */
void tui_record_reload(tui_t *t, void *owner, bool *stale, proto_msg_t show, const char *code);
/* The same with the request's body (stolen). */
void tui_record_reload_body(tui_t *t, void *owner, bool *stale, proto_msg_t show, json_t *body);

/* A show reply: on success the record (body) replaces *record; an error
 * is said, and when there was nothing to show yet the view is left and the
 * error said again under the screen below. Returns true when it left:
 * then the view's state is gone and the caller returns TUI_R_ALL. */
bool tui_record_shown(tui_t *t, json_t **record, proto_err_t e, json_t *body);

/* The line "Thao tác được phép (phím a): A · B" from the record's
 * "actions", or none (translated) dimmed when there are none. */
void tui_record_line(tui_lines_t *page, const json_t *record, const char *none);
/* ACT_DO: the chooser of the record's actions (title translated), or none
 * as an error message when there are none. picked gets the action row. */
void tui_record_choose(tui_t *t, const json_t *record, const char *title, const char *none,
                     void (*picked)(tui_t *t, void *owner, const json_t *row), void *owner);
/* The body {code, action, version} of an act request (new reference). */
json_t *tui_record_body(const char *code, const char *action, json_int_t version);
/* Keep action (chosen on the record as it is now) waiting, and ask
 * question (translated); the yes comes back as ACT_YES. */
void tui_record_ask(tui_t *t, tui_act_t *p, const json_t *record, const char *action, const char *question);
/* ACT_YES: send the waiting action as msg for owner (or say the server is
 * still busy with the last request); nothing waits afterwards. */
void tui_record_yes(tui_t *t, void *owner, tui_act_t *p, proto_msg_t msg, const char *code);
/* The act reply: done (a format with one %s, the new state's name,
 * translated) or the server's error, whose body says what the record
 * became after a conflict. */
void tui_record_result(tui_t *t, proto_err_t e, const json_t *body, const char *done);

/* A history entry's first line, "dd/mm/yyyy hh:mm  who — label", and
 * its note, indented under it (nothing for an empty note). */
void tui_record_entry(tui_lines_t *page, const json_t *entry);
void tui_record_note(tui_lines_t *page, const char *note);

#endif
