/* notice_loop.c — the notice thread and the serve loop's part of it
 * (notice.h). The loop hands due notices (store_notice_take marks them
 * sending) to one thread of a job queue (jobq.h), which sends them through
 * the gateway (notice_gw.c) and hands each back with how it went; the loop
 * records that in its own transaction: sent, retrying after a backoff that
 * doubles from notice_retry_seconds (a day at most), or failed once
 * notice_max_attempts tries were made; each audited. A gateway that hangs
 * holds only this thread: requests are answered meanwhile. A try's end is
 * kept here until the database shows it recorded (a pass whose transaction
 * rolled back, or whose commit failed, records it again at the next). */
#include "notice.h"

#include <curl/curl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "jobq.h"
#include "log.h"
#include "store/notice.h"

/* Notices handed to the thread at once: more wait in the database. */
#define IN_FLIGHT 8
#define BACKOFF_MAX (24 * 3600)

typedef struct s_job {
	store_notice_t n;
	notice_gw_t gw;
	int rc;
	char err[512];
	struct s_job *next; /* in s_ended, once taken back */
} s_job_t;

static jobq_t *s_q;
static s_job_t *s_ended_jobs; /* tries that ended, until the database shows them recorded */
static bool s_requeued; /* the notices a previous daemon left sending are waiting again */

static void s_run(void *job, void *ctx)
{
	s_job_t *j = job;

	(void)ctx;
	j->rc = notice_gw_send(&j->gw, j->n.id, j->n.channel, j->n.recipient, j->n.subject, j->n.body, j->err,
			       sizeof j->err);
}

static void s_free(void *job)
{
	s_job_t *j = job;

	store_notice_free(&j->n);
	free(j);
}

int notice_start(const srv_config_t *cfg)
{
	(void)cfg;
	if (s_q)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return -1;
	return (s_q = jobq_start(1, NULL, "congvud-notice")) ? 0 : -1;
}

int notice_fd(void) { return s_q ? jobq_fd(s_q) : -1; }

/* A try has ended and waits to be recorded. */
static bool s_ended(void)
{
	struct pollfd p = {.fd = notice_fd(), .events = POLLIN};
	return p.fd >= 0 && poll(&p, 1, 0) == 1;
}

int64_t notice_next(store_t *db)
{
	if (!s_q)
		return 0;
	if (s_ended() || !s_requeued || s_ended_jobs)
		return 1; /* due now */
	if (jobq_pending(s_q) >= IN_FLIGHT)
		return 0; /* the fd wakes the loop when one ends */
	return store_notice_next(db);
}

/* When a notice that failed after `attempts` tries (this one counted) is
 * tried again; 0: never. */
static int64_t s_retry_at(const srv_config_t *cfg, int attempts, int64_t now)
{
	int64_t wait = cfg->notice_retry_seconds > 0 ? cfg->notice_retry_seconds : 60;

	if (attempts >= cfg->notice_max_attempts)
		return 0;
	for (int i = 1; i < attempts && wait < BACKOFF_MAX; i++)
		wait *= 2;
	return now + (wait < BACKOFF_MAX ? wait : BACKOFF_MAX);
}

/* Record one try that ended. */
static int s_record(srv_ctx_t *c, s_job_t *j)
{
	int64_t retry = j->rc == 0 ? 0 : s_retry_at(c->cfg, j->n.attempts + 1, c->now);
	const char *what = j->rc == 0 ? "notice.sent" : retry ? "notice.retry" : "notice.failed";

	if (store_notice_done(c->db, j->n.id, c->now, j->rc == 0 ? NULL : j->err, retry) != STORE_OK)
		return -1;
	if (j->rc != 0)
		log_warn("notice %lld of %s to %s: %s", (long long)j->n.id, j->n.code, j->n.recipient, j->err);
	audit_log(c, what, j->n.code,
		  json_pack("{s:I, s:s, s:s, s:s, s:i, s:s}", "notice", (json_int_t)j->n.id, "kind", j->n.kind,
			    "channel", j->n.channel, "to", j->n.recipient, "attempt", j->n.attempts + 1, "error",
			    j->rc == 0 ? "" : j->err));
	return 0;
}

int notice_run(srv_ctx_t *c, int max)
{
	store_notice_t due[IN_FLIGHT];
	s_job_t *j;
	int done = 0, k;

	if (!s_q)
		return 0;
	if (!s_requeued) {
		if ((k = store_notice_requeue(c->db, c->now)) < 0)
			return -1;
		if (k > 0)
			log_info("notices left sending by the last run: %d, tried again", k);
		s_requeued = true;
	}
	while ((j = jobq_take(s_q))) {
		j->next = s_ended_jobs;
		s_ended_jobs = j;
	}
	for (s_job_t **p = &s_ended_jobs; (j = *p);) {
		if (!store_notice_unrecorded(c->db, j->n.id, j->n.attempts)) { /* recorded and committed */
			*p = j->next;
			s_free(j);
			continue;
		}
		if (s_record(c, j) != 0)
			return -1; /* kept: recorded again at the next pass, the transaction rolls back */
		done++;
		p = &j->next;
	}
	k = IN_FLIGHT - jobq_pending(s_q);
	if (k > max)
		k = max;
	if (k <= 0 || (k = store_notice_take(c->db, c->now, due, k)) <= 0)
		return k < 0 ? -1 : done;
	for (int i = 0; i < k; i++) {
		if (!(j = calloc(1, sizeof *j))) {
			for (; i < k; i++)
				store_notice_free(&due[i]);
			return -1;
		}
		j->n = due[i];
		notice_gw_from(&j->gw, c->cfg);
		if (jobq_submit(s_q, j, s_run) != 0) {
			s_free(j);
			for (i++; i < k; i++)
				store_notice_free(&due[i]);
			return -1;
		}
	}
	return done + k;
}

void notice_stop(void)
{
	while (s_ended_jobs) { /* the ones not known recorded are tried again at the next start */
		s_job_t *j = s_ended_jobs;
		s_ended_jobs = j->next;
		s_free(j);
	}
	if (!s_q)
		return;
	jobq_stop(s_q, false, s_free);
	s_q = NULL;
	curl_global_cleanup();
}
