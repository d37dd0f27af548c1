/* batch.c — requests off the ROUTER socket, answered in batches. Of the
 * requests already waiting when the loop wakes (up to BATCH_MAX), reads
 * are answered first, unless one of their own connection's writes came
 * before them in the batch; then the writes (and those reads) in arrival
 * order. Each group runs in transactions closed after BATCH_BUDGET_US of
 * work, each request in its own savepoint (db_begin nests). A write is acknowledged only after the COMMIT
 * that made it durable, and one fsync serves every write of it. */
#include "clock.h"
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "auth.h"
#include "db.h"
#include "log.h"
#include "push.h"
#include "pwcheck.h"
#include "session.h"

/* Enough to fill the time of one fsync under load; small enough that the
 * first request of a batch does not wait long for the last. */
#define BATCH_MAX 64
/* The work one transaction may hold its replies for before it commits:
 * a slow request (a large list, a login's password hash) does not make
 * the writes read after it wait for it as well. */
#define BATCH_BUDGET_US 8000

typedef struct {
	zmq_msg_t rid;
	proto_frame_t f;
	const proto_def_t *def;
	char uid[128];  /* ZAP's User-Id: "d:<device>" or "k:<key>"; "" when none */
	proto_err_t e;  /* refused before dispatch, or the dispatch's result */
	bool dispatched;
	srv_ctx_t c;
	json_t *out;
	int group; /* 0: needs no write of its batch; 1: a write or behind one; 2: parked */
	int verdict; /* a parked login's password check: -1 out, 0 wrong, 1 right */
	char hash[crypto_pwhash_STRBYTES]; /* the stored hash it was checked against */
} s_req_t;

static s_req_t s_reqs[BATCH_MAX]; /* the loop is single-threaded */

/* Requests held back: logins whose password is being checked off the
 * thread (pwcheck.c) and what their connections sent after them, in
 * arrival order. */
#define PARK_MAX 256
static s_req_t *s_parked[PARK_MAX];
static int s_nparked;

static void s_send(void *router, zmq_msg_t *rid, proto_kind_t kind, int type, uint64_t id, const json_t *body)
{
	size_t len;
	void *buf = proto_encode(kind, type, id, body, &len);

	if (!buf) { /* a reply too large to send is an internal error the client can read */
		json_t *e = proto_error_body(E_TOO_LARGE, NULL);
		kind = K_ERROR;
		buf = proto_encode(kind, type, id, e, &len);
		json_decref(e);
	}
	if (zmq_send(router, zmq_msg_data(rid), zmq_msg_size(rid), ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0 ||
	    zmq_send(router, buf, len, ZMQ_DONTWAIT) < 0)
		log_warn("reply %llu not delivered: %s", (unsigned long long)id, zmq_strerror(errno));
	free(buf);
}

/* Read one request into r (flags: 0 or ZMQ_DONTWAIT) and decode it; what
 * is wrong with it lands in r->e. -1 when no message was waiting. */
static int s_read(void *router, s_req_t *r, int flags)
{
	zmq_msg_t msg;
	int more = 0, extra = 0;
	size_t ms = sizeof more;
	const char *uid;

	memset(r, 0, sizeof *r);
	zmq_msg_init(&r->rid);
	zmq_msg_init(&msg);
	if (zmq_msg_recv(&r->rid, router, flags) < 0 || zmq_msg_recv(&msg, router, 0) < 0) {
		zmq_msg_close(&r->rid);
		zmq_msg_close(&msg);
		return -1;
	}
	zmq_getsockopt(router, ZMQ_RCVMORE, &more, &ms);
	while (more) { /* a request is one frame: drain and refuse the rest */
		zmq_msg_t x;
		zmq_msg_init(&x);
		zmq_msg_recv(&x, router, 0);
		zmq_msg_close(&x);
		zmq_getsockopt(router, ZMQ_RCVMORE, &more, &ms);
		extra = 1;
	}
	uid = zmq_msg_gets(&msg, "User-Id");
	snprintf(r->uid, sizeof r->uid, "%s", uid ? uid : "");
	r->e = extra ? E_MALFORMED : proto_decode(zmq_msg_data(&msg), zmq_msg_size(&msg), &r->f);
	if (r->e == E_OK && r->f.kind != K_REQUEST)
		r->e = E_MALFORMED;
	if (r->e == E_OK && !(r->def = proto_def(r->f.type)))
		r->e = E_UNKNOWN_MSG;
	if (r->e == E_OK && !uid)
		r->e = E_NOT_ENROLLED;
	zmq_msg_close(&msg);
	return 0;
}

/* Identify and dispatch r inside the batch's transaction. */
static void s_run(s_req_t *r, sqlite3 *db, const srv_config_t *cfg, int64_t now)
{
	srv_ctx_t *c = &r->c;
	const char *who;

	*c = (srv_ctx_t){.db = db, .cfg = cfg, .now = now};
	if (r->e == E_OK)
		r->e = session_identify(c, r->uid);
	if (r->e != E_OK) {
		log_warn("request from %s refused: %s", r->uid[0] ? r->uid : "?", proto_err_code(r->e));
		r->out = proto_error_body(r->e, NULL);
		return;
	}
	if (r->verdict >= 0) /* checked off the thread while parked */
		auth_verdict(r->hash, json_string_value(json_object_get(r->f.body, "password")), r->verdict == 1);
	r->e = srv_dispatch(c, r->def, r->f.id, r->f.body, &r->out);
	auth_verdict(NULL, NULL, false);
	r->dispatched = true;
	who = c->user_id ? c->username : r->uid;
	if (r->e != E_OK && r->e != E_BAD_LOGIN)
		log_info("%s failed by %s: %s%s%s", r->def->name, who, proto_err_code(r->e), c->bad_field ? " field " : "",
			 c->bad_field ? c->bad_field : "");
	else if (r->def->flags & P_WRITE)
		log_info("%s %s by %s", r->def->name, r->e == E_OK ? "ok" : proto_err_code(r->e), who);
}

/* The batch's commit failed: nothing it did happened, so no request of it
 * may be acknowledged; each gets an internal error it may retry. */
static void s_fail(s_req_t *r)
{
	if (!r->dispatched)
		return;
	json_decref(r->out);
	json_decref(r->c.events);
	r->c.events = NULL;
	r->c.after_commit = NULL;
	r->e = E_INTERNAL;
	r->out = proto_error_body(E_INTERNAL, NULL);
}

/* After the commit: memory follows, the reply goes out, then the events. */
static void s_answer(void *router, s_req_t *r)
{
	int type = r->def ? (int)r->def->id : r->f.type;

	if (r->c.after_commit)
		r->c.after_commit(&r->c, r->f.body);
	s_send(router, &r->rid, r->e == E_OK ? K_REPLY : K_ERROR, type, r->f.id, r->out);
	if (r->dispatched)
		push_seen(zmq_msg_data(&r->rid), zmq_msg_size(&r->rid), r->c.device_id, r->c.user_id, r->c.unit_path);
	if (r->c.events)
		push_send(router, r->c.events);
	json_decref(r->out);
	json_decref(r->c.events);
	proto_frame_clear(&r->f);
	zmq_msg_close(&r->rid);
}

static int64_t s_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static bool s_writes(const s_req_t *r)
{
	return r->e == E_OK && (r->def->flags & P_WRITE);
}

/* Must reqs[i] wait for the commit of the batch's writes: a write, or a
 * request whose connection sent a write before it in this batch (it must
 * see that write, done and durable)? */
static bool s_after_writes(s_req_t *reqs, int i)
{
	if (s_writes(&reqs[i]))
		return true;
	for (int j = 0; j < i; j++)
		if (s_writes(&reqs[j]) && zmq_msg_size(&reqs[j].rid) == zmq_msg_size(&reqs[i].rid) &&
		    memcmp(zmq_msg_data(&reqs[j].rid), zmq_msg_data(&reqs[i].rid), zmq_msg_size(&reqs[i].rid)) == 0)
			return true;
	return false;
}

/* Run the requests of reqs[from..] in group g not yet answered, in one
 * transaction until its budget is spent, commit, then answer them.
 * Returns where the next transaction starts. */
static int s_transaction(void *router, sqlite3 *db, const srv_config_t *cfg, s_req_t *reqs, int from, int n, int g,
                         int64_t now)
{
	int64_t t0 = s_us();
	/* without the outer transaction each write commits alone, as before */
	bool tx = db_begin(db) == SQLITE_OK;
	int i = from;

	for (; i < n && (i == from || s_us() - t0 < BATCH_BUDGET_US); i++) {
		if (reqs[i].group != g)
			continue;
		/* a read behind its connection's write sees all of it, the
		 * deferred search row too (nothing to run in a read-only group) */
		if (tx && !s_writes(&reqs[i]) && db_flush(db) != 0)
			log_error("deferred statements failed: %s", sqlite3_errmsg(db));
		s_run(&reqs[i], db, cfg, now);
	}
	if (tx && db_commit(db) != SQLITE_OK) {
		log_error("batch of %d requests: commit failed: %s", i - from, sqlite3_errmsg(db));
		db_rollback(db);
		for (int k = from; k < i; k++)
			if (reqs[k].group == g)
				s_fail(&reqs[k]);
	}
	for (int k = from; k < i; k++)
		if (reqs[k].group == g)
			s_answer(router, &reqs[k]);
	return i;
}

/* Answer reqs[0..n) (group 0 first, then group 1; parked ones are not
 * here any more). */
static void s_serve(void *router, sqlite3 *db, const srv_config_t *cfg, int n, int64_t now)
{
	for (int g = 0; g < 2; g++)
		for (int i = 0; i < n;) {
			while (i < n && s_reqs[i].group != g)
				i++;
			if (i < n)
				i = s_transaction(router, db, cfg, s_reqs, i, n, g, now);
		}
}

/* --- logins parked while their password is checked --- */

static bool s_same_peer(s_req_t *a, s_req_t *b)
{
	return zmq_msg_size(&a->rid) == zmq_msg_size(&b->rid) &&
	       memcmp(zmq_msg_data(&a->rid), zmq_msg_data(&b->rid), zmq_msg_size(&a->rid)) == 0;
}

static bool s_is_login(const s_req_t *r)
{
	return r->e == E_OK && r->def->id == MSG_login;
}

/* Move a request from one slot to another (the routing id by zmq_msg_move). */
static void s_move(s_req_t *dst, s_req_t *src)
{
	zmq_msg_t rid;

	zmq_msg_init(&rid);
	zmq_msg_move(&rid, &src->rid);
	*dst = *src;
	zmq_msg_init(&dst->rid);
	zmq_msg_move(&dst->rid, &rid);
	zmq_msg_close(&rid);
	memset(&src->f, 0, sizeof src->f);
}

/* Hand p's password to the worker with the hash it is checked against. */
static int s_submit(sqlite3 *db, s_req_t *p)
{
	auth_login_hash(db, json_string_value(json_object_get(p->f.body, "user")), p->hash);
	return pwcheck_submit(p, p->hash, json_string_value(json_object_get(p->f.body, "password")));
}

/* Park r when its connection has a request parked (it keeps its place
 * behind it) or it is a login whose check the worker took. */
static void s_maybe_park(sqlite3 *db, s_req_t *r)
{
	bool behind = false;
	s_req_t *p;

	for (int k = 0; k < s_nparked && !behind; k++)
		behind = s_same_peer(s_parked[k], r);
	if (s_nparked == PARK_MAX || (!behind && !s_is_login(r)) || !(p = malloc(sizeof *p)))
		return;
	s_move(p, r);
	p->verdict = -1;
	if (!behind && s_submit(db, p) != 0) { /* no worker: checked inline */
		s_move(r, p);
		free(p);
		return;
	}
	s_parked[s_nparked++] = p;
	r->group = 2;
}

int batch_start(void)
{
	return pwcheck_start();
}

int batch_fd(void)
{
	return pwcheck_fd();
}

int batch_resume(void *router, sqlite3 *db, const srv_config_t *cfg)
{
	s_req_t *p;
	bool ok;
	int n = 0, total = 0;

	while ((p = pwcheck_take(&ok)))
		p->verdict = ok;
	do {
		/* the checked logins at the head of their connection's queue,
		 * with what followed them up to the next login (whose check
		 * starts now); at most a batch at a time */
		n = 0;
		for (int k = 0; k < s_nparked && n < BATCH_MAX; k++) {
			bool head = s_parked[k] && s_parked[k]->verdict >= 0;
			for (int j = 0; j < k && head; j++)
				head = !s_parked[j] || !s_same_peer(s_parked[j], s_parked[k]);
			if (!head)
				continue;
			for (int m = k; m < s_nparked && n < BATCH_MAX; m++) {
				if (!s_parked[m] || (m > k && !s_same_peer(s_parked[m], s_parked[k])))
					continue;
				if (m > k && s_is_login(s_parked[m]) && s_submit(db, s_parked[m]) == 0)
					break;
				s_move(&s_reqs[n++], s_parked[m]);
				free(s_parked[m]);
				s_parked[m] = NULL;
			}
		}
		for (int k = 0, w = 0; k <= s_nparked; k++) /* close the gaps */
			if (k == s_nparked)
				s_nparked = w;
			else if (s_parked[k])
				s_parked[w++] = s_parked[k];
		for (int i = 0; i < n; i++)
			s_reqs[i].group = s_after_writes(s_reqs, i);
		s_serve(router, db, cfg, n, clock_now());
		total += n;
	} while (n == BATCH_MAX);
	return total;
}

void batch_stop(void)
{
	pwcheck_stop();
	for (int k = 0; k < s_nparked; k++) {
		proto_frame_clear(&s_parked[k]->f);
		zmq_msg_close(&s_parked[k]->rid);
		free(s_parked[k]);
	}
	s_nparked = 0;
}

int batch_serve(void *router, sqlite3 *db, const srv_config_t *cfg)
{
	int n = 0;
	int64_t now = clock_now();

	while (n < BATCH_MAX && s_read(router, &s_reqs[n], n ? ZMQ_DONTWAIT : 0) == 0) {
		s_reqs[n].verdict = -1;
		n++;
	}
	/* a login's password is checked off the thread: it and what its
	 * connection sends after it wait, the rest goes on */
	for (int i = 0; i < n; i++)
		s_maybe_park(db, &s_reqs[i]);
	/* group 0, the reads that need no write of this batch, go first and
	 * see committed data only (a write not yet acknowledged is
	 * concurrent with them); group 1, the writes and the reads behind
	 * them, in arrival order. A read-only transaction's commit costs no
	 * fsync; it holds one read lock for all its requests. */
	for (int i = 0; i < n; i++)
		if (s_reqs[i].group != 2)
			s_reqs[i].group = s_after_writes(s_reqs, i);
	s_serve(router, db, cfg, n, now);
	return n;
}
