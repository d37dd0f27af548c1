/* jobq.h — jobs handed from the serve loop to threads of their own and
 * back: a queue in, a queue out, and an eventfd the loop polls while a
 * finished job waits. What the worker (slow computing, worker.c) and the
 * read pool (reads on connections of their own, readpool.c) are built on.
 * Only the queues, their counts and the stop flag are shared, under one
 * mutex; a job is touched by one thread at a time (the submitter's, the
 * thread running it, the taker's). */
#ifndef CONGVU_JOBQ_H
#define CONGVU_JOBQ_H

#include <stdbool.h>
#include <stddef.h>

typedef struct jobq jobq_t;

/* A job's work, on one of the queue's threads; ctx is that thread's own
 * (jobq_start's ctx[i]: the read pool's connection), NULL when none. */
typedef void (*jobq_run_t)(void *job, void *ctx);

/* Start n threads (named `name` in top -H), thread i with ctx[i] (ctx
 * may be NULL: none). NULL when a thread or the eventfd could not be
 * made (every thread started is stopped again). */
jobq_t *jobq_start(int n, void *const *ctx, const char *name);

/* Readable while a finished job waits. */
int jobq_fd(const jobq_t *q);

/* Queue job for the first free thread. On 0 job is the queue's until
 * jobq_take gives it back; -1 (no memory): it stays the caller's. */
int jobq_submit(jobq_t *q, void *job, jobq_run_t run);

/* A finished job, the caller's again, in the order they finished (the
 * order submitted when one thread runs them); NULL when none waits.
 * Clears the fd's readiness once all are taken. */
void *jobq_take(jobq_t *q);

/* Jobs submitted and not yet taken back. */
int jobq_pending(jobq_t *q);

/* Stop and free q: with drain, every job submitted is run first; without,
 * the threads stop after the jobs in flight. Then the threads are joined
 * and every job not taken back (run or not) is handed to drop (NULL:
 * nobody owns them). */
void jobq_stop(jobq_t *q, bool drain, void (*drop)(void *job));

#endif
