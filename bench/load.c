/* load.c — congvu-load: N concurrent real clients against a running
 * congvud, each a CURVE DEALER with its own enrolled device key and a
 * logged-in session, running an office's mix of requests for T seconds per
 * phase; then the machine's ceilings (ceiling.c) and our figures as ratios.
 *
 * congvu-load ENDPOINT SERVER_KEY_FILE CLIENT_DIR N SECS [PHASES] [SEED]
 *   CLIENT_DIR/client-I/config/congvu/device.key (I = 0..N-1) are the
 *   device keys, enrolled and logged in beforehand (bench/load does it);
 *   N may be FIRST+N to use clients FIRST..FIRST+N-1;
 *   PHASES: comma list of read, write, mix, scale, scalefig, scalefigw, ceilings, run in that
 *   order (default read,mix,write,ceilings: the mix on a realistic office,
 *   before the write phase fills the queues with thousands; not scale);
 *   SEED: dossiers each client receives, untimed, before the phases; each
 *   client also assigns TASK_SEED tasks to its own unit as its leader, to
 *   report progress on in the mix (none in the scale phase). */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "ceiling.h"
#include "conn.h"
#include "names.h"
#include "proc.h"
#include "stats.h"

#define TIMEOUT_MS 10000
#define MAX_OWN 4096 /* dossiers a client remembers having received */
#define TASK_SEED 3  /* tasks each client assigns to its unit before the phases */

/* The operations, as the office does them. */
typedef enum {
	OP_QUEUE,
	OP_UNITQ,
	OP_SHOW,
	OP_SEARCH,
	OP_BOARD,
	OP_BOARDSUM,
	OP_TASKS,
	OP_RECEIVE,
	OP_ACT,
	OP_REPORT,
	/* figures (issue 13) */
	OP_FIGFORM,
	OP_FIGSECT,
	OP_FIGDASH,
	OP_FIGSAVE,
	OP__COUNT
} op_t;

typedef struct {
	char code[32];
	int percent; /* last reported */
} own_task_t;

typedef struct {
	char code[64];
	int stage; /* acts done: submit, submit, deliver */
} own_t;

typedef struct {
	int idx;
	conn_t conn; /* its device's connection, with the bytes it moved */
	unsigned rng;
	own_t *own; /* a ring of the dossiers this client received */
	size_t nown, own_head;
	char seen[20][64]; /* codes from the last list or search, to open */
	int nseen;
	char unit[32];              /* the client's unit (whoami) */
	own_task_t task[TASK_SEED]; /* tasks of its unit it assigned, to report on */
	int ntask;
	stats_t st[OP__COUNT];
	size_t op_bytes[OP__COUNT];      /* bytes received (replies and events) per op */
	proto_err_t last_err[OP__COUNT]; /* the last error an op was answered with */
	const int *weights; /* per op, of the running phase */
	int64_t until_us;
	pthread_barrier_t *go;
	int seed; /* dossiers to receive before the phases */
} client_t;

/* --- one request --- */

/* Send type/body (stolen) and wait for its reply (conn_call). */
static proto_err_t s_call(client_t *c, proto_msg_t type, json_t *body, json_t **reply)
{
	return conn_call(&c->conn, type, body, reply, TIMEOUT_MS);
}

/* --- the operations --- */

static unsigned s_rand(client_t *c, unsigned n)
{
	return n ? (unsigned)rand_r(&c->rng) % n : 0;
}

static const char *const s_terms[] = {"nguyen van", "tran thi", "le", "pham minh", "hoang", "vo thanh", "dang ngoc"};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void s_remember(client_t *c, const char *code)
{
	own_t *o = &c->own[(c->own_head + c->nown) % MAX_OWN];

	if (c->nown == MAX_OWN) { /* forget the oldest */
		c->own_head = (c->own_head + 1) % MAX_OWN;
		c->nown--;
		o = &c->own[(c->own_head + c->nown) % MAX_OWN];
	}
	snprintf(o->code, sizeof o->code, "%s", code);
	o->stage = 0;
	c->nown++;
}

static own_t *s_pick_own(client_t *c)
{
	return c->nown ? &c->own[(c->own_head + s_rand(c, (unsigned)c->nown)) % MAX_OWN] : NULL;
}

/* Run a list or search as the TUI does (one screen of compact rows, the
 * code first in each) and keep the codes it returned for s_show. */
static proto_err_t s_listing(client_t *c, proto_msg_t type, json_t *body)
{
	json_t *reply = NULL, *x;
	proto_err_t e;
	size_t i;

	json_object_set_new(body, "compact", json_true());
	e = s_call(c, type, body, &reply);
	if (e == E_OK && json_array_size(json_object_get(reply, "rows")) > 0) {
		c->nseen = 0;
		json_array_foreach(json_object_get(reply, "rows"), i, x)
		{
			const char *code = json_string_value(json_array_get(x, 0));
			if (code && c->nseen < 20)
				snprintf(c->seen[c->nseen++], sizeof c->seen[0], "%s", code);
		}
	}
	json_decref(reply);
	return e;
}

static proto_err_t s_queue(client_t *c)
{
	return s_listing(c, MSG_dossier_list, json_pack("{s:b, s:i}", "mine", 1, "limit", 20));
}

/* The first screen of my unit's list (with everything below it). */
static proto_err_t s_unitq(client_t *c)
{
	return s_listing(c, MSG_dossier_list, json_pack("{s:i}", "limit", 20));
}

static proto_err_t s_search(client_t *c)
{
	return s_listing(c, MSG_dossier_search,
	                 json_pack("{s:s, s:i}", "text", s_terms[s_rand(c, N_OF(s_terms))], "limit", 20));
}

/* Open one of my dossiers, or one a list showed me (s_choose makes sure
 * there is one). */
static proto_err_t s_show(client_t *c)
{
	own_t *o = s_pick_own(c);
	const char *code = o ? o->code : c->seen[s_rand(c, (unsigned)c->nseen)];
	return s_call(c, MSG_dossier_show, json_pack("{s:s}", "code", code), NULL);
}

static proto_err_t s_receive(client_t *c)
{
	char name[128];
	json_t *reply = NULL;
	proto_err_t e;

	names_person(name, sizeof name, &c->rng);
	e = s_call(c, MSG_dossier_receive,
	           json_pack("{s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s}}", "procedure", "khai-tu", "fields",
	                     "applicant_name", name, "citizen_id", "079123456789", "relation", "con", "deceased_name",
	                     "Nguyễn Văn Một", "death_date", "2026-11-01", "death_place", "Phường 1, thành phố Cà Mau"),
	           &reply);
	if (e == E_OK && json_is_string(json_object_get(reply, "code")))
		s_remember(c, json_string_value(json_object_get(reply, "code")));
	json_decref(reply);
	return e;
}

/* The board screen as the TUI opens it: the own unit's subtree, every
 * column's count, the cards that fit an 80x24 screen (8) of its busiest
 * column, no summary. */
static proto_err_t s_board(client_t *c)
{
	return s_call(c, MSG_board,
	              json_pack("{s:s, s:i, s:b}", "state", "in_progress", "per_column", 8, "cards_only", 1), NULL);
}

/* The board's summary tab (and the leader's dashboard): counts and the
 * summary rolled up to the unit and its direct children, no card. */
static proto_err_t s_board_sum(client_t *c)
{
	return s_call(c, MSG_board, json_pack("{s:i}", "per_column", 0), NULL);
}

/* The task list as the TUI opens it: what waits on me. */
static proto_err_t s_tasks(client_t *c)
{
	return s_call(c, MSG_task_list, json_pack("{s:b, s:i}", "mine", 1, "limit", 400), NULL);
}

static const char *const s_task_titles[] = {
    "Rà soát hồ sơ tồn đọng", "Tổng hợp kiến nghị cử tri", "Báo cáo tình hình giải quyết thủ tục hành chính",
    "Kiểm tra công tác phòng chống thiên tai", "Cập nhật dữ liệu hộ tịch lên hệ thống"};

/* As its unit's leader, assign a task to the unit (setup, untimed), due in
 * 60 days; remember it to report on. */
static proto_err_t s_assign(client_t *c, int k)
{
	char title[160], date[16];
	time_t due = time(NULL) + 60 * 86400;
	struct tm tm;
	json_t *reply = NULL;
	proto_err_t e;

	localtime_r(&due, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	snprintf(title, sizeof title, "%s (đợt %d, cán bộ thử %d)", s_task_titles[(c->idx + k) % N_OF(s_task_titles)],
	         k + 1, c->idx);
	e = s_call(c, MSG_task_add, json_pack("{s:s, s:s, s:s}", "title", title, "lead", c->unit, "deadline", date),
	           &reply);
	if (e == E_OK && json_is_string(json_object_get(reply, "code")) && c->ntask < TASK_SEED) {
		own_task_t *t = &c->task[c->ntask++];
		snprintf(t->code, sizeof t->code, "%s", json_string_value(json_object_get(reply, "code")));
		t->percent = 0;
	}
	json_decref(reply);
	return e;
}

/* A progress report on one of the tasks my unit leads (s_choose makes sure
 * there is one): a few percent more each time, never 100 (that is "done"). */
static proto_err_t s_report(client_t *c)
{
	own_task_t *t = &c->task[s_rand(c, (unsigned)c->ntask)];
	int pct = t->percent + 1 + (int)s_rand(c, 10);
	char note[96];
	proto_err_t e;

	pct = pct > 99 ? 99 : pct;
	snprintf(note, sizeof note, "Đã thực hiện được %d%% khối lượng công việc", pct);
	e = s_call(c, MSG_task_report, json_pack("{s:s, s:i, s:s}", "code", t->code, "percent", pct, "note", note),
	           NULL);
	if (e == E_OK)
		t->percent = pct;
	return e;
}

/* Move one of my dossiers on: two hand-offs, then the delivery. */
static proto_err_t s_act(client_t *c)
{
	own_t *o = NULL;
	proto_err_t e;

	for (int tries = 0; tries < 8 && (!o || o->stage >= 3); tries++)
		o = s_pick_own(c);
	if (!o || o->stage >= 3)
		return s_receive(c);
	/* a return says who collected the result (ignored by submit) */
	e = s_call(c, MSG_dossier_act,
	           json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", o->code, "action", o->stage < 2 ? "submit" : "deliver",
	                     "collector", "Người nhận", "collector_id", "079123456789", "method", "desk"),
	           NULL);
	o->stage = e == E_OK ? o->stage + 1 : 3;
	return e;
}

/* figures (issue 13): a unit's figures of the last closed month as the
 * screens ask for them — the entry form's first screen (one sector, no
 * chart), a sector's dashboard and the whole dashboard (with the units
 * below, 12 periods and the overdue work beside: the TUI's request). */
static proto_err_t s_fig_form(client_t *c)
{
	return s_call(c, MSG_figures_list, json_pack("{s:s, s:b}", "sector", "nong-nghiep", "closed", 1), NULL);
}

static proto_err_t s_fig_sector(client_t *c)
{
	return s_call(c, MSG_figures_list, json_pack("{s:s, s:b, s:b}", "sector", "nong-nghiep", "chart", 1, "closed", 1),
	              NULL);
}

static proto_err_t s_fig_dash(client_t *c)
{
	return s_call(c, MSG_figures_list, json_pack("{s:b, s:b}", "chart", 1, "closed", 1), NULL);
}

/* A commune saves its month's figures as a draft (figures.submit --draft):
 * eleven new figures, each a revision and the roll-ups of the commune, its
 * district and the province kept in the same transaction. */
static proto_err_t s_fig_save(client_t *c)
{
	static const char *const codes[] = {"thuy-san-san-luong", "tom-san-luong", "tom-dien-tich", "cua-san-luong",
	                                    "khai-thac-hai-san", "lua-dien-tich", "lua-san-luong", "tiem-chung",
	                                    "lao-dong-viec-lam"};
	json_t *values = json_object();
	char num[32];

	for (size_t i = 0; i < N_OF(codes); i++) {
		snprintf(num, sizeof num, "%u", 100 + s_rand(c, 900));
		json_object_set_new(values, codes[i], json_string(num));
	}
	snprintf(num, sizeof num, "0.%02u", 20 + s_rand(c, 40));
	json_object_set_new(values, "tom-nang-suat", json_string(num));
	snprintf(num, sizeof num, "%u.%u", 45 + s_rand(c, 20), s_rand(c, 10));
	json_object_set_new(values, "lua-nang-suat", json_string(num));
	return s_call(c, MSG_figures_submit, json_pack("{s:b, s:o}", "draft", 1, "values", values), NULL);
}

static const struct {
	const char *name;
	bool write;
	proto_err_t (*run)(client_t *c);
} s_ops[OP__COUNT] = {
    [OP_QUEUE] = {"queue (mine, 20)", false, s_queue},
    [OP_UNITQ] = {"unit list (20)", false, s_unitq},
    [OP_SHOW] = {"dossier.show", false, s_show},
    [OP_SEARCH] = {"search (folded)", false, s_search},
    [OP_BOARD] = {"board (own unit)", false, s_board},
    [OP_TASKS] = {"task list (mine)", false, s_tasks},
    [OP_BOARDSUM] = {"board summary", false, s_board_sum},
    [OP_RECEIVE] = {"dossier.receive", true, s_receive},
    [OP_ACT] = {"dossier.act", true, s_act},
    [OP_REPORT] = {"task.report", true, s_report},
    /* figures */
    [OP_FIGFORM] = {"figures form", false, s_fig_form},
    [OP_FIGSECT] = {"figures sector", false, s_fig_sector},
    [OP_FIGDASH] = {"figures dashboard", false, s_fig_dash},
    [OP_FIGSAVE] = {"figures save (11)", true, s_fig_save},
};

/* The phases: relative weights of each operation. */
static const struct {
	const char *name, *what;
	int weights[OP__COUNT];
} s_phases[] = {
    {"read",
     "reads only: queue 35, show 35, search 15, board 15",
     {[OP_QUEUE] = 35, [OP_SHOW] = 35, [OP_SEARCH] = 15, [OP_BOARD] = 15}},
    {"write", "durable writes only: receive", {[OP_RECEIVE] = 100}},
    {"mix",
     "office mix: queue 25, show 20, search 12, board 8, receive 15, act 15, task report 5",
     {[OP_QUEUE] = 25,
      [OP_SHOW] = 20,
      [OP_SEARCH] = 12,
      [OP_BOARD] = 8,
      [OP_RECEIVE] = 15,
      [OP_ACT] = 15,
      [OP_REPORT] = 5}},
    {"scale",
     "a big database: queue, unit list, show, search, board, board summary, task list (mine), 1/7 each",
     {[OP_QUEUE] = 1,
      [OP_UNITQ] = 1,
      [OP_SHOW] = 1,
      [OP_SEARCH] = 1,
      [OP_BOARD] = 1,
      [OP_BOARDSUM] = 1,
      [OP_TASKS] = 1}},
    /* figures (issue 13): on bench/scale's province of figures (no seeding) */
    {"scalefig",
     "a province's figures: the form's first screen (a sector), a sector's dashboard, the whole dashboard, 1/3 each",
     {[OP_FIGFORM] = 1, [OP_FIGSECT] = 1, [OP_FIGDASH] = 1}},
    {"scalefigw", "a commune saves its month's figures as a draft: 11 figures and their roll-ups",
     {[OP_FIGSAVE] = 1}},
};

static op_t s_choose(client_t *c)
{
	int total = 0, r;

	for (int i = 0; i < OP__COUNT; i++)
		total += c->weights[i];
	r = (int)s_rand(c, (unsigned)total);
	for (int i = 0; i < OP__COUNT; i++)
		if ((r -= c->weights[i]) < 0)
			/* nothing to open yet: list first, and count it as a list;
			 * no task to report on: act on a dossier instead */
			return i == OP_SHOW && !c->nown && !c->nseen ? OP_UNITQ
			       : i == OP_REPORT && !c->ntask         ? OP_ACT
			                                             : (op_t)i;
	return OP_QUEUE;
}

static void *s_client_run(void *arg)
{
	client_t *c = arg;

	pthread_barrier_wait(c->go);
	while (stats_now_us() < c->until_us) {
		op_t op = s_choose(c);
		int64_t t0 = stats_now_us();
		size_t in0 = c->conn.bytes_in;
		proto_err_t e = s_ops[op].run(c);
		c->op_bytes[op] += c->conn.bytes_in - in0;
		if (e == E_OK)
			stats_add(&c->st[op], stats_now_us() - t0);
		else {
			c->st[op].errors++;
			c->last_err[op] = e;
		}
		if (e == E_TIMEOUT) { /* the daemon is gone or stuck: say so, stop */
			fprintf(stderr, "congvu-load: client %d: no reply in %d ms, stopping\n", c->idx, TIMEOUT_MS);
			break;
		}
	}
	return NULL;
}

/* --- setup --- */

/* Run one phase over all clients; print its table; return reads/s and
 * writes/s (answered without error) through the pointers. */
static void s_phase(client_t *cl, int n, double secs, int phase, double *reads, double *writes, size_t *req_b,
                    size_t *rep_b)
{
	pthread_t *th = calloc((size_t)n, sizeof *th);
	pthread_barrier_t go;
	stats_t all[OP__COUNT] = {{0}};
	size_t bout = 0, bin = 0, nreq = 0, nread = 0, nwrite = 0;
	int64_t t0, t1;
	long daemon = getenv("CONGVU_LOAD_PID") ? atol(getenv("CONGVU_LOAD_PID")) : 0;
	double cpu0 = proc_cpu(daemon), own0 = proc_cpu(getpid());

	pthread_barrier_init(&go, NULL, (unsigned)n + 1);
	for (int i = 0; i < n; i++) {
		cl[i].weights = s_phases[phase].weights;
		cl[i].go = &go;
		cl[i].conn.bytes_out = cl[i].conn.bytes_in = cl[i].conn.requests = 0;
		memset(cl[i].op_bytes, 0, sizeof cl[i].op_bytes);
		pthread_create(&th[i], NULL, s_client_run, &cl[i]);
	}
	t0 = stats_now_us();
	for (int i = 0; i < n; i++)
		cl[i].until_us = t0 + (int64_t)(secs * 1e6);
	pthread_barrier_wait(&go);
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	t1 = stats_now_us();
	printf("\nphase %s (%s), %d clients, %.1f s\n", s_phases[phase].name, s_phases[phase].what, n, (t1 - t0) / 1e6);
	printf("  %-18s %9s %9s %8s %8s %8s %7s %9s\n", "operation", "count", "req/s", "p50 ms", "p95 ms", "p99 ms",
	       "errors", "reply B");
	for (int op = 0; op < OP__COUNT; op++) {
		size_t got = 0;
		proto_err_t err = E_OK;
		for (int i = 0; i < n; i++) {
			err = cl[i].st[op].errors ? cl[i].last_err[op] : err;
			stats_merge(&all[op], &cl[i].st[op]);
			stats_free(&cl[i].st[op]);
			got += cl[i].op_bytes[op];
		}
		if (!all[op].n && !all[op].errors)
			continue;
		*(s_ops[op].write ? &nwrite : &nread) += all[op].n;
		printf("  %-18s %9zu %9.1f %8.2f %8.2f %8.2f %7zu %9zu\n", s_ops[op].name, all[op].n,
		       all[op].n / ((t1 - t0) / 1e6), stats_pct_ms(&all[op], 50), stats_pct_ms(&all[op], 95),
		       stats_pct_ms(&all[op], 99), all[op].errors, got / (all[op].n + all[op].errors));
		if (err != E_OK)
			printf("  %-18s answered %s\n", "", proto_err_code(err));
	}
	{
		stats_t tot = {0};
		for (int op = 0; op < OP__COUNT; op++) {
			stats_merge(&tot, &all[op]);
			stats_free(&all[op]);
		}
		printf("  %-18s %9zu %9.1f %8.2f %8.2f %8.2f %7zu\n", "all", tot.n, tot.n / ((t1 - t0) / 1e6),
		       stats_pct_ms(&tot, 50), stats_pct_ms(&tot, 95), stats_pct_ms(&tot, 99), tot.errors);
		stats_free(&tot);
	}
	for (int i = 0; i < n; i++) {
		bout += cl[i].conn.bytes_out;
		bin += cl[i].conn.bytes_in;
		nreq += cl[i].conn.requests;
	}
	if (nreq)
		printf("  mean frame: request %zu B, reply+events %zu B\n", bout / nreq, bin / nreq);
	if (nreq && cpu0 >= 0 && proc_cpu(daemon) >= 0)
		printf("  congvud CPU: %.0f %% of one core, %.0f us per request\n",
		       100 * (proc_cpu(daemon) - cpu0) / ((t1 - t0) / 1e6), 1e6 * (proc_cpu(daemon) - cpu0) / (double)nreq);
	if (nreq && own0 >= 0) /* the clients share the machine with the daemon */
		printf("  the %d clients' CPU: %.0f %% of one core, %.0f us per request\n", n,
		       100 * (proc_cpu(getpid()) - own0) / ((t1 - t0) / 1e6), 1e6 * (proc_cpu(getpid()) - own0) / (double)nreq);
	*reads = nread / ((t1 - t0) / 1e6);
	*writes = nwrite / ((t1 - t0) / 1e6);
	if (req_b && nreq) {
		*req_b = bout / nreq;
		*rep_b = bin / nreq;
	}
	pthread_barrier_destroy(&go);
	free(th);
}

/* Each client receives seed dossiers and assigns its unit TASK_SEED tasks
 * (not timed), in parallel. */
static void *s_seed_run(void *arg)
{
	client_t *c = arg;
	for (int k = 0; k < c->seed; k++)
		if (s_receive(c) == E_TIMEOUT)
			return NULL;
	for (int k = 0; k < TASK_SEED; k++)
		if (s_assign(c, k) != E_OK)
			break;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *endpoint, *keyfile, *dir, *phases = argc > 6 ? argv[6] : "read,mix,write,ceilings";
	char server_pub[KEY_Z85_LEN + 1], path[4096];
	int n, first = 0, seed = argc > 7 ? atoi(argv[7]) : 20, rc = EX_OK;
	double secs, r[N_OF(s_phases)] = {0}, w[N_OF(s_phases)] = {0}, echo, commits, own0, own1;
	size_t req_b = 64, rep_b = 1024;
	client_t *cl;
	void *ctx;
	stats_t echo_lat = {0};

	setvbuf(stdout, NULL, _IOLBF, 0); /* progress shows as it happens, even into a file */
	if (argc < 6) {
		fprintf(stderr, "usage: congvu-load ENDPOINT SERVER_KEY_FILE CLIENT_DIR N SECS "
		                "[read,write,mix,scale,ceilings] [SEED]\n");
		return EX_USAGE;
	}
	endpoint = argv[1];
	keyfile = argv[2];
	dir = argv[3];
	n = atoi(argv[4]);
	if (strchr(argv[4], '+')) {
		first = n;
		n = atoi(strchr(argv[4], '+') + 1);
	}
	secs = atof(argv[5]);
	if (n < 1 || secs <= 0 || keys_read_pub(keyfile, server_pub) != 0) {
		fprintf(stderr, "congvu-load: bad arguments or server key %s\n", keyfile);
		return EX_USAGE;
	}
	ctx = zmq_ctx_new();
	cl = calloc((size_t)n, sizeof *cl);
	for (int i = 0; i < n; i++) {
		json_t *me = NULL;
		snprintf(path, sizeof path, "%s/client-%d/config/congvu/device.key", dir, first + i);
		cl[i].idx = i;
		cl[i].rng = 0x9e3779b9u * (unsigned)(i + 1);
		cl[i].own = calloc(MAX_OWN, sizeof *cl[i].own);
		if (conn_open(&cl[i].conn, ctx, endpoint, server_pub, path) != 0)
			return EX_NOINPUT;
		cl[i].conn.next_id = ((uint64_t)(i + 1) << 40) | (uint64_t)getpid();
		if (s_call(&cl[i], MSG_hello,
		           json_pack("{s:i, s:s}", "version", PROTO_VERSION, "client", "congvu-load"), NULL) != E_OK ||
		    s_call(&cl[i], MSG_whoami, json_object(), &me) != E_OK) {
			fprintf(stderr, "congvu-load: client %d is not enrolled and logged in\n", i);
			return EX_NOPERM;
		}
		snprintf(cl[i].unit, sizeof cl[i].unit, "%s", json_string_value(json_object_get(me, "unit")) ?: "");
		json_decref(me);
	}
	if (!strstr(phases, "scale")) { /* seed: every client has dossiers of its own to show and act on */
		pthread_t *th = calloc((size_t)n, sizeof *th);
		for (int i = 0; i < n; i++) {
			cl[i].seed = seed;
			pthread_create(&th[i], NULL, s_seed_run, &cl[i]);
		}
		int ntask = 0;
		for (int i = 0; i < n; i++) {
			pthread_join(th[i], NULL);
			ntask += cl[i].ntask;
		}
		free(th);
		printf("seeded %d dossiers per client; %d tasks assigned to the clients' units\n", seed, ntask);
	}
	/* in the order given: "read,mix,write" runs the office mix on a realistic
	 * office, "read,write,mix" after the write phase has piled thousands
	 * of open dossiers into each commune's queue (a stress case) */
	for (const char *at = phases; *at; at += strcspn(at, ","), at += *at == ',') {
		size_t len = strcspn(at, ",");
		for (int p = 0; p < (int)N_OF(s_phases); p++)
			if (strlen(s_phases[p].name) == len && strncmp(at, s_phases[p].name, len) == 0)
				s_phase(cl, n, secs, p, &r[p], &w[p], p == 0 ? &req_b : NULL, p == 0 ? &rep_b : NULL);
	}
	for (int i = 0; i < n; i++) {
		zmq_close(cl[i].conn.sock);
		free(cl[i].own);
	}
	free(cl);
	zmq_ctx_term(ctx);
	if (!strstr(phases, "ceilings"))
		return rc;

	/* the ceilings, measured now that congvud is idle */
	snprintf(path, sizeof path, "%s", dir);
	commits = ceiling_sqlite(path, secs);
	own0 = proc_cpu(getpid());
	echo = ceiling_echo(n, secs, req_b, rep_b, &echo_lat);
	own1 = proc_cpu(getpid());
	printf("\nceilings on this machine, %d clients, %.1f s each\n", n, secs);
	printf("  CURVE DEALER/ROUTER echo (%zu B up, %zu B down): %.1f req/s, p50 %.2f ms, p99 %.2f ms\n", req_b,
	       rep_b, echo, stats_pct_ms(&echo_lat, 50), stats_pct_ms(&echo_lat, 99));
	if (echo > 0 && own0 >= 0) /* server thread and clients in this process */
		printf("    echo server + clients: %.0f us of CPU per request\n", 1e6 * (own1 - own0) / (echo * secs));
	printf("  SQLite single-row commits, WAL, synchronous=FULL: %.1f commits/s\n", commits);
	stats_free(&echo_lat);
	printf("\nratios (target: reads >= 0.50 x echo, writes >= 0.80 x commits)\n");
	if (r[0] > 0)
		printf("  read phase:  %.1f reads/s  = %.3f x echo ceiling\n", r[0], echo > 0 ? r[0] / echo : 0);
	if (w[1] > 0)
		printf("  write phase: %.1f writes/s = %.3f x commit ceiling\n", w[1],
		       commits > 0 ? w[1] / commits : 0);
	if (r[2] + w[2] > 0)
		printf("  mix phase:   %.1f reads/s + %.1f writes/s\n", r[2], w[2]);
	return rc;
}
