/* push_delta.h — task.changed cut to the fields that changed since the
 * last one of the same task (push_delta.c). */
#ifndef CONGVU_PUSH_DELTA_H
#define CONGVU_PUSH_DELTA_H

#include <jansson.h>

/* body is a whole task.changed {seq, code, card, was}. Remember its card
 * and return {seq, code, card: the fields that changed, base: the seq of
 * the card they change} (a new reference), or NULL when the card must go
 * whole: no card told before, or one that places it on a board moved
 * (state, overdue, deadline, priority, source, lead official, units). A
 * client applies the delta to the card it holds only when that card's seq
 * is base. */
json_t *push_delta_task(const json_t *body);

/* Forget every card (shutdown, tests). */
void push_delta_reset(void);

#endif
