/* queue.c — the SQLite driver's queues and search (store/queue.h). Scope
 * is in the SQL (lists: the units of a subtree as a range of paths) or in
 * the search index (search: each row lists the units that see it). The
 * statements are the ones bench/scale measures: change them with it. */
#include "store/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "proto.h"

/* ",clerk,leader," for the roles in mask: matched with instr() in SQL. */
static void s_roles_csv(int mask, char *buf, size_t n)
{
	json_t *a = proto_roles_json(mask), *x;
	size_t i;
	snprintf(buf, n, ",");
	json_array_foreach(a, i, x)
	{
		strncat(buf, json_string_value(x), n - strlen(buf) - 1);
		strncat(buf, ",", n - strlen(buf) - 1);
	}
	json_decref(a);
}

/* The subtree of path as a range of paths: [path, path with its final '/'
 * made '0'), which the unique index on units.path reads directly. */
static void s_range_end(const char *path, char *hi, size_t n)
{
	snprintf(hi, n, "%s", path);
	if (*hi)
		hi[strlen(hi) - 1] = '/' + 1;
}

#define SCOPE_UNITS "(SELECT id FROM units WHERE path >= ?1 AND path < ?2)"
/* A scope with fewer dossiers than this is read through its units and
 * sorted; a larger one by walking a global order until a page is full. */
#define SCOPE_SMALL 4000

/* Does the subtree [lo, hi) hold few dossiers (received or handled)?
 * Counts at most SCOPE_SMALL index entries of each kind. */
static bool s_scope_small(store_t *s, const char *lo, const char *hi)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM dossiers WHERE unit_id IN " SCOPE_UNITS " LIMIT ?3)) + "
		"(SELECT count(*) FROM (SELECT 1 FROM dossiers WHERE handler_unit IN " SCOPE_UNITS " LIMIT ?3))";
	return db_int(s, sql, SCOPE_SMALL, "ssi", lo, hi, (int64_t)SCOPE_SMALL) < SCOPE_SMALL;
}

#define LIST_FILTERS                                                                                                   \
	"AND (?3 = 0 OR (d.finished IS NULL AND d.paused_at IS NULL AND d.due < ?4)) "                                  \
	"AND (?5 = '' OR d.procedure = ?5) AND (?6 = '' OR d.state = ?6) "                                             \
	"ORDER BY d.finished IS NOT NULL, coalesce(d.new_due, d.due), d.id LIMIT ?7 OFFSET ?8"

static const char SQL_MINE[] =
	"SELECT d.code FROM dossiers d WHERE d.handler_unit = ? AND instr(?, ',' || d.handler_role || ',') > 0 "
	"AND (? = 0 OR (d.finished IS NULL AND d.due < ?)) AND (? = '' OR d.procedure = ?) "
	"AND (? = '' OR d.state = ?) "
	"ORDER BY d.step_due, d.id LIMIT ? OFFSET ?";
/* what waits on one official is few rows: counted for the queue's title */
static const char SQL_MINE_COUNT[] =
	"SELECT count(*) FROM dossiers d WHERE d.handler_unit = ? AND instr(?, ',' || d.handler_role || ',') > 0 "
	"AND (? = 0 OR (d.finished IS NULL AND d.due < ?)) AND (? = '' OR d.procedure = ?) "
	"AND (? = '' OR d.state = ?)";
/* few dossiers in scope: their ids through the unit indexes, then sorted */
static const char SQL_SMALL[] = "SELECT d.code FROM dossiers d WHERE d.id IN (SELECT id FROM dossiers WHERE "
				"unit_id IN " SCOPE_UNITS " UNION SELECT id FROM dossiers WHERE handler_unit IN "
				SCOPE_UNITS ") " LIST_FILTERS;
/* many: the appointment order (0005's dossiers_due) until the page is full */
static const char SQL_LARGE[] = "SELECT d.code FROM dossiers d INDEXED BY dossiers_due WHERE (d.unit_id IN "
				SCOPE_UNITS " OR d.handler_unit IN " SCOPE_UNITS ") " LIST_FILTERS;

/* Every row's first column as an array of strings; NULL on error. */
static json_t *s_codes(sqlite3_stmt *st)
{
	json_t *a;
	int rc;

	if (!st)
		return NULL;
	a = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(a, json_string((const char *)sqlite3_column_text(st, 0)));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *store_queue_list(store_t *s, const store_queue_filter_t *f)
{
	const char *proc = f->procedure ? f->procedure : "", *state = f->state ? f->state : "";
	int64_t overdue = f->overdue;
	char roles[128], hi[512];

	if (f->mine) {
		s_roles_csv(f->roles, roles, sizeof roles);
		return s_codes(db_q(s, SQL_MINE, "isiissssii", f->unit_id, roles, overdue, f->now, proc, proc, state,
				    state, f->limit, f->offset));
	}
	s_range_end(f->path, hi, sizeof hi);
	return s_codes(db_q(s, s_scope_small(s, f->path, hi) ? SQL_SMALL : SQL_LARGE, "ssiissii", f->path, hi,
			    overdue, f->now, proc, state, f->limit, f->offset));
}

store_rc_t store_queue_count(store_t *s, const store_queue_filter_t *f, int64_t *n)
{
	const char *proc = f->procedure ? f->procedure : "", *state = f->state ? f->state : "";
	char roles[128];

	s_roles_csv(f->roles, roles, sizeof roles);
	*n = db_int(s, SQL_MINE_COUNT, -1, "isiissss", f->unit_id, roles, (int64_t)f->overdue, f->now, proc, proc,
		    state, state);
	if (*n < 0) {
		*n = 0;
		return STORE_ERROR;
	}
	return STORE_OK;
}

store_rc_t store_queue_counts(store_t *s, const store_queue_filter_t *f, int64_t today, int64_t *overdue,
			      int64_t *due_today)
{
	static const char sql[] =
		"SELECT coalesce(sum(d.paused_at IS NULL AND d.due < ?3), 0), "
		"coalesce(sum(coalesce(d.new_due, d.due) >= ?4 AND coalesce(d.new_due, d.due) < ?4 + 86400), 0) "
		"FROM dossiers d WHERE d.finished IS NULL AND (d.unit_id IN " SCOPE_UNITS " OR d.handler_unit IN "
		SCOPE_UNITS ")";
	char hi[512];
	sqlite3_stmt *st;
	int rc;

	s_range_end(f->path, hi, sizeof hi);
	st = db_q(s, sql, "ssii", f->path, hi, f->now, today);
	rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	*overdue = *due_today = 0;
	if (rc == SQLITE_ROW) {
		*overdue = sqlite3_column_int64(st, 0);
		*due_today = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : STORE_ERROR;
}

/* The FTS5 query for folded text in the subtree of path:
 * "tok1"* AND "tok2"* AND scope : "đ<unit>" — each search row lists the
 * units on the paths of its receiving and handling units (0007), so the
 * index itself yields only the dossiers in scope; folded text has no "đ",
 * so no term matches a scope token. No scope term when the subtree holds
 * every unit (the province, the console). NULL when the text has no
 * token. Caller frees. */
static char *s_fts_query(store_t *s, const char *folded, const char *path)
{
	static const char sql_all[] = "SELECT NOT EXISTS (SELECT 1 FROM units WHERE path < ?1 OR path >= ?2)";
	size_t n = strlen(folded), plen = strlen(path);
	char *q = malloc(5 * n + plen + 64), *o = q, hi[512]; /* a token of 1 byte grows to 9 */
	const char *p = folded, *unit;

	if (!q)
		return NULL;
	while (*p) {
		size_t len;
		while (*p && !(((unsigned char)*p >= '0' && *p <= '9') || ((unsigned char)*p >= 'a' && *p <= 'z') ||
			       (unsigned char)*p >= 0x80))
			p++;
		for (len = 0; p[len] && (((unsigned char)p[len] >= '0' && p[len] <= '9') ||
					 ((unsigned char)p[len] >= 'a' && p[len] <= 'z') || (unsigned char)p[len] >= 0x80);
		     len++)
			;
		if (!len)
			break;
		o += sprintf(o, "%s\"%.*s\"*", o == q ? "" : " AND ", (int)len, p);
		p += len;
	}
	if (o == q) {
		free(q);
		return NULL;
	}
	s_range_end(path, hi, sizeof hi);
	/* the last unit of "/1/17/18/" is 18 */
	for (unit = path + plen - 1; unit > path && unit[-1] != '/'; unit--)
		;
	if (plen > 1 && !db_int(s, sql_all, 0, "ss", path, hi))
		sprintf(o, " AND scope : \"đ%.*s\"", (int)(path + plen - 1 - unit), unit);
	return q;
}

store_rc_t store_queue_search(store_t *s, const char *folded, const char *text, const char *path, int64_t candidates,
			      int64_t limit, json_t **codes)
{
	/* exact accented matches first, then by relevance (search_rank: bm25
	 * over the folded text alone), then newest */
	static const char sql[] =
		"WITH c AS (SELECT rowid AS id, search_rank(dossier_search) AS r FROM dossier_search "
		"WHERE dossier_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) "
		"SELECT d.code FROM c JOIN dossiers d ON d.id = c.id "
		"ORDER BY (instr(d.applicant || ' ' || d.title || ' ' || d.code || ' ' || d.fields, ?2) > 0) DESC, c.r, "
		"d.id DESC LIMIT ?4";
	char *q = s_fts_query(s, folded, path);

	*codes = NULL;
	if (!q)
		return STORE_NONE;
	*codes = s_codes(db_q(s, sql, "ssii", q, text, candidates, limit));
	free(q);
	return *codes ? STORE_OK : STORE_ERROR;
}
