/* batch.c — requests off the ROUTER socket, answered in batches. Of the
 * requests already waiting when the loop wakes (up to BATCH_MAX), reads
 * are answered first, unless one of their own connection's writes came
 * before them in the batch; then the writes (and those reads) in arrival
 * order. Each group runs in transactions closed after BATCH_BUDGET_US of
 * work, each request in its own savepoint (store_begin nests). A write is acknowledged only after the COMMIT
 * that made it durable, and one fsync serves every write of it.
 *
 * With the read pool (readpool.h) running, a read that is the first of its
 * connection's requests still to answer goes to a pool thread instead,
 * identified first on this thread in the writer's transaction; the
 * connection's later requests wait behind it in its lane, as they wait
 * behind a login, so each connection's replies leave in the order its
 * requests came and a read sent after a write sees it (see "lanes"). */
#include "batch.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "auth.h"
#include "catalog.h"
#include "clock.h"
#include "guard.h"
#include "log.h"
#include "password.h"
#include "push.h"
#include "readpool.h"
#include "session.h"
#include "worker.h"

/* Enough to fill the time of one fsync under load; small enough that the
 * first request of a batch does not wait long for the last. */
#define BATCH_MAX 64
/* The work one transaction may hold its replies for before it commits:
 * a slow request (a large list) does not make
 * the writes read after it wait for it as well. */
#define BATCH_BUDGET_US 8000

/* A connection that asked what another request of the same device is
 * already working on (s_resent), answered with it. */
typedef struct s_also {
	zmq_msg_t rid;
	char peer[64];
	int fd;
	struct s_also *next;
} s_also_t;

#define ALSO_MAX 4 /* per request; past it an ask is parked or refused as any other */

typedef struct {
	zmq_msg_t rid;
	proto_frame_t f;
	const proto_def_t *def;
	char uid[128];  /* ZAP's User-Id: "d:<device>" or "k:<key>"; "" when none */
	char peer[64];  /* the connection's IP address */
	int fd;         /* the connection's socket (push.c drops and sweeps by it) */
	proto_err_t e;  /* refused before dispatch, or the dispatch's result */
	bool dispatched;
	srv_ctx_t c;
	json_t *out;
	int group; /* 0: needs no write of its batch; 1: a write or behind one; 2: parked */
	/* its slow work (s_slow): */
	const batch_slow_t *slow; /* the kind of its job, NULL when it has none */
	void *job;                /* its input and results: the request's, but the worker's
	                             from submission until taken back (working && !done) */
	bool working;             /* went to the worker, or to the read pool */
	bool done;                /* and came back */
	/* the read pool: */
	bool pooled; /* its read is the pool's work: identified and submitted by s_pool_send,
	                the pool's while working && !done, answered in its lane's turn */
	bool rerun;  /* the pool gave it back, its handler wanting to write: it runs again
	                here, in its turn, and never goes to the pool again */
	s_also_t *also; /* the same ask from other connections, answered with this one */
	int nalso;
} s_req_t;

static s_req_t s_reqs[BATCH_MAX]; /* the loop's alone: the pool gets held copies */

static void s_send(void *router, zmq_msg_t *rid, proto_kind_t kind, int type, uint64_t id, const json_t *body)
{
	size_t len;
	void *buf;

	proto_shape_assert(kind, type, body);
	buf = proto_encode(kind, type, id, body, &len);
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
	const char *uid, *peer;

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
	peer = zmq_msg_gets(&msg, "Peer-Address");
	snprintf(r->peer, sizeof r->peer, "%s", peer ? peer : "");
	r->fd = zmq_msg_get(&msg, ZMQ_SRCFD);
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

/* Identify r inside the writer's transaction (a session may end or be
 * touched): false, with its error body, when it is refused. */
static bool s_identify(s_req_t *r, store_t *db, const srv_config_t *cfg, int64_t now)
{
	srv_ctx_t *c = &r->c;

	*c = (srv_ctx_t){.db = db, .cfg = cfg, .now = now, .peer = r->peer};
	if (r->job) /* the continuation of its slow work */
		r->slow->resume(c, r->job);
	if (r->e == E_OK)
		r->e = session_identify(c, r->uid);
	if (r->e != E_OK) {
		r->out = proto_error_body(r->e, NULL);
		return false;
	}
	return true;
}

/* Identify and dispatch r inside the batch's transaction. */
static void s_run(s_req_t *r, store_t *db, const srv_config_t *cfg, int64_t now)
{
	if (!s_identify(r, db, cfg, now))
		return;
	r->e = srv_dispatch(&r->c, r->def, r->f.id, r->f.body, &r->out);
	r->dispatched = true;
}

/* One log line for r once its outcome is final (after the commit). What a
 * peer not enrolled is refused, and `busy`, are counted for the minute's
 * summary instead (guard.c): a flood writes no line, or row, of its own. */
static void s_log(const s_req_t *r)
{
	const srv_ctx_t *c = &r->c;
	const char *who = c->user_id ? c->username : r->uid;

	if (r->e == E_RATE_LIMITED)
		return; /* counted when refused */
	if (r->e == E_BUSY) {
		guard_failed("busy", r->peer);
		return;
	}
	if (strncmp(r->uid, "d:", 2) != 0 && r->e != E_OK) {
		guard_failed(r->def && r->def->id == MSG_enroll ? "enroll.fail" : "anon.refused", r->peer);
		return;
	}
	if (!r->dispatched)
		log_warn("request from %s refused: %s", r->uid[0] ? r->uid : "?", proto_err_code(r->e));
	else if (r->e != E_OK && r->e != E_BAD_LOGIN)
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

/* Free r's job, unless it is still the worker's. */
static void s_drop_job(s_req_t *r)
{
	if (r->job && !(r->working && !r->done))
		r->slow->free(r->job);
	r->job = NULL;
}

/* Forget the connections that asked with r (never answered: stopping). */
static void s_also_free(s_req_t *r)
{
	for (s_also_t *a = r->also, *next; a; a = next) {
		next = a->next;
		zmq_msg_close(&a->rid);
		free(a);
	}
	r->also = NULL;
	r->nalso = 0;
}

/* The peer table learns that r's answer went to (rid, fd): an enrolled
 * device's connection gets pushes from now on. */
static void s_seen(const s_req_t *r, zmq_msg_t *rid, int fd)
{
	if (r->dispatched && r->c.device_id)
		push_seen(&(push_peer_t){.rid = zmq_msg_data(rid),
					 .rid_len = zmq_msg_size(rid),
					 .fd = fd,
					 .device = r->c.device_id,
					 .user = r->c.user_id,
					 .path = r->c.unit_path,
					 .deltas = r->def && r->def->id == MSG_hello && r->e == E_OK
					                   ? json_is_true(json_object_get(r->f.body, "deltas"))
					                   : -1},
			  clock_now_ms());
}

/* After the commit: memory follows, the reply goes out (to r's connection
 * and to those that asked the same with it), then the events. */
static void s_answer(void *router, s_req_t *r)
{
	int type = r->def ? (int)r->def->id : r->f.type;
	proto_kind_t kind = r->e == E_OK ? K_REPLY : K_ERROR;

	if (r->c.after_commit)
		r->c.after_commit(&r->c, r->f.body);
	s_send(router, &r->rid, kind, type, r->f.id, r->out);
	s_log(r);
	s_seen(r, &r->rid, r->fd);
	for (s_also_t *a = r->also; a; a = a->next) {
		s_send(router, &a->rid, kind, type, r->f.id, r->out);
		s_seen(r, &a->rid, a->fd);
	}
	s_also_free(r);
	if (r->c.events)
		push_send(router, r->c.events);
	json_decref(r->out);
	json_decref(r->c.events);
	s_drop_job(r);
	proto_frame_clear(&r->f);
	zmq_msg_close(&r->rid);
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
static int s_transaction(void *router, store_t *db, const srv_config_t *cfg, s_req_t *reqs, int from, int n, int g,
                         int64_t now)
{
	int64_t t0 = clock_mono_us();
	/* without the outer transaction each write commits alone, as before */
	bool tx = store_begin(db) == STORE_OK, revalidate = false;
	int i = from;

	for (; i < n && (i == from || clock_mono_us() - t0 < BATCH_BUDGET_US); i++) {
		if (reqs[i].group != g)
			continue;
		/* a read behind its connection's write sees all of it, the
		 * deferred search row too (nothing to run in a read-only group) */
		if (tx && !s_writes(&reqs[i]) && store_flush(db) != 0)
			log_error("deferred statements failed: %s", store_errmsg(db));
		s_run(&reqs[i], db, cfg, now);
	}
	if (tx && store_commit(db) != STORE_OK) {
		log_error("batch of %d requests: commit failed: %s", i - from, store_errmsg(db));
		store_rollback(db);
		for (int k = from; k < i; k++)
			if (reqs[k].group == g)
				s_fail(&reqs[k]);
	}
	for (int k = from; k < i; k++)
		if (reqs[k].group == g) {
			revalidate |= reqs[k].dispatched && reqs[k].c.sessions_changed && reqs[k].e == E_OK;
			s_answer(router, &reqs[k]);
		}
	if (revalidate) /* a session ended, a user or a device lost its right */
		push_revalidate(db, cfg, now);
	return i;
}

/* Answer reqs[0..n) (group 0 first, then group 1; parked ones are not
 * here any more). */
static void s_serve(void *router, store_t *db, const srv_config_t *cfg, int n, int64_t now)
{
	for (int g = 0; g < 2; g++)
		for (int i = 0; i < n;) {
			while (i < n && s_reqs[i].group != g)
				i++;
			if (i < n)
				i = s_transaction(router, db, cfg, s_reqs, i, n, g, now);
		}
}

/* --- requests parked while their slow work is done, or their read ---
 *
 * Slow work runs on the worker thread, never on this loop: today Argon2id
 * (~150 ms, 64 MB a hash): a login's password check, the old password of
 * a passwd and the hash of a new password (passwd, user.add, user.reset).
 * While it runs, its connection's later requests wait behind it in that
 * connection's lane, so they see what it did (a login's session).
 * Everything here is bounded: LANES_MAX requests in the worker's hands at
 * once, at most LANES_PER_DEVICE of them from one device, LANE_MAX
 * requests waiting in a lane. Past a bound a request is answered `busy`
 * at once (not parked, not hashed); a client tries again. A request that
 * would be refused whatever its password (a key not enrolled, a revoked
 * device, a malformed body, a name locked on this device, no live session,
 * a role it lacks) is never hashed: it runs at once and is refused.
 *
 * A read served by the read pool heads a lane the same way: what its
 * connection sends meanwhile waits behind it (up to POOL_LANE_MAX), and is
 * looked at again when its reply has left — a write runs here then, a read
 * may go to the pool in its turn. So a connection has at most one request
 * off the loop at a time, its replies leave in the order it sent them, and
 * a read it sends after a write runs after that write's commit. Reads in
 * the pool's hands are bounded by POOL_LANES_MAX lanes; past it a read
 * simply runs here, as without the pool. */

#define LANES_MAX 64
#define LANES_PER_DEVICE 2
#define LANE_MAX 16
#define POOL_LANES_MAX 256
#define POOL_LANE_MAX BATCH_MAX

/* The kinds of slow work, one per message that has it (batch.h says what
 * each function of an entry does, on which thread). A new kind (a PDF
 * rendered, a document signed, an import) is one more line here; nothing
 * else in this file names a kind. The password work's param: the body
 * field checked against a stored hash, whose hash (`of`: the user the body
 * names, else the session user's), the body field hashed (auth.h). */
#define S_PASSWORD(check, of, hash)                                                                                    \
	&(const auth_pw_work_t){check, of, hash}, auth_pw_due, password_job_run, password_job_free, auth_pw_resume

static const batch_slow_t s_slow[] = {
	{MSG_login, S_PASSWORD("password", "user", NULL)},
	{MSG_passwd, S_PASSWORD("old", NULL, "new")},
	{MSG_user_add, S_PASSWORD(NULL, NULL, "password")},
	{MSG_user_reset, S_PASSWORD(NULL, NULL, "password")},
};

typedef struct {
	s_req_t *q[POOL_LANE_MAX]; /* q[0]: the request off the loop (or about to be) */
	int n;
} s_lane_t;

/* A lane's head may change kind as it moves on (a login behind a pooled
 * read), so each count is checked against the array as well. */
#define S_LANES (LANES_MAX + POOL_LANES_MAX)
static s_lane_t s_lanes[S_LANES];
static int s_nlanes;
static bool s_draining; /* stopping: no read goes to the pool any more */

static bool s_same_peer(s_req_t *a, s_req_t *b)
{
	return zmq_msg_size(&a->rid) == zmq_msg_size(&b->rid) &&
	       memcmp(zmq_msg_data(&a->rid), zmq_msg_data(&b->rid), zmq_msg_size(&a->rid)) == 0;
}

/* r's connection's lane, or NULL. */
static s_lane_t *s_lane_of(s_req_t *r)
{
	for (int k = 0; k < s_nlanes; k++)
		if (s_same_peer(s_lanes[k].q[0], r))
			return &s_lanes[k];
	return NULL;
}

/* Lanes headed by slow work (uid NULL: of any device), or by a read of
 * the pool's (pooled). */
static int s_count_lanes(const char *uid, bool pooled)
{
	int n = 0;
	for (int k = 0; k < s_nlanes; k++)
		n += s_lanes[k].q[0]->pooled == pooled && (!uid || strcmp(s_lanes[k].q[0]->uid, uid) == 0);
	return n;
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
	src->also = NULL;
	src->nalso = 0;
}

/* A copy of r on the heap (r's slot keeps nothing it owned). */
static s_req_t *s_hold(s_req_t *r)
{
	s_req_t *p = malloc(sizeof *p);

	if (p)
		s_move(p, r);
	return p;
}

/* Free a held request that was never answered (stopping). */
static void s_release(s_req_t *p)
{
	s_drop_job(p);
	s_also_free(p);
	json_decref(p->out);
	json_decref(p->c.events);
	proto_frame_clear(&p->f);
	zmq_msg_close(&p->rid);
	free(p);
}

/* r's entry in s_slow, NULL when it has no slow work. */
static const batch_slow_t *s_slow_of(const s_req_t *r)
{
	for (size_t k = 0; r->e == E_OK && k < sizeof s_slow / sizeof s_slow[0]; k++)
		if (r->def->id == s_slow[k].msg)
			return &s_slow[k];
	return NULL;
}

/* Has r slow work, and may it be done now (asked of its kind, only for an
 * enrolled device's well-formed request)? When it may, r holds its job. */
static bool s_slow_due(store_t *db, const srv_config_t *cfg, s_req_t *r, int64_t now)
{
	const batch_slow_t *k = s_slow_of(r);
	const char *bad = NULL;

	assert(!r->job);
	if (!k || strncmp(r->uid, "d:", 2) != 0 || proto_check(r->def, r->f.body, &bad) != E_OK)
		return false;
	r->job = k->due(&(batch_req_t){.def = r->def,
					.body = r->f.body,
					.device = strtoll(r->uid + 2, NULL, 10),
					.now = now},
			db, cfg, k->param);
	r->slow = r->job ? k : NULL;
	return r->job != NULL;
}

/* Hand p's job to the worker (p is where it stays parked: the owner). */
static int s_submit(s_req_t *p)
{
	if (worker_submit(&(worker_job_t){.owner = p, .run = p->slow->run, .arg = p->job, .free = p->slow->free}) !=
	    0)
		return -1;
	p->working = true;
	return 0;
}

/* May r be served by the read pool? A read (no P_WRITE) that is not kept
 * on the loop (P_LOOP), of an enrolled device (strangers' requests stay
 * with the guard), with no slow work, not given back by the pool already,
 * while the pool runs. Where its connection stands is the caller's to
 * check: nothing of it may be waiting to be answered before r. */
static bool s_poolable(const s_req_t *r)
{
	return r->e == E_OK && !(r->def->flags & (P_WRITE | P_LOOP)) && !r->rerun && !r->job &&
	       strncmp(r->uid, "d:", 2) == 0 && readpool_size() > 0 && !s_draining && !s_slow_of(r);
}

/* On a pool thread: r's read, on that thread's connection in a snapshot
 * of its own (readpool.c), the catalog held still meanwhile. A handler
 * that asked to write, or wants the writer's follow-up (after_commit, a
 * session changed), is given back to run again on the loop: nothing it did
 * here is kept. */
static void s_pool_run(void *job, store_t *db)
{
	s_req_t *r = job;

	r->c.db = db;
	catalog_read_lock();
	r->e = srv_dispatch(&r->c, r->def, r->f.id, r->f.body, &r->out);
	catalog_read_unlock();
	r->dispatched = true;
	r->rerun = store_write_refused(db) || r->c.after_commit || r->c.sessions_changed;
	r->c.db = NULL; /* the thread's connection stays with the thread */
}

/* A pooled request came back (on the loop). One given back for the writer
 * forgets what it did there and waits, done, for its lane's turn. */
static void s_pool_back(s_req_t *p)
{
	static bool told[256]; /* a message logged once: its handler should be P_LOOP */

	assert(p->pooled && p->working && !p->done);
	p->done = true;
	if (!p->rerun)
		return;
	if (!told[p->def->id & 255]) {
		told[p->def->id & 255] = true;
		log_warn("%s: its handler writes; run on the loop instead of the read pool (mark it P_LOOP)",
			 p->def->name);
	}
	json_decref(p->out);
	json_decref(p->c.events);
	json_decref(p->c.err_extra);
	p->out = NULL;
	p->c = (srv_ctx_t){0};
	p->e = E_OK;
	p->dispatched = false;
	p->pooled = false; /* an ordinary request of its lane now */
}

/* The request heading a lane with slow work that r asks again: the same
 * device's same request (message, id and body) from another connection,
 * typically resent after its link dropped while the work went on. NULL
 * when there is none, or it has taken ALSO_MAX such asks already. */
static s_req_t *s_resent(const s_req_t *r)
{
	if (r->e != E_OK || !s_slow_of(r) || strncmp(r->uid, "d:", 2) != 0)
		return NULL;
	for (int k = 0; k < s_nlanes; k++) {
		s_req_t *h = s_lanes[k].q[0];
		if (!h->pooled && h->slow && h->nalso < ALSO_MAX && h->def == r->def && h->f.id == r->f.id &&
		    strcmp(h->uid, r->uid) == 0 && json_equal(h->f.body, r->f.body))
			return h;
	}
	return NULL;
}

/* h, which r asks again (s_resent), answers r's connection too: one piece
 * of slow work (one password hashed), one answer each connection, whether
 * the first link is gone or not. r's slot keeps nothing. False when out of
 * memory. */
static bool s_join(s_req_t *h, s_req_t *r)
{
	s_also_t *a = malloc(sizeof *a);

	if (!a)
		return false;
	zmq_msg_init(&a->rid);
	zmq_msg_move(&a->rid, &r->rid);
	memcpy(a->peer, r->peer, sizeof a->peer);
	a->fd = r->fd;
	a->next = h->also;
	h->also = a;
	h->nalso++;
	proto_frame_clear(&r->f);
	r->group = 2;
	return true;
}

/* Park r behind its connection's parked requests, or in a new lane when
 * it has slow work to do or is a read for the pool (first), the first of
 * its connection's in this batch (*first); else leave it to run now (or
 * answer it `busy`). */
static void s_maybe_park(store_t *db, const srv_config_t *cfg, s_req_t *r, bool first, int64_t now)
{
	s_lane_t *lane = s_lane_of(r);
	s_req_t *p;

	if (!lane && (p = s_resent(r)) && s_join(p, r))
		return;
	if (lane) {
		if (lane->n == (lane->q[0]->pooled ? POOL_LANE_MAX : LANE_MAX) || !(p = s_hold(r))) {
			r->e = E_BUSY; /* answered now, out of its turn */
			return;
		}
		lane->q[lane->n++] = p;
		r->group = 2;
		return;
	}
	if (first && s_poolable(r)) {
		if (s_nlanes == S_LANES || s_count_lanes(NULL, true) == POOL_LANES_MAX || !(p = s_hold(r)))
			return; /* runs here */
		p->pooled = true; /* identified and submitted by s_pool_send */
		s_lanes[s_nlanes++] = (s_lane_t){.q = {p}, .n = 1};
		r->group = 2;
		return;
	}
	if (!s_slow_due(db, cfg, r, now))
		return;
	if (s_nlanes == S_LANES || s_count_lanes(NULL, false) == LANES_MAX ||
	    s_count_lanes(r->uid, false) >= LANES_PER_DEVICE) {
		r->e = E_BUSY;
		return;
	}
	if (!(p = s_hold(r)))
		return;
	if (s_submit(p) != 0) { /* the worker is gone: refuse rather than work here */
		s_move(r, p);
		free(p);
		r->e = E_BUSY;
		return;
	}
	s_lanes[s_nlanes++] = (s_lane_t){.q = {p}, .n = 1};
	r->group = 2;
}

/* Identify, in one writer's transaction, every lane head that is a read
 * for the pool not yet submitted, then hand them to the pool. One refused
 * (no session, a revoked device), or that cannot be submitted, is done at
 * once: answered, or run here, in the next s_unpark. */
static void s_pool_send(store_t *db, const srv_config_t *cfg, int64_t now)
{
	s_req_t *todo[S_LANES];
	int n = 0;
	bool tx;

	for (int k = 0; k < s_nlanes; k++) {
		s_req_t *h = s_lanes[k].q[0];
		if (h->pooled && !h->working) {
			if (s_draining) /* it runs here */
				h->pooled = false;
			else
				todo[n++] = h;
		}
	}
	if (!n)
		return;
	tx = store_begin(db) == STORE_OK;
	for (int i = 0; i < n; i++)
		s_identify(todo[i], db, cfg, now);
	if (tx && store_commit(db) != STORE_OK) {
		log_error("identifying %d reads: commit failed: %s", n, store_errmsg(db));
		store_rollback(db);
		for (int i = 0; i < n; i++)
			if (todo[i]->e == E_OK) {
				todo[i]->e = E_INTERNAL;
				todo[i]->out = proto_error_body(E_INTERNAL, NULL);
			}
	}
	for (int i = 0; i < n; i++) {
		s_req_t *h = todo[i];
		h->working = true;
		if (h->e != E_OK)
			h->done = true; /* its error is its answer */
		else if (readpool_submit(h, s_pool_run) != 0) {
			h->done = h->rerun = true; /* no memory: runs here */
			h->pooled = false;
			h->c = (srv_ctx_t){0};
		}
	}
}

/* Take what can go from the lanes: answer each lane's read the pool has
 * done, and move into s_reqs each lane's request whose work is done and
 * what followed it, up to the next request with slow work, or the next
 * read for the pool when nothing of its lane went into s_reqs before it.
 * That one is looked at once it heads its lane, after what came before it
 * was answered (a passwd behind a login needs its session): its work is
 * submitted then (s_pool_send for a read), or it is taken to be refused.
 * *answered counts the reads answered here. */
static int s_unpark(void *router, store_t *db, const srv_config_t *cfg, int64_t now, int *answered)
{
	int n = 0;

	*answered = 0;
	for (int k = 0; k < s_nlanes && n < BATCH_MAX; k++) {
		s_lane_t *l = &s_lanes[k];
		int took = 0, moved = 0;
		while (took < l->n && n < BATCH_MAX) {
			s_req_t *h = l->q[took];
			if (h->working && !h->done)
				break; /* still with the worker or the pool */
			if (h->pooled && !h->working)
				break; /* a read for the pool at its lane's head: s_pool_send's */
			if (h->pooled) { /* the pool's read, done: answered in its turn */
				s_answer(router, h);
				free(h);
				took++;
				++*answered;
				continue;
			}
			if (!h->working && !moved && s_poolable(h)) {
				h->pooled = true; /* heads its lane now: s_pool_send submits it */
				break;
			}
			if (!h->working && s_slow_of(h) &&
			    (took > 0 || (s_slow_due(db, cfg, h, now) && s_submit(h) == 0)))
				break; /* looked at when it heads the lane, or with the worker now */
			s_move(&s_reqs[n++], h);
			free(h);
			took++;
			moved++;
		}
		memmove(l->q, l->q + took, (size_t)(l->n - took) * sizeof l->q[0]);
		l->n -= took;
	}
	for (int k = 0, w = 0; k <= s_nlanes; k++) /* drop the empty lanes */
		if (k == s_nlanes)
			s_nlanes = w;
		else if (s_lanes[k].n)
			s_lanes[w++] = s_lanes[k];
	return n;
}

/* Until no lane can give more: send the pool its new reads, answer what
 * came back, serve on the loop what the lanes let go. A pass may leave at
 * a lane's head a request that is looked at in the next one. */
static int s_progress(void *router, store_t *db, const srv_config_t *cfg)
{
	int n, answered, total = 0;

	do {
		int64_t now = clock_now();
		s_pool_send(db, cfg, now);
		n = s_unpark(router, db, cfg, now, &answered);
		for (int i = 0; i < n; i++)
			s_reqs[i].group = s_after_writes(s_reqs, i);
		s_serve(router, db, cfg, n, now);
		total += n + answered;
	} while (n > 0 || answered > 0);
	return total;
}

int batch_start(void)
{
	return worker_start();
}

int batch_fd(void)
{
	return worker_fd();
}

int batch_resume(void *router, store_t *db, const srv_config_t *cfg)
{
	worker_job_t j;
	s_req_t *p;

	while (worker_take(&j)) { /* the job is its request's again */
		p = j.owner;
		assert(p->working && !p->done && p->job == j.arg);
		p->done = true;
	}
	while ((p = readpool_take()))
		s_pool_back(p);
	return s_progress(router, db, cfg);
}

int batch_drain(void *router, store_t *db, const srv_config_t *cfg)
{
	int total = 0;

	s_draining = true;
	total += s_progress(router, db, cfg); /* reads not yet submitted run here */
	while (readpool_pending() > 0) {
		zmq_pollitem_t it = {NULL, readpool_fd(), ZMQ_POLLIN, 0};
		if (zmq_poll(&it, 1, 1000) < 0 && errno != EINTR)
			break;
		total += batch_resume(router, db, cfg);
	}
	return total;
}

void batch_stop(void)
{
	readpool_stop(NULL); /* runs what it was given; the lanes still hold those */
	worker_stop();       /* frees the jobs it still held */
	for (int k = 0; k < s_nlanes; k++)
		for (int i = 0; i < s_lanes[k].n; i++)
			s_release(s_lanes[k].q[i]);
	s_nlanes = 0;
}

int batch_serve(void *router, store_t *db, const srv_config_t *cfg)
{
	int n = 0;
	int64_t now_ms = clock_now_ms(), now = now_ms / 1000;

	while (n < BATCH_MAX && s_read(router, &s_reqs[n], n ? ZMQ_DONTWAIT : 0) == 0) {
		s_req_t *r = &s_reqs[n++];
		/* a key not enrolled spends tokens before any database work */
		if (r->e == E_OK && strncmp(r->uid, "d:", 2) != 0 && !guard_admit(cfg, r->uid, r->peer, now_ms))
			r->e = E_RATE_LIMITED;
	}
	/* slow work is done off the thread: its request and what its
	 * connection sends after it wait, the rest goes on; so does a read
	 * for the pool that is the first of its connection's here */
	for (int i = 0; i < n; i++) {
		bool first = true;
		for (int j = 0; j < i && first; j++)
			first = s_reqs[j].group == 2 || !s_same_peer(&s_reqs[j], &s_reqs[i]);
		s_maybe_park(db, cfg, &s_reqs[i], first, now);
	}
	/* the pool starts on its reads while this thread does the rest */
	s_pool_send(db, cfg, now);
	/* group 0, the reads that need no write of this batch, go first and
	 * see committed data only (a write not yet acknowledged is
	 * concurrent with them); group 1, the writes and the reads behind
	 * them, in arrival order. A read-only transaction's commit costs no
	 * fsync; it holds one read lock for all its requests. */
	for (int i = 0; i < n; i++)
		if (s_reqs[i].group != 2)
			s_reqs[i].group = s_after_writes(s_reqs, i);
	s_serve(router, db, cfg, n, now);
	/* reads refused before the pool had them are answered in their turn */
	return n + s_progress(router, db, cfg);
}
