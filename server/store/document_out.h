/* store/document_out.h — the store's outgoing documents (văn bản đi): a
 * draft with every revision of its text kept, the moves of its review,
 * approval and issue, and the selections of the queues and the outgoing
 * register, each with the viewer's scope in the query itself. */
#ifndef CONGVU_STORE_DOCUMENT_OUT_H
#define CONGVU_STORE_DOCUMENT_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* A draft as the modules read it (0 and "" for none). */
typedef struct {
	int64_t id, version, agency_id, unit_id, drafter_id, signer_id, created, revision;
	int64_t reviewer_id, reviewed, approver_id, approved, issuer_id, issued, number, finished;
	bool normative;
	char code[32], state[32], type[16], summary[1024], urgency[16], secrecy[16];
	char series[64], year[16], notation[96], grade[16];
	char agency_code[64], agency_name[256], agency_path[512];
	char unit_code[64], unit_name[256], unit_path[512];
	char drafter[64], drafter_name[160], signer[64], signer_name[160];
	char reviewer[64], reviewer_name[160], approver[64], approver_name[160], issuer[64], issuer_name[160];
	char hash[160]; /* the current revision's BLAKE2b, hex */
	char *body;     /* the current revision's text, owned */
} store_draft_t;

/* The draft with this code (or id, when code is NULL), with its current
 * revision's text: STORE_OK (free with store_draft_clear), STORE_NONE. */
store_rc_t store_draft_get(store_t *s, const char *code, int64_t id, store_draft_t *d);
void store_draft_clear(store_draft_t *d);

/* Insert a new draft (code, agency, unit, drafter, signer, type, summary,
 * urgency, secrecy, normative, created, state), revision 1 to be added by
 * store_draft_revision_add. STORE_OK with its id in *id, STORE_EXISTS. */
store_rc_t store_draft_insert(store_t *s, const store_draft_t *d, int wf_version, int64_t *id);

/* Save the moves of d (state, revision, reviewer, approver, issuer and
 * their times, series, year, number, notation, finished, grade) where its
 * version is still d->version, and bump it: STORE_OK, STORE_STALE;
 * STORE_EXISTS when the number is taken in its series (nothing written). */
store_rc_t store_draft_save(store_t *s, const store_draft_t *d);

/* Keep revision n of draft's text, by author at `at`, with its hash and
 * note: STORE_OK, STORE_EXISTS when n is taken. */
store_rc_t store_draft_revision_add(store_t *s, int64_t draft, int64_t n, int64_t author, int64_t at,
                                    const char *body, const char *hash, const char *note);
/* The revisions of the draft, newest first: [{n, author, author_name, at,
 * hash, note, bytes}], new reference. */
json_t *store_draft_revisions(store_t *s, int64_t draft);
/* The text of revision n into *body (malloc'd): STORE_OK, STORE_NONE. */
store_rc_t store_draft_revision_body(store_t *s, int64_t draft, int64_t n, char **body);

typedef enum {
	STORE_DRAFT_ALL,      /* every draft in the viewer's scope */
	STORE_DRAFT_REVIEW,   /* waiting for the review of the head of `unit` */
	STORE_DRAFT_APPROVE,  /* reviewed, of the agency `unit` (or named to `user`) */
	STORE_DRAFT_ISSUE,    /* approved, of the agency `unit` or `above` */
	STORE_DRAFT_REGISTER, /* the outgoing register: issued by the agency `unit` or `above` in `year` */
} store_draft_queue_t;

/* Which drafts a list selects, newest first; a confidential one only for
 * the officials who drafted, reviewed, approved or issued it or were named
 * its signer, and whoever may move it now (the leaders of the drafting
 * unit while it is drafted, of the agency while it waits for a signer
 * none was named, or who signs for the agency by a delegation in force
 * `today`, the clerks of the agency while it waits for its
 * issue); any other when its agency or drafting unit is in the subtree at
 * path ("/" for all), or an issuer views its agency's. */
#define STORE_DRAFT_WORDS 4
typedef struct {
	int64_t user_id;
	const char *path;
	store_draft_queue_t queue;
	int64_t unit, above; /* above: the unit over `unit` (0: none) */
	const char *year;    /* NULL or "": any */
	bool issuer;         /* the viewer is a clerk issuing for `unit` or `above` */
	bool leader;         /* the viewer leads `unit` */
	const char *today;   /* YYYY-MM-DD in the province: the delegations in force */
	/* search: words (folded, text_fold) each found in the code, number
	 * and notation or summary (folded); NULL ends them, none: any */
	const char *words[STORE_DRAFT_WORDS];
	int64_t limit, offset;
} store_draft_filter_t;

/* The codes f selects: array of strings, new reference; NULL on error.
 * *total (may be NULL) counts them all. */
json_t *store_draft_find(store_t *s, const store_draft_filter_t *f, int64_t *total);

/* --- signing keys and signatures (shared/document_sig.h) --- */

/* Enroll user's public key (base64) under key_id, sent from device:
 * STORE_OK, STORE_EXISTS when that id is enrolled already. */
store_rc_t store_draft_key_add(store_t *s, const char *key_id, int64_t user, const char *pk_b64, int64_t device,
                               int64_t now);
/* The key with this id: its official and public key (base64, >= 64 bytes)
 * when not revoked: STORE_OK, STORE_NONE. */
store_rc_t store_draft_key_get(store_t *s, const char *key_id, int64_t *user, char *pk_b64, size_t n);

/* Keep a signature of draft: STORE_OK. */
store_rc_t store_draft_signature_add(store_t *s, int64_t draft, const char *act, int64_t user, const char *key_id,
                                     const char *payload, const char *signature, int64_t at);
/* Its signatures in force — the last of each act (a draft returned and
 * signed again keeps the older ones, superseded) — in order: [{act,
 * signer, key, public_key, payload, signature, certificate}], new
 * reference. */
json_t *store_draft_signatures(store_t *s, int64_t draft);
/* --- delivery to units inside the system --- */

/* Deliver issued draft to unit, by `by` at now: STORE_OK, STORE_EXISTS
 * when that unit has it already. */
store_rc_t store_draft_deliver(store_t *s, int64_t draft, int64_t unit, int64_t by, int64_t now);
/* Its deliveries: [{unit, name, path, delivered, received (0: not yet),
 * receiver (username or ""), document (the recipient's incoming code or
 * "")}], new reference. */
json_t *store_draft_deliveries(store_t *s, int64_t draft);
/* The drafts delivered to unit or above (0: none) not yet received, newest
 * first: [{code, unit (code)}], new reference. */
json_t *store_draft_inbox(store_t *s, int64_t unit, int64_t above);
/* Was draft delivered to unit or above? */
bool store_draft_delivered_to(store_t *s, int64_t draft, int64_t unit, int64_t above);
/* The delivery of draft to unit was received as incoming document
 * `document` by receiver at now: STORE_OK; STORE_STALE when it was
 * received already or never delivered. */
store_rc_t store_draft_received(store_t *s, int64_t draft, int64_t unit, int64_t document, int64_t receiver,
                                int64_t now);

/* The last number series (kind, scope, period) gave, 0 when none: what
 * the issue would draw next is one more (a signer signs for it). */
int64_t store_draft_series_last(store_t *s, const char *kind, int64_t scope, const char *period);

#endif
