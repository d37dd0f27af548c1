/* store/document_recall.h — what the recall and the correction of an
 * outgoing document read (server/document_recall.c). Both live in rows
 * that exist already: a recall is a move of the draft's and of each
 * received copy's workflow (wf_log, its note the reason), a correcting or
 * replacing draft names the document it corrects in the `extra` of its
 * creation row ({"corrects": CODE, "link": "correct"|"replace"}). */
#ifndef CONGVU_STORE_DOCUMENT_RECALL_H
#define CONGVU_STORE_DOCUMENT_RECALL_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* The outgoing draft delivered and received as incoming document
 * `document`, 0 when it came by another way. */
int64_t store_draft_of_document(store_t *s, int64_t document);

/* The last recall of draft: its reason into note (n bytes) and its time in
 * *at: STORE_OK, STORE_NONE when never recalled. */
store_rc_t store_draft_recall_get(store_t *s, int64_t draft, char *note, size_t n, int64_t *at);

/* The document draft corrects or replaces: {code, link}, or NULL when it
 * names none. New reference. */
json_t *store_draft_link_get(store_t *s, int64_t draft);
/* The drafts correcting or replacing the draft with this code, oldest
 * first: [{code, link}], new reference. */
json_t *store_draft_links_to(store_t *s, const char *code);

#endif
