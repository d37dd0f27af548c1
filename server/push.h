/* push.h — connected peers and server-pushed events. The ROUTER routing id
 * of each connection is remembered with its device and user as requests
 * arrive; events go out on the same connection, only to users allowed to
 * see them. */
#ifndef CONGVU_PUSH_H
#define CONGVU_PUSH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Remember (or refresh) routing id rid[0..n) as device/user at unit path. */
void push_seen(const void *rid, size_t n, int64_t device, int64_t user, const char *path);

/* Send every event queued in `events` (srv_event's array; borrowed) on the
 * ROUTER socket. Peers that are gone are forgotten. */
void push_send(void *router, const json_t *events);

/* Forget every peer (shutdown). */
void push_reset(void);

#endif
