/* worktime_cal.h — the calendar as worktime_load.c builds it and
 * worktime.c counts with: working periods (the base ones and those of each
 * season), weekdays, desk hours, the sorted holidays and compensating days,
 * and the day-number helpers both use. Private to the worktime files;
 * everyone else sees wt_calendar_t through worktime.h. */
#ifndef CONGVU_WORKTIME_CAL_H
#define CONGVU_WORKTIME_CAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worktime.h"

#define MAX_PERIODS 8
#define MAX_SEASONS 8
#define MAX_DESK 8

struct wt_day {
	int64_t day; /* days since 1970-01-01, local */
	char *name;
};

struct wt_days {
	struct wt_day *v;
	size_t n, cap;
};

/* The working periods of one day, in order, not overlapping. */
struct wt_hours {
	int n;
	struct {
		int32_t s, e; /* seconds of the local day, s < e */
	} p[MAX_PERIODS];
};

/* Working hours of a range of dates every year (summer, winter hours):
 * from and to are month * 32 + day, inclusive; from > to runs across the
 * New Year. Its periods last as long as the base ones (the loader checks),
 * so a working day is day_secs in every season. */
struct wt_season {
	int from, to;
	struct wt_hours hours;
};

/* Desk hours: reception on these weekdays (not on a holiday) outside
 * working time; they never count toward a deadline. */
struct wt_desk {
	unsigned weekdays; /* as wt_calendar.weekdays */
	int32_t s, e;
};

struct wt_calendar {
	int64_t offset;       /* seconds east of UTC */
	struct wt_hours base; /* working periods outside any season */
	int nseasons;
	struct wt_season seasons[MAX_SEASONS];
	int ndesk;
	struct wt_desk desk[MAX_DESK];
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
/* Month (1–12) and day of the month of a day number. */
void wt_cal_civil(int64_t day, int *month, int *mday);
/* Index of the first entry of ds with v[i].day >= day; whether day is in ds. */
size_t wt_cal_lower(const struct wt_days *ds, int64_t day);
bool wt_cal_has(const struct wt_days *ds, int64_t day);

#endif
