/* conn.h — the client's one connection to congvud: a DEALER socket over
 * CurveZMQ with the server key pinned, ZMTP heartbeats, automatic
 * reconnection, and requests that are retransmitted with the same request id
 * until answered (the server applies a write once and replays its reply).
 * Replies and server-pushed events come out of one queue, in arrival order.
 * Nothing here blocks except conn_call(). */
#ifndef CONGVU_CONN_H
#define CONGVU_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <zmq.h>

#include "keys.h"
#include "proto.h"

typedef enum {
	CONN_CONNECTING,   /* first connection not yet made */
	CONN_ONLINE,       /* handshake done */
	CONN_RECONNECTING, /* link lost moments ago; retrying */
	CONN_OFFLINE,      /* no link for a while; still retrying */
	CONN_REFUSED,      /* the server refused our key (revoked device) */
	CONN_KEY_MISMATCH, /* handshakes fail again and again: the server does not
	                    * hold the key we pinned (re-initialised, or an
	                    * impostor); still retrying */
} conn_state_t;

typedef struct {
	char endpoint[256];
	char server_pub[KEY_Z85_LEN + 1];
	keypair_t key; /* this device's key pair */
	bool deltas;   /* ask for task.changed as deltas (the TUI, which holds the cards) */
} conn_cfg_t;

typedef struct conn conn_t;

/* Connect (asynchronously) with cfg. NULL on failure to create sockets. */
conn_t *conn_new(const conn_cfg_t *cfg);
void conn_destroy(conn_t **c);

/* Queue a request; body is stolen (NULL = empty). Returns its request id.
 * The request is sent now if the link is up and resent every few seconds
 * until its reply arrives or conn_forget() is called. */
uint64_t conn_send(conn_t *c, proto_msg_t type, json_t *body);
void conn_forget(conn_t *c, uint64_t id);

/* The sockets to include in the caller's zmq_poll(); fills items[0..n)
 * and returns n (at most CONN_POLLITEMS). Call conn_process() after every
 * poll, whether or not these were ready. */
#define CONN_POLLITEMS 2
int conn_pollitems(conn_t *c, zmq_pollitem_t *items);
/* Read what arrived, track the link state, resend what is due. Returns
 * the milliseconds until it next needs to run (for the poll timeout). */
int conn_process(conn_t *c);

/* Take the next reply, error or event: 1 and *f filled (caller calls
 * proto_frame_clear), or 0 when nothing is waiting. Every successful
 * (re)connection sends a hello by itself; its reply comes out here too. */
int conn_next(conn_t *c, proto_frame_t *f);

conn_state_t conn_state(const conn_t *c);
/* How many requests still wait for a reply. */
int conn_pending(const conn_t *c);
/* The server's "version mismatch" or similar fatal condition, else E_OK. */

/* Send and wait up to timeout_ms for the reply. Events and other replies
 * that arrive meanwhile stay queued for conn_next(). Returns E_OK with the
 * reply body in *reply, the server's error with its error body, or
 * E_TIMEOUT / E_UNAVAILABLE / E_REVOKED / E_KEY_MISMATCH (then *reply is
 * an error body made here; the last two as soon as the link says so). The
 * caller decrefs *reply. */
proto_err_t conn_call(conn_t *c, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms);

#endif
