/* org.c — units and officials: the org tree (any depth, materialised paths
 * for subtree scope) and the accounts in it. Admins manage only their own
 * subtree; the server console manages everything. */
#include "org.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db.h"
#include "log.h"
#include "password.h"
#include "text.h"

int org_unit(store_t *db, const char *code, int64_t *id, char *path, size_t n)
{
	sqlite3_stmt *st = db_q(db, "SELECT id, path FROM units WHERE code=?", "s", code);
	int rc = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(path, n, "%s", (const char *)sqlite3_column_text(st, 1));
		rc = 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* Turn the roles mask and 0/1 columns of a user row into JSON types. */
static json_t *s_user_fix(json_t *u)
{
	json_object_set_new(u, "roles", proto_roles_json((int)json_integer_value(json_object_get(u, "roles"))));
	json_object_set_new(u, "must_change", json_boolean(json_integer_value(json_object_get(u, "must_change"))));
	json_object_set_new(u, "disabled", json_boolean(json_integer_value(json_object_get(u, "disabled"))));
	return u;
}

json_t *org_user_json(store_t *db, int64_t uid)
{
	static const char sql[] =
		"SELECT u.id, u.username, u.name, t.code AS unit, t.name AS unit_name, t.level AS unit_level, u.roles, "
		"u.must_change, u.disabled, "
		"(SELECT max(l.locked_until) FROM login_locks l WHERE l.username=u.username) AS locked_until "
		"FROM users u JOIN units t ON t.id=u.unit_id WHERE u.id=?";
	sqlite3_stmt *st = db_q(db, sql, "i", uid);
	json_t *u = db_row(st);
	if (st)
		sqlite3_reset(st);
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
	int64_t pid = 0, id;
	char ppath[512] = "/", path[600];

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
	if (db_int(c->db, "SELECT 1 FROM units WHERE code=?", 0, "s", code)) {
		c->bad_field = "code";
		return E_EXISTS;
	}
	/* the path needs the new id: insert with a unique placeholder, then fix */
	if (db_exec(c->db, "INSERT INTO units(code, name, level, parent_id, path, created) VALUES(?,?,?,?,?,?)",
		    pid ? "sssisi" : "sssssi", code, name, level, pid ? pid : 0, code, c->now) != SQLITE_DONE)
		return E_INTERNAL;
	id = db_last_id(c->db);
	snprintf(path, sizeof path, "%s%lld/", ppath, (long long)id);
	if (db_exec(c->db, "UPDATE units SET path=? WHERE id=?", "si", path, id) != SQLITE_DONE)
		return E_INTERNAL;
	audit_log(c, "unit.add", code, json_pack("{s:s, s:s, s:s?}", "name", name, "level", level, "parent", parent));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "unit", "code", code), path, 0);
	*reply = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code", code, "path", path);
	return E_OK;
}

proto_err_t srv_unit_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	static const char sql[] =
		"SELECT u.code, u.name, u.level, p.code AS parent, "
		"length(u.path) - length(replace(u.path, '/', '')) - 2 AS depth, "
		"(SELECT count(*) FROM users x WHERE x.unit_id=u.id) AS users "
		"FROM units u LEFT JOIN units p ON p.id=u.parent_id WHERE u.path LIKE ? || '%' ORDER BY u.path";
	const char *root = json_string_value(json_object_get(req, "root"));
	char path[512] = "/";
	int64_t id;

	(void)c;
	if (root && org_unit(c->db, root, &id, path, sizeof path) != 0) {
		c->bad_field = "root";
		return E_NOT_FOUND;
	}
	*reply = json_pack("{s:o}", "units", db_rows(db_q(c->db, sql, "s", path)));
	return E_OK;
}

/* --- users --- */

/* Look up a user by username and check it is inside c's scope. */
static proto_err_t s_target(srv_ctx_t *c, json_t *req, int64_t *uid)
{
	const char *username = json_string_value(json_object_get(req, "username"));
	sqlite3_stmt *st = db_q(c->db, "SELECT u.id, t.path FROM users u JOIN units t ON t.id=u.unit_id WHERE username=?",
				"s", username);
	proto_err_t e = E_NOT_FOUND;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		*uid = sqlite3_column_int64(st, 0);
		e = srv_in_scope(c, (const char *)sqlite3_column_text(st, 1)) ? E_OK : E_OUT_OF_SCOPE;
	}
	if (st)
		sqlite3_reset(st);
	if (e == E_NOT_FOUND)
		c->bad_field = "username";
	return e;
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
	char *fold;
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
	if (db_int(c->db, "SELECT 1 FROM users WHERE username=?", 0, "s", username)) {
		c->bad_field = "username";
		return E_EXISTS;
	}
	*reply = json_object();
	if ((e = s_initial_password(c, req, hash, *reply)) != E_OK)
		return e;
	fold = text_fold(name, strlen(name));
	if (!fold || db_exec(c->db,
			     "INSERT INTO users(username, name, name_fold, unit_id, roles, pwhash, must_change, created) "
			     "VALUES(?,?,?,?,?,?,1,?)",
			     "sssiisi", username, name, fold, unit_id, (int64_t)roles, hash, c->now) != SQLITE_DONE) {
		free(fold);
		return E_INTERNAL;
	}
	free(fold);
	uid = db_last_id(c->db);
	audit_log(c, "user.add", username,
		  json_pack("{s:s, s:s, s:O}", "name", name, "unit", unit, "roles", json_object_get(req, "roles")));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "user", "username", username), path, 0);
	json_object_set_new(*reply, "id", json_integer(uid));
	json_object_set_new(*reply, "username", json_string(username));
	return E_OK;
}

proto_err_t srv_user_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	static const char sql[] =
		"SELECT u.id, u.username, u.name, t.code AS unit, t.name AS unit_name, t.level AS unit_level, u.roles, "
		"u.must_change, u.disabled, "
		"(SELECT max(l.locked_until) FROM login_locks l WHERE l.username=u.username) AS locked_until "
		"FROM users u JOIN units t ON t.id=u.unit_id "
		"WHERE t.path LIKE ? || '%' ORDER BY t.path, u.username";
	const char *unit = json_string_value(json_object_get(req, "unit"));
	char path[512];
	json_t *rows, *u;
	size_t i;
	proto_err_t e;

	if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
		return e;
	rows = db_rows(db_q(c->db, sql, "s", path));
	json_array_foreach(rows, i, u) s_user_fix(u);
	*reply = json_pack("{s:o}", "users", rows);
	return E_OK;
}

/* End every session of user uid and tell its devices. */
static void s_end_sessions(srv_ctx_t *c, int64_t uid, const char *why)
{
	db_exec(c->db, "DELETE FROM sessions WHERE user_id=?", "i", uid);
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
	if (db_exec(c->db, "UPDATE users SET disabled=? WHERE id=?", "ii", (int64_t)disabled, uid) != SQLITE_DONE)
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
	if (db_exec(c->db, "UPDATE users SET pwhash=?, must_change=1 WHERE id=?", "si", hash, uid) != SQLITE_DONE ||
	    db_exec(c->db, "DELETE FROM login_locks WHERE username=?", "s", username) != SQLITE_DONE)
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
	if (db_exec(c->db, "DELETE FROM login_locks WHERE username=?", "s", username) != SQLITE_DONE)
		return E_INTERNAL;
	n = db_changes(c->db);
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
	if (db_exec(c->db, "UPDATE users SET roles=? WHERE id=?", "ii", (int64_t)roles, uid) != SQLITE_DONE)
		return E_INTERNAL;
	audit_log(c, "user.roles", username, json_pack("{s:O}", "roles", json_object_get(req, "roles")));
	srv_event(c, EV_org_changed, json_pack("{s:s, s:s}", "what", "user", "username", username), c->unit_path, 0);
	return E_OK;
}
