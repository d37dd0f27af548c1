/* store/series.h — the store's numbering: one counter per series, a series
 * being (kind, scope, period); series.h says what the kinds and periods
 * are. */
#ifndef CONGVU_STORE_SERIES_H
#define CONGVU_STORE_SERIES_H

#include <stdint.h>

#include "store/store.h"

/* Gives the next number of series (kind, scope, period) in *n: 1 for a
 * series never used, else one more than the last number given.
 *
 * kind names the series ("dossier", "document.incoming", ...); scope is the
 * id of the agency (unit) it belongs to, 0 for none; period is from
 * series_period, NULL or "" for none. Must run inside the caller's writing
 * transaction (store_begin), which is what makes the number the caller's:
 * the counter is one row keyed by (kind, scope, period), read and raised
 * by one statement that holds the write lock until the commit, so no two
 * transactions that commit get the same number; a rollback gives the
 * number back, so the numbers committed have no gaps. The statement is a
 * plain INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING, which a
 * PostgreSQL driver runs as is (there the row lock serialises concurrent
 * writers).
 *
 * 0, or -1 on a database error (*n is then untouched). */
int series_next(store_t *db, const char *kind, int64_t scope, const char *period, int64_t *n);

#endif
