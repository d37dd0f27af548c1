/* readpool.c — the read pool (readpool.h): a job queue (jobq.h) whose
 * threads each own a read-only connection; any free thread runs the next
 * read. Each connection is touched by its thread alone. */
#include "readpool.h"

#include <stdio.h>
#include <stdlib.h>

#include "jobq.h"
#include "log.h"

/* More threads than this would only add connections (16 MB of page cache
 * each) a province's server has no cores for. */
#define READPOOL_MAX 32

/* A job as the queue runs it: the loop's job and its work. */
typedef struct {
	void *job;
	readpool_run_t run;
} s_job_t;

static jobq_t *s_q;
static store_t *s_db[READPOOL_MAX]; /* thread i's connection */
static int s_n;

/* On a pool thread, whose connection ctx is: one snapshot per request,
 * which sees every commit acknowledged before the loop handed it over,
 * and nothing after it began. */
static void s_run(void *job, void *ctx)
{
	s_job_t *j = job;
	store_t *db = ctx;

	if (store_read_begin(db) != STORE_OK)
		log_error("read pool: no read snapshot: %s", store_errmsg(db));
	j->run(j->job, db);
	store_read_end(db);
}

static void s_close(void)
{
	for (int i = 0; i < READPOOL_MAX; i++)
		store_close(&s_db[i]);
	s_n = 0;
}

int readpool_start(const char *path, int threads, char *err, size_t n)
{
	if (s_q || threads <= 0)
		return 0;
	if (threads > READPOOL_MAX)
		threads = READPOOL_MAX;
	for (int i = 0; i < threads; i++)
		if (!(s_db[i] = store_open(path, STORE_READONLY, err, n))) {
			s_close();
			return -1;
		}
	if (!(s_q = jobq_start(threads, (void *const *)s_db, "congvud-read"))) {
		snprintf(err, n, "the read threads could not start");
		s_close();
		return -1;
	}
	s_n = threads;
	return 0;
}

int readpool_size(void)
{
	return s_q ? s_n : 0;
}

int readpool_fd(void)
{
	return s_q ? jobq_fd(s_q) : -1;
}

int readpool_submit(void *job, readpool_run_t run)
{
	s_job_t *j;

	if (!s_q || !(j = malloc(sizeof *j)))
		return -1;
	*j = (s_job_t){job, run};
	if (jobq_submit(s_q, j, s_run) != 0) {
		free(j);
		return -1;
	}
	return 0;
}

void *readpool_take(void)
{
	s_job_t *j = s_q ? jobq_take(s_q) : NULL;
	void *job = j ? j->job : NULL;

	free(j);
	return job;
}

int readpool_pending(void)
{
	return s_q ? jobq_pending(s_q) : 0;
}

static void (*s_drop_fn)(void *job);

static void s_drop(void *job)
{
	s_job_t *j = job;

	if (s_drop_fn)
		s_drop_fn(j->job);
	free(j);
}

void readpool_stop(void (*drop)(void *job))
{
	if (!s_q)
		return;
	s_drop_fn = drop;
	jobq_stop(s_q, true, s_drop); /* a shutdown drains the pool */
	s_q = NULL;
	s_close();
}
