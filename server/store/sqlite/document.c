/* document.c — the SQLite driver's official documents (store/document.h):
 * the register's rows, readers, the directive's units, and the queues and
 * the search, whose statements carry the viewer's rights themselves. */
#include "store/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "task_scope.h"

#define SQL_DOC                                                                                                    \
	"SELECT d.id, d.version, d.code, d.register, d.year, d.state, d.agency_id, coalesce(d.registrar_id, 0), "    \
	"d.registrar_unit, d.arrival_no, d.arrived, d.registered, d.pages, a.code, a.name, a.path, "                 \
	"coalesce(r.username, 'console'), coalesce(r.name, 'Máy chủ'), ru.path, d.sender, d.number, d.doc_date, "   \
	"d.type, d.summary, d.urgency, d.secrecy, d.dup_key, d.folded, coalesce(d.director_id, 0), "                 \
	"coalesce(d.directed, 0), coalesce(d.deadline, 0), coalesce(d.lead_unit, 0), coalesce(d.lead_user, 0), "      \
	"coalesce(d.done_at, 0), coalesce(d.finished, 0), coalesce(dr.username, ''), coalesce(dr.name, ''), "          \
	"d.directive, d.reply, coalesce(d.grade, ''), coalesce(lu.code, ''), coalesce(lu.name, ''), "                \
	"coalesce(lu.path, ''), coalesce(lp.username, ''), coalesce(lp.name, '') "                                    \
	"FROM documents d JOIN units a ON a.id = d.agency_id JOIN units ru ON ru.id = d.registrar_unit "              \
	"LEFT JOIN users r ON r.id = d.registrar_id LEFT JOIN users dr ON dr.id = d.director_id "                     \
	"LEFT JOIN units lu ON lu.id = d.lead_unit LEFT JOIN users lp ON lp.id = d.lead_user "
static const char SQL_BY_CODE[] = SQL_DOC "WHERE d.code = ?";
static const char SQL_BY_ID[] = SQL_DOC "WHERE d.id = ?";
static const char SQL_UNITS[] = "SELECT u.code, u.name, u.path, x.role, t.code AS task FROM document_units x "
                                "JOIN units u ON u.id = x.unit_id LEFT JOIN tasks t ON t.id = x.task_id "
                                "WHERE x.document_id = ? ORDER BY x.role = 'lead' DESC, x.role, u.path";

#define TXT(i) ((const char *)sqlite3_column_text(st, i))
#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", TXT(i))
#define INT(i) sqlite3_column_int64(st, i)

static void s_row(sqlite3_stmt *st, store_document_t *d)
{
	d->id = INT(0);
	d->version = INT(1);
	COPY(d->code, 2);
	COPY(d->reg, 3);
	COPY(d->year, 4);
	COPY(d->state, 5);
	d->agency_id = INT(6);
	d->registrar_id = INT(7);
	d->registrar_unit = INT(8);
	d->arrival_no = INT(9);
	d->arrived = INT(10);
	d->registered = INT(11);
	d->pages = INT(12);
	COPY(d->agency_code, 13);
	COPY(d->agency_name, 14);
	COPY(d->agency_path, 15);
	COPY(d->registrar, 16);
	COPY(d->registrar_name, 17);
	COPY(d->registrar_path, 18);
	COPY(d->sender, 19);
	COPY(d->number, 20);
	COPY(d->doc_date, 21);
	COPY(d->type, 22);
	COPY(d->summary, 23);
	COPY(d->urgency, 24);
	COPY(d->secrecy, 25);
	COPY(d->dup_key, 26);
	COPY(d->folded, 27);
	d->director_id = INT(28);
	d->directed = INT(29);
	d->deadline = INT(30);
	d->lead_unit = INT(31);
	d->lead_user = INT(32);
	d->done_at = INT(33);
	d->finished = INT(34);
	COPY(d->director, 35);
	COPY(d->director_name, 36);
	COPY(d->directive, 37);
	COPY(d->reply, 38);
	COPY(d->grade, 39);
	COPY(d->lead_code, 40);
	COPY(d->lead_name, 41);
	COPY(d->lead_path, 42);
	COPY(d->lead_username, 43);
	COPY(d->lead_user_name, 44);
}

store_rc_t store_document_get(store_t *s, const char *code, int64_t id, store_document_t *d)
{
	sqlite3_stmt *st = code ? db_q(s, SQL_BY_CODE, "s", code) : db_q(s, SQL_BY_ID, "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	memset(d, 0, sizeof *d);
	if (rc == SQLITE_ROW)
		s_row(st, d);
	store_rc_t out = db_end(st, rc);
	if (out == STORE_OK)
		d->units = db_rows(db_q(s, SQL_UNITS, "i", d->id));
	return out;
}

void store_document_clear(store_document_t *d)
{
	json_decref(d->units);
	d->units = NULL;
}

store_rc_t store_document_insert(store_t *s, const store_document_t *d, int wf_version, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO documents(code, register, agency_id, registrar_id, registrar_unit, year, arrival_no, arrived, "
	    "registered, sender, number, doc_date, type, summary, urgency, secrecy, pages, dup_key, folded, wf_version, "
	    "state) VALUES(?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	store_rc_t rc = db_rc(db_exec(s, sql, "ssiiisiiisssssssissis", d->code, d->reg, d->agency_id, d->registrar_id,
	                              d->registrar_unit, d->year, d->arrival_no, d->arrived, d->registered, d->sender,
	                              d->number, d->doc_date, d->type, d->summary, d->urgency, d->secrecy, d->pages,
	                              d->dup_key, d->folded, (int64_t)wf_version, d->state));
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

store_rc_t store_document_save(store_t *s, const store_document_t *d)
{
	store_rc_t rc = db_rc(db_exec(
	    s,
	    "UPDATE documents SET state=?, director_id=NULLIF(?,0), directed=NULLIF(?,0), directive=?, "
	    "deadline=NULLIF(?,0), lead_unit=NULLIF(?,0), lead_user=NULLIF(?,0), reply=?, done_at=NULLIF(?,0), "
	    "finished=NULLIF(?,0), grade=NULLIF(?,''), version=version+1 WHERE id=? AND version=?",
	    "siisiiisiisii", d->state, d->director_id, d->directed, d->directive, d->deadline, d->lead_unit,
	    d->lead_user, d->reply, d->done_at, d->finished, d->grade, d->id, d->version));

	return rc == STORE_OK && db_changes(s) != 1 ? STORE_STALE : rc;
}

store_rc_t store_document_task_person(store_t *s, int64_t task, int64_t unit, int64_t user)
{
	store_rc_t rc = db_rc(db_exec(s, "UPDATE tasks SET lead_user = ?, version = version + 1 WHERE id = ? AND lead_unit = ?",
	                              "iii", user, task, unit));

	return rc == STORE_OK && db_changes(s) != 1 ? STORE_NONE : rc;
}

store_rc_t store_document_reader_add(store_t *s, int64_t doc, int64_t user)
{
	return db_rc(db_exec(s, "INSERT OR IGNORE INTO document_readers(document_id, user_id) VALUES(?, ?)", "ii", doc,
	                     user));
}

bool store_document_is_reader(store_t *s, int64_t doc, int64_t user)
{
	return db_int(s, "SELECT count(*) FROM document_readers WHERE document_id = ? AND user_id = ?", 0, "ii", doc,
	              user) > 0;
}

json_t *store_document_readers(store_t *s, int64_t doc)
{
	sqlite3_stmt *st = db_q(s, "SELECT user_id FROM document_readers WHERE document_id = ?", "i", doc);
	json_t *out = json_array();

	while (st && sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(out, json_integer(sqlite3_column_int64(st, 0)));
	if (st)
		sqlite3_reset(st);
	return out;
}

store_rc_t store_document_unit_add(store_t *s, int64_t doc, int64_t unit, const char *role, int64_t task)
{
	return db_rc(db_exec(s, "INSERT INTO document_units(document_id, unit_id, role, task_id) VALUES(?, ?, ?, NULLIF(?, 0))",
	                     "iisi", doc, unit, role, task));
}

/* The viewer's rights over d as SQL (?1 user, ?2..?3 the subtree's range;
 * an empty range matches nothing). */
#define SQL_VISIBLE                                                                                                \
	"((d.secrecy = '' AND (d.registrar_id = ?1 OR (a.path >= ?2 AND a.path < ?3) OR "                           \
	"(ru.path >= ?2 AND ru.path < ?3) OR EXISTS (SELECT 1 FROM document_units x JOIN units xu ON xu.id = "       \
	"x.unit_id WHERE x.document_id = d.id AND xu.path >= ?2 AND xu.path < ?3))) OR (d.secrecy <> '' AND EXISTS " \
	"(SELECT 1 FROM document_readers rd WHERE rd.document_id = d.id AND rd.user_id = ?1)))"

/* ?4 queue, ?5 unit, ?6 now, ?7 register, ?8 year, ?9..?12 words, ?13
 * limit, ?14 offset. */
#define SQL_FIND_WHERE                                                                                             \
	"FROM documents d JOIN units a ON a.id = d.agency_id JOIN units ru ON ru.id = d.registrar_unit "             \
	"WHERE " SQL_VISIBLE " AND (?4 <> 1 OR (d.state = 'registered' AND d.agency_id = ?5)) "                      \
	"AND (?4 <> 2 OR EXISTS (SELECT 1 FROM document_units y WHERE y.document_id = d.id AND y.unit_id = ?5)) "    \
	"AND (?4 <> 3 OR (d.finished IS NULL AND d.deadline < ?6)) AND (?4 <> 4 OR d.deadline IS NOT NULL) "          \
	"AND (?7 = '' OR d.register = ?7) AND (?8 = '' OR d.year = ?8) AND instr(d.folded, ?9) > 0 "                  \
	"AND instr(d.folded, ?10) > 0 AND instr(d.folded, ?11) > 0 AND instr(d.folded, ?12) > 0 "
static const char SQL_FIND[] = "SELECT d.code " SQL_FIND_WHERE
                               "ORDER BY (?4 <> 0 AND d.finished IS NULL AND d.urgency <> '') DESC, "
                               "d.registered DESC, d.id DESC LIMIT ?13 OFFSET ?14";
static const char SQL_COUNT[] = "SELECT count(*), ?13, ?14 " SQL_FIND_WHERE;

static json_t *s_codes(sqlite3_stmt *st)
{
	json_t *out = st ? json_array() : NULL;

	while (st && sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(out, json_string((const char *)sqlite3_column_text(st, 0)));
	if (st)
		sqlite3_reset(st);
	return out;
}

/* Bind f to one of the statements above. */
static sqlite3_stmt *s_find_q(store_t *s, const char *sql, const store_document_filter_t *f)
{
	const char *path = f->who.path && *f->who.path ? f->who.path : "";
	const char *w[STORE_DOC_WORDS];
	char hi[512];

	task_range_end(path, hi, sizeof hi);
	for (int i = 0; i < STORE_DOC_WORDS; i++)
		w[i] = f->words[i] ? f->words[i] : "";
	return db_q(s, sql, "issiiissssssii", f->who.user_id, path, hi, (int64_t)f->queue, f->unit, f->now,
	            f->reg ? f->reg : "", f->year ? f->year : "", w[0], w[1], w[2], w[3], f->limit, f->offset);
}

json_t *store_document_find(store_t *s, const store_document_filter_t *f, int64_t *total)
{
	if (total) {
		sqlite3_stmt *st = s_find_q(s, SQL_COUNT, f);
		*total = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		if (st)
			sqlite3_reset(st);
	}
	return s_codes(s_find_q(s, SQL_FIND, f));
}

json_t *store_document_dups(store_t *s, const store_document_viewer_t *who, const char *dup_key, int64_t except)
{
	static const char sql[] = "SELECT d.code FROM documents d JOIN units a ON a.id = d.agency_id "
	                          "JOIN units ru ON ru.id = d.registrar_unit WHERE d.dup_key = ?4 AND d.id <> ?5 AND "
	                          SQL_VISIBLE " ORDER BY d.id";
	const char *path = who->path && *who->path ? who->path : "";
	char hi[512];

	task_range_end(path, hi, sizeof hi);
	return s_codes(db_q(s, sql, "isssi", who->user_id, path, hi, dup_key, except));
}
