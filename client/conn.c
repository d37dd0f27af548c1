/* conn.c — the client's connection: DEALER over CURVE, a socket monitor
 * for the link state, a table of requests awaiting replies (resent with
 * the same id after a reconnection, and every RESEND_MS while unanswered,
 * for a day at most), and a FIFO of frames for the caller. */
#include "conn.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RESEND_MS 10000 /* a lost reply on a live link: ask again */
#define OFFLINE_AFTER_MS 3000
#define MAX_PENDING 64
/* Handshakes that fail one after another, with none succeeding, mean the
 * server does not hold the key we pinned: it cannot read our HELLO and
 * drops the link, which libzmq reports as a handshake failure with no
 * detail (seen with 4.3.4). One failure alone may be a restart. */
#define KEY_MISMATCH_AFTER 3
/* Stop resending after a day (CONGVU_GIVE_UP_MS overrides, for tests): the
 * server remembers a write's reply for a week (server/dispatch.c), so no
 * resend may outlive it and apply the write twice. */
#define GIVE_UP_MS (24 * 3600 * 1000LL)

typedef struct {
	uint64_t id;
	proto_msg_t type;
	void *buf;
	size_t len;
	int64_t first_ms, sent_ms;
} pending_t;

struct conn {
	void *ctx, *dealer, *monitor;
	conn_state_t state;
	int64_t since_ms, give_up_ms;
	uint64_t next_id;
	pending_t pend[MAX_PENDING];
	int npend;
	proto_frame_t *q;
	size_t qlen, qcap;
	proto_err_t fatal;
	int failed_handshakes; /* in a row, since the last one that succeeded */
	bool deltas;           /* cfg->deltas: said in every hello */
};

static int64_t s_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void s_set_state(conn_t *c, conn_state_t st)
{
	if (c->state != st) {
		c->state = st;
		c->since_ms = s_now_ms();
	}
}

conn_t *conn_new(const conn_cfg_t *cfg)
{
	conn_t *c = calloc(1, sizeof *c);
	char mon[64];
	int ivl = 5000, tmo = 15000, ttl = 30000, rivl = 300, rmax = 3000, linger = 0;
	int64_t max = PROTO_MAX_FRAME;

	if (!c)
		return NULL;
	c->deltas = cfg->deltas;
	c->ctx = zmq_ctx_new();
	c->dealer = zmq_socket(c->ctx, ZMQ_DEALER);
	if (!c->dealer)
		goto fail;
	zmq_setsockopt(c->dealer, ZMQ_CURVE_SERVERKEY, cfg->server_pub, KEY_Z85_LEN);
	zmq_setsockopt(c->dealer, ZMQ_CURVE_PUBLICKEY, cfg->key.pub, KEY_Z85_LEN);
	zmq_setsockopt(c->dealer, ZMQ_CURVE_SECRETKEY, cfg->key.sec, KEY_Z85_LEN);
	zmq_setsockopt(c->dealer, ZMQ_MAXMSGSIZE, &max, sizeof max);
	zmq_setsockopt(c->dealer, ZMQ_HEARTBEAT_IVL, &ivl, sizeof ivl);
	zmq_setsockopt(c->dealer, ZMQ_HEARTBEAT_TIMEOUT, &tmo, sizeof tmo);
	zmq_setsockopt(c->dealer, ZMQ_HEARTBEAT_TTL, &ttl, sizeof ttl);
	zmq_setsockopt(c->dealer, ZMQ_RECONNECT_IVL, &rivl, sizeof rivl);
	zmq_setsockopt(c->dealer, ZMQ_RECONNECT_IVL_MAX, &rmax, sizeof rmax);
	zmq_setsockopt(c->dealer, ZMQ_LINGER, &linger, sizeof linger);
	snprintf(mon, sizeof mon, "inproc://conn-monitor-%p", (void *)c);
	if (zmq_socket_monitor(c->dealer, mon,
			       ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH |
				       ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) != 0)
		goto fail;
	c->monitor = zmq_socket(c->ctx, ZMQ_PAIR);
	if (!c->monitor || zmq_connect(c->monitor, mon) != 0 || zmq_connect(c->dealer, cfg->endpoint) != 0)
		goto fail;
	randombytes_buf(&c->next_id, sizeof c->next_id);
	c->next_id = (c->next_id >> 2) | 1; /* random start: ids stay unique across runs */
	c->since_ms = s_now_ms();
	c->give_up_ms = getenv("CONGVU_GIVE_UP_MS") ? atoll(getenv("CONGVU_GIVE_UP_MS")) : 0;
	if (c->give_up_ms <= 0)
		c->give_up_ms = GIVE_UP_MS;
	return c;
fail:
	conn_destroy(&c);
	return NULL;
}

void conn_destroy(conn_t **cp)
{
	conn_t *c = *cp;
	if (!c)
		return;
	for (int i = 0; i < c->npend; i++)
		free(c->pend[i].buf);
	for (size_t i = 0; i < c->qlen; i++)
		proto_frame_clear(&c->q[i]);
	free(c->q);
	if (c->dealer) {
		zmq_socket_monitor(c->dealer, NULL, 0);
		zmq_close(c->dealer);
	}
	if (c->monitor)
		zmq_close(c->monitor);
	zmq_ctx_term(c->ctx);
	free(c);
	*cp = NULL;
}

static void s_transmit(conn_t *c, pending_t *p)
{
	/* DONTWAIT: while disconnected the frame is queued or refused; either
	 * way it goes again after the next handshake */
	zmq_send(c->dealer, p->buf, p->len, ZMQ_DONTWAIT);
	p->sent_ms = s_now_ms();
}

uint64_t conn_send(conn_t *c, proto_msg_t type, json_t *body)
{
	pending_t *p;
	uint64_t id = c->next_id++;

	if (c->npend == MAX_PENDING) { /* drop the oldest: its caller has long given up */
		free(c->pend[0].buf);
		memmove(&c->pend[0], &c->pend[1], (size_t)--c->npend * sizeof c->pend[0]);
	}
	p = &c->pend[c->npend];
	p->id = id;
	p->type = type;
	p->first_ms = s_now_ms();
	p->buf = proto_encode(K_REQUEST, type, id, body, &p->len);
	json_decref(body);
	if (!p->buf)
		return 0;
	c->npend++;
	if (c->state == CONN_ONLINE)
		s_transmit(c, p);
	return id;
}

void conn_forget(conn_t *c, uint64_t id)
{
	for (int i = 0; i < c->npend; i++)
		if (c->pend[i].id == id) {
			free(c->pend[i].buf);
			memmove(&c->pend[i], &c->pend[i + 1], (size_t)(c->npend - i - 1) * sizeof c->pend[0]);
			c->npend--;
			return;
		}
}

int conn_pollitems(conn_t *c, zmq_pollitem_t *items)
{
	items[0] = (zmq_pollitem_t){c->dealer, 0, ZMQ_POLLIN, 0};
	items[1] = (zmq_pollitem_t){c->monitor, 0, ZMQ_POLLIN, 0};
	return CONN_POLLITEMS;
}

static void s_push(conn_t *c, proto_frame_t *f)
{
	if (c->qlen == c->qcap) {
		size_t cap = c->qcap ? c->qcap * 2 : 16;
		proto_frame_t *q = realloc(c->q, cap * sizeof *q);
		if (!q) {
			proto_frame_clear(f);
			return;
		}
		c->q = q;
		c->qcap = cap;
	}
	c->q[c->qlen++] = *f;
}

static void s_on_event(conn_t *c, uint16_t ev, uint32_t value)
{
	(void)value;
	switch (ev) {
	case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
		c->failed_handshakes = 0;
		s_set_state(c, CONN_ONLINE);
		conn_send(c, MSG_hello, json_pack("{s:i, s:s, s:b}", "version", PROTO_VERSION, "client", "congvu " CONGVU_VERSION,
		                                  "deltas", c->deltas));
		for (int i = 0; i < c->npend - 1; i++) /* the hello went already */
			s_transmit(c, &c->pend[i]);
		break;
	case ZMQ_EVENT_DISCONNECTED:
		if (c->state != CONN_REFUSED && c->state != CONN_KEY_MISMATCH)
			s_set_state(c, CONN_RECONNECTING);
		break;
	case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: s_set_state(c, CONN_REFUSED); break;
	case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
		if (++c->failed_handshakes >= KEY_MISMATCH_AFTER && c->state != CONN_REFUSED)
			s_set_state(c, CONN_KEY_MISMATCH);
		break;
	default: break;
	}
}

static void s_read_monitor(conn_t *c)
{
	for (;;) {
		zmq_msg_t m;
		uint8_t *d;
		uint16_t ev;
		uint32_t val;

		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, c->monitor, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&m);
			return;
		}
		d = zmq_msg_data(&m);
		if (zmq_msg_size(&m) >= 6) {
			memcpy(&ev, d, 2);
			memcpy(&val, d + 2, 4);
			s_on_event(c, ev, val);
		}
		while (zmq_msg_more(&m)) { /* the endpoint frame */
			zmq_msg_close(&m);
			zmq_msg_init(&m);
			zmq_msg_recv(&m, c->monitor, 0);
		}
		zmq_msg_close(&m);
	}
}

static void s_read_dealer(conn_t *c)
{
	for (;;) {
		zmq_msg_t m;
		proto_frame_t f;

		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, c->dealer, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&m);
			return;
		}
		if (proto_decode(zmq_msg_data(&m), zmq_msg_size(&m), &f) == E_OK) {
			bool wanted = f.kind == K_EVENT;
			for (int i = 0; !wanted && i < c->npend; i++)
				wanted = c->pend[i].id == f.id;
			if (f.kind == K_ERROR && f.type == MSG_hello &&
			    proto_err_from_code(json_string_value(json_object_get(f.body, "code"))) == E_VERSION)
				c->fatal = E_VERSION;
			if (wanted) { /* a duplicate reply to a resent request is dropped */
				if (f.kind != K_EVENT)
					conn_forget(c, f.id);
				s_push(c, &f);
			} else
				proto_frame_clear(&f);
		}
		zmq_msg_close(&m);
	}
}

/* Requests unanswered for give_up_ms: answered here with a timeout that
 * says so, and never sent again. */
static void s_give_up(conn_t *c, int64_t now)
{
	for (int i = 0; i < c->npend;) {
		proto_frame_t f = {.kind = K_ERROR, .type = c->pend[i].type, .id = c->pend[i].id};
		if (now - c->pend[i].first_ms < c->give_up_ms) {
			i++;
			continue;
		}
		f.body = proto_error_body(E_TIMEOUT, NULL);
		json_object_set_new(f.body, "detail",
				    json_string("Đã thôi gửi lại yêu cầu vì quá lâu không có trả lời; hãy kiểm tra xem "
						"việc đã được ghi nhận chưa trước khi làm lại"));
		conn_forget(c, f.id);
		s_push(c, &f);
	}
}

int conn_process(conn_t *c)
{
	int64_t now;
	int wait = 1000;

	s_read_monitor(c);
	s_read_dealer(c);
	now = s_now_ms();
	s_give_up(c, now);
	if ((c->state == CONN_RECONNECTING || c->state == CONN_CONNECTING) && now - c->since_ms >= OFFLINE_AFTER_MS)
		s_set_state(c, CONN_OFFLINE);
	if (c->state == CONN_ONLINE)
		for (int i = 0; i < c->npend; i++)
			if (now - c->pend[i].sent_ms >= RESEND_MS)
				s_transmit(c, &c->pend[i]);
	if (c->state == CONN_RECONNECTING || c->state == CONN_CONNECTING) {
		int64_t left = OFFLINE_AFTER_MS - (now - c->since_ms);
		if (left < wait)
			wait = left > 0 ? (int)left : 0;
	}
	return wait;
}

int conn_next(conn_t *c, proto_frame_t *f)
{
	if (!c->qlen)
		return 0;
	*f = c->q[0];
	memmove(&c->q[0], &c->q[1], --c->qlen * sizeof c->q[0]);
	return 1;
}

conn_state_t conn_state(const conn_t *c) { return c->state; }

int conn_pending(const conn_t *c) { return c->npend; }

/* Remove and return the queued reply to id, if it is there. */
static int s_take(conn_t *c, uint64_t id, proto_frame_t *f)
{
	for (size_t i = 0; i < c->qlen; i++)
		if (c->q[i].kind != K_EVENT && c->q[i].id == id) {
			*f = c->q[i];
			memmove(&c->q[i], &c->q[i + 1], (c->qlen - i - 1) * sizeof c->q[0]);
			c->qlen--;
			return 1;
		}
	return 0;
}

proto_err_t conn_call(conn_t *c, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms)
{
	uint64_t id = conn_send(c, type, body);
	int64_t deadline = s_now_ms() + timeout_ms;
	bool was_online = c->state == CONN_ONLINE;
	proto_frame_t f;

	*reply = NULL;
	if (!id) {
		*reply = proto_error_body(E_TOO_LARGE, NULL);
		return E_TOO_LARGE;
	}
	for (;;) {
		zmq_pollitem_t items[CONN_POLLITEMS];
		int64_t left = deadline - s_now_ms();
		int wait = conn_process(c);

		if (s_take(c, id, &f)) {
			proto_err_t e = f.kind == K_ERROR ? proto_err_from_code(json_string_value(json_object_get(f.body, "code")))
							  : E_OK;
			*reply = f.body;
			f.body = NULL;
			return e;
		}
		if (c->fatal != E_OK || c->state == CONN_REFUSED || c->state == CONN_KEY_MISMATCH || left <= 0) {
			proto_err_t e = c->fatal != E_OK ? c->fatal
					: c->state == CONN_REFUSED ? E_REVOKED
					: c->state == CONN_KEY_MISMATCH ? E_KEY_MISMATCH
					: was_online || c->state == CONN_ONLINE ? E_TIMEOUT
										: E_UNAVAILABLE;
			conn_forget(c, id);
			*reply = proto_error_body(e, NULL);
			return e;
		}
		was_online |= c->state == CONN_ONLINE;
		conn_pollitems(c, items);
		if (zmq_poll(items, CONN_POLLITEMS, left < wait ? left : wait) < 0 && errno != EINTR) {
			conn_forget(c, id);
			*reply = proto_error_body(E_UNAVAILABLE, NULL);
			return E_UNAVAILABLE;
		}
	}
}
