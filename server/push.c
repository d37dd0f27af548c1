/* push.c — the peer table and event fan-out. Small and linear: a province
 * has hundreds of connected clients, not millions. */
#include "push.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "log.h"
#include "proto.h"

typedef struct {
	unsigned char rid[256];
	size_t rid_len;
	int64_t device, user;
	char path[512];
} peer_t;

static peer_t *s_peers;
static size_t s_npeers, s_cap;

void push_seen(const void *rid, size_t n, int64_t device, int64_t user, const char *path)
{
	peer_t *p = NULL;

	if (n > sizeof p->rid)
		return;
	for (size_t i = 0; i < s_npeers; i++)
		if (s_peers[i].rid_len == n && memcmp(s_peers[i].rid, rid, n) == 0)
			p = &s_peers[i];
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
		memcpy(p->rid, rid, n);
		p->rid_len = n;
	}
	p->device = device;
	p->user = user;
	snprintf(p->path, sizeof p->path, "%s", path ? path : "");
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

/* Does peer p get event ev: its user named, or its unit at or above the
 * event's scope (one of its scopes; no scope: everyone)? */
static int s_wants(const peer_t *p, const json_t *ev)
{
	int64_t user = json_integer_value(json_object_get(ev, "user"));
	const json_t *scopes = json_object_get(ev, "scopes"), *x;
	const char *scope = json_string_value(json_object_get(ev, "scope"));
	size_t i;

	if (!p->user)
		return 0;
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

void push_send(void *router, const json_t *events)
{
	size_t i;
	json_t *ev;

	json_array_foreach(events, i, ev)
	{
		int type = (int)json_integer_value(json_object_get(ev, "type"));
		size_t len;
		void *buf = proto_encode(K_EVENT, type, 0, json_object_get(ev, "body"), &len);

		if (!buf)
			continue;
		for (size_t k = 0; k < s_npeers;) {
			peer_t *p = &s_peers[k];
			if (s_wants(p, ev) &&
			    (zmq_send(router, p->rid, p->rid_len, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0 ||
			     zmq_send(router, buf, len, ZMQ_DONTWAIT) < 0) &&
			    errno == EHOSTUNREACH) {
				*p = s_peers[--s_npeers]; /* gone: forget it */
				continue;
			}
			k++;
		}
		free(buf);
	}
}

void push_reset(void)
{
	free(s_peers);
	s_peers = NULL;
	s_npeers = s_cap = 0;
}
