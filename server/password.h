/* password.h — Argon2id, and the password job the worker runs for a
 * request (worker.h): a password checked against a stored hash and/or a
 * new password hashed. */
#ifndef CONGVU_PASSWORD_H
#define CONGVU_PASSWORD_H

#include <sodium.h>
#include <stdbool.h>

/* The Argon2id hash of pw into out, with the parameters every stored hash
 * uses. 0, or -1 (no memory). The worker's, and the console's (its own
 * process): never the serve loop's (debug builds abort when it calls). */
int password_hash(const char *pw, char out[crypto_pwhash_STRBYTES]);

/* Does pw match hash? Same callers as password_hash. */
bool password_verify(const char *hash, const char *pw);

/* A password job: its input is set on the loop's thread before it is
 * submitted, its results by password_job_run on the worker's; the loop
 * reads them once worker_take gave the job back. */
typedef struct {
	/* input */
	char hash[crypto_pwhash_STRBYTES]; /* pw is checked against it; "": nothing checked */
	char *pw;                          /* NULL when nothing is checked */
	char *new_pw;                      /* NULL when nothing is hashed */
	char generated[13];                /* new_pw when the loop made it up, else "" */
	/* results */
	bool ran;                              /* password_job_run has run */
	bool ok;                               /* pw matched (true when nothing was checked) */
	char new_hash[crypto_pwhash_STRBYTES]; /* of new_pw; "" when none was asked, the check
	                                          failed or the hashing did */
} password_job_t;

/* A job checking pw against hash (when hash is not NULL) and hashing new_pw
 * (when not NULL, and only if that check passed). The strings are copied.
 * NULL when out of memory. Caller frees with password_job_free. */
password_job_t *password_job_new(const char *hash, const char *pw, const char *new_pw);

/* The job's run function (worker thread): touches the job only. */
void password_job_run(void *job);

/* Wipe the passwords and free the job (NULL is fine). */
void password_job_free(void *job);

#endif
