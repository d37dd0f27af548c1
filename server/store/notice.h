/* store/notice.h — the store's notices to citizens (migration 0020): a
 * dossier's messages queued for the gateway, what the notice thread takes
 * next, and how each try ended. What to send and when is notice*.c's. */
#ifndef CONGVU_STORE_NOTICE_H
#define CONGVU_STORE_NOTICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* A notice as queued and as the thread sends it. */
typedef struct {
	int64_t id;
	int64_t dossier;
	char kind[16];      /* appointment, supplement, ready, apology */
	char channel[8];    /* email, sms */
	char recipient[256];
	char code[32];      /* the dossier's code (for the audit) */
	char *subject;      /* malloc'd: store_notice_free */
	char *body;
	int attempts;       /* tries made before this one */
} store_notice_t;

/* Queue a notice in the caller's transaction, due at now: STORE_OK with its
 * id in *id, STORE_ERROR. */
store_rc_t store_notice_add(store_t *s, const store_notice_t *n, int64_t now, int64_t *id);

/* The earliest instant a waiting notice (queued or retrying) is due, at
 * least 1; 0 when none waits. */
int64_t store_notice_next(store_t *s);

/* Up to max waiting notices due at now (next_at <= now), earliest first,
 * each marked sending, into out (their strings the caller's: free each
 * with store_notice_free): how many, -1 on an error. */
int store_notice_take(store_t *s, int64_t now, store_notice_t *out, int max);

/* A try's end: sent at now; or failed with error, to be tried again at
 * retry_at (0: no more tries, failed for good). STORE_OK, STORE_ERROR. */
store_rc_t store_notice_done(store_t *s, int64_t id, int64_t now, const char *error, int64_t retry_at);

/* Is notice id's try number attempts + 1 still to be recorded (sending,
 * attempts tries before it)? False once store_notice_done has run for it
 * in a committed transaction. */
bool store_notice_unrecorded(store_t *s, int64_t id, int attempts);

/* Notices left sending by a daemon that stopped mid-try: retrying at now
 * (the try is made again). How many, -1 on an error. */
int store_notice_requeue(store_t *s, int64_t now);

/* A dossier's notices, oldest first, as objects {kind, channel, recipient,
 * status, attempts, created, next_at, done_at, error} (times unix
 * seconds, 0 when none). New reference; NULL on an error. */
json_t *store_notice_list(store_t *s, int64_t dossier);

void store_notice_free(store_notice_t *n);

#endif
