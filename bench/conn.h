/* conn.h — a benchmark's connection to congvud: a CURVE DEALER with a
 * device key, and a request that waits for its own reply (events pushed
 * meanwhile are read and skipped). Shared by congvu-load, congvu-abuse and
 * the echo ceiling. */
#ifndef CONGVU_BENCH_CONN_H
#define CONGVU_BENCH_CONN_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "proto.h"

typedef struct {
	void *sock;
	uint64_t next_id;                     /* the next request's id */
	size_t bytes_out, bytes_in, requests; /* since opened, or since the caller zeroed them */
} conn_t;

/* A DEALER in ctx speaking CURVE as kp to the server whose public key is
 * server_pub (Z85), linger 0, connecting to endpoint (the handshake goes on
 * in the background). NULL when libzmq refuses (too many sockets). */
void *conn_socket(void *ctx, const char *endpoint, const char *server_pub, const keypair_t *kp);

/* Open c with the key pair in keyfile (as the client keeps its device key);
 * request ids start at 1. 0, or -1 (said on stderr) when the key cannot be
 * read or the socket made. */
int conn_open(conn_t *c, void *ctx, const char *endpoint, const char *server_pub, const char *keyfile);

/* Send type/body (stolen) and wait up to timeout_ms for its reply.
 * E_OK with *reply (caller decrefs; reply may be NULL), the error code the
 * server answered with, E_TIMEOUT, or E_INTERNAL when it could not be sent. */
proto_err_t conn_call(conn_t *c, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms);

#endif
