/* register.c — the SQLite driver's tracking book (store/register.h). */
#include "store/register.h"

#include "db.h"

/* ?1 path, ?2 start, ?3 end, ?4 the refusal's state, ?5 at most; the units'
 * index of received (dossiers_unit) per unit of the subtree */
static const char SQL_CODES[] = "SELECT d.code FROM units u JOIN dossiers d ON d.unit_id = u.id "
				"WHERE u.path LIKE ?1 || '%' AND d.received >= ?2 AND d.received < ?3 AND d.state <> ?4 "
				"ORDER BY d.received, d.id LIMIT ?5";

json_t *store_register_codes(store_t *s, const char *path, int64_t start, int64_t end, const char *refused, int max)
{
	return db_rows(db_q(s, SQL_CODES, "siisi", path, start, end, refused, (int64_t)max));
}
