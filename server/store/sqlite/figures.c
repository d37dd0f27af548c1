/* sqlite/figures.c — store/figures.h on SQLite: fig_values (every
 * revision, `cur` marking the one in force), fig_submissions, fig_plans
 * (migration 0015), fig_rollups (0018). */
#include "store/figures.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

#define TXT(i) ((const char *)sqlite3_column_text(st, i))
#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", TXT(i) ? TXT(i) : "")
#define INT(i) sqlite3_column_int64(st, i)

/* The first column of every row of st, as text: ["...", ...]. */
static json_t *s_texts(sqlite3_stmt *st)
{
	json_t *out = json_array();

	while (st && sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(out, json_string(TXT(0)));
	if (st)
		sqlite3_reset(st);
	return out;
}

store_rc_t store_fig_value_add(store_t *s, const char *indicator, int64_t unit, const char *period,
                               const char *value, const char *kind, const char *source, int64_t user, int64_t at)
{
	int64_t rev = db_int(s, "SELECT coalesce(max(rev), 0) + 1 FROM fig_values WHERE indicator = ? AND unit_id = ? "
	                        "AND period = ?",
	                     -1, "sis", indicator, unit, period);

	if (rev < 1 ||
	    db_exec(s, "UPDATE fig_values SET cur = 0 WHERE indicator = ? AND unit_id = ? AND period = ? AND cur = 1",
	            "sis", indicator, unit, period) != SQLITE_DONE)
		return STORE_ERROR;
	return db_rc(db_exec(s,
	                     "INSERT INTO fig_values(indicator, unit_id, period, rev, value, kind, source, user_id, at) "
	                     "VALUES (?, ?, ?, ?, CAST(? AS REAL), ?, ?, NULLIF(?, 0), ?)",
	                     "sisisssii", indicator, unit, period, rev, value, kind, source, user, at));
}

json_t *store_fig_values(store_t *s, const char *from, const char *to, const char *path)
{
	return db_rows(db_q(s,
	                    "SELECT v.indicator, v.unit_id, v.period, v.value, v.kind, v.rev FROM fig_values v "
	                    "JOIN units u ON u.id = v.unit_id WHERE v.cur = 1 AND v.period BETWEEN ? AND ? "
	                    "AND substr(u.path, 1, length(?)) = ? ORDER BY v.period",
	                    "ssss", from, to, path, path));
}

json_t *store_fig_revisions(store_t *s, const char *indicator, int64_t unit, const char *period)
{
	return db_rows(db_q(s,
	                    "SELECT v.rev, v.value, v.kind, v.source, coalesce(u.username, 'console') AS user, "
	                    "coalesce(u.name, 'Hệ thống') AS who, v.at FROM fig_values v LEFT JOIN users u ON "
	                    "u.id = v.user_id WHERE v.indicator = ? AND v.unit_id = ? AND v.period = ? ORDER BY v.rev",
	                    "sis", indicator, unit, period));
}

json_t *store_fig_units(store_t *s, const char *path)
{
	return db_rows(db_q(s,
	                    "SELECT id, code, name, level, coalesce(parent_id, 0) AS parent_id, path FROM units "
	                    "WHERE substr(path, 1, length(?)) = ? ORDER BY path",
	                    "ss", path, path));
}

#define SQL_SUB                                                                                                        \
	"SELECT s.id, s.code, s.unit_id, coalesce(u.parent_id, 0), u.code, u.name, u.level, u.path, s.period, "         \
	"s.state, s.note, s.version, s.created, coalesce(s.submitted_at, 0), coalesce(s.decided_at, 0) "                 \
	"FROM fig_submissions s JOIN units u ON u.id = s.unit_id "

store_rc_t store_fig_sub_get(store_t *s, int64_t unit, const char *period, store_fig_sub_t *o)
{
	sqlite3_stmt *st = db_q(s, SQL_SUB "WHERE s.unit_id = ? AND s.period = ?", "is", unit, period);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		memset(o, 0, sizeof *o);
		o->id = INT(0);
		COPY(o->code, 1);
		o->unit_id = INT(2);
		o->parent_id = INT(3);
		COPY(o->unit_code, 4);
		COPY(o->unit_name, 5);
		COPY(o->level, 6);
		COPY(o->unit_path, 7);
		COPY(o->period, 8);
		COPY(o->state, 9);
		COPY(o->note, 10);
		o->version = INT(11);
		o->created = INT(12);
		o->submitted_at = INT(13);
		o->decided_at = INT(14);
	}
	return db_end(st, rc);
}

store_rc_t store_fig_sub_insert(store_t *s, int64_t unit, const char *period, const char *code, const char *state,
                                int64_t now, int64_t *id)
{
	store_rc_t rc = db_rc(db_exec(s,
	                              "INSERT INTO fig_submissions(code, unit_id, period, state, created) VALUES (?, ?, "
	                              "?, ?, ?)",
	                              "sissi", code, unit, period, state, now));
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

store_rc_t store_fig_sub_save(store_t *s, const store_fig_sub_t *sub)
{
	int rc = db_exec(s,
	                 "UPDATE fig_submissions SET state = ?, note = ?, submitted_at = NULLIF(?, 0), decided_at = "
	                 "NULLIF(?, 0), version = version + 1 WHERE id = ? AND version = ?",
	                 "ssiiii", sub->state, sub->note, sub->submitted_at, sub->decided_at, sub->id, sub->version);

	if (rc != SQLITE_DONE)
		return STORE_ERROR;
	return db_changes(s) == 1 ? STORE_OK : STORE_STALE;
}

json_t *store_fig_subs(store_t *s, const char *period, const char *path)
{
	return db_rows(db_q(s,
	                    "SELECT s.unit_id, s.state, s.submitted_at FROM fig_submissions s JOIN units u ON "
	                    "u.id = s.unit_id WHERE s.period = ? AND substr(u.path, 1, length(?)) = ?",
	                    "sss", period, path, path));
}

store_rc_t store_fig_plan_set(store_t *s, const char *indicator, int64_t unit, int year, const char *target,
                              int64_t user, int64_t at)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO fig_plans(indicator, unit_id, year, target, user_id, at) VALUES (?, ?, ?, "
	                     "CAST(? AS REAL), NULLIF(?, 0), ?) ON CONFLICT (indicator, unit_id, year) DO UPDATE SET "
	                     "target = excluded.target, user_id = excluded.user_id, at = excluded.at",
	                     "siisii", indicator, unit, (int64_t)year, target, user, at));
}

json_t *store_fig_plans(store_t *s, int year, int64_t unit)
{
	return db_rows(db_q(s, "SELECT indicator, unit_id, target FROM fig_plans WHERE unit_id = ? AND year = ?", "ii",
	                    unit, (int64_t)year));
}

json_t *store_fig_unit(store_t *s, const char *path)
{
	sqlite3_stmt *st = db_q(s,
	                        "SELECT id, code, name, level, coalesce(parent_id, 0) AS parent_id, path FROM units "
	                        "WHERE path = ?",
	                        "s", path);
	json_t *r = db_row(st);

	if (st)
		sqlite3_reset(st);
	return r;
}

json_t *store_fig_children(store_t *s, int64_t unit)
{
	return db_rows(
	    db_q(s, "SELECT id, code, name, level FROM units WHERE parent_id = ? ORDER BY path", "i", unit));
}

json_t *store_fig_levels(store_t *s, const char *path)
{
	return s_texts(db_q(s, "SELECT DISTINCT level FROM units WHERE substr(path, 1, length(?)) = ?", "ss", path, path));
}

json_t *store_fig_subs_below(store_t *s, const char *period, int64_t unit)
{
	return db_rows(db_q(s,
	                    "SELECT s.unit_id, s.state, s.submitted_at FROM fig_submissions s JOIN units u ON "
	                    "u.id = s.unit_id WHERE s.period = ? AND u.parent_id = ?",
	                    "si", period, unit));
}

/* ---- roll-ups ---- */

store_rc_t store_fig_own(store_t *s, const char *indicator, int64_t unit, const char *period, double *v, char *kind)
{
	sqlite3_stmt *st = db_q(s,
	                        "SELECT value, kind FROM fig_values WHERE indicator = ? AND unit_id = ? AND period = ? "
	                        "AND cur = 1",
	                        "sis", indicator, unit, period);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_double(st, 0);
		if (kind)
			snprintf(kind, 16, "%s", TXT(1));
	}
	return db_end(st, rc);
}

int64_t store_fig_parent(store_t *s, int64_t unit)
{
	return db_int(s, "SELECT coalesce(parent_id, 0) FROM units WHERE id = ?", -1, "i", unit);
}

store_rc_t store_fig_roll_sums(store_t *s, const char *indicator, int64_t parent, const char *period, int *n,
                               double *sv, double *sw, double *svw)
{
	sqlite3_stmt *st = db_q(s,
	                        "SELECT count(*), total(value), total(weight), total(value * weight) FROM fig_rollups "
	                        "WHERE parent_id = ? AND period = ? AND indicator = ?",
	                        "iss", parent, period, indicator);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int(st, 0);
		*sv = sqlite3_column_double(st, 1);
		*sw = sqlite3_column_double(st, 2);
		*svw = sqlite3_column_double(st, 3);
	}
	return db_end(st, rc);
}

store_rc_t store_fig_roll_put(store_t *s, const char *indicator, int64_t unit, const char *period, int64_t parent,
                              double v, double w, const char *kind)
{
	sqlite3_stmt *st = db_q(s,
	                        "INSERT OR REPLACE INTO fig_rollups(unit_id, period, indicator, parent_id, value, weight, "
	                        "kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                        "issi", unit, period, indicator, parent);
	int rc;

	if (!st)
		return STORE_ERROR;
	sqlite3_bind_double(st, 5, v);
	sqlite3_bind_double(st, 6, w);
	if (kind)
		sqlite3_bind_text(st, 7, kind, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return db_rc(rc);
}

store_rc_t store_fig_roll_drop(store_t *s, const char *indicator, int64_t unit, const char *period)
{
	return db_rc(db_exec(s, "DELETE FROM fig_rollups WHERE unit_id = ? AND period = ? AND indicator = ?", "iss", unit,
	                     period, indicator));
}

store_rc_t store_fig_roll_get(store_t *s, const char *indicator, int64_t unit, const char *period, double *v,
                              double *w, char *kind)
{
	sqlite3_stmt *st = db_q(s,
	                        "SELECT value, weight, coalesce(kind, '') FROM fig_rollups WHERE unit_id = ? AND "
	                        "period = ? AND indicator = ?",
	                        "iss", unit, period, indicator);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_double(st, 0);
		*w = sqlite3_column_double(st, 1);
		snprintf(kind, 16, "%s", TXT(2));
	}
	return db_end(st, rc);
}

json_t *store_fig_rollups(store_t *s, int64_t unit, const char *from, const char *to)
{
	return db_rows(db_q(s,
	                    "SELECT indicator, period, value, weight, kind FROM fig_rollups WHERE unit_id = ? AND "
	                    "period BETWEEN ? AND ?",
	                    "iss", unit, from, to));
}

json_t *store_fig_rollups_below(store_t *s, int64_t unit, const char *period, const char *codes)
{
	if (codes)
		return db_rows(db_q(s,
		                    "SELECT indicator, unit_id, value FROM fig_rollups WHERE parent_id = ? AND period = ? "
		                    "AND indicator IN (SELECT value FROM json_each(?))",
		                    "iss", unit, period, codes));
	return db_rows(db_q(s, "SELECT indicator, unit_id, value FROM fig_rollups WHERE parent_id = ? AND period = ?",
	                    "is", unit, period));
}

int64_t store_fig_roll_count(store_t *s)
{
	return db_int(s, "SELECT count(*) FROM fig_rollups", -1, "");
}

store_rc_t store_fig_roll_clear(store_t *s)
{
	if (db_exec(s, "DELETE FROM fig_rollup_dirty", "") != SQLITE_DONE)
		return STORE_ERROR;
	return db_rc(db_exec(s, "DELETE FROM fig_rollups", ""));
}

json_t *store_fig_periods(store_t *s)
{
	return s_texts(db_q(s, "SELECT DISTINCT period FROM fig_values WHERE cur = 1 ORDER BY period", ""));
}

json_t *store_fig_roll_dirty(store_t *s)
{
	return s_texts(db_q(s, "SELECT DISTINCT period FROM fig_rollup_dirty ORDER BY period", ""));
}

store_rc_t store_fig_roll_clear_period(store_t *s, const char *period)
{
	if (db_exec(s, "DELETE FROM fig_rollups WHERE period = ?", "s", period) != SQLITE_DONE)
		return STORE_ERROR;
	return db_rc(db_exec(s, "DELETE FROM fig_rollup_dirty WHERE period = ?", "s", period));
}

store_rc_t store_fig_roll_rules(store_t *s, char *out, size_t n)
{
	sqlite3_stmt *st = db_q(s, "SELECT rules FROM fig_rollup_rules WHERE id = 1", "");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	snprintf(out, n, "%s", rc == SQLITE_ROW ? TXT(0) : "");
	return db_end(st, rc) == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

store_rc_t store_fig_roll_rules_set(store_t *s, const char *rules)
{
	return db_rc(db_exec(s, "INSERT OR REPLACE INTO fig_rollup_rules(id, rules) VALUES (1, ?)", "s", rules));
}
