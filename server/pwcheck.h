/* pwcheck.h — Argon2id password checks off the serve loop's thread: a
 * worker verifies a stored hash against a password and hands the verdict
 * back through a file descriptor the loop polls. */
#ifndef CONGVU_PWCHECK_H
#define CONGVU_PWCHECK_H

#include <stdbool.h>

/* Start the worker (idempotent). 0, or -1 when it could not start: the
 * caller then checks passwords inline, as before. */
int pwcheck_start(void);

/* Readable when a verdict is waiting (-1 when not started). */
int pwcheck_fd(void);

/* Queue the check of pw against hash for owner (copied; owner is handed
 * back with the verdict). 0, or -1 (not started, no memory). */
int pwcheck_submit(void *owner, const char *hash, const char *pw);

/* The owner of a finished check and its verdict in *ok; NULL when none is
 * waiting. Clears the fd's readiness once all are taken. */
void *pwcheck_take(bool *ok);

/* Stop the worker after the check in flight; checks not taken are
 * dropped (their owners are the caller's to free). */
void pwcheck_stop(void);

#endif
