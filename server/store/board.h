/* store/board.h — the store's side of the supervisors' board beyond the
 * task selections of store/task.h: the summary of a subtree rolled up to
 * its own unit and each direct child unit, and the unit a board is of. */
#ifndef CONGVU_STORE_BOARD_H
#define CONGVU_STORE_BOARD_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* The tasks led in the subtree at path, open or finished since `since`,
 * at now, summed for the subtree's own unit and each direct child unit
 * (a child's row sums its whole subtree), in path order: rows {unit,
 * unit_name, open, due_week (open, not reported done, due in [now,
 * week_end)), overdue, on_time (early or on time, finished since since),
 * late}. New reference; an empty array on a database error. */
json_t *store_board_summary(store_t *s, const char *path, int64_t now, int64_t week_end, int64_t since);

/* The unit at path: {code, name}, NULL when there is none (the root of
 * every unit). New reference. */
json_t *store_board_unit(store_t *s, const char *path);

#endif
