/* paged.h — the parts of a reply that grow with a record's life and come a
 * page at a time (a task's history and its thread): where the reply keeps
 * a part's newest page, the count of all its rows and the cursor of the
 * page before; the request that reads an older page; and how an older page
 * joins the rows held. The CLI (task show --all) and the TUI (o, h) page
 * the same way. */
#ifndef CONGVU_PAGED_H
#define CONGVU_PAGED_H

#include <jansson.h>
#include <stddef.h>

#include "proto.h"

typedef struct {
	const char *key, *total, *before; /* a reply's page, count of all, cursor of the page before */
	proto_msg_t older;                /* the request of an older page: task.history, task.thread */
} paged_part_t;

enum { PAGED_TASK_HISTORY, PAGED_TASK_THREAD, PAGED_TASK_N };
extern const paged_part_t paged_task_parts[PAGED_TASK_N];

/* The id of rows[i] (a part's rows carry their id, the cursor). */
json_int_t paged_row_id(const json_t *rows, size_t i);
/* The rows of `older` (a reply holding part p) before record's first,
 * then record's own; record's cursor becomes older's. */
void paged_join(json_t *record, const paged_part_t *p, const json_t *older);
/* paged_join, and record's count becomes page's (a reply of p->older). */
void paged_prepend(json_t *record, const paged_part_t *p, const json_t *page);

#endif
