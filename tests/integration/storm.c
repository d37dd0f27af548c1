/* storm.c — many peers at the same moment, for the concurrency and abuse
 * suite (concurrency.sh): what officials and attackers can do at once to a
 * real congvud over real CURVE. Each mode sends everything it has before
 * reading any reply, so the requests meet in the daemon's queue, and
 * prints what came back as "key value" lines for the script to check.
 *
 * storm ENDPOINT SERVER_KEY MODE ARGS...
 *   logins USER PW KEYFILE...      one connection per device, all logins at once
 *   same N USER PW KEYFILE         N connections of one device, all logins at once
 *   burst N USER PW KEYFILE        N logins back to back on one connection, then whoami
 *   pipeline USER PW KEYFILE       whoami, login, whoami, hello before any answer
 *   chpw USER PW NEW KEYFILE       login, passwd from PW to NEW, whoami before any answer
 *   passwd N OLD NEW KEYFILE OTHER  N passwd from OLD to NEW back to back on one
 *                                  connection while OTHER asks whoami one at a time
 *   reconnect USER PW KEYFILE...   each device logs in, drops the link before
 *                                  the answer, reconnects and resends the same id,
 *                                  twice: three asks of one login in flight
 *   repeat SECONDS MSG JSON KEYFILE  MSG again and again, one in flight, new ids
 *   flood SECONDS KEYS KEYFILE     KEYS unknown keys send enroll and login as
 *                                  fast as answered while the device asks whoami
 *   churn N PAR [KEYFILE]          N connections (PAR at a time) of fresh keys,
 *                                  or of one device: hello, its answer, close
 *   send ID MSG JSON KEYFILE       one request with the given id; its answer
 *   readafter SECONDS CODE KEYFILE  rounds of task.show, task.comment, task.show
 *                                  on task CODE sent before any answer (every
 *                                  other round without the first show): the
 *                                  answers must come in that order, the first
 *                                  show without the new comment, the last with it
 * KEYFILE: a device.key written by `congvu enroll`. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "conn.h"
#include "keys.h"
#include "proto.h"

#define MAXSOCK 1100

static void *s_ctx;
static const char *s_ep, *s_srv;

static int64_t s_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *s_open(const char *keyfile)
{
	keypair_t kp;

	if (keyfile ? keys_load(&kp, keyfile) : keys_generate(&kp)) {
		fprintf(stderr, "storm: no key %s\n", keyfile ? keyfile : "(new)");
		exit(66);
	}
	return conn_socket(s_ctx, s_ep, s_srv, &kp);
}

static void s_send(void *s, proto_msg_t type, uint64_t id, json_t *body)
{
	size_t len;
	void *buf = proto_encode(K_REQUEST, type, id, body, &len);

	zmq_send(s, buf, len, ZMQ_DONTWAIT);
	free(buf);
	json_decref(body);
}

/* The next reply or error on s within ms (events skipped): 1 with *f
 * filled (caller clears), 0 on timeout. */
static int s_recv(void *s, int ms, proto_frame_t *f)
{
	int64_t end = s_ms() + ms;

	for (;;) {
		zmq_pollitem_t it = {s, 0, ZMQ_POLLIN, 0};
		zmq_msg_t m;
		int64_t left = end - s_ms();
		int ok;
		if (left < 0 || zmq_poll(&it, 1, (long)left) <= 0)
			return 0;
		zmq_msg_init(&m);
		zmq_msg_recv(&m, s, 0);
		ok = proto_decode(zmq_msg_data(&m), zmq_msg_size(&m), f) == E_OK;
		zmq_msg_close(&m);
		if (ok && f->kind != K_EVENT)
			return 1;
		if (ok)
			proto_frame_clear(f);
	}
}

static const char *s_code(const proto_frame_t *f)
{
	const char *c = f->kind == K_ERROR ? json_string_value(json_object_get(f->body, "code")) : "ok";
	return c ? c : "?";
}

/* --- tallies of answers by code, printed as "code N" --- */

static struct {
	char code[32];
	long n;
} s_tally[32];

static void s_count(const char *code)
{
	int i = 0;
	while (i < 31 && s_tally[i].n && strcmp(s_tally[i].code, code) != 0)
		i++;
	snprintf(s_tally[i].code, sizeof s_tally[i].code, "%s", code);
	s_tally[i].n++;
}

static void s_print_tally(const char *prefix)
{
	for (int i = 0; i < 32 && s_tally[i].n; i++)
		printf("%s%s %ld\n", prefix, s_tally[i].code, s_tally[i].n);
	memset(s_tally, 0, sizeof s_tally);
}

static json_t *s_login(const char *user, const char *pw)
{
	return json_pack("{s:s, s:s}", "user", user, "password", pw);
}

/* One answer from each of n sockets within ms in all; unanswered ones
 * count as "none". */
static void s_collect(void **socks, int n, int ms)
{
	int64_t end = s_ms() + ms;

	for (int i = 0; i < n; i++) {
		proto_frame_t f;
		int64_t left = end - s_ms();
		if (s_recv(socks[i], left > 0 ? (int)left : 0, &f)) {
			s_count(s_code(&f));
			proto_frame_clear(&f);
		} else
			s_count("none");
	}
}

static int s_logins(const char *user, const char *pw, int nkeys, char **keys)
{
	void *socks[MAXSOCK];

	for (int i = 0; i < nkeys && i < MAXSOCK; i++)
		s_send(socks[i] = s_open(keys[i]), MSG_login, 1, s_login(user, pw));
	s_collect(socks, nkeys, 30000);
	s_print_tally("");
	return 0;
}

static int s_same(int n, const char *user, const char *pw, const char *key)
{
	void *socks[MAXSOCK];

	for (int i = 0; i < n && i < MAXSOCK; i++)
		s_send(socks[i] = s_open(key), MSG_login, 1, s_login(user, pw));
	s_collect(socks, n, 30000);
	s_print_tally("");
	return 0;
}

static int s_burst(int n, const char *user, const char *pw, const char *key)
{
	void *s = s_open(key);
	proto_frame_t f;
	int got = 0;

	for (int i = 1; i <= n; i++)
		s_send(s, MSG_login, (uint64_t)i, s_login(user, pw));
	s_send(s, MSG_whoami, (uint64_t)n + 1, NULL);
	while (got < n + 1 && s_recv(s, 60000, &f)) {
		if (f.id == (uint64_t)n + 1)
			printf("whoami %s %s\n", s_code(&f), f.kind == K_REPLY ? json_string_value(json_object_get(f.body, "username")) : "-");
		else
			s_count(s_code(&f));
		proto_frame_clear(&f);
		got++;
	}
	s_print_tally("");
	printf("answered %d of %d\n", got, n + 1);
	return 0;
}

static int s_pipeline(const char *user, const char *pw, const char *key)
{
	void *s = s_open(key);
	proto_frame_t f;

	s_send(s, MSG_whoami, 1, NULL);
	s_send(s, MSG_login, 2, s_login(user, pw));
	s_send(s, MSG_whoami, 3, NULL);
	s_send(s, MSG_hello, 4, json_pack("{s:i}", "version", PROTO_VERSION));
	for (int got = 0; got < 4 && s_recv(s, 30000, &f); got++) {
		const char *who = json_string_value(json_object_get(f.body, "username"));
		printf("%" PRIu64 " %s %s\n", f.id, s_code(&f), who ? who : "-");
		proto_frame_clear(&f);
	}
	return 0;
}

static int s_chpw(const char *user, const char *pw, const char *nw, const char *key)
{
	void *s = s_open(key);
	proto_frame_t f;

	s_send(s, MSG_login, 1, s_login(user, pw));
	s_send(s, MSG_passwd, 2, json_pack("{s:s, s:s}", "old", pw, "new", nw));
	s_send(s, MSG_whoami, 3, NULL);
	for (int got = 0; got < 3 && s_recv(s, 30000, &f); got++) {
		const char *who = json_string_value(json_object_get(f.body, "username"));
		printf("%" PRIu64 " %s %s\n", f.id, s_code(&f), who ? who : "-");
		proto_frame_clear(&f);
	}
	return 0;
}

/* N password changes sent at once on one connection; the other official's
 * whoami goes on, one at a time, until all N are answered. */
static int s_passwd(int n, const char *old, const char *nw, const char *key, const char *other)
{
	void *s = s_open(key), *o = s_open(other);
	int64_t end = s_ms() + 60000;
	long got = 0, who_ok = 0, who_failed = 0;
	uint64_t id = 1000;

	for (int i = 1; i <= n; i++)
		s_send(s, MSG_passwd, (uint64_t)i, json_pack("{s:s, s:s}", "old", old, "new", nw));
	s_send(o, MSG_whoami, ++id, NULL);
	while (got < n && s_ms() < end) {
		zmq_pollitem_t it[2] = {{s, 0, ZMQ_POLLIN, 0}, {o, 0, ZMQ_POLLIN, 0}};
		proto_frame_t f;
		if (zmq_poll(it, 2, 100) <= 0)
			continue;
		if ((it[0].revents & ZMQ_POLLIN) && s_recv(s, 0, &f)) {
			s_count(s_code(&f));
			proto_frame_clear(&f);
			got++;
		}
		if ((it[1].revents & ZMQ_POLLIN) && s_recv(o, 0, &f)) {
			if (f.kind == K_REPLY)
				who_ok++;
			else
				who_failed++;
			proto_frame_clear(&f);
			s_send(o, MSG_whoami, ++id, NULL);
		}
	}
	s_print_tally("passwd ");
	printf("answered %ld of %d\nwhoami answered %ld\nwhoami failed %ld\n", got, n, who_ok, who_failed);
	return 0;
}

static int s_reconnect(const char *user, const char *pw, int nkeys, char **keys)
{
	void *socks[MAXSOCK];
	int linger = 0;

	/* every login leaves, and its link is dropped before it is answered;
	 * all come back at once and resend the same request, and once more:
	 * while the first asks are hashed, a device's third ask finds two in
	 * flight (a daemon parking each ask apart answers it `busy`) */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < nkeys && i < MAXSOCK; i++)
			s_send(socks[i] = s_open(keys[i]), MSG_login, 77, s_login(user, pw));
		if (round < 2)
			usleep(500 * 1000); /* the asks are through the handshake and parked */
		for (int i = 0; round < 2 && i < nkeys && i < MAXSOCK; i++) {
			zmq_setsockopt(socks[i], ZMQ_LINGER, &linger, sizeof linger);
			zmq_close(socks[i]);
		}
	}
	s_collect(socks, nkeys, 60000);
	s_print_tally("");
	return 0;
}

static int s_repeat(int seconds, const char *msg, const char *js, const char *key)
{
	void *s = s_open(key);
	const proto_def_t *d = proto_def_by_name(msg);
	int64_t end = s_ms() + seconds * 1000LL;
	uint64_t id = (uint64_t)time(NULL) * 1000;

	if (!d) {
		fprintf(stderr, "storm: no message %s\n", msg);
		return 64;
	}
	while (s_ms() < end) {
		proto_frame_t f;
		s_send(s, d->id, ++id, json_loads(js, 0, NULL));
		if (!s_recv(s, 30000, &f)) {
			s_count("none");
			break;
		}
		s_count(s_code(&f));
		proto_frame_clear(&f);
	}
	s_print_tally("");
	return 0;
}

/* Rounds of read, write, read of one task, pipelined on one connection
 * (readpool.sh), every other round without the first read: a connection's
 * answers come in the order it asked, a read sent before a write does not
 * see it, one sent after it does (behind a read in the pool, or as the
 * next request after the write in one batch). Prints "rounds N",
 * "disorder N" (an answer out of turn), "early N" (the first read saw the
 * comment sent after it), "stale N" (the last did not) and the tally of
 * answer codes. */
static int s_readafter(int seconds, const char *code, const char *key)
{
	void *s = s_open(key);
	int64_t end = s_ms() + seconds * 1000LL;
	uint64_t id = (uint64_t)time(NULL) * 1000;
	long rounds = 0, disorder = 0, early = 0, stale = 0;

	while (s_ms() < end) {
		char text[96];
		uint64_t first = id + 1;
		bool lost = false, lead = rounds % 2 == 0;

		snprintf(text, sizeof text, "đọc sau ghi %d-%ld", (int)getpid(), rounds);
		if (lead)
			s_send(s, MSG_task_show, ++id, json_pack("{s:s}", "code", code));
		s_send(s, MSG_task_comment, ++id, json_pack("{s:s, s:s}", "code", code, "text", text));
		s_send(s, MSG_task_show, ++id, json_pack("{s:s}", "code", code));
		for (uint64_t want = first; want <= id; want++) {
			proto_frame_t f;
			char *js;
			if (!s_recv(s, 30000, &f)) {
				s_count("none");
				lost = true;
				break;
			}
			s_count(s_code(&f));
			disorder += f.id != want;
			js = json_dumps(f.body, JSON_COMPACT);
			if (lead && f.id == first && js && strstr(js, text))
				early++;
			if (f.id == id && f.kind == K_REPLY && (!js || !strstr(js, text)))
				stale++;
			free(js);
			proto_frame_clear(&f);
		}
		if (lost)
			break;
		rounds++;
	}
	printf("rounds %ld\ndisorder %ld\nearly %ld\nstale %ld\n", rounds, disorder, early, stale);
	s_print_tally("");
	return 0;
}

static int s_cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Unknown keys flood enroll and login, each with one request in flight,
 * while the device asks whoami one at a time: what the device waited. */
static int s_flood(int seconds, int nkeys, const char *key)
{
	static void *socks[MAXSOCK];
	static int64_t lat[200000];
	zmq_pollitem_t items[MAXSOCK + 1];
	void *legit = s_open(key);
	int64_t end = s_ms() + seconds * 1000LL, sent_at = 0;
	long nlat = 0, sent = 0, answered = 0, legit_failed = 0;
	uint64_t id = 1;

	if (nkeys > MAXSOCK)
		nkeys = MAXSOCK;
	for (int i = 0; i < nkeys; i++) {
		socks[i] = s_open(NULL);
		s_send(socks[i], i % 2 ? MSG_login : MSG_enroll, id++,
		       i % 2 ? s_login("admin", "wrong") : json_pack("{s:s}", "token", "not-a-real-invite-token"));
		sent++;
	}
	s_send(legit, MSG_whoami, id++, NULL);
	sent_at = s_ms();
	while (s_ms() < end) {
		int n = 0;
		for (int i = 0; i < nkeys; i++)
			items[n++] = (zmq_pollitem_t){socks[i], 0, ZMQ_POLLIN, 0};
		items[n++] = (zmq_pollitem_t){legit, 0, ZMQ_POLLIN, 0};
		if (zmq_poll(items, n, 100) <= 0)
			continue;
		for (int i = 0; i < n; i++) {
			proto_frame_t f;
			if (!(items[i].revents & ZMQ_POLLIN) || !s_recv(items[i].socket, 0, &f))
				continue;
			if (items[i].socket == legit) {
				if (nlat < (long)(sizeof lat / sizeof lat[0]))
					lat[nlat++] = s_ms() - sent_at;
				legit_failed += f.kind != K_REPLY;
				s_send(legit, MSG_whoami, id++, NULL);
				sent_at = s_ms();
			} else {
				answered++;
				s_count(s_code(&f));
				s_send(items[i].socket, i % 2 ? MSG_login : MSG_enroll, id++,
				       i % 2 ? s_login("admin", "wrong")
					     : json_pack("{s:s}", "token", "not-a-real-invite-token"));
				sent++;
			}
			proto_frame_clear(&f);
		}
	}
	qsort(lat, (size_t)nlat, sizeof lat[0], s_cmp64);
	printf("legit answered %ld\nlegit failed %ld\n", nlat, legit_failed);
	if (nlat)
		printf("legit p50_ms %" PRId64 "\nlegit p99_ms %" PRId64 "\nlegit max_ms %" PRId64 "\n", lat[nlat / 2],
		       lat[nlat * 99 / 100], lat[nlat - 1]);
	printf("flood sent %ld\nflood answered %ld\n", sent, answered);
	s_print_tally("flood ");
	return 0;
}

static int s_churn(int n, int par, const char *key)
{
	static void *socks[MAXSOCK];
	int done = 0, ok = 0, linger = 0;

	if (par > MAXSOCK)
		par = MAXSOCK;
	while (done < n) {
		int k = n - done < par ? n - done : par;
		for (int i = 0; i < k; i++)
			s_send(socks[i] = s_open(key), MSG_hello, 1, json_pack("{s:i}", "version", PROTO_VERSION));
		for (int i = 0; i < k; i++) {
			proto_frame_t f;
			if (s_recv(socks[i], 30000, &f)) {
				ok++; /* a hello, or a key not enrolled told rate_limited */
				proto_frame_clear(&f);
			}
			zmq_setsockopt(socks[i], ZMQ_LINGER, &linger, sizeof linger);
			zmq_close(socks[i]);
		}
		done += k;
	}
	printf("churned %d\nanswered %d\n", done, ok);
	return 0;
}

static int s_one(uint64_t id, const char *msg, const char *js, const char *key)
{
	void *s = s_open(key);
	const proto_def_t *d = proto_def_by_name(msg);
	proto_frame_t f;
	char *out;

	if (!d)
		return 64;
	s_send(s, d->id, id, json_loads(js, 0, NULL));
	if (!s_recv(s, 30000, &f)) {
		printf("none\n");
		return 0;
	}
	out = json_dumps(f.body, JSON_COMPACT);
	printf("%s %s\n", s_code(&f), out ? out : "null");
	free(out);
	proto_frame_clear(&f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode;
	int rc = 64;

	if (argc < 4) {
		fprintf(stderr, "usage: storm ENDPOINT SERVER_KEY MODE ARGS... (see storm.c)\n");
		return 64;
	}
	s_ep = argv[1];
	s_srv = argv[2];
	mode = argv[3];
	argv += 4;
	argc -= 4;
	s_ctx = zmq_ctx_new();
	zmq_ctx_set(s_ctx, ZMQ_MAX_SOCKETS, 4096);
	if (!strcmp(mode, "logins") && argc >= 3)
		rc = s_logins(argv[0], argv[1], argc - 2, argv + 2);
	else if (!strcmp(mode, "same") && argc == 4)
		rc = s_same(atoi(argv[0]), argv[1], argv[2], argv[3]);
	else if (!strcmp(mode, "burst") && argc == 4)
		rc = s_burst(atoi(argv[0]), argv[1], argv[2], argv[3]);
	else if (!strcmp(mode, "pipeline") && argc == 3)
		rc = s_pipeline(argv[0], argv[1], argv[2]);
	else if (!strcmp(mode, "chpw") && argc == 4)
		rc = s_chpw(argv[0], argv[1], argv[2], argv[3]);
	else if (!strcmp(mode, "passwd") && argc == 5)
		rc = s_passwd(atoi(argv[0]), argv[1], argv[2], argv[3], argv[4]);
	else if (!strcmp(mode, "reconnect") && argc >= 3)
		rc = s_reconnect(argv[0], argv[1], argc - 2, argv + 2);
	else if (!strcmp(mode, "repeat") && argc == 4)
		rc = s_repeat(atoi(argv[0]), argv[1], argv[2], argv[3]);
	else if (!strcmp(mode, "flood") && argc == 3)
		rc = s_flood(atoi(argv[0]), atoi(argv[1]), argv[2]);
	else if (!strcmp(mode, "churn") && (argc == 2 || argc == 3))
		rc = s_churn(atoi(argv[0]), atoi(argv[1]), argc == 3 ? argv[2] : NULL);
	else if (!strcmp(mode, "readafter") && argc == 3)
		rc = s_readafter(atoi(argv[0]), argv[1], argv[2]);
	else if (!strcmp(mode, "send") && argc == 4)
		rc = s_one(strtoull(argv[0], NULL, 10), argv[1], argv[2], argv[3]);
	else
		fprintf(stderr, "storm: unknown mode or arguments: %s\n", mode);
	fflush(stdout);
	_exit(rc); /* sockets left to the kernel: closing a thousand is the slow part */
}
