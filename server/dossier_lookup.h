/* dossier_lookup.h — a dossier found by its code, whole or short: the short
 * code is the code's distinguishing end (<YYMMDD>-<NNNN>, DOMAIN.md §1),
 * what a citizen reads out over the phone, looked up among the dossiers of
 * the caller's agency and the units below it. */
#ifndef CONGVU_DOSSIER_LOOKUP_H
#define CONGVU_DOSSIER_LOOKUP_H

#include <stdbool.h>

#include "dossier.h"

/* Is code a short code: six digits, "-", four digits? */
bool dossier_short_code(const char *code);

/* Load the dossier req's "code" names into *d (free with dossier_clear):
 * a whole code as it is; a short code as the one dossier with that end
 * received in c's subtree. E_OK; E_NOT_FOUND (none); E_AMBIGUOUS (more
 * than one: the detail names them, err_extra carries them as matches).
 * Sets bad_field "code" on an error. Scope is the caller's to check
 * (dossier_visible): a whole code may name any dossier. */
proto_err_t dossier_load_req(srv_ctx_t *c, const json_t *req, dossier_t *d);

#endif
