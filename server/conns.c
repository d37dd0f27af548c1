/* conns.c — connection caps from the ROUTER's socket monitor (conns.h).
 * Each accepted socket is kept by descriptor with its peer's address, so
 * counting one address is a scan of at most max_connections entries. A
 * socket past a cap is shut down (not closed: the descriptor is libzmq's,
 * which then sees the peer go and closes it). */
#include "conns.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <zmq.h>

#include "log.h"

#define ENDPOINT "inproc://congvu-conns"
#define FD_RESERVE 64 /* the database, its WAL, the listener, ZAP, log, ... */

typedef struct {
	bool open;
	struct sockaddr_storage addr;
	socklen_t len;
	char ip[INET6_ADDRSTRLEN];
} s_conn_t;

static s_conn_t *s_conns; /* by descriptor */
static int s_nfd;         /* size of s_conns */
static int s_open;
static void *s_mon;
static const srv_config_t *s_cfg;

/* The peer of fd as it is now; false when it has none. */
static bool s_peer(int fd, struct sockaddr_storage *a, socklen_t *len)
{
	*len = sizeof *a;
	return getpeername(fd, (struct sockaddr *)a, len) == 0;
}

static void s_ip(const struct sockaddr_storage *a, char *out, size_t n)
{
	const void *src = a->ss_family == AF_INET6 ? (const void *)&((const struct sockaddr_in6 *)a)->sin6_addr
						   : (const void *)&((const struct sockaddr_in *)a)->sin_addr;
	if (!inet_ntop(a->ss_family, src, out, (socklen_t)n))
		snprintf(out, n, "?");
}

static int s_count_ip(const char *ip)
{
	int n = 0;
	for (int fd = 0; fd < s_nfd; fd++)
		n += s_conns[fd].open && strcmp(s_conns[fd].ip, ip) == 0;
	return n;
}

static void s_forget(int fd)
{
	if (fd >= 0 && fd < s_nfd && s_conns[fd].open) {
		s_conns[fd].open = false;
		s_open--;
	}
}

static void s_accepted(int fd)
{
	s_conn_t *c;

	if (fd < 0 || fd >= s_nfd)
		return;
	s_forget(fd); /* a descriptor reused before its close reached us */
	c = &s_conns[fd];
	if (!s_peer(fd, &c->addr, &c->len))
		return; /* already gone */
	s_ip(&c->addr, c->ip, sizeof c->ip);
	if (s_open >= s_cfg->max_connections || s_count_ip(c->ip) >= s_cfg->max_connections_per_address) {
		static int64_t refused;
		if (refused++ % 1000 == 0) /* one line per thousand, not one each */
			log_warn("connection from %s refused: %d open, cap %d (%d per address); %lld refused so far",
				 c->ip, s_open, s_cfg->max_connections, s_cfg->max_connections_per_address,
				 (long long)refused);
		shutdown(fd, SHUT_RDWR);
		return;
	}
	c->open = true;
	s_open++;
}

int conns_start(void *ctx, void *router, srv_config_t *cfg)
{
	struct rlimit rl;

	/* the descriptors the caps need and no more: the table below is as
	 * long as the limit (a descriptor is always below it) */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rlim_t want = (rlim_t)cfg->max_connections + 2 * FD_RESERVE;
		rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	if ((rlim_t)cfg->max_connections + FD_RESERVE > rl.rlim_cur) {
		int fit = rl.rlim_cur > 2 * FD_RESERVE ? (int)(rl.rlim_cur - FD_RESERVE) : FD_RESERVE;
		log_warn("max_connections %d lowered to %d: the descriptor limit is %llu (raise LimitNOFILE)",
			 cfg->max_connections, fit, (unsigned long long)rl.rlim_cur);
		cfg->max_connections = fit;
	}
	s_cfg = cfg;
	s_nfd = rl.rlim_cur > 1 << 20 ? 1 << 20 : (int)rl.rlim_cur;
	if (!(s_conns = calloc((size_t)s_nfd, sizeof *s_conns)))
		return -1;
	if (zmq_socket_monitor(router, ENDPOINT, ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_CLOSED) != 0)
		return -1;
	s_mon = zmq_socket(ctx, ZMQ_PAIR);
	if (!s_mon || zmq_connect(s_mon, ENDPOINT) != 0)
		return -1;
	return 0;
}

void *conns_socket(void)
{
	return s_mon;
}

void conns_handle(void)
{
	zmq_msg_t ev, ep;

	for (;;) {
		uint16_t event;
		uint32_t value;
		zmq_msg_init(&ev);
		zmq_msg_init(&ep);
		if (zmq_msg_recv(&ev, s_mon, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&ev);
			zmq_msg_close(&ep);
			return;
		}
		zmq_msg_recv(&ep, s_mon, 0); /* the endpoint: not needed */
		if (zmq_msg_size(&ev) >= 6) {
			memcpy(&event, zmq_msg_data(&ev), 2);
			memcpy(&value, (char *)zmq_msg_data(&ev) + 2, 4);
			if (event == ZMQ_EVENT_ACCEPTED)
				s_accepted((int)value);
			else
				s_forget((int)value);
		}
		zmq_msg_close(&ev);
		zmq_msg_close(&ep);
	}
}

int conns_sweep(void)
{
	int gone = 0;

	for (int fd = 0; fd < s_nfd; fd++) {
		struct sockaddr_storage a;
		socklen_t n;
		if (!s_conns[fd].open)
			continue;
		if (!s_peer(fd, &a, &n) || n != s_conns[fd].len || memcmp(&a, &s_conns[fd].addr, n) != 0) {
			s_forget(fd);
			gone++;
		}
	}
	return gone;
}

int conns_count(void)
{
	return s_open;
}

void conns_stop(void)
{
	if (s_mon)
		zmq_close(s_mon);
	s_mon = NULL;
	free(s_conns);
	s_conns = NULL;
	s_nfd = s_open = 0;
}
