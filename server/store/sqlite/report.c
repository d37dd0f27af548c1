/* report.c — the SQLite driver's one-stop figures (store/report.h). */
#include "store/report.h"

#include "db.h"

/* The figures of a group of dossiers. ?1 start, ?2 end, ?3 the subtree's
 * path, ?4 the instant open dossiers are judged at (the period's end, or
 * now when that is earlier), ?5 the state of a refusal at reception, ?6 of
 * a refusal after review, ?7 of a withdrawal. A refusal at reception was
 * never received: it counts nowhere. Fees and returns join one row each
 * (their dossier_id is their key), so no dossier counts twice. */
#define REPORT_COLS                                                                                                 \
	"sum(d.received >= ?1 AND d.received < ?2) AS received, "                                                   \
	"sum(d.received >= ?1 AND d.received < ?2 AND d.channel = 'direct') AS received_direct, "                   \
	"sum(d.received >= ?1 AND d.received < ?2 AND d.channel = 'online') AS received_online, "                   \
	"sum(d.received >= ?1 AND d.received < ?2 AND d.channel = 'postal') AS received_postal, "                   \
	"sum(d.received < ?1 AND (d.finished IS NULL OR d.finished >= ?1)) AS carried_over, "                       \
	"sum(d.finished >= ?1 AND d.finished < ?4 AND d.grade = 'early') AS early, "                                \
	"sum(d.finished >= ?1 AND d.finished < ?4 AND d.grade = 'on_time') AS on_time, "                            \
	"sum(d.finished >= ?1 AND d.finished < ?4 AND d.grade = 'late') AS late, "                                  \
	"sum(d.received < ?4 AND (d.finished IS NULL OR d.finished >= ?4) AND NOT coalesce(d.paused_at < ?4, 0) "   \
	"AND d.due >= ?4) AS processing_not_due, "                                                                  \
	"sum(d.received < ?4 AND (d.finished IS NULL OR d.finished >= ?4) AND NOT coalesce(d.paused_at < ?4, 0) "   \
	"AND d.due < ?4) AS processing_overdue, "                                                                   \
	"sum(d.received < ?4 AND (d.finished IS NULL OR d.finished >= ?4) AND coalesce(d.paused_at < ?4, 0)) "      \
	"AS supplement, "                                                                                           \
	"sum(d.finished >= ?1 AND d.finished < ?4 AND d.state = ?6) AS refused_after_review, "                      \
	"sum(d.finished >= ?1 AND d.finished < ?4 AND d.state = ?7) AS withdrawn, "                                 \
	/* desk: fees recorded in the period (none is recorded ahead of now), exemptions apart */                  \
	"coalesce(sum(CASE WHEN f.at >= ?1 AND f.at < ?2 THEN f.amount END), 0) AS fees, "                          \
	"coalesce(sum(f.at >= ?1 AND f.at < ?2 AND f.method = 'exempt'), 0) AS fees_exempt, "                       \
	/* desk: results returned in the period, and of them electronically (QĐ 766) */                           \
	"coalesce(sum(r.at >= ?1 AND r.at < ?4), 0) AS returned, "                                                  \
	"coalesce(sum(r.at >= ?1 AND r.at < ?4 AND r.method = 'online'), 0) AS returned_online "                    \
	"FROM dossiers d JOIN units u ON u.id = d.unit_id LEFT JOIN dossier_fees f ON f.dossier_id = d.id "         \
	"LEFT JOIN dossier_returns r ON r.dossier_id = d.id "                                                       \
	"WHERE u.path LIKE ?3 || '%' AND d.state <> ?5 "

static const char SQL_REPORT[] = "SELECT u.code AS unit, u.name AS unit_name, " REPORT_COLS
				 "GROUP BY u.id HAVING received + carried_over > 0 ORDER BY u.path";

/* lookup/report: the same figures per procedure (its name when received) */
static const char SQL_REPORT_PROC[] = "SELECT d.procedure, max(d.title) AS title, " REPORT_COLS
				      "GROUP BY d.procedure HAVING received + carried_over > 0 ORDER BY d.procedure";

/* The resolved (graded) dossiers of the period: ?1 start, ?3 path, ?4 at. */
static const char SQL_RESOLVED[] =
	"SELECT u.code AS unit, d.procedure, d.received, d.finished FROM dossiers d JOIN units u ON u.id = d.unit_id "
	"WHERE u.path LIKE ?3 || '%' AND d.finished >= ?1 AND d.finished < ?4 AND d.grade IS NOT NULL";

static json_t *s_rows(store_t *s, const char *sql, const store_report_period_t *p, const char *path)
{
	return db_rows(db_q(s, sql, "iisisss", p->start, p->end, path, p->at, p->refused, p->rejected, p->withdrawn));
}

json_t *store_report_onestop(store_t *s, const store_report_period_t *p, const char *path)
{
	return s_rows(s, SQL_REPORT, p, path);
}

json_t *store_report_procedures(store_t *s, const store_report_period_t *p, const char *path)
{
	return s_rows(s, SQL_REPORT_PROC, p, path);
}

json_t *store_report_resolved(store_t *s, const store_report_period_t *p, const char *path)
{
	return db_rows(db_q(s, SQL_RESOLVED, "iisi", p->start, p->end, path, p->at));
}
