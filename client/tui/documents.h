/* documents.h — the screens of official documents: the incoming register
 * and its queues (document_list.c), the forms (document_form.c). */
#ifndef CONGVU_TUI_DOCUMENTS_H
#define CONGVU_TUI_DOCUMENTS_H

#include "screen.h"
#include "spec_screens.h"

extern const tui_screen_t tui_documents_screen;
/* The incoming documents' screen on queue (directive, unit, followup,
 * overdue, all), from the dashboard. */
void tui_documents_open(tui_t *t, const char *queue);

/* The clerk's registration form, generated from document.form; a
 * duplicate warning is asked before registering anyway. */
void tui_document_register(tui_t *t);
/* The agency leader's directive on the document row (its code, version). */
void tui_document_direct(tui_t *t, const json_t *row);
/* The lead unit leader names the handler of the document row. */
void tui_document_assign(tui_t *t, const json_t *row);

/* In body, each choice's label replaced by the code its definition in defs
 * (document.form, document.draft_form: choices and codes) gives for it. */
void tui_document_codes(const json_t *defs, json_t *body);

#endif
