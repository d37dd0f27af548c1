/* store/people.h — officials as a picker lists them: who is in a unit or a
 * subtree, by name, for any official choosing a colleague (the accounts
 * themselves are store/org.h's, an administrator's). */
#ifndef CONGVU_STORE_PEOPLE_H
#define CONGVU_STORE_PEOPLE_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

/* The enabled officials of unit path (exact) or of its subtree, having
 * any of the roles of mask (0: any role), by unit then name, from offset,
 * at most limit: [{username, name, unit (its code), unit_name, roles (the
 * mask)}]. New reference (empty on error). */
json_t *store_people(store_t *s, const char *path, bool exact, int mask, int offset, int limit);

#endif
