/* session.c — resolving the acting device and user for each request. The
 * client never names itself: the device comes from the CURVE key the ZAP
 * handler accepted, the user from the session bound to that device. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "log.h"

static const char SQL_DEVICE[] = "SELECT revoked, unit_id FROM devices WHERE id=?";
static const char SQL_SESSION[] = "SELECT user_id, last_active FROM sessions WHERE device_id=?";
static const char SQL_USER[] = "SELECT u.username, u.roles, u.unit_id, t.path, u.must_change, u.disabled "
			       "FROM users u JOIN units t ON t.id=u.unit_id WHERE u.id=?";
static const char SQL_END[] = "DELETE FROM sessions WHERE device_id=?";
static const char SQL_TOUCH[] = "UPDATE sessions SET last_active=? WHERE device_id=?";
static const char SQL_SEEN[] = "UPDATE devices SET last_seen=? WHERE id=?";

int session_load_user(srv_ctx_t *c, int64_t uid)
{
	sqlite3_stmt *st = db_q(c->db, SQL_USER, "i", uid);
	int rc = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 5)) {
		c->user_id = uid;
		snprintf(c->username, sizeof c->username, "%s", (const char *)sqlite3_column_text(st, 0));
		c->roles = sqlite3_column_int(st, 1);
		c->unit_id = sqlite3_column_int64(st, 2);
		snprintf(c->unit_path, sizeof c->unit_path, "%s", (const char *)sqlite3_column_text(st, 3));
		c->must_change = sqlite3_column_int(st, 4) != 0;
		rc = 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* End the device's session inside its own small transaction, audited. */
static void s_end(srv_ctx_t *c, int64_t uid, const char *why)
{
	if (db_begin(c->db) != SQLITE_OK)
		return;
	session_load_user(c, uid); /* for the audit row's actor, if still enabled */
	if (db_exec(c->db, SQL_END, "i", c->device_id) != SQLITE_DONE ||
	    audit_log(c, "session.end", why, json_pack("{s:I}", "device", (json_int_t)c->device_id)) != 0 ||
	    db_commit(c->db) != SQLITE_OK) {
		db_rollback(c->db); /* the session stays, to be ended at the next request */
		c->audit_failed = false;
		log_error("device %lld: session end (%s) not written", (long long)c->device_id, why);
	}
	c->user_id = 0;
	c->roles = 0;
	c->unit_path[0] = 0;
	log_info("device %lld: session ended (%s)", (long long)c->device_id, why);
}

session_state_t session_peer_state(sqlite3 *db, const srv_config_t *cfg, int64_t device, int64_t user, int64_t now)
{
	static const char sql[] = "SELECT d.revoked, s.user_id, s.last_active, u.disabled FROM devices d "
				  "LEFT JOIN sessions s ON s.device_id=d.id LEFT JOIN users u ON u.id=s.user_id "
				  "WHERE d.id=?";
	sqlite3_stmt *st = db_q(db, sql, "i", device);
	session_state_t r = SESSION_REVOKED; /* a device that is no more */

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0))
			r = SESSION_REVOKED;
		else if (!user)
			r = SESSION_LIVE; /* nothing user-bound to lose */
		else if (sqlite3_column_int64(st, 1) != user || sqlite3_column_int(st, 3) ||
			 now - sqlite3_column_int64(st, 2) >= cfg->session_idle_seconds)
			r = SESSION_ENDED;
		else
			r = SESSION_LIVE;
	}
	if (st)
		sqlite3_reset(st);
	return r;
}

proto_err_t session_identify(srv_ctx_t *c, const char *user_id)
{
	sqlite3_stmt *st;
	int64_t uid = 0, last = 0;
	int revoked = 1;

	c->principal = user_id;
	if (strncmp(user_id, "k:", 2) == 0) {
		c->device_key = user_id + 2;
		return E_OK;
	}
	if (strncmp(user_id, "d:", 2) != 0)
		return E_NOT_ENROLLED;
	c->device_id = strtoll(user_id + 2, NULL, 10);
	st = db_q(c->db, SQL_DEVICE, "i", c->device_id);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		revoked = sqlite3_column_int(st, 0);
		c->device_unit = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	if (revoked) {
		c->device_id = 0;
		return E_REVOKED;
	}
	st = db_q(c->db, SQL_SESSION, "i", c->device_id);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		uid = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	if (!uid)
		return E_OK;
	if (c->now - last >= c->cfg->session_idle_seconds) {
		s_end(c, uid, "idle");
		return E_OK;
	}
	if (session_load_user(c, uid) != 0) {
		s_end(c, uid, "disabled");
		return E_OK;
	}
	/* keep idle tracking cheap: at most one write per 30 s (sooner when the
	 * idle limit itself is short) */
	if (c->now - last >= (c->cfg->session_idle_seconds < 120 ? c->cfg->session_idle_seconds / 4 : 30)) {
		db_exec(c->db, SQL_TOUCH, "ii", c->now, c->device_id);
		db_exec(c->db, SQL_SEEN, "ii", c->now, c->device_id);
	}
	return E_OK;
}
