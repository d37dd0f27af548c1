/* worker.c — one thread doing the serve loop's slow work, so a request that
 * needs ~150 ms of computing (an Argon2id hash) does not stall every other
 * one. Jobs go in one queue, come back in the same order in another, and
 * an eventfd tells the loop one is waiting. Only the queues and the flag
 * below are shared, under s_mu; a job's arg is touched by one thread at a
 * time (the submitter's, the worker's while it runs, the taker's). */
#include "worker.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

typedef struct s_job {
	worker_job_t j;
	struct s_job *next;
} s_job_t;

/* todo: submitted, not yet run; done: run, not yet taken */
static s_job_t *s_todo, **s_todo_tail = &s_todo, *s_done, **s_done_tail = &s_done;
static pthread_mutex_t s_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t s_cv = PTHREAD_COND_INITIALIZER;
static pthread_t s_thread, s_loop;
static bool s_loop_known; /* s_loop is set (before the worker starts) */
static int s_fd = -1;
static bool s_stop;

static void *s_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&s_mu);
	for (;;) {
		s_job_t *j;
		uint64_t one = 1;

		while (!s_todo && !s_stop)
			pthread_cond_wait(&s_cv, &s_mu);
		if (s_stop)
			break;
		j = s_todo;
		if (!(s_todo = j->next))
			s_todo_tail = &s_todo;
		pthread_mutex_unlock(&s_mu);
		j->j.run(j->j.arg);
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

int worker_start(void)
{
	if (s_fd >= 0)
		return 0;
	s_loop = pthread_self();
	s_loop_known = true;
	if ((s_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
		return -1;
	s_stop = false;
	if (pthread_create(&s_thread, NULL, s_worker, NULL) != 0) {
		close(s_fd);
		s_fd = -1;
		return -1;
	}
	return 0;
}

int worker_fd(void)
{
	return s_fd;
}

bool worker_on_loop(void)
{
	return s_loop_known && pthread_equal(pthread_self(), s_loop);
}

int worker_submit(const worker_job_t *job)
{
	s_job_t *j;

	if (s_fd < 0 || !job->run || !(j = calloc(1, sizeof *j)))
		return -1;
	j->j = *job;
	pthread_mutex_lock(&s_mu);
	*s_todo_tail = j;
	s_todo_tail = &j->next;
	pthread_cond_signal(&s_cv);
	pthread_mutex_unlock(&s_mu);
	return 0;
}

bool worker_take(worker_job_t *job)
{
	s_job_t *j;
	uint64_t n;

	if (s_fd < 0)
		return false;
	pthread_mutex_lock(&s_mu);
	if ((j = s_done) && !(s_done = j->next))
		s_done_tail = &s_done;
	if (!s_done && read(s_fd, &n, sizeof n) < 0) {
		/* EAGAIN: already drained */
	}
	pthread_mutex_unlock(&s_mu);
	if (!j)
		return false;
	*job = j->j;
	free(j);
	return true;
}

/* Free the jobs of list *l and empty it. */
static void s_drop(s_job_t **l, s_job_t ***tail)
{
	for (s_job_t *j; (j = *l);) {
		*l = j->next;
		if (j->j.free)
			j->j.free(j->j.arg);
		free(j);
	}
	*tail = l;
}

void worker_stop(void)
{
	if (s_fd < 0)
		return;
	pthread_mutex_lock(&s_mu);
	s_stop = true;
	pthread_cond_signal(&s_cv);
	pthread_mutex_unlock(&s_mu);
	pthread_join(s_thread, NULL);
	s_drop(&s_todo, &s_todo_tail);
	s_drop(&s_done, &s_done_tail);
	close(s_fd);
	s_fd = -1;
}
