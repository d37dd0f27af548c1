/* people.c — the SQLite driver's officials for pickers (store/people.h). */
#include "store/people.h"

#include "db.h"

/* ?1 path, ?2 exact, ?3 role mask, ?4 offset, ?5 limit */
static const char SQL_PEOPLE[] =
	"SELECT u.username, u.name, t.code AS unit, t.name AS unit_name, u.roles FROM users u "
	"JOIN units t ON t.id = u.unit_id WHERE (CASE WHEN ?2 THEN t.path = ?1 ELSE t.path LIKE ?1 || '%' END) "
	"AND u.disabled = 0 AND (?3 = 0 OR (u.roles & ?3) <> 0) ORDER BY t.path, u.name, u.username LIMIT ?5 OFFSET ?4";

json_t *store_people(store_t *s, const char *path, bool exact, int mask, int offset, int limit)
{
	return db_rows(db_q(s, SQL_PEOPLE, "siiii", path, (int64_t)exact, (int64_t)mask, (int64_t)offset, (int64_t)limit));
}
