/* password.c — the Argon2id work (~150 ms and 64 MB each): checking a
 * password against its stored hash, hashing a new one; and the job that
 * does it on the worker's thread, so a login or a password change does
 * not stall every other request on the serve loop. */
#include "password.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "worker.h"

/* Debug builds (the ones the tests run) abort when the serve loop hashes:
 * a request stalling every other one is a bug the suites must see. */
static void s_not_on_loop(void)
{
#ifdef CONGVU_TEST_CLOCK
	if (worker_on_loop())
		fatal("a password hash on the serve loop's thread");
#endif
}

int password_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	s_not_on_loop();
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool password_verify(const char *hash, const char *pw)
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

password_job_t *password_job_new(const char *hash, const char *pw, const char *new_pw)
{
	password_job_t *j = calloc(1, sizeof *j);

	if (!j || (hash && !(j->pw = strdup(pw ? pw : ""))) || (new_pw && !(j->new_pw = strdup(new_pw)))) {
		password_job_free(j);
		return NULL;
	}
	if (hash)
		snprintf(j->hash, sizeof j->hash, "%s", hash);
	return j;
}

void password_job_run(void *job)
{
	password_job_t *j = job;

	j->ok = !j->hash[0] || password_verify(j->hash, j->pw);
	if (j->ok && j->new_pw && password_hash(j->new_pw, j->new_hash) != 0)
		j->new_hash[0] = 0;
	j->ran = true;
}

void password_job_free(void *job)
{
	password_job_t *j = job;

	if (!j)
		return;
	s_wipe(j->pw);
	s_wipe(j->new_pw);
	sodium_memzero(j->generated, sizeof j->generated);
	free(j);
}
