/* documents.h — the screens of official documents (document_list.c): the
 * incoming register and its queues. */
#ifndef CONGVU_TUI_DOCUMENTS_H
#define CONGVU_TUI_DOCUMENTS_H

#include "screen.h"
#include "spec_screens.h"

extern const tui_screen_t tui_documents_screen;

#endif
