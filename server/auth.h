/* auth.h — what the serve loop needs of login to check a password off its
 * thread (pwcheck.c): the stored hash to check against, and the verdict
 * handed to the login that follows. */
#ifndef CONGVU_AUTH_H
#define CONGVU_AUTH_H

#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>

/* The Argon2id hash a login of user (NULL: none) is checked against: the
 * user's, or the fixed one an unknown name costs the same time with. */
void auth_login_hash(sqlite3 *db, const char *user, char hash[crypto_pwhash_STRBYTES]);

/* The next srv_login of exactly this password string (the request body's,
 * by address) against exactly this hash takes ok as the check's verdict
 * instead of computing it; auth_verdict(NULL, NULL, false) forgets it. */
void auth_verdict(const char *hash, const char *pw, bool ok);

#endif
