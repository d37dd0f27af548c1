/* series.h — numbering: every number the system gives (dossier codes, task
 * codes, the tasks' change sequence, next document numbers) comes from one
 * counter per series, a series being (kind, scope, period); see 0012_series.sql. */
#ifndef CONGVU_SERIES_H
#define CONGVU_SERIES_H

#include <stddef.h>
#include <stdint.h>

/* How long a series' period lasts. */
typedef enum {
	SERIES_FOREVER, /* one period: "" */
	SERIES_YEAR,    /* "2026": restarts on 1 January */
	SERIES_DAY,     /* "2026-12-03" */
} series_span_t;

/* The period of span that contains the instant t (Unix seconds), in local
 * time utc_offset seconds east of UTC (wt_utc_offset of the calendar): ""
 * for SERIES_FOREVER, "YYYY" or "YYYY-MM-DD". Returns buf (n >= 11). */
const char *series_period(int64_t t, int64_t utc_offset, series_span_t span, char *buf, size_t n);

/* The next number of a series, allocated in the caller's transaction:
 * series_next, in store/series.h (the store's, since it is one statement). */
#include "store/series.h"

#endif
