/* dispatch.c — the one gate every request passes: who is asking (from the
 * handshake and the session table), whether the message's flags allow it,
 * whether the body matches its declaration, then the handler — inside one
 * transaction with the reply remembered when the message writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "log.h"
#include "srv.h"
#include "store/reply.h"
#include "text.h"

static const srv_handler_t s_handlers[] = {
#define F(...)
#define MSG(id, num, name, flags, doc, fields) [num] = srv_##id,
#include "proto_msgs.def"
#undef MSG
#undef F
};

bool srv_in_scope(const srv_ctx_t *c, const char *path)
{
	return c->console || (path && strncmp(path, c->unit_path, strlen(c->unit_path)) == 0);
}

void srv_event(srv_ctx_t *c, proto_event_t ev, json_t *body, const char *scope_path, int64_t user_id)
{
	if (!c->events)
		c->events = json_array();
	json_array_append_new(c->events, json_pack("{s:i, s:o, s:s?, s:I}", "type", (int)ev, "body", body, "scope",
						   scope_path, "user", (json_int_t)user_id));
}

/* A unit with no parent: its path names one unit ("/1/"). */
static bool s_root_unit(const char *path)
{
	const char *end = path[0] == '/' ? strchr(path + 1, '/') : NULL;
	return end && end[1] == 0;
}

static proto_err_t s_allowed(const srv_ctx_t *c, int flags)
{
	if (c->console)
		return E_OK;
	if (flags & P_ANON)
		return E_OK;
	if (!c->device_id)
		return E_NOT_ENROLLED;
	if (flags & P_DEVICE)
		return E_OK;
	if (!c->user_id)
		return E_NOT_LOGGED_IN;
	if (c->must_change && !(flags & P_PWOK))
		return E_MUST_CHANGE;
	if ((flags & P_ADMIN) && !(c->roles & ROLE_ADMIN))
		return E_NOT_ALLOWED;
	if ((flags & P_ROOT) && !s_root_unit(c->unit_path))
		return E_NOT_ALLOWED;
	return E_OK;
}

/* Whose replies a request's id names: the device and the official logged
 * in on it, so that a second official on a shared terminal never gets the
 * first one's reply by reusing its request id. */
static void s_reply_key(const srv_ctx_t *c, char *key, size_t n)
{
	if (c->user_id)
		snprintf(key, n, "%s/u:%lld", c->principal, (long long)c->user_id);
	else
		snprintf(key, n, "%s", c->principal);
}

/* A reply stored for (key, req_id), or NULL. A stored reply of another
 * message type means the client reused the id: *e = E_ID_REUSED, NULL. */
static json_t *s_replay(srv_ctx_t *c, const char *key, const proto_def_t *def, uint64_t req_id, proto_err_t *e)
{
	store_reply_t r;

	if (store_reply_get(c->db, key, (int64_t)req_id, &r) != STORE_OK)
		return NULL;
	if (r.msg != (int)def->id) {
		*e = E_ID_REUSED;
		json_decref(r.body);
		return NULL;
	}
	*e = r.kind == K_ERROR ? proto_err_from_code(json_string_value(json_object_get(r.body, "code"))) : E_OK;
	return r.body;
}

static int s_remember(srv_ctx_t *c, const char *key, const proto_def_t *def, uint64_t req_id, proto_err_t e,
		      json_t *out)
{
	int kind = e == E_OK ? K_REPLY : K_ERROR;
	return store_reply_put(c->db, key, (int64_t)req_id, (int)def->id, kind, out, c->now) == STORE_OK ? 0 : -1;
}

/* How long a write's reply is remembered for its retries: a week, seven
 * times the day after which a client stops resending (client/conn.c). */
#define REPLIES_KEEP (7 * 86400)

/* A pruning pass starts when the oldest reply is an hour past its week and
 * goes on, slice after slice, until none is past it: a pass an hour, not a
 * few rows every second. */
#define PRUNE_EVERY 3600
static bool s_pass_open;

int64_t srv_replies_next_prune(store_t *db)
{
	int64_t oldest = store_reply_oldest(db);
	return !oldest ? 0 : oldest + REPLIES_KEEP + (s_pass_open ? 0 : PRUNE_EVERY);
}

int srv_replies_prune(srv_ctx_t *c, int max)
{
	int n = store_reply_prune(c->db, c->now - REPLIES_KEEP, max);
	s_pass_open = n == max;
	return n;
}

/* The error body: code, message, and what the handler said of it. */
static json_t *s_error(srv_ctx_t *c, proto_err_t e)
{
	json_t *b = proto_error_body(e, c->bad_field);
	/* a detail longer than its buffer was cut by snprintf, perhaps inside
	 * a letter: send what is whole (an invalid tail would drop it all) */
	size_t len = strlen(c->detail), n = len;
	while (n && n + 3 > len && !text_valid_utf8(c->detail, n))
		n--;
	if (n)
		json_object_set_new(b, "detail", json_stringn(c->detail, n));
	if (c->err_extra)
		json_object_update_missing(b, c->err_extra);
	json_decref(c->err_extra);
	c->err_extra = NULL;
	return b;
}

/* Roll the request's transaction back with what it meant to do after it. */
static void s_undo(srv_ctx_t *c)
{
	store_rollback(c->db);
	json_decref(c->events);
	c->events = NULL;
	c->after_commit = NULL;
}

proto_err_t srv_dispatch(srv_ctx_t *c, const proto_def_t *def, uint64_t req_id, json_t *body, json_t **out)
{
	proto_err_t e;
	json_t *reply = NULL;
	/* only an enrolled device's writes are remembered: a key not enrolled
	 * could fill the table with replies nobody will ask for again */
	bool remember = (def->flags & P_WRITE) && req_id != 0 && !c->console && c->device_id;
	char key[160];

	*out = NULL;
	s_reply_key(c, key, sizeof key);
	c->bad_field = NULL;
	c->detail[0] = 0;
	e = s_allowed(c, def->flags);
	if (e == E_OK)
		e = proto_check(def, body, &c->bad_field);
	if (e != E_OK)
		goto error;
	if (!(def->flags & P_WRITE)) {
		e = s_handlers[def->id](c, body, &reply);
		goto finish;
	}
	if (remember && (*out = s_replay(c, key, def, req_id, &e)) != NULL) {
		log_info("%s: request %llu replayed", def->name, (unsigned long long)req_id);
		return e;
	}
	if (e != E_OK) /* the id names a reply of another message */
		goto error;
	if (store_begin(c->db) != STORE_OK) {
		e = E_INTERNAL;
		goto error;
	}
	c->commit_on_error = false;
	c->after_commit = NULL;
	c->audit_failed = false;
	e = s_handlers[def->id](c, body, &reply);
	if (c->audit_failed) {
		log_error("%s: audit row not written, nothing kept: %s", def->name, store_errmsg(c->db));
		json_decref(reply);
		reply = NULL;
		json_decref(c->err_extra);
		c->err_extra = NULL;
		c->bad_field = NULL;
		c->detail[0] = 0;
		c->commit_on_error = false;
		e = E_INTERNAL;
	}
	if (e != E_OK && !c->commit_on_error) {
		s_undo(c);
		goto finish;
	}
	if (e != E_OK) {
		json_decref(reply);
		reply = s_error(c, e);
	} else if (!reply)
		reply = json_object();
	if ((remember && s_remember(c, key, def, req_id, e, reply) != 0) || store_commit(c->db) != STORE_OK) {
		log_error("%s: commit failed: %s", def->name, store_errmsg(c->db));
		s_undo(c);
		json_decref(reply);
		reply = NULL;
		e = E_INTERNAL;
	} else if (c->after_commit && !store_in_tx(c->db)) {
		c->after_commit(c, body); /* durable now; in a batch, the batch calls it after its commit */
		c->after_commit = NULL;
	}
finish:
	if (e == E_OK) {
		json_decref(c->err_extra);
		c->err_extra = NULL;
		*out = reply ? reply : json_object();
		return E_OK;
	}
	if (reply && json_object_get(reply, "code")) {
		json_decref(c->err_extra);
		c->err_extra = NULL;
		*out = reply;
		return e;
	}
	json_decref(reply);
error:
	*out = s_error(c, e);
	return e;
}
