/* worktime.c — the working-time clock behind every deadline: reads the
 * calendar (the YAML files in forms/calendar/, with libcyaml) and counts
 * working seconds over local dates made with the calendar's fixed UTC
 * offset and our own civil-date arithmetic, so the machine's TZ never
 * matters. Long spans skip whole weeks that hold no holiday. */
#include "worktime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "yfile.h"

#define DAY 86400
#define MAX_PERIODS 8
/* Instants are kept within ±S_DAY_LIMIT days of 1970 (about ±270 000
 * years) so that no arithmetic below can overflow; wt_add saturates there. */
#define S_DAY_LIMIT INT64_C(100000000)
#define S_TIME_MAX ((time_t)(S_DAY_LIMIT * DAY))

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
static bool s_parse_date(const char *s, int64_t *day, int *year)
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
static int32_t s_parse_hhmm(const char *s, bool allow_24)
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
static int s_weekday(int64_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

/* ---- day sets ------------------------------------------------------------ */

/* Index of the first entry with v[i].day >= day. */
static size_t s_lower(const struct wt_days *ds, int64_t day)
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

static bool s_has(const struct wt_days *ds, int64_t day)
{
	size_t i = s_lower(ds, day);
	return i < ds->n && ds->v[i].day == day;
}

/* Insert keeping order; the caller has checked that day is absent.
 * name is copied. -1 on allocation failure. */
static int s_insert(struct wt_days *ds, int64_t day, const char *name)
{
	size_t i = s_lower(ds, day);
	char *copy = strdup(name ? name : "");

	if (!copy)
		return -1;
	if (ds->n == ds->cap) {
		size_t cap = ds->cap ? ds->cap * 2 : 32;
		struct wt_day *v = realloc(ds->v, cap * sizeof *v);
		if (!v) {
			free(copy);
			return -1;
		}
		ds->v = v;
		ds->cap = cap;
	}
	memmove(ds->v + i + 1, ds->v + i, (ds->n - i) * sizeof *ds->v);
	ds->v[i].day = day;
	ds->v[i].name = copy;
	ds->n++;
	return 0;
}

static void s_days_free(struct wt_days *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		free(ds->v[i].name);
	free(ds->v);
	memset(ds, 0, sizeof *ds);
}

/* A holiday wins over a compensating working day: the admin may declare a
 * day off on a Saturday that the year file made a working day. */
static bool s_working(const wt_calendar_t *cal, int64_t day)
{
	if (s_has(&cal->hol, day))
		return false;
	return (cal->weekdays >> s_weekday(day) & 1u) || s_has(&cal->extra, day);
}

/* The first day >= day that is a holiday or a compensating working day:
 * before it every week has exactly week_secs of working time. */
static int64_t s_next_override(const wt_calendar_t *cal, int64_t day)
{
	size_t i = s_lower(&cal->hol, day), j = s_lower(&cal->extra, day);
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
	int64_t sum = 0;

	if (!s_working(cal, day))
		return 0;
	for (int i = 0; i < cal->nper; i++) {
		int64_t s = cal->per[i].s > from ? cal->per[i].s : from;
		int64_t e = cal->per[i].e < to ? cal->per[i].e : to;
		if (e > s)
			sum += e - s;
	}
	return sum;
}

/* ---- loading ------------------------------------------------------------- */

struct y_period {
	char *start, *end;
};

struct y_base {
	int utc_offset_hours;
	struct y_period *working_hours;
	unsigned working_hours_count;
	unsigned working_weekdays;
	char *cutoff;
};

struct y_day {
	char *date, *name;
};

struct y_year {
	int year;
	struct y_day *holidays;
	unsigned holidays_count;
	struct y_day *working_days;
	unsigned working_days_count;
};

static const cyaml_strval_t s_weekday_names[] = {
    {"mon", 1 << 0}, {"tue", 1 << 1}, {"wed", 1 << 2}, {"thu", 1 << 3},
    {"fri", 1 << 4}, {"sat", 1 << 5}, {"sun", 1 << 6},
};

static const cyaml_schema_field_t s_period_fields[] = {
    CYAML_FIELD_STRING_PTR("start", CYAML_FLAG_DEFAULT, struct y_period, start, 0, 16),
    CYAML_FIELD_STRING_PTR("end", CYAML_FLAG_DEFAULT, struct y_period, end, 0, 16),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_period_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_period, s_period_fields),
};

static const cyaml_schema_field_t s_base_fields[] = {
    CYAML_FIELD_INT("utc_offset_hours", CYAML_FLAG_DEFAULT, struct y_base, utc_offset_hours),
    CYAML_FIELD_SEQUENCE("working_hours", CYAML_FLAG_POINTER, struct y_base, working_hours, &s_period_schema, 1,
                         MAX_PERIODS),
    CYAML_FIELD_FLAGS("working_weekdays", CYAML_FLAG_STRICT, struct y_base, working_weekdays, s_weekday_names,
                      CYAML_ARRAY_LEN(s_weekday_names)),
    CYAML_FIELD_STRING_PTR("cutoff", CYAML_FLAG_OPTIONAL, struct y_base, cutoff, 0, 16),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_base_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_base, s_base_fields),
};

static const cyaml_schema_field_t s_day_fields[] = {
    CYAML_FIELD_STRING_PTR("date", CYAML_FLAG_DEFAULT, struct y_day, date, 0, 32),
    CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_DEFAULT, struct y_day, name, 1, 500),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_day_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_day, s_day_fields),
};

static const cyaml_schema_field_t s_year_fields[] = {
    CYAML_FIELD_INT("year", CYAML_FLAG_DEFAULT, struct y_year, year),
    CYAML_FIELD_SEQUENCE("holidays", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct y_year, holidays, &s_day_schema,
                         0, CYAML_UNLIMITED),
    CYAML_FIELD_SEQUENCE("working_days", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct y_year, working_days,
                         &s_day_schema, 0, CYAML_UNLIMITED),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_year_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_year, s_year_fields),
};

static int s_load_base(wt_calendar_t *cal, yf_file_t *fl)
{
	struct y_base *b = yf_load(fl, &s_base_schema);
	yf_errs_t *errs = fl->errs;
	int rc = -1;

	if (!b)
		return -1;
	if (b->utc_offset_hours < -12 || b->utc_offset_hours > 14) {
		yf_err(errs, fl->path, yf_line(fl, "utc_offset_hours"), "utc_offset_hours phải từ -12 đến 14, không phải %d",
		       b->utc_offset_hours);
		goto out;
	}
	cal->offset = (int64_t)b->utc_offset_hours * 3600;
	for (unsigned i = 0; i < b->working_hours_count; i++) {
		const struct y_period *p = &b->working_hours[i];
		int32_t s = s_parse_hhmm(p->start, false), e = s_parse_hhmm(p->end, true);
		if (s < 0 || e < 0) {
			yf_err(errs, fl->path, yf_line(fl, "working_hours.%u.%s", i, s < 0 ? "start" : "end"),
			       "giờ không hợp lệ \"%s\" (cần HH:MM)", s < 0 ? p->start : p->end);
			goto out;
		}
		if (e <= s) {
			yf_err(errs, fl->path, yf_line(fl, "working_hours.%u.end", i),
			       "khoảng %s–%s: giờ kết thúc phải sau giờ bắt đầu", p->start, p->end);
			goto out;
		}
		if (i > 0 && s < cal->per[i - 1].e) {
			yf_err(errs, fl->path, yf_line(fl, "working_hours.%u.start", i),
			       "khoảng %s–%s chồng lên hoặc đứng trước khoảng %s–%s (các khoảng phải theo thứ tự, "
			       "không chồng nhau)",
			       p->start, p->end, b->working_hours[i - 1].start, b->working_hours[i - 1].end);
			goto out;
		}
		cal->per[i].s = s;
		cal->per[i].e = e;
		cal->day_secs += e - s;
	}
	cal->nper = (int)b->working_hours_count;
	cal->weekdays = b->working_weekdays & 0x7fu;
	if (!cal->weekdays) {
		yf_err(errs, fl->path, yf_line(fl, "working_weekdays"), "working_weekdays cần ít nhất một ngày làm việc");
		goto out;
	}
	cal->week_secs = cal->day_secs * __builtin_popcount(cal->weekdays);
	cal->cutoff = -1;
	if (b->cutoff && (cal->cutoff = s_parse_hhmm(b->cutoff, false)) < 0) {
		yf_err(errs, fl->path, yf_line(fl, "cutoff"), "giờ không hợp lệ \"%s\" (cần HH:MM)", b->cutoff);
		goto out;
	}
	rc = 0;
out:
	yf_free(&s_base_schema, b);
	return rc;
}

/* One list of a year file: holidays (off) or working_days (compensating). */
static int s_load_days(wt_calendar_t *cal, yf_file_t *fl, int year, const char *key, const struct y_day *v,
                       unsigned count, bool off)
{
	for (unsigned i = 0; i < count; i++) {
		int64_t day;
		int y;
		const char *why = NULL;

		if (!s_parse_date(v[i].date, &day, &y))
			why = "ngày không hợp lệ \"%s\" (cần YYYY-MM-DD, ngày có thật)";
		else if (y != year)
			why = "ngày %s không thuộc năm của tệp";
		else if (s_has(off ? &cal->hol : &cal->extra, day))
			why = "ngày %s được khai báo hai lần";
		else if (s_has(off ? &cal->extra : &cal->hol, day))
			why = "ngày %s vừa là ngày nghỉ lễ vừa là ngày làm bù";
		else if (!off && (cal->weekdays >> s_weekday(day) & 1u))
			why = "ngày %s vốn là ngày làm việc, không thể là ngày làm bù";
		if (why) {
			yf_err(fl->errs, fl->path, yf_line(fl, "%s.%u.date", key, i), why, v[i].date);
			return -1;
		}
		if (s_insert(off ? &cal->hol : &cal->extra, day, v[i].name) != 0) {
			yf_err(fl->errs, fl->path, 0, "hết bộ nhớ");
			return -1;
		}
	}
	return 0;
}

/* A year file; its year is appended to years (room for one more). */
static int s_load_year(wt_calendar_t *cal, yf_file_t *fl, int *years, size_t *nyears)
{
	struct y_year *y = yf_load(fl, &s_year_schema);
	int rc = -1;

	if (!y)
		return -1;
	if (y->year < 1900 || y->year > 9999) {
		yf_err(fl->errs, fl->path, yf_line(fl, "year"), "năm %d không hợp lệ", y->year);
		goto out;
	}
	for (size_t i = 0; i < *nyears; i++) {
		if (years[i] == y->year) {
			yf_err(fl->errs, fl->path, yf_line(fl, "year"), "năm %d đã có trong một tệp khác", y->year);
			goto out;
		}
	}
	years[(*nyears)++] = y->year;
	if (s_load_days(cal, fl, y->year, "holidays", y->holidays, y->holidays_count, true) == 0 &&
	    s_load_days(cal, fl, y->year, "working_days", y->working_days, y->working_days_count, false) == 0)
		rc = 0;
out:
	yf_free(&s_year_schema, y);
	return rc;
}

/* Open, load and close one file of dir: the base calendar when years is
 * NULL, else a year file. */
static int s_load_file(wt_calendar_t *cal, const char *dir, const char *name, int *years, size_t *nyears,
                       yf_errs_t *errs)
{
	char path[4096];
	yf_file_t fl;
	int rc = -1;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (yf_open(&fl, path, errs))
		rc = years ? s_load_year(cal, &fl, years, nyears) : s_load_base(cal, &fl);
	yf_close(&fl);
	return rc;
}

wt_calendar_t *wt_load(const char *dir, char *err, size_t n)
{
	wt_calendar_t *cal = NULL;
	yf_errs_t errs = {0};
	char **names, *text;
	size_t count = 0, nyears = 0, i;
	int *years = NULL;
	bool have_base = false;

	if (err && n)
		err[0] = '\0';
	if ((names = yf_list(dir, &count, &errs)) == NULL)
		goto fail;
	cal = calloc(1, sizeof *cal);
	years = calloc(count + 1, sizeof *years);
	if (!cal || !years) {
		yf_err(&errs, dir, 0, "hết bộ nhớ");
		goto fail;
	}
	for (i = 0; i < count; i++)
		have_base |= strcmp(names[i], "calendar.yaml") == 0;
	if (!have_base) {
		char path[4096];
		snprintf(path, sizeof path, "%s/calendar.yaml", dir);
		yf_err(&errs, path, 0, "thiếu tệp lịch cơ sở");
		goto fail;
	}
	/* the base first: a year's compensating days depend on its weekdays */
	if (s_load_file(cal, dir, "calendar.yaml", NULL, NULL, &errs) != 0)
		goto fail;
	for (i = 0; i < count; i++)
		if (strcmp(names[i], "calendar.yaml") != 0 && s_load_file(cal, dir, names[i], years, &nyears, &errs) != 0)
			goto fail;
	goto out;
fail:
	wt_free(&cal);
	if ((text = yf_text(&errs, dir)) != NULL && err && n) {
		size_t len = strlen(text);
		while (len && text[len - 1] == '\n')
			text[--len] = '\0';
		snprintf(err, n, "%s", text);
	}
	free(text);
out:
	for (i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
	free(years);
	free(errs.buf);
	return cal;
}

void wt_free(wt_calendar_t **cal)
{
	if (!cal || !*cal)
		return;
	s_days_free(&(*cal)->hol);
	s_days_free(&(*cal)->extra);
	free(*cal);
	*cal = NULL;
}

/* ---- runtime changes ----------------------------------------------------- */

int wt_add_holiday(wt_calendar_t *cal, const char *date, const char *name)
{
	int64_t day;

	if (!cal || !s_parse_date(date, &day, NULL) || s_has(&cal->hol, day))
		return -1;
	return s_insert(&cal->hol, day, name);
}

int wt_holiday(const wt_calendar_t *cal, const char *date)
{
	int64_t day;

	if (!cal || !s_parse_date(date, &day, NULL))
		return -1;
	return s_has(&cal->hol, day) ? 1 : 0;
}

int wt_remove_holiday(wt_calendar_t *cal, const char *date)
{
	int64_t day;
	size_t i;

	if (!cal || !s_parse_date(date, &day, NULL))
		return -1;
	i = s_lower(&cal->hol, day);
	if (i == cal->hol.n || cal->hol.v[i].day != day)
		return -1;
	free(cal->hol.v[i].name);
	memmove(cal->hol.v + i, cal->hol.v + i + 1, (cal->hol.n - i - 1) * sizeof *cal->hol.v);
	cal->hol.n--;
	return 0;
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
	return s ? (int)s_parse_hhmm(s, false) : -1;
}

time_t wt_start_cutoff(const wt_calendar_t *cal, time_t t, int cutoff)
{
	int64_t day, sod;

	s_split(cal, t, &day, &sod);
	if (s_working(cal, day) && !(cutoff >= 0 && sod >= cutoff)) {
		for (int i = 0; i < cal->nper; i++)
			if (sod < cal->per[i].e)
				return sod >= cal->per[i].s ? t : s_instant(cal, day, cal->per[i].s);
	}
	/* A run of days off is finite: at least one weekday works, and the
	 * holidays are a finite list. */
	do
		day++;
	while (!s_working(cal, day) && day < S_DAY_LIMIT);
	return s_instant(cal, day, cal->per[0].s);
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
			for (int i = 0; i < cal->nper; i++) {
				int64_t s = cal->per[i].s > sod ? cal->per[i].s : sod;
				if (s >= cal->per[i].e)
					continue;
				if (rem <= cal->per[i].e - s)
					return s_instant(cal, day, s + rem);
				rem -= cal->per[i].e - s;
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
