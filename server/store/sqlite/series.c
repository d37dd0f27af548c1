/* series.c — the SQLite driver's numbering (store/series.h). */
#include "store/series.h"

#include <assert.h>

#include "db.h"

int series_next(store_t *db, const char *kind, int64_t scope, const char *period, int64_t *n)
{
	static const char sql[] = "INSERT INTO series(kind, scope, period, n) VALUES(?, ?, ?, 1) "
	                          "ON CONFLICT(kind, scope, period) DO UPDATE SET n = series.n + 1 RETURNING n";
	int64_t v;

	assert(kind && kind[0] && scope >= 0);
	assert(store_in_tx(db)); /* the number is the transaction's: see store/series.h */
	v = db_int(db, sql, 0, "sis", kind, scope, period ? period : "");
	if (v < 1)
		return -1;
	*n = v;
	return 0;
}
