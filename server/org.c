/* org.c — units and officials: the org tree (any depth, materialised paths
 * for subtree scope) and the accounts in it. Admins manage only their own
 * subtree; the server console manages everything. */
#include "org.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "log.h"
#include "password.h"
#include "store/login.h"
#include "store/org.h"
#include "store/session.h"

int org_unit(store_t *db, const char *code, int64_t *id, char *path, size_t n)
{
	return store_unit_find(db, code, id, path, n) == STORE_OK ? 0 : -1;
}

/* The roles mask of a user record as the protocol's role names. */
static json_t *s_user_fix(json_t *u)
{
	json_object_set_new(u, "roles", proto_roles_json((int)json_integer_value(json_object_get(u, "roles"))));
	return u;
}

json_t *org_user_json(store_t *db, int64_t uid)
{
	json_t *u = store_user_get(db, uid);
	return u ? s_user_fix(u) : NULL;
}

int org_hash_password(const char *pw, char *out)
{
	return password_hash(pw, out);
}

void org_temp_password(char out[13])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	for (int i = 0; i < 12; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[12] = 0;
}

static bool s_ident_ok(const char *s, size_t min, const char *extra)
{
	size_t n = strlen(s);
	if (n < min)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	return true;
}

proto_err_t org_scope(srv_ctx_t *c, const char *unit, char *path, size_t n)
{
	int64_t id;

	snprintf(path, n, "%s", c->console ? "/" : c->unit_path);
	if (!unit)
		return E_OK;
	if (org_unit(c->db, unit, &id, path, n) != 0) {
		c->bad_field = "unit";
		return E_NOT_FOUND;
	}
	return srv_in_scope(c, path) ? E_OK : E_OUT_OF_SCOPE;
}

/* --- units --- */

proto_err_t srv_unit_add(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *code = json_string_value(json_object_get(req, "code"));
	const char *name = json_string_value(json_object_get(req, "name"));
	const char *level = json_string_value(json_object_get(req, "level"));
	const char *parent = json_string_value(json_object_get(req, "parent"));
	bool office = json_is_true(json_object_get(req, "office"));
	int64_t pid = 0, id;
	char ppath[512] = "/", path[600];
	store_rc_t rc;

	if (!s_ident_ok(code, 1, ".-")) {
		c->bad_field = "code";
		return E_INVALID;
	}
	if (!*name || !*level) {
		c->bad_field = !*name ? "name" : "level";
		return E_INVALID;
	}
	if (parent && org_unit(c->db, parent, &pid, ppath, sizeof ppath) != 0) {
		c->bad_field = "parent";
		return E_NOT_FOUND;
	}
	if (!parent && !c->console)
		return E_NOT_ALLOWED; /* a new root only from the server console */
	if (parent && !srv_in_scope(c, ppath))
		return E_OUT_OF_SCOPE;
	if (office && !parent) {
		c->bad_field = "office";
		snprintf(c->detail, sizeof c->detail, "Đơn vị gốc không là văn phòng của đơn vị nào");
		return E_INVALID;
	}
	rc = store_unit_add(c->db, code, name, level, pid, ppath, office, c->now, &id, path, sizeof path);
	if (rc == STORE_EXISTS) {
		c->bad_field = "code";
		return E_EXISTS;
	}
	if (rc != STORE_OK)
		return E_INTERNAL;
	audit_log(c, "unit.add", code,
	          json_pack("{s:s, s:s, s:s?, s:b}", "name", name, "level", level, "parent", parent, "office", office));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "unit", "code", code), path, 0);
	*reply = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code", code, "path", path);
	return E_OK;
}

proto_err_t srv_unit_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *root = json_string_value(json_object_get(req, "root"));
	char path[512] = "/";
	int64_t id;

	if (root && org_unit(c->db, root, &id, path, sizeof path) != 0) {
		c->bad_field = "root";
		return E_NOT_FOUND;
	}
	/* pickers: a root outside the official's scope, or none, is the official's own unit */
	if (json_is_true(json_object_get(req, "scope")) && !c->console && (!root || !srv_in_scope(c, path)))
		snprintf(path, sizeof path, "%s", c->unit_path);
	*reply = json_pack("{s:o}", "units", store_unit_list(c->db, path));
	return E_OK;
}

/* --- users --- */

/* Look up a user by username and check it is inside c's scope. */
static proto_err_t s_target(srv_ctx_t *c, json_t *req, int64_t *uid)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	char path[512];

	if (store_user_find(c->db, username, uid, path, sizeof path) != STORE_OK) {
		c->bad_field = "username";
		return E_NOT_FOUND;
	}
	return srv_in_scope(c, path) ? E_OK : E_OUT_OF_SCOPE;
}

/* The password to set: the one asked for (at least 8 characters) or a
 * fresh temporary one, returned in the reply so the admin can hand it on.
 * Over the wire the temporary one was made up, and hashed, before the
 * request was dispatched (batch.c: c->pw_generated, c->pw_new_hash); the
 * console makes it up here. */
static proto_err_t s_initial_password(srv_ctx_t *c, json_t *req, char *hash, json_t *reply)
{
	const char *given = json_string_value(json_object_get(req, "password"));
	const char *pw = given ? given : c->pw_generated;
	char tmp[13];
	proto_err_t e;

	if (given && strlen(given) < 8) {
		c->bad_field = "password";
		return E_WEAK_PASSWORD;
	}
	if (!pw && c->console) {
		org_temp_password(tmp);
		pw = tmp;
	}
	if ((e = auth_new_hash(c, pw, hash)) != E_OK)
		return e;
	if (!given)
		json_object_set_new(reply, "password", json_string(pw));
	return E_OK;
}

proto_err_t srv_user_add(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	const char *name = json_string_value(json_object_get(req, "name"));
	const char *unit = json_string_value(json_object_get(req, "unit"));
	int roles = proto_roles_parse(json_object_get(req, "roles"));
	char path[512], hash[crypto_pwhash_STRBYTES];
	int64_t unit_id, uid;
	proto_err_t e;

	if (strlen(username) > 32 || !s_ident_ok(username, 3, "._") || strpbrk(username, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
		c->bad_field = "username";
		return E_INVALID;
	}
	if (!*name || roles < 0) {
		c->bad_field = !*name ? "name" : "roles";
		return E_INVALID;
	}
	if (org_unit(c->db, unit, &unit_id, path, sizeof path) != 0) {
		c->bad_field = "unit";
		return E_NOT_FOUND;
	}
	if (!srv_in_scope(c, path))
		return E_OUT_OF_SCOPE;
	if (store_user_exists(c->db, username) == STORE_OK) {
		c->bad_field = "username";
		return E_EXISTS;
	}
	*reply = json_object();
	if ((e = s_initial_password(c, req, hash, *reply)) != E_OK)
		return e;
	if (store_user_add(c->db, username, name, unit_id, roles, hash, c->now, &uid) != STORE_OK)
		return E_INTERNAL;
	audit_log(c, "user.add", username,
		  json_pack("{s:s, s:s, s:O}", "name", name, "unit", unit, "roles", json_object_get(req, "roles")));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "user", "username", username), path, 0);
	json_object_set_new(*reply, "id", json_integer(uid));
	json_object_set_new(*reply, "username", json_string(username));
	return E_OK;
}

proto_err_t srv_user_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	char path[512];
	json_t *rows, *u;
	size_t i;
	proto_err_t e;

	if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
		return e;
	rows = store_user_list(c->db, path);
	json_array_foreach(rows, i, u) s_user_fix(u);
	*reply = json_pack("{s:o}", "users", rows);
	return E_OK;
}

/* End every session of user uid and tell its devices. */
static void s_end_sessions(srv_ctx_t *c, int64_t uid, const char *why)
{
	store_session_end_user(c->db, uid);
	c->sessions_changed = true;
	srv_event(c, EV_session_ended, json_pack("{s:s}", "reason", why), NULL, uid);
}

static proto_err_t s_set_disabled(srv_ctx_t *c, json_t *req, int disabled)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	int64_t uid;
	proto_err_t e = s_target(c, req, &uid);

	if (e != E_OK)
		return e;
	if (disabled && uid == c->user_id)
		return E_NOT_ALLOWED; /* an admin cannot lock themselves out */
	if (store_user_set_disabled(c->db, uid, disabled) != STORE_OK)
		return E_INTERNAL;
	if (disabled)
		s_end_sessions(c, uid, "disabled");
	audit_log(c, disabled ? "user.disable" : "user.enable", username, NULL);
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "user", "username", username), c->unit_path, 0);
	return E_OK;
}

proto_err_t srv_user_disable(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)reply;
	return s_set_disabled(c, req, 1);
}

proto_err_t srv_user_enable(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)reply;
	return s_set_disabled(c, req, 0);
}

proto_err_t srv_user_reset(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	char hash[crypto_pwhash_STRBYTES];
	int64_t uid;
	proto_err_t e = s_target(c, req, &uid);

	if (e != E_OK)
		return e;
	*reply = json_pack("{s:s}", "username", username);
	if ((e = s_initial_password(c, req, hash, *reply)) != E_OK)
		return e;
	if (store_login_set_password(c->db, uid, hash, true) != STORE_OK ||
	    store_login_lock_clear_all(c->db, username, NULL) != STORE_OK)
		return E_INTERNAL;
	s_end_sessions(c, uid, "password reset");
	audit_log(c, "user.reset", username, NULL);
	return E_OK;
}

proto_err_t srv_user_unlock(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	int64_t uid;
	proto_err_t e = s_target(c, req, &uid);
	int n;

	if (e != E_OK)
		return e;
	if (store_login_lock_clear_all(c->db, username, &n) != STORE_OK)
		return E_INTERNAL;
	audit_log(c, "user.unlock", username, json_pack("{s:i}", "devices", n));
	log_info("user %s unlocked by %s on %d device(s)", username, c->console ? "console" : c->username, n);
	*reply = json_pack("{s:s, s:i}", "username", username, "devices", n);
	return E_OK;
}

proto_err_t srv_user_roles(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	int roles = proto_roles_parse(json_object_get(req, "roles"));
	int64_t uid;
	proto_err_t e = s_target(c, req, &uid);

	(void)reply;
	if (e != E_OK)
		return e;
	if (roles < 0) {
		c->bad_field = "roles";
		return E_INVALID;
	}
	if (uid == c->user_id && !(roles & ROLE_ADMIN))
		return E_NOT_ALLOWED; /* keep at least the acting admin */
	if (store_user_set_roles(c->db, uid, roles) != STORE_OK)
		return E_INTERNAL;
	audit_log(c, "user.roles", username, json_pack("{s:O}", "roles", json_object_get(req, "roles")));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "user", "username", username), c->unit_path, 0);
	return E_OK;
}
