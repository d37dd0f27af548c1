/* worktime.c — the working-time clock behind every deadline: counts
 * working seconds over local dates made with the calendar's fixed UTC
 * offset and our own civil-date arithmetic, so the machine's TZ never
 * matters. Each day has the working periods of its season (or the base
 * ones); desk hours never count. Long spans skip whole weeks that hold no
 * holiday. The calendar it counts on is read by worktime_load.c. */
#include "worktime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "worktime_cal.h"

#define DAY 86400
/* Instants are kept within ±S_DAY_LIMIT days of 1970 (about ±270 000
 * years) so that no arithmetic below can overflow; wt_add saturates there. */
#define S_DAY_LIMIT INT64_C(100000000)
#define S_TIME_MAX ((time_t)(S_DAY_LIMIT * DAY))

/* ---- civil dates --------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). */
static int64_t s_days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Month and day of day number z (H. Hinnant's civil_from_days). */
void wt_cal_civil(int64_t z, int *month, int *mday)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
}

static bool s_digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

/* Exactly "YYYY-MM-DD" naming a real date, as its day number. */
bool wt_cal_parse_date(const char *s, int64_t *day, int *year)
{
	int y, m, d;

	if (date_parse(s, &y, &m, &d) != 0)
		return false;
	*day = s_days_from_civil(y, m, d);
	if (year)
		*year = y;
	return true;
}

/* Exactly "HH:MM", 00:00–23:59, or 24:00 when allow_24. Seconds of the day,
 * -1 when malformed. */
int32_t wt_cal_parse_hhmm(const char *s, bool allow_24)
{
	int h, m;

	if (!s || strlen(s) != 5 || s[2] != ':' || !s_digits(s, 2, &h) || !s_digits(s + 3, 2, &m) || m > 59)
		return -1;
	if (h > 23 && !(allow_24 && h == 24 && m == 0))
		return -1;
	return h * 3600 + m * 60;
}

static int64_t s_floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Local day and second of that day for instant t. */
static void s_split(const wt_calendar_t *cal, time_t t, int64_t *day, int64_t *sod)
{
	int64_t local = (int64_t)t;

	if (local > S_TIME_MAX)
		local = S_TIME_MAX;
	if (local < -S_TIME_MAX)
		local = -S_TIME_MAX;
	local += cal->offset;
	*day = s_floordiv(local, DAY);
	*sod = local - *day * DAY;
}

static time_t s_instant(const wt_calendar_t *cal, int64_t day, int64_t sod)
{
	return (time_t)(day * DAY + sod - cal->offset);
}

/* Monday = 0 … Sunday = 6; 1970-01-01 was a Thursday. */
int wt_cal_weekday(int64_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

/* The working periods of day: those of the season its date falls in, else
 * the base ones. Every set lasts day_secs (the loader checks). */
static const struct wt_hours *s_hours(const wt_calendar_t *cal, int64_t day)
{
	int m, d, md;

	if (cal->nseasons == 0)
		return &cal->base;
	wt_cal_civil(day, &m, &d);
	md = m * 32 + d;
	for (int i = 0; i < cal->nseasons; i++) {
		const struct wt_season *se = &cal->seasons[i];
		if (se->from <= se->to ? md >= se->from && md <= se->to : md >= se->from || md <= se->to)
			return &se->hours;
	}
	return &cal->base;
}

/* ---- day sets ------------------------------------------------------------ */

/* Index of the first entry with v[i].day >= day. */
size_t wt_cal_lower(const struct wt_days *ds, int64_t day)
{
	size_t lo = 0, hi = ds->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool wt_cal_has(const struct wt_days *ds, int64_t day)
{
	size_t i = wt_cal_lower(ds, day);
	return i < ds->n && ds->v[i].day == day;
}

/* A holiday wins over a compensating working day: the admin may declare a
 * day off on a Saturday that the year file made a working day. */
static bool s_working(const wt_calendar_t *cal, int64_t day)
{
	if (wt_cal_has(&cal->hol, day))
		return false;
	return (cal->weekdays >> wt_cal_weekday(day) & 1u) || wt_cal_has(&cal->extra, day);
}

/* The first day >= day that is a holiday or a compensating working day:
 * before it every week has exactly week_secs of working time. */
static int64_t s_next_override(const wt_calendar_t *cal, int64_t day)
{
	size_t i = wt_cal_lower(&cal->hol, day), j = wt_cal_lower(&cal->extra, day);
	int64_t a = i < cal->hol.n ? cal->hol.v[i].day : INT64_MAX;
	int64_t b = j < cal->extra.n ? cal->extra.v[j].day : INT64_MAX;
	return a < b ? a : b;
}

/* Whole weeks that can be skipped from day (at its midnight) without
 * passing an override day or exceeding max_weeks. */
static int64_t s_plain_weeks(const wt_calendar_t *cal, int64_t day, int64_t max_weeks)
{
	int64_t nov = s_next_override(cal, day);

	if (nov != INT64_MAX && (nov - day) / 7 < max_weeks)
		max_weeks = (nov - day) / 7;
	return max_weeks > 0 ? max_weeks : 0;
}

/* Working seconds of day between seconds-of-day from and to. */
static int64_t s_day_work(const wt_calendar_t *cal, int64_t day, int64_t from, int64_t to)
{
	const struct wt_hours *h;
	int64_t sum = 0;

	if (!s_working(cal, day))
		return 0;
	h = s_hours(cal, day);
	for (int i = 0; i < h->n; i++) {
		int64_t s = h->p[i].s > from ? h->p[i].s : from;
		int64_t e = h->p[i].e < to ? h->p[i].e : to;
		if (e > s)
			sum += e - s;
	}
	return sum;
}

/* ---- counting ------------------------------------------------------------ */

bool wt_is_working_day(const wt_calendar_t *cal, time_t t)
{
	int64_t day, sod;

	s_split(cal, t, &day, &sod);
	return s_working(cal, day);
}

int64_t wt_day_seconds(const wt_calendar_t *cal)
{
	return cal->day_secs;
}

int64_t wt_utc_offset(const wt_calendar_t *cal)
{
	return cal->offset;
}

int wt_cutoff(const wt_calendar_t *cal)
{
	return cal->cutoff;
}

int wt_parse_hhmm(const char *s)
{
	return s ? (int)wt_cal_parse_hhmm(s, false) : -1;
}

time_t wt_start_cutoff(const wt_calendar_t *cal, time_t t, int cutoff)
{
	int64_t day, sod;

	s_split(cal, t, &day, &sod);
	if (s_working(cal, day) && !(cutoff >= 0 && sod >= cutoff)) {
		const struct wt_hours *h = s_hours(cal, day);
		for (int i = 0; i < h->n; i++)
			if (sod < h->p[i].e)
				return sod >= h->p[i].s ? t : s_instant(cal, day, h->p[i].s);
	}
	/* A run of days off is finite: at least one weekday works, and the
	 * holidays are a finite list. */
	do
		day++;
	while (!s_working(cal, day) && day < S_DAY_LIMIT);
	return s_instant(cal, day, s_hours(cal, day)->p[0].s);
}

bool wt_desk_open(const wt_calendar_t *cal, time_t t)
{
	int64_t day, sod;
	int wd;

	s_split(cal, t, &day, &sod);
	if (s_day_work(cal, day, sod, sod + 1) > 0)
		return true;
	if (wt_cal_has(&cal->hol, day))
		return false;
	wd = wt_cal_weekday(day);
	for (int i = 0; i < cal->ndesk; i++)
		if ((cal->desk[i].weekdays >> wd & 1u) && sod >= cal->desk[i].s && sod < cal->desk[i].e)
			return true;
	return false;
}

time_t wt_add(const wt_calendar_t *cal, time_t start, int64_t secs)
{
	int64_t day, sod, rem = secs;

	if (secs <= 0)
		return start;
	s_split(cal, start, &day, &sod);
	for (;;) {
		if (sod == 0) {
			/* Leave rem > 0 so the day walk below ends it. */
			int64_t w = s_plain_weeks(cal, day, (rem - 1) / cal->week_secs);
			if (w > S_DAY_LIMIT)
				return S_TIME_MAX;
			day += 7 * w;
			rem -= w * cal->week_secs;
		}
		if (day > S_DAY_LIMIT)
			return S_TIME_MAX;
		if (s_working(cal, day)) {
			const struct wt_hours *h = s_hours(cal, day);
			for (int i = 0; i < h->n; i++) {
				int64_t s = h->p[i].s > sod ? h->p[i].s : sod;
				if (s >= h->p[i].e)
					continue;
				if (rem <= h->p[i].e - s)
					return s_instant(cal, day, s + rem);
				rem -= h->p[i].e - s;
			}
		}
		day++;
		sod = 0;
	}
}

int64_t wt_between(const wt_calendar_t *cal, time_t a, time_t b)
{
	int64_t da, sa, db, sb, d, total;

	if (b < a)
		return -wt_between(cal, b, a);
	s_split(cal, a, &da, &sa);
	s_split(cal, b, &db, &sb);
	if (da == db)
		return s_day_work(cal, da, sa, sb);
	total = s_day_work(cal, da, sa, DAY);
	for (d = da + 1; d < db;) {
		int64_t w = s_plain_weeks(cal, d, (db - d) / 7);
		if (w > 0) {
			total += w * cal->week_secs;
			d += 7 * w;
		} else {
			total += s_working(cal, d) ? cal->day_secs : 0;
			d++;
		}
	}
	return total + s_day_work(cal, db, 0, sb);
}

int64_t wt_amount(const wt_calendar_t *cal, int amount, char unit)
{
	return unit == 'h' ? (int64_t)amount * 3600 : (int64_t)amount * cal->day_secs;
}

time_t wt_appointment(const wt_calendar_t *cal, time_t t, int amount, char unit, int cutoff, time_t *start)
{
	const struct wt_hours *h;
	time_t from;
	int64_t day, sod;

	if (unit != 's') {
		from = wt_start_cutoff(cal, t, cutoff);
		if (start)
			*start = from;
		return wt_add(cal, from, wt_amount(cal, amount, unit));
	}
	/* wt_start_cutoff refuses from its second on: one second after 15:00:00 */
	from = wt_start_cutoff(cal, t, WT_SAME_DAY_CUTOFF + 1);
	if (start)
		*start = from;
	s_split(cal, from, &day, &sod);
	h = s_hours(cal, day);
	return s_instant(cal, day, h->p[h->n - 1].e);
}

time_t wt_extend(const wt_calendar_t *cal, time_t due, time_t start, int amount, char unit, bool total)
{
	time_t to = wt_add(cal, total ? start : due, wt_amount(cal, amount, unit));
	return to > due ? to : due;
}

/* ---- display ------------------------------------------------------------- */

const char *wt_format_remaining(const wt_calendar_t *cal, int64_t secs, char *buf, size_t n)
{
	uint64_t s = secs < 0 ? 0 - (uint64_t)secs : (uint64_t)secs;
	uint64_t ds = (uint64_t)cal->day_secs;
	uint64_t days = s / ds, hours = s % ds / 3600, mins = s % 3600 / 60;
	const char *lead = secs < 0 ? "quá hạn" : "còn";
	int len;

	if (!buf || !n)
		return buf;
	if (secs == 0)
		len = snprintf(buf, n, "đến hạn");
	else if (s < 60)
		len = snprintf(buf, n, "%s dưới 1 phút", lead);
	else if (s < 3600)
		len = snprintf(buf, n, "%s %llu phút", lead, (unsigned long long)mins);
	else if (days && hours)
		len = snprintf(buf, n, "%s %llu ngày %llu giờ", lead, (unsigned long long)days,
		               (unsigned long long)hours);
	else if (days)
		len = snprintf(buf, n, "%s %llu ngày", lead, (unsigned long long)days);
	else
		len = snprintf(buf, n, "%s %llu giờ", lead, (unsigned long long)hours);
	/* Cut short: never leave half a UTF-8 character at the end. */
	if (len >= 0 && (size_t)len >= n) {
		size_t j = n - 1; /* the NUL snprintf wrote */
		while (j > 0 && ((unsigned char)buf[j - 1] & 0xC0) == 0x80)
			j--;
		if (j > 0) {
			unsigned char lead = (unsigned char)buf[j - 1];
			size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
			if (j - 1 + need > n - 1)
				buf[j - 1] = '\0';
		}
	}
	return buf;
}
