/* push.h — connected peers and server-pushed events. The ROUTER routing id
 * of each enrolled device's connection is remembered with its socket, user
 * and unit as requests arrive; events go out on the same connection, only
 * to users allowed to see them, and only while their right lasts: a peer's
 * user is forgotten when its session ends (logout, idle, disabled user) and
 * a revoked device's connection is closed. Entries go when their
 * connection goes (push_sweep), so the table is as big as the peers
 * connected now. */
#ifndef CONGVU_PUSH_H
#define CONGVU_PUSH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "srv.h"

typedef struct {
	const void *rid; /* ROUTER routing id */
	size_t rid_len;
	int fd;          /* the connection's socket (ZMQ_SRCFD), -1 unknown */
	int64_t device, user;
	const char *path; /* the user's unit path */
	int deltas;       /* 1: its hello asked for task.changed as deltas; 0: not; -1: as it was */
} push_peer_t;

/* Remember (or refresh) a peer that sent a request at now_ms. */
void push_seen(const push_peer_t *p, int64_t now_ms);

/* Queue an event for the users who may see something that belongs to
 * several units: those at or above any of the unit paths in `scopes` (an
 * array of strings), each user once. body and scopes are stolen. */
void push_event_scopes(srv_ctx_t *c, proto_event_t ev, json_t *body, json_t *scopes);

/* Send every event queued in `events` (srv_event's array; borrowed) on the
 * ROUTER socket to the peers whose session is live (a request within the
 * idle limit). Peers that are gone are forgotten. A task.changed goes as a
 * delta (push_delta.h) to the peers that asked for deltas. */
void push_send(void *router, const json_t *events);

/* Check every peer against the session table (after a logout, a user
 * disabled, a device revoked, in the daemon or from the console): a peer
 * whose session ended gets no more user events; a revoked device's
 * connection is closed and forgotten. */
void push_revalidate(store_t *db, const srv_config_t *cfg, int64_t now);

/* Forget the peers whose connection has closed. Returns how many went. */
int push_sweep(void);

/* How many peers are remembered. */
size_t push_count(void);

/* Set the idle limit sessions end after (cfg->session_idle_seconds). */
void push_set_idle(int seconds);

/* Forget every peer (shutdown). */
void push_reset(void);

#endif
