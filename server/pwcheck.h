/* pwcheck.h — Argon2id password work off the serve loop's thread: a worker
 * verifies a password against a stored hash and/or hashes a new password,
 * and hands the results back through a file descriptor the loop polls. */
#ifndef CONGVU_PWCHECK_H
#define CONGVU_PWCHECK_H

#include <sodium.h>
#include <stdbool.h>

/* Start the worker (idempotent). The calling thread is the serve loop's:
 * in debug builds pwcheck_hash and pwcheck_verify abort when it calls
 * them. 0, or -1 when it could not start: the caller then answers the
 * requests that need password work `busy`. */
int pwcheck_start(void);

/* Readable when a finished job is waiting (-1 when not started). */
int pwcheck_fd(void);

/* Queue a job for owner (the strings are copied; owner is handed back
 * with the results): when hash is not NULL, check pw against it; when
 * new_pw is not NULL, hash it, but only if that check (when asked)
 * passed. 0, or -1 (not started, no memory). */
int pwcheck_submit(void *owner, const char *hash, const char *pw, const char *new_pw);

/* The owner of a finished job, NULL when none is waiting. *ok: pw matched
 * (true when no check was asked); new_hash: the hash of new_pw, "" when
 * none was asked, the check failed or the hashing did (no memory). Clears
 * the fd's readiness once all are taken. */
void *pwcheck_take(bool *ok, char new_hash[crypto_pwhash_STRBYTES]);

/* Stop the worker after the job in flight; jobs not taken are dropped
 * (their owners are the caller's to free). */
void pwcheck_stop(void);

/* The Argon2id hash of pw into out, with the parameters every stored hash
 * uses. 0, or -1 (no memory). The worker's, and the console's (its own
 * process): never the serve loop's. */
int pwcheck_hash(const char *pw, char out[crypto_pwhash_STRBYTES]);

/* Does pw match hash? Same callers as pwcheck_hash. */
bool pwcheck_verify(const char *hash, const char *pw);

#endif
