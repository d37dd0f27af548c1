/* device.c — devices: one-time invites, enrollment of a client's CURVE key,
 * listing and revocation. A device is bound to a unit and serves only that
 * unit's subtree; a revoked key is refused at the handshake (zap.c). */
#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "log.h"
#include "org.h"

#define INVITE_PREFIX "congvu1:"

static void s_token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* The endpoint congvud last served on (recorded by serve), else the
 * configured listen address. */
static const char *s_endpoint(store_t *db, const srv_config_t *cfg)
{
	static char ep[256];
	sqlite3_stmt *st = db_q(db, "SELECT value FROM meta WHERE key='endpoint'", "");
	snprintf(ep, sizeof ep, "%s", st && sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : cfg->listen);
	if (st)
		sqlite3_reset(st);
	return ep;
}

proto_err_t srv_device_invite(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *endpoint = json_string_value(json_object_get(req, "endpoint"));
	json_t *hv = json_object_get(req, "expires");
	int64_t hours = hv ? json_integer_value(hv) : c->cfg->invite_default_hours, unit_id;
	unsigned char raw[24], hash[32];
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
	if (db_exec(c->db, "INSERT INTO invites(token_hash, unit_id, created_by, created, expires) VALUES(?,?,NULLIF(?,0),?,?)",
		    "biiii", (const void *)hash, sizeof hash, unit_id, c->user_id, c->now, c->now + hours * 3600) !=
	    SQLITE_DONE)
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
		  json_pack("{s:I, s:I}", "invite", (json_int_t)db_last_id(c->db), "hours", (json_int_t)hours));
	*reply = json_pack("{s:s, s:s, s:s, s:I}", "invite", b64, "unit", unit, "endpoint", endpoint, "expires",
			   (json_int_t)(c->now + hours * 3600));
	free(b64);
	return E_OK;
}

proto_err_t srv_enroll(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *token = json_string_value(json_object_get(req, "token"));
	const char *name = json_string_value(json_object_get(req, "name"));
	unsigned char hash[32];
	sqlite3_stmt *st;
	int64_t invite = 0, unit_id = 0, dev;
	char unit[64] = "";

	s_token_hash(token, hash);
	/* the same enroll again (its reply lost): the invite it used names this
	 * very device, so it gets the same answer, whether it asks on the
	 * connection it enrolled on or on a new one */
	st = db_q(c->db,
		  "SELECT d.id, u.code FROM invites i JOIN devices d ON d.id=i.device_id JOIN units u ON u.id=d.unit_id "
		  "WHERE i.token_hash=? AND (d.pubkey=? OR d.id=?) AND d.revoked=0",
		  "bsi", (const void *)hash, sizeof hash, c->device_key ? c->device_key : "", c->device_id);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		*reply = json_pack("{s:I, s:s}", "device", (json_int_t)sqlite3_column_int64(st, 0), "unit",
				   (const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		return E_OK;
	}
	if (st)
		sqlite3_reset(st);
	if (!c->device_key)
		return c->device_id ? E_EXISTS : E_NOT_ENROLLED;
	st = db_q(c->db,
		  "SELECT i.id, i.unit_id, u.code FROM invites i JOIN units u ON u.id=i.unit_id "
		  "WHERE i.token_hash=? AND i.used=0 AND i.expires>?",
		  "bi", (const void *)hash, sizeof hash, c->now);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		invite = sqlite3_column_int64(st, 0);
		unit_id = sqlite3_column_int64(st, 1);
		snprintf(unit, sizeof unit, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	if (st)
		sqlite3_reset(st);
	if (!invite) /* summed per minute into one audit row (guard.c, by batch.c) */
		return E_INVITE_INVALID;
	if (db_exec(c->db, "INSERT INTO devices(pubkey, name, unit_id, enrolled) VALUES(?,?,?,?)", "ssii", c->device_key,
		    name ? name : "?", unit_id, c->now) != SQLITE_DONE)
		return E_EXISTS;
	dev = db_last_id(c->db);
	if (db_exec(c->db, "UPDATE invites SET used=?, device_id=? WHERE id=?", "iii", c->now, dev, invite) != SQLITE_DONE)
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
	static const char sql[] = "SELECT d.id, d.name, u.code AS unit, u.name AS unit_name, d.revoked, d.enrolled, "
				  "d.last_seen, substr(d.pubkey, 1, 8) AS key, "
				  "(SELECT x.username FROM sessions s JOIN users x ON x.id=s.user_id WHERE s.device_id=d.id) AS user "
				  "FROM devices d JOIN units u ON u.id=d.unit_id WHERE u.path LIKE ? || '%' ORDER BY d.id";
	(void)req;
	*reply = json_pack("{s:o}", "devices", db_rows(db_q(c->db, sql, "s", c->console ? "/" : c->unit_path)));
	return E_OK;
}

proto_err_t srv_device_revoke(srv_ctx_t *c, json_t *req, json_t **reply)
{
	int64_t id = json_integer_value(json_object_get(req, "id")), uid;
	sqlite3_stmt *st = db_q(c->db, "SELECT u.path FROM devices d JOIN units u ON u.id=d.unit_id WHERE d.id=?", "i", id);
	char path[512] = "";

	(void)reply;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(path, sizeof path, "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	if (!path[0]) {
		c->bad_field = "id";
		return E_NOT_FOUND;
	}
	if (!srv_in_scope(c, path))
		return E_OUT_OF_SCOPE;
	if (id == c->device_id)
		return E_NOT_ALLOWED; /* revoking the device you are using would strand you */
	uid = db_int(c->db, "SELECT user_id FROM sessions WHERE device_id=?", 0, "i", id);
	if (db_exec(c->db, "UPDATE devices SET revoked=1 WHERE id=?", "i", id) != SQLITE_DONE ||
	    db_exec(c->db, "DELETE FROM sessions WHERE device_id=?", "i", id) != SQLITE_DONE)
		return E_INTERNAL;
	c->sessions_changed = true; /* its connections are closed after the commit */
	if (uid)
		srv_event(c, EV_session_ended, json_pack("{s:s}", "reason", "device revoked"), NULL, uid);
	audit_log(c, "device.revoke", path, json_pack("{s:I}", "device", (json_int_t)id));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:I}", "what", "device", "id", (json_int_t)id), path, 0);
	return E_OK;
}
