/* document_capacity.c — the SQLite driver's signing delegations and the
 * form's check of drafts (store/document_capacity.h). */
#include "store/document_capacity.h"

#include "db.h"

store_rc_t store_delegation_add(store_t *s, const store_delegation_t *d, int64_t *id)
{
	store_rc_t rc = db_rc(db_exec(s,
	                              "INSERT INTO document_delegations(agency_id, user_id, capacity, for_user_id, "
	                              "from_date, to_date, note, created_by, created) "
	                              "VALUES(?, ?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), ?)",
	                              "iisisssii", d->agency_id, d->user_id, d->capacity, d->for_user_id, d->from, d->to,
	                              d->note ? d->note : "", d->created_by, d->created));
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

store_rc_t store_delegation_revoke(store_t *s, int64_t id, int64_t agency, int64_t now)
{
	int rc = db_exec(s, "UPDATE document_delegations SET revoked = ? WHERE id = ? AND agency_id = ? AND revoked IS NULL",
	                 "iii", now, id, agency);
	return rc != SQLITE_DONE ? db_rc(rc) : db_changes(s) ? STORE_OK : STORE_NONE;
}

store_rc_t store_delegation_agency(store_t *s, int64_t id, int64_t *agency)
{
	*agency = db_int(s, "SELECT agency_id FROM document_delegations WHERE id = ?", 0, "i", id);
	return *agency ? STORE_OK : STORE_NONE;
}

json_t *store_delegation_list(store_t *s, int64_t agency)
{
	return db_rows(db_q(s,
	                    "SELECT g.id, u.username AS user, u.name AS user_name, g.capacity, "
	                    "coalesce(f.username, '') AS \"for\", coalesce(f.name, '') AS for_name, "
	                    "g.from_date AS \"from\", g.to_date AS \"to\", g.note, g.revoked IS NOT NULL AS revoked "
	                    "FROM document_delegations g JOIN users u ON u.id = g.user_id "
	                    "LEFT JOIN users f ON f.id = g.for_user_id WHERE g.agency_id = ? ORDER BY g.id DESC",
	                    "i", agency));
}

int64_t store_delegation_count(store_t *s, int64_t agency, int64_t user, const char *capacity, const char *day)
{
	return db_int(s,
	              "SELECT count(*) FROM document_delegations WHERE agency_id = ? AND (? = 0 OR user_id = ?) "
	              "AND (? = '' AND capacity <> 'form' OR capacity = ?) AND from_date <= ? AND to_date >= ? "
	              "AND revoked IS NULL",
	              0, "iiissss", agency, user, user, capacity ? capacity : "", capacity ? capacity : "", day, day);
}

store_rc_t store_draft_form_checked(store_t *s, int64_t draft, int64_t checker, int64_t at, int64_t revision)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO document_draft_checks(draft_id, form_checker_id, form_checked, form_revision) "
	                     "VALUES(?, ?, ?, ?) ON CONFLICT(draft_id) DO UPDATE SET form_checker_id = excluded.form_checker_id, "
	                     "form_checked = excluded.form_checked, form_revision = excluded.form_revision",
	                     "iiii", draft, checker, at, revision));
}

store_rc_t store_draft_capacity_set(store_t *s, int64_t draft, const char *capacity)
{
	return db_rc(db_exec(s,
	                     "INSERT INTO document_draft_checks(draft_id, capacity) VALUES(?, ?) "
	                     "ON CONFLICT(draft_id) DO UPDATE SET capacity = excluded.capacity",
	                     "is", draft, capacity));
}

json_t *store_draft_check_get(store_t *s, int64_t draft)
{
	json_t *rows = db_rows(db_q(s,
	                            "SELECT coalesce(u.username, '') AS form_checker, coalesce(u.name, '') AS form_checker_name, "
	                            "coalesce(k.form_checked, 0) AS form_checked, k.form_revision, k.capacity "
	                            "FROM document_draft_checks k LEFT JOIN users u ON u.id = k.form_checker_id "
	                            "WHERE k.draft_id = ?",
	                            "i", draft)),
	       *r;

	if (!rows)
		return NULL;
	r = json_array_size(rows) ? json_incref(json_array_get(rows, 0))
	                          : json_pack("{s:s, s:s, s:i, s:i, s:s}", "form_checker", "", "form_checker_name", "",
	                                      "form_checked", 0, "form_revision", 0, "capacity", "");
	json_decref(rows);
	return r;
}

store_rc_t store_draft_recipients_set(store_t *s, int64_t draft, const int64_t *ids, size_t n)
{
	store_rc_t rc = db_rc(db_exec(s, "DELETE FROM document_draft_recipients WHERE draft_id = ?", "i", draft));

	for (size_t i = 0; rc == STORE_OK && i < n; i++)
		rc = db_rc(db_exec(s, "INSERT OR IGNORE INTO document_draft_recipients(draft_id, unit_id) VALUES(?, ?)", "ii",
		                   draft, ids[i]));
	return rc;
}

json_t *store_draft_recipients(store_t *s, int64_t draft)
{
	return db_rows(db_q(s,
	                    "SELECT u.code AS unit, u.name FROM document_draft_recipients r JOIN units u ON u.id = r.unit_id "
	                    "WHERE r.draft_id = ? ORDER BY u.path",
	                    "i", draft));
}
