/* worker.c — one thread doing the serve loop's slow work, so a request that
 * needs ~150 ms of computing (an Argon2id hash) does not stall every other
 * one: a job queue (jobq.h) of one thread, so jobs come back in the order
 * they went in. A job's arg is touched by one thread at a time (the
 * submitter's, the worker's while it runs, the taker's). */
#include "worker.h"

#include <pthread.h>
#include <stdlib.h>

#include "jobq.h"

static jobq_t *s_q;
static pthread_t s_loop;
static bool s_loop_known; /* s_loop is set (before the worker starts) */

/* A job as the queue runs it: the worker_job_t copied. */
static void s_run(void *job, void *ctx)
{
	worker_job_t *j = job;

	(void)ctx;
	j->run(j->arg);
}

int worker_start(void)
{
	if (s_q)
		return 0;
	s_loop = pthread_self();
	s_loop_known = true;
	return (s_q = jobq_start(1, NULL, "congvud-work")) ? 0 : -1;
}

int worker_fd(void)
{
	return s_q ? jobq_fd(s_q) : -1;
}

bool worker_on_loop(void)
{
	return s_loop_known && pthread_equal(pthread_self(), s_loop);
}

int worker_submit(const worker_job_t *job)
{
	worker_job_t *j;

	if (!s_q || !job->run || !(j = malloc(sizeof *j)))
		return -1;
	*j = *job;
	if (jobq_submit(s_q, j, s_run) != 0) {
		free(j);
		return -1;
	}
	return 0;
}

bool worker_take(worker_job_t *job)
{
	worker_job_t *j = s_q ? jobq_take(s_q) : NULL;

	if (!j)
		return false;
	*job = *j;
	free(j);
	return true;
}

/* A job nobody took: its arg freed with its free function. */
static void s_drop(void *job)
{
	worker_job_t *j = job;

	if (j->free)
		j->free(j->arg);
	free(j);
}

void worker_stop(void)
{
	jobq_stop(s_q, false, s_drop);
	s_q = NULL;
}
