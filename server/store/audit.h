/* store/audit.h — the store's audit trail: rows appended in order, each
 * carrying the hash of the row before it and its own, and the chain's
 * head (its last id and hash as text) kept beside them so cutting rows
 * off the end shows. What is hashed, and how, is audit.c's: the store
 * keeps and hands back the values it was given. */
#ifndef CONGVU_STORE_AUDIT_H
#define CONGVU_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The hashes' length (BLAKE2b-256). */
#define STORE_AUDIT_HASH 32

/* One row of the chain. Texts carry their byte count, since a row read back
 * may hold bytes after a NUL; prev and hash are their stored bytes, of
 * whatever length they were found (STORE_AUDIT_HASH when written by
 * store_audit_append). */
typedef struct {
	int64_t id, ts, device;
	const char *actor, *action, *object, *detail;
	size_t actor_len, action_len, object_len, detail_len;
	const unsigned char *prev, *hash;
	size_t prev_len, hash_len;
	/* read back: the values are of the types they were written with
	 * (integers and texts); a row edited into another type (a device
	 * NULL, a text turned number) is not, and its values are not to be
	 * hashed */
	bool typed;
} store_audit_row_t;

/* The chain's last row: STORE_OK with its id in *id and its hash in prev
 * (left as it is when the stored hash is not STORE_AUDIT_HASH bytes long),
 * STORE_NONE for an empty chain. */
store_rc_t store_audit_last(store_t *s, int64_t *id, unsigned char prev[STORE_AUDIT_HASH]);

/* Append row r (its id the last one's plus one, its texts C strings, its
 * prev and hash STORE_AUDIT_HASH bytes) and make head the chain's head, in
 * the caller's transaction. STORE_OK, STORE_EXISTS when the id is taken,
 * STORE_ERROR. */
store_rc_t store_audit_append(store_t *s, const store_audit_row_t *r, const char *head);

/* Call each(arg, row) for every row in id order, until it returns
 * non-zero. A row's pointers are valid during the call only. STORE_OK
 * (walked to the end or stopped), STORE_ERROR. */
store_rc_t store_audit_each(store_t *s, int (*each)(void *arg, const store_audit_row_t *r), void *arg);

/* The chain's head as last written into buf (n bytes): STORE_OK, or
 * STORE_NONE with buf "" when there is none. */
store_rc_t store_audit_head(store_t *s, char *buf, size_t n);

#endif
