/* figures_period.c — period keys, their dates and due dates (see
 * figures_period.h). Pure arithmetic but for fig_period_due, which counts
 * working days on the calendar. */
#include "figures_period.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int fig_period_parse(const char *key, fig_period_t *p)
{
	int y, n, used = 0;
	char c;

	if (!key || sscanf(key, "%4d%n", &y, &used) != 1 || used != 4 || y < 2000 || y > 2999)
		return -1;
	p->year = y;
	key += 4;
	if (!*key) {
		*p = (fig_period_t){FIG_YEAR, y, 1, 12};
		return 0;
	}
	if (strcmp(key, "-H1") == 0) {
		*p = (fig_period_t){FIG_HALF, y, 1, 6};
		return 0;
	}
	if (strcmp(key, "-9M") == 0) {
		*p = (fig_period_t){FIG_NINE, y, 1, 9};
		return 0;
	}
	if (sscanf(key, "-Q%1d%c", &n, &c) == 1 && n >= 1 && n <= 4 && strlen(key) == 3) {
		*p = (fig_period_t){FIG_QUARTER, y, 3 * n - 2, 3 * n};
		return 0;
	}
	if (strlen(key) == 3 && key[0] == '-' && key[1] >= '0' && key[1] <= '1' && key[2] >= '0' && key[2] <= '9' &&
	    (n = (key[1] - '0') * 10 + key[2] - '0') >= 1 && n <= 12) {
		*p = (fig_period_t){FIG_MONTH, y, n, n};
		return 0;
	}
	return -1;
}

const char *fig_period_key(const fig_period_t *p, char *out)
{
	switch (p->every) {
	case FIG_MONTH: snprintf(out, FIG_PERIOD_MAX, "%04d-%02d", p->year, p->first_month); break;
	case FIG_QUARTER: snprintf(out, FIG_PERIOD_MAX, "%04d-Q%d", p->year, p->last_month / 3); break;
	case FIG_HALF: snprintf(out, FIG_PERIOD_MAX, "%04d-H1", p->year); break;
	case FIG_NINE: snprintf(out, FIG_PERIOD_MAX, "%04d-9M", p->year); break;
	case FIG_YEAR: snprintf(out, FIG_PERIOD_MAX, "%04d", p->year); break;
	}
	return out;
}

const char *fig_period_month_of(int64_t t, int64_t offset, int cutoff, char *out)
{
	time_t local = (time_t)(t + offset);
	struct tm tm;
	int y, m;

	gmtime_r(&local, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	if (tm.tm_mday > cutoff && ++m > 12) {
		m = 1;
		y++;
	}
	snprintf(out, FIG_PERIOD_MAX, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return out;
}

void fig_period_dates(const fig_period_t *p, int cutoff, char *first, char *last)
{
	int fy = p->year, fm = p->first_month - 1;

	if (fm < 1) {
		fm = 12;
		fy--;
	}
	snprintf(first, 11, "%04u-%02u-%02u", (unsigned)fy % 10000u, (unsigned)fm % 100u, (unsigned)(cutoff + 1) % 100u);
	snprintf(last, 11, "%04u-%02u-%02u", (unsigned)p->year % 10000u, (unsigned)p->last_month % 100u,
	         (unsigned)cutoff % 100u);
}

int64_t fig_period_due(const wt_calendar_t *cal, const fig_period_t *p, const fig_reporting_t *rep)
{
	struct tm tm = {0};
	int64_t next_midnight;

	tm.tm_year = p->year - 1900;
	tm.tm_mon = p->last_month - 1;
	tm.tm_mday = rep->cutoff_day + 1;
	next_midnight = (int64_t)timegm(&tm) - wt_utc_offset(cal);
	if (rep->due_working_days == 0) /* the cut-off day's own close */
		return wt_add(cal, wt_start_cutoff(cal, (time_t)(next_midnight - 86400), -1), wt_day_seconds(cal));
	return wt_add(cal, wt_start_cutoff(cal, (time_t)next_midnight, -1),
	              (int64_t)rep->due_working_days * wt_day_seconds(cal));
}

void fig_period_last_year(const fig_period_t *p, fig_period_t *out)
{
	*out = *p;
	out->year--;
}

void fig_period_prev(const fig_period_t *p, fig_period_t *out)
{
	int span = p->last_month - p->first_month + 1;

	*out = *p;
	if (p->every == FIG_MONTH || p->every == FIG_QUARTER) {
		out->first_month -= span;
		out->last_month -= span;
		if (out->first_month < 1) {
			out->first_month += 12;
			out->last_month += 12;
			out->year--;
		}
	} else
		out->year--;
}

double fig_period_year_share(const fig_period_t *p)
{
	return p->last_month / 12.0;
}

bool fig_period_for(const fig_period_t *p, fig_every_t e)
{
	return p->every == e;
}
