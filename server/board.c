/* board.c — the supervisors' task board as one snapshot: a column per
 * state of the task workflow with its count and its first cards (overdue
 * first, then by deadline), paged per column at a province's scale, and a
 * summary of the subtree rolled up to its own unit and each direct child
 * unit. The snapshot's `seq` is the change sequence it reflects: a client
 * applies task.changed events with a larger seq and drops the rest, so a
 * board rebuilt after a reconnect misses nothing and shows nothing twice;
 * a page of a column at seq N continues what the client holds at N. */
#include <string.h>

#include "catalog.h"
#include "org.h"
#include "rowset.h"
#include "store/board.h"
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

/* The subtree at path rolled up to its own unit and each direct child
 * unit (store_board_summary), each row with its on-time rate (%), and the
 * total of the rows in *total. */
static json_t *s_summary(srv_ctx_t *c, const char *path, int64_t since, json_t **total)
{
	json_t *rows = store_board_summary(c->db, path, c->now, s_week_end(c->now), since), *r;
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
		json_array_append_new(cols, json_pack("{s:s, s:s, s:b, s:i}", "state", w->states[i].code, "name",
		                                      w->states[i].name, "final", w->states[i].final, "count", 0));
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

/* Fill the columns: each one's count (one GROUP BY over what f selects),
 * and the cards of `column` (NULL: of every column), from f->offset,
 * f->max of each, at most limit in all, in the order of the columns: only
 * those cards' tasks are loaded. Each column's `cards` are whole cards, or
 * with rs its `rows` in rs's columns. The scope was tested in the query:
 * every unit under f->path is in c's. Returns the number of tasks counted
 * but not sent; -1 on a database error. */
static json_int_t s_fill(srv_ctx_t *c, store_task_filter_t *f, const char *column, json_t *cols, size_t limit,
                         rowset_t *rs)
{
	/* each column's count and the page of its ids (store_task_board) */
	json_t *by = store_task_board(c->db, f, c->now), *col, *e, *x, *card;
	json_int_t counted = 0, sent = 0;
	const char *state;
	size_t i, k;

	if (!by)
		return -1;
	json_object_foreach(by, state, e)
	{
		if ((col = s_column(cols, state))) {
			json_object_set(col, "count", json_object_get(e, "n"));
			counted += json_integer_value(json_object_get(e, "n"));
		}
	}
	json_array_foreach(cols, i, col)
	{
		json_object_set_new(col, rs ? "rows" : "cards", json_array());
		state = json_string_value(json_object_get(col, "state"));
		if (column && strcmp(column, state))
			continue;
		json_array_foreach(json_object_get(json_object_get(by, state), "ids"), k, x)
		{
			task_t t;
			if ((size_t)sent >= limit || task_load(c->db, NULL, json_integer_value(x), &t) != 0)
				break;
			card = task_card(c->db, &t, c->now);
			json_array_append_new(json_object_get(col, rs ? "rows" : "cards"),
			                      rs ? rowset_row(rs, card) : json_incref(card));
			json_decref(card);
			task_clear(&t);
			sent++;
		}
	}
	json_decref(by);
	return counted - sent;
}

proto_err_t srv_board(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *person = json_string_value(json_object_get(req, "person"));
	json_t *days = json_object_get(req, "closed_days"), *limit = json_object_get(req, "limit");
	json_t *per = json_object_get(req, "per_column");
	const wf_def_t *w = task_workflow();
	char path[512];
	store_task_filter_t f = {.path = path,
	                         .roles = ",lead,coop,",
	                         .priority = json_string_value(json_object_get(req, "priority")),
	                         .source = json_string_value(json_object_get(req, "source")),
	                         .overdue = json_is_true(json_object_get(req, "overdue")),
	                         .offset = json_integer_value(json_object_get(req, "offset"))};
	const char *column = json_string_value(json_object_get(req, "state"));
	proto_err_t e = org_scope(c, unit, path, sizeof path);
	size_t cap = limit ? (size_t)json_integer_value(limit) : 200;
	bool compact = json_is_true(json_object_get(req, "compact"));
	json_t *cols, *u;
	json_int_t left;
	rowset_t rs;

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
	if (column && !wf_state(w, column)) {
		c->bad_field = "state";
		snprintf(c->detail, sizeof c->detail, "Không có trạng thái \"%s\"", column);
		return E_INVALID;
	}
	if (person && store_task_person(c->db, person, &f.person, NULL, NULL) != STORE_OK) {
		c->bad_field = "person";
		return E_NOT_FOUND;
	}
	f.max = per ? (int)json_integer_value(per) : (int)cap;
	f.closed_since = c->now - (days ? json_integer_value(days) : 30) * 86400;
	/* the watermark first: a change committed later carries a larger seq */
	*reply = json_pack("{s:I}", "seq", (json_int_t)store_task_seq_max(c->db));
	cols = s_columns(w);
	rowset_init(&rs, task_board_cols, task_board_ncols);
	left = s_fill(c, &f, column, cols, cap, compact ? &rs : NULL);
	rowset_end(&rs, compact ? *reply : NULL);
	if (left < 0) {
		json_decref(cols);
		return E_INTERNAL;
	}
	u = store_board_unit(c->db, path);
	json_object_set_new(*reply, "unit", u ? json_incref(json_object_get(u, "code")) : json_null());
	json_object_set_new(*reply, "unit_name",
	                    u ? json_incref(json_object_get(u, "name")) : json_string("Toàn bộ các đơn vị"));
	json_object_set_new(*reply, "path", json_string(path));
	json_object_set_new(*reply, "columns", cols);
	if (!json_is_true(json_object_get(req, "cards_only"))) {
		json_t *total, *summary = s_summary(c, path, f.closed_since, &total);
		json_object_set_new(*reply, "summary", summary);
		json_object_set_new(*reply, "total", total);
	}
	json_object_set_new(*reply, "left_out", json_integer(left));
	json_decref(u);
	return E_OK;
}
