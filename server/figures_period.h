/* figures_period.h — reporting periods of socio-economic figures under
 * NĐ 09/2019/NĐ-CP: a month's data runs from the day after the cut-off
 * (the 14th) in the previous month to the cut-off day, and is due a
 * configured number of working days later, on the working-time calendar.
 * Keys: "2026-11" (month), "2026-Q4" (quarter), "2026-H1" (six months),
 * "2026-9M" (nine months), "2026" (year). */
#ifndef CONGVU_FIGURES_PERIOD_H
#define CONGVU_FIGURES_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "figures_ind.h"
#include "worktime.h"

#define FIG_PERIOD_MAX 32 /* bytes of a key with its NUL, with room */

typedef struct {
	fig_every_t every;
	int year;
	int first_month, last_month; /* the months (1..12) it spans */
} fig_period_t;

/* Parse key; 0, or -1 when it is not a period key. */
int fig_period_parse(const char *key, fig_period_t *p);
/* The key of p into out (FIG_PERIOD_MAX bytes). */
const char *fig_period_key(const fig_period_t *p, char *out);

/* The month period containing unix time t at UTC offset `offset` with
 * cut-off day `cutoff`: on the 14th "2026-11", on the 15th "2026-12". */
const char *fig_period_month_of(int64_t t, int64_t offset, int cutoff, char *out);
/* Its first and last calendar dates, "YYYY-MM-DD" (11 bytes each). */
void fig_period_dates(const fig_period_t *p, int cutoff, char *first, char *last);
/* When figures of p are due: the end of the due_days-th working day after
 * its last date (due_days 0: the end of the last date's working day, or
 * the next working day's). */
int64_t fig_period_due(const wt_calendar_t *cal, const fig_period_t *p, const fig_reporting_t *rep);

/* The same period one year earlier; the period before it of the same
 * kind (December of the year before for January). */
void fig_period_last_year(const fig_period_t *p, fig_period_t *out);
void fig_period_prev(const fig_period_t *p, fig_period_t *out);
/* The share of the year its months cover, 0..1 (month 3: 0.25). */
double fig_period_year_share(const fig_period_t *p);
/* Whether an indicator reported every `e` has a figure for p. */
bool fig_period_for(const fig_period_t *p, fig_every_t e);

#endif
