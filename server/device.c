/* device.c — devices: one-time invites, enrollment of a client's CURVE key,
 * listing and revocation. A device is bound to a unit and serves only that
 * unit's subtree; a revoked key is refused at the handshake (zap.c). */
#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "log.h"
#include "org.h"
#include "store/device.h"
#include "store/session.h"

#define INVITE_PREFIX "congvu1:"

static void s_token_hash(const char *token, unsigned char out[STORE_INVITE_HASH])
{
	crypto_generichash(out, STORE_INVITE_HASH, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* The endpoint congvud last served on (recorded by serve), else the
 * configured listen address. */
static const char *s_endpoint(store_t *db, const srv_config_t *cfg)
{
	static char ep[256];

	if (store_endpoint_get(db, ep, sizeof ep) != STORE_OK)
		snprintf(ep, sizeof ep, "%s", cfg->listen);
	return ep;
}

proto_err_t srv_device_invite(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *endpoint = json_string_value(json_object_get(req, "endpoint"));
	json_t *hv = json_object_get(req, "expires");
	int64_t hours = hv ? json_integer_value(hv) : c->cfg->invite_default_hours, unit_id, invite;
	unsigned char raw[24], hash[STORE_INVITE_HASH];
	char token[sizeof raw * 2 + 1], path[512], plain[1024], *b64;
	size_t b64len;

	if (org_unit(c->db, unit, &unit_id, path, sizeof path) != 0) {
		c->bad_field = "unit";
		return E_NOT_FOUND;
	}
	if (!srv_in_scope(c, path))
		return E_OUT_OF_SCOPE;
	if (hours < 1) {
		c->bad_field = "expires";
		return E_INVALID;
	}
	if (!endpoint)
		endpoint = c->cfg->advertise;
	if (!endpoint[0]) /* not configured: where the daemon last listened */
		endpoint = s_endpoint(c->db, c->cfg);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, sizeof token, raw, sizeof raw);
	s_token_hash(token, hash);
	if (store_invite_add(c->db, hash, unit_id, c->user_id, c->now, c->now + hours * 3600, &invite) != STORE_OK)
		return E_INTERNAL;
	/* endpoint, server key and token travel together, as SSH would pin a host key */
	snprintf(plain, sizeof plain, "%s\n%s\n%s", endpoint, c->cfg->server_pub, token);
	b64len = sodium_base64_ENCODED_LEN(strlen(plain), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	b64 = malloc(sizeof INVITE_PREFIX + b64len);
	if (!b64)
		return E_INTERNAL;
	strcpy(b64, INVITE_PREFIX);
	sodium_bin2base64(b64 + strlen(INVITE_PREFIX), b64len, (const unsigned char *)plain, strlen(plain),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	audit_log(c, "device.invite", unit,
		  json_pack("{s:I, s:I}", "invite", (json_int_t)invite, "hours", (json_int_t)hours));
	*reply = json_pack("{s:s, s:s, s:s, s:I}", "invite", b64, "unit", unit, "endpoint", endpoint, "expires",
			   (json_int_t)(c->now + hours * 3600));
	free(b64);
	return E_OK;
}

proto_err_t srv_enroll(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *token = json_string_value(json_object_get(req, "token"));
	const char *name = json_string_value(json_object_get(req, "name"));
	unsigned char hash[STORE_INVITE_HASH];
	int64_t invite = 0, unit_id = 0, dev;
	char unit[64] = "";

	s_token_hash(token, hash);
	/* the same enroll again (its reply lost): the invite it used names this
	 * very device, so it gets the same answer, whether it asks on the
	 * connection it enrolled on or on a new one */
	if (store_invite_device(c->db, hash, c->device_key, c->device_id, &dev, unit, sizeof unit) == STORE_OK) {
		*reply = json_pack("{s:I, s:s}", "device", (json_int_t)dev, "unit", unit);
		return E_OK;
	}
	if (!c->device_key)
		return c->device_id ? E_EXISTS : E_NOT_ENROLLED;
	/* an invalid one is summed per minute into one audit row (guard.c, by batch.c) */
	if (store_invite_find(c->db, hash, c->now, &invite, &unit_id, unit, sizeof unit) != STORE_OK)
		return E_INVITE_INVALID;
	if (store_device_add(c->db, c->device_key, name ? name : "?", unit_id, c->now, &dev) != STORE_OK)
		return E_EXISTS;
	if (store_invite_use(c->db, invite, c->now, dev) != STORE_OK)
		return E_INTERNAL;
	c->device_id = dev;
	audit_log(c, "device.enroll", unit, json_pack("{s:I, s:s, s:s?}", "device", (json_int_t)dev, "key", c->device_key,
						     "name", name));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:I}", "what", "device", "id", (json_int_t)dev), NULL, 0);
	*reply = json_pack("{s:I, s:s}", "device", (json_int_t)dev, "unit", unit);
	return E_OK;
}

proto_err_t srv_device_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)req;
	*reply = json_pack("{s:o}", "devices", store_device_list(c->db, c->console ? "/" : c->unit_path));
	return E_OK;
}

/* The device req's id names, in the admin's scope: E_OK with its unit's
 * path in path (n bytes). */
static proto_err_t s_find(srv_ctx_t *c, const json_t *req, int64_t *id, char *path, size_t n)
{
	*id = json_integer_value(json_object_get(req, "id"));
	path[0] = '\0';
	store_device_path(c->db, *id, path, n);
	if (!path[0]) {
		c->bad_field = "id";
		return E_NOT_FOUND;
	}
	return srv_in_scope(c, path) ? E_OK : E_OUT_OF_SCOPE;
}

proto_err_t srv_device_rename(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *name = json_string_value(json_object_get(req, "name"));
	char path[512];
	int64_t id;
	proto_err_t e = s_find(c, req, &id, path, sizeof path);

	if (e != E_OK)
		return e;
	if (!name || !*name) {
		c->bad_field = "name";
		return E_INVALID;
	}
	if (store_device_rename(c->db, id, name) != STORE_OK)
		return E_INTERNAL;
	audit_log(c, "device.rename", path, json_pack("{s:I, s:s}", "device", (json_int_t)id, "name", name));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:I}", "what", "device", "id", (json_int_t)id), path, 0);
	*reply = json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name);
	return E_OK;
}

proto_err_t srv_device_revoke(srv_ctx_t *c, json_t *req, json_t **reply)
{
	int64_t id, uid = 0, last;
	char path[512];
	proto_err_t e = s_find(c, req, &id, path, sizeof path);

	(void)reply;
	if (e != E_OK)
		return e;
	if (id == c->device_id)
		return E_NOT_ALLOWED; /* revoking the device you are using would strand you */
	store_session_get(c->db, id, &uid, &last); /* uid stays 0 when nobody is logged in on it */
	if (store_device_revoke(c->db, id) != STORE_OK || store_session_end(c->db, id) != STORE_OK)
		return E_INTERNAL;
	c->sessions_changed = true; /* its connections are closed after the commit */
	if (uid)
		srv_event(c, EV_session_ended, json_pack("{s:s}", "reason", "device revoked"), NULL, uid);
	audit_log(c, "device.revoke", path, json_pack("{s:I}", "device", (json_int_t)id));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:I}", "what", "device", "id", (json_int_t)id), path, 0);
	return E_OK;
}
