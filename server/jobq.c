/* jobq.c — threads running the loop's jobs and handing them back (jobq.h). */
#include "jobq.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

typedef struct s_job {
	void *job;
	jobq_run_t run;
	struct s_job *next;
} s_job_t;

typedef struct {
	jobq_t *q;
	pthread_t t;
	void *ctx;
} s_thread_t;

struct jobq {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* todo: submitted, not yet run; done: run, not yet taken */
	s_job_t *todo, **todo_tail, *done, **done_tail;
	int pending; /* submitted and not taken */
	int fd;
	bool stop, drain;
	int n;
	s_thread_t threads[];
};

static void *s_thread(void *arg)
{
	s_thread_t *th = arg;
	jobq_t *q = th->q;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		s_job_t *j;
		uint64_t one = 1;

		while (!q->todo && !q->stop)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->stop && (!q->drain || !q->todo)) /* stopping, and nothing left it must run */
			break;
		j = q->todo;
		if (!(q->todo = j->next))
			q->todo_tail = &q->todo;
		pthread_mutex_unlock(&q->mu);
		j->run(j->job, th->ctx);
		j->next = NULL;
		pthread_mutex_lock(&q->mu);
		*q->done_tail = j;
		q->done_tail = &j->next;
		if (write(q->fd, &one, sizeof one) != sizeof one) {
			/* the counter cannot overflow here; the loop polls anyway */
		}
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

jobq_t *jobq_start(int n, void *const *ctx, const char *name)
{
	jobq_t *q = calloc(1, sizeof *q + (size_t)n * sizeof q->threads[0]);

	if (!q)
		return NULL;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	q->todo_tail = &q->todo;
	q->done_tail = &q->done;
	if ((q->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
		free(q);
		return NULL;
	}
	for (q->n = 0; q->n < n; q->n++) {
		s_thread_t *th = &q->threads[q->n];
		th->q = q;
		th->ctx = ctx ? ctx[q->n] : NULL;
		if (pthread_create(&th->t, NULL, s_thread, th) != 0)
			break;
		if (name)
			pthread_setname_np(th->t, name);
	}
	if (q->n < n) {
		jobq_stop(q, false, NULL);
		return NULL;
	}
	return q;
}

int jobq_fd(const jobq_t *q)
{
	return q->fd;
}

int jobq_submit(jobq_t *q, void *job, jobq_run_t run)
{
	s_job_t *j = calloc(1, sizeof *j);

	if (!j)
		return -1;
	j->job = job;
	j->run = run;
	pthread_mutex_lock(&q->mu);
	*q->todo_tail = j;
	q->todo_tail = &j->next;
	q->pending++;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return 0;
}

void *jobq_take(jobq_t *q)
{
	s_job_t *j;
	void *job = NULL;
	uint64_t n;

	pthread_mutex_lock(&q->mu);
	if ((j = q->done) && !(q->done = j->next))
		q->done_tail = &q->done;
	if (j)
		q->pending--;
	if (!q->done && read(q->fd, &n, sizeof n) < 0) {
		/* EAGAIN: already drained */
	}
	pthread_mutex_unlock(&q->mu);
	if (j) {
		job = j->job;
		free(j);
	}
	return job;
}

int jobq_pending(jobq_t *q)
{
	int n;

	pthread_mutex_lock(&q->mu);
	n = q->pending;
	pthread_mutex_unlock(&q->mu);
	return n;
}

/* Hand the jobs of list *l to drop and empty it. */
static void s_drop(s_job_t **l, s_job_t ***tail, void (*drop)(void *job))
{
	for (s_job_t *j; (j = *l);) {
		*l = j->next;
		if (drop)
			drop(j->job);
		free(j);
	}
	*tail = l;
}

void jobq_stop(jobq_t *q, bool drain, void (*drop)(void *job))
{
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->stop = true;
	q->drain = drain;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	for (int i = 0; i < q->n; i++)
		pthread_join(q->threads[i].t, NULL);
	s_drop(&q->todo, &q->todo_tail, drop);
	s_drop(&q->done, &q->done_tail, drop);
	close(q->fd);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q);
}
