/* fields.h — checking a dossier's form values against its procedure's
 * field definitions, with a Vietnamese message naming the problem. */
#ifndef CONGVU_FIELDS_H
#define CONGVU_FIELDS_H

#include <jansson.h>

#include "forms.h"

/* Check every value of `values` (an object of strings, already NFC) against
 * p's fields: unknown names, missing required fields, and each type's rule
 * (today: the province's date as YYYYMMDD, for what may not lie ahead:
 * a citizen id's year of birth, a date field marked not_future).
 * Values are normalised in place (trimmed; money and numbers to plain
 * digits). Returns 0, or -1 with the field name in *field (points into p)
 * and a Vietnamese message in msg. */
int fields_check(const procedure_t *p, json_t *values, int today, const char **field, char *msg, size_t n);

#endif
