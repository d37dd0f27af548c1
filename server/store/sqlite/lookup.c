/* lookup.c — the SQLite driver's short-code lookup (store/lookup.h). */
#include "store/lookup.h"

#include "db.h"

/* ?1 the subtree's path, ?2 the short code, ?3 at most */
static const char SQL_BY_TAIL[] =
	"SELECT d.code, u.code AS unit, u.name AS unit_name, d.title, d.applicant "
	"FROM units u JOIN dossiers d ON d.code = u.code || '-' || ?2 AND d.unit_id = u.id "
	"WHERE u.path LIKE ?1 || '%' ORDER BY u.path LIMIT ?3";

json_t *store_dossier_by_tail(store_t *s, const char *path, const char *tail, int max)
{
	return db_rows(db_q(s, SQL_BY_TAIL, "ssi", path, tail, (int64_t)max));
}
