/* worktime_load.c — the working-time calendar as data: the YAML files of
 * forms/calendar/ (calendar.yaml: offset, working hours and weekdays,
 * cut-off; one file a year: holidays and compensating working days) read
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
		int32_t s = wt_cal_parse_hhmm(p->start, false), e = wt_cal_parse_hhmm(p->end, true);
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
	if (b->cutoff && (cal->cutoff = wt_cal_parse_hhmm(b->cutoff, false)) < 0) {
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
