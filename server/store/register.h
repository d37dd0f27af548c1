/* store/register.h — the store's side of the tracking book (sổ theo dõi hồ
 * sơ, form 07): which dossiers a book of a subtree and a span of days
 * holds. */
#ifndef CONGVU_STORE_REGISTER_H
#define CONGVU_STORE_REGISTER_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* The codes of the dossiers received in [start, end) by units of the
 * subtree at path, but those in state `refused` (refused at reception:
 * never received), in the order they were received, at most max:
 * [{code}]. New reference (empty on error). */
json_t *store_register_codes(store_t *s, const char *path, int64_t start, int64_t end, const char *refused, int max);

#endif
