/* board.c — the supervisors' task board as one snapshot: a column per
 * state of the task workflow with its cards (overdue first, then by
 * deadline), and a summary per lead unit of the subtree. The snapshot's
 * `seq` is the change sequence it reflects: a client applies task.changed
 * events with a larger seq and drops the rest, so a board rebuilt after a
 * reconnect misses nothing and shows nothing twice. */
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "org.h"
#include "task.h"

/* Start of next Monday, local time: "due this week" ends there. */
static int64_t s_week_end(int64_t now)
{
	int64_t day = wf_day(now), weekday = (day + 3) % 7; /* 1970-01-01 was a Thursday; Monday = 0 */
	return (day + 7 - weekday) * 86400 - wt_utc_offset(catalog_calendar());
}

static json_t *s_rate(json_int_t on_time, json_int_t late)
{
	return on_time + late ? json_integer((on_time * 200 + (on_time + late)) / (2 * (on_time + late))) : json_null();
}

/* Per lead unit of the subtree at path with open tasks or tasks finished
 * since `since`: open, due this week, overdue, finished on time / late
 * since `since`, on-time rate (%); and the total. Older finished tasks
 * count in no column, and are skipped in the index (lead_unit, finished)
 * before their rows are read: a province's year is 90 % of them. */
static json_t *s_summary(srv_ctx_t *c, const char *path, int64_t since, json_t **total)
{
	static const char sql[] =
	    "SELECT u.code AS unit, u.name AS unit_name, sum(t.finished IS NULL) AS open, "
	    "sum(t.finished IS NULL AND t.done_at IS NULL AND t.deadline >= ?1 AND t.deadline < ?2) AS due_week, "
	    "sum(t.finished IS NULL AND t.done_at IS NULL AND t.deadline < ?1) AS overdue, "
	    "sum(coalesce(t.finished >= ?3 AND t.grade IN ('early', 'on_time'), 0)) AS on_time, "
	    "sum(coalesce(t.finished >= ?3 AND t.grade = 'late', 0)) AS late "
	    "FROM tasks t JOIN units u ON u.id = t.lead_unit "
	    "WHERE u.path LIKE ?4 || '%' AND (t.finished IS NULL OR t.finished >= ?3) "
	    "GROUP BY u.id ORDER BY u.path";
	json_t *rows = db_rows(db_q(c->db, sql, "iiis", c->now, s_week_end(c->now), since, path)), *r;
	json_int_t sum[5] = {0};
	static const char *keys[] = {"open", "due_week", "overdue", "on_time", "late"};
	size_t i;

	json_array_foreach(rows, i, r)
	{
		for (int k = 0; k < 5; k++)
			sum[k] += json_integer_value(json_object_get(r, keys[k]));
		json_object_set_new(r, "on_time_rate",
		                    s_rate(json_integer_value(json_object_get(r, "on_time")),
		                           json_integer_value(json_object_get(r, "late"))));
	}
	*total = json_object();
	for (int k = 0; k < 5; k++)
		json_object_set_new(*total, keys[k], json_integer(sum[k]));
	json_object_set_new(*total, "on_time_rate", s_rate(sum[3], sum[4]));
	return rows;
}

/* The columns, one per workflow state in order, with a count each. */
static json_t *s_columns(const wf_def_t *w)
{
	json_t *cols = json_array();
	for (unsigned i = 0; i < w->nstates; i++)
		json_array_append_new(cols,
		                      json_pack("{s:s, s:s, s:b, s:i, s:[]}", "state", w->states[i].code, "name",
		                                w->states[i].name, "final", w->states[i].final, "count", 0, "cards"));
	return cols;
}

static json_t *s_column(json_t *cols, const char *state)
{
	size_t i;
	json_t *col;
	json_array_foreach(cols, i, col)
	{
		if (strcmp(json_string_value(json_object_get(col, "state")), state) == 0)
			return col;
	}
	return NULL;
}

/* Fill the columns with the cards of ids c may see, at most limit cards;
 * every task is counted. Returns the number of cards left out. */
static size_t s_fill(srv_ctx_t *c, json_t *cols, const json_t *ids, size_t limit)
{
	size_t i, shown = 0, left = 0;
	json_t *x;

	json_array_foreach(ids, i, x)
	{
		task_t t;
		json_t *col;
		if (task_load(c->db, NULL, json_integer_value(x), &t) != 0)
			continue;
		if (task_visible(c, &t) && (col = s_column(cols, t.state)) != NULL) {
			json_object_set_new(col, "count",
			                    json_integer(json_integer_value(json_object_get(col, "count")) + 1));
			if (shown < limit) {
				json_array_append_new(json_object_get(col, "cards"), task_card(c->db, &t, c->now));
				shown++;
			} else
				left++;
		}
		task_clear(&t);
	}
	return left;
}

static const char SQL_UNIT[] = "SELECT code, name FROM units WHERE path = ?";

proto_err_t srv_board(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *person = json_string_value(json_object_get(req, "person"));
	json_t *days = json_object_get(req, "closed_days"), *limit = json_object_get(req, "limit");
	const wf_def_t *w = task_workflow();
	char path[512];
	task_filter_t f = {.path = path,
	                   .roles = ",lead,coop,",
	                   .priority = json_string_value(json_object_get(req, "priority")),
	                   .source = json_string_value(json_object_get(req, "source")),
	                   .overdue = json_is_true(json_object_get(req, "overdue")),
	                   .max = 20000};
	proto_err_t e = org_scope(c, unit, path, sizeof path);
	json_t *ids, *cols, *total, *summary, *u;
	sqlite3_stmt *st;
	size_t left;

	if (e != E_OK)
		return e;
	if (!w)
		return E_INTERNAL;
	if (f.priority && !task_priority_name(f.priority)) {
		c->bad_field = "priority";
		return E_INVALID;
	}
	if (f.source && !task_source_name(f.source)) {
		c->bad_field = "source";
		return E_INVALID;
	}
	if (person && (f.person = db_int(c->db, "SELECT id FROM users WHERE username = ?", 0, "s", person)) == 0) {
		c->bad_field = "person";
		return E_NOT_FOUND;
	}
	f.closed_since = c->now - (days ? json_integer_value(days) : 30) * 86400;
	/* the watermark first: a change committed later carries a larger seq */
	*reply = json_pack("{s:I}", "seq", (json_int_t)db_int(c->db, "SELECT coalesce(max(seq), 0) FROM tasks", 0, ""));
	ids = task_find(c, &f);
	cols = s_columns(w);
	left = s_fill(c, cols, ids, limit ? (size_t)json_integer_value(limit) : 200);
	summary = s_summary(c, path, f.closed_since, &total);
	st = db_q(c->db, SQL_UNIT, "s", path);
	u = db_row(st);
	if (st)
		sqlite3_reset(st);
	json_object_set_new(*reply, "unit", u ? json_incref(json_object_get(u, "code")) : json_null());
	json_object_set_new(*reply, "unit_name",
	                    u ? json_incref(json_object_get(u, "name")) : json_string("Toàn bộ các đơn vị"));
	json_object_set_new(*reply, "path", json_string(path));
	json_object_set_new(*reply, "columns", cols);
	json_object_set_new(*reply, "summary", summary);
	json_object_set_new(*reply, "total", total);
	json_object_set_new(*reply, "left_out", json_integer((json_int_t)left));
	json_decref(ids);
	json_decref(u);
	return E_OK;
}
