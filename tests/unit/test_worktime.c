/* test_worktime.c — unit tests for server/worktime.c against the calendar
 * the product ships (forms/calendar: 07:00–11:00 and 13:00–17:00, Monday to
 * Friday, cut-off 15:00, UTC+7, the holidays of 2025–2027) and against small
 * calendars written to a temporary directory for the loader's errors.
 * Every expected instant was counted by hand; the count is in the comment.
 * A working day is 8 h = 28800 s. Vietnamese strings are \x escapes so the
 * editor's normalisation cannot change what is tested. */
/* cmocka.h needs these first, in this order. */
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "worktime.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))
#define CAL_DIR FORMS_DIR "/calendar"
#define H 3600
#define D 28800

/* "YYYY-MM-DD HH:MM" at UTC+off_hours as Unix seconds. timegm, not the
 * module's own arithmetic, so the two check each other. */
static time_t s_at_off(const char *s, int off_hours)
{
	struct tm tm = {0};

	if (sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5)
		fail_msg("bad test time \"%s\"", s);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm) - (time_t)off_hours * 3600;
}

/* Vietnam local time. */
static time_t s_at(const char *s)
{
	return s_at_off(s, 7);
}

/* Where the clock starts as dossier.c starts it: at reception with the
 * calendar's cut-off (a procedure without its own), on resuming without. */
static time_t s_start(const wt_calendar_t *cal, time_t t, bool cutoff)
{
	return wt_start_cutoff(cal, t, cutoff ? wt_cutoff(cal) : -1);
}

/* The appointment as dossier.c computes it at reception (wt_appointment):
 * the budget's working seconds counted from where the clock starts, with
 * the calendar's cut-off (a procedure without its own). */
static time_t s_deadline(const wt_calendar_t *cal, time_t t, int amount, char unit)
{
	time_t start, due = wt_appointment(cal, t, amount, unit, wt_cutoff(cal), &start);

	if (unit != 's') {
		assert_true(start == s_start(cal, t, true));
		assert_true(due == wt_add(cal, start, wt_amount(cal, amount, unit)));
	}
	return due;
}

/* t as "YYYY-MM-DD HH:MM:SS" in Vietnam, for failure messages. */
static const char *s_show(time_t t, char *buf, size_t n)
{
	struct tm tm;
	time_t local = t + 7 * 3600;

	gmtime_r(&local, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static void s_expect_time(const char *what, time_t got, time_t want)
{
	char a[32], b[32];

	if (got != want)
		fail_msg("%s: got %s, want %s", what, s_show(got, a, sizeof a), s_show(want, b, sizeof b));
}

static int s_setup(void **state)
{
	char err[512];

	*state = wt_load(CAL_DIR, err, sizeof err);
	if (!*state) {
		fprintf(stderr, "wt_load(%s): %s\n", CAL_DIR, err);
		return -1;
	}
	return 0;
}

static int s_teardown(void **state)
{
	wt_calendar_t *cal = *state;

	wt_free(&cal);
	assert_null(cal);
	return 0;
}

/* ---- the shipped calendar ------------------------------------------------ */

static void test_day_seconds(void **state)
{
	assert_int_equal(wt_day_seconds(*state), D); /* 4 h + 4 h */
}

struct day_case {
	const char *at;
	bool working;
};

static const struct day_case s_day_cases[] = {
    {"2026-03-06 10:00", true},                               /* Friday */
    {"2026-03-07 10:00", false},                              /* Saturday */
    {"2026-03-08 10:00", false},                              /* Sunday */
    {"2026-02-13 23:59", true},                               /* Friday before Tết, late evening */
    {"2026-02-14 00:00", false},                              /* Saturday 00:00 local = Friday 17:00 UTC */
    {"2026-02-16 10:00", false},                              /* 29 Chạp */
    {"2026-02-17 10:00", false},                              /* mùng 1 Tết Bính Ngọ */
    {"2026-02-20 10:00", false},                              /* mùng 4 */
    {"2026-02-23 00:00", true},                               /* first working day after Tết */
    {"2025-01-01 10:00", false},                              /* Tết Dương lịch, a Wednesday */
    {"2025-01-02 10:00", true},  {"2025-04-26 10:00", true},  /* Saturday worked to bridge 30/4 – 4/5 */
    {"2025-05-02 10:00", false},                              /* the Friday it bought */
    {"2026-04-26 10:00", false},                              /* Giỗ Tổ on a Sunday … */
    {"2026-04-27 10:00", false},                              /* … compensated on Monday */
    {"2026-04-28 10:00", true},  {"2026-09-02 10:00", false}, /* Quốc khánh, a Wednesday */
    {"2027-01-01 10:00", false},                              /* Friday */
    {"2027-05-03 10:00", false},                              /* 1/5/2027 is a Saturday: Monday off */
    {"2026-01-02 10:00", false},                              /* New Year swap (12729/VPCP-KGVX) … */
    {"2026-01-10 10:00", true},                               /* … worked Saturday 10/1 */
    {"2026-08-29 10:00", false},                              /* Quốc khánh break: Saturday */
    {"2026-08-31 10:00", false},                              /* Monday 31/8 swapped */
    {"2026-08-22 10:00", true},                               /* … made up on Saturday 22/8 */
    {"2026-09-01 10:00", false},                              /* the adjacent day */
    {"2026-09-03 10:00", true},
    {"2026-11-24 10:00", false},                              /* Ngày Văn hóa Việt Nam, a Tuesday */
    {"2026-11-23 10:00", true},  {"2026-11-25 10:00", true},
    {"2027-11-24 10:00", false},                              /* every year: a Wednesday in 2027 */
    {"2028-01-03 10:00", true},                               /* no 2028 file: a Monday is a Monday */
};

static void test_working_day_table(void **state)
{
	for (size_t i = 0; i < N_ELEM(s_day_cases); i++) {
		const struct day_case *c = &s_day_cases[i];
		if (wt_is_working_day(*state, s_at(c->at)) != c->working)
			fail_msg("case %zu (%s): want working=%d", i, c->at, c->working);
	}
}

struct start_case {
	const char *at;
	bool cutoff;
	const char *want;
};

static const struct start_case s_start_cases[] = {
    {"2026-03-04 07:00", true, "2026-03-04 07:00"}, /* opening: itself */
    {"2026-03-04 06:00", true, "2026-03-04 07:00"}, /* before opening */
    {"2026-03-04 10:59", true, "2026-03-04 10:59"},
    {"2026-03-04 11:00", true, "2026-03-04 13:00"},  /* periods are [start, end) */
    {"2026-03-04 12:00", true, "2026-03-04 13:00"},  /* lunch */
    {"2026-03-04 14:59", true, "2026-03-04 14:59"},  /* before the cut-off */
    {"2026-03-04 15:00", true, "2026-03-05 07:00"},  /* the cut-off minute is late */
    {"2026-03-04 15:00", false, "2026-03-04 15:00"}, /* unless not applied */
    {"2026-03-04 17:00", false, "2026-03-05 07:00"}, /* closing */
    {"2026-03-04 20:00", true, "2026-03-05 07:00"},  /* evening */
    {"2026-03-06 15:30", true, "2026-03-09 07:00"},  /* Friday after cut-off: Monday */
    {"2026-03-07 10:00", true, "2026-03-09 07:00"},  /* Saturday */
    {"2026-02-13 16:00", true, "2026-02-23 07:00"},  /* over the whole Tết break */
    {"2026-12-31 15:30", true, "2027-01-04 07:00"},  /* over New Year 2027 */
};

static void test_start_table(void **state)
{
	char what[96];

	for (size_t i = 0; i < N_ELEM(s_start_cases); i++) {
		const struct start_case *c = &s_start_cases[i];
		snprintf(what, sizeof what, "case %zu start(%s, %d)", i, c->at, c->cutoff);
		s_expect_time(what, s_start(*state, s_at(c->at), c->cutoff), s_at(c->want));
	}
}

struct deadline_case {
	const char *received;
	int amount;
	char unit;
	const char *want;
};

static const struct deadline_case s_deadline_cases[] = {
    /* Weekend: Fri 09–11, 13–17 = 6 h; Mon 8 h (14 h); Tue 07:00 + 2 h. */
    {"2026-03-06 09:00", 2, 'd', "2026-03-10 09:00"},
    /* Mid-week holiday: Tue 14–17 = 3 h; Wed 1/1 off; Thu 07–11 (7 h),
     * 13:00 + 1 h. (No 2024 file: 31/12/2024 is a plain Tuesday.) */
    {"2024-12-31 14:00", 1, 'd', "2025-01-02 14:00"},
    /* Tết 2026: Fri 10–11, 13–17 = 5 h; 14–22/2 off; Mon 23 8 h (13),
     * Tue 24 8 h (21), Wed 25 07:00 + 3 h. */
    {"2026-02-13 10:00", 3, 'd', "2026-02-25 10:00"},
    /* Tết 2025 after the cut-off: starts Mon 3/2 07:00, 8 h → 17:00. */
    {"2025-01-24 16:00", 1, 'd', "2025-02-03 17:00"},
    /* Cut-off: Friday 15:30 counts from Monday 07:00; 8 h ends 17:00. */
    {"2026-03-06 15:30", 1, 'd', "2026-03-09 17:00"},
    {"2026-03-06 15:00", 1, 'd', "2026-03-09 17:00"},
    /* 14:59 counts from 14:59: Fri 2 h 01 m; Mon 07–11 (6 h 01 m),
     * 13:00 + 1 h 59 m. */
    {"2026-03-06 14:59", 1, 'd', "2026-03-09 14:59"},
    /* Outside working hours and at lunch. */
    {"2026-03-04 06:00", 1, 'd', "2026-03-04 17:00"},
    /* At lunch: from 13:00, Wed 13–17 4 h, Thu 07:00 + 4 h ends at
     * 11:00 and stays there. */
    {"2026-03-04 12:00", 1, 'd', "2026-03-05 11:00"},
    {"2026-03-04 20:00", 1, 'd', "2026-03-05 17:00"},
    {"2026-03-07 10:00", 1, 'd', "2026-03-09 17:00"},
    /* Hours: 8 h is a day; 3 h = 09:30–11 + 13–14:30; 1 h from 10:30
     * skips lunch; 1 h from 10:00 ends at 11:00 itself. */
    {"2026-03-04 09:30", 8, 'h', "2026-03-05 09:30"},
    {"2026-03-04 09:30", 1, 'd', "2026-03-05 09:30"},
    {"2026-03-04 09:30", 3, 'h', "2026-03-04 14:30"},
    {"2026-03-04 10:30", 1, 'h', "2026-03-04 13:30"},
    {"2026-03-04 10:00", 1, 'h', "2026-03-04 11:00"},
    {"2026-03-06 16:30", 4, 'h', "2026-03-09 11:00"}, /* cut-off applies to hours */
    /* Exactly at the end of a period: stays at 17:00, not Thursday 07:00. */
    {"2026-03-04 07:00", 1, 'd', "2026-03-04 17:00"},
    {"2026-03-04 07:00", 2, 'd', "2026-03-05 17:00"},
    /* Five days: Wed 08–11, 13–17 = 7 h; Thu, Fri, Mon, Tue 32 h (39);
     * Wed 11/3 07:00 + 1 h. */
    {"2026-03-04 08:00", 5, 'd', "2026-03-11 08:00"},
    /* Year boundary: Wed 30/12 10–11, 13–17 = 5 h; Thu 31 8 h (13);
     * Fri 1/1/2027 off, weekend; Mon 4, Tue 5, Wed 6 24 h (37);
     * Thu 7/1 07:00 + 3 h. */
    {"2026-12-30 10:00", 5, 'd', "2027-01-07 10:00"},
    /* Giỗ Tổ compensated and 30/4–1/5: Fri 24/4 5 h; Mon 27 off; Tue 28,
     * Wed 29 16 h (21); Thu 30, Fri 1 off; Mon 4/5 07:00 + 3 h. */
    {"2026-04-24 10:00", 3, 'd', "2026-05-04 10:00"},
    /* Quốc khánh 2026: Fri 28/8 10–11, 13–17 = 5 h; Sat 29/8 – Wed 2/9 off
     * (31/8 swapped, 1/9 and 2/9 the holiday); Thu 3/9 8 h (13), Fri 4/9 8 h
     * (21); Mon 7/9 07:00 + 3 h. */
    {"2026-08-28 10:00", 3, 'd', "2026-09-07 10:00"},
    /* … 5 days from Thu 27/8 09:00: Thu 6 h; Fri 8 (14); Thu 3/9 8 (22),
     * Fri 4/9 8 (30), Mon 7/9 8 (38); Tue 8/9 07:00 + 2 h. */
    {"2026-08-27 09:00", 5, 'd', "2026-09-08 09:00"},
    /* The make-up Saturday 22/8 counts: Fri 21/8 14–17 3 h; Sat 22/8 07–11
     * (7 h), 13:00 + 1 h. */
    {"2026-08-21 14:00", 1, 'd', "2026-08-22 14:00"},
    /* Ngày Văn hóa Việt Nam: Mon 23/11 10–11, 13–17 5 h; Tue 24/11 off; Wed
     * 25/11 8 h (13); Thu 26/11 07:00 + 3 h. */
    {"2026-11-23 10:00", 2, 'd', "2026-11-26 10:00"},
    /* … received after the cut-off on Monday: from Wed 25/11 07:00, 8 h. */
    {"2026-11-23 15:30", 1, 'd', "2026-11-25 17:00"},
    /* … in hours: Mon 14–17 3 h, Tue off, Wed 07:00 + 1 h. */
    {"2026-11-23 14:00", 4, 'h', "2026-11-25 08:00"},
    /* Zero: the start itself, after the cut-off the next opening. */
    {"2026-03-04 09:00", 0, 'd', "2026-03-04 09:00"},
    {"2026-03-04 16:00", 0, 'h', "2026-03-05 07:00"},
};

static void test_deadline_table(void **state)
{
	char what[96];

	for (size_t i = 0; i < N_ELEM(s_deadline_cases); i++) {
		const struct deadline_case *c = &s_deadline_cases[i];
		snprintf(what, sizeof what, "case %zu: %s + %d%c", i, c->received, c->amount, c->unit);
		s_expect_time(what, s_deadline(*state, s_at(c->received), c->amount, c->unit), s_at(c->want));
	}
}

/* Same-day procedures (NĐ 23/2015/NĐ-CP art. 7; QĐ 1872/QĐ-BTP 2020):
 * due at the close of the day of reception (17:00 in the shipped calendar,
 * the end of a day as wf_day_end has it), of the next working day when
 * received after 15:00 — 15:00:00 itself is in time — or on a day off. */
struct same_day_case {
	const char *received;
	int secs; /* seconds past the minute */
	int cutoff; /* the procedure's or calendar's cut-off passed: ignored */
	const char *want;
};

#define C15 (15 * 3600)
static const struct same_day_case s_same_day_cases[] = {
    {"2026-03-04 10:00", 0, C15, "2026-03-04 17:00"}, /* Wednesday morning: that day */
    {"2026-03-04 14:59", 59, C15, "2026-03-04 17:00"},
    {"2026-03-04 15:00", 0, C15, "2026-03-04 17:00"}, /* 15:00:00 is not after 15:00 */
    {"2026-03-04 15:00", 1, C15, "2026-03-05 17:00"}, /* 15:00:01 is */
    {"2026-03-04 15:00", 0, 14 * 3600, "2026-03-04 17:00"}, /* a local cut-off does not apply */
    {"2026-03-04 15:00", 1, -1, "2026-03-05 17:00"},        /* nor its absence */
    {"2026-03-04 16:59", 0, C15, "2026-03-05 17:00"},
    {"2026-03-04 17:30", 0, C15, "2026-03-05 17:00"}, /* after closing */
    {"2026-03-04 06:30", 0, C15, "2026-03-04 17:00"}, /* before opening: the clock starts that day */
    {"2026-03-04 12:00", 0, C15, "2026-03-04 17:00"}, /* lunch */
    {"2026-03-06 16:00", 0, C15, "2026-03-09 17:00"}, /* Friday 16:00: Monday */
    {"2026-03-06 15:00", 0, C15, "2026-03-06 17:00"}, /* Friday 15:00:00: that Friday */
    {"2026-03-07 10:00", 0, C15, "2026-03-09 17:00"}, /* Saturday: Monday */
    {"2026-03-08 09:00", 0, C15, "2026-03-09 17:00"}, /* Sunday: Monday */
    {"2026-01-10 10:00", 0, C15, "2026-01-10 17:00"}, /* a make-up working Saturday */
    {"2026-04-27 10:00", 0, C15, "2026-04-28 17:00"}, /* Giỗ Tổ, compensated on Monday */
    {"2026-04-24 15:30", 0, C15, "2026-04-28 17:00"}, /* Friday after 15:00 before it */
    {"2026-02-13 10:00", 0, C15, "2026-02-13 17:00"}, /* the day before Tết */
    {"2026-02-13 16:00", 0, C15, "2026-02-23 17:00"}, /* … after 15:00: after Tết */
    {"2026-12-31 15:30", 0, C15, "2027-01-04 17:00"}, /* over New Year 2027 */
    {"2026-08-28 15:30", 0, C15, "2026-09-03 17:00"}, /* over the Quốc khánh break */
    {"2026-08-31 09:00", 0, C15, "2026-09-03 17:00"}, /* on the swapped Monday */
    {"2026-08-22 10:00", 0, C15, "2026-08-22 17:00"}, /* its make-up Saturday */
    {"2026-11-23 15:00", 0, C15, "2026-11-23 17:00"}, /* before 24/11 … */
    {"2026-11-23 15:30", 0, C15, "2026-11-25 17:00"}, /* … after 15:00: Wednesday */
    {"2026-11-24 09:00", 0, C15, "2026-11-25 17:00"}, /* on Ngày Văn hóa Việt Nam */
};

static void test_same_day_table(void **state)
{
	const wt_calendar_t *cal = *state;
	char what[96];

	for (size_t i = 0; i < N_ELEM(s_same_day_cases); i++) {
		const struct same_day_case *c = &s_same_day_cases[i];
		time_t t = s_at(c->received) + c->secs, start, due;

		snprintf(what, sizeof what, "case %zu: same day from %s:%02d", i, c->received, c->secs);
		due = wt_appointment(cal, t, 1, 's', c->cutoff, &start);
		s_expect_time(what, due, s_at(c->want));
		/* the clock starts that day, or at the next working day's opening */
		assert_true(start >= t && start < due);
		/* reception (via s_deadline) counts the same */
		if (c->cutoff == C15)
			s_expect_time(what, s_deadline(cal, t, 1, 's'), s_at(c->want));
	}
}

/* Lawful extensions picked at reception (wt_extend after wt_appointment, as
 * dossier_appointment does): chứng thực's "+ up to 2 working days" counts on
 * from the same-day close; kết hôn's "up to 5 working days" is the whole time
 * from where the clock started, never before the same-day close. */
struct ext_case {
	const char *received;
	int secs;
	bool total;
	int days;
	const char *want;
};

static const struct ext_case s_ext_cases[] = {
    {"2026-03-04 14:59", 59, false, 2, "2026-03-06 17:00"}, /* Wed's close + Thu, Fri */
    {"2026-03-04 15:00", 0, false, 2, "2026-03-06 17:00"},  /* 15:00:00 still that day */
    {"2026-03-04 15:00", 1, false, 2, "2026-03-09 17:00"},  /* Thu's close + Fri, Mon */
    {"2026-03-06 16:00", 0, false, 2, "2026-03-11 17:00"},  /* Friday 16:00: Mon's close + Tue, Wed */
    {"2026-02-13 10:00", 0, false, 2, "2026-02-24 17:00"},  /* the day before Tết: + 23, 24/2 */
    {"2026-02-13 16:00", 0, false, 2, "2026-02-25 17:00"},  /* … after 15:00: 23/2's close + 24, 25 */
    {"2026-03-04 10:00", 0, true, 5, "2026-03-11 10:00"},   /* kết hôn verified: 5 days from 10:00 */
    {"2026-03-04 15:00", 1, true, 5, "2026-03-11 17:00"},   /* from Thu 07:00: 40 h end Wed 17:00 */
    {"2026-03-04 16:30", 0, true, 0, "2026-03-05 17:00"},   /* none: the same-day close itself */
};

static void test_extension_table(void **state)
{
	const wt_calendar_t *cal = *state;
	char what[96];

	for (size_t i = 0; i < N_ELEM(s_ext_cases); i++) {
		const struct ext_case *c = &s_ext_cases[i];
		time_t t = s_at(c->received) + c->secs, start, due = wt_appointment(cal, t, 1, 's', -1, &start);

		snprintf(what, sizeof what, "case %zu: %s %d days from %s:%02d", i, c->total ? "total" : "add", c->days,
			 c->received, c->secs);
		s_expect_time(what, c->days ? wt_extend(cal, due, start, c->days, 'd', c->total) : due, s_at(c->want));
	}
	/* a total shorter than the same day never makes it earlier */
	{
		time_t start, due = wt_appointment(cal, s_at("2026-03-04 10:00"), 1, 's', -1, &start);
		s_expect_time("total 1 h", wt_extend(cal, due, start, 1, 'h', true), s_at("2026-03-04 17:00"));
	}
}

/* A result handed over at 16:00 the same day is in time, the next morning
 * it is not: the close is the last second in time (wf_grade: late only when
 * done > due). */
static void test_same_day_close(void **state)
{
	const wt_calendar_t *cal = *state;
	time_t due = wt_appointment(cal, s_at("2026-03-04 10:00"), 1, 's', -1, NULL);

	assert_true(s_at("2026-03-04 16:00") <= due);
	assert_true(s_at("2026-03-04 17:00") <= due);
	assert_true(s_at("2026-03-04 17:00") + 1 > due);
	assert_true(s_at("2026-03-05 08:00") > due);
	/* the working time left at 10:00: 10–11, 13–17 */
	assert_int_equal(wt_between(cal, s_at("2026-03-04 10:00"), due), 5 * H);
}

struct between_case {
	const char *a, *b;
	int64_t want;
};

static const struct between_case s_between_cases[] = {
    {"2026-03-04 10:00", "2026-03-04 14:00", 2 * H}, /* 10–11, 13–14 */
    {"2026-03-04 11:00", "2026-03-04 13:00", 0},     /* lunch */
    {"2026-03-04 10:00", "2026-03-04 10:00", 0},
    {"2026-03-06 16:00", "2026-03-09 08:00", 2 * H}, /* Fri 16–17, Mon 07–08 */
    {"2026-03-09 08:00", "2026-03-06 16:00", -2 * H},
    {"2026-02-13 17:00", "2026-02-23 07:00", 0}, /* the whole Tết break */
    {"2026-02-13 10:00", "2026-02-25 10:00", 3 * D},
    /* Whole years of 261 weekdays: 2025 12 weekday holidays and one
     * compensating Saturday (250 days); 2026 14 (1/1, 2/1, five of Tết, 27/4,
     * 30/4, 1/5, 31/8, 1/9, 2/9, 24/11) and two Saturdays, 10/1 and 22/8
     * (249); 2027 12 with 24/11, none worked (249). */
    {"2025-01-01 00:00", "2026-01-01 00:00", 250 * (int64_t)D},
    {"2026-01-01 00:00", "2027-01-01 00:00", 249 * (int64_t)D},
    {"2027-01-01 00:00", "2028-01-01 00:00", 249 * (int64_t)D},
    {"2025-01-01 00:00", "2028-01-01 00:00", 748 * (int64_t)D},
    /* Around Quốc khánh: Mon 17/8 – Mon 7/9: 17–21/8 5 days, Saturday 22/8
     * worked, 24–28/8 5, 31/8 – 2/9 off, 3–4/9 2: 13 days. */
    {"2026-08-17 00:00", "2026-09-07 00:00", 13 * (int64_t)D},
    /* 2028–2037, no holiday files: 10 years of weekdays. 2028-01-03 is a
     * Monday; 521 weeks later is Monday 2037-12-28. */
    {"2028-01-03 00:00", "2037-12-28 00:00", 521 * 5 * (int64_t)D},
};

static void test_between_table(void **state)
{
	for (size_t i = 0; i < N_ELEM(s_between_cases); i++) {
		const struct between_case *c = &s_between_cases[i];
		int64_t got = wt_between(*state, s_at(c->a), s_at(c->b));
		if (got != c->want)
			fail_msg("case %zu: wt_between(%s, %s) = %lld, want %lld", i, c->a, c->b, (long long)got,
			         (long long)c->want);
	}
}

/* A dossier of 5 days received Wed 4/3 08:00 (due Wed 11/3 08:00) is paused
 * Thu 5/3 14:00 for a supplement and resumed Tue 10/3 09:00. */
static void test_pause_over_weekend(void **state)
{
	wt_calendar_t *cal = *state;
	time_t received = s_at("2026-03-04 08:00");
	time_t start = s_start(cal, received, true);
	time_t due = s_deadline(cal, received, 5, 'd');
	time_t paused = s_at("2026-03-05 14:00");
	time_t resumed = s_at("2026-03-10 09:00");
	int64_t used, gap, left;

	s_expect_time("first deadline", due, s_at("2026-03-11 08:00"));
	/* Wed 08–11, 13–17 = 7 h; Thu 07–11, 13–14 = 5 h: 12 h used. */
	used = wt_between(cal, start, paused);
	assert_int_equal(used, 12 * H);
	left = 5 * D - used;
	assert_int_equal(left, 28 * H);
	/* Paused: Thu 14–17 3 h, Fri 8 h, Mon 8 h, Tue 07–09 2 h = 21 h. */
	gap = wt_between(cal, paused, resumed);
	assert_int_equal(gap, 21 * H);
	/* Remaining 28 h from Tue 09:00: Tue 6 h (22 left), Wed 8 (14),
	 * Thu 8 (6), Fri 07–11 (2), 13:00 + 2 h = Fri 13/3 15:00. */
	s_expect_time("after resume", wt_add(cal, s_start(cal, resumed, false), left), s_at("2026-03-13 15:00"));
	/* The same as the old deadline moved by the paused working time. */
	s_expect_time("shifted", wt_add(cal, due, gap), s_at("2026-03-13 15:00"));
}

static void test_add_edges(void **state)
{
	wt_calendar_t *cal = *state;
	time_t fri13 = s_at("2026-03-06 13:00");

	/* 4 h from Friday 13:00 end at Friday 17:00, not Monday 07:00. */
	s_expect_time("to 17:00", wt_add(cal, fri13, 4 * H), s_at("2026-03-06 17:00"));
	/* One second more runs into Monday. */
	s_expect_time("past 17:00", wt_add(cal, fri13, 4 * H + 1), s_at("2026-03-09 07:00") + 1);
	/* Zero seconds: the start, even outside working hours. */
	s_expect_time("zero", wt_add(cal, s_at("2026-03-07 10:00"), 0), s_at("2026-03-07 10:00"));
	/* A start on Saturday counts from Monday's opening. */
	s_expect_time("saturday", wt_add(cal, s_at("2026-03-07 10:00"), H), s_at("2026-03-09 08:00"));
}

/* For many starts and amounts, wt_add returns the first instant at which
 * exactly that much working time has passed. */
static void test_add_between_agree(void **state)
{
	static const int64_t amounts[] = {1, 59, H, 4 * H, D, D + 1, 5 * D, 61 * D + 17};
	wt_calendar_t *cal = *state;
	time_t from = s_at("2025-12-20 00:00"), to = s_at("2026-03-10 00:00");
	char buf[32];

	for (time_t t = from; t < to; t += 97 * 60) {
		for (size_t k = 0; k < N_ELEM(amounts); k++) {
			time_t r = wt_add(cal, t, amounts[k]);
			if (wt_between(cal, t, r) != amounts[k] || wt_between(cal, t, r - 1) != amounts[k] - 1)
				fail_msg("start %s amount %lld", s_show(t, buf, sizeof buf), (long long)amounts[k]);
		}
	}
}

static double s_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_long_spans(void **state)
{
	wt_calendar_t *cal = *state;
	time_t mon = s_at("2028-01-03 07:00"); /* a Monday, no holidays after 2027 */
	double t0 = s_now();

	/* 5200 days = 1040 weeks: ends on the Friday of the 1040th week at
	 * 17:00, 1040 * 7 - 3 days after Monday 3/1/2028. */
	s_expect_time("1040 weeks", wt_add(cal, mon, 5200 * (int64_t)D),
	              s_at("2028-01-03 17:00") + (time_t)(1040 * 7 - 3) * 86400);
	/* 250 days from the first working day of 2025 end on the last one. */
	s_expect_time("a year", s_deadline(cal, s_at("2025-01-02 07:00"), 250, 'd'), s_at("2025-12-31 17:00"));
	/* A year of span, many times over, is quick. */
	for (int i = 0; i < 2000; i++)
		(void)s_deadline(cal, s_at("2025-01-02 07:00") + i * 600, 250, 'd');
	/* Absurd amounts finish and stay in the future. */
	assert_true(s_deadline(cal, mon, INT_MAX, 'd') > mon);
	assert_true(wt_add(cal, mon, INT64_MAX) > mon);
	assert_true(wt_between(cal, mon, mon + (time_t)1000000 * 86400) > 0);
	if (s_now() - t0 > 2.0)
		fail_msg("long spans took %.2f s", s_now() - t0);
}

static void test_runtime_holidays(void **state)
{
	char err[512];
	wt_calendar_t *cal = wt_load(CAL_DIR, err, sizeof err);
	time_t wed = s_at("2026-03-04 08:00");

	(void)state;
	assert_non_null(cal);
	/* Wed 08:00 + 1 day = Thu 08:00; with Thursday off, Fri 08:00. */
	s_expect_time("before", s_deadline(cal, wed, 1, 'd'), s_at("2026-03-05 08:00"));
	assert_int_equal(wt_add_holiday(cal, "2026-03-05", "Ngh\xE1\xBB\x89 \xC4\x91\xE1\xBB\x99t xu\xE1\xBA\xA5t"), 0);
	assert_false(wt_is_working_day(cal, s_at("2026-03-05 10:00")));
	s_expect_time("added", s_deadline(cal, wed, 1, 'd'), s_at("2026-03-06 08:00"));
	assert_int_equal(wt_add_holiday(cal, "2026-03-05", "again"), -1);
	assert_int_equal(wt_remove_holiday(cal, "2026-03-05"), 0);
	s_expect_time("removed", s_deadline(cal, wed, 1, 'd'), s_at("2026-03-05 08:00"));
	assert_int_equal(wt_remove_holiday(cal, "2026-03-05"), -1);
	/* Bad dates. */
	assert_int_equal(wt_add_holiday(cal, "2026-02-30", "x"), -1);
	assert_int_equal(wt_add_holiday(cal, "2026-3-5", "x"), -1);
	assert_int_equal(wt_add_holiday(cal, "2026-03-05 ", "x"), -1);
	assert_int_equal(wt_add_holiday(cal, "", "x"), -1);
	assert_int_equal(wt_add_holiday(cal, NULL, "x"), -1);
	assert_int_equal(wt_remove_holiday(cal, "2026-13-01"), -1);
	assert_int_equal(wt_add_holiday(cal, "2028-02-29", NULL), 0); /* leap day, no name */
	assert_int_equal(wt_add_holiday(cal, "2027-02-29", NULL), -1);
	/* A shipped holiday can be removed and put back. */
	assert_int_equal(wt_remove_holiday(cal, "2026-02-17"), 0);
	assert_true(wt_is_working_day(cal, s_at("2026-02-17 10:00")));
	assert_int_equal(wt_add_holiday(cal, "2026-02-17", "T\xE1\xBA\xBFt"), 0);
	assert_false(wt_is_working_day(cal, s_at("2026-02-17 10:00")));
	/* A holiday declared on a compensating Saturday wins. */
	assert_int_equal(wt_add_holiday(cal, "2025-04-26", "x"), 0);
	assert_false(wt_is_working_day(cal, s_at("2025-04-26 10:00")));
	assert_int_equal(wt_remove_holiday(cal, "2025-04-26"), 0);
	assert_true(wt_is_working_day(cal, s_at("2025-04-26 10:00")));
	wt_free(&cal);
}

/* ---- wt_format_remaining ------------------------------------------------- */

#define CON "c\xC3\xB2n "                /* còn */
#define QUA "qu\xC3\xA1 h\xE1\xBA\xA1n " /* quá hạn */
#define NGAY "ng\xC3\xA0y"               /* ngày */
#define GIO "gi\xE1\xBB\x9D"             /* giờ */
#define PHUT "ph\xC3\xBAt"               /* phút */

struct fmt_case {
	int64_t secs;
	const char *want;
};

static const struct fmt_case s_fmt_cases[] = {
    {0, "\xC4\x91\xE1\xBA\xBFn h\xE1\xBA\xA1n"}, /* đến hạn */
    {D + 3 * H, CON "1 " NGAY " 3 " GIO},
    {-2 * D, QUA "2 " NGAY},
    {45 * 60, CON "45 " PHUT},
    {45 * 60 + 59, CON "45 " PHUT}, /* rounded down */
    {-3 * H, QUA "3 " GIO},
    {2 * D + 30 * 60, CON "2 " NGAY}, /* minutes only under an hour */
    {H + 59 * 60, CON "1 " GIO},
    {D - 1, CON "7 " GIO},
    {D, CON "1 " NGAY},
    {-(D + 7 * H + 59 * 60), QUA "1 " NGAY " 7 " GIO},
    {-5 * 60, QUA "5 " PHUT},
    {30, CON "d\xC6\xB0\xE1\xBB\x9Bi 1 " PHUT}, /* còn dưới 1 phút */
    {-1, QUA "d\xC6\xB0\xE1\xBB\x9Bi 1 " PHUT},
    {12 * (int64_t)D, CON "12 " NGAY},
};

static void test_format_table(void **state)
{
	char buf[64];

	for (size_t i = 0; i < N_ELEM(s_fmt_cases); i++) {
		const char *got = wt_format_remaining(*state, s_fmt_cases[i].secs, buf, sizeof buf);
		assert_ptr_equal(got, buf);
		if (strcmp(got, s_fmt_cases[i].want) != 0)
			fail_msg("case %zu (%lld s): got \"%s\", want \"%s\"", i, (long long)s_fmt_cases[i].secs, got,
			         s_fmt_cases[i].want);
	}
}

static void test_format_small_buffer(void **state)
{
	char buf[8];

	/* "còn" is c, ò (2 bytes), n: a 3-byte buffer holds "c", not half an ò. */
	assert_string_equal(wt_format_remaining(*state, D, buf, 3), "c");
	assert_string_equal(wt_format_remaining(*state, D, buf, 4), "c\xC3\xB2");
	assert_string_equal(wt_format_remaining(*state, D, buf, 1), "");
	buf[0] = 'x';
	wt_format_remaining(*state, D, buf, 0); /* writes nothing */
	assert_int_equal(buf[0], 'x');
	/* The most overdue value there is does not overflow. */
	char big[64];
	assert_non_null(strstr(wt_format_remaining(*state, INT64_MIN, big, sizeof big), QUA));
}

/* ---- calendars written for the test -------------------------------------- */

static void s_write(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void s_rmdir(const char *dir, const char *const *names, size_t n)
{
	char path[512];

	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static const char s_good_base[] = "utc_offset_hours: 7\n"
                                  "working_hours:\n"
                                  "  - {start: \"07:00\", end: \"11:00\"}\n"
                                  "  - {start: \"13:00\", end: \"17:00\"}\n"
                                  "working_weekdays: [mon, tue, wed, thu, fri]\n"
                                  "cutoff: \"15:00\"\n";

/* s_good_base and a key, for the desk and season errors (line 7). */
#define DESK_BASE                                                                                                       \
	"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"                                     \
	"  - {start: \"13:00\", end: \"17:00\"}\nworking_weekdays: [mon, tue, wed, thu, fri]\ncutoff: \"15:00\"\n"          \
	"desk_hours:\n"
#define SEASON_BASE                                                                                                     \
	"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"                                     \
	"  - {start: \"13:00\", end: \"17:00\"}\nworking_weekdays: [mon, tue, wed, thu, fri]\ncutoff: \"15:00\"\n"          \
	"seasons:\n"
#define SUMMER_HOURS                                                                                                    \
	"    working_hours:\n      - {start: \"07:00\", end: \"11:30\"}\n      - {start: \"13:30\", end: \"17:00\"}\n"

struct err_case {
	const char *base;  /* calendar.yaml, NULL to leave it out */
	const char *year;  /* 2026.yaml, NULL for none */
	const char *where; /* err must contain this "file:line:" */
	const char *what;  /* … and this */
};

static const struct err_case s_err_cases[] = {
    /* End before start, line 4. */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"
     "  - {start: \"13:00\", end: \"12:00\"}\nworking_weekdays: [mon]\n",
     NULL, "/calendar.yaml:4: ",
     "k\xE1\xBA\xBFt th\xC3\xBA"
     "c ph\xE1\xBA\xA3i sau"},
    /* Overlapping periods, line 4. */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"
     "  - {start: \"10:30\", end: \"17:00\"}\nworking_weekdays: [mon]\n",
     NULL, "/calendar.yaml:4: ", "ch\xE1\xBB\x93ng l\xC3\xAAn"},
    /* Periods out of order, block style: the start of the second is line 6. */
    {"utc_offset_hours: 7\nworking_hours:\n  - start: \"13:00\"\n    end: \"17:00\"\n"
     "  - end: \"11:00\"\n    start: \"07:00\"\nworking_weekdays: [mon]\n",
     NULL, "/calendar.yaml:6: ", "ch\xE1\xBB\x93ng l\xC3\xAAn"},
    /* Malformed time, line 3. */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"7:00\", end: \"11:00\"}\nworking_weekdays: [mon]\n", NULL,
     "/calendar.yaml:3: ", "\"7:00\""},
    /* Unknown key, line 6 (libcyaml's message). */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"
     "working_weekdays: [mon]\ncutoff: \"15:00\"\nlunch: \"11:00\"\n",
     NULL, "/calendar.yaml:6: ", "lunch"},
    /* Unknown weekday, line 4. */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"
     "working_weekdays: [mon, funday]\n",
     NULL, "/calendar.yaml:4: ", "funday"},
    /* No working weekday at all, line 4. */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\nworking_weekdays: []\n", NULL,
     "/calendar.yaml:4: ", "working_weekdays"},
    /* Offset out of range, line 1. */
    {"utc_offset_hours: 30\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\nworking_weekdays: [mon]\n", NULL,
     "/calendar.yaml:1: ", "utc_offset_hours"},
    /* Not a number, line 1. */
    {"utc_offset_hours: seven\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"
     "working_weekdays: [mon]\n",
     NULL, "/calendar.yaml:1: ", "seven"},
    /* Bad cut-off, line 6. */
    {"utc_offset_hours: 7\nworking_hours:\n  - {start: \"07:00\", end: \"11:00\"}\n"
     "  - {start: \"13:00\", end: \"17:00\"}\nworking_weekdays: [mon]\ncutoff: \"25:00\"\n",
     NULL, "/calendar.yaml:6: ", "25:00"},
    /* 30 February, line 4. */
    {s_good_base,
     "year: 2026\nholidays:\n  - {date: \"2026-01-01\", name: \"T\xE1\xBA\xBFt\"}\n"
     "  - {date: \"2026-02-30\", name: \"Sai\"}\n",
     "/2026.yaml:4: ", "2026-02-30"},
    /* Same, block style: the date is on line 5. */
    {s_good_base,
     "year: 2026\nholidays:\n  - date: \"2026-01-01\"\n    name: \"A\"\n  - date: \"2026-2-3\"\n    name: \"B\"\n",
     "/2026.yaml:5: ", "2026-2-3"},
    /* A date of another year, line 3. */
    {s_good_base, "year: 2026\nholidays:\n  - {date: \"2025-05-01\", name: \"x\"}\n", "/2026.yaml:3: ", "2025-05-01"},
    /* Twice, line 4. */
    {s_good_base,
     "year: 2026\nholidays:\n  - {date: \"2026-09-02\", name: \"x\"}\n  - {date: \"2026-09-02\", name: \"y\"}\n",
     "/2026.yaml:4: ", "hai l\xE1\xBA\xA7n"},
    /* A compensating day that is a Wednesday, line 3. */
    {s_good_base, "year: 2026\nworking_days:\n  - {date: \"2026-01-07\", name: \"x\"}\n",
     "/2026.yaml:3: ", "2026-01-07"},
    /* Both a holiday and a working day, line 5. */
    {s_good_base,
     "year: 2026\nholidays:\n  - {date: \"2026-01-10\", name: \"x\"}\nworking_days:\n"
     "  - {date: \"2026-01-10\", name: \"y\"}\n",
     "/2026.yaml:5: ", "2026-01-10"},
    /* Missing name, line 3 (libcyaml's message names the field). */
    {s_good_base, "year: 2026\nholidays:\n  - {date: \"2026-01-01\"}\n", "/2026.yaml:3: ", "name"},
    /* Unknown key in a year file, line 2. */
    {s_good_base, "year: 2026\ncutoff: \"15:00\"\n", "/2026.yaml:2: ", "cutoff"},
    /* Broken YAML, line 3 (libyaml's message). */
    {s_good_base, "year: 2026\nholidays: [\n  {date: \"2026-01-01\", name: \"x\"\n\n",
     "/2026.yaml:3: ", "did not find expected"},
    /* No base file. */
    {NULL, "year: 2026\n", "/calendar.yaml: ", "thi\xE1\xBA\xBFu"},
    /* Desk hours: an unknown weekday, line 8 (libcyaml's message). */
    {DESK_BASE "  - {weekdays: [sat, funday], start: \"07:30\", end: \"11:30\"}\n", NULL, "/calendar.yaml:8: ",
     "funday"},
    /* … no weekday, line 8. */
    {DESK_BASE "  - {weekdays: [], start: \"07:30\", end: \"11:30\"}\n", NULL, "/calendar.yaml:8: ", "weekdays"},
    /* … a malformed end, the second entry's, line 9. */
    {DESK_BASE "  - {weekdays: [sat], start: \"07:30\", end: \"11:30\"}\n"
               "  - {weekdays: [sun], start: \"07:30\", end: \"1130\"}\n",
     NULL, "/calendar.yaml:9: ", "\"1130\""},
    /* … end before start, line 8. */
    {DESK_BASE "  - {weekdays: [sat], start: \"11:30\", end: \"07:30\"}\n", NULL, "/calendar.yaml:8: ",
     "k\xE1\xBA\xBFt th\xC3\xBA"
     "c ph\xE1\xBA\xA3i sau"},
    /* … an unknown key, line 8. */
    {DESK_BASE "  - {weekdays: [sat], start: \"07:30\", end: \"11:30\", note: x}\n", NULL, "/calendar.yaml:8: ",
     "note"},
    /* Seasons: a month 13, line 9. */
    {SEASON_BASE "  - name: \"H\xC3\xA8\"\n    from: \"13-01\"\n    to: \"10-14\"\n" SUMMER_HOURS, NULL,
     "/calendar.yaml:9: ", "\"13-01\""},
    /* … 30 February as its end, line 10. */
    {SEASON_BASE "  - name: \"H\xC3\xA8\"\n    from: \"01-15\"\n    to: \"02-30\"\n" SUMMER_HOURS, NULL,
     "/calendar.yaml:10: ", "\"02-30\""},
    /* … a working day of 7 h 30 against 8 h, line 11. */
    {SEASON_BASE "  - name: \"H\xC3\xA8\"\n    from: \"04-15\"\n    to: \"10-14\"\n    working_hours:\n"
                 "      - {start: \"07:00\", end: \"11:00\"}\n      - {start: \"13:30\", end: \"17:00\"}\n",
     NULL, "/calendar.yaml:11: ", "450"},
    /* … periods overlapping inside a season, line 13. */
    {SEASON_BASE "  - name: \"H\xC3\xA8\"\n    from: \"04-15\"\n    to: \"10-14\"\n    working_hours:\n"
                 "      - {start: \"07:00\", end: \"11:30\"}\n      - {start: \"11:00\", end: \"14:30\"}\n",
     NULL, "/calendar.yaml:13: ", "ch\xE1\xBB\x93ng l\xC3\xAAn"},
    /* … two seasons sharing 14/10 (the second wraps over New Year), line
     * 15: the second's from. */
    {SEASON_BASE "  - name: \"H\xC3\xA8\"\n    from: \"04-15\"\n    to: \"10-14\"\n" SUMMER_HOURS
                 "  - name: \"\xC4\x90\xC3\xB4ng\"\n    from: \"10-14\"\n    to: \"04-14\"\n" SUMMER_HOURS,
     NULL, "/calendar.yaml:15: ", "10-14"},
    /* … no name, line 8 (libcyaml names the field). */
    {SEASON_BASE "  - from: \"04-15\"\n    to: \"10-14\"\n" SUMMER_HOURS, NULL, "/calendar.yaml:8: ", "name"},
};

static void test_load_errors(void **state)
{
	char tmpl[] = "/tmp/test_worktime.XXXXXX";
	char dir[64], err[512];
	(void)state;

	for (size_t i = 0; i < N_ELEM(s_err_cases); i++) {
		const struct err_case *c = &s_err_cases[i];
		const char *names[] = {"calendar.yaml", "2026.yaml"};
		wt_calendar_t *cal;

		memcpy(dir, tmpl, sizeof tmpl);
		assert_non_null(mkdtemp(dir));
		if (c->base)
			s_write(dir, "calendar.yaml", c->base);
		if (c->year)
			s_write(dir, "2026.yaml", c->year);
		err[0] = '\0';
		cal = wt_load(dir, err, sizeof err);
		s_rmdir(dir, names, N_ELEM(names));
		if (cal) {
			wt_free(&cal);
			fail_msg("case %zu: loaded", i);
		}
		/* The message starts with the file's path. */
		if (getenv("TEST_WORKTIME_SHOW"))
			fprintf(stderr, "case %zu: %s\n", i, err);
		if (strncmp(err, dir, strlen(dir)) != 0 || !strstr(err, c->where) || !strstr(err, c->what))
			fail_msg("case %zu: err \"%s\", want \"%s\" and \"%s\"", i, err, c->where, c->what);
	}
	/* A directory that is not there. */
	assert_null(wt_load("/nonexistent/calendar", err, sizeof err));
	assert_non_null(strstr(err, "/nonexistent/calendar"));
}

static void test_load_duplicate_year(void **state)
{
	char dir[] = "/tmp/test_worktime.XXXXXX";
	const char *names[] = {"calendar.yaml", "2026.yaml", "2026-copy.yaml"};
	char err[512];
	wt_calendar_t *cal;

	(void)state;
	assert_non_null(mkdtemp(dir));
	s_write(dir, "calendar.yaml", s_good_base);
	s_write(dir, "2026.yaml", "year: 2026\n");
	s_write(dir, "2026-copy.yaml", "# copy\nyear: 2026\n");
	cal = wt_load(dir, err, sizeof err);
	s_rmdir(dir, names, N_ELEM(names));
	assert_null(cal);
	assert_non_null(strstr(err, "/2026.yaml:1: ")); /* sorted: "2026-copy" loads first */
}

/* A calendar unlike the shipped one: UTC, Monday to Saturday, three
 * periods of which two touch (08–12, 12–12:30, 13:30–16:30 = 7.5 h), no
 * cut-off, New Year off and Sunday 6/1/2030 worked. 2030-01-01 is a
 * Tuesday. Other files in the directory are ignored. */
static void test_custom_calendar(void **state)
{
	char dir[] = "/tmp/test_worktime.XXXXXX";
	const char *names[] = {"calendar.yaml", "2030.yaml", "2031.yaml", "README.md"};
	char err[512];
	wt_calendar_t *cal;
	const int64_t day = 7 * H + 30 * 60;

	(void)state;
	assert_non_null(mkdtemp(dir));
	s_write(dir, "calendar.yaml",
	        "utc_offset_hours: 0\n"
	        "working_hours:\n"
	        "  - {start: \"08:00\", end: \"12:00\"}\n"
	        "  - {start: \"12:00\", end: \"12:30\"}\n"
	        "  - {start: \"13:30\", end: \"16:30\"}\n"
	        "working_weekdays: [mon, tue, wed, thu, fri, sat]\n");
	s_write(dir, "2030.yaml",
	        "year: 2030\n"
	        "holidays:\n  - {date: \"2030-01-01\", name: \"N\xC4\x83m m\xE1\xBB\x9Bi\"}\n"
	        "working_days:\n  - {date: \"2030-01-06\", name: \"L\xC3\xA0m b\xC3\xB9\"}\n");
	s_write(dir, "2031.yaml", "year: 2031\n");
	s_write(dir, "README.md", "not: [yaml\n");
	cal = wt_load(dir, err, sizeof err);
	s_rmdir(dir, names, N_ELEM(names));
	if (!cal)
		fail_msg("wt_load: %s", err);
	assert_int_equal(wt_day_seconds(cal), day);
	/* No cut-off: 16:00 counts from 16:00 whether or not it is applied. */
	assert_true(s_start(cal, s_at_off("2030-01-04 16:00", 0), true) == s_at_off("2030-01-04 16:00", 0));
	/* Touching periods: 12:00 is inside; 11:00–12:30 is 1.5 h; 1 h from
	 * 11:00 ends at 12:00 itself. */
	assert_true(s_start(cal, s_at_off("2030-01-04 12:00", 0), true) == s_at_off("2030-01-04 12:00", 0));
	assert_int_equal(wt_between(cal, s_at_off("2030-01-04 11:00", 0), s_at_off("2030-01-04 12:30", 0)),
	                 H + 30 * 60);
	assert_true(wt_add(cal, s_at_off("2030-01-04 11:00", 0), H) == s_at_off("2030-01-04 12:00", 0));
	/* Friday 16:00, 1 day: Fri 0.5 h; Sat 08–12, 12–12:30 (5 h),
	 * 13:30 + 2.5 h = Saturday 16:00. */
	assert_true(s_deadline(cal, s_at_off("2030-01-04 16:00", 0), 1, 'd') == s_at_off("2030-01-05 16:00", 0));
	/* Saturday 14:00, 1 day: Sat 2.5 h; the worked Sunday 08–12:30
	 * (7 h), 13:30 + 0.5 h = Sunday 14:00. */
	assert_true(wt_is_working_day(cal, s_at_off("2030-01-06 10:00", 0)));
	assert_false(wt_is_working_day(cal, s_at_off("2030-01-13 10:00", 0)));
	assert_true(s_deadline(cal, s_at_off("2030-01-05 14:00", 0), 1, 'd') == s_at_off("2030-01-06 14:00", 0));
	/* Monday 31/12/2029 10:00, 1 day: Mon 10–12:30, 13:30–16:30 (5.5 h);
	 * Tue 1/1 off; Wed 08:00 + 2 h. */
	assert_true(s_deadline(cal, s_at_off("2029-12-31 10:00", 0), 1, 'd') == s_at_off("2030-01-02 10:00", 0));
	/* Days in the format follow the calendar's own day: 7.5 h. */
	char buf[64];
	assert_string_equal(wt_format_remaining(cal, day + H, buf, sizeof buf), CON "1 " NGAY " 1 " GIO);
	wt_free(&cal);
	wt_free(&cal); /* NULL is fine */
}

/* A northern province's calendar: summer hours 15/4 – 14/10 (07:00–11:30,
 * 13:30–17:00), winter hours 15/10 – 14/4 across the New Year (07:30–11:30,
 * 12:30–16:30), both 8 h; a Saturday-morning desk 07:30–11:30 that never
 * counts; Saturday 17/10/2026 a holiday (the desk is shut), Saturday
 * 10/1/2026 a worked one. Written next to the shipped base so the effect of
 * each key is the only difference. */
static const char s_season_base[] =
    "utc_offset_hours: 7\n"
    "working_hours:\n"
    "  - {start: \"07:00\", end: \"11:00\"}\n"
    "  - {start: \"13:00\", end: \"17:00\"}\n"
    "working_weekdays: [mon, tue, wed, thu, fri]\n"
    "cutoff: \"15:00\"\n"
    "desk_hours:\n"
    "  - {weekdays: [sat], start: \"07:30\", end: \"11:30\"}\n"
    "seasons:\n"
    "  - name: \"Gi\xE1\xBB\x9D m\xC3\xB9" "a h\xC3\xA8\"\n"
    "    from: \"04-15\"\n"
    "    to: \"10-14\"\n"
    "    working_hours:\n"
    "      - {start: \"07:00\", end: \"11:30\"}\n"
    "      - {start: \"13:30\", end: \"17:00\"}\n"
    "  - name: \"Gi\xE1\xBB\x9D m\xC3\xB9" "a \xC4\x91\xC3\xB4ng\"\n"
    "    from: \"10-15\"\n"
    "    to: \"04-14\"\n"
    "    working_hours:\n"
    "      - {start: \"07:30\", end: \"11:30\"}\n"
    "      - {start: \"12:30\", end: \"16:30\"}\n";

static wt_calendar_t *s_load_season_cal(void)
{
	char dir[] = "/tmp/test_worktime.XXXXXX";
	const char *names[] = {"calendar.yaml", "2026.yaml"};
	char err[512];
	wt_calendar_t *cal;

	assert_non_null(mkdtemp(dir));
	s_write(dir, "calendar.yaml", s_season_base);
	s_write(dir, "2026.yaml",
	        "year: 2026\n"
	        "holidays:\n  - {date: \"2026-10-17\", name: \"Ngh\xE1\xBB\x89\"}\n"
	        "working_days:\n  - {date: \"2026-01-10\", name: \"L\xC3\xA0m b\xC3\xB9\"}\n");
	cal = wt_load(dir, err, sizeof err);
	s_rmdir(dir, names, N_ELEM(names));
	if (!cal)
		fail_msg("wt_load: %s", err);
	return cal;
}

struct desk_case {
	const char *at;
	bool open;
};

static const struct desk_case s_desk_cases[] = {
    {"2026-10-10 07:29", false}, /* Saturday, before the desk opens */
    {"2026-10-10 07:30", true},  {"2026-10-10 11:29", true},
    {"2026-10-10 11:30", false}, /* [start, end) like working periods */
    {"2026-10-11 09:00", false}, /* Sunday: no desk */
    {"2026-10-17 09:00", false}, /* a Saturday that is a holiday: shut */
    {"2026-10-14 07:10", true},  /* Wednesday in summer hours (07:00) */
    {"2026-10-15 07:10", false}, /* Thursday in winter hours (07:30) */
    {"2026-10-15 12:40", true},  /* winter afternoon from 12:30 */
    {"2026-10-14 12:40", false}, /* summer lunch until 13:30 */
    {"2026-01-10 14:00", true},  /* a worked Saturday: its working hours */
};

/* Saturday-morning desk: it receives, the clock does not run. A dossier
 * received there has the appointment of one received at Monday's opening. */
static void test_desk_hours(void **state)
{
	wt_calendar_t *cal = s_load_season_cal();
	time_t sat = s_at("2026-10-10 09:00"), mon = s_at("2026-10-12 07:00"), start;

	(void)state;
	for (size_t i = 0; i < N_ELEM(s_desk_cases); i++)
		if (wt_desk_open(cal, s_at(s_desk_cases[i].at)) != s_desk_cases[i].open)
			fail_msg("desk case %zu (%s): want open=%d", i, s_desk_cases[i].at, s_desk_cases[i].open);
	assert_false(wt_is_working_day(cal, sat));
	/* desk time counts for nothing */
	assert_int_equal(wt_between(cal, s_at("2026-10-10 07:30"), s_at("2026-10-10 11:30")), 0);
	assert_int_equal(wt_between(cal, s_at("2026-10-09 16:00"), s_at("2026-10-12 08:00")), 2 * H);
	/* the clock starts at Monday's opening (summer: 07:00) */
	s_expect_time("desk start", s_start(cal, sat, true), mon);
	/* 1 day: Mon 07–11:30, 13:30–17: Monday 17:00, as if received Monday */
	s_expect_time("desk 1 day", s_deadline(cal, sat, 1, 'd'), s_at("2026-10-12 17:00"));
	s_expect_time("desk = Monday", s_deadline(cal, sat, 1, 'd'), s_deadline(cal, mon, 1, 'd'));
	s_expect_time("desk 3 days", s_deadline(cal, sat, 3, 'd'), s_deadline(cal, mon, 3, 'd'));
	/* 5 h: Mon 07–11:30 (4.5 h), 13:30 + 0.5 h */
	s_expect_time("desk 5 h", s_deadline(cal, sat, 5, 'h'), s_at("2026-10-12 14:00"));
	/* same day: Monday's close */
	s_expect_time("desk same day", wt_appointment(cal, sat, 1, 's', -1, &start), s_at("2026-10-12 17:00"));
	s_expect_time("desk same day start", start, mon);
	/* the shipped calendar has no desk: Saturday is shut, counts the same */
	assert_false(wt_desk_open(*state, sat));
	s_expect_time("no desk", s_deadline(*state, sat, 1, 'd'), s_at("2026-10-12 17:00"));
	wt_free(&cal);
}

struct season_case {
	const char *at;
	int amount;
	char unit; /* 0: where the clock starts (with the cut-off) */
	const char *want;
};

static const struct season_case s_season_cases[] = {
    /* The boundary: Wed 14/10 is the last summer day, Thu 15/10 the first
     * winter one. */
    {"2026-10-14 07:10", 0, 0, "2026-10-14 07:10"},   /* summer opens 07:00 */
    {"2026-10-15 07:10", 0, 0, "2026-10-15 07:30"},   /* winter 07:30 */
    {"2026-10-14 11:15", 0, 0, "2026-10-14 11:15"},   /* summer morning to 11:30 */
    {"2026-10-15 11:45", 0, 0, "2026-10-15 12:30"},   /* winter lunch to 12:30 */
    {"2026-10-14 13:00", 0, 0, "2026-10-14 13:30"},   /* summer lunch to 13:30 */
    {"2026-10-14 16:00", 0, 0, "2026-10-15 07:30"},   /* after the cut-off: winter's opening */
    {"2026-01-05 07:15", 0, 0, "2026-01-05 07:30"},   /* winter across New Year */
    {"2026-04-14 07:10", 0, 0, "2026-04-14 07:30"},   /* its last day */
    {"2026-04-15 07:10", 0, 0, "2026-04-15 07:10"},   /* summer's first */
    /* Wed 14/10 14:00, 1 day: 14–17 3 h; Thu 07:30–11:30 (7 h), 12:30 + 1 h. */
    {"2026-10-14 14:00", 1, 'd', "2026-10-15 13:30"},
    /* Tue 13/10 10:00, 3 days: Tue 10–11:30, 13:30–17 5 h; Wed 8 (13); Thu 8
     * (21); Fri 16/10 07:30 + 3 h. */
    {"2026-10-13 10:00", 3, 'd', "2026-10-16 10:30"},
    /* Hours in one season: Thu 15/10 10:00 + 2 h: 10–11:30, 12:30 + 0.5 h. */
    {"2026-10-15 10:00", 2, 'h', "2026-10-15 13:00"},
    /* Tue 14/4 14:00 (winter), 1 day: 14–16:30 2.5 h; Wed 15/4 (summer)
     * 07–11:30 (7 h), 13:30 + 1 h. */
    {"2026-04-14 14:00", 1, 'd', "2026-04-15 14:30"},
    /* Same day closes at the season's close: 17:00 in summer, 16:30 in
     * winter; after 15:00 on the last summer day, the winter close. */
    {"2026-10-14 10:00", 1, 's', "2026-10-14 17:00"},
    {"2026-10-15 10:00", 1, 's', "2026-10-15 16:30"},
    {"2026-10-14 15:00", 1, 's', "2026-10-14 17:00"},
    {"2026-10-14 16:00", 1, 's', "2026-10-15 16:30"},
    {"2026-10-15 16:00", 1, 's', "2026-10-16 16:30"},
};

/* Summer and winter hours: every count uses the periods of the day's season. */
static void test_seasons(void **state)
{
	wt_calendar_t *cal = s_load_season_cal();
	char what[96];

	(void)state;
	assert_int_equal(wt_day_seconds(cal), D);
	for (size_t i = 0; i < N_ELEM(s_season_cases); i++) {
		const struct season_case *c = &s_season_cases[i];
		time_t t = s_at(c->at);
		snprintf(what, sizeof what, "season case %zu: %s + %d%c", i, c->at, c->amount, c->unit ? c->unit : '-');
		s_expect_time(what, c->unit ? s_deadline(cal, t, c->amount, c->unit) : s_start(cal, t, true), s_at(c->want));
	}
	/* Wed 14/10 11:00 to Thu 15/10 11:00: 11–11:30, 13:30–17, 07:30–11. */
	assert_int_equal(wt_between(cal, s_at("2026-10-14 11:00"), s_at("2026-10-15 11:00")), 7 * H + 30 * 60);
	/* a day from the opening ends at the close, each season (wf_day_end) */
	s_expect_time("summer day", wt_add(cal, s_at("2026-10-14 07:00"), D), s_at("2026-10-14 17:00"));
	s_expect_time("winter day", wt_add(cal, s_at("2026-10-15 07:30"), D), s_at("2026-10-15 16:30"));
	/* a whole year of seasons: 261 weekdays, no weekday holiday in this
	 * file (17/10 is a Saturday), one Saturday worked: 262 days of 8 h */
	assert_int_equal(wt_between(cal, s_at("2026-01-01 00:00"), s_at("2027-01-01 00:00")), 262 * (int64_t)D);
	/* wt_add and wt_between agree across both boundaries */
	static const int64_t amounts[] = {1, H, 5 * H, D, D + 1, 7 * D, 40 * D + 17};
	static const char *const spans[][2] = {{"2026-04-10 00:00", "2026-04-20 00:00"},
	                                       {"2026-10-10 00:00", "2026-10-20 00:00"},
	                                       {"2025-12-28 00:00", "2026-01-03 00:00"}};
	char buf[32];
	for (size_t k = 0; k < N_ELEM(spans); k++) {
		for (time_t t = s_at(spans[k][0]); t < s_at(spans[k][1]); t += 23 * 60) {
			for (size_t j = 0; j < N_ELEM(amounts); j++) {
				time_t r = wt_add(cal, t, amounts[j]);
				if (wt_between(cal, t, r) != amounts[j] || wt_between(cal, t, r - 1) != amounts[j] - 1)
					fail_msg("start %s amount %lld", s_show(t, buf, sizeof buf), (long long)amounts[j]);
			}
		}
	}
	wt_free(&cal);
}

int main(void)
{
	/* The module must not care about the machine's time zone. */
	setenv("TZ", "America/St_Johns", 1);
	tzset();

	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_day_seconds),         cmocka_unit_test(test_working_day_table),
	    cmocka_unit_test(test_start_table),         cmocka_unit_test(test_deadline_table),
	    cmocka_unit_test(test_between_table),
	    cmocka_unit_test(test_same_day_table),      cmocka_unit_test(test_same_day_close),
	    cmocka_unit_test(test_pause_over_weekend),  cmocka_unit_test(test_add_edges),
	    cmocka_unit_test(test_add_between_agree),   cmocka_unit_test(test_long_spans),
	    cmocka_unit_test(test_runtime_holidays),    cmocka_unit_test(test_format_table),
	    cmocka_unit_test(test_format_small_buffer), cmocka_unit_test(test_load_errors),
	    cmocka_unit_test(test_load_duplicate_year), cmocka_unit_test(test_custom_calendar),
	    cmocka_unit_test(test_desk_hours),          cmocka_unit_test(test_seasons),
	    cmocka_unit_test(test_extension_table),
		};
	return cmocka_run_group_tests_name("worktime", tests, s_setup, s_teardown);
}
