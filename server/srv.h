/* srv.h — what every part of congvud shares: the configuration, the
 * request context handed to handlers, and the handler table generated from
 * shared/proto_msgs.def. A handler sees only the context; the acting user in
 * it was established by dispatch from the handshake and the session table. */
#ifndef CONGVU_SRV_H
#define CONGVU_SRV_H

#include <jansson.h>
#include "store/store.h"
#include <stdbool.h>
#include <stdint.h>

#include "proto.h"

typedef struct {
	int max_failed_logins;    /* failures before a lockout */
	int lockout_seconds;      /* how long a lockout lasts */
	int session_idle_seconds; /* idle sessions end after this */
	int invite_default_hours;
	int max_connections;             /* open connections at once, in total */
	int max_connections_per_address; /* and from one IP address */
	int handshake_seconds;           /* a connection that has not finished CURVE by then is closed */
	int anon_per_minute;             /* requests of a key not enrolled, per key */
	int anon_per_minute_addr;        /* and per address */
	int read_threads;                /* threads serving reads off the loop (readpool.h): 0 none, -1 one per core from 4 cores */
	/* attachments of documents (issue 15; server/attach.c) */
	int attach_max_kb;      /* the largest file accepted, KiB */
	int attach_quota_mb;    /* what the files a unit brought may take, MiB */
	int attach_upload_hours; /* an upload untouched this long is deleted */
	char listen[256];   /* default endpoint for `serve` */
	char advertise[256]; /* endpoint written into invites */
	char forms[1024];    /* procedures, workflows, calendar, templates */
	char server_pub[41];
	/* desk: notices to citizens (notice_gw.c): the gateways, "" when none */
	char notice_smtp_url[256];      /* "smtps://mail.example.vn:465", "smtp://127.0.0.1:2525" */
	char notice_smtp_from[256];     /* the sender's address */
	char notice_smtp_user[128];     /* login, "" for none */
	char notice_smtp_password[128];
	char notice_sms_command[512];   /* SMS/Zalo: argv split on spaces, {to} the number; message on stdin */
	char notice_sms_url[256];       /* or an HTTP endpoint: POST {"to","text"} as JSON */
	int notice_timeout_seconds;     /* one try at most this long */
	int notice_retry_seconds;       /* the first retry after this; doubled each time */
	int notice_max_attempts;        /* then failed for good */
} srv_config_t;

/* Per-request context. Owned by dispatch; handlers fill *reply and may
 * queue events with srv_event(). */
typedef struct srv_ctx {
	store_t *db;
	const srv_config_t *cfg;
	int64_t now; /* unix seconds, fixed for the whole request */

	const char *principal; /* "d:<device>", "k:<z85 key>" or "console" */
	const char *peer;      /* the connection's IP address, "" when unknown */
	int64_t device_id;     /* 0 before enrollment */
	const char *device_key; /* z85 key of an unenrolled client, else NULL */
	int64_t device_unit;
	bool console; /* the server's own console: every scope */

	int64_t user_id; /* 0 when nobody is logged in */
	char username[64];
	int roles;
	int64_t unit_id;
	char unit_path[512]; /* "/1/4/9/": the actor's place in the org tree */
	bool unit_office;    /* that unit is its parent's office: its clerks serve the parent */
	bool must_change;

	/* A request's password work, done off the loop before dispatch
	 * (batch.c, auth_pw_resume): the stored hash its password (a login's, the
	 * old one of passwd) was checked against and the verdict; the hash of
	 * its new password (passwd, user.add, user.reset), NULL or "" when
	 * none was computed; the password the server made up for a user.add
	 * or user.reset that gave none (the one pw_new_hash is of), else NULL.
	 * The serve loop itself never computes a password hash. */
	const char *pw_hash;
	enum { PW_UNCHECKED, PW_WRONG, PW_RIGHT } pw_verdict;
	const char *pw_new_hash;
	const char *pw_generated;
	/* The request changed who may receive pushed events (a logout, a
	 * disabled user, a revoked device): after its commit the peer table
	 * is checked against the session table (push_revalidate). */
	bool sessions_changed;

	bool commit_on_error; /* keep the transaction (e.g. a failed login's audit) */
	/* An audit row of the request was not written (audit_log sets it):
	 * dispatch then commits nothing of it, so no change is ever kept
	 * without its audit row, whatever the handler did with the error. */
	bool audit_failed;
	const char *bad_field;
	char detail[512]; /* a Vietnamese explanation added to the error body */
	json_t *err_extra; /* more of the error body (e.g. the current state on a conflict) */
	json_t *events; /* queued pushes, sent after commit */
	/* Memory the request changes once its transaction is committed (e.g.
	 * the calendar): called with the request body after a successful
	 * commit only, so memory never runs ahead of the database. */
	void (*after_commit)(struct srv_ctx *c, const json_t *req);
} srv_ctx_t;

typedef proto_err_t (*srv_handler_t)(srv_ctx_t *c, json_t *req, json_t **reply);

#define F(...)
#define MSG(id, num, name, flags, doc, fields) proto_err_t srv_##id(srv_ctx_t *c, json_t *req, json_t **reply);
#include "proto_msgs.def"
#undef MSG
#undef F

/* True when the actor may see or manage something at unit path `path`. */
bool srv_in_scope(const srv_ctx_t *c, const char *path);

/* Queue an event for the users who may see it: those whose unit is at or
 * above `scope_path` (NULL: everyone), or exactly user_id when > 0.
 * body is stolen. */
void srv_event(srv_ctx_t *c, proto_event_t ev, json_t *body, const char *scope_path, int64_t user_id);

/* Load DIR/config.json over the defaults. 0 on success; -1 with a message
 * in err. */
int srv_config_load(srv_config_t *cfg, const char *dir, char *err, size_t n);
/* Write the default configuration to DIR/config.json. */
int srv_config_write_default(const char *dir);
/* The forms/ directory config.json's "forms" defaults to (config.c). */
const char *srv_forms_default(void);

/* Remembered replies (a write's answer to its retries) older than their
 * week: when the next pruning pass is due (0: no replies), and deleting at
 * most max of them in c's transaction (the number deleted, -1 on error). */
int64_t srv_replies_next_prune(store_t *db);
int srv_replies_prune(srv_ctx_t *c, int max);

/* Run one request as `c`'s actor: permission flags, schema, transaction,
 * idempotent replay for writes, audit on failure where the handler asked.
 * Returns a new reply or error body in *out and the error code. */
proto_err_t srv_dispatch(srv_ctx_t *c, const proto_def_t *def, uint64_t req_id, json_t *body, json_t **out);

#endif
