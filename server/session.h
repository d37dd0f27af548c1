/* session.h — who is asking: the device from the handshake's User-Id, the
 * user from the server's session table, idle expiry. */
#ifndef CONGVU_SESSION_H
#define CONGVU_SESSION_H

#include "srv.h"

/* Fill c's actor fields from the ZAP User-Id ("d:<id>" or "k:<key>") and the
 * session table. Ends idle sessions (audited) and sessions of disabled
 * users. E_REVOKED when the device was revoked since the handshake. */
proto_err_t session_identify(srv_ctx_t *c, const char *user_id);

typedef enum { SESSION_LIVE, SESSION_ENDED, SESSION_REVOKED } session_state_t;

/* What a connected peer of device, last seen acting as user (0: nobody),
 * may still receive at now: SESSION_REVOKED when the device was revoked,
 * SESSION_ENDED when user no longer has a live session on it (logged out,
 * replaced, idle past the limit, disabled), else SESSION_LIVE. */
session_state_t session_peer_state(store_t *db, const srv_config_t *cfg, int64_t device, int64_t user, int64_t now);

/* Load user uid's roles, unit and path into c. 0 on success; -1 when the
 * user is no more or disabled; -2 when the store could not say (a
 * transient error: not a reason to end anyone's session). */
int session_load_user(srv_ctx_t *c, int64_t uid);

#endif
