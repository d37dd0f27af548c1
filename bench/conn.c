/* conn.c — the benchmarks' client side of the protocol: one DEALER, one
 * request at a time. */
#include "conn.h"

#include <stdio.h>
#include <stdlib.h>
#include <zmq.h>

#include "stats.h"

void *conn_socket(void *ctx, const char *endpoint, const char *server_pub, const keypair_t *kp)
{
	void *d = zmq_socket(ctx, ZMQ_DEALER);
	int linger = 0;

	if (!d)
		return NULL;
	zmq_setsockopt(d, ZMQ_CURVE_SERVERKEY, server_pub, KEY_Z85_LEN);
	zmq_setsockopt(d, ZMQ_CURVE_PUBLICKEY, kp->pub, KEY_Z85_LEN);
	zmq_setsockopt(d, ZMQ_CURVE_SECRETKEY, kp->sec, KEY_Z85_LEN);
	zmq_setsockopt(d, ZMQ_LINGER, &linger, sizeof linger);
	if (zmq_connect(d, endpoint) != 0) {
		zmq_close(d);
		return NULL;
	}
	return d;
}

int conn_open(conn_t *c, void *ctx, const char *endpoint, const char *server_pub, const char *keyfile)
{
	keypair_t kp;

	*c = (conn_t){.next_id = 1};
	if (keys_load(&kp, keyfile) != 0) {
		fprintf(stderr, "cannot read the key %s\n", keyfile);
		return -1;
	}
	if ((c->sock = conn_socket(ctx, endpoint, server_pub, &kp)) == NULL) {
		fprintf(stderr, "cannot connect to %s: %s\n", endpoint, zmq_strerror(zmq_errno()));
		return -1;
	}
	return 0;
}

proto_err_t conn_call(conn_t *c, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms)
{
	uint64_t id = c->next_id++;
	size_t len;
	void *buf = proto_encode(K_REQUEST, type, id, body, &len);
	int64_t deadline = stats_now_us() + timeout_ms * 1000LL;
	proto_err_t e = E_TIMEOUT;

	json_decref(body);
	if (reply)
		*reply = NULL;
	if (!buf || zmq_send(c->sock, buf, len, 0) < 0) {
		free(buf);
		return E_INTERNAL;
	}
	free(buf);
	c->bytes_out += len;
	c->requests++;
	for (;;) {
		zmq_pollitem_t it = {c->sock, 0, ZMQ_POLLIN, 0};
		int64_t left = (deadline - stats_now_us()) / 1000;
		proto_frame_t f;
		zmq_msg_t m;
		if (left <= 0 || zmq_poll(&it, 1, (long)left) <= 0)
			return E_TIMEOUT;
		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, c->sock, 0) < 0) {
			zmq_msg_close(&m);
			continue;
		}
		c->bytes_in += zmq_msg_size(&m);
		e = proto_decode(zmq_msg_data(&m), zmq_msg_size(&m), &f);
		zmq_msg_close(&m);
		if (e != E_OK)
			return e;
		if (f.kind == K_EVENT || f.id != id) { /* an event, or the late reply of a request given up */
			proto_frame_clear(&f);
			continue;
		}
		e = f.kind == K_ERROR ? proto_err_from_code(json_string_value(json_object_get(f.body, "code"))) : E_OK;
		if (reply && e == E_OK) {
			*reply = f.body;
			f.body = NULL;
		}
		proto_frame_clear(&f);
		return e;
	}
}
