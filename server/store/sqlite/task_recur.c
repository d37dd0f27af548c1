/* task_recur.c — the SQLite driver's recurring definitions (the last part
 * of store/task.h): what the serve loop generates tasks from. */
#include "store/task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

store_rc_t store_recur_insert(store_t *s, const store_recur_spec_t *p, int64_t now, int64_t *id)
{
	if (db_exec(
	        s,
	        "INSERT INTO recurring(title, description, every, day, priority, assigner_id, assigner_unit, created, "
	        "last_period, next_at) VALUES(?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?)",
	        "sssisiiisi", p->title, p->description ? p->description : "", p->every, (int64_t)p->day, p->priority,
	        p->assigner_id, p->assigner_unit, now, p->last_period, p->next_at) != SQLITE_DONE)
		return STORE_ERROR;
	*id = db_last_id(s);
	for (size_t k = 0; k < p->nunits; k++)
		if (db_exec(s, "INSERT OR IGNORE INTO recurring_units(recurring_id, unit_id) VALUES(?, ?)", "ii", *id,
		            p->units[k]) != SQLITE_DONE)
			return STORE_ERROR;
	return STORE_OK;
}

store_rc_t store_recur_get(store_t *s, int64_t id, store_recur_t *out)
{
	sqlite3_stmt *st =
	    db_q(s, "SELECT coalesce(assigner_id, 0), assigner_unit, active FROM recurring WHERE id = ?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->assigner_id = sqlite3_column_int64(st, 0);
		out->assigner_unit = sqlite3_column_int64(st, 1);
		out->active = sqlite3_column_int(st, 2) != 0;
	}
	return db_end(st, rc);
}

store_rc_t store_recur_stop(store_t *s, int64_t id)
{
	return db_exec(s, "UPDATE recurring SET active = 0 WHERE id = ?", "i", id) == SQLITE_DONE ? STORE_OK
	                                                                                          : STORE_ERROR;
}

json_t *store_recur_list(store_t *s, const char *path)
{
	static const char sql[] =
	    "SELECT r.id, r.title, r.every, r.day, r.priority, r.active, r.last_period, "
	    "coalesce(a.username, '') AS assigner, au.code AS assigner_unit, "
	    "(SELECT json_group_array(u.code) FROM recurring_units ru JOIN units u ON u.id = ru.unit_id "
	    "WHERE ru.recurring_id = r.id) AS units FROM recurring r JOIN units au ON au.id = r.assigner_unit "
	    "LEFT JOIN users a ON a.id = r.assigner_id WHERE au.path LIKE ?1 || '%' OR EXISTS (SELECT 1 FROM "
	    "recurring_units ru JOIN units u ON u.id = ru.unit_id WHERE ru.recurring_id = r.id AND u.path LIKE ?1 || "
	    "'%') ORDER BY r.id";
	json_t *rows = db_rows(db_q(s, sql, "s", path)), *r;
	size_t i;

	json_array_foreach(rows, i, r)
	{
		json_object_set_new(r, "units", json_loads(json_string_value(json_object_get(r, "units")), 0, NULL));
		json_object_set_new(r, "active", json_boolean(json_integer_value(json_object_get(r, "active"))));
	}
	return rows;
}

int store_recur_due(store_t *s, int64_t now, store_recur_t *out, int max)
{
	static const char sql[] =
	    "SELECT id, title, description, every, day, priority, coalesce(assigner_id, 0) AS assigner_id, "
	    "assigner_unit, last_period FROM recurring WHERE active = 1 AND next_at <= ? "
	    "ORDER BY id LIMIT 16";
	sqlite3_stmt *st = db_q(s, sql, "i", now);
	int n = 0, rc = SQLITE_ERROR;

#define TXT(i) ((const char *)sqlite3_column_text(st, i))
	while (st && n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_recur_t *r = &out[n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->title = strdup(TXT(1));
		r->description = strdup(TXT(2));
		snprintf(r->every, sizeof r->every, "%s", TXT(3));
		r->day = sqlite3_column_int(st, 4);
		snprintf(r->priority, sizeof r->priority, "%s", TXT(5));
		r->assigner_id = sqlite3_column_int64(st, 6);
		r->assigner_unit = sqlite3_column_int64(st, 7);
		snprintf(r->last_period, sizeof r->last_period, "%s", TXT(8));
		r->active = true;
	}
#undef TXT
	if (st)
		sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		while (n > 0)
			store_recur_clear(&out[--n]);
		return -1;
	}
	return n;
}

void store_recur_clear(store_recur_t *r)
{
	free(r->title);
	free(r->description);
	r->title = r->description = NULL;
}

json_t *store_recur_units(store_t *s, int64_t id)
{
	sqlite3_stmt *st = db_q(s, "SELECT unit_id FROM recurring_units WHERE recurring_id = ?", "i", id);
	json_t *ids = json_array();

	while (st && sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
	if (st)
		sqlite3_reset(st);
	return ids;
}

bool store_recur_made(store_t *s, int64_t id, const char *period, int64_t unit)
{
	return db_int(s, "SELECT count(*) FROM tasks WHERE recurring_id = ? AND period = ? AND lead_unit = ?", 0, "isi",
	              id, period, unit) > 0;
}

store_rc_t store_recur_ran(store_t *s, int64_t id, const char *period, int64_t next_at)
{
	return db_exec(s, "UPDATE recurring SET last_period = max(last_period, ?), next_at = ? WHERE id = ?", "sii",
	               period, next_at, id) == SQLITE_DONE
	           ? STORE_OK
	           : STORE_ERROR;
}

int64_t store_recur_next(store_t *s)
{
	return db_int(s, "SELECT coalesce(max(min(next_at), 1), 0) FROM recurring WHERE active = 1", 0, "");
}
