/* report.c — the SQLite driver's one-stop figures (store/report.h). */
#include "store/report.h"

#include "db.h"

static const char SQL_REPORT[] =
	"SELECT u.code AS unit, u.name AS unit_name, "
	"sum(d.received >= ?1 AND d.received < ?2) AS received, "
	"sum(d.received < ?1 AND (d.finished IS NULL OR d.finished >= ?1)) AS carried_over, "
	"sum(d.finished >= ?1 AND d.finished < ?2 AND d.grade = 'early') AS early, "
	"sum(d.finished >= ?1 AND d.finished < ?2 AND d.grade = 'on_time') AS on_time, "
	"sum(d.finished >= ?1 AND d.finished < ?2 AND d.grade = 'late') AS late, "
	"sum(d.received < ?2 AND (d.finished IS NULL OR d.finished >= ?2) AND coalesce(d.new_due, d.due) >= ?2) AS processing_not_due, "
	"sum(d.received < ?2 AND (d.finished IS NULL OR d.finished >= ?2) AND coalesce(d.new_due, d.due) < ?2) AS processing_overdue, "
	"sum(d.finished >= ?1 AND d.finished < ?2 AND d.grade IS NULL) AS withdrawn "
	"FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.path LIKE ?3 || '%' "
	"GROUP BY u.id HAVING received + carried_over > 0 ORDER BY u.path";

json_t *store_report_onestop(store_t *s, int64_t start, int64_t end, const char *path)
{
	return db_rows(db_q(s, SQL_REPORT, "iis", start, end, path));
}
