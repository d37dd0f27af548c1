/* abuse.c — congvu-abuse: what strangers cost congvud and the officials
 * using it. Two phases, each against a daemon bench/abuse has just started
 * on loopback:
 *
 * congvu-abuse flood ENDPOINT SERVER_KEY_FILE DATA_DIR PID DEVICE_KEY
 *   one enrolled, logged-in official (DEVICE_KEY) reads at a steady pace,
 *   first alone (the ceiling of this run), then while ABUSE_KEYS keys that
 *   were never enrolled send `enroll` with bad tokens and `login`, as fast
 *   as they are answered; the official's latencies, the flood's rate and
 *   answers, the daemon's CPU, database, audit rows, log, memory and fds.
 * congvu-abuse churn ENDPOINT SERVER_KEY_FILE DATA_DIR PID
 *   CHURN connections, each: connect, hello, its answer, close, CHURN_PAR
 *   at a time; the daemon's RSS and open fds idle, after a warm-up, at the
 *   peak and once the churn has settled.
 *
 * Settings come from the environment (--help lists them). Exit 0 whatever
 * was measured; non-zero only when the tool could not measure. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>
#include <zmq.h>

#include "conn.h"
#include "proc.h"
#include "stats.h"

#define TARGET_P99_MS 50.0    /* the official's p99 while the flood runs (issue 10) */
#define TARGET_RSS_RATIO 1.10 /* RSS after the churn, against idle (issue 10) */
#define OFFICIAL_TIMEOUT_MS 5000
#define CHURN_TIMEOUT_MS 5000
#define STALL_US 1000000 /* a flooding key unanswered this long sends again anyway */

typedef enum {
	O_KEYS,
	O_SECONDS,
	O_BASE,
	O_RATE,
	O_THREADS,
	O_WINDOW,
	O_LOGINS,
	O_CHURN,
	O_CHURN_PAR,
	O_CHURN_SECONDS,
	O_CHURN_KEYS,
	O_WARMUP,
	O_SETTLE,
	O__COUNT
} opt_t;

/* The settings, one table for parsing and --help. */
static struct {
	const char *env;
	double value;
	const char *help;
} s_opt[O__COUNT] = {
    [O_KEYS] = {"ABUSE_KEYS", 1000, "unknown keys flooding, one DEALER each"},
    [O_SECONDS] = {"ABUSE_SECONDS", 20, "how long the flood lasts, s"},
    [O_BASE] = {"ABUSE_BASE_SECONDS", 10, "the official alone before it, s"},
    [O_RATE] = {"ABUSE_RATE", 50, "the official's requests a second (paced, one at a time)"},
    [O_THREADS] = {"ABUSE_THREADS", 4, "threads sharing the flooding keys"},
    [O_WINDOW] = {"ABUSE_WINDOW", 2, "requests in flight per flooding key"},
    [O_LOGINS] = {"ABUSE_LOGINS", 0.5, "share of the flood that is logins (the rest: enrolls)"},
    [O_CHURN] = {"CHURN", 100000, "connections churned"},
    [O_CHURN_PAR] = {"CHURN_PAR", 8, "connections churned at a time"},
    [O_CHURN_SECONDS] = {"CHURN_SECONDS", 180, "bound on the churn's time, s"},
    [O_CHURN_KEYS] = {"CHURN_KEYS", 0, "keys the churn reuses in turn; 0: a fresh key every connection"},
    [O_WARMUP] = {"CHURN_WARMUP", 1000, "connections before the warm sample (not counted)"},
    [O_SETTLE] = {"CHURN_SETTLE", 5, "wait after the churn before sampling, s"},
};

#define OPT(o) (s_opt[o].value)

static void s_usage(FILE *to)
{
	fprintf(to, "usage: congvu-abuse flood ENDPOINT SERVER_KEY_FILE DATA_DIR DAEMON_PID DEVICE_KEY\n"
	            "       congvu-abuse churn ENDPOINT SERVER_KEY_FILE DATA_DIR DAEMON_PID\n"
	            "(bench/abuse starts the daemon and enrols the official; run that)\n"
	            "settings, from the environment:\n");
	for (int o = 0; o < O__COUNT; o++)
		fprintf(to, "  %-19s %-7g %s\n", s_opt[o].env, s_opt[o].value, s_opt[o].help);
	fprintf(to, "  %-19s %-7s %s\n", "ABUSE_LOG", "", "the daemon's log file, to report its growth");
}

/* What the run knows of the daemon. */
typedef struct {
	const char *endpoint, *data;
	char server_pub[KEY_Z85_LEN + 1];
	long pid;
	void *ctx;
} target_t;

/* --- the daemon, from outside --- */

typedef struct {
	double cpu; /* s */
	long rss_kb, hwm_kb, fds;
	long long db_b, wal_b, log_b; /* file sizes */
	long long audit, replies;     /* rows, -1 unknown */
} sample_t;

static long long s_size(const char *dir, const char *name)
{
	char path[4096];
	struct stat sb;

	if (!name)
		return -1;
	snprintf(path, sizeof path, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* Rows of table in the daemon's database, read beside it (WAL lets a
 * reader in while it writes); -1 when it cannot be read. */
static long long s_rows(const char *data, const char *table)
{
	char path[4096], sql[128];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n = -1;

	snprintf(path, sizeof path, "%s/congvu.db", data);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_busy_timeout(db, 2000) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static sample_t s_sample(const target_t *t, bool with_db)
{
	sample_t s = {.cpu = proc_cpu(t->pid),
	              .rss_kb = proc_status_kb(t->pid, "VmRSS"),
	              .hwm_kb = proc_status_kb(t->pid, "VmHWM"),
	              .fds = proc_fds(t->pid),
	              .db_b = s_size(t->data, "congvu.db"),
	              .wal_b = s_size(t->data, "congvu.db-wal"),
	              .log_b = s_size(NULL, getenv("ABUSE_LOG")),
	              .audit = with_db ? s_rows(t->data, "audit") : -1,
	              .replies = with_db ? s_rows(t->data, "replies") : -1};
	return s;
}

static bool s_alive(const target_t *t)
{
	return proc_cpu(t->pid) >= 0;
}

static void s_row(const char *what, long long before, long long after, const char *unit)
{
	if (before < 0 && after < 0)
		return;
	if (after < 0) {
		printf("  %-26s %12lld %12s\n", what, before, "(gone)");
		return;
	}
	printf("  %-26s %12lld %12lld %+12lld %s\n", what, before, after, after - before, unit);
}

/* --- the official --- */

/* One official's reads, the screens the TUI opens most, in turn. */
static json_t *s_read_body(int k, proto_msg_t *type)
{
	switch (k % 4) {
	case 0:
		*type = MSG_whoami;
		return json_object();
	case 1:
		*type = MSG_dossier_list;
		return json_pack("{s:b, s:i, s:b}", "mine", 1, "limit", 20, "compact", 1);
	case 2:
		*type = MSG_board;
		return json_pack("{s:s, s:i, s:b}", "state", "in_progress", "per_column", 8, "cards_only", 1);
	default:
		*type = MSG_task_list;
		return json_pack("{s:b, s:i}", "mine", 1, "limit", 50);
	}
}

typedef struct {
	stats_t lat;
	size_t codes[E__COUNT]; /* errors by code (E_TIMEOUT: unanswered) */
	double secs, cpu;       /* the daemon's CPU over the phase, s; negative: it died */
	double died;            /* seconds into the phase the daemon was found dead; 0: it lived */
} reads_t;

/* Read at OPT(O_RATE) a second, one request at a time, until until_us:
 * each request's latency from its send (a late reply delays the next
 * send, it is not queued behind). Stops early when the daemon died. */
static void s_official(const target_t *t, conn_t *c, int64_t until_us, reads_t *r)
{
	int64_t gap = (int64_t)(1e6 / (OPT(O_RATE) > 0 ? OPT(O_RATE) : 1)), start = stats_now_us(), next = start;

	for (int k = 0; (next = next > stats_now_us() ? next : stats_now_us()) < until_us; k++) {
		proto_msg_t type;
		json_t *body = s_read_body(k, &type);
		int64_t t0;
		proto_err_t e;
		if (next > stats_now_us())
			usleep((useconds_t)(next - stats_now_us()));
		t0 = stats_now_us();
		e = conn_call(c, type, body, NULL, OFFICIAL_TIMEOUT_MS);
		if (e == E_OK)
			stats_add(&r->lat, stats_now_us() - t0);
		else {
			r->lat.errors++;
			r->codes[e]++;
		}
		if (e == E_TIMEOUT && !s_alive(t)) {
			r->died = (stats_now_us() - start) / 1e6;
			break;
		}
		next += gap;
	}
}

static void s_codes(const size_t codes[E__COUNT], const char *lead)
{
	bool any = false;

	for (int e = 0; e < E__COUNT; e++)
		if (codes[e]) {
			printf("%s%s %zu", any ? ", " : lead, e == E_TIMEOUT ? "no answer" : proto_err_code(e),
			       codes[e]);
			any = true;
		}
	if (any)
		printf("\n");
}

static void s_reads_row(const char *what, reads_t *r)
{
	char cpu[16] = "gone";

	if (r->cpu >= 0)
		snprintf(cpu, sizeof cpu, "%.0f %%", 100 * r->cpu / r->secs);
	printf("  %-22s %7zu %7.1f %7.2f %7.2f %7.2f %8.2f %7zu %8s\n", what, r->lat.n, r->lat.n / r->secs,
	       stats_pct_ms(&r->lat, 50), stats_pct_ms(&r->lat, 95), stats_pct_ms(&r->lat, 99),
	       stats_pct_ms(&r->lat, 100), r->lat.errors, cpu);
	s_codes(r->codes, "    errors: ");
}

/* --- the flood --- */

typedef struct {
	const target_t *t;
	int n; /* keys it floods with */
	int64_t until_us;
	pthread_barrier_t *go;
	unsigned rng;
	size_t sent[2];           /* enroll, login */
	size_t answers[E__COUNT]; /* by code; E_OK for a reply */
	size_t refused_sends;     /* sends libzmq would not queue (the pipe full) */
	int sockets;              /* made (libzmq may refuse some) */
} flooder_t;

static const char *const s_users[] = {"admin", "linh.ntm", "thanh.nv", "huong.ptt", "root", "canbo01"};

/* One request from a stranger, encoded (caller frees): a login as a real
 * or guessed user (OPT(O_LOGINS) of them), or an enroll with a made-up
 * token. *login says which. */
static void *s_stranger_request(flooder_t *f, uint64_t id, size_t *len, bool *login)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char secret[44];
	json_t *body;
	void *buf;

	for (size_t i = 0; i < sizeof secret - 1; i++)
		secret[i] = b64[rand_r(&f->rng) % 64];
	secret[sizeof secret - 1] = 0;
	*login = rand_r(&f->rng) < OPT(O_LOGINS) * ((double)RAND_MAX + 1);
	if (*login)
		body = json_pack("{s:s, s:s}", "user", s_users[rand_r(&f->rng) % (sizeof s_users / sizeof *s_users)],
		                 "password", secret);
	else
		body = json_pack("{s:s, s:s}", "token", secret, "name", "máy lạ");
	buf = proto_encode(K_REQUEST, *login ? MSG_login : MSG_enroll, id, body, len);
	json_decref(body);
	return buf;
}

static void s_flood_answer(flooder_t *f, zmq_msg_t *m)
{
	proto_frame_t fr;
	proto_err_t e = proto_decode(zmq_msg_data(m), zmq_msg_size(m), &fr);

	if (e == E_OK && fr.kind == K_ERROR)
		e = proto_err_from_code(json_string_value(json_object_get(fr.body, "code")));
	f->answers[e]++;
	proto_frame_clear(&fr);
}

/* Each key: up to OPT(O_WINDOW) requests in flight, the next sent as soon
 * as an answer comes, or after STALL_US without one. The sockets are made
 * after the start, so their handshakes are part of the flood. */
static void *s_flooder_run(void *arg)
{
	flooder_t *f = arg;
	int window = OPT(O_WINDOW) >= 1 ? (int)OPT(O_WINDOW) : 1;
	zmq_pollitem_t *it = calloc((size_t)f->n, sizeof *it);
	int *inflight = calloc((size_t)f->n, sizeof *inflight);
	int64_t *last = calloc((size_t)f->n, sizeof *last);
	uint64_t *next_id = calloc((size_t)f->n, sizeof *next_id);

	pthread_barrier_wait(f->go);
	for (int i = 0; i < f->n; i++) {
		keypair_t kp;
		keys_generate(&kp);
		if ((it[f->sockets].socket = conn_socket(f->t->ctx, f->t->endpoint, f->t->server_pub, &kp)) == NULL)
			break;
		it[f->sockets++].events = ZMQ_POLLIN;
	}
	while (stats_now_us() < f->until_us) {
		int64_t now = stats_now_us();
		for (int i = 0; i < f->sockets; i++) {
			if (inflight[i] >= window && now - last[i] > STALL_US)
				inflight[i] = 0;
			while (inflight[i] < window) {
				size_t len;
				bool login;
				void *buf = s_stranger_request(f, ++next_id[i], &len, &login);
				int rc = buf ? zmq_send(it[i].socket, buf, len, ZMQ_DONTWAIT) : -1;
				free(buf);
				if (rc < 0) {
					f->refused_sends++;
					break;
				}
				f->sent[login]++;
				inflight[i]++;
				last[i] = now;
			}
		}
		if (zmq_poll(it, f->sockets, 5) <= 0)
			continue;
		for (int i = 0; i < f->sockets; i++) {
			zmq_msg_t m;
			if (!(it[i].revents & ZMQ_POLLIN))
				continue;
			zmq_msg_init(&m);
			while (zmq_msg_recv(&m, it[i].socket, ZMQ_DONTWAIT) >= 0) {
				s_flood_answer(f, &m);
				inflight[i] -= inflight[i] > 0;
			}
			zmq_msg_close(&m);
		}
	}
	for (int i = 0; i < f->sockets; i++)
		zmq_close(it[i].socket);
	free(it);
	free(inflight);
	free(last);
	free(next_id);
	return NULL;
}

static int s_flood(target_t *t, const char *device_key)
{
	int nkeys = (int)OPT(O_KEYS), nth = OPT(O_THREADS) >= 1 ? (int)OPT(O_THREADS) : 1;
	flooder_t *fl = calloc((size_t)nth, sizeof *fl);
	pthread_t *th = calloc((size_t)nth, sizeof *th);
	pthread_barrier_t go;
	reads_t alone = {0}, under = {0};
	size_t sent[2] = {0, 0}, answers[E__COUNT] = {0}, answered = 0, refused = 0;
	int sockets = 0;
	sample_t s0, s1;
	double own0, own1;
	int64_t t0, t1;
	conn_t c;
	json_t *me = NULL;

	if (conn_open(&c, t->ctx, t->endpoint, t->server_pub, device_key) != 0)
		return EX_NOINPUT;
	c.next_id = (uint64_t)getpid() << 32;
	if (conn_call(&c, MSG_hello, json_pack("{s:i, s:s}", "version", PROTO_VERSION, "client", "congvu-abuse"), NULL,
	              OFFICIAL_TIMEOUT_MS) != E_OK ||
	    conn_call(&c, MSG_whoami, json_object(), &me, OFFICIAL_TIMEOUT_MS) != E_OK) {
		fprintf(stderr, "congvu-abuse: the official (%s) is not enrolled and logged in\n", device_key);
		return EX_NOPERM;
	}
	printf("the official: %s of %s, reading %.0f/s, one at a time (whoami, queue, board, task list in turn)\n",
	       json_string_value(json_object_get(me, "username")) ?: "?",
	       json_string_value(json_object_get(me, "unit")) ?: "?", OPT(O_RATE));
	json_decref(me);

	/* alone: the ceiling of this run */
	alone.cpu = proc_cpu(t->pid);
	t0 = stats_now_us();
	s_official(t, &c, t0 + (int64_t)(OPT(O_BASE) * 1e6), &alone);
	alone.secs = (stats_now_us() - t0) / 1e6;
	alone.cpu = proc_cpu(t->pid) - alone.cpu;

	/* under the flood */
	s0 = s_sample(t, true);
	own0 = proc_cpu(getpid());
	pthread_barrier_init(&go, NULL, (unsigned)nth + 1);
	t0 = stats_now_us();
	for (int i = 0; i < nth; i++) {
		fl[i] = (flooder_t){.t = t,
		                    .n = nkeys * (i + 1) / nth - nkeys * i / nth,
		                    .until_us = t0 + (int64_t)(OPT(O_SECONDS) * 1e6),
		                    .go = &go,
		                    .rng = 0x9e3779b9u * (unsigned)(i + 1)};
		pthread_create(&th[i], NULL, s_flooder_run, &fl[i]);
	}
	pthread_barrier_wait(&go);
	s_official(t, &c, t0 + (int64_t)(OPT(O_SECONDS) * 1e6), &under);
	for (int i = 0; i < nth; i++) {
		pthread_join(th[i], NULL); /* at the flood's end, even when the official stopped early */
		sent[0] += fl[i].sent[0];
		sent[1] += fl[i].sent[1];
		refused += fl[i].refused_sends;
		sockets += fl[i].sockets;
		for (int e = 0; e < E__COUNT; e++) {
			answers[e] += fl[i].answers[e];
			answered += fl[i].answers[e];
		}
	}
	t1 = stats_now_us();
	under.secs = (t1 - t0) / 1e6;
	own1 = proc_cpu(getpid());
	s1 = s_sample(t, true);
	under.cpu = s1.cpu >= 0 ? s1.cpu - s0.cpu : -1;

	printf("\nflood: %d keys never enrolled (%d sockets made), %d threads, %d in flight per key, %.1f s\n", nkeys,
	       sockets, nth, (int)OPT(O_WINDOW), under.secs);
	printf("  sent: enroll (bad token) %zu, login (unknown device) %zu = %.0f requests/s\n", sent[0], sent[1],
	       (sent[0] + sent[1]) / under.secs);
	printf("  answered: %zu = %.0f/s; unanswered %zu; sends refused by libzmq (pipe full) %zu\n", answered,
	       answered / under.secs, sent[0] + sent[1] - answered, refused);
	s_codes(answers, "  answers: ");
	printf("  flood's own CPU (this process): %.0f %% of one core\n", 100 * (own1 - own0) / under.secs);

	printf("\nthe official's reads\n");
	printf("  %-22s %7s %7s %7s %7s %7s %8s %7s %8s\n", "", "count", "req/s", "p50 ms", "p95 ms", "p99 ms",
	       "max ms", "errors", "congvud");
	s_reads_row("alone (ceiling)", &alone);
	s_reads_row("under the flood", &under);

	printf("\ncongvud over the flood             before        after       growth\n");
	if (s1.cpu >= 0)
		printf("  %-26s %12.2f %12.2f %+12.2f s (%.0f %% of one core)\n", "CPU", s0.cpu, s1.cpu,
		       s1.cpu - s0.cpu, 100 * (s1.cpu - s0.cpu) / under.secs);
	s_row("database file, B", s0.db_b, s1.db_b, "");
	s_row("its WAL, B", s0.wal_b, s1.wal_b, "");
	s_row("audit rows", s0.audit, s1.audit, "");
	s_row("remembered replies rows", s0.replies, s1.replies, "");
	s_row("log, B", s0.log_b, s1.log_b, "");
	s_row("RSS, kB", s0.rss_kb, s1.rss_kb, "");
	s_row("open fds", s0.fds, s1.fds, "");
	if (!s_alive(t))
		printf("  congvud is GONE after the flood (crashed? see its log); found dead %.1f s into it, when a "
		       "read went unanswered %d s\n",
		       under.died, OFFICIAL_TIMEOUT_MS / 1000);
	printf("\ntarget: the official's p99 under the flood <= %.0f ms: %.2f ms (alone %.2f ms), %zu errors: %s\n",
	       TARGET_P99_MS, stats_pct_ms(&under.lat, 99), stats_pct_ms(&alone.lat, 99), under.lat.errors,
	       under.lat.n && !under.lat.errors && stats_pct_ms(&under.lat, 99) <= TARGET_P99_MS ? "met" : "NOT MET");
	zmq_close(c.sock);
	stats_free(&alone.lat);
	stats_free(&under.lat);
	pthread_barrier_destroy(&go);
	free(fl);
	free(th);
	return EX_OK;
}

/* --- the churn --- */

typedef struct {
	const target_t *t;
	keypair_t *pool; /* NULL: a fresh key each connection */
	int npool;
	atomic_long next; /* connections taken */
	long total;
	int64_t until_us;
	pthread_mutex_t lock;   /* guards the counts below */
	stats_t lat;            /* connect, hello, answer (any) */
	size_t codes[E__COUNT]; /* answers by code, E_OK for a welcome; E_TIMEOUT: none */
	long done;
} churn_t;

static void *s_churner_run(void *arg)
{
	churn_t *ch = arg;
	stats_t lat = {0};
	size_t codes[E__COUNT] = {0};
	long done = 0, i;

	while ((i = atomic_fetch_add(&ch->next, 1)) < ch->total && stats_now_us() < ch->until_us) {
		keypair_t fresh, *kp = ch->pool ? &ch->pool[i % ch->npool] : &fresh;
		conn_t c = {.next_id = 1};
		int64_t t0 = stats_now_us();
		proto_err_t e;
		if (!ch->pool)
			keys_generate(&fresh);
		if ((c.sock = conn_socket(ch->t->ctx, ch->t->endpoint, ch->t->server_pub, kp)) == NULL) {
			codes[E_INTERNAL]++;
			continue;
		}
		e = conn_call(&c, MSG_hello, json_pack("{s:i}", "version", PROTO_VERSION), NULL, CHURN_TIMEOUT_MS);
		if (e != E_TIMEOUT) /* answered, whatever the answer */
			stats_add(&lat, stats_now_us() - t0);
		codes[e]++;
		zmq_close(c.sock);
		done++;
	}
	pthread_mutex_lock(&ch->lock);
	stats_merge(&ch->lat, &lat);
	for (int e = 0; e < E__COUNT; e++)
		ch->codes[e] += codes[e];
	ch->done += done;
	pthread_mutex_unlock(&ch->lock);
	stats_free(&lat);
	return NULL;
}

/* Churn total connections, CHURN_PAR at a time, within secs; sample the
 * daemon every second meanwhile, keeping the highest RSS and fd count in
 * *peak. Returns the seconds it took. */
static double s_churn_run(churn_t *ch, long total, double secs, sample_t *peak)
{
	int par = OPT(O_CHURN_PAR) >= 1 ? (int)OPT(O_CHURN_PAR) : 1;
	pthread_t *th = calloc((size_t)par, sizeof *th);
	int64_t t0 = stats_now_us();

	atomic_store(&ch->next, 0);
	ch->total = total;
	ch->until_us = t0 + (int64_t)(secs * 1e6);
	for (int i = 0; i < par; i++)
		pthread_create(&th[i], NULL, s_churner_run, ch);
	while (peak && atomic_load(&ch->next) < total && stats_now_us() < ch->until_us && s_alive(ch->t)) {
		sample_t s = s_sample(ch->t, false);
		peak->rss_kb = s.rss_kb > peak->rss_kb ? s.rss_kb : peak->rss_kb;
		peak->fds = s.fds > peak->fds ? s.fds : peak->fds;
		sleep(1);
	}
	for (int i = 0; i < par; i++)
		pthread_join(th[i], NULL);
	free(th);
	return (stats_now_us() - t0) / 1e6;
}

static int s_churn(target_t *t)
{
	churn_t ch = {.t = t, .npool = (int)OPT(O_CHURN_KEYS)};
	sample_t idle, warm, peak, after;
	double secs;
	long warmup = (long)OPT(O_WARMUP);

	pthread_mutex_init(&ch.lock, NULL);
	if (ch.npool > 0) {
		ch.pool = calloc((size_t)ch.npool, sizeof *ch.pool);
		for (int i = 0; i < ch.npool; i++)
			keys_generate(&ch.pool[i]);
	}
	sleep(1);
	idle = s_sample(t, false);
	if (idle.rss_kb < 0) {
		fprintf(stderr, "congvu-abuse: cannot read /proc/%ld/status\n", t->pid);
		return EX_UNAVAILABLE;
	}
	if (warmup > 0) {
		s_churn_run(&ch, warmup, OPT(O_CHURN_SECONDS), NULL);
		sleep((unsigned)OPT(O_SETTLE));
	}
	warm = s_sample(t, false);
	stats_free(&ch.lat);
	memset(ch.codes, 0, sizeof ch.codes);
	ch.done = 0;
	peak = warm;
	secs = s_churn_run(&ch, (long)OPT(O_CHURN), OPT(O_CHURN_SECONDS), &peak);
	sleep((unsigned)OPT(O_SETTLE));
	after = s_sample(t, false);

	printf("churn: %ld of %.0f connections in %.1f s = %.0f/s, %d at a time, %s; each connect, hello, answer, "
	       "close\n",
	       ch.done, OPT(O_CHURN), secs, ch.done / secs, (int)OPT(O_CHURN_PAR),
	       ch.pool ? "keys reused in turn" : "a fresh key each");
	printf("  answered %zu; connect + hello + answer p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", ch.lat.n,
	       stats_pct_ms(&ch.lat, 50), stats_pct_ms(&ch.lat, 99), stats_pct_ms(&ch.lat, 100));
	s_codes(ch.codes, "  answers: ");
	printf("\ncongvud          idle  after %ld (warm)   peak   %.0f s after the churn   after / idle\n", warmup,
	       OPT(O_SETTLE));
	printf("  RSS, kB  %9ld %18ld %9ld %24ld %13.2f\n", idle.rss_kb, warm.rss_kb,
	       after.hwm_kb > peak.rss_kb ? after.hwm_kb : peak.rss_kb, after.rss_kb,
	       (double)after.rss_kb / (double)idle.rss_kb);
	printf("  open fds %9ld %18ld %9ld %24ld\n", idle.fds, warm.fds, peak.fds, after.fds);
	printf("  CPU, s   %9.2f %18.2f %9s %24.2f\n", idle.cpu, warm.cpu, "", after.cpu);
	if (!s_alive(t))
		printf("  congvud is GONE after the churn (crashed? see its log)\n");
	printf("\ntarget: RSS after the churn within 10 %% of idle: %ld kB against %ld kB = %.2f x (%.2f x the warm "
	       "%ld kB): %s\n",
	       after.rss_kb, idle.rss_kb, (double)after.rss_kb / (double)idle.rss_kb,
	       (double)after.rss_kb / (double)warm.rss_kb, warm.rss_kb,
	       after.rss_kb >= 0 && after.rss_kb <= TARGET_RSS_RATIO * (double)idle.rss_kb ? "met" : "NOT MET");
	stats_free(&ch.lat);
	free(ch.pool);
	pthread_mutex_destroy(&ch.lock);
	return EX_OK;
}

int main(int argc, char **argv)
{
	target_t t = {0};
	struct rlimit rl;
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		s_usage(stdout);
		return EX_OK;
	}
	if (argc < 6 || (strcmp(argv[1], "flood") != 0 && strcmp(argv[1], "churn") != 0) ||
	    (strcmp(argv[1], "flood") == 0 && argc < 7)) {
		s_usage(stderr);
		return EX_USAGE;
	}
	for (int o = 0; o < O__COUNT; o++)
		if (getenv(s_opt[o].env))
			s_opt[o].value = atof(getenv(s_opt[o].env));
	t.endpoint = argv[2];
	t.data = argv[4];
	t.pid = atol(argv[5]);
	if (keys_read_pub(argv[3], t.server_pub) != 0 || t.pid <= 0) {
		fprintf(stderr, "congvu-abuse: bad server key %s or daemon pid %s\n", argv[3], argv[5]);
		return EX_USAGE;
	}
	/* a thousand sockets: two fds each here (TCP and libzmq's mailbox) */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	t.ctx = zmq_ctx_new();
	zmq_ctx_set(t.ctx, ZMQ_IO_THREADS, 2);
	zmq_ctx_set(t.ctx, ZMQ_MAX_SOCKETS, (int)OPT(O_KEYS) + 4096);
	rc = strcmp(argv[1], "flood") == 0 ? s_flood(&t, argv[6]) : s_churn(&t);
	zmq_ctx_term(t.ctx);
	return rc;
}
