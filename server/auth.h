/* auth.h — what the serve loop needs of login, passwd and the accounts'
 * handlers to do their password work off its thread (batch.c, pwcheck.c)
 * before they are dispatched, and what those handlers share of it. */
#ifndef CONGVU_AUTH_H
#define CONGVU_AUTH_H

#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "srv.h"

/* Is a login of user from device worth a password check at now: the
 * device exists and is not revoked, and the name is not locked out on it?
 * When it is, hash gets what the password is checked against (the user's
 * stored hash, or a fixed one for a name that does not exist, which costs
 * the same time). A login that is not worth it is refused by srv_login
 * without any hash being computed. */
bool auth_login_check_due(sqlite3 *db, int64_t device, const char *user, int64_t now,
			  char hash[crypto_pwhash_STRBYTES]);

/* Is a request of device that acts as its session's user (a message with
 * flags, from proto_msgs.def) worth password work at now: the device is
 * not revoked, its session is live (not idle past the limit, the user not
 * disabled), the user may send it (P_PWOK, or no password to change;
 * P_ADMIN, the admin role) and, when check (a password of it is checked
 * against the user's), the user's name is not locked out on the device?
 * When it is, hash gets the user's stored hash. One that is not is
 * refused by dispatch without any hash being computed. */
bool auth_session_work_due(sqlite3 *db, const srv_config_t *cfg, int64_t device, int flags, bool check,
			   int64_t now, char hash[crypto_pwhash_STRBYTES]);

/* The hash of pw, the request's new password, into hash: the one the
 * worker computed (c->pw_new_hash); the console, in its own process,
 * computes it here. Else E_BUSY (logged): the serve loop never hashes. */
proto_err_t auth_new_hash(srv_ctx_t *c, const char *pw, char hash[crypto_pwhash_STRBYTES]);

#endif
