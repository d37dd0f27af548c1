/* document_cli.h — the command line's signing of outgoing documents
 * (issue 15; shared/document_sig.h): the official's key pair made and
 * kept on this device, its public half enrolled; review, approval and
 * issue signed before they are sent; a signed record verified offline. */
#ifndef CONGVU_DOCUMENT_CLI_H
#define CONGVU_DOCUMENT_CLI_H

#include <stdbool.h>

#include "conn.h"

/* congvu document key: make the key pair of the last official who logged
 * in here (if this device has none), keep the secret half in the
 * configuration directory (0600) and enroll the public half. Prints the
 * key's id. A sysexits status. */
int document_cli_key(conn_t *conn, int timeout_ms, bool json);

/* congvu document verify FILE: check a signed record (document.record)
 * without the server. Prints the verdict; EX_OK when valid, EX_DATAERR
 * when not, EX_NOINPUT when unreadable. */
int document_cli_verify(const char *file, bool json);

/* Send type (document.review, .approve or .issue) with body (stolen),
 * signed with this device's key of the last official when it has one;
 * an issue signs for the number the server would give now, and signs
 * again when another issue took it meanwhile. As conn_call. */
proto_err_t document_cli_call(conn_t *conn, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms);

#endif
