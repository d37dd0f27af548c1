/* queue.c — finding dossiers: the queues (what waits on me, on my unit),
 * and search by code, applicant, citizen ID, procedure or any text, with
 * or without diacritics; exact accented matches rank first. Scope is in the
 * SQL (lists) or in the search index (search): only dossiers received by or
 * handled in the caller's subtree. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "dossier.h"
#include "org.h"
#include "rowset.h"
#include "text.h"

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

/* The columns of a compact row: only what a list shows. The step is given
 * while the dossier is being processed (it says more than the state); the
 * reply names each state of its rows once (states: {code: name}); flags:
 * 1 overdue, 2 due today. A column named "@x" holds, for x, an index into
 * the reply's words: values that repeat down a list (state, step,
 * procedure, remaining time) travel once. */
static const char *const s_cols[] = {"code",      "@state",     "@step", "@procedure",
				     "applicant", "@remaining", "flags", "version"};

typedef struct {
	rowset_t set;         /* the columns and the words */
	json_t *rows, *states; /* states: {code: name} */
} compact_t;

/* d as a compact row in s_cols' order, added to c. */
static void s_compact(compact_t *c, const dossier_t *d, int64_t now)
{
	dossier_glance_t g;
	const char *processing;
	json_t *row;

	dossier_glance(d, now, &g);
	processing = strcmp(d->state, "processing") == 0 ? g.step : "";
	row = json_pack("[s, o, o, o, s, o, i, I]", d->code, rowset_word(&c->set, d->state),
			rowset_word(&c->set, processing), rowset_word(&c->set, d->procedure), d->applicant,
			rowset_word(&c->set, g.remaining), g.overdue | g.due_today << 1, (json_int_t)d->version);
	json_array_append_new(c->rows, row);
	if (!json_object_get(c->states, d->state))
		json_object_set_new(c->states, d->state, json_string(g.state_name));
}

/* The reply to a list of (code) rows: {dossiers: [summary...]}, or when
 * compact {cols, rows: [[...]...], words, states, more, total (when
 * total >= 0)}. The statement was asked for one row beyond limit: its
 * presence is `more` (the client pages on). Each row goes through
 * dossier_load and dossier_glance (what dossier_summary is made of) so
 * every list shows what the dossier view shows. */
static json_t *s_reply(srv_ctx_t *c, sqlite3_stmt *st, int64_t limit, bool compact, int64_t total)
{
	compact_t k = {.rows = json_array(), .states = json_object()};
	json_t *out;
	char codes[501][64];
	int n = 0;

	rowset_init(&k.set, s_cols, sizeof s_cols / sizeof *s_cols);
	while (st && n <= limit && n < 501 && sqlite3_step(st) == SQLITE_ROW)
		snprintf(codes[n++], sizeof codes[0], "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	for (int i = 0; i < n && i < limit; i++) {
		dossier_t d;
		if (dossier_load(c->db, codes[i], &d) != 0)
			continue;
		if (compact)
			s_compact(&k, &d, c->now);
		else
			json_array_append_new(k.rows, dossier_summary(&d, c->now));
		dossier_clear(&d);
	}
	if (!compact) {
		rowset_end(&k.set, NULL);
		json_decref(k.states);
		return json_pack("{s:o}", "dossiers", k.rows);
	}
	out = json_pack("{s:o, s:o, s:b}", "rows", k.rows, "states", k.states, "more", n > limit);
	rowset_end(&k.set, out);
	if (total >= 0)
		json_object_set_new(out, "total", json_integer(total));
	return out;
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
static bool s_scope_small(srv_ctx_t *c, const char *lo, const char *hi)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM dossiers WHERE unit_id IN " SCOPE_UNITS " LIMIT ?3)) + "
		"(SELECT count(*) FROM (SELECT 1 FROM dossiers WHERE handler_unit IN " SCOPE_UNITS " LIMIT ?3))";
	return db_int(c->db, sql, SCOPE_SMALL, "ssi", lo, hi, (int64_t)SCOPE_SMALL) < SCOPE_SMALL;
}

#define LIST_FILTERS                                                                                                   \
	"AND (?3 = 0 OR (d.finished IS NULL AND d.paused_at IS NULL AND coalesce(d.new_due, d.due) < ?4)) "            \
	"AND (?5 = '' OR d.procedure = ?5) AND (?6 = '' OR d.state = ?6) "                                             \
	"ORDER BY d.finished IS NOT NULL, coalesce(d.new_due, d.due), d.id LIMIT ?7 OFFSET ?8"

/* The dashboard's figures for the subtree [lo, hi): open dossiers overdue
 * now and due today (local day), as dossier_summary flags them, counted in
 * the database instead of shipped as rows. */
static json_t *s_counts(srv_ctx_t *c, const char *lo, const char *hi)
{
	static const char sql[] =
		"SELECT coalesce(sum(d.paused_at IS NULL AND coalesce(d.new_due, d.due) < ?3), 0), "
		"coalesce(sum(coalesce(d.new_due, d.due) >= ?4 AND coalesce(d.new_due, d.due) < ?4 + 86400), 0) "
		"FROM dossiers d WHERE d.finished IS NULL AND (d.unit_id IN " SCOPE_UNITS " OR d.handler_unit IN "
		SCOPE_UNITS ")";
	int64_t today = wf_day(c->now) * 86400 - wt_utc_offset(catalog_calendar());
	sqlite3_stmt *st = db_q(c->db, sql, "ssii", lo, hi, c->now, today);
	json_t *out = json_pack("{s:i, s:i}", "overdue", 0, "due_today", 0);

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		json_object_set_new(out, "overdue", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(out, "due_today", json_integer(sqlite3_column_int64(st, 1)));
	}
	if (st)
		sqlite3_reset(st);
	return out;
}

proto_err_t srv_dossier_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	static const char sql_mine[] =
		"SELECT d.code FROM dossiers d WHERE d.handler_unit = ? AND instr(?, ',' || d.handler_role || ',') > 0 "
		"AND d.finished IS NULL "
		"AND (? = 0 OR coalesce(d.new_due, d.due) < ?) AND (? = '' OR d.procedure = ?) AND (? = '' OR d.state = ?) "
		"ORDER BY d.step_due, d.id LIMIT ? OFFSET ?";
	/* what waits on one official is few rows: counted for the queue's title */
	static const char sql_mine_count[] =
		"SELECT count(*) FROM dossiers d WHERE d.handler_unit = ? AND instr(?, ',' || d.handler_role || ',') > 0 "
		"AND d.finished IS NULL "
		"AND (? = 0 OR coalesce(d.new_due, d.due) < ?) AND (? = '' OR d.procedure = ?) AND (? = '' OR d.state = ?)";
	/* few dossiers in scope: their ids through the unit indexes, then sorted */
	static const char sql_small[] = "SELECT d.code FROM dossiers d WHERE d.id IN (SELECT id FROM dossiers WHERE "
					"unit_id IN " SCOPE_UNITS " UNION SELECT id FROM dossiers WHERE handler_unit IN "
					SCOPE_UNITS ") " LIST_FILTERS;
	/* many: the appointment order (0005's dossiers_due) until the page is full */
	static const char sql_large[] = "SELECT d.code FROM dossiers d INDEXED BY dossiers_due WHERE (d.unit_id IN "
					SCOPE_UNITS " OR d.handler_unit IN " SCOPE_UNITS ") " LIST_FILTERS;
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *proc = json_string_value(json_object_get(req, "procedure"));
	const char *state = json_string_value(json_object_get(req, "state"));
	int64_t overdue = json_is_true(json_object_get(req, "overdue"));
	bool compact = json_is_true(json_object_get(req, "compact"));
	json_t *lv = json_object_get(req, "limit");
	int64_t limit = lv ? json_integer_value(lv) : 50, offset = json_integer_value(json_object_get(req, "offset"));
	char path[512], hi[512], roles[128];
	int64_t total = -1;
	sqlite3_stmt *st;
	proto_err_t e;

	if (!proc)
		proc = "";
	if (!state)
		state = "";
	if (json_is_true(json_object_get(req, "mine"))) {
		s_roles_csv(c->roles, roles, sizeof roles);
		if (compact)
			total = db_int(c->db, sql_mine_count, 0, "isiissss", c->unit_id, roles, overdue, c->now, proc, proc,
				       state, state);
		st = db_q(c->db, sql_mine, "isiissssii", c->unit_id, roles, overdue, c->now, proc, proc, state, state,
			  limit + 1, offset);
	} else {
		if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
			return e;
		s_range_end(path, hi, sizeof hi);
		if (json_is_true(json_object_get(req, "counts"))) {
			*reply = json_pack("{s:o}", "counts", s_counts(c, path, hi));
			return E_OK;
		}
		st = db_q(c->db, s_scope_small(c, path, hi) ? sql_small : sql_large, "ssiissii", path, hi, overdue, c->now,
			  proc, state, limit + 1, offset);
	}
	*reply = s_reply(c, st, limit, compact, total);
	return E_OK;
}

/* The FTS5 query for folded text in the subtree of path:
 * "tok1"* AND "tok2"* AND scope : "đ<unit>" — each search row lists the
 * units on the paths of its receiving and handling units (0007), so the
 * index itself yields only the dossiers in scope; folded text has no "đ",
 * so no term matches a scope token. No scope term when the subtree holds
 * every unit (the province, the console). NULL when the text has no
 * token. Caller frees. */
static char *s_fts_query(srv_ctx_t *c, const char *folded, const char *path)
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
	if (plen > 1 && !db_int(c->db, sql_all, 0, "ss", path, hi))
		sprintf(o, " AND scope : \"đ%.*s\"", (int)(path + plen - 1 - unit), unit);
	return q;
}

/* Search ranks the newest matches in scope, this many (or twice the rows
 * asked for): a common name matches tens of thousands of dossiers in a
 * province's year, and ranking them all (bm25 and the exact-accent test)
 * is what would cost. search_rank is bm25 over the folded text alone. */
#define SEARCH_CANDIDATES 200

proto_err_t srv_dossier_search(srv_ctx_t *c, json_t *req, json_t **reply)
{
	/* exact accented matches first, then by relevance, then newest */
	static const char sql[] =
		"WITH c AS (SELECT rowid AS id, search_rank(dossier_search) AS r FROM dossier_search "
		"WHERE dossier_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) "
		"SELECT d.code FROM c JOIN dossiers d ON d.id = c.id "
		"ORDER BY (instr(d.applicant || ' ' || d.title || ' ' || d.code || ' ' || d.fields, ?2) > 0) DESC, c.r, "
		"d.id DESC LIMIT ?4";
	const char *text = json_string_value(json_object_get(req, "text"));
	json_t *lv = json_object_get(req, "limit");
	int64_t limit = lv ? json_integer_value(lv) : 20;
	char *folded = text_fold(text, strlen(text)), *q;

	q = folded ? s_fts_query(c, folded, c->console ? "/" : c->unit_path) : NULL;
	free(folded);
	if (!q) {
		c->bad_field = "text";
		snprintf(c->detail, sizeof c->detail, "Cần ít nhất một từ để tìm");
		return E_INVALID;
	}
	*reply = s_reply(c,
			 db_q(c->db, sql, "ssii", q, text, limit * 2 > SEARCH_CANDIDATES ? limit * 2 : SEARCH_CANDIDATES,
			      limit + 1),
			 limit, json_is_true(json_object_get(req, "compact")), -1);
	free(q);
	return E_OK;
}
