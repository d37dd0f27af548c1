/* serve.c — `congvud serve DIR`: the event loop. One thread polls the
 * ROUTER socket (CURVE server) and the ZAP socket; the requests waiting
 * are answered as one batch (batch.c), every write on this thread's one
 * writing connection; reads may be served by the read pool's threads on
 * read-only connections of their own (readpool.h, `read_threads`), whose
 * replies come back here; between batches the server fires its timers and
 * makes its recurring tasks. SIGTERM/SIGINT end the loop after the batch
 * in flight and the reads the pool holds; replies are flushed and the
 * database closed cleanly. */
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

#include "batch.h"
#include "catalog.h"
#include "clock.h"
#include "conns.h"
#include "dossier.h"
#include "figures_timer.h" /* figures */
#include "guard.h"
#include "keys.h"
#include "log.h"
#include "notice.h" /* desk: notices to citizens */
#include "notify.h"
#include "push.h"
#include "readpool.h"
#include "server.h"
#include "figures.h" /* figures */
#include "store/device.h"
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
static void s_do_reload(store_t *db, const srv_config_t *cfg)
{
	srv_ctx_t c = {.db = db, .cfg = cfg, .now = clock_now(), .principal = "console", .console = true};
	json_t *out = NULL, *body = json_object();
	proto_err_t e;

	notify_state("RELOADING=1");
	e = srv_dispatch(&c, proto_def(MSG_forms_reload), 0, body, &out);
	notify_state("READY=1");
	if (e != E_OK)
		log_warn("SIGHUP: %s", json_string_value(json_object_get(out, "detail")));
	json_decref(body);
	json_decref(out);
	json_decref(c.events);
}

/* When the server next has work of its own: the earliest pending timer,
 * recurring generation, remembered reply past its week or summary of
 * failures from peers not enrolled (0: none). */
static int64_t s_next_work(store_t *db)
{
	int64_t when[] = {wf_timers_next(db), task_recur_next(db), srv_replies_next_prune(db), guard_next_flush(),
			  /* figures */ figures_timers_next(db),
			  /* desk: notices to citizens */ notice_next(db)},
		next = 0;
	for (size_t i = 0; i < sizeof when / sizeof when[0]; i++)
		if (when[i] && (!next || when[i] < next))
			next = when[i];
	return next;
}

/* Fire up to max of the timers due, of every registered kind of work. */
static int s_fire(srv_ctx_t *c, int max)
{
	return wf_timers_fire(c, wf_kinds(), max);
}

/* Forget up to max replies past their week; one log line when a pass is
 * done, not one per slice. */
static int s_prune(srv_ctx_t *c, int max)
{
	static long pass;
	int n = srv_replies_prune(c, max);

	if (n >= 0 && (pass += n) > 0 && n < max) {
		log_info("remembered replies older than a week pruned: %ld", pass);
		pass = 0;
	}
	return n;
}

static int s_recur(srv_ctx_t *c, int max)
{
	(void)max; /* a period's generation is one piece */
	return task_recur_run(c);
}

static int s_summarise(srv_ctx_t *c, int max)
{
	(void)max;
	return guard_flush(c, false);
}

/* The summary of refusals counted and not yet written, when stopping. */
static void s_summarise_last(store_t *db, const srv_config_t *cfg)
{
	srv_ctx_t c = {.db = db, .cfg = cfg, .now = clock_now(), .principal = "console", .console = true};

	if (!guard_next_flush() || store_begin(db) != STORE_OK)
		return;
	if (guard_flush(&c, true) < 0 || c.audit_failed || store_commit(db) != STORE_OK)
		store_rollback(db);
}

/* A slice of the server's own work, its commit included, aims at this:
 * a request arriving meanwhile waits at most about that long. A job that
 * has more (a backlog: the timers of a year generated, a week of replies
 * after an upgrade) drains it over many loop turns, requests served
 * between. Each job's slice (how many it does) adapts: halved when a
 * slice took longer, grown by half when a full one took less than half. */
#define SLICE_US 4000

/* The next size of a job's slice of size max, which did n in us. */
static int s_slice_next(int max, int n, int64_t us, int lo, int hi)
{
	if (us > SLICE_US)
		max /= 2;
	else if (n >= max && us < SLICE_US / 2)
		max += max / 2 + 1;
	return max < lo ? lo : max > hi ? hi : max;
}

/* The server's own work, each kind in its own transaction as the console
 * (a failure of one leaves the others done): fire the timers that are due,
 * generate the recurring tasks of the period, forget replies past their
 * week; then push what they made. Each does a slice (above). False when a
 * job failed. */
static bool s_system_work(void *router, store_t *db, const srv_config_t *cfg)
{
	static struct {
		const char *what;
		int (*run)(srv_ctx_t *c, int max);
		bool logs_itself;
		int lo, hi, max; /* the slice's bounds and its size now */
	} jobs[] = {{"timers fired", s_fire, false, 4, 256, 64},
		    {"recurring tasks generated", s_recur, false, 1, 1, 1},
		    {"pruning remembered replies", s_prune, true, 16, 2000, 500},
		    {"failures of peers not enrolled summarised", s_summarise, true, 1, 1, 1},
		    /* figures */
		    {"figures: reminders of the reporting periods set", figures_timers_run, false, 1, 1, 1},
		    /* desk: notices to citizens */
		    {"notices to citizens handed to the gateway or recorded", notice_run, false, 1, 8, 8}};
	bool ok = true;

	for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
		srv_ctx_t c = {.db = db, .cfg = cfg, .now = clock_now(), .principal = "console", .console = true};
		int64_t t0 = clock_mono_us();
		int n;
		if (store_begin(db) != STORE_OK)
			return false;
		n = jobs[i].run(&c, jobs[i].max);
		if (n < 0 || c.audit_failed || store_commit(db) != STORE_OK) {
			log_error("%s: failed: %s", jobs[i].what, store_errmsg(db));
			store_rollback(db);
			ok = false;
		} else {
			if (n > 0 && !jobs[i].logs_itself)
				log_info("%s: %d", jobs[i].what, n);
			if (c.events)
				push_send(router, c.events);
		}
		json_decref(c.events);
		if (n > 0)
			jobs[i].max = s_slice_next(jobs[i].max, n, clock_mono_us() - t0, jobs[i].lo, jobs[i].hi);
	}
	return ok;
}

/* Poll timeout in ms: until the server's own work is next due, a second
 * at most (signals and requests wake the poll anyway); work due now is
 * done first, a slice per loop turn. */
static long s_timeout(void *router, store_t *db, const srv_config_t *cfg)
{
	int64_t now_ms = clock_now_ms(), next = s_next_work(db);

	if (next && next * 1000 <= now_ms) {
		bool ok = s_system_work(router, db, cfg);
		next = s_next_work(db);
		if (next && next * 1000 <= now_ms) /* a backlog: the next slice soon, after any request; */
			return ok ? 2 : 1000;      /* an error: not in a tight loop */
	}
	return !next || next * 1000 - now_ms > 1000 ? 1000 : (long)(next * 1000 - now_ms);
}

/* Another process (the console: `congvud admin DIR ...`) committed to the
 * database since the last look: follow what it changed that this process
 * keeps in memory — the calendar and forms, and who may receive pushes (a
 * user disabled, a device revoked there). Cheap when nothing changed: one
 * PRAGMA, which only counts other connections' commits. */
static void s_follow_outside(store_t *db, const srv_config_t *cfg)
{
	static int64_t seen = -1;
	int64_t v = store_data_version(db);

	if (v == seen)
		return;
	if (seen >= 0) {
		catalog_follow(db);
		push_revalidate(db, cfg, clock_now());
	}
	seen = v;
}

/* Every few seconds: forget peers and connections that closed without
 * telling (their entries would otherwise stay for ever). */
static void s_sweep(void)
{
	static int64_t last;
	int64_t now = clock_now_ms();
	int gone;

	if (now - last < 5000 && now >= last)
		return;
	last = now;
	gone = push_sweep() + conns_sweep();
	if (gone)
		log_info("closed connections forgotten: %d; now %zu peers, %d connections", gone, push_count(),
			 conns_count());
}

/* Below this many cores the default is no pool: on 2 cores the loop, ZeroMQ's
 * I/O thread and the pool's threads only take turns, and each read cost 70 %
 * more CPU than on the loop alone (docs/BENCHMARKS.md, "Reads off the
 * writer's thread"). */
#define POOL_MIN_CORES 4

/* The read pool: read_threads threads (-1: one per core from POOL_MIN_CORES
 * cores, none below; 0: none), each with a read-only connection of its own.
 * 0, or -1 logged. */
static int s_pool_start(const char *dir, const srv_config_t *cfg)
{
	char path[4096], err[512] = "";
	long n = cfg->read_threads;

	if (n < 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		n = cores >= POOL_MIN_CORES ? cores : 0;
		if (!n)
			log_info("read pool off: %ld cores (read_threads -1 starts one from %d)", cores, POOL_MIN_CORES);
	}
	if (n <= 0)
		return 0;
	server_path(path, sizeof path, dir, "congvu.db");
	if (readpool_start(path, (int)n, err, sizeof err) != 0) {
		log_error("cannot start the read pool: %s", err);
		return -1;
	}
	log_info("read pool: %d threads", readpool_size());
	return 0;
}

/* Exclusive lock on DIR/congvud.lock for the daemon's lifetime (server.h). */
int server_lock(const char *dir)
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
	int one = 1, ivl = 5000, ttl = 30000, tmo = 15000, linger = 1000, hs = cfg->handshake_seconds * 1000;
	int64_t max = PROTO_MAX_FRAME;

	/* a connection that has not finished its CURVE handshake by then is
	 * closed (a listener copies the options it is bound with) */
	zmq_setsockopt(r, ZMQ_HANDSHAKE_IVL, &hs, sizeof hs);
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
	store_t *db = NULL;
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
	if ((lock = server_lock(dir)) < 0) {
		fprintf(stderr, "congvud: %s đang được một tiến trình congvud khác sử dụng (hoặc không mở được)\n", dir);
		return EX_TEMPFAIL;
	}
	if ((rc = server_open(dir, &cfg, &db)) != 0)
		goto out;
	figures_check_reporters(db, figures_set(), clock_now()); /* figures: a warning in the log */
	server_path(keypath, sizeof keypath, dir, "server.key");
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
	store_endpoint_set(db, endpoint);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("congvud %s serving %s on %s (schema %d, key %s)", CONGVU_VERSION, dir, endpoint, store_schema_version(),
		 kp.pub);
	printf("%s\n", endpoint);
	fflush(stdout);
	if (batch_start() != 0 || conns_start(ctx, router, &cfg) != 0) {
		/* this loop never hashes a password, nor serves without its caps */
		log_error("cannot start the password worker or the connection monitor");
		goto out;
	}
	if (s_pool_start(dir, &cfg) != 0)
		goto out;
	if (notice_start(&cfg) != 0) { /* desk: notices to citizens */
		log_error("cannot start the notice thread");
		goto out;
	}
	{
		char err[256];
		if (store_checkpointer_start(db, err, sizeof err) != 0) {
			log_error("%s", err);
			goto out;
		}
	}
	push_set_idle(cfg.session_idle_seconds);
	notify_state("READY=1");
	while (!s_stop) {
		zmq_pollitem_t items[] = {{conns_socket(), 0, ZMQ_POLLIN, 0},
					  {zap, 0, ZMQ_POLLIN, 0},
					  {router, 0, ZMQ_POLLIN, 0},
					  {NULL, batch_fd(), ZMQ_POLLIN, 0},
					  {NULL, readpool_fd(), ZMQ_POLLIN, 0},
					  /* desk: a notice's try ended (its record is the server's own work) */
					  {NULL, notice_fd(), ZMQ_POLLIN, 0}};
		int nitems = 4;
		if (s_reload) {
			s_reload = 0;
			s_do_reload(db, &cfg);
		}
		if (readpool_fd() >= 0)
			items[nitems++] = items[4];
		if (notice_fd() >= 0)
			items[nitems++] = items[5];
		if (zmq_poll(items, nitems, s_timeout(router, db, &cfg)) < 0) {
			if (errno == EINTR)
				continue;
			log_error("poll: %s", zmq_strerror(errno));
			break;
		}
		/* connections opened and closed first, so a request is never
		 * taken for one of a closed connection that had its descriptor */
		if (items[0].revents & ZMQ_POLLIN)
			conns_handle();
		if (items[1].revents & ZMQ_POLLIN)
			zap_handle(zap, db);
		s_follow_outside(db, &cfg);
		s_sweep();
		if (items[2].revents & ZMQ_POLLIN)
			batch_serve(router, db, &cfg);
		if ((items[3].revents | (readpool_fd() >= 0 ? items[4].revents : 0)) & ZMQ_POLLIN)
			batch_resume(router, db, &cfg); /* logins whose password is checked, reads done */
	}
	log_info("stopping: closing sockets and database");
	notify_state("STOPPING=1");
	batch_drain(router, db, &cfg); /* the reads the pool was given are answered */
	s_summarise_last(db, &cfg);
	rc = EX_OK;
out:
	notice_stop();
	batch_stop();
	conns_stop();
	push_reset();
	catalog_free();
	if (router)
		zmq_close(router);
	if (zap)
		zmq_close(zap);
	if (ctx)
		zmq_ctx_term(ctx);
	store_checkpointer_stop();
	if (db)
		store_checkpoint(db);
	store_close(&db);
	if (lock >= 0)
		close(lock);
	if (rc == EX_OK)
		log_info("stopped cleanly");
	return rc;
}
