/* store/reply.h — the store's remembered replies: a write's answer kept,
 * under whose request it was (the principal) and the request's id, for
 * the client's retries of it, and dropped once old. */
#ifndef CONGVU_STORE_REPLY_H
#define CONGVU_STORE_REPLY_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* A remembered reply. */
typedef struct {
	int msg;      /* the request's message type */
	int kind;     /* the reply's frame kind: K_REPLY or K_ERROR */
	json_t *body; /* the body as it was sent: a new reference, NULL when unreadable */
} store_reply_t;

/* The reply remembered for (principal, req_id): STORE_OK with *out filled
 * (the caller decrefs out->body), STORE_NONE when there is none. */
store_rc_t store_reply_get(store_t *s, const char *principal, int64_t req_id, store_reply_t *out);

/* Remember body as the reply of kind to request req_id of message msg
 * from principal, made at created, in the caller's transaction. STORE_OK,
 * STORE_EXISTS (one is remembered already), STORE_ERROR. */
store_rc_t store_reply_put(store_t *s, const char *principal, int64_t req_id, int msg, int kind, const json_t *body,
                           int64_t created);

/* When the oldest remembered reply was made, 0 when there is none. */
int64_t store_reply_oldest(store_t *s);

/* Forget up to max replies made before `before`, oldest first: how many
 * went, -1 on an error. */
int store_reply_prune(store_t *s, int64_t before, int max);

#endif
