/* batch.h — the serve loop's request handling: read what waits on the
 * ROUTER socket and answer it, the writes made durable by one commit. */
#ifndef CONGVU_BATCH_H
#define CONGVU_BATCH_H

#include "srv.h"

/* Read every request waiting on router (blocking for the first, at most a
 * batch), identify and dispatch them in order in one transaction, commit,
 * then send each reply and the events the requests queued. Returns the
 * number of requests answered. */
int batch_serve(void *router, sqlite3 *db, const srv_config_t *cfg);

/* Logins wait off the loop while their password is checked (pwcheck.c):
 * batch_start starts the checker (without it logins check inline), the
 * loop polls batch_fd and calls batch_resume when it is readable, which
 * answers the logins checked and what their connections sent after them;
 * batch_stop ends the checker and drops what is still parked. */
int batch_start(void);
int batch_fd(void);
int batch_resume(void *router, sqlite3 *db, const srv_config_t *cfg);
void batch_stop(void);

#endif
