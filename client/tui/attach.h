/* attach.h — the attachments screen of a document (attach.c; issue 15). */
#ifndef CONGVU_TUI_ATTACH_H
#define CONGVU_TUI_ATTACH_H

#include "screen.h"
#include "spec_screens.h"

/* Pushed with the document's code (const char *, copied). */
extern const tui_screen_t tui_attach_screen;

#endif
