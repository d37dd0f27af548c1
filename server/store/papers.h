/* store/papers.h — what the desk takes in from the applicant: the papers
 * handed in at reception (migration 0020), a dossier's ticks on its
 * procedure's checklist, and the declaration corrected when a supplement is
 * brought. Which papers a procedure asks for, and which are required, is
 * dossier_papers.c's. */
#ifndef CONGVU_STORE_PAPERS_H
#define CONGVU_STORE_PAPERS_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* Replace dossier id's papers with those of handed, an array of
 * {n, name} (n the paper's place in the procedure's list, from 1), in the
 * caller's transaction. STORE_OK, STORE_ERROR. */
store_rc_t store_dossier_papers_set(store_t *s, int64_t id, json_t *handed);

/* Dossier id's papers as [{n, name}] by n; an empty array when none was
 * recorded. New reference; NULL on an error. */
json_t *store_dossier_papers_get(store_t *s, int64_t id);

/* desk: a supplement's corrections — dossier id's declaration (fields, an
 * object of strings), the applicant and the citizen id it names, in the
 * caller's transaction. STORE_OK, STORE_ERROR. */
store_rc_t store_dossier_declaration_set(store_t *s, int64_t id, const json_t *fields, const char *applicant,
					 const char *citizen_id);

/* The search row of dossier id made anew from folded (store_dossier_search_add's, at the
 * commit). STORE_OK, STORE_ERROR. */
store_rc_t store_dossier_search_replace(store_t *s, int64_t id, const char *folded);

#endif
