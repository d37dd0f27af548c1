/* store/catalog.h — what the store keeps of the catalog: the holidays
 * administrators added or removed at run time, replayed over the calendar
 * file at every load, and the catalog's generation, bumped by every change
 * so another process sees one. */
#ifndef CONGVU_STORE_CATALOG_H
#define CONGVU_STORE_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* The catalog generation last set, 0 when none was. */
int64_t store_catalog_generation(store_t *s);

/* Set the catalog generation to gen, in the caller's transaction:
 * STORE_OK, STORE_ERROR. */
store_rc_t store_catalog_generation_set(store_t *s, int64_t gen);

/* Record that date ("YYYY-MM-DD") was made a holiday called name, or
 * (remove) stopped being one, at changed: it replaces an earlier change of
 * the same date. STORE_OK, STORE_ERROR. */
store_rc_t store_calendar_change(store_t *s, const char *date, bool remove, const char *name, int64_t changed);

/* each(arg, date, remove, name) for every date changed, in the order of
 * the changes. The texts are valid during the call only. STORE_OK,
 * STORE_ERROR. */
store_rc_t store_calendar_changes(store_t *s, void (*each)(void *arg, const char *date, bool remove, const char *name),
                                  void *arg);

#endif
