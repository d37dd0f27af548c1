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

/* Requests with password work (login, passwd, user.add, user.reset) wait
 * off the loop while the worker does it (pwcheck.c): batch_start starts
 * the worker (without it they are answered busy; the loop never hashes),
 * the loop polls batch_fd and calls batch_resume when it is readable,
 * which answers the requests whose work is done and what their
 * connections sent after them; batch_stop ends the worker and drops what
 * is still parked. */
int batch_start(void);
int batch_fd(void);
int batch_resume(void *router, sqlite3 *db, const srv_config_t *cfg);
void batch_stop(void);

#endif
