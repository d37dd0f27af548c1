/* worktime_load.c — the working-time calendar as data: the YAML files of
 * forms/calendar/ (calendar.yaml: offset, working hours and weekdays,
 * cut-off, desk hours, seasons with their own hours; one file a year:
 * holidays and compensating working days) read
 * with libcyaml, checked with every problem on its line, and the holidays
 * an administrator adds or removes at run time. The counting is worktime.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worktime.h"
#include "worktime_cal.h"
#include "yaml_file.h"

/* ---- day sets ------------------------------------------------------------ */

/* Insert keeping order; the caller has checked that day is absent.
 * name is copied. -1 on allocation failure. */
static int s_insert(struct wt_days *ds, int64_t day, const char *name)
{
	size_t i = wt_cal_lower(ds, day);
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

/* ---- loading ------------------------------------------------------------- */

struct y_period {
	char *start, *end;
};

struct y_desk {
	unsigned weekdays;
	char *start, *end;
};

struct y_season {
	char *name, *from, *to;
	struct y_period *working_hours;
	unsigned working_hours_count;
};

struct y_base {
	int utc_offset_hours;
	struct y_period *working_hours;
	unsigned working_hours_count;
	unsigned working_weekdays;
	char *cutoff;
	struct y_desk *desk_hours;
	unsigned desk_hours_count;
	struct y_season *seasons;
	unsigned seasons_count;
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

static const cyaml_schema_field_t s_desk_fields[] = {
    CYAML_FIELD_FLAGS("weekdays", CYAML_FLAG_STRICT, struct y_desk, weekdays, s_weekday_names,
                      CYAML_ARRAY_LEN(s_weekday_names)),
    CYAML_FIELD_STRING_PTR("start", CYAML_FLAG_DEFAULT, struct y_desk, start, 0, 16),
    CYAML_FIELD_STRING_PTR("end", CYAML_FLAG_DEFAULT, struct y_desk, end, 0, 16),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_desk_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_desk, s_desk_fields),
};

static const cyaml_schema_field_t s_season_fields[] = {
    CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_DEFAULT, struct y_season, name, 1, 500),
    CYAML_FIELD_STRING_PTR("from", CYAML_FLAG_DEFAULT, struct y_season, from, 0, 16),
    CYAML_FIELD_STRING_PTR("to", CYAML_FLAG_DEFAULT, struct y_season, to, 0, 16),
    CYAML_FIELD_SEQUENCE("working_hours", CYAML_FLAG_POINTER, struct y_season, working_hours, &s_period_schema, 1,
                         MAX_PERIODS),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_season_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_season, s_season_fields),
};

static const cyaml_schema_field_t s_base_fields[] = {
    CYAML_FIELD_INT("utc_offset_hours", CYAML_FLAG_DEFAULT, struct y_base, utc_offset_hours),
    CYAML_FIELD_SEQUENCE("working_hours", CYAML_FLAG_POINTER, struct y_base, working_hours, &s_period_schema, 1,
                         MAX_PERIODS),
    CYAML_FIELD_FLAGS("working_weekdays", CYAML_FLAG_STRICT, struct y_base, working_weekdays, s_weekday_names,
                      CYAML_ARRAY_LEN(s_weekday_names)),
    CYAML_FIELD_STRING_PTR("cutoff", CYAML_FLAG_OPTIONAL, struct y_base, cutoff, 0, 16),
    CYAML_FIELD_SEQUENCE("desk_hours", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct y_base, desk_hours,
                         &s_desk_schema, 0, MAX_DESK),
    CYAML_FIELD_SEQUENCE("seasons", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct y_base, seasons,
                         &s_season_schema, 0, MAX_SEASONS),
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

/* The working periods at key (working_hours, or seasons.N.working_hours)
 * into h: each "HH:MM" (end may be "24:00"), end after start, in order and
 * not overlapping. Their sum in *secs. */
static int s_load_periods(yf_file_t *fl, const char *key, const struct y_period *v, unsigned count,
                          struct wt_hours *h, int64_t *secs)
{
	*secs = 0;
	for (unsigned i = 0; i < count; i++) {
		const struct y_period *p = &v[i];
		int32_t s = wt_cal_parse_hhmm(p->start, false), e = wt_cal_parse_hhmm(p->end, true);
		if (s < 0 || e < 0) {
			yf_err(fl->errs, fl->path, yf_line(fl, "%s.%u.%s", key, i, s < 0 ? "start" : "end"),
			       "giờ không hợp lệ \"%s\" (cần HH:MM)", s < 0 ? p->start : p->end);
			return -1;
		}
		if (e <= s) {
			yf_err(fl->errs, fl->path, yf_line(fl, "%s.%u.end", key, i),
			       "khoảng %s–%s: giờ kết thúc phải sau giờ bắt đầu", p->start, p->end);
			return -1;
		}
		if (i > 0 && s < h->p[i - 1].e) {
			yf_err(fl->errs, fl->path, yf_line(fl, "%s.%u.start", key, i),
			       "khoảng %s–%s chồng lên hoặc đứng trước khoảng %s–%s (các khoảng phải theo thứ tự, "
			       "không chồng nhau)",
			       p->start, p->end, v[i - 1].start, v[i - 1].end);
			return -1;
		}
		h->p[i].s = s;
		h->p[i].e = e;
		*secs += e - s;
	}
	h->n = (int)count;
	return 0;
}

/* Exactly "MM-DD" naming a day of some year (02-29 included), as
 * month * 32 + day; -1 when malformed. */
static const int s_mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static int s_parse_md(const char *s)
{
	int m, d;

	if (!s || strlen(s) != 5 || s[2] != '-' || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '9' || s[4] < '0' || s[4] > '9')
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (m < 1 || m > 12 || d < 1 || d > s_mdays[m - 1])
		return -1;
	return m * 32 + d;
}

/* desk_hours: weekdays and a period each; reception only, never counted. */
static int s_load_desk(wt_calendar_t *cal, yf_file_t *fl, const struct y_base *b)
{
	for (unsigned i = 0; i < b->desk_hours_count; i++) {
		const struct y_desk *d = &b->desk_hours[i];
		int32_t s = wt_cal_parse_hhmm(d->start, false), e = wt_cal_parse_hhmm(d->end, true);
		if (!(d->weekdays & 0x7fu)) {
			yf_err(fl->errs, fl->path, yf_line(fl, "desk_hours.%u.weekdays", i),
			       "giờ tiếp nhận cần ít nhất một ngày trong tuần (weekdays)");
			return -1;
		}
		if (s < 0 || e < 0) {
			yf_err(fl->errs, fl->path, yf_line(fl, "desk_hours.%u.%s", i, s < 0 ? "start" : "end"),
			       "giờ không hợp lệ \"%s\" (cần HH:MM)", s < 0 ? d->start : d->end);
			return -1;
		}
		if (e <= s) {
			yf_err(fl->errs, fl->path, yf_line(fl, "desk_hours.%u.end", i),
			       "giờ tiếp nhận %s–%s: giờ kết thúc phải sau giờ bắt đầu", d->start, d->end);
			return -1;
		}
		cal->desk[i].weekdays = d->weekdays & 0x7fu;
		cal->desk[i].s = s;
		cal->desk[i].e = e;
	}
	cal->ndesk = (int)b->desk_hours_count;
	return 0;
}

/* seasons: a yearly range of dates ("MM-DD" to "MM-DD", across the New
 * Year when from is later than to) with its own working hours, which must
 * add up to the base day (a working day is the same length all year: the
 * deadlines in days count it) and may not share a date with another season. */
static int s_load_seasons(wt_calendar_t *cal, yf_file_t *fl, const struct y_base *b)
{
	signed char owner[13 * 32];
	char key[64];

	memset(owner, -1, sizeof owner);
	for (unsigned i = 0; i < b->seasons_count; i++) {
		const struct y_season *y = &b->seasons[i];
		struct wt_season *se = &cal->seasons[i];
		int64_t secs;

		se->from = s_parse_md(y->from);
		se->to = s_parse_md(y->to);
		if (se->from < 0 || se->to < 0) {
			const char *which = se->from < 0 ? "from" : "to";
			yf_err(fl->errs, fl->path, yf_line(fl, "seasons.%u.%s", i, which),
			       "ngày không hợp lệ \"%s\" (cần MM-DD, ví dụ \"04-15\")", se->from < 0 ? y->from : y->to);
			return -1;
		}
		snprintf(key, sizeof key, "seasons.%u.working_hours", i);
		if (s_load_periods(fl, key, y->working_hours, y->working_hours_count, &se->hours, &secs) != 0)
			return -1;
		if (secs != cal->day_secs) {
			yf_err(fl->errs, fl->path, yf_line(fl, "seasons.%u.working_hours", i),
			       "mùa \"%s\": ngày làm việc dài %lld phút, giờ làm việc chung %lld phút (mỗi mùa phải "
			       "bằng nhau: thời hạn tính theo ngày làm việc)",
			       y->name, (long long)(secs / 60), (long long)(cal->day_secs / 60));
			return -1;
		}
		/* every month-day from .. to, in calendar order, wrapping at 12-31 */
		for (int md = se->from;; md = md % 32 < s_mdays[md / 32 - 1] ? md + 1 : (md / 32 % 12 + 1) * 32 + 1) {
			if (owner[md] >= 0) {
				yf_err(fl->errs, fl->path, yf_line(fl, "seasons.%u.from", i),
				       "mùa \"%s\" trùng ngày %02d-%02d với mùa \"%s\"", y->name, md / 32, md % 32,
				       b->seasons[owner[md]].name);
				return -1;
			}
			owner[md] = (signed char)i;
			if (md == se->to)
				break;
		}
	}
	cal->nseasons = (int)b->seasons_count;
	return 0;
}

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
	if (s_load_periods(fl, "working_hours", b->working_hours, b->working_hours_count, &cal->base, &cal->day_secs) !=
	    0)
		goto out;
	cal->weekdays = b->working_weekdays & 0x7fu;
	if (!cal->weekdays) {
		yf_err(errs, fl->path, yf_line(fl, "working_weekdays"), "working_weekdays cần ít nhất một ngày làm việc");
		goto out;
	}
	cal->week_secs = cal->day_secs * __builtin_popcount(cal->weekdays);
	cal->cutoff = -1;
	if (b->cutoff && (cal->cutoff = wt_cal_parse_hhmm(b->cutoff, false)) < 0) {
		yf_err(errs, fl->path, yf_line(fl, "cutoff"), "giờ không hợp lệ \"%s\" (cần HH:MM)", b->cutoff);
		goto out;
	}
	if (s_load_desk(cal, fl, b) != 0 || s_load_seasons(cal, fl, b) != 0)
		goto out;
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

		if (!wt_cal_parse_date(v[i].date, &day, &y))
			why = "ngày không hợp lệ \"%s\" (cần YYYY-MM-DD, ngày có thật)";
		else if (y != year)
			why = "ngày %s không thuộc năm của tệp";
		else if (wt_cal_has(off ? &cal->hol : &cal->extra, day))
			why = "ngày %s được khai báo hai lần";
		else if (wt_cal_has(off ? &cal->extra : &cal->hol, day))
			why = "ngày %s vừa là ngày nghỉ lễ vừa là ngày làm bù";
		else if (!off && (cal->weekdays >> wt_cal_weekday(day) & 1u))
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

	if (!cal || !wt_cal_parse_date(date, &day, NULL) || wt_cal_has(&cal->hol, day))
		return -1;
	return s_insert(&cal->hol, day, name);
}

int wt_holiday(const wt_calendar_t *cal, const char *date)
{
	int64_t day;

	if (!cal || !wt_cal_parse_date(date, &day, NULL))
		return -1;
	return wt_cal_has(&cal->hol, day) ? 1 : 0;
}

int wt_remove_holiday(wt_calendar_t *cal, const char *date)
{
	int64_t day;
	size_t i;

	if (!cal || !wt_cal_parse_date(date, &day, NULL))
		return -1;
	i = wt_cal_lower(&cal->hol, day);
	if (i == cal->hol.n || cal->hol.v[i].day != day)
		return -1;
	free(cal->hol.v[i].name);
	memmove(cal->hol.v + i, cal->hol.v + i + 1, (cal->hol.n - i - 1) * sizeof *cal->hol.v);
	cal->hol.n--;
	return 0;
}
