/* store/login.h — the store's credentials: officials' password hashes, and
 * the wrong passwords counted per (name, device) towards a lockout of that
 * name on that device. A name that does not exist is counted like one
 * that does, so the counts say nothing of which names exist. */
#ifndef CONGVU_STORE_LOGIN_H
#define CONGVU_STORE_LOGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* An official as a login needs it. */
typedef struct {
	int64_t id;
	char pwhash[128]; /* crypto_pwhash_STRBYTES */
	bool disabled;
	char unit_path[512];
} store_login_user_t;

/* The official logged in on a device, as a request that acts as it needs
 * it before any password work. */
typedef struct {
	char username[64];
	char pwhash[128];
	int roles;
	bool must_change;
	int64_t last_active; /* the session's last activity */
} store_login_session_t;

/* The official named username: STORE_OK with *out filled, STORE_NONE when
 * there is none. */
store_rc_t store_login_user(store_t *s, const char *username, store_login_user_t *out);

/* The stored password hash of the official named username (or, for
 * store_login_hash_of, of official uid) into a buffer of n bytes:
 * STORE_OK, STORE_NONE when there is none. */
store_rc_t store_login_hash(store_t *s, const char *username, char *hash, size_t n);
store_rc_t store_login_hash_of(store_t *s, int64_t uid, char *hash, size_t n);

/* The session on device of an official who is not disabled, the device
 * not revoked: STORE_OK with *out, STORE_NONE when there is none such. */
store_rc_t store_login_session(store_t *s, int64_t device, store_login_session_t *out);

/* Set official uid's password hash, and whether it must be changed at the
 * next login: STORE_OK or STORE_ERROR. */
store_rc_t store_login_set_password(store_t *s, int64_t uid, const char *hash, bool must_change);

/* The count of username's wrong passwords on device and until when the
 * name is locked out there (0: not): STORE_OK with both, STORE_NONE (both
 * 0) when nothing is counted. */
store_rc_t store_login_lock_get(store_t *s, const char *username, int64_t device, int *failed, int64_t *until);

/* Record username's count on device and its lockout (0: none), replacing
 * what was there: STORE_OK or STORE_ERROR. */
store_rc_t store_login_lock_set(store_t *s, const char *username, int64_t device, int failed, int64_t until);

/* Forget username's count and lockout on device: STORE_OK or STORE_ERROR. */
store_rc_t store_login_lock_clear(store_t *s, const char *username, int64_t device);

/* Forget username's counts and lockouts on every device: STORE_OK with the
 * number of devices it had any on in *devices (may be NULL), or
 * STORE_ERROR. */
store_rc_t store_login_lock_clear_all(store_t *s, const char *username, int *devices);

#endif
