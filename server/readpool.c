/* readpool.c — the read pool's threads and queues (readpool.h). Jobs go in
 * one queue, any free thread runs the next, the finished ones come back in
 * another, and an eventfd tells the loop one is waiting. Only the queues,
 * the counts and the stop flag are shared, under s_mu; a job is touched by
 * one thread at a time (the submitter's, the thread running it, the
 * taker's), each connection by its thread alone. */
#include "readpool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "log.h"

/* More threads than this would only add connections (16 MB of page cache
 * each) a province's server has no cores for. */
#define READPOOL_MAX 32

typedef struct s_job {
	void *job;
	readpool_run_t run;
	struct s_job *next;
} s_job_t;

typedef struct {
	pthread_t t;
	store_t *db;
} s_thread_t;

static s_thread_t s_threads[READPOOL_MAX];
static int s_n;
/* todo: submitted, not yet run; done: run, not yet taken */
static s_job_t *s_todo, **s_todo_tail = &s_todo, *s_done, **s_done_tail = &s_done;
static int s_pending; /* submitted and not taken */
static pthread_mutex_t s_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t s_cv = PTHREAD_COND_INITIALIZER;
static int s_fd = -1;
static bool s_stop;

static void s_run(s_job_t *j, store_t *db)
{
	/* one snapshot per request: it sees every commit acknowledged
	 * before the loop handed it over, and nothing after it began */
	if (store_read_begin(db) != STORE_OK)
		log_error("read pool: no read snapshot: %s", store_errmsg(db));
	j->run(j->job, db);
	store_read_end(db);
}

static void *s_thread(void *arg)
{
	store_t *db = arg;

	pthread_mutex_lock(&s_mu);
	for (;;) {
		s_job_t *j;
		uint64_t one = 1;

		while (!s_todo && !s_stop)
			pthread_cond_wait(&s_cv, &s_mu);
		if (!s_todo) /* stopping, and nothing left to run */
			break;
		j = s_todo;
		if (!(s_todo = j->next))
			s_todo_tail = &s_todo;
		pthread_mutex_unlock(&s_mu);
		s_run(j, db);
		j->next = NULL;
		pthread_mutex_lock(&s_mu);
		*s_done_tail = j;
		s_done_tail = &j->next;
		if (write(s_fd, &one, sizeof one) != sizeof one) {
			/* the counter cannot overflow here; the loop polls anyway */
		}
	}
	pthread_mutex_unlock(&s_mu);
	return NULL;
}

int readpool_start(const char *path, int threads, char *err, size_t n)
{
	if (s_fd >= 0 || threads <= 0)
		return 0;
	if (threads > READPOOL_MAX)
		threads = READPOOL_MAX;
	if ((s_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
		snprintf(err, n, "eventfd");
		return -1;
	}
	s_stop = false;
	for (s_n = 0; s_n < threads; s_n++) {
		s_thread_t *t = &s_threads[s_n];
		if (!(t->db = store_open(path, STORE_READONLY, err, n)))
			break;
		if (pthread_create(&t->t, NULL, s_thread, t->db) != 0) {
			snprintf(err, n, "pthread_create");
			store_close(&t->db);
			break;
		}
		pthread_setname_np(t->t, "congvud-read"); /* top -H, /proc/PID/task/TID/comm */
	}
	if (s_n < threads) {
		readpool_stop(NULL);
		return -1;
	}
	return 0;
}

int readpool_size(void)
{
	return s_fd >= 0 ? s_n : 0;
}

int readpool_fd(void)
{
	return s_fd;
}

int readpool_submit(void *job, readpool_run_t run)
{
	s_job_t *j;

	if (s_fd < 0 || !s_n || !(j = calloc(1, sizeof *j)))
		return -1;
	j->job = job;
	j->run = run;
	pthread_mutex_lock(&s_mu);
	*s_todo_tail = j;
	s_todo_tail = &j->next;
	s_pending++;
	pthread_cond_signal(&s_cv);
	pthread_mutex_unlock(&s_mu);
	return 0;
}

void *readpool_take(void)
{
	s_job_t *j;
	void *job = NULL;
	uint64_t n;

	if (s_fd < 0)
		return NULL;
	pthread_mutex_lock(&s_mu);
	if ((j = s_done) && !(s_done = j->next))
		s_done_tail = &s_done;
	if (j)
		s_pending--;
	if (!s_done && read(s_fd, &n, sizeof n) < 0) {
		/* EAGAIN: already drained */
	}
	pthread_mutex_unlock(&s_mu);
	if (j) {
		job = j->job;
		free(j);
	}
	return job;
}

int readpool_pending(void)
{
	int n;

	pthread_mutex_lock(&s_mu);
	n = s_pending;
	pthread_mutex_unlock(&s_mu);
	return n;
}

void readpool_stop(void (*drop)(void *job))
{
	if (s_fd < 0)
		return;
	pthread_mutex_lock(&s_mu);
	s_stop = true;
	pthread_cond_broadcast(&s_cv);
	pthread_mutex_unlock(&s_mu);
	for (int i = 0; i < s_n; i++) {
		pthread_join(s_threads[i].t, NULL);
		store_close(&s_threads[i].db);
	}
	s_n = 0;
	for (s_job_t *j; (j = s_done);) {
		s_done = j->next;
		if (drop)
			drop(j->job);
		free(j);
	}
	s_done_tail = &s_done;
	s_pending = 0;
	close(s_fd);
	s_fd = -1;
}
