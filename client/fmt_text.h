/* fmt_text.h — values as Vietnamese officials write them, for both the
 * CLI and the TUI (the TUI's tui_date and tui_grouped are these). */
#ifndef CONGVU_FMT_TEXT_H
#define CONGVU_FMT_TEXT_H

#include <stddef.h>

/* The server's "YYYY-MM-DD[ HH:MM]" as "dd/mm/yyyy[ hh:mm]" into buf;
 * other text unchanged, NULL as "". */
const char *fmt_date(const char *iso, char *buf, size_t n);
/* 1234567 as "1.234.567", as amounts are written in Vietnam. Into buf. */
const char *fmt_grouped(long long v, char *buf, size_t n);

#endif
