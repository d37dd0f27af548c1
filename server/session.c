/* session.c — resolving the acting device and user for each request. The
 * client never names itself: the device comes from the CURVE key the ZAP
 * handler accepted, the user from the session bound to that device. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "log.h"
#include "store/session.h"

int session_load_user(srv_ctx_t *c, int64_t uid)
{
	store_actor_t a;
	store_rc_t rc = store_actor_get(c->db, uid, &a);

	if (rc == STORE_ERROR)
		return -2;
	if (rc != STORE_OK || a.disabled)
		return -1;
	c->user_id = uid;
	snprintf(c->username, sizeof c->username, "%s", a.username);
	c->roles = a.roles;
	c->unit_id = a.unit_id;
	snprintf(c->unit_path, sizeof c->unit_path, "%s", a.unit_path);
	c->must_change = a.must_change;
	c->unit_office = a.unit_office;
	return 0;
}

/* End the device's session inside its own small transaction, audited. */
static void s_end(srv_ctx_t *c, int64_t uid, const char *why)
{
	if (store_begin(c->db) != STORE_OK)
		return;
	session_load_user(c, uid); /* for the audit row's actor, if still enabled */
	if (store_session_end(c->db, c->device_id) != STORE_OK ||
	    audit_log(c, "session.end", why, json_pack("{s:I}", "device", (json_int_t)c->device_id)) != 0 ||
	    store_commit(c->db) != STORE_OK) {
		store_rollback(c->db); /* the session stays, to be ended at the next request */
		c->audit_failed = false;
		log_error("device %lld: session end (%s) not written", (long long)c->device_id, why);
	}
	c->user_id = 0;
	c->roles = 0;
	c->unit_path[0] = 0;
	c->unit_office = false;
	log_info("device %lld: session ended (%s)", (long long)c->device_id, why);
}

session_state_t session_peer_state(store_t *db, const srv_config_t *cfg, int64_t device, int64_t user, int64_t now)
{
	store_peer_t p;

	if (store_peer_get(db, device, &p) != STORE_OK || p.revoked)
		return SESSION_REVOKED; /* a device revoked or no more */
	if (!user)
		return SESSION_LIVE; /* nothing user-bound to lose */
	if (p.user_id != user || p.disabled || now - p.last_active >= cfg->session_idle_seconds)
		return SESSION_ENDED;
	return SESSION_LIVE;
}

proto_err_t session_identify(srv_ctx_t *c, const char *user_id)
{
	store_device_t dev = {.revoked = true};
	int64_t uid = 0, last = 0;

	c->principal = user_id;
	if (strncmp(user_id, "k:", 2) == 0) {
		c->device_key = user_id + 2;
		return E_OK;
	}
	if (strncmp(user_id, "d:", 2) != 0)
		return E_NOT_ENROLLED;
	c->device_id = strtoll(user_id + 2, NULL, 10);
	store_device_get(c->db, c->device_id, &dev);
	if (dev.revoked) { /* or no more */
		c->device_id = 0;
		return E_REVOKED;
	}
	c->device_unit = dev.unit_id;
	switch (store_session_get(c->db, c->device_id, &uid, &last)) {
	case STORE_OK:
		break;
	case STORE_ERROR: /* the store failed: the client retries; its session is not ended, nor taken for none */
		log_error("device %lld: its session could not be read: %s", (long long)c->device_id, store_errmsg(c->db));
		return E_INTERNAL;
	default:
		return E_OK;
	}
	if (!uid)
		return E_OK;
	if (c->now - last >= c->cfg->session_idle_seconds) {
		s_end(c, uid, "idle");
		return E_OK;
	}
	switch (session_load_user(c, uid)) {
	case 0:
		break;
	case -2:
		log_error("device %lld: its official could not be read: %s", (long long)c->device_id, store_errmsg(c->db));
		return E_INTERNAL;
	default:
		s_end(c, uid, "disabled");
		return E_OK;
	}
	/* keep idle tracking cheap: at most one write per 30 s (sooner when the
	 * idle limit itself is short) */
	if (c->now - last >= (c->cfg->session_idle_seconds < 120 ? c->cfg->session_idle_seconds / 4 : 30)) {
		store_session_touch(c->db, c->device_id, c->now);
	}
	return E_OK;
}
