/* auth.h — what the serve loop needs of login to check a password off its
 * thread (batch.c, pwcheck.c) before the login is dispatched. */
#ifndef CONGVU_AUTH_H
#define CONGVU_AUTH_H

#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Is a login of user from device worth a password check at now: the
 * device exists and is not revoked, and the name is not locked out on it?
 * When it is, hash gets what the password is checked against (the user's
 * stored hash, or a fixed one for a name that does not exist, which costs
 * the same time). A login that is not worth it is refused by srv_login
 * without any hash being computed. */
bool auth_login_check_due(sqlite3 *db, int64_t device, const char *user, int64_t now,
			  char hash[crypto_pwhash_STRBYTES]);

#endif
