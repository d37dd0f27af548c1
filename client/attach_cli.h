/* attach_cli.h — the command line's attachments of official documents
 * (issue 15; server/attach*.c): a file sent in chunks, resuming where
 * the server stands after a dropped link or a rerun, and fetched in
 * chunks to a file, checked by its BLAKE2b-256. */
#ifndef CONGVU_ATTACH_CLI_H
#define CONGVU_ATTACH_CLI_H

#include <jansson.h>

#include "conn.h"

/* congvu document attach CODE FILE: send FILE to document CODE (what the
 * server holds of it already is not sent again), progress on stderr.
 * E_OK with *reply the attach.finish reply plus `sent` (bytes of the file
 * this run sent) and `resumed_from` (what the server held at the start);
 * else the error and its body in *reply (a file that cannot be read:
 * E_NOT_FOUND). A link that drops is waited for: each request is resent
 * until answered, a timed-out one asked again from what the server
 * holds. */
proto_err_t attach_cli_put(conn_t *conn, const char *code, const char *path, json_t **reply, int timeout_ms);

/* congvu document fetch CODE NAME|HASH --out FILE: the attachment's
 * bytes in chunks into FILE.part (an existing one is continued), renamed
 * to FILE when its BLAKE2b-256 matches. E_OK with *reply {code, name,
 * hash, size, out, received}, or the error and its body. */
proto_err_t attach_cli_get(conn_t *conn, const char *code, const char *which, const char *out, json_t **reply,
                           int timeout_ms);

/* Add `attachments` (attach.list) to a document.show or document.view
 * reply of document `code`; left out when they cannot be read. */
void attach_cli_add_list(conn_t *conn, const char *code, json_t *reply, int timeout_ms);

#endif
