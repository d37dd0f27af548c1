/* push.c — the peer table and event fan-out. Small and linear: a province
 * has hundreds of connected clients, not millions. */
#include "push.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <zmq.h>

#include "clock.h"
#include "log.h"
#include "proto.h"
#include "push_delta.h"
#include "session.h"

typedef struct {
	unsigned char rid[256];
	size_t rid_len;
	int fd;
	struct sockaddr_storage addr; /* the fd's peer when seen: a reused fd has another */
	socklen_t addr_len;
	int64_t device, user;
	int64_t last_ms; /* its last request */
	bool deltas;     /* task.changed as deltas (its hello said so) */
	char path[512];
} peer_t;

static peer_t *s_peers;
static size_t s_npeers, s_cap;
static int64_t s_idle_ms = 8 * 3600 * 1000LL;

void push_set_idle(int seconds)
{
	s_idle_ms = (int64_t)seconds * 1000;
}

size_t push_count(void)
{
	return s_npeers;
}

/* Is p's fd still the connection it was seen on (open and connected to
 * the same address and port)? False when that is not known. */
static bool s_same_conn(const peer_t *p)
{
	struct sockaddr_storage a;
	socklen_t n = sizeof a;

	return p->fd >= 0 && p->addr_len && getpeername(p->fd, (struct sockaddr *)&a, &n) == 0 && n == p->addr_len &&
	       memcmp(&a, &p->addr, n) == 0;
}

/* Is p's connection still there? One whose fd is not known counts as alive
 * (forgotten only when dropped). */
static bool s_alive(const peer_t *p)
{
	return p->fd < 0 || !p->addr_len || s_same_conn(p);
}

/* Close p's connection (libzmq sees the peer go) and forget p. Only a fd
 * known to be p's own is shut: a fd seen without its address may since
 * belong to another official's connection. */
static void s_drop(size_t k)
{
	if (s_same_conn(&s_peers[k]))
		shutdown(s_peers[k].fd, SHUT_RDWR);
	s_peers[k] = s_peers[--s_npeers];
}

void push_seen(const push_peer_t *in, int64_t now_ms)
{
	peer_t *p = NULL;
	struct sockaddr_storage addr;
	socklen_t addr_len = sizeof addr;
	size_t k = 0;

	if (in->rid_len > sizeof p->rid)
		return;
	for (; k < s_npeers && !p; k++)
		if (s_peers[k].rid_len == in->rid_len && memcmp(s_peers[k].rid, in->rid, in->rid_len) == 0)
			p = &s_peers[k];
	/* A known socket with no peer any more: the connection closed while its
	 * request was served (a client that asks once and hangs up). Nothing to
	 * push to, and an entry with no address would never be swept. */
	if (in->fd >= 0 && getpeername(in->fd, (struct sockaddr *)&addr, &addr_len) != 0) {
		if (p)
			s_peers[k - 1] = s_peers[--s_npeers];
		return;
	}
	if (in->fd < 0)
		addr_len = 0;
	if (!p) {
		if (s_npeers == s_cap) {
			size_t cap = s_cap ? 2 * s_cap : 64;
			peer_t *np = realloc(s_peers, cap * sizeof *np);
			if (!np)
				return;
			s_peers = np;
			s_cap = cap;
		}
		p = &s_peers[s_npeers++];
		memcpy(p->rid, in->rid, in->rid_len);
		p->rid_len = in->rid_len;
		p->fd = -1;
		p->addr_len = 0;
		p->deltas = false;
	}
	if (in->deltas >= 0)
		p->deltas = in->deltas;
	p->fd = in->fd;
	p->addr_len = addr_len;
	if (addr_len)
		memcpy(&p->addr, &addr, addr_len);
	p->device = in->device;
	p->user = in->user;
	p->last_ms = now_ms;
	snprintf(p->path, sizeof p->path, "%s", in->path ? in->path : "");
}

int push_sweep(void)
{
	int gone = 0;

	for (size_t k = 0; k < s_npeers;)
		if (!s_alive(&s_peers[k])) {
			s_peers[k] = s_peers[--s_npeers];
			gone++;
		} else
			k++;
	/* give memory back after a crowd has left */
	if (s_cap > 64 && s_npeers < s_cap / 4) {
		peer_t *np = realloc(s_peers, (s_cap / 2) * sizeof *np);
		if (np) {
			s_peers = np;
			s_cap /= 2;
		}
	}
	return gone;
}

void push_revalidate(store_t *db, const srv_config_t *cfg, int64_t now)
{
	for (size_t k = 0; k < s_npeers;) {
		peer_t *p = &s_peers[k];
		session_state_t st = session_peer_state(db, cfg, p->device, p->user, now);
		if (st == SESSION_REVOKED) {
			log_info("device %lld revoked: its connection closed", (long long)p->device);
			s_drop(k);
			continue;
		}
		if (st == SESSION_ENDED)
			p->user = 0;
		k++;
	}
}

void push_event_scopes(srv_ctx_t *c, proto_event_t ev, json_t *body, json_t *scopes)
{
	if (!c->events)
		c->events = json_array();
	json_array_append_new(c->events,
			      json_pack("{s:i, s:o, s:o, s:i}", "type", (int)ev, "body", body, "scopes", scopes, "user", 0));
}

static int s_under(const peer_t *p, const char *scope)
{
	return scope && strncmp(scope, p->path, strlen(p->path)) == 0;
}

/* Does peer p get event ev at now_ms: a live session, and its user named,
 * or its unit at or above the event's scope (one of its scopes; no scope:
 * everyone)? */
static int s_wants(const peer_t *p, const json_t *ev, int64_t now_ms)
{
	int64_t user = json_integer_value(json_object_get(ev, "user"));
	const json_t *scopes = json_object_get(ev, "scopes"), *x;
	const char *scope = json_string_value(json_object_get(ev, "scope"));
	size_t i;

	if (!p->user || now_ms - p->last_ms >= s_idle_ms)
		return 0; /* nobody logged in, or a session idle past its limit */
	if (user > 0)
		return p->user == user;
	if (scopes) {
		json_array_foreach(scopes, i, x)
		{
			if (s_under(p, json_string_value(x)))
				return 1;
		}
		return 0;
	}
	return !scope || s_under(p, scope);
}

/* Send buf to peer k; false when the peer is gone (forgotten: k now
 * holds another). */
static bool s_send_to(void *router, size_t k, const void *buf, size_t len)
{
	peer_t *p = &s_peers[k];

	if ((zmq_send(router, p->rid, p->rid_len, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0 ||
	     zmq_send(router, buf, len, ZMQ_DONTWAIT) < 0) &&
	    errno == EHOSTUNREACH) {
		*p = s_peers[--s_npeers];
		return false;
	}
	return true;
}

void push_send(void *router, const json_t *events)
{
	size_t i;
	json_t *ev;
	int64_t now_ms = clock_now_ms();

	json_array_foreach(events, i, ev)
	{
		int type = (int)json_integer_value(json_object_get(ev, "type"));
		const json_t *body = json_object_get(ev, "body");
		json_t *delta = type == EV_task_changed ? push_delta_task(body) : NULL;
		size_t len, dlen = 0;
		void *buf, *dbuf = NULL;

		proto_shape_assert(K_EVENT, type, body);
		if (delta)
			proto_shape_assert(K_EVENT, type, delta);
		buf = proto_encode(K_EVENT, type, 0, body, &len);
		if (delta)
			dbuf = proto_encode(K_EVENT, type, 0, delta, &dlen);
		json_decref(delta);
		if (!buf) {
			free(dbuf);
			continue;
		}
		for (size_t k = 0; k < s_npeers;) {
			peer_t *p = &s_peers[k];
			bool d = p->deltas && dbuf;
			if (s_wants(p, ev, now_ms) && !s_send_to(router, k, d ? dbuf : buf, d ? dlen : len))
				continue;
			k++;
		}
		free(buf);
		free(dbuf);
	}
}

void push_reset(void)
{
	free(s_peers);
	s_peers = NULL;
	s_npeers = s_cap = 0;
	push_delta_reset();
}
