/* store/session.h — the store's sessions: which official a device is
 * logged in as, since when it was last active, and the acting official's
 * record as a request needs it. */
#ifndef CONGVU_STORE_SESSION_H
#define CONGVU_STORE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* A device as a request's identity needs it. */
typedef struct {
	bool revoked;
	int64_t unit_id;
} store_device_t;

/* An official as the request context needs it (srv_ctx_t). */
typedef struct {
	char username[64];
	int roles;
	int64_t unit_id;
	char unit_path[512];
	bool must_change;
	bool disabled;
	bool unit_office; /* the unit is its parent's office (0022) */
} store_actor_t;

/* What the push table needs to know of a connected peer of a device. */
typedef struct {
	bool revoked;        /* the device is revoked (or gone) */
	int64_t user_id;     /* the official logged in on it, 0 for none */
	int64_t last_active; /* that session's last activity */
	bool disabled;       /* that official is disabled */
} store_peer_t;

/* Device `id`: STORE_OK with *out filled, STORE_NONE when there is none. */
store_rc_t store_device_get(store_t *s, int64_t id, store_device_t *out);
/* Official `uid` as an actor: STORE_OK, STORE_NONE. */
store_rc_t store_actor_get(store_t *s, int64_t uid, store_actor_t *out);
/* The session bound to device: STORE_OK with *user and *last_active,
 * STORE_NONE when nobody is logged in on it. */
store_rc_t store_session_get(store_t *s, int64_t device, int64_t *user, int64_t *last_active);
/* Bind official user to device from now, replacing any session it had;
 * the device was seen now: STORE_OK or STORE_ERROR. */
store_rc_t store_session_start(store_t *s, int64_t device, int64_t user, int64_t now);
/* End the session bound to device (none: STORE_OK all the same). */
store_rc_t store_session_end(store_t *s, int64_t device);
/* End every session of official user, on any device: STORE_OK or
 * STORE_ERROR. */
store_rc_t store_session_end_user(store_t *s, int64_t user);
/* Record activity at now on the device and its session. */
store_rc_t store_session_touch(store_t *s, int64_t device, int64_t now);
/* The device's state and its session's, in one read: STORE_NONE when the
 * device is no more. */
store_rc_t store_peer_get(store_t *s, int64_t device, store_peer_t *out);

#endif
