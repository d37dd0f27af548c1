/* report_page.h — the one-stop report (report.onestop's reply) as people
 * read it and as it prints: its figures, its title, and its page in the
 * line markup of shared/layout.h (text for 80 columns, or A4 by pdf.c), for
 * the CLI (report onestop, --pdf) and the TUI's report screen and print key. */
#ifndef CONGVU_REPORT_PAGE_H
#define CONGVU_REPORT_PAGE_H

#include <jansson.h>
#include <stddef.h>

/* A figure of a report row (units, procedures, total) as people read it,
 * by its key — or "@name" (the procedure's or the unit's name),
 * "@resolved" (early + on time + late) — into buf. */
const char *report_value(const json_t *row, const char *key, char *buf, size_t n);
/* "Báo cáo một cửa tháng 03/2026" (or its NĐ 09/2019 period) into buf. */
const char *report_title(const json_t *reply, char *buf, size_t n);
/* The whole report as a page under title: the counts per unit, the
 * QĐ 766/QĐ-TTg indicators per unit and per procedure, what the columns
 * mean. New string, caller frees; NULL on failure. */
char *report_layout(const json_t *reply, const char *title);

#endif
