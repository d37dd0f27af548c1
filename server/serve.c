/* serve.c — `congvud serve DIR`: the event loop. One thread polls the
 * ROUTER socket (CURVE server) and the ZAP socket; each request is decoded,
 * identified, dispatched and answered before the next, so the database is
 * never touched concurrently. SIGTERM/SIGINT end the loop after the request
 * in flight; replies are flushed and the database closed cleanly. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "catalog.h"
#include "db.h"
#include "dossier.h"
#include "keys.h"
#include "log.h"
#include "push.h"
#include "server.h"
#include "session.h"
#include "task.h"
#include "zap.h"

static volatile sig_atomic_t s_stop, s_reload;

static void s_on_signal(int sig)
{
	if (sig == SIGHUP)
		s_reload = 1;
	else
		s_stop = 1;
}

/* SIGHUP: reload forms/ as the admin command does; keep the old set on error. */
static void s_do_reload(sqlite3 *db, const srv_config_t *cfg)
{
	srv_ctx_t c = {.db = db, .cfg = cfg, .now = time(NULL), .principal = "console", .console = true};
	json_t *out = NULL, *body = json_object();
	proto_err_t e = srv_dispatch(&c, proto_def(MSG_forms_reload), 0, body, &out);
	if (e != E_OK)
		log_warn("SIGHUP: %s", json_string_value(json_object_get(out, "detail")));
	json_decref(body);
	json_decref(out);
	json_decref(c.events);
}

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

/* Read one message from the ROUTER and answer it. */
static void s_handle(void *router, sqlite3 *db, const srv_config_t *cfg)
{
	zmq_msg_t rid, msg;
	int more = 0, extra = 0;
	size_t ms = sizeof more;
	proto_frame_t f = {0};
	proto_err_t e;
	const proto_def_t *def = NULL;
	const char *uid;
	srv_ctx_t c = {.db = db, .cfg = cfg, .now = time(NULL)};
	json_t *out = NULL;

	zmq_msg_init(&rid);
	zmq_msg_init(&msg);
	if (zmq_msg_recv(&rid, router, 0) < 0)
		goto done;
	if (zmq_msg_recv(&msg, router, 0) < 0)
		goto done;
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
	e = extra ? E_MALFORMED : proto_decode(zmq_msg_data(&msg), zmq_msg_size(&msg), &f);
	if (e == E_OK && f.kind != K_REQUEST)
		e = E_MALFORMED;
	if (e == E_OK && !(def = proto_def(f.type)))
		e = E_UNKNOWN_MSG;
	if (e == E_OK && !uid)
		e = E_NOT_ENROLLED;
	if (e == E_OK)
		e = session_identify(&c, uid);
	if (e != E_OK) {
		log_warn("request from %s refused: %s", uid ? uid : "?", proto_err_code(e));
		out = proto_error_body(e, NULL);
		s_send(router, &rid, K_ERROR, def ? (int)def->id : f.type, f.id, out);
		goto done;
	}
	e = srv_dispatch(&c, def, f.id, f.body, &out);
	if (e != E_OK && e != E_BAD_LOGIN)
		log_info("%s %s by %s: %s%s%s", def->name, e == E_OK ? "ok" : "failed", c.user_id ? c.username : uid,
			 proto_err_code(e), c.bad_field ? " field " : "", c.bad_field ? c.bad_field : "");
	else if (def->flags & P_WRITE)
		log_info("%s %s by %s", def->name, e == E_OK ? "ok" : proto_err_code(e), c.user_id ? c.username : uid);
	s_send(router, &rid, e == E_OK ? K_REPLY : K_ERROR, def->id, f.id, out);
	push_seen(zmq_msg_data(&rid), zmq_msg_size(&rid), c.device_id, c.user_id, c.unit_path);
	if (c.events)
		push_send(router, c.events);
done:
	json_decref(out);
	json_decref(c.events);
	proto_frame_clear(&f);
	zmq_msg_close(&rid);
	zmq_msg_close(&msg);
}

/* The kinds of work whose timers the loop fires. */
static const wf_kind_t *const s_kinds[] = {&dossier_kind, &task_kind, NULL};

/* When the server next has work of its own: the earliest pending timer
 * or recurring generation (0: none). */
static int64_t s_next_work(sqlite3 *db)
{
	int64_t t = wf_timers_next(db), r = task_recur_next(db);
	return !t ? r : !r ? t : t < r ? t : r;
}

static int s_fire(srv_ctx_t *c)
{
	return wf_timers_fire(c, s_kinds, 64);
}

/* The server's own work, each kind in its own transaction as the console
 * (a failure of one leaves the other done): fire the timers that are due,
 * generate the recurring tasks of the period; then push what they made. */
static void s_system_work(void *router, sqlite3 *db, const srv_config_t *cfg)
{
	static const struct {
		const char *what;
		int (*run)(srv_ctx_t *c);
	} jobs[] = {{"timers fired", s_fire}, {"recurring tasks generated", task_recur_run}};

	for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
		srv_ctx_t c = {.db = db, .cfg = cfg, .now = time(NULL), .principal = "console", .console = true};
		int n;
		if (db_begin(db) != SQLITE_OK)
			return;
		n = jobs[i].run(&c);
		if (n < 0 || db_commit(db) != SQLITE_OK) {
			log_error("%s: failed: %s", jobs[i].what, sqlite3_errmsg(db));
			db_rollback(db);
		} else {
			if (n > 0)
				log_info("%s: %d", jobs[i].what, n);
			if (c.events)
				push_send(router, c.events);
		}
		json_decref(c.events);
	}
}

/* Poll timeout in ms: until the server's own work is next due, a second
 * at most (signals and requests wake the poll anyway); work due now is
 * done first. */
static long s_timeout(void *router, sqlite3 *db, const srv_config_t *cfg)
{
	struct timespec ts;
	int64_t now_ms, next = s_next_work(db);

	clock_gettime(CLOCK_REALTIME, &ts);
	now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (next && next * 1000 <= now_ms) {
		s_system_work(router, db, cfg);
		next = s_next_work(db);
		if (next && next * 1000 <= now_ms)
			return 1000; /* still due (an error above): not in a tight loop */
	}
	return !next || next * 1000 - now_ms > 1000 ? 1000 : (long)(next * 1000 - now_ms);
}

/* Exclusive lock on DIR/congvud.lock for the daemon's lifetime. */
static int s_lock(const char *dir)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof path, "%s/congvud.lock", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void *s_router(void *ctx, const srv_config_t *cfg, const keypair_t *kp, const char *endpoint)
{
	void *r = zmq_socket(ctx, ZMQ_ROUTER);
	int one = 1, ivl = 5000, ttl = 30000, tmo = 15000, linger = 1000;
	int64_t max = PROTO_MAX_FRAME;

	(void)cfg;
	zmq_setsockopt(r, ZMQ_CURVE_SERVER, &one, sizeof one);
	zmq_setsockopt(r, ZMQ_CURVE_SECRETKEY, kp->sec, KEY_Z85_LEN);
	zmq_setsockopt(r, ZMQ_ZAP_DOMAIN, "congvu", 6);
	zmq_setsockopt(r, ZMQ_MAXMSGSIZE, &max, sizeof max);
	zmq_setsockopt(r, ZMQ_ROUTER_MANDATORY, &one, sizeof one);
	zmq_setsockopt(r, ZMQ_HEARTBEAT_IVL, &ivl, sizeof ivl);
	zmq_setsockopt(r, ZMQ_HEARTBEAT_TTL, &ttl, sizeof ttl);
	zmq_setsockopt(r, ZMQ_HEARTBEAT_TIMEOUT, &tmo, sizeof tmo);
	zmq_setsockopt(r, ZMQ_LINGER, &linger, sizeof linger);
	if (zmq_bind(r, endpoint) != 0) {
		fprintf(stderr, "congvud: không lắng nghe được %s: %s\n", endpoint, zmq_strerror(errno));
		zmq_close(r);
		return NULL;
	}
	return r;
}

int server_serve(int argc, char **argv)
{
	srv_config_t cfg;
	sqlite3 *db = NULL;
	keypair_t kp;
	char keypath[4096], endpoint[256];
	size_t elen = sizeof endpoint;
	void *ctx = NULL, *zap = NULL, *router = NULL;
	int lock = -1, rc;
	struct sigaction sa = {.sa_handler = s_on_signal};
	const char *dir = argc > 1 ? argv[1] : NULL, *listen = NULL;

	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen = argv[++i];
		else {
			fprintf(stderr, "congvud serve: đối số không hợp lệ: %s\n", argv[i]);
			return EX_USAGE;
		}
	if (!dir) {
		fprintf(stderr, "Cách dùng: congvud serve DIR [--listen tcp://HOST:PORT]\n");
		return EX_USAGE;
	}
	if ((lock = s_lock(dir)) < 0) {
		fprintf(stderr, "congvud: %s đang được một tiến trình congvud khác sử dụng (hoặc không mở được)\n", dir);
		return EX_TEMPFAIL;
	}
	if ((rc = server_open(dir, &cfg, &db)) != 0)
		goto out;
	snprintf(keypath, sizeof keypath, "%s/server.key", dir);
	keys_load(&kp, keypath); /* checked by server_open */
	rc = EX_UNAVAILABLE;
	ctx = zmq_ctx_new();
	zap = zmq_socket(ctx, ZMQ_REP);
	if (zmq_bind(zap, ZAP_ENDPOINT) != 0)
		goto out;
	if (!(router = s_router(ctx, &cfg, &kp, listen ? listen : cfg.listen)))
		goto out;
	zmq_getsockopt(router, ZMQ_LAST_ENDPOINT, endpoint, &elen);
	/* the endpoint invites carry unless config says otherwise */
	db_exec(db, "INSERT OR REPLACE INTO meta(key, value) VALUES('endpoint', ?)", "s", endpoint);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("congvud %s serving %s on %s (schema %d, key %s)", CONGVU_VERSION, dir, endpoint, db_schema_version(),
		 kp.pub);
	printf("%s\n", endpoint);
	fflush(stdout);
	while (!s_stop) {
		zmq_pollitem_t items[] = {{zap, 0, ZMQ_POLLIN, 0}, {router, 0, ZMQ_POLLIN, 0}};
		if (s_reload) {
			s_reload = 0;
			s_do_reload(db, &cfg);
		}
		if (zmq_poll(items, 2, s_timeout(router, db, &cfg)) < 0) {
			if (errno == EINTR)
				continue;
			log_error("poll: %s", zmq_strerror(errno));
			break;
		}
		if (items[0].revents & ZMQ_POLLIN)
			zap_handle(zap, db);
		if (items[1].revents & ZMQ_POLLIN)
			s_handle(router, db, &cfg);
	}
	log_info("stopping: closing sockets and database");
	rc = EX_OK;
out:
	push_reset();
	catalog_free();
	if (router)
		zmq_close(router);
	if (zap)
		zmq_close(zap);
	if (ctx)
		zmq_ctx_term(ctx);
	if (db)
		sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	db_close(&db);
	if (lock >= 0)
		close(lock);
	if (rc == EX_OK)
		log_info("stopped cleanly");
	return rc;
}
