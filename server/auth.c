/* auth.c — hello, ping, login, logout, passwd, whoami: the session life.
 * Failed logins count towards a lockout; every outcome is audited, and the
 * transaction is kept on failure so the count and the audit row persist. */
#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "dashboard.h"
#include "db.h"
#include "log.h"
#include "org.h"
#include "session.h"

proto_err_t srv_hello(srv_ctx_t *c, json_t *req, json_t **reply)
{
	if (json_integer_value(json_object_get(req, "version")) != PROTO_VERSION) {
		c->bad_field = "version";
		return E_VERSION;
	}
	*reply = json_pack("{s:i, s:s, s:I, s:b, s:b}", "version", PROTO_VERSION, "server", "congvud " CONGVU_VERSION,
			   "time", (json_int_t)c->now, "enrolled", c->device_id != 0, "logged_in", c->user_id != 0);
	return E_OK;
}

proto_err_t srv_ping(srv_ctx_t *c, json_t *req, json_t **reply)
{
	json_t *p = json_object_get(req, "payload");
	*reply = json_pack("{s:I, s:O?}", "time", (json_int_t)c->now, "payload", p);
	return E_OK;
}

static const char SQL_FIND[] = "SELECT u.id, u.pwhash, u.disabled, u.failed, u.locked_until, t.path "
			       "FROM users u JOIN units t ON t.id=u.unit_id WHERE u.username=?";
static const char SQL_FAIL[] = "UPDATE users SET failed=?, locked_until=? WHERE id=?";
static const char SQL_OK[] = "UPDATE users SET failed=0, locked_until=0 WHERE id=?";
static const char SQL_BIND[] = "INSERT OR REPLACE INTO sessions(device_id, user_id, started, last_active) VALUES(?,?,?,?)";
static const char SQL_DEVPATH[] = "SELECT path FROM units WHERE id=?";

/* A fixed Argon2id hash verified when the user does not exist, so that an
 * unknown name costs the same time as a wrong password. */
static const char *s_dummy_hash(void)
{
	static char h[crypto_pwhash_STRBYTES];
	if (!h[0])
		org_hash_password("congvu-dummy-password", h);
	return h;
}

void auth_login_hash(sqlite3 *db, const char *user, char hash[crypto_pwhash_STRBYTES])
{
	sqlite3_stmt *st = db_q(db, "SELECT pwhash FROM users WHERE username=?", "s", user);
	hash[0] = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(hash, crypto_pwhash_STRBYTES, "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	if (!hash[0])
		snprintf(hash, crypto_pwhash_STRBYTES, "%s", s_dummy_hash());
}

/* A verdict computed off the loop for one login (auth_verdict). */
static struct {
	const char *pw;
	char hash[crypto_pwhash_STRBYTES];
	bool ok;
} s_verdict;

void auth_verdict(const char *hash, const char *pw, bool ok)
{
	s_verdict.pw = pw;
	snprintf(s_verdict.hash, sizeof s_verdict.hash, "%s", hash ? hash : "");
	s_verdict.ok = ok;
}

/* Does pw match hash: the verdict handed over for this very request when
 * there is one for the same hash (a password changed since is checked
 * again), else computed here. */
static bool s_check(const char *hash, const char *pw)
{
	if (s_verdict.pw && s_verdict.pw == pw && strcmp(s_verdict.hash, hash) == 0)
		return s_verdict.ok;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

proto_err_t srv_login(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *user = json_string_value(json_object_get(req, "user"));
	const char *pw = json_string_value(json_object_get(req, "password"));
	sqlite3_stmt *st = db_q(c->db, SQL_FIND, "s", user);
	int64_t uid = 0, locked = 0;
	int disabled = 0, failed = 0, ok;
	char hash[crypto_pwhash_STRBYTES] = "", upath[512] = "", dpath[512] = "";
	sqlite3_stmt *dp;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		uid = sqlite3_column_int64(st, 0);
		snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 1));
		disabled = sqlite3_column_int(st, 2);
		failed = sqlite3_column_int(st, 3);
		locked = sqlite3_column_int64(st, 4);
		snprintf(upath, sizeof upath, "%s", (const char *)sqlite3_column_text(st, 5));
	}
	if (st)
		sqlite3_reset(st);
	c->commit_on_error = true;
	ok = s_check(uid ? hash : s_dummy_hash(), pw);
	if (!uid) {
		audit_log(c, "login.fail", user, json_pack("{s:s}", "reason", "unknown user"));
		return E_BAD_LOGIN;
	}
	if (disabled) {
		audit_log(c, "login.fail", user, json_pack("{s:s}", "reason", "disabled"));
		return E_DISABLED;
	}
	if (locked > c->now) {
		audit_log(c, "login.fail", user, json_pack("{s:s}", "reason", "locked"));
		return E_LOCKED;
	}
	if (!ok) {
		if (++failed >= c->cfg->max_failed_logins) {
			db_exec(c->db, SQL_FAIL, "iii", (int64_t)0, c->now + c->cfg->lockout_seconds, uid);
			audit_log(c, "user.lockout", user, json_pack("{s:i, s:i}", "failures", failed, "seconds",
								    c->cfg->lockout_seconds));
			log_warn("user %s locked out after %d failed logins", user, failed);
			return E_LOCKED;
		}
		db_exec(c->db, SQL_FAIL, "iii", (int64_t)failed, (int64_t)0, uid);
		audit_log(c, "login.fail", user, json_pack("{s:s, s:i}", "reason", "password", "failures", failed));
		return E_BAD_LOGIN;
	}
	/* A device enrolled for a unit serves that unit's subtree only. */
	dp = db_q(c->db, SQL_DEVPATH, "i", c->device_unit);
	if (dp && sqlite3_step(dp) == SQLITE_ROW)
		snprintf(dpath, sizeof dpath, "%s", (const char *)sqlite3_column_text(dp, 0));
	if (dp)
		sqlite3_reset(dp);
	if (!dpath[0] || strncmp(upath, dpath, strlen(dpath)) != 0) {
		audit_log(c, "login.fail", user, json_pack("{s:s}", "reason", "device of another unit"));
		return E_OUT_OF_SCOPE;
	}
	c->commit_on_error = false;
	if (db_exec(c->db, SQL_OK, "i", uid) != SQLITE_DONE ||
	    db_exec(c->db, SQL_BIND, "iiii", c->device_id, uid, c->now, c->now) != SQLITE_DONE ||
	    session_load_user(c, uid) != 0)
		return E_INTERNAL;
	audit_log(c, "login", user, json_pack("{s:I}", "device", (json_int_t)c->device_id));
	*reply = org_user_json(c->db, uid);
	if (*reply)
		dashboard_attach(c, *reply);
	return *reply ? E_OK : E_INTERNAL;
}

proto_err_t srv_logout(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)req;
	(void)reply;
	if (db_exec(c->db, "DELETE FROM sessions WHERE device_id=?", "i", c->device_id) != SQLITE_DONE)
		return E_INTERNAL;
	return audit_log(c, "logout", c->username, NULL) == 0 ? E_OK : E_INTERNAL;
}

proto_err_t srv_passwd(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *old = json_string_value(json_object_get(req, "old"));
	const char *nw = json_string_value(json_object_get(req, "new"));
	char hash[crypto_pwhash_STRBYTES] = "";
	sqlite3_stmt *st = db_q(c->db, "SELECT pwhash FROM users WHERE id=?", "i", c->user_id);

	(void)reply;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	if (crypto_pwhash_str_verify(hash, old, strlen(old)) != 0) {
		c->commit_on_error = true;
		audit_log(c, "passwd.fail", c->username, NULL);
		c->bad_field = "old";
		return E_BAD_LOGIN;
	}
	if (strlen(nw) < 8 || strcmp(nw, old) == 0) {
		c->bad_field = "new";
		return E_WEAK_PASSWORD;
	}
	if (org_hash_password(nw, hash) != 0 ||
	    db_exec(c->db, "UPDATE users SET pwhash=?, must_change=0 WHERE id=?", "si", hash, c->user_id) != SQLITE_DONE)
		return E_INTERNAL;
	c->must_change = false;
	return audit_log(c, "passwd", c->username, NULL) == 0 ? E_OK : E_INTERNAL;
}

proto_err_t srv_whoami(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)req;
	*reply = org_user_json(c->db, c->user_id);
	if (!*reply)
		return E_NOT_FOUND;
	json_object_set_new(*reply, "device", json_integer(c->device_id));
	dashboard_attach(c, *reply);
	return E_OK;
}
