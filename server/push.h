/* push.h — connected peers and server-pushed events. The ROUTER routing id
 * of each connection is remembered with its device and user as requests
 * arrive; events go out on the same connection, only to users allowed to
 * see them. */
#ifndef CONGVU_PUSH_H
#define CONGVU_PUSH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "srv.h"

/* Remember (or refresh) routing id rid[0..n) as device/user at unit path. */
void push_seen(const void *rid, size_t n, int64_t device, int64_t user, const char *path);

/* Queue an event for the users who may see something that belongs to
 * several units: those at or above any of the unit paths in `scopes` (an
 * array of strings), each user once. body and scopes are stolen. */
void push_event_scopes(srv_ctx_t *c, proto_event_t ev, json_t *body, json_t *scopes);

/* Send every event queued in `events` (srv_event's array; borrowed) on the
 * ROUTER socket. Peers that are gone are forgotten. */
void push_send(void *router, const json_t *events);

/* Forget every peer (shutdown). */
void push_reset(void);

#endif
