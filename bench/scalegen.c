/* scalegen.c — congvu-scalegen: grows a data directory to a province's
 * year through the daemon's own handlers (srv_dispatch: the same checks,
 * transactions, audit rows and remembered replies as requests from the
 * wire), with the clock of each request set to when it happened. The
 * tests' three-tier province (`congvud admin DIR demo tests/fixtures`, as
 * bench/scale seeds it) must be there first; units, officials,
 * dossiers and tasks (scaletasks.c) are added to it. Each part is added
 * only when it is missing, so a directory generated before tasks existed
 * gets its tasks and nothing else.
 *
 * congvu-scalegen DIR [UNITS] [USERS] [DOSSIERS] [DAYS] [TASKS]
 *   defaults 1000 units, 5000 officials, 500000 dossiers and 50000 tasks
 *   over 365 days ending now. Dossiers received in the last ~10 working
 *   days are left part-way through their steps, so queues hold a live
 *   backlog; so are the tasks whose next step falls after now. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "catalog.h"
#include "db.h"
#include "forms.h"
#include "keys.h"
#include "names.h"
#include "scalegen.h"
#include "server.h"
#include "stats.h"

#define LOCAL (7 * 3600)
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define ROLE_SLOTS 3 /* clerk, specialist, leader */

static store_t *s_db;
static const srv_config_t *s_cfg;
static unsigned s_rng = 20261127;
static gen_actor_t *s_actors; /* [unit_id * ROLE_SLOTS + slot] */
static int64_t s_max_unit;
static uint64_t s_req = 1;
static size_t s_failed;
static int64_t s_device;     /* the one terminal every generated request comes from */
static char s_principal[32]; /* "d:<s_device>" */

unsigned gen_rand(unsigned n)
{
	return n ? (unsigned)rand_r(&s_rng) % n : 0;
}

static void s_name(char *out, size_t n)
{
	names_person(out, n, &s_rng);
}

json_t *gen_run(const gen_actor_t *a, int64_t now, proto_msg_t msg, json_t *body)
{
	srv_ctx_t c = {.db = s_db, .cfg = s_cfg, .now = now};
	json_t *out = NULL;
	proto_err_t e;

	if (a) {
		c.principal = s_principal;
		c.device_id = s_device;
		c.user_id = a->user_id;
		snprintf(c.username, sizeof c.username, "%s", a->username);
		c.roles = a->roles;
		c.unit_id = a->unit_id;
		snprintf(c.unit_path, sizeof c.unit_path, "%s", a->path);
	} else {
		c.principal = "console";
		c.console = true;
	}
	e = srv_dispatch(&c, proto_def(msg), a ? s_req++ : 0, body, &out);
	json_decref(body);
	json_decref(c.events);
	if (e == E_OK)
		return out;
	if (s_failed++ < 10)
		fprintf(stderr, "scalegen: %s failed: %s %s\n", proto_def(msg)->name, proto_err_code(e),
		        json_string_value(json_object_get(out, "detail")) ?: "");
	json_decref(out);
	return NULL;
}

/* --- the organisation --- */

static int s_slot(int role)
{
	return role == ROLE_CLERK ? 0 : role == ROLE_SPECIALIST ? 1 : role == ROLE_LEADER ? 2 : -1;
}

/* Index every official by (unit, role) so each step finds its handler. */
static void s_load_actors(void)
{
	sqlite3_stmt *st = db_q(s_db,
	                        "SELECT u.id, u.username, u.roles, u.unit_id, t.path FROM users u JOIN units t "
	                        "ON t.id = u.unit_id WHERE u.disabled = 0 ORDER BY u.id",
	                        "");

	s_max_unit = db_int(s_db, "SELECT max(id) FROM units", 0, "");
	free(s_actors);
	s_actors = calloc((size_t)(s_max_unit + 1) * ROLE_SLOTS, sizeof *s_actors);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int roles = sqlite3_column_int(st, 2);
		int64_t unit = sqlite3_column_int64(st, 3);
		for (int r = 1; r <= ROLE_CLERK; r <<= 1) {
			gen_actor_t *a;
			if (!(roles & r) || s_slot(r) < 0 || unit > s_max_unit)
				continue;
			a = &s_actors[unit * ROLE_SLOTS + s_slot(r)];
			if (a->user_id)
				continue; /* the first one handles the unit's steps */
			a->user_id = sqlite3_column_int64(st, 0);
			snprintf(a->username, sizeof a->username, "%s", (const char *)sqlite3_column_text(st, 1));
			a->roles = roles;
			a->unit_id = unit;
			snprintf(a->path, sizeof a->path, "%s", (const char *)sqlite3_column_text(st, 4));
		}
	}
	if (st)
		sqlite3_reset(st);
}

const gen_actor_t *gen_actor(int64_t unit, int role)
{
	const gen_actor_t *a;

	if (unit < 0 || unit > s_max_unit || s_slot(role) < 0)
		return NULL;
	a = &s_actors[unit * ROLE_SLOTS + s_slot(role)];
	return a->user_id ? a : NULL;
}

static int s_user(int64_t now, const char *username, const char *unit, const char *roles_csv)
{
	char name[128];
	json_t *roles = json_array(), *r;
	char buf[64], *save = NULL;

	snprintf(buf, sizeof buf, "%s", roles_csv);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(roles, json_string(t));
	s_name(name, sizeof name);
	r = gen_run(NULL, now, MSG_user_add,
	            json_pack("{s:s, s:s, s:s, s:o, s:s}", "username", username, "name", name, "unit", unit, "roles",
	                      roles, "password", "congvu2026"));
	json_decref(r);
	return r ? 0 : -1;
}

/* The generated units of one level, in the order they were added (read
 * back from the database, so a second run sees the first one's). */
static void s_units(gen_units_t *out, const char *level, const char *name_like)
{
	sqlite3_stmt *st = db_q(s_db,
	                        "SELECT code, id, coalesce(parent_id, 0) FROM units WHERE level = ? AND name LIKE ? "
	                        "ORDER BY id",
	                        "ss", level, name_like);
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		gen_unit_t *u;
		if (out->n == cap)
			out->u = realloc(out->u, (cap = cap ? cap * 2 : 256) * sizeof *out->u);
		u = &out->u[out->n++];
		snprintf(u->code, sizeof u->code, "%s", (const char *)sqlite3_column_text(st, 0));
		u->id = sqlite3_column_int64(st, 1);
		u->parent = sqlite3_column_int64(st, 2);
	}
	if (st)
		sqlite3_reset(st);
}

#define DISTRICT_NAME "Ủy ban nhân dân huyện Thử "
#define COMMUNE_NAME "Ủy ban nhân dân xã Thử "

/* Districts under the province, communes under them, until there are
 * `units` units; every district and commune gets a clerk, a specialist and
 * a leader; more specialists in the district offices fill up to `users`. */
static void s_org(int64_t now, int units, int users)
{
	int have = (int)db_int(s_db, "SELECT count(*) FROM units", 0, "");
	int people = (int)db_int(s_db, "SELECT count(*) FROM users", 0, "");
	char code[32], parent[32], uname[32], name[160];
	int district = 20, commune = 96; /* the demo uses districts 15-17 */
	int64_t t0 = stats_now_us();

	while (have < units) {
		json_t *r;
		if (commune == 96) {
			district++;
			commune = 0;
			snprintf(parent, sizeof parent, "000.00.%02d.H12", district);
			snprintf(name, sizeof name, DISTRICT_NAME "%d", district);
			r = gen_run(NULL, now, MSG_unit_add,
			            json_pack("{s:s, s:s, s:s, s:s}", "code", parent, "name", name, "level", "huyện",
			                      "parent", "000.00.00.H12"));
			json_decref(r);
			have++;
			for (int k = 0; k < 3; k++) {
				snprintf(uname, sizeof uname, "h%02d.%s", district,
				         (const char *[]){"vt", "cv", "ld"}[k]);
				people += s_user(now, uname, parent,
				                 (const char *[]){"clerk", "specialist", "leader"}[k]) == 0;
			}
			continue;
		}
		commune++;
		snprintf(code, sizeof code, "000.%02d.%02d.H12", commune, district);
		snprintf(name, sizeof name, COMMUNE_NAME "%d-%d", district, commune);
		r = gen_run(
		    NULL, now, MSG_unit_add,
		    json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", name, "level", "xã", "parent", parent));
		json_decref(r);
		have++;
		for (int k = 0; k < 3; k++) {
			snprintf(uname, sizeof uname, "x%02d%02d.%s", district, commune,
			         (const char *[]){"vt", "cv", "ld"}[k]);
			people += s_user(now, uname, code, (const char *[]){"clerk", "specialist", "leader"}[k]) == 0;
		}
		if (have % 100 == 0)
			fprintf(stderr, "scalegen: %d units, %d officials (%.0f s)\n", have, people,
			        (stats_now_us() - t0) / 1e6);
	}
	/* more specialists in the district offices */
	for (int k = 0; people < users && district > 20; k++) {
		snprintf(uname, sizeof uname, "cv%05d", k);
		snprintf(parent, sizeof parent, "000.00.%02d.H12", 21 + k % (district - 20));
		people += s_user(now, uname, parent, "specialist") == 0;
		if (people % 500 == 0)
			fprintf(stderr, "scalegen: %d officials (%.0f s)\n", people, (stats_now_us() - t0) / 1e6);
	}
	/* as the demo console does: generated officials need no first change */
	db_exec(s_db, "UPDATE users SET must_change = 0", "");
}

/* Enroll one provincial terminal the way a client does: an invite from
 * the console, then enroll with a fresh key. 0 on success. */
static int s_enroll(int64_t now)
{
	json_t *inv = gen_run(NULL, now, MSG_device_invite, json_pack("{s:s}", "unit", "000.00.00.H12")), *r;
	char plain[1024], principal[64];
	size_t len = 0;
	const char *b64 = json_string_value(json_object_get(inv, "invite")), *token;
	srv_ctx_t c = {.db = s_db, .cfg = s_cfg, .now = now};
	keypair_t kp;
	proto_err_t e = E_INTERNAL;

	if (b64 && strncmp(b64, "congvu1:", 8) == 0)
		b64 += 8;
	if (b64 && keys_generate(&kp) == 0 &&
	    sodium_base642bin((unsigned char *)plain, sizeof plain - 1, b64, strlen(b64), NULL, &len, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
	    (plain[len] = 0, token = strrchr(plain, '\n')) != NULL) {
		snprintf(principal, sizeof principal, "k:%s", kp.pub);
		c.principal = principal;
		c.device_key = kp.pub;
		json_t *body = json_pack("{s:s}", "token", token + 1);
		e = srv_dispatch(&c, proto_def(MSG_enroll), 0, body, &r);
		json_decref(body);
		if (e == E_OK) {
			s_device = json_integer_value(json_object_get(r, "device"));
			snprintf(s_principal, sizeof s_principal, "d:%lld", (long long)s_device);
		}
		json_decref(r);
		json_decref(c.events);
	}
	json_decref(inv);
	return e == E_OK && s_device ? 0 : -1;
}

/* --- dossiers --- */

/* Field values that pass the procedure's own checks. */
static json_t *s_fields(const procedure_t *p)
{
	json_t *o = json_object();
	char v[160];

	for (unsigned i = 0; i < p->nfields; i++) {
		const form_field_t *f = &p->fields[i];
		switch (f->type) {
		case FT_TEXT:
			if (f->pattern)
				snprintf(v, sizeof v, "%u", 1 + gen_rand(999));
			else if (f->applicant || strstr(f->name, "name"))
				s_name(v, sizeof v);
			else
				snprintf(v, sizeof v, "Số %u, đường %s, khóm %u", 1 + gen_rand(300),
				         names_given(&s_rng), 1 + gen_rand(9));
			break;
		case FT_NUMBER:
			snprintf(v, sizeof v, "%lld", (long long)(f->min > 0 ? f->min : 1));
			break;
		case FT_MONEY:
			snprintf(v, sizeof v, "%lld", (long long)(f->min > 1000000 ? f->min : 1000000));
			break;
		case FT_MONTH: /* not a procedure's */
			snprintf(v, sizeof v, "2026-%02u", 1 + gen_rand(12));
			break;
		case FT_DATE:
			snprintf(v, sizeof v, "19%02u-%02u-%02u", 50 + gen_rand(50), 1 + gen_rand(12),
			         1 + gen_rand(28));
			break;
		case FT_CHOICE:
			snprintf(v, sizeof v, "%s", f->choices[gen_rand(f->nchoices)]);
			break;
		case FT_CITIZEN_ID:
			/* Cà Mau, born in the 1900s (0: a man, 1: a woman) between 1940 and 1999 */
			snprintf(v, sizeof v, "096%u%02u%06u", gen_rand(2), 40 + gen_rand(60), gen_rand(1000000));
			break;
		case FT_PHONE:
			snprintf(v, sizeof v, "09%08u", gen_rand(100000000));
			break;
		case FT_EMAIL:
			snprintf(v, sizeof v, "dan%u@example.vn", gen_rand(100000));
			break;
		}
		json_object_set_new(o, f->name, json_string(v));
	}
	return o;
}

int64_t gen_working(int64_t t)
{
	for (;;) {
		time_t local = (time_t)(t + LOCAL);
		struct tm tm;
		int min;
		gmtime_r(&local, &tm);
		min = tm.tm_hour * 60 + tm.tm_min;
		if (tm.tm_wday == 0 || tm.tm_wday == 6 || min >= 17 * 60)
			t += (24 * 60 - min + 7 * 60 + 30) * 60; /* tomorrow 07:30 */
		else if (min < 7 * 60 + 30)
			t += (7 * 60 + 30 - min) * 60;
		else
			return t;
	}
}

/* Carry code through its steps at times after t; stop after `acts`
 * actions (-1: to the end, delivered). */
static void s_walk(const char *code, int64_t t, int acts)
{
	for (int k = 0; acts < 0 || k < acts; k++) {
		sqlite3_stmt *st = db_q(
		    s_db, "SELECT state, handler_unit, handler_role, unit_id FROM dossiers WHERE code = ?", "s", code);
		char state[32] = "";
		int64_t hunit = 0, unit = 0;
		int role = 0;
		const gen_actor_t *a;
		json_t *r;

		if (st && sqlite3_step(st) == SQLITE_ROW) {
			const char *hr = (const char *)sqlite3_column_text(st, 2);
			snprintf(state, sizeof state, "%s", (const char *)sqlite3_column_text(st, 0));
			hunit = sqlite3_column_int64(st, 1);
			role = !hr                     ? 0
			       : !strcmp(hr, "clerk")  ? ROLE_CLERK
			       : !strcmp(hr, "leader") ? ROLE_LEADER
			                               : ROLE_SPECIALIST;
			unit = sqlite3_column_int64(st, 3);
		}
		if (st)
			sqlite3_reset(st);
		t = gen_working(t + 600 + gen_rand(6 * 3600)); /* ten minutes to a working day later */
		if (!strcmp(state, "processing") && (a = gen_actor(hunit, role)) != NULL)
			r = gen_run(a, t, MSG_dossier_act, json_pack("{s:s, s:s}", "code", code, "action", "submit"));
		else if (!strcmp(state, "result") && (a = gen_actor(unit, ROLE_CLERK)) != NULL)
			r = gen_run(a, t, MSG_dossier_act, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", code, "action", "deliver",
			                                                  "collector", "Người nhận", "collector_id", "079123456789",
			                                                  "method", "desk"));
		else
			return;
		if (!r)
			return;
		json_decref(r);
	}
}

/* Receptions spread evenly over the working time of start..end, in order;
 * each dossier then walks its steps over the following hours. */
static int s_dossiers(long dossiers, int64_t start, int64_t end, const gen_units_t *communes,
                      const gen_units_t *districts)
{
	const procedure_t *procs[64];
	unsigned nprocs = forms_procedures(catalog_forms(), end, procs, N_OF(procs));
	int64_t t0 = stats_now_us();
	size_t done = 0;

	if (dossiers <= 0)
		return EX_OK;
	if (!nprocs) {
		fprintf(stderr, "scalegen: no procedures\n");
		return EX_DATAERR;
	}
	for (long i = 0; i < dossiers; i++) {
		int64_t t =
		    gen_working(start + (int64_t)((double)i / (double)dossiers * (double)(end - start - 86400)));
		const procedure_t *p = procs[gen_rand(nprocs)];
		/* building permits are a district's; the rest start at a commune */
		const gen_units_t *desks = strcmp(p->code, "xay-dung-nha-o") ? communes : districts;
		const gen_actor_t *clerk = gen_actor(desks->u[gen_rand((unsigned)desks->n)].id, ROLE_CLERK);
		json_t *r;

		if (!clerk)
			continue;
		r = gen_run(clerk, t, MSG_dossier_receive,
		            json_pack("{s:s, s:o}", "procedure", p->code, "fields", s_fields(p)));
		if (r) {
			/* the last two weeks are still in hand */
			int acts = end - t < 14 * 86400 ? (int)gen_rand(3) : -1;
			s_walk(json_string_value(json_object_get(r, "code")), t, acts);
			json_decref(r);
			done++;
		}
		if ((i + 1) % 10000 == 0)
			fprintf(stderr, "scalegen: %ld dossiers (%.0f s)\n", i + 1, (stats_now_us() - t0) / 1e6);
	}
	printf("scalegen: %zu dossiers received, %.0f s\n", done, (stats_now_us() - t0) / 1e6);
	return EX_OK;
}

/* Do the generated units (u, by name) have dossiers, or tasks they lead? */
static const char DOSSIERS_OF_GENERATED[] =
    "SELECT EXISTS(SELECT 1 FROM units u WHERE (u.name LIKE ?1 OR u.name LIKE ?2) "
    "AND EXISTS(SELECT 1 FROM dossiers d WHERE d.unit_id = u.id))";
static const char TASKS_OF_GENERATED[] = "SELECT EXISTS(SELECT 1 FROM units u WHERE (u.name LIKE ?1 OR u.name LIKE ?2) "
                                         "AND EXISTS(SELECT 1 FROM tasks t WHERE t.lead_unit = u.id))";
static bool s_has(const char *sql)
{
	return db_int(s_db, sql, 0, "ss", DISTRICT_NAME "%", COMMUNE_NAME "%") > 0;
}

int main(int argc, char **argv)
{
	srv_config_t cfg;
	int units = argc > 2 ? atoi(argv[2]) : 1000, users = argc > 3 ? atoi(argv[3]) : 5000;
	long dossiers = argc > 4 ? atol(argv[4]) : 500000, days = argc > 5 ? atol(argv[5]) : 365;
	long tasks = argc > 6 ? atol(argv[6]) : 50000;
	int64_t end = time(NULL), start = end - days * 86400, t0 = stats_now_us();
	gen_units_t communes, districts;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: congvu-scalegen DIR [UNITS] [USERS] [DOSSIERS] [DAYS] [TASKS]\n");
		return EX_USAGE;
	}
	if ((rc = server_open(argv[1], &cfg, &s_db)) != 0)
		return rc;
	s_cfg = &cfg;
	s_org(start, units, users);
	s_load_actors();
	s_units(&communes, "xã", COMMUNE_NAME "%");
	s_units(&districts, "huyện", DISTRICT_NAME "%");
	if (!communes.n || !districts.n) {
		fprintf(stderr, "scalegen: no generated communes or districts\n");
		return EX_DATAERR;
	}
	/* what is there already: the generated units' dossiers, their tasks */
	if (s_has(DOSSIERS_OF_GENERATED)) {
		fprintf(stderr, "scalegen: the generated units have dossiers already: none added\n");
		dossiers = 0;
	}
	if (s_has(TASKS_OF_GENERATED)) {
		fprintf(stderr, "scalegen: the generated units have tasks already: none added\n");
		tasks = 0;
	}
	if (dossiers <= 0 && tasks <= 0)
		rc = EX_OK;
	else if (s_enroll(start) != 0) {
		fprintf(stderr, "scalegen: could not enroll a terminal\n");
		rc = EX_SOFTWARE;
	} else {
		fprintf(stderr, "scalegen: organisation ready: %lld units, %lld officials (%.0f s)\n",
		        (long long)db_int(s_db, "SELECT count(*) FROM units", 0, ""),
		        (long long)db_int(s_db, "SELECT count(*) FROM users", 0, ""), (stats_now_us() - t0) / 1e6);
		rc = s_dossiers(dossiers, start, end, &communes, &districts);
		if (rc == EX_OK && tasks > 0) {
			size_t n = gen_tasks(tasks, start, end, &districts, &communes);
			printf("scalegen: %zu tasks assigned, %.0f s\n", n, (stats_now_us() - t0) / 1e6);
			rc = n ? EX_OK : EX_SOFTWARE;
		}
		printf("scalegen: %zu requests refused\n", s_failed);
	}
	free(communes.u);
	free(districts.u);
	free(s_actors);
	store_close(&s_db);
	catalog_free();
	return rc;
}
