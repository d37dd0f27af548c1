/* worktime.h — working time, the clock every deadline runs on: working
 * hours of the day (summer and winter hours where a season sets its own),
 * weekends, the year's public holidays and compensating working days, and
 * an optional cut-off time of day after which a reception counts from the
 * next working day. Desk hours outside working time (a Saturday-morning
 * desk) receive but never count. Calendars are data
 * (the YAML files in forms/calendar/); this module only reads them
 * (worktime_load.c) and counts (worktime.c).
 * All instants are Unix seconds; the calendar's fixed UTC offset (Vietnam:
 * +7, no daylight saving) turns them into local dates and times. */
#ifndef CONGVU_WORKTIME_H
#define CONGVU_WORKTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct wt_calendar wt_calendar_t;

/* Load every *.yaml in dir (see forms/calendar/README.md for the format)
 * into one calendar: calendar.yaml for the working hours, any other file
 * for one year's holidays. NULL on error with "file:line: message" in err.
 * Dates of a year no file covers count by weekday alone. Caller frees
 * with wt_free. */
wt_calendar_t *wt_load(const char *dir, char *err, size_t n);
void wt_free(wt_calendar_t **cal);

/* Runtime changes (the admin command persists them and replays them after
 * a load). date is "YYYY-MM-DD". 0 on success, -1 on a bad date or when
 * adding a date already a holiday / removing one that is not. A holiday
 * wins over a compensating working day on the same date. */
int wt_add_holiday(wt_calendar_t *cal, const char *date, const char *name);
int wt_remove_holiday(wt_calendar_t *cal, const char *date);
/* 1 when date is a holiday in cal, 0 when not, -1 when it is not a valid
 * "YYYY-MM-DD". */
int wt_holiday(const wt_calendar_t *cal, const char *date);

/* True when the local date of t is a working day. */
bool wt_is_working_day(const wt_calendar_t *cal, time_t t);

/* True when the desk receives at t: inside the working hours of a working
 * day (those of t's season), or inside a desk period (calendar.yaml
 * desk_hours, e.g. Saturday 07:30–11:30) of a day that is not a holiday.
 * Desk time is not working time: something received then starts its clock
 * at the next working period (wt_start_cutoff), and wt_between counts none
 * of it. */
bool wt_desk_open(const wt_calendar_t *cal, time_t t);

/* Working seconds in one full working day (e.g. 8 h = 28800); the same in
 * every season (the loader refuses a season whose day is longer or shorter). */
int64_t wt_day_seconds(const wt_calendar_t *cal);

/* Where the clock starts for something received at t: t itself when t is
 * inside working hours and before the cut-off; otherwise the opening of
 * the next working period (after the cut-off: of the next working day).
 * Periods are [start, end) and those of t's season: at 11:00 sharp the
 * clock starts at 13:00. The
 * cut-off is a second of the local day, or -1 for none (a procedure may set
 * its own, else the calendar's wt_cutoff applies); it counts from its
 * minute on: with "15:00", 15:00:00 is too late. */
time_t wt_start_cutoff(const wt_calendar_t *cal, time_t t, int cutoff);
/* The calendar's own cut-off (second of the day, -1 none), its UTC offset
 * in seconds, and "HH:MM" as a second of the day (-1 when malformed). */
int wt_cutoff(const wt_calendar_t *cal);
int64_t wt_utc_offset(const wt_calendar_t *cal);
int wt_parse_hhmm(const char *s);

/* The instant reached after `secs` working seconds counted from `start`
 * (which need not be inside working hours). secs >= 0. The earliest such
 * instant: a count that runs out at 17:00 ends at 17:00, not at the next
 * opening; secs 0 gives start. Saturates far beyond any real date. */
time_t wt_add(const wt_calendar_t *cal, time_t start, int64_t secs);

/* Working seconds in [a, b); negative when b < a. */
int64_t wt_between(const wt_calendar_t *cal, time_t a, time_t b);

/* Working seconds of a budget of `amount` working hours (unit 'h') or days
 * (any other unit: amount * wt_day_seconds()). A deadline is wt_add of it
 * from wt_start_cutoff (the forms loader admits only 'd' and 'h' and
 * positive amounts). */
int64_t wt_amount(const wt_calendar_t *cal, int amount, char unit);

/* The national cut-off of same-day procedures (NĐ 23/2015/NĐ-CP art. 7;
 * the national procedure records: "ngay trong ngày tiếp nhận; sau 15 giờ
 * thì trả trong ngày làm việc tiếp theo"): a second of the local day;
 * "after 15:00" means 15:00:00 itself is still in time. */
#define WT_SAME_DAY_CUTOFF (15 * 3600)

/* The appointment of something received at t with a processing time of
 * `amount` of `unit`: 'h' working hours, 'd' working days (the count starts
 * at wt_start_cutoff(t, cutoff) and the due is wt_add of wt_amount), or
 * 's' same day: due at the close of the working day on which the clock
 * starts (the end of that day's last period, in its season), counting
 * from t with the national cut-off WT_SAME_DAY_CUTOFF
 * (`cutoff` and `amount` ignored) — received on a working day at or before
 * 15:00:00, that day's close; after it, or on a day off, the next working
 * day's close. Before opening or over lunch on a working day the clock
 * starts later that day, so the close is still that day's. The close is the
 * end of the day's last working period, as wf_day_end's end of a day.
 * *start (when not NULL) gets where the clock starts. */
time_t wt_appointment(const wt_calendar_t *cal, time_t t, int amount, char unit, int cutoff, time_t *start);

/* A lawful extension chosen at reception (a procedure's `extensions`, not
 * an apology): with `total` false, `amount` of `unit` ('d' working days,
 * 'h' working hours) counted on from the appointment `due` (a same-day
 * dossier due at 17:00 with 2 days is due at 17:00 two working days later);
 * with `total` true the whole processing time becomes that amount, counted
 * from `start` (where the clock started), never earlier than `due`. */
time_t wt_extend(const wt_calendar_t *cal, time_t due, time_t start, int amount, char unit, bool total);

/* How clerks read remaining working time: "còn 1 ngày 3 giờ", "còn 45 phút",
 * "quá hạn 2 ngày", "quá hạn 3 giờ", "đến hạn" for zero. Days are working
 * days of wt_day_seconds(); minutes are shown only under one hour, and
 * under a minute reads "còn dưới 1 phút". Parts are rounded down.
 * Writes into buf (n bytes; cut short on a character boundary), returns buf. */
const char *wt_format_remaining(const wt_calendar_t *cal, int64_t secs, char *buf, size_t n);

#endif
