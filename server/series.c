/* series.c — numbering: the next number of a series, allocated in the
 * caller's transaction (series.h), and the periods series restart on. */
#include "series.h"

#include <assert.h>
#include <stdio.h>
#include <time.h>

#include "db.h"

const char *series_period(int64_t t, int64_t utc_offset, series_span_t span, char *buf, size_t n)
{
	time_t local = (time_t)(t + utc_offset);
	struct tm tm;

	assert(n >= 11);
	buf[0] = 0;
	if (span == SERIES_FOREVER || !gmtime_r(&local, &tm))
		return buf;
	strftime(buf, n, span == SERIES_YEAR ? "%Y" : "%Y-%m-%d", &tm);
	return buf;
}

int series_next(store_t *db, const char *kind, int64_t scope, const char *period, int64_t *n)
{
	static const char sql[] = "INSERT INTO series(kind, scope, period, n) VALUES(?, ?, ?, 1) "
	                          "ON CONFLICT(kind, scope, period) DO UPDATE SET n = series.n + 1 RETURNING n";
	int64_t v;

	assert(kind && kind[0] && scope >= 0);
	assert(store_in_tx(db)); /* the number is the transaction's: see series.h */
	v = db_int(db, sql, 0, "sis", kind, scope, period ? period : "");
	if (v < 1)
		return -1;
	*n = v;
	return 0;
}
