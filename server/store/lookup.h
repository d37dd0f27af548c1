/* store/lookup.h — the store's status lookup by a dossier's short code:
 * the distinguishing end of its code (<YYMMDD>-<NNNN>, DOMAIN.md §1) found
 * among the dossiers of the units of a subtree. */
#ifndef CONGVU_STORE_LOOKUP_H
#define CONGVU_STORE_LOOKUP_H

#include <jansson.h>

#include "store/store.h"

/* The dossiers received by units in the subtree at path whose code is the
 * unit's code, "-" and tail (a short code "261203-0002"), at most max, in
 * the order of their units' paths: [{code, unit, unit_name, title,
 * applicant}]. Each unit's code is looked up by the codes' index, one
 * probe per unit. New reference (empty on error). */
json_t *store_dossier_by_tail(store_t *s, const char *path, const char *tail, int max);

#endif
