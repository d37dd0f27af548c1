/* ceiling.c — the bare ceilings the load benchmark is compared with: a
 * CURVE echo server and client fleet that do nothing but move frames, and
 * a loop of the smallest durable SQLite transaction. */
#include "ceiling.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "conn.h"
#include "keys.h"

typedef struct {
	void *ctx;
	char endpoint[128];
	char server_pub[KEY_Z85_LEN + 1];
	size_t req_bytes, rep_bytes;
	int64_t until_us;
	volatile bool stop;
	pthread_barrier_t ready, go; /* handshakes done; clock started */
} echo_t;

typedef struct {
	echo_t *e;
	stats_t lat;
	size_t done;
} echo_client_t;

/* The server: one thread, one ROUTER, answers each request in turn, as
 * congvud's loop does. */
static void *s_echo_server(void *arg)
{
	echo_t *e = arg;
	keypair_t kp;
	void *r = zmq_socket(e->ctx, ZMQ_ROUTER);
	int one = 1;
	size_t len = sizeof e->endpoint;
	char *reply = calloc(1, e->rep_bytes ? e->rep_bytes : 1);

	keys_generate(&kp);
	memcpy(e->server_pub, kp.pub, sizeof kp.pub);
	zmq_setsockopt(r, ZMQ_CURVE_SERVER, &one, sizeof one);
	zmq_setsockopt(r, ZMQ_CURVE_SECRETKEY, kp.sec, KEY_Z85_LEN);
	if (zmq_bind(r, "tcp://127.0.0.1:*") != 0)
		abort();
	zmq_getsockopt(r, ZMQ_LAST_ENDPOINT, e->endpoint, &len);
	pthread_barrier_wait(&e->ready); /* endpoint known */
	while (!e->stop) {
		zmq_pollitem_t it = {r, 0, ZMQ_POLLIN, 0};
		zmq_msg_t rid, msg;
		if (zmq_poll(&it, 1, 100) <= 0)
			continue;
		zmq_msg_init(&rid);
		zmq_msg_init(&msg);
		if (zmq_msg_recv(&rid, r, 0) >= 0 && zmq_msg_recv(&msg, r, 0) >= 0) {
			zmq_send(r, zmq_msg_data(&rid), zmq_msg_size(&rid), ZMQ_SNDMORE | ZMQ_DONTWAIT);
			zmq_send(r, reply, e->rep_bytes, ZMQ_DONTWAIT);
		}
		zmq_msg_close(&rid);
		zmq_msg_close(&msg);
	}
	free(reply);
	zmq_close(r);
	return NULL;
}

static void *s_echo_client(void *arg)
{
	echo_client_t *c = arg;
	echo_t *e = c->e;
	keypair_t kp;
	char *req = calloc(1, e->req_bytes ? e->req_bytes : 1);
	void *d;

	keys_generate(&kp);
	if ((d = conn_socket(e->ctx, e->endpoint, e->server_pub, &kp)) == NULL)
		abort();
	/* one untimed round trip: the handshake is not what is measured */
	zmq_send(d, req, e->req_bytes, 0);
	{
		zmq_msg_t m;
		zmq_msg_init(&m);
		zmq_msg_recv(&m, d, 0);
		zmq_msg_close(&m);
	}
	pthread_barrier_wait(&e->ready);
	pthread_barrier_wait(&e->go);
	while (stats_now_us() < e->until_us) {
		zmq_pollitem_t it = {d, 0, ZMQ_POLLIN, 0};
		int64_t t0 = stats_now_us();
		zmq_msg_t m;
		zmq_send(d, req, e->req_bytes, 0);
		if (zmq_poll(&it, 1, 10000) <= 0) {
			c->lat.errors++;
			break;
		}
		zmq_msg_init(&m);
		zmq_msg_recv(&m, d, 0);
		zmq_msg_close(&m);
		stats_add(&c->lat, stats_now_us() - t0);
		c->done++;
	}
	free(req);
	zmq_close(d);
	return NULL;
}

double ceiling_echo(int clients, double secs, size_t req_bytes, size_t rep_bytes, stats_t *lat)
{
	echo_t e = {.req_bytes = req_bytes, .rep_bytes = rep_bytes};
	pthread_t srv, *th = calloc((size_t)clients, sizeof *th);
	echo_client_t *cl = calloc((size_t)clients, sizeof *cl);
	int64_t t0, t1;
	size_t done = 0;

	e.ctx = zmq_ctx_new();
	pthread_barrier_init(&e.ready, NULL, 2);
	pthread_create(&srv, NULL, s_echo_server, &e);
	pthread_barrier_wait(&e.ready);
	pthread_barrier_destroy(&e.ready);
	pthread_barrier_init(&e.ready, NULL, (unsigned)clients + 1);
	pthread_barrier_init(&e.go, NULL, (unsigned)clients + 1);
	for (int i = 0; i < clients; i++) {
		cl[i].e = &e;
		pthread_create(&th[i], NULL, s_echo_client, &cl[i]);
	}
	pthread_barrier_wait(&e.ready); /* every client connected */
	t0 = stats_now_us();
	e.until_us = t0 + (int64_t)(secs * 1e6);
	pthread_barrier_wait(&e.go);
	for (int i = 0; i < clients; i++) {
		pthread_join(th[i], NULL);
		done += cl[i].done;
		if (lat)
			stats_merge(lat, &cl[i].lat);
		stats_free(&cl[i].lat);
	}
	t1 = stats_now_us();
	e.stop = true;
	pthread_join(srv, NULL);
	pthread_barrier_destroy(&e.ready);
	pthread_barrier_destroy(&e.go);
	zmq_ctx_term(e.ctx);
	free(th);
	free(cl);
	return done / ((t1 - t0) / 1e6);
}

double ceiling_sqlite(const char *dir, double secs)
{
	char path[4096], row[201];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t t0, until;
	size_t n = 0;
	double rate = -1;

	snprintf(path, sizeof path, "%s/ceiling-%d.db", dir, (int)getpid());
	memset(row, 'x', sizeof row - 1);
	row[sizeof row - 1] = 0;
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db,
	                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                 "CREATE TABLE t(id INTEGER PRIMARY KEY, at INTEGER, v TEXT)",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t(at, v) VALUES(?, ?)", -1, &st, NULL) != SQLITE_OK)
		goto done;
	t0 = stats_now_us();
	until = t0 + (int64_t)(secs * 1e6);
	while (stats_now_us() < until) {
		sqlite3_bind_int64(st, 1, stats_now_us());
		sqlite3_bind_text(st, 2, row, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto done;
		sqlite3_reset(st);
		n++;
	}
	rate = n / ((stats_now_us() - t0) / 1e6);
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (int i = 0; i < 3; i++) {
		char p[4200];
		snprintf(p, sizeof p, "%s%s", path, (const char *[]){"", "-wal", "-shm"}[i]);
		unlink(p);
	}
	return rate;
}
