/* dossier.c — the SQLite driver's dossiers (store/dossier.h): the dossiers
 * table and its row of the FTS5 index dossier_search. */
#include "store/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

static const char SQL_LOAD[] =
	"SELECT d.id, d.version, d.code, d.procedure, d.title, d.applicant, coalesce(d.citizen_id, ''), d.proc_version, "
	"d.unit_id, u.path, u.code, u.name, d.state, d.step, coalesce(d.handler_unit, 0), coalesce(d.handler_role, ''), "
	"coalesce(h.path, ''), d.received, d.clock_start, d.used, d.total, d.due, coalesce(d.new_due, 0), "
	"d.step_started, d.step_due, coalesce(d.paused_at, 0), coalesce(d.finished, 0), coalesce(d.paused_state, ''), "
	"coalesce(d.grade, ''), coalesce(d.paused_step, 0), d.channel, coalesce(d.extension, ''), d.apologies "
	"FROM dossiers d JOIN units u ON u.id = d.unit_id LEFT JOIN units h ON h.id = d.handler_unit WHERE d.code = ?";

/* Column i into dst, cut to fit (a list loads twenty rows a request: no
 * format parsing per field). */
static void s_copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	size_t len = v ? (size_t)sqlite3_column_bytes(st, i) : 0;

	if (len >= n)
		len = n - 1;
	memcpy(dst, v ? v : "", len);
	dst[len] = 0;
}

#define COPY(dst, i) s_copy(dst, sizeof dst, st, i)

store_rc_t store_dossier_get(store_t *s, const char *code, store_dossier_t *d)
{
	sqlite3_stmt *st = db_q(s, SQL_LOAD, "s", code);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	memset(d, 0, sizeof *d);
	if (rc == SQLITE_ROW) {
		d->id = sqlite3_column_int64(st, 0);
		d->version = sqlite3_column_int64(st, 1);
		COPY(d->code, 2);
		COPY(d->procedure, 3);
		COPY(d->title, 4);
		COPY(d->applicant, 5);
		COPY(d->citizen_id, 6);
		d->proc_version = sqlite3_column_int(st, 7);
		d->unit_id = sqlite3_column_int64(st, 8);
		COPY(d->unit_path, 9);
		COPY(d->unit_code, 10);
		COPY(d->unit_name, 11);
		COPY(d->state, 12);
		d->step = sqlite3_column_int(st, 13);
		d->handler_unit = sqlite3_column_int64(st, 14);
		COPY(d->handler_role, 15);
		COPY(d->handler_path, 16);
		d->received = sqlite3_column_int64(st, 17);
		d->clock_start = sqlite3_column_int64(st, 18);
		d->used = sqlite3_column_int64(st, 19);
		d->total = sqlite3_column_int64(st, 20);
		d->due = sqlite3_column_int64(st, 21);
		d->new_due = sqlite3_column_int64(st, 22);
		d->step_started = sqlite3_column_int64(st, 23);
		d->step_due = sqlite3_column_int64(st, 24);
		d->paused_at = sqlite3_column_int64(st, 25);
		d->finished = sqlite3_column_int64(st, 26);
		COPY(d->paused_state, 27);
		COPY(d->grade, 28);
		d->paused_step = sqlite3_column_int(st, 29);
		COPY(d->channel, 30);
		COPY(d->extension, 31);
		d->apologies = sqlite3_column_int(st, 32);
	}
	return db_end(st, rc);
}

store_rc_t store_dossier_code(store_t *s, int64_t id, char *code, size_t n)
{
	sqlite3_stmt *st = db_q(s, "SELECT code FROM dossiers WHERE id=?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW)
		snprintf(code, n, "%s", (const char *)sqlite3_column_text(st, 0));
	return db_end(st, rc);
}

store_rc_t store_dossier_fields(store_t *s, int64_t id, json_t **fields)
{
	sqlite3_stmt *st = db_q(s, "SELECT fields FROM dossiers WHERE id = ?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	*fields = NULL;
	if (rc == SQLITE_ROW)
		*fields = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
	rc = db_end(st, rc);
	return rc == STORE_OK && !*fields ? STORE_NONE : rc;
}

store_rc_t store_dossier_insert(store_t *s, const store_dossier_t *d, int64_t by, int64_t *id)
{
	/* sorted keys: the stored text of one declaration is always the same */
	char *fields = json_dumps(d->fields, JSON_COMPACT | JSON_SORT_KEYS);
	store_rc_t rc;

	if (!fields)
		return STORE_ERROR;
	rc = db_rc(db_exec(
		s,
		"INSERT INTO dossiers(code, procedure, proc_version, unit_id, state, step, handler_unit, handler_role, "
		"title, applicant, citizen_id, fields, received, clock_start, used, total, due, step_started, step_due, "
		"received_by, channel, extension) VALUES(?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),?,?,?,0,?,?,?,?,NULLIF(?,0),?,"
		"NULLIF(?,''))",
		"ssiisiisssssiiiiiiiss", d->code, d->procedure, (int64_t)d->proc_version, d->unit_id, d->state,
		(int64_t)d->step, d->handler_unit, d->handler_role, d->title, d->applicant, d->citizen_id, fields,
		d->received, d->clock_start, d->total, d->due, d->step_started, d->step_due, by,
		d->channel[0] ? d->channel : "direct", d->extension));
	free(fields);
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

store_rc_t store_dossier_save(store_t *s, const store_dossier_t *d)
{
	store_rc_t rc = db_rc(db_exec(
		s,
		"UPDATE dossiers SET state=?, step=?, handler_unit=NULLIF(?,0), handler_role=NULLIF(?,''), "
		"clock_start=?, used=?, due=?, new_due=NULLIF(?,0), step_started=?, step_due=?, paused_at=NULLIF(?,0), "
		"paused_state=NULLIF(?,''), paused_step=?, finished=NULLIF(?,0), grade=NULLIF(?,''), apologies=?, "
		"total=?, version=version+1 WHERE id=? AND version=?",
		"siisiiiiiiisiisiiii", d->state, (int64_t)d->step, d->handler_unit, d->handler_role, d->clock_start, d->used,
		d->due, d->new_due, d->step_started, d->step_due, d->paused_at, d->paused_state, (int64_t)d->paused_step,
		d->finished, d->grade, (int64_t)d->apologies, d->total, d->id, d->version));

	return rc == STORE_OK && db_changes(s) != 1 ? STORE_STALE : rc;
}

/* The search row: the folded text, and the units whose searches see the
 * dossier (0007's dossier_scope: those on the receiving and the handling
 * unit's paths), read when the deferred insert runs. One row of VALUES,
 * not INSERT ... SELECT: a statement that may write many rows runs in a
 * statement savepoint, at which FTS5 writes its pending terms out as a new
 * segment (ten times the cost of the insert). Deferred to the commit: once
 * per batch, not a segment per request. */
static const char SQL_SEARCH_ADD[] = "INSERT INTO dossier_search(rowid, folded, scope) "
				     "VALUES(?1, ?2, (SELECT scope FROM dossier_scope WHERE id = ?1))";
static const char SQL_SEARCH_SCOPE[] = "UPDATE dossier_search SET scope = ?2 WHERE rowid = ?1 AND scope IS NOT ?2";

store_rc_t store_dossier_search_add(store_t *s, int64_t id, const char *folded)
{
	return db_defer(s, SQL_SEARCH_ADD, id, folded) == 0 ? STORE_OK : STORE_ERROR;
}

/* Deferred like the insert (and after it, when both are in one batch);
 * rewritten only when the units differ (a commune's dossier sent up to its
 * district does not change them). */
store_rc_t store_dossier_search_rescope(store_t *s, int64_t id)
{
	sqlite3_stmt *st = db_q(s, "SELECT scope FROM dossier_scope WHERE id = ?", "i", id);
	int rc = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		rc = db_defer(s, SQL_SEARCH_SCOPE, id, (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return rc == 0 ? STORE_OK : STORE_ERROR;
}

store_rc_t store_dossier_unit(store_t *s, int64_t id, store_dossier_unit_t *out)
{
	sqlite3_stmt *st = db_q(s, "SELECT code, name, path, coalesce(parent_id, id) FROM units WHERE id=?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		snprintf(out->code, sizeof out->code, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(out->path, sizeof out->path, "%s", (const char *)sqlite3_column_text(st, 2));
		out->parent = sqlite3_column_int64(st, 3);
	}
	return db_end(st, rc);
}

/* --- desk: the return of a result --- */

store_rc_t store_dossier_return_add(store_t *s, int64_t id, const store_dossier_return_t *r)
{
	return db_rc(db_exec(s,
			     "INSERT INTO dossier_returns(dossier_id, at, by_user, collector_kind, collector, "
			     "collector_id, method, result_no) VALUES(?,?,NULLIF(?,0),?,?,?,?,?)",
			     "iiisssss", id, r->at, r->by, r->collector_kind, r->collector, r->collector_id, r->method,
			     r->result_no));
}

store_rc_t store_dossier_return_get(store_t *s, int64_t id, store_dossier_return_t *r)
{
	sqlite3_stmt *st = db_q(s,
				"SELECT at, coalesce(by_user, 0), collector_kind, collector, collector_id, method, "
				"result_no FROM dossier_returns WHERE dossier_id = ?",
				"i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	memset(r, 0, sizeof *r);
	if (rc == SQLITE_ROW) {
		r->at = sqlite3_column_int64(st, 0);
		r->by = sqlite3_column_int64(st, 1);
		COPY(r->collector_kind, 2);
		COPY(r->collector, 3);
		COPY(r->collector_id, 4);
		COPY(r->method, 5);
		COPY(r->result_no, 6);
	}
	return db_end(st, rc);
}

/* --- desk: fees --- */

store_rc_t store_dossier_fee_add(store_t *s, int64_t id, const store_dossier_fee_t *f)
{
	return db_rc(db_exec(s,
			     "INSERT INTO dossier_fees(dossier_id, at, by_user, amount, method, ground, receipt_no) "
			     "VALUES(?,?,NULLIF(?,0),?,?,?,?)",
			     "iiiisss", id, f->at, f->by, f->amount, f->method, f->ground, f->receipt_no));
}

store_rc_t store_dossier_fee_get(store_t *s, int64_t id, store_dossier_fee_t *f)
{
	sqlite3_stmt *st = db_q(s,
				"SELECT at, coalesce(by_user, 0), amount, method, ground, receipt_no, "
				"coalesce((SELECT name FROM users WHERE id = by_user), '') FROM dossier_fees "
				"WHERE dossier_id = ?",
				"i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	memset(f, 0, sizeof *f);
	if (rc == SQLITE_ROW) {
		f->at = sqlite3_column_int64(st, 0);
		f->by = sqlite3_column_int64(st, 1);
		f->amount = sqlite3_column_int64(st, 2);
		COPY(f->method, 3);
		COPY(f->ground, 4);
		COPY(f->receipt_no, 5);
		COPY(f->by_name, 6);
	}
	return db_end(st, rc);
}
