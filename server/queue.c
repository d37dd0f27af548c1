/* queue.c — finding dossiers: the queues (what waits on me, on my unit),
 * and search by code, applicant, citizen ID, procedure or any text, with
 * or without diacritics; exact accented matches rank first. Scope is in the
 * SQL: only dossiers received by or handled in the caller's subtree. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "dossier.h"
#include "org.h"
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

/* Rows of (code) into summaries with remaining time, via dossier_load and
 * dossier_summary so every list shows what the dossier view shows. */
static json_t *s_rows(srv_ctx_t *c, sqlite3_stmt *st)
{
	json_t *out = json_array();
	char codes[200][64];
	int n = 0;

	while (st && n < 200 && sqlite3_step(st) == SQLITE_ROW)
		snprintf(codes[n++], sizeof codes[0], "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	for (int i = 0; i < n; i++) {
		dossier_t d;
		if (dossier_load(c->db, codes[i], &d) != 0)
			continue;
		json_array_append_new(out, dossier_summary(&d, c->now));
		dossier_clear(&d);
	}
	return out;
}

proto_err_t srv_dossier_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	static const char sql_mine[] =
		"SELECT d.code FROM dossiers d WHERE d.handler_unit = ? AND instr(?, ',' || d.handler_role || ',') > 0 "
		"AND (d.assignee IS NULL OR d.assignee = ?) AND d.finished IS NULL "
		"AND (? = 0 OR coalesce(d.new_due, d.due) < ?) AND (? = '' OR d.procedure = ?) AND (? = '' OR d.state = ?) "
		"ORDER BY d.step_due, d.id LIMIT ? OFFSET ?";
	static const char sql_unit[] =
		"SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id LEFT JOIN units h ON h.id = d.handler_unit "
		"WHERE (u.path LIKE ? || '%' OR h.path LIKE ? || '%') "
		"AND (? = 0 OR (d.finished IS NULL AND d.paused_at IS NULL AND coalesce(d.new_due, d.due) < ?)) "
		"AND (? = '' OR d.procedure = ?) AND (? = '' OR d.state = ?) "
		"ORDER BY d.finished IS NOT NULL, coalesce(d.new_due, d.due), d.id LIMIT ? OFFSET ?";
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *proc = json_string_value(json_object_get(req, "procedure"));
	const char *state = json_string_value(json_object_get(req, "state"));
	int64_t overdue = json_is_true(json_object_get(req, "overdue"));
	json_t *lv = json_object_get(req, "limit");
	int64_t limit = lv ? json_integer_value(lv) : 50, offset = json_integer_value(json_object_get(req, "offset"));
	char path[512], roles[128];
	sqlite3_stmt *st;
	proto_err_t e;

	if (!proc)
		proc = "";
	if (!state)
		state = "";
	if (json_is_true(json_object_get(req, "mine"))) {
		s_roles_csv(c->roles, roles, sizeof roles);
		st = db_q(c->db, sql_mine, "isiiissssii", c->unit_id, roles, c->user_id, overdue, c->now, proc, proc, state,
			  state, limit, offset);
	} else {
		if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
			return e;
		st = db_q(c->db, sql_unit, "ssiissssii", path, path, overdue, c->now, proc, proc, state, state, limit,
			  offset);
	}
	*reply = json_pack("{s:o}", "dossiers", s_rows(c, st));
	return E_OK;
}

/* "tok1"* AND "tok2"* from folded text; NULL when there is no token. */
static char *s_fts_query(const char *folded)
{
	size_t n = strlen(folded);
	char *q = malloc(4 * n + 16), *o = q;
	const char *p = folded;

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
	*o = 0;
	if (o == q) {
		free(q);
		return NULL;
	}
	return q;
}

proto_err_t srv_dossier_search(srv_ctx_t *c, json_t *req, json_t **reply)
{
	static const char sql[] =
		"SELECT d.code FROM dossier_search s JOIN dossiers d ON d.id = s.rowid JOIN units u ON u.id = d.unit_id "
		"LEFT JOIN units h ON h.id = d.handler_unit "
		"WHERE dossier_search MATCH ? AND (u.path LIKE ? || '%' OR h.path LIKE ? || '%') "
		"ORDER BY (instr(d.applicant || ' ' || d.title || ' ' || d.code || ' ' || d.fields, ?) > 0) DESC, "
		"s.rank, d.id DESC LIMIT ?";
	const char *text = json_string_value(json_object_get(req, "text"));
	json_t *lv = json_object_get(req, "limit");
	char *folded = text_fold(text, strlen(text)), *q = folded ? s_fts_query(folded) : NULL;
	const char *path = c->console ? "/" : c->unit_path;

	free(folded);
	if (!q) {
		c->bad_field = "text";
		snprintf(c->detail, sizeof c->detail, "Cần ít nhất một từ để tìm");
		return E_INVALID;
	}
	*reply = json_pack("{s:o}", "dossiers",
			   s_rows(c, db_q(c->db, sql, "ssssi", q, path, path, text, lv ? json_integer_value(lv) : 20)));
	free(q);
	return E_OK;
}
