/* sqlite/figures.c — store/figures.h on SQLite: fig_values (every
 * revision, `cur` marking the one in force), fig_submissions, fig_plans
 * (migration 0015). */
#include "store/figures.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

#define TXT(i) ((const char *)sqlite3_column_text(st, i))
#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", TXT(i) ? TXT(i) : "")
#define INT(i) sqlite3_column_int64(st, i)

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

json_t *store_fig_plans(store_t *s, int year, const char *path)
{
	return db_rows(db_q(s,
	                    "SELECT p.indicator, p.unit_id, p.target FROM fig_plans p JOIN units u ON u.id = p.unit_id "
	                    "WHERE p.year = ? AND substr(u.path, 1, length(?)) = ?",
	                    "iss", (int64_t)year, path, path));
}
