/* org.h — the org tree and officials, shared by handlers of several
 * modules. */
#ifndef CONGVU_ORG_H
#define CONGVU_ORG_H

#include "srv.h"

/* Find a unit by code: its id and path (buffer of n bytes). 0 when found. */
int org_unit(store_t *db, const char *code, int64_t *id, char *path, size_t n);

/* The subtree a scoped list or report covers: the unit with code `unit`
 * (which must be inside c's scope), or c's own unit when unit is NULL. Its
 * path goes into path. E_NOT_FOUND (bad_field "unit") or E_OUT_OF_SCOPE. */
proto_err_t org_scope(srv_ctx_t *c, const char *unit, char *path, size_t n);

/* The public view of user uid: username, name, unit code and name, level,
 * roles, flags. New reference, NULL when absent. */
json_t *org_user_json(store_t *db, int64_t uid);

/* Hash a password with Argon2id into out (crypto_pwhash_STRBYTES):
 * password_hash, for the console and the tests; never on the serve loop.
 * 0 on success. */
int org_hash_password(const char *pw, char *out);

/* A fresh temporary password for resets: 12 characters, unambiguous. */
void org_temp_password(char out[13]);

#endif
