/* store/report.h — the store's figures over one-stop dossiers: the
 * monthly on-time report, counted where the rows are instead of shipped
 * as rows (the dashboard's counts are a queue's: store/queue.h). */
#ifndef CONGVU_STORE_REPORT_H
#define CONGVU_STORE_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* The month [start, end) of the units in the subtree at path that
 * received dossiers, one row per unit with any received or carried over,
 * in the order of their paths: {unit (its code), unit_name, received,
 * carried_over (received before, open at start), early, on_time, late
 * (resolved in the month, by grade), processing_not_due,
 * processing_overdue (open at end, by appointment), withdrawn (finished
 * in the month without a grade)}. New reference (empty on error). */
json_t *store_report_onestop(store_t *s, int64_t start, int64_t end, const char *path);

#endif
