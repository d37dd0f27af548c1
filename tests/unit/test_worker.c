/* test_worker.c — server/worker.c, the serve loop's one mechanism for slow
 * work: jobs run off the calling thread and come back once each, with
 * their owner, in submission order, through the fd; stopping frees what
 * was not taken; refused jobs stay the caller's. And server/jobq.c under
 * it, with several threads (the read pool's): each job runs once on a
 * thread with that thread's own context; a draining stop runs every job
 * submitted, a plain one drops what had not run. */
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "jobq.h"
#include "worker.h"

#define N 200

typedef struct {
	int in, out;
	bool off_loop; /* run saw worker_on_loop() false */
	int *freed;    /* its slot in the test's count of frees */
} s_arg_t;

static pthread_mutex_t s_gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t s_gate_cv = PTHREAD_COND_INITIALIZER;
static bool s_gate_open, s_gate_reached;

static void s_double(void *arg)
{
	s_arg_t *a = arg;
	a->out = 2 * a->in;
	a->off_loop = !worker_on_loop();
}

/* Holds the worker until the test opens the gate. */
static void s_gated(void *arg)
{
	pthread_mutex_lock(&s_gate_mu);
	s_gate_reached = true;
	pthread_cond_broadcast(&s_gate_cv);
	while (!s_gate_open)
		pthread_cond_wait(&s_gate_cv, &s_gate_mu);
	pthread_mutex_unlock(&s_gate_mu);
	s_double(arg);
}

static void s_free(void *arg)
{
	s_arg_t *a = arg;
	(*a->freed)++;
	free(a);
}

static s_arg_t *s_arg(int in, int *freed)
{
	s_arg_t *a = calloc(1, sizeof *a);
	assert_non_null(a);
	a->in = in;
	a->freed = freed;
	return a;
}

static bool s_readable(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* N jobs: each comes back once, in order, with its owner and its result,
 * computed off the loop's thread; then nothing more, and the fd is quiet. */
static void test_results_in_order(void **state)
{
	static int owners[N], freed[N];
	worker_job_t j;
	int got = 0;

	(void)state;
	assert_false(worker_on_loop());
	assert_int_equal(worker_start(), 0);
	assert_int_equal(worker_start(), 0); /* idempotent */
	assert_true(worker_on_loop());
	assert_true(worker_fd() >= 0);
	assert_false(worker_take(&j));
	for (int i = 0; i < N; i++)
		assert_int_equal(worker_submit(&(worker_job_t){
		                     .owner = &owners[i], .run = s_double, .arg = s_arg(i, &freed[i]), .free = s_free}),
		                 0);
	while (got < N) {
		assert_true(s_readable(worker_fd(), 10000));
		while (worker_take(&j)) {
			s_arg_t *a = j.arg;
			assert_ptr_equal(j.owner, &owners[got]);
			assert_int_equal(a->in, got);
			assert_int_equal(a->out, 2 * got);
			assert_true(a->off_loop);
			assert_ptr_equal(j.free, s_free);
			j.free(j.arg);
			got++;
		}
	}
	assert_false(worker_take(&j));
	assert_false(s_readable(worker_fd(), 50));
	for (int i = 0; i < N; i++)
		assert_int_equal(freed[i], 1);
	worker_stop();
	assert_int_equal(worker_fd(), -1);
}

/* Stopped with one job in flight, others waiting and one finished but not
 * taken: every arg not taken is freed once (ASan sees any leak), and a
 * job refused (no worker) stays the caller's. */
static void test_stop_frees_pending(void **state)
{
	static int freed[N + 2], owner;
	worker_job_t j;
	s_arg_t *mine = s_arg(0, &freed[N + 1]);

	(void)state;
	assert_int_equal(worker_submit(&(worker_job_t){.owner = &owner, .run = s_double, .arg = mine, .free = s_free}),
	                 -1);
	assert_int_equal(freed[N + 1], 0);
	s_free(mine);

	assert_int_equal(worker_start(), 0);
	/* one finished, left untaken */
	assert_int_equal(worker_submit(&(worker_job_t){
	                     .owner = &owner, .run = s_double, .arg = s_arg(-1, &freed[N]), .free = s_free}),
	                 0);
	assert_true(s_readable(worker_fd(), 10000));
	/* one in flight, held until the worker is being stopped */
	assert_int_equal(
	    worker_submit(&(worker_job_t){.owner = &owner, .run = s_gated, .arg = s_arg(0, &freed[0]), .free = s_free}),
	    0);
	pthread_mutex_lock(&s_gate_mu);
	while (!s_gate_reached)
		pthread_cond_wait(&s_gate_cv, &s_gate_mu);
	pthread_mutex_unlock(&s_gate_mu);
	for (int i = 1; i < N; i++) /* waiting behind it */
		assert_int_equal(worker_submit(&(worker_job_t){
		                     .owner = &owner, .run = s_double, .arg = s_arg(i, &freed[i]), .free = s_free}),
		                 0);
	pthread_mutex_lock(&s_gate_mu);
	s_gate_open = true;
	pthread_cond_broadcast(&s_gate_cv);
	pthread_mutex_unlock(&s_gate_mu);
	worker_stop();
	for (int i = 0; i <= N; i++)
		assert_int_equal(freed[i], 1);
	assert_false(worker_take(&j));
	assert_int_equal(worker_fd(), -1);
	/* and it starts again */
	assert_int_equal(worker_start(), 0);
	worker_stop();
}

/* --- jobq with several threads --- */

/* The gate as a jobq job: holds its thread until the gate opens. */
static void s_gate_job(void *job, void *ctx)
{
	(void)job;
	(void)ctx;
	pthread_mutex_lock(&s_gate_mu);
	s_gate_reached = true;
	pthread_cond_broadcast(&s_gate_cv);
	while (!s_gate_open)
		pthread_cond_wait(&s_gate_cv, &s_gate_mu);
	pthread_mutex_unlock(&s_gate_mu);
}

static void *s_opener(void *arg)
{
	(void)arg;
	usleep(100 * 1000); /* after jobq_stop has raised its flag */
	pthread_mutex_lock(&s_gate_mu);
	s_gate_open = true;
	pthread_cond_broadcast(&s_gate_cv);
	pthread_mutex_unlock(&s_gate_mu);
	return NULL;
}

typedef struct {
	int in, out;
	void *ctx; /* the context of the thread that ran it */
} s_qjob_t;

static void s_qrun(void *job, void *ctx)
{
	s_qjob_t *j = job;
	j->out = 3 * j->in;
	j->ctx = ctx;
}

static int s_dropped;
static void s_qdrop(void *job)
{
	(void)job;
	s_dropped++;
}

static void test_jobq_threads(void **state)
{
	int ctx[3];
	void *ctxs[3] = {&ctx[0], &ctx[1], &ctx[2]};
	s_qjob_t jobs[N];
	bool seen[N] = {false};
	jobq_t *q = jobq_start(3, ctxs, "test-jobq");
	int got = 0;

	(void)state;
	assert_non_null(q);
	for (int i = 0; i < N; i++) {
		jobs[i] = (s_qjob_t){.in = i};
		assert_int_equal(jobq_submit(q, &jobs[i], s_qrun), 0);
	}
	while (got < N) {
		struct pollfd p = {.fd = jobq_fd(q), .events = POLLIN};
		s_qjob_t *j;
		assert_true(poll(&p, 1, 5000) == 1);
		while ((j = jobq_take(q))) {
			int i = (int)(j - jobs);
			assert_false(seen[i]); /* back once */
			seen[i] = true;
			assert_int_equal(j->out, 3 * i);
			assert_true(j->ctx == ctxs[0] || j->ctx == ctxs[1] || j->ctx == ctxs[2]);
			got++;
		}
	}
	assert_int_equal(jobq_pending(q), 0);
	assert_null(jobq_take(q));
	jobq_stop(q, true, s_qdrop);
	assert_int_equal(s_dropped, 0);
}

/* A draining stop runs what was submitted (handing the jobs not taken to
 * drop); a plain stop drops what had not run yet. */
static void test_jobq_stop(void **state)
{
	s_qjob_t jobs[N];
	jobq_t *q = jobq_start(2, NULL, NULL);

	(void)state;
	assert_non_null(q);
	for (int i = 0; i < N; i++) {
		jobs[i] = (s_qjob_t){.in = i, .out = -1};
		assert_int_equal(jobq_submit(q, &jobs[i], s_qrun), 0);
	}
	s_dropped = 0;
	jobq_stop(q, true, s_qdrop);
	assert_int_equal(s_dropped, N);
	for (int i = 0; i < N; i++)
		assert_int_equal(jobs[i].out, 3 * i); /* every one ran */

	q = jobq_start(1, NULL, NULL);
	assert_non_null(q);
	pthread_mutex_lock(&s_gate_mu);
	s_gate_open = s_gate_reached = false;
	pthread_mutex_unlock(&s_gate_mu);
	assert_int_equal(jobq_submit(q, NULL, s_gate_job), 0); /* holds the one thread */
	for (int i = 0; i < N; i++) {
		jobs[i] = (s_qjob_t){.in = i, .out = -1};
		assert_int_equal(jobq_submit(q, &jobs[i], s_qrun), 0);
	}
	pthread_mutex_lock(&s_gate_mu);
	while (!s_gate_reached)
		pthread_cond_wait(&s_gate_cv, &s_gate_mu);
	pthread_mutex_unlock(&s_gate_mu);
	s_dropped = 0;
	{
		pthread_t opener;
		assert_int_equal(pthread_create(&opener, NULL, s_opener, NULL), 0);
		jobq_stop(q, false, s_qdrop);
		pthread_join(opener, NULL);
	}
	assert_int_equal(s_dropped, N + 1); /* the gate job, run and not taken, and the N never run */
	for (int i = 0; i < N; i++)
		assert_int_equal(jobs[i].out, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_results_in_order),
	    cmocka_unit_test(test_stop_frees_pending),
	    cmocka_unit_test(test_jobq_threads),
	    cmocka_unit_test(test_jobq_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
