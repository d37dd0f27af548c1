/* store/attach.h — the store of document attachments (server/attach*.c):
 * files kept once by content hash and referenced by many documents, the
 * uploads in progress with the bytes held so far, and the links of files
 * to documents under a name.
 *
 * Where the bytes live: in the database, as pieces of at most one upload
 * chunk (not in files of the data directory). Why: a chunk, the upload's
 * progress and the request's remembered reply are then written in one
 * transaction, so a retried or replayed chunk can never leave the file
 * and the progress disagreeing; finishing is a rename of the pieces' owner
 * inside the transaction that links the file and writes the audit row, so
 * a crash never leaves a linked file without its bytes nor bytes without
 * a record; the backup and restore of congvud (one SQLite file) carry the
 * attachments with the documents; and the read pool serves downloads from
 * its read-only connections like every other read. The cost (a larger
 * database) is bounded by the size limit and the per-unit quota.
 *
 * A document is named by its kind ('i' incoming: documents; 'o'
 * outgoing: drafts) and id. Hashes are BLAKE2b-256 in 64 lowercase hex
 * digits. */
#ifndef CONGVU_STORE_ATTACH_H
#define CONGVU_STORE_ATTACH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* An upload in progress. */
typedef struct {
	int64_t id, user_id, unit_id, doc_id, size, held, created, touched;
	char doc_kind; /* 'i' or 'o' */
	char doc_code[32], name[256], hash[65];
} store_upload_t;

/* The upload of (user, document, hash): STORE_OK and *u filled,
 * STORE_NONE, STORE_ERROR. */
store_rc_t store_upload_find(store_t *s, int64_t user_id, char doc_kind, int64_t doc_id, const char *hash,
                             store_upload_t *u);
/* The upload with this id: STORE_OK, STORE_NONE, STORE_ERROR. */
store_rc_t store_upload_get(store_t *s, int64_t id, store_upload_t *u);
/* Insert u (held 0, created = touched); its id into u->id. STORE_OK,
 * STORE_ERROR. */
store_rc_t store_upload_add(store_t *s, store_upload_t *u);
/* Append bytes at u's held offset as one piece and move held and
 * touched (now). STORE_OK, STORE_ERROR. */
store_rc_t store_upload_append(store_t *s, store_upload_t *u, const void *data, size_t len, int64_t now);
/* Feed the bytes of owner (a file's hash, or the upload's pieces when
 * upload_id > 0) in order to fn; fn returns non-zero to stop. STORE_OK,
 * STORE_ERROR. */
store_rc_t store_attach_walk(store_t *s, const char *hash, int64_t upload_id,
                             int (*fn)(void *ctx, const void *data, size_t len), void *ctx);
/* Delete the upload id and its pieces. STORE_OK, STORE_ERROR. */
store_rc_t store_upload_drop(store_t *s, int64_t id);
/* Delete the uploads untouched since `before`, with their pieces: how
 * many, or -1 on error. */
int store_upload_expire(store_t *s, int64_t before);

/* Is the file with this hash held: its size and mime (mime of n bytes),
 * STORE_OK; STORE_NONE; STORE_ERROR. */
store_rc_t store_attach_file(store_t *s, const char *hash, int64_t *size, char *mime, size_t n);
/* Make upload u's pieces the file u->hash (mime, counted in u's unit).
 * When the file is already held its pieces are dropped instead. Deletes
 * the upload row. STORE_OK, STORE_ERROR. */
store_rc_t store_attach_keep(store_t *s, const store_upload_t *u, const char *mime, int64_t now);

/* Bytes counted in unit: the files it brought and its uploads in
 * progress (their declared sizes). -1 on error. */
int64_t store_attach_usage(store_t *s, int64_t unit_id);

/* Link the file hash to the document under name. STORE_OK, STORE_EXISTS
 * (the name is taken by another file), STORE_NONE (the same file is
 * linked under that name already: nothing changed), STORE_ERROR. */
store_rc_t store_attach_link(store_t *s, char doc_kind, int64_t doc_id, const char *name, const char *hash,
                             int64_t user_id, int64_t now);
/* The attachments of a document, by name: [{name, hash, size, mime, by,
 * by_name, at (unix seconds)}]. New reference; NULL on error. */
json_t *store_attach_list(store_t *s, char doc_kind, int64_t doc_id);
/* The attachment of the document whose name or hash is `which`: its
 * hash (65 bytes), name, size and mime. STORE_OK, STORE_NONE,
 * STORE_ERROR. */
store_rc_t store_attach_find(store_t *s, char doc_kind, int64_t doc_id, const char *which, char hash[65],
                             char *name, size_t nname, int64_t *size, char *mime, size_t nmime);
/* At most max bytes of file hash from offset off into buf: how many (0
 * at the end), -1 on error. */
long store_attach_read(store_t *s, const char *hash, int64_t off, void *buf, size_t max);

/* Make a text attachment's body findable by document.search: its folded
 * words are appended to the incoming document's search text (the words
 * the search of store/document.h matches). STORE_OK, STORE_ERROR. */
store_rc_t store_attach_index_text(store_t *s, int64_t doc_id, const char *folded);

#endif
