/* pwcheck.c — one worker thread verifies Argon2id password hashes (~150 ms
 * and 64 MB each), so a login does not stall every other request on the
 * serve loop. It touches no database: the loop reads the stored hash and
 * writes the outcome; the worker only computes. Verdicts come back in
 * order through an eventfd. */
#include "pwcheck.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

typedef struct job {
	void *owner;
	char hash[crypto_pwhash_STRBYTES];
	char *pw;
	bool ok;
	struct job *next;
} job_t;

/* todo: submitted, not yet checked; done: checked, not yet taken */
static job_t *s_todo, *s_done, **s_done_tail = &s_done;
static pthread_mutex_t s_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t s_cv = PTHREAD_COND_INITIALIZER;
static pthread_t s_thread;
static int s_fd = -1;
static bool s_stop;

static void s_free(job_t *j)
{
	if (!j)
		return;
	sodium_memzero(j->pw, strlen(j->pw));
	free(j->pw);
	free(j);
}

static void *s_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&s_mu);
	for (;;) {
		job_t *j;
		uint64_t one = 1;

		while (!s_todo && !s_stop)
			pthread_cond_wait(&s_cv, &s_mu);
		if (s_stop)
			break;
		j = s_todo;
		s_todo = j->next;
		pthread_mutex_unlock(&s_mu);
		j->ok = crypto_pwhash_str_verify(j->hash, j->pw, strlen(j->pw)) == 0;
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

int pwcheck_start(void)
{
	if (s_fd >= 0)
		return 0;
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

int pwcheck_fd(void)
{
	return s_fd;
}

int pwcheck_submit(void *owner, const char *hash, const char *pw)
{
	job_t *j = NULL, **t;

	if (s_fd < 0 || !(j = calloc(1, sizeof *j)) || !(j->pw = strdup(pw))) {
		free(j);
		return -1;
	}
	j->owner = owner;
	snprintf(j->hash, sizeof j->hash, "%s", hash);
	pthread_mutex_lock(&s_mu);
	for (t = &s_todo; *t; t = &(*t)->next)
		;
	*t = j;
	pthread_cond_signal(&s_cv);
	pthread_mutex_unlock(&s_mu);
	return 0;
}

void *pwcheck_take(bool *ok)
{
	job_t *j;
	void *owner = NULL;
	uint64_t n;

	pthread_mutex_lock(&s_mu);
	if ((j = s_done)) {
		s_done = j->next;
		if (!s_done)
			s_done_tail = &s_done;
	}
	if (!s_done && read(s_fd, &n, sizeof n) < 0) {
		/* EAGAIN: already drained */
	}
	pthread_mutex_unlock(&s_mu);
	if (j) {
		owner = j->owner;
		*ok = j->ok;
		s_free(j);
	}
	return owner;
}

void pwcheck_stop(void)
{
	if (s_fd < 0)
		return;
	pthread_mutex_lock(&s_mu);
	s_stop = true;
	pthread_cond_signal(&s_cv);
	pthread_mutex_unlock(&s_mu);
	pthread_join(s_thread, NULL);
	for (job_t *j; (j = s_todo);) {
		s_todo = j->next;
		s_free(j);
	}
	for (job_t *j; (j = s_done);) {
		s_done = j->next;
		s_free(j);
	}
	s_done_tail = &s_done;
	close(s_fd);
	s_fd = -1;
}
