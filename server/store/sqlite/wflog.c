/* wflog.c — the SQLite driver's log of workflow moves (store/wflog.h). */
#include "store/wflog.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"

store_rc_t store_wflog_append(store_t *s, const store_wflog_t *e)
{
	static const char sql[] =
		"INSERT INTO wf_log(kind, object_id, at, user_id, action, from_state, from_step, to_state, to_step, "
		"to_unit, to_role, note, grade, form, extra) "
		"VALUES(?, ?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, -1), ?, NULLIF(?, -1), NULLIF(?, 0), NULLIF(?, ''), ?, "
		"NULLIF(?, ''), NULLIF(?, ''), ?)";
	char *extra = e->extra && json_object_size(e->extra) ? json_dumps(e->extra, JSON_COMPACT) : NULL;
	int rc = db_exec(s, sql, "siiissisiisssss", e->kind, e->object, e->at, e->user, e->action, e->from_state,
			 (int64_t)e->from_step, e->to_state, (int64_t)e->to_step, e->to_unit, e->to_role,
			 e->note ? e->note : "", e->grade, e->form, extra);

	free(extra);
	return db_rc(rc);
}

json_t *store_wflog_page(store_t *s, const char *kind, int64_t object, int64_t before, int limit)
{
	static const char sql[] =
		"SELECT l.id, l.at, coalesce(u.username, 'console') AS user, coalesce(u.name, 'Hệ thống') AS who, "
		"l.action, l.from_state, l.from_step, l.to_state, l.to_step, t.name AS to_unit, l.to_role, l.note, "
		"l.grade, l.form, l.extra "
		"FROM wf_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN units t ON t.id = l.to_unit "
		"WHERE l.kind = ? AND l.object_id = ? AND l.id < ? ORDER BY l.id DESC LIMIT ?";
	json_t *rows = db_rows(db_q(s, sql, "siii", kind, object, before > 0 ? before : INT64_MAX, (int64_t)limit));
	json_t *r, *x;
	size_t i;

	json_array_foreach(rows, i, r)
	{
		const char *key, *extra = json_string_value(json_object_get(r, "extra"));
		json_t *v, *tmp;

		if (extra && (x = json_loads(extra, 0, NULL))) {
			json_object_update_missing(r, x);
			json_decref(x);
		}
		json_object_del(r, "extra");
		json_object_foreach_safe(r, tmp, key, v)
		{
			if (json_is_null(v)) /* a value the move has none of */
				json_object_del(r, key);
		}
	}
	return rows;
}

int64_t store_wflog_count(store_t *s, const char *kind, int64_t object)
{
	return db_int(s, "SELECT count(*) FROM wf_log WHERE kind = ? AND object_id = ?", 0, "si", kind, object);
}

store_rc_t store_wflog_form(store_t *s, const char *kind, int64_t object, const char *form, char **note, int64_t *at)
{
	sqlite3_stmt *st = db_q(s,
				"SELECT note, at FROM wf_log WHERE kind = ? AND object_id = ? AND form = ? "
				"ORDER BY id DESC LIMIT 1",
				"sis", kind, object, form);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*note = strdup((const char *)sqlite3_column_text(st, 0));
		*at = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return *note ? STORE_OK : STORE_ERROR;
	return rc == SQLITE_DONE ? STORE_NONE : STORE_ERROR;
}
