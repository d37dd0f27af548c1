/* attach.h — attachments of official documents (issue 15, "Attachments on
 * slow links"): what the attachment modules share. attach.c resolves the
 * document a request names (an incoming VBD-... or an outgoing DT-...)
 * with its visibility, lists and serves a file's bytes; attach_up.c takes
 * an upload in chunks, resumable, and links the checked file. Store:
 * store/attach.h (why the bytes live in the database is said there). */
#ifndef CONGVU_ATTACH_H
#define CONGVU_ATTACH_H

#include <stdbool.h>
#include <stdint.h>

#include "srv.h"

/* The most bytes of one chunk, up or down (its base64 fits the 65 536
 * bytes of the `data` fields; the store's pieces rely on it). */
#define ATTACH_CHUNK_MAX (48 * 1024)

/* A document an attachment request names. */
typedef struct {
	char kind; /* 'i' incoming (documents), 'o' outgoing (drafts) */
	int64_t id;
	char code[32];
} attach_doc_t;

/* Resolve the request's `code` to a document c may see (a confidential
 * one only for its readers): E_OK, or E_NOT_FOUND naming `code` (also
 * when c may not see it, so its existence is not told). */
proto_err_t attach_doc(srv_ctx_t *c, const json_t *req, attach_doc_t *d);

/* The attachment `name` of d as the replies carry it (attach_file in
 * proto_replies.def), or NULL when there is none. New reference. */
json_t *attach_card(srv_ctx_t *c, const attach_doc_t *d, const char *name);

/* Set c's detail to the formatted text and bad_field to field (may be
 * NULL); returns e. */
proto_err_t attach_fail(srv_ctx_t *c, proto_err_t e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
