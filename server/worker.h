/* worker.h — slow work off the serve loop's thread: one worker thread runs
 * jobs (a password hash today; a PDF, a signature, an import tomorrow) and
 * hands each back, with its owner, through a file descriptor the loop
 * polls. The worker only computes: it never touches the database, a
 * request's srv_ctx_t or anything else of the loop's. */
#ifndef CONGVU_WORKER_H
#define CONGVU_WORKER_H

#include <stdbool.h>

/* One job. run is called on the worker thread with arg, which holds the
 * job's input and receives its results: run may touch arg and nothing of
 * the loop's (no database, no ctx, no request). free releases arg; it is
 * called on the thread that owns arg at that moment (see worker_take,
 * worker_stop). owner is the loop's, opaque here, handed back as is. */
typedef struct {
	void *owner;
	void (*run)(void *arg);
	void *arg;
	void (*free)(void *arg);
} worker_job_t;

/* Start the worker (idempotent). The calling thread is the serve loop's
 * (worker_on_loop tells it apart). 0, or -1 when it could not start: the
 * caller then answers the requests that need slow work `busy`. */
int worker_start(void);

/* Readable when a finished job is waiting (-1 when not started). */
int worker_fd(void);

/* Queue *job (copied). On 0 its arg belongs to the worker until
 * worker_take gives it back; on -1 (not started, no memory) it stays the
 * caller's. */
int worker_submit(const worker_job_t *job);

/* A finished job into *job, in the order they were submitted: true, and
 * job->arg is the caller's again (it frees it with job->free); false when
 * none is waiting. Clears the fd's readiness once all are taken. */
bool worker_take(worker_job_t *job);

/* Stop the worker after the job in flight; the args of the jobs not taken
 * (waiting, or finished) are freed with their free function; their owners
 * are the caller's. */
void worker_stop(void);

/* Is the calling thread the one that started the worker (the serve
 * loop's)? False when none has been started. */
bool worker_on_loop(void);

#endif
