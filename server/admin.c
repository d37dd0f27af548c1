/* admin.c — the server console: `congvud init DIR`, opening a data
 * directory, and `congvud admin DIR ...`. Console commands that mirror a
 * protocol message run the very same handler as the wire does, through
 * srv_dispatch with the console as actor; the rest (audit verify, backup,
 * demo) exist only here. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "audit.h"
#include "catalog.h"
#include "clock.h"
#include "keys.h"
#include "render.h"
#include "server.h"
#include "store/org.h"
#include "document.h"
#include "task.h"
#include "figures_demo.h" /* figures */
#include "figures.h"      /* figures */
#include "figures_roll.h" /* figures */

int server_path(char *out, size_t n, const char *dir, const char *name)
{
	return snprintf(out, n, "%s/%s", dir, name) < (int)n ? 0 : -1;
}

int server_forms_check(int argc, char **argv)
{
	char *errors = NULL, path[4096], err[1024];
	forms_t *f;
	wt_calendar_t *cal;
	int rc = EX_OK;

	if (argc != 2) {
		fprintf(stderr, "Cách dùng: congvud forms check DIR\n");
		return EX_USAGE;
	}
	snprintf(path, sizeof path, "%s/calendar", argv[1]);
	if (!(cal = wt_load(path, err, sizeof err))) {
		fprintf(stderr, "%s\n", err);
		rc = EX_DATAERR;
	}
	wt_free(&cal);
	if (!(f = forms_load(argv[1], &errors))) {
		fputs(errors ? errors : "?\n", stderr);
		rc = EX_DATAERR;
	}
	free(errors);
	if (rc == EX_OK) {
		const procedure_t *ps[256];
		unsigned n = forms_procedures(f, clock_now(), ps, 256);
		printf("%s: %u thủ tục đang áp dụng, lịch làm việc hợp lệ.\n", argv[1], n);
	}
	forms_free(&f);
	return rc;
}

int server_init(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : NULL;
	char path[4096], err[512];
	keypair_t kp;
	store_t *db;

	if (!dir || argc > 2) {
		fprintf(stderr, "Cách dùng: congvud init DIR\n");
		return EX_USAGE;
	}
	if (mkdir(dir, 0700) != 0) {
		fprintf(stderr, "congvud: không tạo được %s: %s%s\n", dir, strerror(errno),
			errno == EEXIST ? " (không ghi đè thư mục đã có)" : "");
		return EX_CANTCREAT;
	}
	chmod(dir, 0700);
	server_path(path, sizeof path, dir, "server.key");
	if (keys_generate(&kp) != 0 || keys_save(&kp, path) != 0) {
		fprintf(stderr, "congvud: không tạo được khóa máy chủ: %s\n", strerror(errno));
		return EX_CANTCREAT;
	}
	server_path(path, sizeof path, dir, "congvu.db");
	if (!(db = store_open(path, 1, err, sizeof err))) {
		fprintf(stderr, "congvud: %s\n", err);
		return EX_CANTCREAT;
	}
	chmod(path, 0600);
	store_close(&db);
	if (srv_config_write_default(dir) != 0) {
		fprintf(stderr, "congvud: không ghi được config.json\n");
		return EX_CANTCREAT;
	}
	fprintf(stderr, "Đã tạo thư mục dữ liệu %s. Khóa công khai của máy chủ:\n", dir);
	printf("%s\n", kp.pub);
	return EX_OK;
}

/* server_open without forms/: the configuration, the key and the
 * database, enough for every console command that does not read the
 * procedures, workflows or calendar. */
static int s_open(const char *dir, srv_config_t *cfg, store_t **db)
{
	char path[4096], err[512];
	keypair_t kp;
	struct stat st;
	int k;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "congvud: %s không phải thư mục dữ liệu (tạo bằng: congvud init %s)\n", dir, dir);
		return EX_NOINPUT;
	}
	if (srv_config_load(cfg, dir, err, sizeof err) != 0) {
		fprintf(stderr, "congvud: %s\n", err);
		return EX_CONFIG;
	}
	server_path(path, sizeof path, dir, "server.key");
	if ((k = keys_load(&kp, path)) != 0) {
		fprintf(stderr,
			k == -2 ? "congvud: từ chối chạy: khóa bí mật %s có thể bị người khác đọc (cần chmod 600)\n"
				: "congvud: không đọc được khóa máy chủ %s\n",
			path);
		return EX_CONFIG;
	}
	memcpy(cfg->server_pub, kp.pub, sizeof cfg->server_pub);
	sodium_memzero(&kp, sizeof kp);
	server_path(path, sizeof path, dir, "congvu.db");
	if (!(*db = store_open(path, 0, err, sizeof err))) {
		fprintf(stderr, "congvud: %s\n", err);
		return EX_NOINPUT;
	}
	return 0;
}

/* Load cfg's forms/ into the catalog; on an error print it, close *db and
 * return EX_CONFIG. */
static int s_open_forms(const srv_config_t *cfg, store_t **db)
{
	char *errors = NULL;

	if (catalog_load(cfg->forms, *db, &errors) == 0) {
		/* figures: the roll-ups follow forms/indicators' rules */
		if (figures_roll_sync(*db, figures_set()) < 0)
			fprintf(stderr, "congvud: không dựng lại được số liệu tổng hợp (chỉ tiêu kinh tế - xã hội)\n");
		return 0;
	}
	fprintf(stderr, "congvud: thủ tục, quy trình hoặc lịch trong %s có lỗi:\n%s", cfg->forms, errors ? errors : "");
	free(errors);
	store_close(db);
	return EX_CONFIG;
}

int server_open(const char *dir, srv_config_t *cfg, store_t **db)
{
	int rc = s_open(dir, cfg, db);
	return rc ? rc : s_open_forms(cfg, db);
}

/* --- console-only commands --- */

typedef struct {
	store_t *db;
	srv_config_t *cfg;
	const char *dir;
	bool json;
} console_t;

static int s_audit_verify(console_t *k, int argc, char **argv)
{
	int64_t rows = 0, bad = 0;
	int rc;
	(void)argc;
	(void)argv;
	rc = audit_verify(k->db, &rows, &bad);
	if (k->json)
		printf("{\"ok\":%s,\"rows\":%lld,\"bad_row\":%lld}\n", rc == 0 ? "true" : "false", (long long)rows,
		       (long long)bad);
	else if (rc == 0)
		printf("Nhật ký kiểm toán nguyên vẹn: %lld dòng.\n", (long long)rows);
	else if (bad == 0)
		printf("NHẬT KÝ KIỂM TOÁN BỊ SỬA HOẶC XÓA: các dòng cuối (sau dòng %lld) đã mất.\n", (long long)rows);
	else
		printf("NHẬT KÝ KIỂM TOÁN BỊ SỬA HOẶC XÓA tại dòng %lld.\n", (long long)bad);
	return rc == 0 ? EX_OK : EX_DATAERR;
}

/* figures: the roll-ups kept as figures are written, against a
 * recomputation from scratch (check), or made again from scratch
 * (rebuild). */
static int s_figures_rollups(console_t *k, int argc, char **argv)
{
	bool rebuild = argc == 1 && strcmp(argv[0], "rebuild") == 0;
	long diffs;

	if (argc > 1 || (argc == 1 && !rebuild && strcmp(argv[0], "check") != 0)) {
		fprintf(stderr, "Cách dùng: congvud admin DIR figures rollups [check|rebuild]\n");
		return EX_USAGE;
	}
	if (rebuild && figures_roll_rebuild(k->db, figures_set()) != 0) {
		fprintf(stderr, "congvud: không dựng lại được số liệu tổng hợp\n");
		return EX_SOFTWARE;
	}
	if ((diffs = figures_roll_check(k->db, figures_set(), k->json ? NULL : stdout)) < 0) {
		fprintf(stderr, "congvud: không đọc được số liệu\n");
		return EX_SOFTWARE;
	}
	if (k->json)
		printf("{\"ok\":%s,\"differences\":%ld}\n", diffs ? "false" : "true", diffs);
	else if (diffs == 0)
		printf("Số liệu tổng hợp khớp với tính lại từ đầu.\n");
	else
		printf("SỐ LIỆU TỔNG HỢP SAI: %ld chỗ khác với tính lại từ đầu.\n", diffs);
	return diffs ? EX_DATAERR : EX_OK;
}

static int s_backup(console_t *k, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "Cách dùng: congvud admin DIR backup FILE\n");
		return EX_USAGE;
	}
	if (store_backup(k->db, argv[0]) != STORE_OK) {
		fprintf(stderr, "congvud: sao lưu vào %s không thành công\n", argv[0]);
		return EX_CANTCREAT;
	}
	printf("Đã sao lưu vào %s\n", argv[0]);
	return EX_OK;
}

/* Run one protocol handler as the console; print the outcome. */
static int s_run(console_t *k, const proto_def_t *def, json_t *body, bool quiet)
{
	srv_ctx_t c = {.db = k->db, .cfg = k->cfg, .now = clock_now(), .principal = "console", .console = true};
	json_t *out = NULL;
	proto_err_t e = srv_dispatch(&c, def, 0, body, &out);

	if (e != E_OK)
		fprintf(stderr, "congvud: %s%s%s [%s]\n", proto_err_msg(e), c.bad_field ? ": " : "",
			c.bad_field ? c.bad_field : "", proto_err_code(e));
	else if (!quiet)
		render_reply(stdout, out, k->json ? RENDER_JSON : RENDER_HUMAN);
	json_decref(out);
	json_decref(c.events);
	return e == E_OK ? EX_OK : proto_err_exit(e);
}

static json_t *s_load(const char *dir, const char *name)
{
	char path[4096];
	json_error_t je;
	json_t *j;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
		fprintf(stderr, "congvud: %s: đường dẫn quá dài\n", dir);
		return NULL;
	}
	j = json_load_file(path, 0, &je);
	if (!j)
		fprintf(stderr, "congvud: %s:%d: %s\n", path, je.line, je.text);
	return j;
}

/* Seed the demo province from forms/demo: units, then officials whose demo
 * passwords need no change at first login. */
static int s_demo(console_t *k, int argc, char **argv)
{
	const char *forms = argc > 0 ? argv[0] : k->cfg->forms;
	char dir[4096];
	json_t *units, *users, *x;
	size_t i;
	int rc = EX_OK, ntasks = 0;

	snprintf(dir, sizeof dir, "%s/demo", forms);
	units = s_load(dir, "units.json");
	users = s_load(dir, "users.json");
	if (!units || !users) {
		rc = EX_NOINPUT;
		goto done;
	}
	json_array_foreach(units, i, x)
	{
		json_t *b = json_pack("{s:O, s:O, s:O}", "code", json_object_get(x, "code"), "name",
				      json_object_get(x, "name"), "level", json_object_get(x, "level"));
		if (json_is_string(json_object_get(x, "parent")))
			json_object_set(b, "parent", json_object_get(x, "parent"));
		if (json_is_true(json_object_get(x, "office")))
			json_object_set_new(b, "office", json_true());
		rc = s_run(k, proto_def(MSG_unit_add), b, true);
		json_decref(b);
		if (rc != EX_OK)
			goto done;
	}
	json_array_foreach(users, i, x)
	{
		json_t *b = json_pack("{s:O, s:O, s:O, s:O, s:O}", "username", json_object_get(x, "username"), "name",
				      json_object_get(x, "name"), "unit", json_object_get(x, "unit"), "roles",
				      json_object_get(x, "roles"), "password", json_object_get(x, "password"));
		rc = s_run(k, proto_def(MSG_user_add), b, true);
		json_decref(b);
		if (rc != EX_OK)
			goto done;
		store_user_set_must_change(k->db, json_string_value(json_object_get(x, "username")), false);
	}
	{ /* and work for the board: forms/demo/tasks.json */
		char tasks[4200];
		snprintf(tasks, sizeof tasks, "%s/tasks.json", dir);
		if (access(tasks, R_OK) == 0 && task_demo(k->db, k->cfg, tasks, &ntasks) != 0) {
			rc = EX_DATAERR;
			goto done;
		}
	}
	{ /* figures: socio-economic figures, forms/demo/figures.json */
		char figs[4200];
		json_t *reqs = NULL, *r;
		snprintf(figs, sizeof figs, "%s/figures.json", dir);
		if (access(figs, R_OK) == 0 && !(reqs = figures_demo(figs, clock_now())))
			rc = EX_DATAERR;
		json_array_foreach(reqs, i, r)
		{
			if (rc == EX_OK)
				rc = s_run(k, proto_def((int)json_integer_value(json_array_get(r, 0))), json_array_get(r, 1), true);
		}
		json_decref(reqs);
		if (rc != EX_OK)
			goto done;
	}
	{ /* documents (issue 15): incoming documents, forms/demo/documents.json */
		char docs[4200];
		int ndocs = 0;
		snprintf(docs, sizeof docs, "%s/documents.json", dir);
		if (access(docs, R_OK) == 0 && document_demo(k->db, k->cfg, docs, &ndocs) != 0) {
			rc = EX_DATAERR;
			goto done;
		}
	}
	printf("Đã tạo tỉnh mẫu: %zu đơn vị, %zu cán bộ, %d nhiệm vụ.\n", json_array_size(units), json_array_size(users),
	       ntasks);
done:
	json_decref(units);
	json_decref(users);
	return rc;
}

/* Console commands. `forms`: it reads procedures, workflows or the
 * calendar, so forms/ is loaded before it runs and an error in forms/
 * refuses it; every other command works on a server whose forms/ is
 * broken, which is when the console is needed most. */
static const struct {
	const char *w1, *w2;
	int (*run)(console_t *k, int argc, char **argv);
	bool forms;
	const char *usage;
} s_console[] = {
	{"audit", "verify", s_audit_verify, false, "audit verify          kiểm tra chuỗi băm của nhật ký kiểm toán"},
	{"backup", NULL, s_backup, false, "backup FILE           sao lưu trực tuyến cơ sở dữ liệu"},
	{"demo", NULL, s_demo, true, "demo [FORMS]          tạo tỉnh mẫu từ forms/demo"},
	/* figures */
	{"figures", "rollups", s_figures_rollups, true,
	 "figures rollups [check|rebuild]  so số liệu tổng hợp với tính lại từ đầu (rebuild: dựng lại)"},
};
#define NCONSOLE (sizeof s_console / sizeof s_console[0])

/* The protocol messages the console runs (s_admin_msg) whose handlers read
 * the catalog; the others (units, officials, devices) never do. */
static const proto_msg_t s_msg_forms[] = {MSG_calendar_holiday, MSG_forms_reload};

/* May the console run def: an administrator's message, or the unit list? */
static bool s_admin_msg(const proto_def_t *def)
{
	return def && ((def->flags & P_ADMIN) || def->id == MSG_unit_list);
}

static bool s_msg_needs_forms(const proto_def_t *def)
{
	for (size_t i = 0; i < sizeof s_msg_forms / sizeof s_msg_forms[0]; i++)
		if (def->id == s_msg_forms[i])
			return true;
	return false;
}

static void s_help(FILE *f)
{
	fprintf(f, "Cách dùng: congvud admin DIR LỆNH [--json]\n\nLệnh trên máy chủ:\n");
	for (size_t i = 0; i < NCONSOLE; i++)
		fprintf(f, "  %s\n", s_console[i].usage);
	fprintf(f, "\nLệnh quản trị (giống trên máy khách):\n");
	for (size_t i = 0; i < proto_ndefs; i++)
		if (s_admin_msg(&proto_defs[i]))
			args_usage(f, "  ", &proto_defs[i]);
}

int server_admin(int argc, char **argv)
{
	console_t k = {0};
	srv_config_t cfg;
	int rc, n = 0, used = 0;
	char *args[64];
	const proto_def_t *def;
	json_t *body = NULL;
	char err[256];

	if (argc < 3 || !strcmp(argv[argc - 1], "--help") || !strcmp(argv[2], "help")) {
		s_help(argc < 3 ? stderr : stdout);
		return argc < 3 ? EX_USAGE : EX_OK;
	}
	for (int i = 2; i < argc && n < 63; i++) /* --json anywhere */
		if (!strcmp(argv[i], "--json"))
			k.json = true;
		else
			args[n++] = argv[i];
	args[n] = NULL;
	k.dir = argv[1];
	k.cfg = &cfg;
	if ((rc = s_open(argv[1], &cfg, &k.db)) != 0)
		return rc;
	for (size_t i = 0; i < NCONSOLE; i++)
		if (!strcmp(args[0], s_console[i].w1) &&
		    (!s_console[i].w2 || (n > 1 && !strcmp(args[1], s_console[i].w2)))) {
			int skip = s_console[i].w2 ? 2 : 1;
			if (!s_console[i].forms || (rc = s_open_forms(&cfg, &k.db)) == 0)
				rc = s_console[i].run(&k, n - skip, args + skip);
			goto done;
		}
	def = args_lookup(n, args, &used);
	if (!s_admin_msg(def)) {
		fprintf(stderr, "congvud admin: lệnh không có: %s\n", args[0]);
		s_help(stderr);
		rc = EX_USAGE;
		goto done;
	}
	if (args_parse(def, n - used, args + used, &body, err, sizeof err) != 0 ||
	    args_complete(def, body, err, sizeof err) != 0) {
		fprintf(stderr, "congvud admin: %s\n", err);
		args_usage(stderr, "congvud admin DIR", def);
		rc = EX_USAGE;
		goto done;
	}
	if (s_msg_needs_forms(def) && (rc = s_open_forms(&cfg, &k.db)) != 0)
		goto done;
	rc = s_run(&k, def, body, false);
done:
	json_decref(body);
	store_close(&k.db);
	catalog_free();
	return rc;
}
