/* papers.c — the SQLite driver's papers handed in at reception
 * (store/papers.h): the dossier_papers table of migration 0020. */
#include "store/papers.h"

#include <stdlib.h>

#include "db.h"
#include "store/dossier.h"

store_rc_t store_dossier_papers_set(store_t *s, int64_t id, json_t *handed)
{
	size_t i;
	json_t *x;

	if (db_exec(s, "DELETE FROM dossier_papers WHERE dossier_id = ?", "i", id) != SQLITE_DONE)
		return STORE_ERROR;
	json_array_foreach(handed, i, x)
	{
		if (db_exec(s, "INSERT INTO dossier_papers(dossier_id, n, name) VALUES(?,?,?)", "iis", id,
			    (int64_t)json_integer_value(json_object_get(x, "n")),
			    json_string_value(json_object_get(x, "name"))) != SQLITE_DONE)
			return STORE_ERROR;
	}
	return STORE_OK;
}

json_t *store_dossier_papers_get(store_t *s, int64_t id)
{
	sqlite3_stmt *st = db_q(s, "SELECT n, name FROM dossier_papers WHERE dossier_id = ? ORDER BY n", "i", id);
	return st ? db_rows(st) : NULL;
}

store_rc_t store_dossier_declaration_set(store_t *s, int64_t id, const json_t *fields, const char *applicant,
					 const char *citizen_id)
{
	char *j = json_dumps(fields, JSON_COMPACT | JSON_SORT_KEYS);
	store_rc_t rc = j ? db_rc(db_exec(s,
					  "UPDATE dossiers SET fields = ?, applicant = ?, citizen_id = NULLIF(?, '') "
					  "WHERE id = ?",
					  "sssi", j, applicant, citizen_id, id))
			  : STORE_ERROR;
	free(j);
	return rc;
}

store_rc_t store_dossier_search_replace(store_t *s, int64_t id, const char *folded)
{
	if (db_exec(s, "DELETE FROM dossier_search WHERE rowid = ?", "i", id) != SQLITE_DONE)
		return STORE_ERROR;
	return store_dossier_search_add(s, id, folded);
}
