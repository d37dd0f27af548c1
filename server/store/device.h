/* store/device.h — the store's devices: one-time invites (kept as the hash
 * of their token, never the token), the CURVE keys enrolled with them,
 * each bound to a unit, and the endpoint invites name. A device's state as
 * a request's identity needs it is store_device_get (store/session.h). */
#ifndef CONGVU_STORE_DEVICE_H
#define CONGVU_STORE_DEVICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The length of an invite token's hash. */
#define STORE_INVITE_HASH 32

/* --- invites --- */

/* A new invite to unit_id by official created_by (0: the console), usable
 * from now until expires: STORE_OK with its id in *id. */
store_rc_t store_invite_add(store_t *s, const unsigned char hash[STORE_INVITE_HASH], int64_t unit_id,
			    int64_t created_by, int64_t now, int64_t expires, int64_t *id);

/* The invite with token hash `hash`, not used and expiring after now:
 * STORE_OK with its id, its unit's id and code (into a buffer of n bytes),
 * STORE_NONE when there is none such. */
store_rc_t store_invite_find(store_t *s, const unsigned char hash[STORE_INVITE_HASH], int64_t now, int64_t *id,
			     int64_t *unit_id, char *unit, size_t n);

/* Mark invite `id` used at now by device: STORE_OK or STORE_ERROR. */
store_rc_t store_invite_use(store_t *s, int64_t id, int64_t now, int64_t device);

/* The device the invite with token hash `hash` enrolled, when that device
 * is not revoked and has the key `key` or the id `id` (an enrollment asked
 * again): STORE_OK with the device's id and its unit's code (into a buffer
 * of n bytes), STORE_NONE when there is none such. */
store_rc_t store_invite_device(store_t *s, const unsigned char hash[STORE_INVITE_HASH], const char *key, int64_t id,
			       int64_t *device, char *unit, size_t n);

/* --- devices --- */

/* Enroll the CURVE key `key` (Z85) as a device named name of unit_id at
 * now: STORE_OK with its id in *id; STORE_EXISTS when the key is enrolled
 * already. */
store_rc_t store_device_add(store_t *s, const char *key, const char *name, int64_t unit_id, int64_t now,
			    int64_t *id);

/* The device with key `key`: STORE_OK with its id and whether it is
 * revoked, STORE_NONE when the key is not enrolled. */
store_rc_t store_device_by_key(store_t *s, const char *key, int64_t *id, bool *revoked);

/* The path of device id's unit into a buffer of n bytes: STORE_OK,
 * STORE_NONE when there is no such device. */
store_rc_t store_device_path(store_t *s, int64_t id, char *path, size_t n);

/* The devices of the units of the subtree at path, by id: an array of
 * {id, name, unit (its code), unit_name, revoked (0 or 1), enrolled,
 * last_seen (0 before any), key (the key's first 8
 * characters), user (who is logged in on it, null for nobody)}. New
 * reference (empty on error). */
json_t *store_device_list(store_t *s, const char *path);

/* Revoke device id (its session is store_session_end's): STORE_OK or
 * STORE_ERROR. */
store_rc_t store_device_revoke(store_t *s, int64_t id);
/* Call device id name from now: STORE_OK, STORE_NONE when there is no
 * such device, STORE_ERROR. */
store_rc_t store_device_rename(store_t *s, int64_t id, const char *name);

/* --- the endpoint --- */

/* Where congvud last served (recorded at serve) into a buffer of n bytes:
 * STORE_OK, STORE_NONE when it never has. */
store_rc_t store_endpoint_get(store_t *s, char *endpoint, size_t n);
/* Record it: STORE_OK or STORE_ERROR. */
store_rc_t store_endpoint_set(store_t *s, const char *endpoint);

#endif
