/* worktime_cal.h — the calendar as worktime_load.c builds it and
 * worktime.c counts with: working periods, weekdays, the sorted holidays and
 * compensating days, and the day-number helpers both use. Private to the
 * worktime files; everyone else sees wt_calendar_t through worktime.h. */
#ifndef CONGVU_WORKTIME_CAL_H
#define CONGVU_WORKTIME_CAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worktime.h"

#define MAX_PERIODS 8

struct wt_day {
	int64_t day; /* days since 1970-01-01, local */
	char *name;
};

struct wt_days {
	struct wt_day *v;
	size_t n, cap;
};

struct wt_calendar {
	int64_t offset; /* seconds east of UTC */
	int nper;
	struct {
		int32_t s, e; /* seconds of the local day, s < e */
	} per[MAX_PERIODS];
	int64_t day_secs;     /* sum of the periods */
	int64_t week_secs;    /* day_secs times the working weekdays */
	unsigned weekdays;    /* bit 0 = Monday … bit 6 = Sunday */
	int32_t cutoff;       /* second of the day, -1 for none */
	struct wt_days hol;   /* holidays, sorted by day */
	struct wt_days extra; /* compensating working days, sorted by day */
};

/* Exactly "YYYY-MM-DD" naming a real date, as its local day number (days
 * since 1970-01-01) and its year (year may be NULL). */
bool wt_cal_parse_date(const char *s, int64_t *day, int *year);
/* Exactly "HH:MM", 00:00–23:59, or 24:00 when allow_24. Seconds of the day,
 * -1 when malformed. */
int32_t wt_cal_parse_hhmm(const char *s, bool allow_24);
/* Monday = 0 … Sunday = 6. */
int wt_cal_weekday(int64_t day);
/* Index of the first entry of ds with v[i].day >= day; whether day is in ds. */
size_t wt_cal_lower(const struct wt_days *ds, int64_t day);
bool wt_cal_has(const struct wt_days *ds, int64_t day);

#endif
