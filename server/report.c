/* report.c — the monthly one-stop report (DOMAIN.md §1): per receiving
 * unit in a subtree and in total — received in the month, carried over,
 * resolved early / on time / late, still in processing (not yet due or
 * overdue at the month's end), stopped or withdrawn, the on-time rate, and
 * the units ranked by late rate. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "date.h"
#include "org.h"
#include "store/report.h"

static const char *s_cols[] = {"received", "carried_over", "early", "on_time", "late",
			       "processing_not_due", "processing_overdue", "withdrawn"};
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
	json_object_set_new(row, "on_time_rate", ok + late ? s_percent(ok, ok + late) : json_null());
	json_object_set_new(row, "late_rate", ok + late ? s_percent(late, ok + late) : json_null());
}

proto_err_t srv_report_onestop(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *month = json_string_value(json_object_get(req, "month"));
	const char *unit = json_string_value(json_object_get(req, "unit"));
	struct tm tm = {0};
	int y, m;
	int64_t start, end, off = wt_utc_offset(catalog_calendar());
	proto_err_t e;
	char path[512];
	json_t *rows, *row, *total;
	size_t i;

	if (date_parse_month(month, &y, &m) != 0 || y < 2000 || y > 2200) {
		c->bad_field = "month";
		snprintf(c->detail, sizeof c->detail, "Tháng phải có dạng YYYY-MM, ví dụ 2026-03");
		return E_INVALID;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = 1;
	start = (int64_t)timegm(&tm) - off;
	tm.tm_mon = m; /* timegm normalises December + 1 */
	end = (int64_t)timegm(&tm) - off;
	if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
		return e;
	rows = store_report_onestop(c->db, start, end, path);
	total = json_pack("{s:s, s:s}", "unit", "", "unit_name", "Tổng cộng");
	for (size_t k = 0; k < NCOLS; k++)
		json_object_set_new(total, s_cols[k], json_integer(0));
	json_array_foreach(rows, i, row)
	{
		for (size_t k = 0; k < NCOLS; k++)
			json_object_set_new(total, s_cols[k],
					    json_integer(json_integer_value(json_object_get(total, s_cols[k])) +
							 json_integer_value(json_object_get(row, s_cols[k]))));
		s_rates(row);
	}
	s_rates(total);
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
	*reply = json_pack("{s:s, s:o, s:o}", "month", month, "units", rows, "total", total);
	return E_OK;
}
