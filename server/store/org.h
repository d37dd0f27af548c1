/* store/org.h — the store's org tree and officials: units (any depth, each
 * with a materialised path for subtree scope) and the accounts in them.
 *
 * A unit's path is the ids from the root down, each followed by '/':
 * "/1/", "/1/7/". A subtree is every unit whose path starts with its
 * root's; scope checks (srv_in_scope) compare these paths as strings. */
#ifndef CONGVU_STORE_ORG_H
#define CONGVU_STORE_ORG_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* --- units --- */

/* The unit with code `code`: STORE_OK with *id and its path (into a
 * buffer of n bytes), STORE_NONE when there is none. */
store_rc_t store_unit_find(store_t *s, const char *code, int64_t *id, char *path, size_t n);

/* The path of unit `id` into a buffer of n bytes: STORE_OK, STORE_NONE. */
store_rc_t store_unit_path(store_t *s, int64_t id, char *path, size_t n);

/* A new unit under the unit parent_id whose path is ppath (0 and "/" for a
 * new root); office: it is its parent's office (its clerks keep the
 * parent's registers). STORE_OK with its id and path (into a buffer of n
 * bytes); STORE_EXISTS when the code is taken, nothing written. */
store_rc_t store_unit_add(store_t *s, const char *code, const char *name, const char *level, int64_t parent_id,
			  const char *ppath, bool office, int64_t now, int64_t *id, char *path, size_t n);

/* The units of the subtree at path, in tree order: an array of
 * {code, name, level, parent (its code, null for a root), depth (0 for a
 * root), users (how many officials it has)}. New reference (empty on
 * error). */
json_t *store_unit_list(store_t *s, const char *path);

/* --- officials --- */

/* Is the username taken: STORE_OK when it is, STORE_NONE when not. */
store_rc_t store_user_exists(store_t *s, const char *username);

/* The official named username: STORE_OK with *id and its unit's path
 * (into a buffer of n bytes), STORE_NONE when there is none. */
store_rc_t store_user_find(store_t *s, const char *username, int64_t *id, char *unit_path, size_t n);

/* A new official in unit unit_id, with the password hash pwhash to change
 * at first login. STORE_OK with *id; STORE_EXISTS when the username is
 * taken. */
store_rc_t store_user_add(store_t *s, const char *username, const char *name, int64_t unit_id, int roles,
			  const char *pwhash, int64_t now, int64_t *id);

/* The public record of official uid: {id, username, name, unit (its code),
 * unit_name, unit_level, roles (the mask, an integer), must_change and
 * disabled (booleans), locked_until (the latest lockout of the name on any
 * device, null for none)}. New reference, NULL when there is none. */
json_t *store_user_get(store_t *s, int64_t uid);

/* The officials of the units of the subtree at path, by unit then
 * username: an array of records as store_user_get's. New reference (empty
 * on error). */
json_t *store_user_list(store_t *s, const char *path);

/* Disable (or enable) official uid: STORE_OK (also for no such official)
 * or STORE_ERROR. */
store_rc_t store_user_set_disabled(store_t *s, int64_t uid, bool disabled);

/* Set the roles mask of official uid: STORE_OK or STORE_ERROR. */
store_rc_t store_user_set_roles(store_t *s, int64_t uid, int roles);

/* Whether the official named username must change the password at the
 * next login: STORE_OK or STORE_ERROR. */
store_rc_t store_user_set_must_change(store_t *s, const char *username, bool must_change);

#endif
