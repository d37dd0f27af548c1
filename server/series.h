/* series.h — numbering: every number the system gives (dossier codes, task
 * codes, the tasks' change sequence, next document numbers) comes from one
 * counter per series, a series being (kind, scope, period); see 0012_series.sql. */
#ifndef CONGVU_SERIES_H
#define CONGVU_SERIES_H

#include "store/store.h"
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

/* Gives the next number of series (kind, scope, period) in *n: 1 for a
 * series never used, else one more than the last number given.
 *
 * kind names the series ("dossier", "document.incoming", ...); scope is the
 * units.id of the agency it belongs to, 0 for none; period is from
 * series_period, NULL or "" for none. Must run inside the caller's writing
 * transaction (db_begin), which is what makes the number the caller's:
 * the counter is one row keyed by the primary key (kind, scope, period),
 * read and raised by one statement that holds the write lock until the
 * commit, so no two transactions that commit get the same number; a
 * rollback gives the number back, so the numbers committed have no gaps.
 * The statement is a plain INSERT ... ON CONFLICT ... DO UPDATE ...
 * RETURNING, which a PostgreSQL driver runs as is (there the row lock
 * serialises concurrent writers).
 *
 * 0, or -1 on a database error (*n is then untouched). */
int series_next(store_t *db, const char *kind, int64_t scope, const char *period, int64_t *n);

#endif
