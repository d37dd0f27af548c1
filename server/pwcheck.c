/* pwcheck.c — one worker thread does the Argon2id work (~150 ms and 64 MB
 * each: checking a password against its stored hash, hashing a new one),
 * so a login or a password change does not stall every other request on
 * the serve loop. It touches no database: the loop reads the stored hash
 * and writes the outcome; the worker only computes. Jobs come back in
 * order through an eventfd. */
#include "pwcheck.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "log.h"

typedef struct job {
	void *owner;
	bool check; /* check pw against hash */
	char hash[crypto_pwhash_STRBYTES];
	char *pw, *new_pw; /* new_pw: NULL when no hash of it is asked */
	bool ok;
	char new_hash[crypto_pwhash_STRBYTES];
	struct job *next;
} job_t;

/* todo: submitted, not yet done; done: done, not yet taken */
static job_t *s_todo, *s_done, **s_done_tail = &s_done;
static pthread_mutex_t s_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t s_cv = PTHREAD_COND_INITIALIZER;
static pthread_t s_thread, s_loop;
static bool s_loop_known; /* s_loop is set (before the worker starts) */
static int s_fd = -1;
static bool s_stop;

/* Debug builds (the ones the tests run) abort when the serve loop hashes:
 * a request stalling every other one is a bug the suites must see. */
static void s_not_on_loop(void)
{
#ifdef CONGVU_TEST_CLOCK
	if (s_loop_known && pthread_equal(pthread_self(), s_loop))
		fatal("a password hash on the serve loop's thread");
#endif
}

int pwcheck_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	s_not_on_loop();
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool pwcheck_verify(const char *hash, const char *pw)
{
	s_not_on_loop();
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static void s_wipe(char *s)
{
	if (s) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
}

static void s_free(job_t *j)
{
	s_wipe(j->pw);
	s_wipe(j->new_pw);
	free(j);
}

static void s_do(job_t *j)
{
	j->ok = !j->check || pwcheck_verify(j->hash, j->pw);
	if (j->ok && j->new_pw && pwcheck_hash(j->new_pw, j->new_hash) != 0)
		j->new_hash[0] = 0;
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
		s_do(j);
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

int pwcheck_fd(void)
{
	return s_fd;
}

int pwcheck_submit(void *owner, const char *hash, const char *pw, const char *new_pw)
{
	job_t *j = NULL, **t;

	if (s_fd < 0 || !(j = calloc(1, sizeof *j)) || (hash && !(j->pw = strdup(pw))) ||
	    (new_pw && !(j->new_pw = strdup(new_pw)))) {
		if (j)
			s_free(j);
		return -1;
	}
	j->owner = owner;
	if ((j->check = hash != NULL))
		snprintf(j->hash, sizeof j->hash, "%s", hash);
	pthread_mutex_lock(&s_mu);
	for (t = &s_todo; *t; t = &(*t)->next)
		;
	*t = j;
	pthread_cond_signal(&s_cv);
	pthread_mutex_unlock(&s_mu);
	return 0;
}

void *pwcheck_take(bool *ok, char new_hash[crypto_pwhash_STRBYTES])
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
		snprintf(new_hash, crypto_pwhash_STRBYTES, "%s", j->new_hash);
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
