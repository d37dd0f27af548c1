/* report.c — the one-stop report (DOMAIN.md §1): per receiving unit in a
 * subtree and in total — received in the period (by channel), carried
 * over, resolved early / on time / late, still in processing (not yet due
 * or overdue at the period's end, or now for a report run before it ends),
 * waiting for a supplement, refused after review, withdrawn, the on-time
 * rate, and the units ranked by late rate; the same per procedure. The
 * progress indicators of the national service index (QĐ 766/QĐ-TTg) this
 * data gives beside them: the on-time rate, the share received online,
 * the share of results delivered electronically (e_result_rate: returned
 * online over returned in the period) and the average processing time (avg_days: working days from reception to
 * the result, over the dossiers resolved in the period, a supplement's
 * wait included). The period is the calendar month or the reporting period
 * of NĐ 09/2019/NĐ-CP (Điều 12: from the 15th of the previous month to the
 * 14th). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "date.h"
#include "org.h"
#include "store/report.h"
#include "wf.h"
#include "worktime.h"

static const char *s_cols[] = {"received",	     "received_direct",	   "received_online",	 "received_postal",
			       "carried_over",	     "early",		   "on_time",		 "late",
			       "processing_not_due", "processing_overdue", "supplement", "refused_after_review",
			       "withdrawn",
			       /* desk: fees; results returned, and electronically */
			       "fees", "fees_exempt", "returned", "returned_online"};
#define NCOLS (sizeof s_cols / sizeof s_cols[0])

/* part of whole in percent, rounded half up to one decimal. */
static json_t *s_percent(json_int_t part, json_int_t whole)
{
	return json_real((double)((part * 1000 + whole / 2) / whole) / 10.0);
}

/* Rates in percent with one decimal; null when nothing was resolved. */
static void s_rates(json_t *row)
{
	json_int_t ok = json_integer_value(json_object_get(row, "early")) + json_integer_value(json_object_get(row, "on_time"));
	json_int_t late = json_integer_value(json_object_get(row, "late"));
	json_int_t in = json_integer_value(json_object_get(row, "received"));
	json_int_t online = json_integer_value(json_object_get(row, "received_online"));
	json_object_set_new(row, "on_time_rate", ok + late ? s_percent(ok, ok + late) : json_null());
	json_object_set_new(row, "late_rate", ok + late ? s_percent(late, ok + late) : json_null());
	/* the national service index's share received online (QĐ 766/QĐ-TTg) */
	json_object_set_new(row, "online_rate", in ? s_percent(online, in) : json_null());
	/* …and its share of results delivered electronically */
	json_int_t ret = json_integer_value(json_object_get(row, "returned"));
	json_object_set_new(row, "e_result_rate",
			    ret ? s_percent(json_integer_value(json_object_get(row, "returned_online")), ret)
				: json_null());
}

/* row[col] += add[col] for every counted column. */
static void s_add(json_t *row, const json_t *add)
{
	for (size_t k = 0; k < NCOLS; k++)
		json_object_set_new(row, s_cols[k],
				    json_integer(json_integer_value(json_object_get(row, s_cols[k])) +
						 json_integer_value(json_object_get(add, s_cols[k]))));
}

/* report: the average processing time. sums[key] is [n, working seconds]. */
static void s_time_add(json_t *sums, const char *key, int64_t secs)
{
	json_t *a = json_object_get(sums, key);

	if (!a)
		json_object_set_new(sums, key, a = json_pack("[I, I]", (json_int_t)0, (json_int_t)0));
	json_array_set_new(a, 0, json_integer(json_integer_value(json_array_get(a, 0)) + 1));
	json_array_set_new(a, 1, json_integer(json_integer_value(json_array_get(a, 1)) + secs));
}

/* row's avg_days from sums[key]: working days with one decimal, rounded
 * half up; null when none was resolved. */
static void s_time_set(json_t *row, const json_t *sums, const char *key, int64_t day)
{
	const json_t *a = json_object_get(sums, key);
	json_int_t n = json_integer_value(json_array_get(a, 0)), secs = json_integer_value(json_array_get(a, 1));

	json_object_set_new(row, "avg_days", n ? json_real((double)((secs * 10 + n * day / 2) / (n * day)) / 10.0)
					       : json_null());
}

/* Every resolved dossier's working time from reception to the result,
 * summed per receiving unit (by code), per procedure ("p:" code) and in
 * all (""). New reference. */
static json_t *s_times(srv_ctx_t *c, const store_report_period_t *p, const char *path)
{
	const wt_calendar_t *cal = catalog_calendar();
	json_t *rows = store_report_resolved(c->db, p, path), *sums = json_object(), *r;
	char key[80];
	size_t i;

	json_array_foreach(rows, i, r)
	{
		int64_t secs = wt_between(cal, (time_t)json_integer_value(json_object_get(r, "received")),
					  (time_t)json_integer_value(json_object_get(r, "finished")));
		if (secs < 0)
			secs = 0;
		s_time_add(sums, json_string_value(json_object_get(r, "unit")), secs);
		snprintf(key, sizeof key, "p:%s", json_string_value(json_object_get(r, "procedure")));
		s_time_add(sums, key, secs);
		s_time_add(sums, "", secs);
	}
	json_decref(rows);
	return sums;
}

proto_err_t srv_report_onestop(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *month = json_string_value(json_object_get(req, "month"));
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *period = json_string_value(json_object_get(req, "period"));
	const char *by = json_string_value(json_object_get(req, "by")); /* report: per procedure */
	bool nd09 = period && strcmp(period, "nd09") == 0;
	struct tm tm = {0};
	int y, m;
	int64_t off = wt_utc_offset(catalog_calendar());
	store_report_period_t p = {.refused = "refused", .rejected = "rejected", .withdrawn = "withdrawn"};
	proto_err_t e;
	char path[512], from[32], to[32], at[32];
	json_t *rows, *row, *total, *procs, *times;
	int64_t day;
	size_t i;

	if (date_parse_month(month, &y, &m) != 0 || y < 2000 || y > 2200) {
		c->bad_field = "month";
		snprintf(c->detail, sizeof c->detail, "Tháng phải có dạng YYYY-MM, ví dụ 2026-03");
		return E_INVALID;
	}
	if (period && !nd09 && strcmp(period, "month") != 0) {
		c->bad_field = "period";
		snprintf(c->detail, sizeof c->detail,
			 "Kỳ báo cáo là month (tháng dương lịch) hoặc nd09 (từ ngày 15 tháng trước đến ngày 14)");
		return E_INVALID;
	}
	/* a month [1st, 1st of the next); NĐ 09/2019's [15th of the previous, 15th) */
	tm.tm_year = y - 1900;
	tm.tm_mon = nd09 ? m - 2 : m - 1; /* timegm normalises January - 1 and December + 1 */
	tm.tm_mday = nd09 ? 15 : 1;
	p.start = (int64_t)timegm(&tm) - off;
	tm.tm_mon++;
	p.end = (int64_t)timegm(&tm) - off;
	/* run before the period ends: what is open is judged now, not at an end
	 * still to come (a dossier due next week is not overdue today) */
	p.at = c->now < p.end ? c->now : p.end;
	if (by && strcmp(by, "unit") != 0 && strcmp(by, "procedure") != 0) {
		c->bad_field = "by";
		snprintf(c->detail, sizeof c->detail, "Dòng theo unit (đơn vị) hoặc procedure (thủ tục)");
		return E_INVALID;
	}
	if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
		return e;
	rows = store_report_onestop(c->db, &p, path);
	procs = store_report_procedures(c->db, &p, path);
	times = s_times(c, &p, path);
	day = wt_day_seconds(catalog_calendar());
	total = json_pack("{s:s, s:s}", "unit", "", "unit_name", "Tổng cộng");
	for (size_t k = 0; k < NCOLS; k++)
		json_object_set_new(total, s_cols[k], json_integer(0));
	json_array_foreach(rows, i, row)
	{
		s_add(total, row);
		s_rates(row);
		s_time_set(row, times, json_string_value(json_object_get(row, "unit")), day);
	}
	s_rates(total);
	s_time_set(total, times, "", day);
	json_array_foreach(procs, i, row)
	{
		char key[80];
		snprintf(key, sizeof key, "p:%s", json_string_value(json_object_get(row, "procedure")));
		s_rates(row);
		s_time_set(row, times, key, day);
	}
	json_decref(times);
	/* rank by late rate, lowest first; units with nothing resolved are not ranked */
	json_array_foreach(rows, i, row)
	{
		json_t *lr = json_object_get(row, "late_rate"), *o;
		size_t k, rank = 1;
		if (json_is_null(lr)) {
			json_object_set_new(row, "rank", json_null());
			continue;
		}
		json_array_foreach(rows, k, o) if (!json_is_null(json_object_get(o, "late_rate")) &&
						  json_real_value(json_object_get(o, "late_rate")) < json_real_value(lr)) rank++;
		json_object_set_new(row, "rank", json_integer((json_int_t)rank));
	}
	*reply = json_pack("{s:s, s:s, s:s, s:s, s:s}", "month", month, "period", nd09 ? "nd09" : "month", "from",
			   wf_time(p.start, from, sizeof from), "to", wf_time(p.end, to, sizeof to), "as_of",
			   wf_time(p.at, at, sizeof at));
	/* the table a CSV prints is the first: the units', or by procedure the procedures' */
	if (by && !strcmp(by, "procedure"))
		json_decref(rows);
	else
		json_object_set_new(*reply, "units", rows);
	json_object_set_new(*reply, "procedures", procs);
	json_object_set_new(*reply, "total", total);
	return E_OK;
}
