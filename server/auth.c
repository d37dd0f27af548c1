/* auth.c — hello, ping, login, logout, passwd, whoami: the session life.
 * Wrong passwords (a login's, or the old one of a password change) count
 * towards a lockout of the name on the device; every outcome is audited,
 * and the transaction is kept on failure so the count and the audit row
 * persist. No hash is computed here: the worker did it (batch.c). */
#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "catalog.h"
#include "dashboard.h"
#include "log.h"
#include "org.h"
#include "password.h"
#include "session.h"
#include "store/login.h"
#include "store/org.h"
#include "store/session.h"

_Static_assert(sizeof((store_login_user_t *)0)->pwhash == crypto_pwhash_STRBYTES, "a stored hash fits");

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

/* The hash a name that does not exist is checked against, so that it costs
 * the worker the time of a wrong password (same Argon2id parameters as
 * password_hash; the password behind it was random and thrown away). */
static const char s_dummy_hash[] =
	"$argon2id$v=19$m=65536,t=2,p=1$D89nklNJhdWAbenAo9DroQ$stmF1c1MXFixpqF/29olMic+9aE0qIwSRAh8RnXbSOQ";

/* The stored hash of user into hash (the dummy one when there is none). */
static void s_user_hash(store_t *db, const char *user, char hash[crypto_pwhash_STRBYTES])
{
	hash[0] = 0;
	if (store_login_hash(db, user, hash, crypto_pwhash_STRBYTES) != STORE_OK || !hash[0])
		snprintf(hash, crypto_pwhash_STRBYTES, "%s", s_dummy_hash);
}

/* Until when user is locked out on device (0: not). */
static int64_t s_locked_until(store_t *db, const char *user, int64_t device, int *failed)
{
	int64_t until;

	store_login_lock_get(db, user, device, failed, &until);
	return until;
}

bool auth_login_check_due(store_t *db, int64_t device, const char *user, int64_t now, char hash[crypto_pwhash_STRBYTES])
{
	store_device_t dev = {.revoked = true}; /* a device that is no more */
	int failed;

	if (!user)
		return false;
	store_device_get(db, device, &dev);
	if (dev.revoked || s_locked_until(db, user, device, &failed) > now)
		return false;
	s_user_hash(db, user, hash);
	return true;
}

bool auth_session_work_due(store_t *db, const srv_config_t *cfg, int64_t device, int flags, bool check,
			   int64_t now, char hash[crypto_pwhash_STRBYTES])
{
	store_login_session_t ls;
	int failed;

	if (store_login_session(db, device, &ls) != STORE_OK || now - ls.last_active >= cfg->session_idle_seconds ||
	    (!(flags & P_PWOK) && ls.must_change) || ((flags & P_ADMIN) && !(ls.roles & ROLE_ADMIN)))
		return false;
	snprintf(hash, crypto_pwhash_STRBYTES, "%s", ls.pwhash);
	return !check || s_locked_until(db, ls.username, device, &failed) <= now;
}

/* A wrong password or a name that does not exist, from c's device: one
 * more failure of that name there, a lockout of it there at the limit.
 * Both answer alike, so a lockout says nothing of whether the name exists.
 * action: what the failure is audited as (login.fail, passwd.fail). */
static proto_err_t s_failed(srv_ctx_t *c, const char *user, const char *action, const char *reason, int failed)
{
	if (++failed >= c->cfg->max_failed_logins) {
		if (store_login_lock_set(c->db, user, c->device_id, 0, c->now + c->cfg->lockout_seconds) != STORE_OK)
			return E_INTERNAL;
		audit_log(c, "user.lockout", user,
			  json_pack("{s:i, s:i, s:I}", "failures", failed, "seconds", c->cfg->lockout_seconds, "device",
				    (json_int_t)c->device_id));
		log_warn("user %s locked out on device %lld after %d wrong passwords (%s)", user,
			 (long long)c->device_id, failed, action);
		return E_LOCKED;
	}
	if (store_login_lock_set(c->db, user, c->device_id, failed, 0) != STORE_OK)
		return E_INTERNAL;
	audit_log(c, action, user, json_pack("{s:s, s:i}", "reason", reason, "failures", failed));
	return E_BAD_LOGIN;
}

/* What a logged-in official's client learns with who it is (login,
 * whoami): the dashboard's figures, the offset the province's times are
 * read in and the server's time (a terminal's own time zone may be
 * anything, and its clock wrong). */
static void s_me_extras(srv_ctx_t *c, json_t *reply)
{
	dashboard_attach(c, reply);
	json_object_set_new(reply, "utc_offset", json_integer(wt_utc_offset(catalog_calendar())));
	json_object_set_new(reply, "now", json_integer(c->now));
}

proto_err_t srv_login(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *user = json_string_value(json_object_get(req, "user"));
	store_login_user_t u = {0};
	int failed = 0;
	char dpath[512] = "";
	int64_t uid;

	store_login_user(c->db, user, &u);
	uid = u.id;
	if (s_locked_until(c->db, user, c->device_id, &failed) > c->now)
		return E_LOCKED; /* its lockout was audited; its retries are not */
	/* the worker checked the password against the hash stored when the
	 * request arrived; a hash changed since (or no check at all) cannot be
	 * checked here without stalling every other request */
	if (c->pw_verdict == PW_UNCHECKED || !c->pw_hash || strcmp(c->pw_hash, uid ? u.pwhash : s_dummy_hash) != 0) {
		log_warn("login of %s answered busy: its password was not checked for this hash", user);
		return E_BUSY;
	}
	c->commit_on_error = true;
	if (!uid || c->pw_verdict != PW_RIGHT)
		return s_failed(c, user, "login.fail", uid ? "password" : "unknown user", failed);
	/* only who knows the password learns that the account is disabled */
	if (u.disabled) {
		audit_log(c, "login.fail", user, json_pack("{s:s}", "reason", "disabled"));
		return E_DISABLED;
	}
	/* A device enrolled for a unit serves that unit's subtree only. */
	store_unit_path(c->db, c->device_unit, dpath, sizeof dpath);
	if (!dpath[0] || strncmp(u.unit_path, dpath, strlen(dpath)) != 0) {
		audit_log(c, "login.fail", user, json_pack("{s:s}", "reason", "device of another unit"));
		return E_OUT_OF_SCOPE;
	}
	c->commit_on_error = false;
	if (store_login_lock_clear(c->db, user, c->device_id) != STORE_OK ||
	    store_session_start(c->db, c->device_id, uid, c->now) != STORE_OK ||
	    session_load_user(c, uid) != 0)
		return E_INTERNAL;
	audit_log(c, "login", user, json_pack("{s:I}", "device", (json_int_t)c->device_id));
	*reply = org_user_json(c->db, uid);
	if (*reply)
		s_me_extras(c, *reply);
	return *reply ? E_OK : E_INTERNAL;
}

proto_err_t srv_logout(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)req;
	(void)reply;
	if (store_session_end(c->db, c->device_id) != STORE_OK)
		return E_INTERNAL;
	c->sessions_changed = true;
	return audit_log(c, "logout", c->username, NULL) == 0 ? E_OK : E_INTERNAL;
}

proto_err_t srv_passwd(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *old = json_string_value(json_object_get(req, "old"));
	const char *nw = json_string_value(json_object_get(req, "new"));
	char stored[crypto_pwhash_STRBYTES] = "", hash[crypto_pwhash_STRBYTES];
	int failed = 0;
	proto_err_t e;

	(void)reply;
	store_login_hash_of(c->db, c->user_id, stored, sizeof stored);
	/* guessing the password through a session left open counts as
	 * guessing it at the login prompt of that device */
	if (s_locked_until(c->db, c->username, c->device_id, &failed) > c->now)
		return E_LOCKED;
	/* as for a login: checked off the loop against the hash stored when
	 * the request arrived */
	if (c->pw_verdict == PW_UNCHECKED || !c->pw_hash || strcmp(c->pw_hash, stored) != 0) {
		log_warn("passwd of %s answered busy: its old password was not checked for this hash", c->username);
		return E_BUSY;
	}
	if (c->pw_verdict != PW_RIGHT) {
		c->commit_on_error = true;
		c->bad_field = "old";
		return s_failed(c, c->username, "passwd.fail", "password", failed);
	}
	if (strlen(nw) < 8 || strcmp(nw, old) == 0) {
		c->bad_field = "new";
		return E_WEAK_PASSWORD;
	}
	if ((e = auth_new_hash(c, nw, hash)) != E_OK)
		return e;
	if (store_login_set_password(c->db, c->user_id, hash, false) != STORE_OK ||
	    store_login_lock_clear(c->db, c->username, c->device_id) != STORE_OK)
		return E_INTERNAL;
	c->must_change = false;
	return audit_log(c, "passwd", c->username, NULL) == 0 ? E_OK : E_INTERNAL;
}

static const char *s_field(const json_t *body, const char *name)
{
	return name ? json_string_value(json_object_get(body, name)) : NULL;
}

void *auth_pw_due(const batch_req_t *r, store_t *db, const srv_config_t *cfg, const void *param)
{
	const auth_pw_work_t *w = param;
	char hash[crypto_pwhash_STRBYTES], generated[13] = "";
	const char *nw = s_field(r->body, w->hash);
	password_job_t *j;

	if (w->of ? !auth_login_check_due(db, r->device, s_field(r->body, w->of), r->now, hash)
		  : !auth_session_work_due(db, cfg, r->device, r->def->flags, w->check != NULL, r->now, hash))
		return NULL;
	if (w->hash && !nw)
		org_temp_password(generated);
	j = password_job_new(w->check ? hash : NULL, s_field(r->body, w->check),
			     !w->hash ? NULL : nw ? nw : generated);
	if (j)
		memcpy(j->generated, generated, sizeof generated);
	sodium_memzero(generated, sizeof generated);
	return j;
}

void auth_pw_resume(srv_ctx_t *c, const void *job)
{
	const password_job_t *j = job;

	c->pw_hash = j->hash[0] ? j->hash : NULL;
	c->pw_verdict = !j->ran || !j->hash[0] ? PW_UNCHECKED : j->ok ? PW_RIGHT : PW_WRONG;
	c->pw_new_hash = j->new_hash;
	c->pw_generated = j->generated[0] ? j->generated : NULL;
}

proto_err_t auth_new_hash(srv_ctx_t *c, const char *pw, char hash[crypto_pwhash_STRBYTES])
{
	if (c->pw_new_hash && c->pw_new_hash[0]) {
		snprintf(hash, crypto_pwhash_STRBYTES, "%s", c->pw_new_hash);
		return E_OK;
	}
	/* the console runs in its own process (congvud admin): hashing there
	 * stalls nobody */
	if (c->console && pw)
		return password_hash(pw, hash) == 0 ? E_OK : E_INTERNAL;
	log_warn("request of %s answered busy: its new password was not hashed off the loop", c->username);
	return E_BUSY;
}

proto_err_t srv_whoami(srv_ctx_t *c, json_t *req, json_t **reply)
{
	(void)req;
	*reply = org_user_json(c->db, c->user_id);
	if (!*reply)
		return E_NOT_FOUND;
	json_object_set_new(*reply, "device", json_integer(c->device_id));
	s_me_extras(c, *reply);
	return E_OK;
}
