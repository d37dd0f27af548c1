/* document_out.h — outgoing documents (văn bản đi, NĐ 30/2020/NĐ-CP
 * Điều 10-18): the draft as the modules share it, who may see it, its
 * card and event, its number and notation, and the document_out kind for
 * the workflow engine (forms/workflows/document_out.yaml: drafted and
 * revised, reviewed by the drafting unit's head, approved by the signer,
 * issued by the agency's clerk). */
#ifndef CONGVU_DOCUMENT_OUT_H
#define CONGVU_DOCUMENT_OUT_H

#include "srv.h"
#include "store/document_out.h"
#include "wf.h"

#define DOCUMENT_OUT_WORKFLOW "document-out"
#define DRAFT_CODE_PREFIX "DT-" /* DT-2026-00001 */

typedef store_draft_t draft_t;

/* Load the draft with this code (or id when code is NULL): 0 when found;
 * free with draft_clear. */
int draft_load(store_t *db, const char *code, int64_t id, draft_t *d);
void draft_clear(draft_t *d);

/* May c see d: a confidential one only the officials who drafted,
 * reviewed, approved or issued it or were named its signer, and who may
 * move it now (the drafting unit's leaders while drafted, the agency's
 * leaders and whoever signs for it by a delegation in force while it
 * waits for an unnamed signer, who checks its form while it waits for the
 * signature, its clerks while it waits for its issue); another when its
 * agency or drafting unit is in c's subtree, c drafted it or is its
 * agency's clerk, or it waits for an unnamed signer and c signs for its
 * agency by a delegation. */
bool draft_visible(const srv_ctx_t *c, const draft_t *d);
/* Load the draft the request's `code` names, which c may see: E_OK, or
 * E_NOT_FOUND naming `code`. */
proto_err_t draft_load_visible(srv_ctx_t *c, const json_t *req, draft_t *d);

/* May c draft for agency: its own unit, or a unit right under it (a
 * department drafts the province's decisions)? */
bool draft_for(const srv_ctx_t *c, int64_t agency_id, const char *agency_path);
/* Does c serve agency as its clerks do (its registers, the issue and
 * delivery): its own unit, or c's unit is the agency's office (a unit
 * marked office, right under it)? */
bool draft_serves(const srv_ctx_t *c, int64_t agency_id, const char *agency_path);

/* The outgoing workflow (NULL if forms/ has none). */
const wf_def_t *draft_workflow(void);

/* The card of d: what lists, replies and the register carry. New reference. */
json_t *draft_card(srv_ctx_t *c, const draft_t *d);

/* Queue document.changed about draft id (`action` done) to those who may
 * see it. 0 on success. */
int draft_changed(srv_ctx_t *c, int64_t id, const char *action);

/* The BLAKE2b-256 of text, as 64 hex digits into hex (65 bytes). */
void draft_hash(const char *text, char hex[65]);

/* Number d in its agency's series of the year at c->now (inside the
 * issuing transaction, so a failed issue uses no number): its series,
 * year, number and notation ("05/QĐ-UBND"; a công văn "05/UBND-VP").
 * E_OK; E_INVALID naming `code` when an abbreviation is not declared in
 * forms/documents/abbreviations.yaml; E_INTERNAL. */
proto_err_t draft_number(srv_ctx_t *c, draft_t *d);

/* What the issue would give d now, with nothing drawn (what a clerk
 * signs for): series, year, number (one more than the series' last) and
 * notation. E_OK, or as draft_number. */
proto_err_t draft_number_next(srv_ctx_t *c, draft_t *d);

/* --- signatures (document_sign.c, shared/document_sig.h) --- */

/* The document as a signature covers it: code, agency, type, summary,
 * secrecy, normative, revision, hash, number, notation, year (null when
 * none). New reference. */
json_t *draft_sig_doc(const draft_t *d);
/* The request's signature of act on d by c: c's own enrolled key, the
 * payload built from d, the signature good; kept. E_OK; E_INVALID naming
 * `signature` or `key` with why. */
proto_err_t draft_sign(srv_ctx_t *c, const draft_t *d, const char *act, const json_t *req);
/* Every signature kept for d still good over d as it is now (the text
 * unchanged since it was signed): E_OK, E_INVALID with why. */
proto_err_t draft_signatures_check(srv_ctx_t *c, const draft_t *d);

/* --- delivery (document_deliver.c) --- */

/* The recipient units of d with their acknowledgements (document.view's
 * deliveries). New reference. */
json_t *draft_deliveries(srv_ctx_t *c, const draft_t *d);
/* Was d delivered to c's unit, or the agency c's unit serves, c a clerk? */
bool draft_delivered_to(const srv_ctx_t *c, const draft_t *d);

/* The abbreviation of unit `code` in notations, NULL when none declared. */
const char *document_unit_abbr(const char *code);
/* The title of unit `code`'s head in a signer block ("CHỦ TỊCH"), NULL
 * when none declared (abbreviations.yaml `head`). */
const char *document_unit_head(const char *code);

/* The draft's `by` rules (document_out_kind.rules). */
typedef enum {
	DRAFT_BY_DRAFTER,
	DRAFT_BY_UNIT_HEAD,
	DRAFT_BY_SIGNER,
	DRAFT_BY_RETURNER,
	DRAFT_BY_ISSUER,
	DRAFT_BY_FORM_CHECKER, /* the form's check (document_capacity.c) */
	DRAFT_BY_RECALLER, /* recall: a leader or clerk of the agency (document_recall.c) */
} draft_by_t;

extern const wf_kind_t document_out_kind;

/* Run `action` on the draft the request names, as c; reply with its card
 * (document_draft.c). */
proto_err_t draft_move(srv_ctx_t *c, const json_t *req, const char *action, json_t **reply);

/* --- signing capacity and the form's check (document_capacity.c) --- */

/* by: form_checker — the person named to check the agency's form today,
 * else a clerk of the agency or of the office serving it. */
bool draft_may_check_form(const srv_ctx_t *c, const draft_t *d);
/* Does c hold a signing delegation (tm, kt, q, tl, tuq) of d's agency today? */
bool draft_delegated(const srv_ctx_t *c, const draft_t *d);
/* The form of d's current revision checked by c (the check_form effect). */
proto_err_t draft_check_form(srv_ctx_t *c, draft_t *d);
/* The approval's conditions: the form of d's revision checked, the
 * request's capacity held by c for d's agency today (none: c leads the
 * agency); the capacity kept. E_OK; E_INVALID, E_NOT_ALLOWED with why. */
proto_err_t draft_capacity_approve(srv_ctx_t *c, draft_t *d, const json_t *req);
/* doc (draft_sig_doc's, stolen and returned) with the capacity d was
 * approved in, when it was: what the approval's and the issue's
 * signatures cover (shared/document_sig.h). */
json_t *draft_sig_capacity(srv_ctx_t *c, const draft_t *d, json_t *doc);
/* d's check: {form_checker, form_checker_name, form_checked, form_revision,
 * capacity, capacity_prefix}. New reference. */
json_t *draft_check_card(srv_ctx_t *c, const draft_t *d);

/* Who signed d and in what right (NĐ 30/2020 Điều 13 and Phụ lục I):
 * the capacity's code ("", tm, kt, q, tl, tuq) and prefix ("TM.", ""
 * when the head signs in his own name), the title of the agency's head
 * ("CHỦ TỊCH", "" when abbreviations.yaml declares none) and the signer's
 * own title when the record gives it (the head's own; "PHÓ CHỦ TỊCH" for
 * KT.; "" for Q., TL., TUQ., whose signer's title is not recorded). */
typedef struct {
	char capacity[8], prefix[16];
	char head[128], position[160];
} draft_signer_t;
void draft_signer(srv_ctx_t *c, const draft_t *d, draft_signer_t *s);

/* The units d is meant for: [{unit, name}] (document_recipients.c). New reference. */
json_t *draft_recipients(srv_ctx_t *c, const draft_t *d);

#endif
