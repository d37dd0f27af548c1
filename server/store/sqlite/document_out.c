/* document_out.c — the SQLite driver's outgoing documents
 * (store/document_out.h): drafts, their kept revisions, and the queues and
 * the outgoing register with the viewer's scope in the statement. */
#include "store/document_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define SQL_DRAFT                                                                                                  \
	"SELECT d.id, d.version, d.agency_id, d.unit_id, coalesce(d.drafter_id, 0), coalesce(d.signer_id, 0), "       \
	"d.created, d.revision, coalesce(d.reviewer_id, 0), coalesce(d.reviewed, 0), coalesce(d.approver_id, 0), "    \
	"coalesce(d.approved, 0), coalesce(d.issuer_id, 0), coalesce(d.issued, 0), coalesce(d.number, 0), "           \
	"coalesce(d.finished, 0), d.normative, d.code, d.state, d.type, d.summary, d.urgency, d.secrecy, "            \
	"coalesce(d.series, ''), coalesce(d.year, ''), coalesce(d.notation, ''), coalesce(d.grade, ''), "            \
	"a.code, a.name, a.path, u.code, u.name, u.path, coalesce(dr.username, 'console'), "                         \
	"coalesce(dr.name, 'Máy chủ'), coalesce(sg.username, ''), coalesce(sg.name, ''), coalesce(rv.username, ''), " \
	"coalesce(rv.name, ''), coalesce(ap.username, ''), coalesce(ap.name, ''), coalesce(iu.username, ''), "         \
	"coalesce(iu.name, ''), v.hash, v.body "                                                                       \
	"FROM document_drafts d JOIN units a ON a.id = d.agency_id JOIN units u ON u.id = d.unit_id "                \
	"JOIN document_draft_versions v ON v.draft_id = d.id AND v.n = d.revision "                                   \
	"LEFT JOIN users dr ON dr.id = d.drafter_id LEFT JOIN users sg ON sg.id = d.signer_id "                       \
	"LEFT JOIN users rv ON rv.id = d.reviewer_id LEFT JOIN users ap ON ap.id = d.approver_id "                    \
	"LEFT JOIN users iu ON iu.id = d.issuer_id "

#define TXT(i) ((const char *)sqlite3_column_text(st, i))
#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", TXT(i) ? TXT(i) : "")
#define INT(i) sqlite3_column_int64(st, i)

static void s_row(sqlite3_stmt *st, store_draft_t *d)
{
	int64_t *ints[] = {&d->id,        &d->version,  &d->agency_id,   &d->unit_id,  &d->drafter_id,
	                   &d->signer_id, &d->created,  &d->revision,    &d->reviewer_id, &d->reviewed,
	                   &d->approver_id, &d->approved, &d->issuer_id, &d->issued,   &d->number,
	                   &d->finished};
	struct {
		char *dst;
		size_t n;
	} txt[] = {{d->code, sizeof d->code},
	           {d->state, sizeof d->state},
	           {d->type, sizeof d->type},
	           {d->summary, sizeof d->summary},
	           {d->urgency, sizeof d->urgency},
	           {d->secrecy, sizeof d->secrecy},
	           {d->series, sizeof d->series},
	           {d->year, sizeof d->year},
	           {d->notation, sizeof d->notation},
	           {d->grade, sizeof d->grade},
	           {d->agency_code, sizeof d->agency_code},
	           {d->agency_name, sizeof d->agency_name},
	           {d->agency_path, sizeof d->agency_path},
	           {d->unit_code, sizeof d->unit_code},
	           {d->unit_name, sizeof d->unit_name},
	           {d->unit_path, sizeof d->unit_path},
	           {d->drafter, sizeof d->drafter},
	           {d->drafter_name, sizeof d->drafter_name},
	           {d->signer, sizeof d->signer},
	           {d->signer_name, sizeof d->signer_name},
	           {d->reviewer, sizeof d->reviewer},
	           {d->reviewer_name, sizeof d->reviewer_name},
	           {d->approver, sizeof d->approver},
	           {d->approver_name, sizeof d->approver_name},
	           {d->issuer, sizeof d->issuer},
	           {d->issuer_name, sizeof d->issuer_name},
	           {d->hash, sizeof d->hash}};
	int i, col = 0;

	for (i = 0; i < (int)(sizeof ints / sizeof *ints); i++)
		*ints[i] = INT(col++);
	d->normative = INT(col++) != 0;
	for (i = 0; i < (int)(sizeof txt / sizeof *txt); i++, col++)
		snprintf(txt[i].dst, txt[i].n, "%s", TXT(col) ? TXT(col) : "");
	d->body = strdup(TXT(col) ? TXT(col) : "");
}

store_rc_t store_draft_get(store_t *s, const char *code, int64_t id, store_draft_t *d)
{
	sqlite3_stmt *st = code ? db_q(s, SQL_DRAFT "WHERE d.code = ?", "s", code)
	                        : db_q(s, SQL_DRAFT "WHERE d.id = ?", "i", id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	memset(d, 0, sizeof *d);
	if (rc == SQLITE_ROW)
		s_row(st, d);
	return db_end(st, rc);
}

void store_draft_clear(store_draft_t *d)
{
	free(d->body);
	d->body = NULL;
}

store_rc_t store_draft_insert(store_t *s, const store_draft_t *d, int wf_version, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO document_drafts(code, agency_id, unit_id, drafter_id, signer_id, type, summary, urgency, "
	    "secrecy, normative, created, wf_version, state) "
	    "VALUES(?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)";
	store_rc_t rc = db_rc(db_exec(s, sql, "siiiissssiiis", d->code, d->agency_id, d->unit_id, d->drafter_id,
	                              d->signer_id, d->type, d->summary, d->urgency, d->secrecy,
	                              (int64_t)d->normative, d->created, (int64_t)wf_version, d->state));
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

store_rc_t store_draft_save(store_t *s, const store_draft_t *d)
{
	store_rc_t rc = db_rc(db_exec(
	    s,
	    "UPDATE document_drafts SET state=?, revision=?, reviewer_id=NULLIF(?,0), reviewed=NULLIF(?,0), "
	    "approver_id=NULLIF(?,0), approved=NULLIF(?,0), issuer_id=NULLIF(?,0), issued=NULLIF(?,0), "
	    "series=NULLIF(?,''), year=NULLIF(?,''), number=NULLIF(?,0), notation=NULLIF(?,''), "
	    "finished=NULLIF(?,0), grade=NULLIF(?,''), version=version+1 WHERE id=? AND version=?",
	    "siiiiiiississsii", d->state, d->revision, d->reviewer_id, d->reviewed, d->approver_id, d->approved,
	    d->issuer_id, d->issued, d->series, d->year, d->number, d->notation, d->finished, d->grade, d->id,
	    d->version));

	return rc == STORE_OK && db_changes(s) != 1 ? STORE_STALE : rc;
}

store_rc_t store_draft_revision_add(store_t *s, int64_t draft, int64_t n, int64_t author, int64_t at,
                                    const char *body, const char *hash, const char *note)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO document_draft_versions(draft_id, n, author_id, at, body, hash, note) "
	                     "VALUES(?, ?, NULLIF(?, 0), ?, ?, ?, ?)",
	                     "iiiisss", draft, n, author, at, body, hash, note ? note : ""));
}

json_t *store_draft_revisions(store_t *s, int64_t draft)
{
	return db_rows(db_q(s,
	                    "SELECT v.n, coalesce(u.username, 'console') AS author, coalesce(u.name, 'Máy chủ') AS "
	                    "author_name, v.at, v.hash, v.note, length(CAST(v.body AS BLOB)) AS bytes "
	                    "FROM document_draft_versions v LEFT JOIN users u ON u.id = v.author_id "
	                    "WHERE v.draft_id = ? ORDER BY v.n DESC",
	                    "i", draft));
}

store_rc_t store_draft_revision_body(store_t *s, int64_t draft, int64_t n, char **body)
{
	sqlite3_stmt *st = db_q(s, "SELECT body FROM document_draft_versions WHERE draft_id = ? AND n = ?", "ii", draft, n);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	*body = NULL;
	if (rc == SQLITE_ROW)
		*body = strdup(TXT(0) ? TXT(0) : "");
	return db_end(st, rc);
}

/* The agencies ?1 signs for today (?11, YYYY-MM-DD) by a delegation in
 * force: TM., KT., Q., TL., TUQ. (not the form check's). */
#define DRAFT_DELEGATED                                                                                            \
	"d.agency_id IN (SELECT g.agency_id FROM document_delegations g WHERE g.user_id = ?1 AND "                   \
	"g.capacity <> 'form' AND g.revoked IS NULL AND g.from_date <= ?11 AND g.to_date >= ?11)"

/* What a search reads of a draft: its code, its number and notation once
 * issued ("01/QĐ-UBND"), its summary. */
#define DRAFT_TEXT "d.code || ' ' || coalesce(d.notation, '') || ' ' || d.summary"

/* The selection: ?1 user, ?2 path, ?3 unit, ?4 year, ?5 limit, ?6
 * offset, ?7 the unit above, ?8 the queue (store_draft_queue_t), ?9 the
 * viewer issues for the agency of ?3 or ?7 (a clerk), ?10 the viewer leads
 * ?3, ?11 today, ?12-?15 the words searched ('' none, found anywhere:
 * the text folded once per draft); the viewer's scope, then the queue,
 * then the words. A draft waiting for a
 * signer none was named is also the business of whoever signs for its
 * agency by a delegation, from whatever unit. */
#define DRAFT_WHERE                                                                                                \
	"FROM document_drafts d JOIN units a ON a.id = d.agency_id JOIN units u ON u.id = d.unit_id "                \
	"WHERE ((d.secrecy = '' AND (a.path LIKE ?2 || '%' OR u.path LIKE ?2 || '%' OR d.drafter_id = ?1 OR "         \
	"(?9 AND d.agency_id IN (?3, ?7)) OR "                                                                        \
	"(d.state = 'reviewed' AND d.signer_id IS NULL AND " DRAFT_DELEGATED "))) OR "                                \
	"(d.secrecy <> '' AND (?1 IN (d.drafter_id, d.signer_id, d.reviewer_id, d.approver_id, d.issuer_id) OR "      \
	"(?10 AND d.state = 'draft' AND d.unit_id = ?3) OR "                                                          \
	"(?10 AND d.state = 'reviewed' AND d.signer_id IS NULL AND d.agency_id = ?3) OR "                             \
	"(d.state = 'reviewed' AND d.signer_id IS NULL AND " DRAFT_DELEGATED ") OR "                                  \
	"(?9 AND d.state = 'approved' AND d.agency_id IN (?3, ?7))))) "                                               \
	"AND CASE ?8 WHEN 0 THEN 1 "                                                                                  \
	"WHEN 1 THEN d.state = 'draft' AND d.unit_id = ?3 "                                                           \
	"WHEN 2 THEN d.state = 'reviewed' AND (d.signer_id = ?1 OR (d.signer_id IS NULL AND "                         \
	"(d.agency_id = ?3 OR " DRAFT_DELEGATED "))) "                                                                \
	"WHEN 3 THEN d.state = 'approved' AND d.agency_id IN (?3, ?7) "                                               \
	"WHEN 4 THEN d.issued IS NOT NULL AND d.agency_id IN (?3, ?7) END "                                             \
	"AND (?4 = '' OR d.year = ?4) "                                                                               \
	"AND (?12 = '' OR (SELECT instr(f, ?12) AND instr(f, ?13) AND instr(f, ?14) AND instr(f, ?15) "             \
	"FROM (SELECT fold(" DRAFT_TEXT ") AS f))) "
static const char SQL_FIND_COUNT[] = "SELECT count(*) " DRAFT_WHERE;
static const char SQL_FIND[] = "SELECT d.code " DRAFT_WHERE
                               "ORDER BY CASE WHEN ?8 = 4 THEN d.series END, CASE WHEN ?8 = 4 THEN d.number END DESC, "
                               "d.id DESC LIMIT ?5 OFFSET ?6";

json_t *store_draft_find(store_t *s, const store_draft_filter_t *f, int64_t *total)
{
	const char *path = f->path && *f->path ? f->path : "\x01"; /* none: matches no path */
	const char *year = f->year ? f->year : "";
	const char *today = f->today ? f->today : "";
	const char *w[STORE_DRAFT_WORDS];
	int64_t limit = f->limit > 0 ? f->limit : 100;

	bool ended = false;

	for (int i = 0; i < STORE_DRAFT_WORDS; i++) {
		ended |= !f->words[i];
		w[i] = ended ? "" : f->words[i];
	}
	json_t *rows, *out, *r;
	size_t i;

	if (f->queue < STORE_DRAFT_ALL || f->queue > STORE_DRAFT_REGISTER)
		return NULL;
	if (total)
		*total = db_int(s, SQL_FIND_COUNT, 0, "isisiiiiiisssss", f->user_id, path, f->unit, year, limit, f->offset,
		                f->above, (int64_t)f->queue, (int64_t)f->issuer, (int64_t)f->leader, today, w[0], w[1],
		                w[2], w[3]);
	rows = db_rows(db_q(s, SQL_FIND, "isisiiiiiisssss", f->user_id, path, f->unit, year, limit, f->offset, f->above,
	                    (int64_t)f->queue, (int64_t)f->issuer, (int64_t)f->leader, today, w[0], w[1], w[2], w[3]));
	if (!rows)
		return NULL;
	out = json_array();
	json_array_foreach(rows, i, r) json_array_append(out, json_object_get(r, "code"));
	json_decref(rows);
	return out;
}

/* --- signing keys and signatures --- */

store_rc_t store_draft_key_add(store_t *s, const char *key_id, int64_t user, const char *pk_b64, int64_t device,
                               int64_t now)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO document_keys(key_id, user_id, public_key, device_id, created) "
	                     "VALUES(?, ?, ?, NULLIF(?, 0), ?)",
	                     "sisii", key_id, user, pk_b64, device, now));
}

store_rc_t store_draft_key_get(store_t *s, const char *key_id, int64_t *user, char *pk_b64, size_t n)
{
	sqlite3_stmt *st =
	    db_q(s, "SELECT user_id, public_key FROM document_keys WHERE key_id = ? AND revoked IS NULL", "s", key_id);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*user = INT(0);
		snprintf(pk_b64, n, "%s", TXT(1));
	}
	return db_end(st, rc);
}

store_rc_t store_draft_signature_add(store_t *s, int64_t draft, const char *act, int64_t user, const char *key_id,
                                     const char *payload, const char *signature, int64_t at)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO document_signatures(draft_id, seq, act, user_id, key_id, payload, signature, at) "
	                     "VALUES(?1, (SELECT coalesce(max(seq), 0) + 1 FROM document_signatures WHERE draft_id = ?1), "
	                     "?2, ?3, ?4, ?5, ?6, ?7)",
	                     "isisssi", draft, act, user, key_id, payload, signature, at));
}

json_t *store_draft_signatures(store_t *s, int64_t draft)
{
	return db_rows(db_q(s,
	                    "SELECT g.act, u.username AS signer, g.key_id AS key, k.public_key, g.payload, g.signature, "
	                    "g.certificate FROM document_signatures g JOIN users u ON u.id = g.user_id "
	                    "JOIN document_keys k ON k.key_id = g.key_id WHERE g.draft_id = ?1 AND g.seq IN "
	                    "(SELECT max(seq) FROM document_signatures WHERE draft_id = ?1 GROUP BY act) ORDER BY g.seq",
	                    "i", draft));
}

int64_t store_draft_series_last(store_t *s, const char *kind, int64_t scope, const char *period)
{
	return db_int(s, "SELECT n FROM series WHERE kind = ? AND scope = ? AND period = ?", 0, "sis", kind, scope,
	              period);
}

/* --- delivery --- */

store_rc_t store_draft_deliver(store_t *s, int64_t draft, int64_t unit, int64_t by, int64_t now)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO document_deliveries(draft_id, unit_id, delivered, sender_id) "
	                     "VALUES(?, ?, ?, NULLIF(?, 0))",
	                     "iiii", draft, unit, now, by));
}

json_t *store_draft_deliveries(store_t *s, int64_t draft)
{
	return db_rows(db_q(s,
	                    "SELECT u.code AS unit, u.name, u.path, x.delivered, coalesce(x.received, 0) AS received, "
	                    "coalesce(r.username, '') AS receiver, coalesce(d.code, '') AS document "
	                    "FROM document_deliveries x JOIN units u ON u.id = x.unit_id "
	                    "LEFT JOIN users r ON r.id = x.receiver_id LEFT JOIN documents d ON d.id = x.document_id "
	                    "WHERE x.draft_id = ? ORDER BY u.path",
	                    "i", draft));
}

json_t *store_draft_inbox(store_t *s, int64_t unit, int64_t above)
{
	return db_rows(db_q(s,
	                    "SELECT g.code, u.code AS unit FROM document_deliveries x "
	                    "JOIN document_drafts g ON g.id = x.draft_id JOIN units u ON u.id = x.unit_id "
	                    "WHERE x.unit_id IN (?, ?) AND x.received IS NULL ORDER BY x.delivered DESC, g.id DESC",
	                    "ii", unit, above));
}

bool store_draft_delivered_to(store_t *s, int64_t draft, int64_t unit, int64_t above)
{
	return db_int(s, "SELECT count(*) FROM document_deliveries WHERE draft_id = ? AND unit_id IN (?, ?)", 0, "iii",
	              draft, unit, above) > 0;
}

store_rc_t store_draft_received(store_t *s, int64_t draft, int64_t unit, int64_t document, int64_t receiver,
                                int64_t now)
{
	store_rc_t rc = db_rc(db_exec(s,
	                              "UPDATE document_deliveries SET document_id = ?, received = ?, receiver_id = NULLIF(?, 0) "
	                              "WHERE draft_id = ? AND unit_id = ? AND received IS NULL",
	                              "iiiii", document, now, receiver, draft, unit));

	return rc == STORE_OK && db_changes(s) != 1 ? STORE_STALE : rc;
}
