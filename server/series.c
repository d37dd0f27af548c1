/* series.c — numbering: the periods series restart on (the next number of
 * a series is the store's: store/series.h). */
#include "series.h"

#include <assert.h>
#include <stdio.h>
#include <time.h>

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
