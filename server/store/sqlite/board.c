/* board.c — the SQLite driver's board (store/board.h): the summary of a
 * subtree and the unit a board is of. */
#include "store/board.h"

#include <string.h>

#include "db.h"
#include "task_scope.h"

/* Summed per lead unit first, then rolled up by the path's prefix one
 * level below path. A subtree is read unit by unit (tasks_lead), the
 * whole province through the window (tasks_window: no table row read). */
#define SUM_COLS                                                                                                       \
	"sum(t.finished IS NULL) AS open, "                                                                            \
	"sum(t.finished IS NULL AND t.done_at IS NULL AND t.deadline >= ?1 AND t.deadline < ?2) AS due_week, "         \
	"sum(t.finished IS NULL AND t.done_at IS NULL AND t.deadline < ?1) AS overdue, "                               \
	"sum(coalesce(t.finished >= ?3 AND t.grade IN ('early', 'on_time'), 0)) AS on_time, "                          \
	"sum(coalesce(t.finished >= ?3 AND t.grade = 'late', 0)) AS late "
#define SUM_ROLLUP(per_unit)                                                                                           \
	"SELECT u.code AS unit, u.name AS unit_name, s.open, s.due_week, s.overdue, s.on_time, s.late FROM ("          \
	"SELECT substr(u.path, 1, ?5 + instr(substr(u.path, ?5 + 1), '/')) AS key, sum(g.open) AS open, "              \
	"sum(g.due_week) AS due_week, sum(g.overdue) AS overdue, sum(g.on_time) AS on_time, sum(g.late) AS late "      \
	"FROM (" per_unit ") g JOIN units u ON u.id = g.lead_unit WHERE u.path >= ?4 AND u.path < ?6 GROUP BY key) s " \
	"JOIN units u ON u.path = s.key ORDER BY u.path"

json_t *store_board_summary(store_t *s, const char *path, int64_t now, int64_t week_end, int64_t since)
{
	static const char sql_units[] = SUM_ROLLUP(
	    "SELECT t.lead_unit AS lead_unit, " SUM_COLS "FROM units u JOIN tasks t ON t.lead_unit = u.id "
	    "WHERE u.path >= ?4 AND u.path < ?6 AND (t.finished IS NULL OR t.finished >= ?3) GROUP BY t.lead_unit");
	static const char sql_all[] =
	    SUM_ROLLUP("SELECT t.lead_unit AS lead_unit, " SUM_COLS "FROM tasks t "
	               "WHERE coalesce(t.finished, 9223372036854775807) >= ?3 GROUP BY +t.lead_unit");
	char hi[512];

	task_range_end(path, hi, sizeof hi);
	return db_rows(db_q(s, task_scope_all(s, path) ? sql_all : sql_units, "iiisis", now, week_end, since, path,
	                    (int64_t)strlen(path), hi));
}

json_t *store_board_unit(store_t *s, const char *path)
{
	sqlite3_stmt *st = db_q(s, "SELECT code, name FROM units WHERE path = ?", "s", path);
	json_t *u = db_row(st);

	if (st)
		sqlite3_reset(st);
	return u;
}
