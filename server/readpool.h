/* readpool.h — reads off the writer's thread: a few threads, each with a
 * read-only store connection of its own (STORE_READONLY: WAL lets readers
 * run beside the one writer), run jobs the serve loop hands them — a
 * read-only request it has already identified — each inside one read
 * snapshot, and hand them back through a file descriptor the loop polls.
 * The loop keeps everything else: the sockets, identity, the lanes and
 * their order, pushes and every write (batch.c says how it uses the pool). */
#ifndef CONGVU_READPOOL_H
#define CONGVU_READPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* A job's work, on a pool thread: db is that thread's connection, inside a
 * read snapshot begun for this job alone (store_read_begin). It touches
 * job and what the loop has promised not to change meanwhile, nothing
 * else. */
typedef void (*readpool_run_t)(void *job, store_t *db);

/* Start `threads` threads reading the database at path (0: none, and
 * readpool_size stays 0). 0, or -1 with a message in err (every connection
 * opened so far is closed again). Called once, by the loop's thread. */
int readpool_start(const char *path, int threads, char *err, size_t n);

/* The number of threads serving (0 when not started or stopped). */
int readpool_size(void);

/* Readable when a finished job is waiting (-1 when not started). */
int readpool_fd(void);

/* Queue job for the first free thread. On 0 job belongs to the pool until
 * readpool_take gives it back; -1 (not started, no memory): the caller's. */
int readpool_submit(void *job, readpool_run_t run);

/* A finished job (the caller's again), in the order the jobs finished;
 * NULL when none is waiting. Clears the fd's readiness once all are taken. */
void *readpool_take(void);

/* Jobs submitted and not yet taken back. */
int readpool_pending(void);

/* Stop: every job already submitted is run first (a shutdown drains the
 * pool), then the threads end and their connections close; the finished
 * jobs not taken are handed to drop (the caller should have taken them:
 * batch_drain answers them). Idempotent. */
void readpool_stop(void (*drop)(void *job));

#endif
