/* document_recall.h — recalling an issued outgoing document and linking a
 * correcting or replacing one to it (NĐ 30/2020/NĐ-CP Điều 18: a document
 * issued with an error of form or content is corrected by a document of
 * the same form, or replaced; appendix VI: frozen on recall). The
 * recall is the draft's `recall` move (forms/workflows/document_out.yaml,
 * by: recaller) and, for each recipient unit that received it, the
 * incoming copy's `recall` move (document_in.yaml, by: sender); a copy
 * still waiting in an inbox stays there marked recalled and can no longer
 * be received. */
#ifndef CONGVU_DOCUMENT_RECALL_H
#define CONGVU_DOCUMENT_RECALL_H

#include "document.h"
#include "document_out.h"

/* by: recaller — a leader of the issuing agency, or a clerk issuing for it
 * (obj a draft_t). */
bool draft_may_recall(const srv_ctx_t *c, const void *obj);
/* by: sender — who may recall the outgoing draft this incoming document
 * (obj a document_t) was received from; false for one registered by hand. */
bool document_may_sender(const srv_ctx_t *c, const void *obj);

/* A new draft's link to the document it corrects (request fields
 * `corrects`, `link`): *extra is NULL when it names none, else the
 * creation log's {"corrects", "link"} (new reference). The target must be
 * an issued document of the same agency that c may see: E_NOT_FOUND,
 * E_INVALID naming the field, with c->detail; E_OK. */
proto_err_t draft_link_check(srv_ctx_t *c, const json_t *req, const draft_t *d, json_t **extra);

/* Add to a view reply what links d to other documents: `corrects`,
 * `corrected_by`, and `recall` {at, reason} once recalled. */
void draft_recall_view(srv_ctx_t *c, const draft_t *d, json_t *reply);

/* An inbox item of a recalled d gets `recalled`: the notice. */
void draft_recall_mark(srv_ctx_t *c, const draft_t *d, json_t *item);

/* A recalled d cannot be received: E_INVALID with the notice, else E_OK. */
proto_err_t draft_recall_refuse(srv_ctx_t *c, const draft_t *d);

#endif
