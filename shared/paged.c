/* paged.c — a record's parts read a page at a time (paged.h). */
#include "paged.h"

#include <stdint.h>

const paged_part_t paged_task_parts[PAGED_TASK_N] = {
    [PAGED_TASK_HISTORY] = {"history", "history_total", "history_before", MSG_task_history},
    [PAGED_TASK_THREAD] = {"thread", "thread_total", "thread_before", MSG_task_thread},
};

json_int_t paged_row_id(const json_t *rows, size_t i)
{
	return json_integer_value(json_object_get(json_array_get(rows, i), "id"));
}

void paged_join(json_t *record, const paged_part_t *p, const json_t *older)
{
	const json_t *held = json_object_get(record, p->key), *r;
	json_t *rows = json_array();
	json_int_t first = json_array_size(held) ? paged_row_id(held, 0) : INT64_MAX;
	size_t i;

	json_array_foreach(json_object_get(older, p->key), i, r)
	{
		if (json_integer_value(json_object_get(r, "id")) < first)
			json_array_append(rows, (json_t *)r);
	}
	json_array_extend(rows, (json_t *)held);
	json_object_set_new(record, p->key, rows);
	json_object_set(record, p->before, json_object_get(older, p->before));
}

void paged_prepend(json_t *record, const paged_part_t *p, const json_t *page)
{
	paged_join(record, p, page);
	json_object_set(record, p->total, json_object_get(page, p->total));
}
