/* auth.h — what the serve loop needs of login, passwd and the accounts'
 * handlers to do their password work off its thread (batch.c, password.c)
 * before they are dispatched, and what those handlers share of it. */
#ifndef CONGVU_AUTH_H
#define CONGVU_AUTH_H

#include <sodium.h>
#include "store/store.h"
#include <stdbool.h>
#include <stdint.h>

#include "batch.h"
#include "srv.h"

/* Is a login of user from device worth a password check at now: the
 * device exists and is not revoked, and the name is not locked out on it?
 * When it is, hash gets what the password is checked against (the user's
 * stored hash, or a fixed one for a name that does not exist, which costs
 * the same time). A login that is not worth it is refused by srv_login
 * without any hash being computed. */
bool auth_login_check_due(store_t *db, int64_t device, const char *user, int64_t now,
			  char hash[crypto_pwhash_STRBYTES]);

/* Is a request of device that acts as its session's user (a message with
 * flags, from proto_msgs.def) worth password work at now: the device is
 * not revoked, its session is live (not idle past the limit, the user not
 * disabled), the user may send it (P_PWOK, or no password to change;
 * P_ADMIN, the admin role) and, when check (a password of it is checked
 * against the user's), the user's name is not locked out on the device?
 * When it is, hash gets the user's stored hash. One that is not is
 * refused by dispatch without any hash being computed. */
bool auth_session_work_due(store_t *db, const srv_config_t *cfg, int64_t device, int flags, bool check,
			   int64_t now, char hash[crypto_pwhash_STRBYTES]);

/* A request's password work, as a kind of slow work (batch.h, the param of
 * its entries in batch.c's table): the body field checked against a stored
 * hash, which is the user's named by the body field `of` (a login, before
 * any session) or else the session user's; and the body field hashed as
 * the new password the handler stores (when the body has none, one made
 * up before parking, which the handler hands back). */
typedef struct {
	const char *check; /* NULL: nothing checked */
	const char *of;    /* NULL: the session user's hash */
	const char *hash;  /* NULL: nothing hashed */
} auth_pw_work_t;

/* The kind's due function (loop's thread): auth_login_check_due or
 * auth_session_work_due, then a password_job_t with the stored hash, the
 * password and the new one (made up when the body gave none). */
void *auth_pw_due(const batch_req_t *r, store_t *db, const srv_config_t *cfg, const void *param);

/* Its continuation: c->pw_hash, pw_verdict, pw_new_hash and pw_generated
 * from the password_job_t job (pointing into it). */
void auth_pw_resume(srv_ctx_t *c, const void *job);

/* The hash of pw, the request's new password, into hash: the one the
 * worker computed (c->pw_new_hash); the console, in its own process,
 * computes it here. Else E_BUSY (logged): the serve loop never hashes. */
proto_err_t auth_new_hash(srv_ctx_t *c, const char *pw, char hash[crypto_pwhash_STRBYTES]);

#endif
