/* notice.h — notices to citizens (issue 11): the appointment at reception,
 * a request to supplement, the result ready, an apology with its new date.
 * Written from forms/notices/KIND.txt, queued in the transaction of the
 * move that causes them (notice.c), sent off the serve loop by the notice
 * thread through the configured gateway (notice_loop.c, notice_gw.c),
 * retried with backoff; their state is on the dossier (dossier.show's
 * notices) and in the audit. */
#ifndef CONGVU_NOTICE_H
#define CONGVU_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "dossier.h"
#include "srv.h"

/* Queue the notices of kind (appointment, supplement, ready, apology) for
 * d in the caller's transaction: one by e-mail when the declaration has an
 * e-mail address and an SMTP gateway is set, one by SMS when it has a phone
 * number and an SMS gateway is set; each audited (notice.queue). 0 (also
 * when none is queued: no address, no gateway, no template), -1 on a store
 * error. */
int notice_queue(srv_ctx_t *c, dossier_t *d, const char *kind);

/* The notices a move of d causes: action supplement a request to
 * supplement, apologize an apology, entering state result "result ready".
 * As notice_queue. */
int notice_on_move(srv_ctx_t *c, dossier_t *d, const char *action);

/* d's notices for dossier.show: [{kind, channel, to, status, attempts,
 * at, error}] (at: when sent, or failed for good, or the next try),
 * NULL when none. */
json_t *notice_json(srv_ctx_t *c, const dossier_t *d);

/* --- the gateway (notice_gw.c), on the notice thread --- */

/* The gateway's settings, copied from the configuration so the thread
 * never reads the loop's. */
typedef struct {
	char smtp_url[256], smtp_from[256], smtp_user[128], smtp_password[128];
	char sms_command[512], sms_url[256];
	int timeout;
} notice_gw_t;

void notice_gw_from(notice_gw_t *gw, const srv_config_t *cfg);

/* Can gw send on channel ("email", "sms")? */
bool notice_gw_has(const notice_gw_t *gw, const char *channel);

/* Send one message: an e-mail (UTF-8, base64, the subject RFC 2047
 * encoded) to `to` through SMTP; an SMS as the configured command's stdin
 * or an HTTP POST. id makes the Message-ID. 0 when the gateway took it;
 * -1 with why in err. Blocks up to gw->timeout seconds. */
int notice_gw_send(const notice_gw_t *gw, int64_t id, const char *channel, const char *to, const char *subject,
		   const char *body, char *err, size_t n);

/* --- the notice thread and the serve loop (notice_loop.c) --- */

/* Start the thread (idempotent): 0, -1. */
int notice_start(const srv_config_t *cfg);
/* Readable when a try has ended (-1 when not started). */
int notice_fd(void);
/* When the loop next has notices to hand over (0: none waiting), for the
 * serve loop's next work. */
int64_t notice_next(store_t *db);
/* The loop's part, in the caller's transaction as the console: record the
 * tries that ended (sent, retrying with backoff, failed), then hand up to
 * max due notices to the thread. How many were handled, -1 on an error. */
int notice_run(srv_ctx_t *c, int max);
/* Stop the thread after the try in flight; notices handed over and not
 * recorded stay 'sending' and are tried again at the next start. */
void notice_stop(void);

#endif
