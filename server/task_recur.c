/* task_recur.c — recurring tasks ("the monthly report, due on the 25th, for
 * every district"): definitions officials add, list and stop, and the
 * generation the serve loop runs. Only the server generates, in one
 * transaction, exactly once per (definition, period, unit): the unique
 * index on tasks guarantees it, and a definition's last generated period
 * only moves forward, so a restart or a clock set back never repeats a
 * period. A period the daemon sleeps through entirely is not made up. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "catalog.h"
#include "org.h"
#include "task.h"
#include "text.h"

#define MAX_UNITS 50

/* A month (n 1..12) or a quarter (n 1..4) of a year. */
typedef struct {
	int year, n;
	bool quarter;
} period_t;

static period_t s_period_of(int64_t t, bool quarter)
{
	char buf[32];
	int month;

	wf_time(t, buf, sizeof buf); /* YYYY-MM-DD HH:MM, local */
	month = atoi(buf + 5);
	return (period_t){atoi(buf), quarter ? (month - 1) / 3 + 1 : month, quarter};
}

/* "2026-05" or "2026-Q2": keys of one definition sort in time order. */
static void s_key(period_t p, char *buf, size_t n)
{
	if ((size_t)snprintf(buf, n, p.quarter ? "%04d-Q%d" : "%04d-%02d", p.year, p.n) >= n)
		buf[0] = '\0'; /* callers pass room for any year the calendar allows */
}

static period_t s_next(period_t p)
{
	if (++p.n > (p.quarter ? 4 : 12)) {
		p.n = 1;
		p.year++;
	}
	return p;
}

/* Local midnight of day d of month m, as an instant. */
static int64_t s_midnight(int year, int month, int day)
{
	struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day};
	return (int64_t)timegm(&tm) - wt_utc_offset(catalog_calendar());
}

static int64_t s_start(period_t p)
{
	return s_midnight(p.year, p.quarter ? (p.n - 1) * 3 + 1 : p.n, 1);
}

/* The deadline of period p: day `day` of its (last) month, the month's
 * last day when shorter; a day off moves it to the next working day. */
static int64_t s_deadline(period_t p, int day)
{
	int month = p.quarter ? p.n * 3 : p.n, dim;
	char date[16];

	dim = (int)((s_midnight(month == 12 ? p.year + 1 : p.year, month == 12 ? 1 : month + 1, 1) -
	             s_midnight(p.year, month, 1)) /
	            86400);
	snprintf(date, sizeof date, "%04d-%02d-%02d", p.year, month, day < dim ? day : dim);
	return wf_day_end(date);
}

static void s_title(period_t p, const char *title, char *out, size_t n)
{
	snprintf(out, n, p.quarter ? "%.*s — quý %d/%04d" : "%.*s — tháng %02d/%04d", (int)text_clip(title, 250), title,
	         p.n, p.year);
}

/* --- generation (the serve loop) --- */

#define MAX_DUE 16 /* definitions a run takes; the rest wait for the next */

/* Generate period p of d for each of its units that has no task for it. */
static int s_generate(srv_ctx_t *c, const store_recur_t *d, period_t p, const char *key)
{
	json_t *units = store_recur_units(c->db, d->id);
	char title[320], ref[32];
	task_spec_t s = {.title = title,
	                 .description = d->description,
	                 .priority = d->priority,
	                 .source = "recurring",
	                 .source_ref = ref,
	                 .period = key,
	                 .assigner_id = d->assigner_id,
	                 .assigner_unit = d->assigner_unit,
	                 .recurring_id = d->id,
	                 .deadline = s_deadline(p, d->day)};
	int made = 0;
	size_t i;
	json_t *u;

	s_title(p, d->title, title, sizeof title);
	snprintf(ref, sizeof ref, "định kỳ #%lld", (long long)d->id);
	json_array_foreach(units, i, u)
	{
		int64_t id;
		char code[32];
		proto_err_t e;
		s.lead_unit = json_integer_value(u);
		if (store_recur_made(c->db, d->id, key, s.lead_unit))
			continue; /* made already */
		e = task_create(c, &s, &id, code, sizeof code);
		if (e == E_OK)
			made++;
		else if (e != E_EXISTS) {
			made = -1;
			break;
		}
	}
	json_decref(units);
	return made;
}

int task_recur_run(srv_ctx_t *c)
{
	store_recur_t due[MAX_DUE];
	int n = store_recur_due(c->db, c->now, due, MAX_DUE), total = n < 0 ? -1 : 0;

	for (int i = 0; i < n; i++) {
		const store_recur_t *d = &due[i];
		period_t p = s_period_of(c->now, strcmp(d->every, "quarter") == 0);
		char key[16];
		int made = 0;

		if (total < 0)
			break;
		s_key(p, key, sizeof key);
		if (strcmp(key, d->last_period) > 0 && (made = s_generate(c, d, p, key)) < 0)
			total = -1;
		if (total < 0)
			break;
		total += made;
		/* forward only: a clock set back leaves last_period where it was */
		if (store_recur_ran(c->db, d->id, key, s_start(s_next(p))) != STORE_OK)
			total = -1;
	}
	for (int i = 0; i < n; i++)
		store_recur_clear(&due[i]);
	return total;
}

int64_t task_recur_next(store_t *db)
{
	return store_recur_next(db);
}

/* --- definitions --- */

proto_err_t srv_recurring_add(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *title = json_string_value(json_object_get(req, "title"));
	const char *every = json_string_value(json_object_get(req, "every"));
	const char *priority = json_string_value(json_object_get(req, "priority"));
	int day = (int)json_integer_value(json_object_get(req, "day"));
	json_t *units = json_object_get(req, "units"), *x;
	const char *description = json_string_value(json_object_get(req, "description"));
	int64_t ids[MAX_UNITS], id;
	size_t i, n = 0;
	char path[512], key[16], first[16];
	period_t p;
	bool now_counts;
	proto_err_t e;

	if (!c->console && !(task_worker(c) && (c->roles & ROLE_LEADER))) {
		snprintf(c->detail, sizeof c->detail, "Chỉ lãnh đạo được đặt nhiệm vụ định kỳ");
		return E_NOT_ALLOWED;
	}
	c->bad_field = !*title                                                          ? "title"
	               : !every || (strcmp(every, "month") && strcmp(every, "quarter")) ? "every"
	               : day < 1                                                        ? "day"
	               : priority && !task_priority_name(priority)                      ? "priority"
	               : json_array_size(units) == 0                                    ? "units"
	                                                                                : NULL;
	if (c->bad_field) {
		snprintf(
		    c->detail, sizeof c->detail,
		    "Cần tên, chu kỳ month hoặc quarter, ngày hạn 1–31, độ ưu tiên normal/high/urgent và ít nhất một "
		    "đơn vị");
		return E_INVALID;
	}
	json_array_foreach(units, i, x)
	{
		if ((e = task_unit(c, json_string_value(x), "units", &ids[n], path, sizeof path)) != E_OK)
			return e;
		if (n < MAX_UNITS)
			n++;
	}
	p = s_period_of(c->now, strcmp(every, "quarter") == 0);
	s_key(p, key, sizeof key);
	now_counts = s_deadline(p, day) > c->now;
	s_key(now_counts ? p : s_next(p), first, sizeof first);
	/* this period counts only while its deadline is ahead; the serve loop
	 * picks the definition up at once (next_at = now) */
	store_recur_spec_t r = {.title = title,
	                        .description = description,
	                        .every = every,
	                        .priority = priority ? priority : "normal",
	                        .day = day,
	                        .assigner_id = c->user_id,
	                        .assigner_unit = c->unit_id,
	                        .last_period = now_counts ? "" : key,
	                        .next_at = c->now,
	                        .units = ids,
	                        .nunits = n};
	if (store_recur_insert(c->db, &r, c->now, &id) != STORE_OK)
		return E_INTERNAL;
	audit_log(c, "recurring.add", title,
	          json_pack("{s:I, s:s, s:i, s:O}", "id", (json_int_t)id, "every", every, "day", day, "units", units));
	*reply = json_pack("{s:I, s:s, s:s, s:i, s:s}", "id", (json_int_t)id, "title", title, "every", every, "day",
	                   day, "first_period", first);
	return E_OK;
}

proto_err_t srv_recurring_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	char path[512];
	proto_err_t e = org_scope(c, NULL, path, sizeof path);

	(void)req;
	if (e != E_OK)
		return e;
	*reply = json_pack("{s:o}", "recurring", store_recur_list(c->db, path));
	return E_OK;
}

proto_err_t srv_recurring_stop(srv_ctx_t *c, json_t *req, json_t **reply)
{
	int64_t id = json_integer_value(json_object_get(req, "id"));
	store_recur_t r;
	char path[32];

	if (store_recur_get(c->db, id, &r) != STORE_OK) {
		c->bad_field = "id";
		return E_NOT_FOUND;
	}
	if (!c->console && !(task_worker(c) && ((r.assigner_id && r.assigner_id == c->user_id) ||
	                                        (r.assigner_unit == c->unit_id && (c->roles & ROLE_LEADER))))) {
		snprintf(c->detail, sizeof c->detail,
		         "Chỉ người đặt hoặc lãnh đạo đơn vị đặt được dừng nhiệm vụ định kỳ");
		return E_NOT_ALLOWED;
	}
	if (!r.active) {
		c->bad_field = "id";
		snprintf(c->detail, sizeof c->detail, "Nhiệm vụ định kỳ này đã dừng");
		return E_INVALID;
	}
	if (store_recur_stop(c->db, id) != STORE_OK)
		return E_INTERNAL;
	snprintf(path, sizeof path, "#%lld", (long long)id);
	audit_log(c, "recurring.stop", path, json_pack("{s:I}", "id", (json_int_t)id));
	*reply = json_pack("{s:I, s:b}", "id", (json_int_t)id, "active", 0);
	return E_OK;
}
