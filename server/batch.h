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

#endif
