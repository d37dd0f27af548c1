/* task_scope.h — inside the SQLite driver: a subtree of units as the
 * task and board statements test it (sqlite/task.c). */
#ifndef CONGVU_STORE_SQLITE_TASK_SCOPE_H
#define CONGVU_STORE_SQLITE_TASK_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* The end of the subtree at path as a range of paths: [path, hi). */
void task_range_end(const char *path, char *hi, size_t n);
/* Does the subtree at path hold every unit (the province, the console)? */
bool task_scope_all(store_t *s, const char *path);

#endif
