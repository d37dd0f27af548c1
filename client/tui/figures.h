/* figures.h — the socio-economic figures screen (figures.c): a unit's
 * figures of the period sector by sector — this period, year to date, %
 * of the annual plan against the share of the year gone, change on the
 * same period last year, a sparkline of the last 12 periods — and bars
 * comparing the units below for the selected indicator, each of which
 * opens its own figures (province → district → commune). Drawn with
 * Unicode blocks, or ASCII where the terminal has none (TERM=linux), by
 * figures_chart.c; redrawn when a unit's figures change (figures.changed). */
#ifndef CONGVU_TUI_FIGURES_H
#define CONGVU_TUI_FIGURES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "screen.h"

/* Open the figures of unit (NULL: the official's own) for the current
 * period. */
void tui_figures_open(tui_t *t, const char *unit);

/* --- figures_form.c --- */

/* The form in which the official's unit enters its figures of sector for
 * the period of list (a figures.list reply of that unit), with the running
 * totals of its additive figures (the sum-rolled ones of one unit of
 * measure) as the user types. owner is the figures screen below
 * (tui_figures_reply). False when the unit reports none of the sector's
 * indicators itself. */
bool tui_figures_form_open(tui_t *t, const json_t *list, const char *sector, void *owner);
/* The figures.list reply the figures screen owner shows now (borrowed;
 * NULL while none). */
const json_t *tui_figures_reply(const void *owner);
/* The form in which the unit above accepts (note optional) or returns
 * (note required) unit's report of period. */
void tui_figures_decide_open(tui_t *t, bool accept, const char *unit, const char *unit_name, const char *period);

/* --- figures_chart.c: drawing figures as text --- */

/* Block characters cannot be drawn: TERM=linux (the console's font) or a
 * locale that is not UTF-8. */
bool tui_fig_ascii(void);
/* The values of series (numbers or null) as one character each, from
 * lowest to highest: "▁▂▃▄▅▆▇█", ASCII "_.-:=+*#"; a gap is a blank. */
const char *tui_fig_spark(const json_t *series, bool ascii, char *out, size_t n);
/* A bar of v against max across width columns, in eighths of a column
 * ("█▉▊▋▌▍▎▏"), ASCII "#". */
const char *tui_fig_bar(double v, double max, int width, bool ascii, char *out, size_t n);
/* A figure as written in Vietnam: "2.150,5" (at most two decimals),
 * "—" for null. */
const char *tui_fig_num(const json_t *v, char *out, size_t n);
/* A change in percent with its sign: "+12,3%", "—" for null. */
const char *tui_fig_pct(const json_t *v, bool sign, char *out, size_t n);

#endif
