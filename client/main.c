/* main.c — congvu: with no arguments the full-screen UI; otherwise a
 * scriptable command. Commands that need more than "send one message and
 * print the reply" (enroll, login, passwd, ping, watch) are in the table
 * below; every other protocol message is a command by itself, parsed and
 * documented from shared/proto_msgs.def. Data goes to stdout, errors to
 * stderr, exit codes follow sysexits(3). */
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "paged.h"
#include "config.h"
#include "attach_cli.h"
#include "document_cli.h"
#include "figures_cli.h" /* figures */
#include "edxml.h"     /* documents: edXML export/import (docx) */
#include "edxml_cli.h"
#include "edxml_files.h"
#include "i18n.h"
#include "pdf.h"
#include "render.h"
#include "report_page.h" /* report: its printed page */
#include "rowset.h"
#include "text.h"
#include "tui/tui.h"
#include "layout.h"

typedef struct {
	bool json;
	render_mode_t mode;
	int timeout_ms;
	conn_cfg_t cfg;
	conn_t *conn;
	bool deltas; /* the TUI's connection: task.changed as deltas */
} cli_t;

static void s_error(const cli_t *k, proto_err_t e, const json_t *body)
{
	const char *field = json_string_value(json_object_get(body, "field"));
	const char *detail = json_string_value(json_object_get(body, "detail"));
	if (k->json) {
		json_t *o = json_pack("{s:s, s:s, s:s?, s:s?}", "error", proto_err_code(e), "message", _(proto_err_msg(e)),
				      "field", field, "detail", detail);
		/* figures.import: every bad row by its line */
		if (json_is_array(json_object_get(body, "errors")))
			json_object_set(o, "errors", json_object_get(body, "errors"));
		render_reply(stderr, o, RENDER_JSON);
		json_decref(o);
	} else {
		/* field and detail come from the server: shown, never obeyed; the
		 * detail in the UI's language when the catalog has it (lang) */
		char *f = field ? text_escape(field, 0) : NULL, *d = detail ? text_escape(i18n_detail(detail), 0) : NULL;
		fprintf(stderr, "congvu: %s%s%s [%s]%s%s\n", _(proto_err_msg(e)), f ? ": " : "", f ? f : "",
			proto_err_code(e), d ? "\n  " : "", d ? d : "");
		free(f);
		free(d);
		{ /* figures.import: every bad row by its line */
			size_t i;
			json_t *x;
			json_array_foreach(json_object_get(body, "errors"), i, x)
			{
				char *l = text_escape(json_string_value(x) ? json_string_value(x) : "", 0);
				fprintf(stderr, "  %s\n", l ? l : "");
				free(l);
			}
		}
	}
}

/* Load the enrolled configuration and connect. A sysexits status. */
static int s_connect(cli_t *k)
{
	char err[512];
	int rc = config_load(&k->cfg, err, sizeof err);
	if (rc != 0) {
		fprintf(stderr, "congvu: %s\n", _(err));
		return EX_CONFIG;
	}
	k->cfg.deltas = k->deltas;
	if (!(k->conn = conn_new(&k->cfg))) {
		fprintf(stderr, "congvu: %s\n", _(proto_err_msg(E_UNAVAILABLE)));
		return EX_UNAVAILABLE;
	}
	return EX_OK;
}

/* --- tasks for people: cards as two lines, the board by column --- */

/* One line, escaped (text_escape) and cut to the terminal's 80 columns. */
static void s_line(const char *text)
{
	char *shown = text_escape(text, 0);

	if (shown)
		printf("%.*s\n", (int)text_fit(shown, 79), shown);
	free(shown);
}

/* A task card: the overdue mark, code and title; then deadline, remaining
 * time, progress and who leads. */
static void s_print_card(const json_t *card)
{
	const char *person = json_string_value(json_object_get(card, "lead_name"));
	char line[1024];

	snprintf(line, sizeof line, "%s %s  %s", json_is_true(json_object_get(card, "overdue")) ? "!" : " ",
		 json_string_value(json_object_get(card, "code")), json_string_value(json_object_get(card, "title")));
	s_line(line);
	snprintf(line, sizeof line, "    %s %s · %s · %d%% · %s%s%s", _("hạn"),
		 json_string_value(json_object_get(card, "deadline")),
		 json_string_value(json_object_get(card, "remaining")),
		 (int)json_integer_value(json_object_get(card, "percent")), person ? person : "",
		 person ? ", " : "", json_string_value(json_object_get(card, "lead_unit_name")));
	s_line(line);
}

static void s_print_cards(const json_t *cards)
{
	size_t i;
	json_t *card;

	if (!json_array_size(cards))
		printf("%s\n", _("(không có nhiệm vụ)"));
	json_array_foreach(cards, i, card) s_print_card(card);
}

/* The board: each column with its count and cards, then the summary per
 * unit as a table. */
static void s_print_board_cards(const json_t *b)
{
	const json_t *unit = json_object_get(b, "unit"), *cols = json_object_get(b, "columns"), *col, *r;
	json_t *rows = json_array(), *table;
	const json_t *total = json_object_get(b, "total");
	size_t i;
	char line[512];

	snprintf(line, sizeof line, "%s — %s%s%s%s", _("Bảng nhiệm vụ"), json_string_value(json_object_get(b, "unit_name")),
		 unit ? " (" : "", unit ? json_string_value(unit) : "", unit ? ")" : "");
	s_line(line);
	json_array_foreach(cols, i, col)
	{
		json_int_t n = json_integer_value(json_object_get(col, "count"));
		size_t shown = json_array_size(json_object_get(col, "cards"));
		snprintf(line, sizeof line, "[%s: %lld]", json_string_value(json_object_get(col, "name")), (long long)n);
		putchar('\n');
		s_line(line);
		if (shown)
			s_print_cards(json_object_get(col, "cards"));
		if ((json_int_t)shown < n)
			printf("    … %s %lld\n", _("và nữa:"), (long long)(n - (json_int_t)shown));
	}
	json_array_foreach(json_object_get(b, "summary"), i, r)
	{
		json_array_append_new(rows, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", _("đơn vị"),
						      json_object_get(r, "unit"), _("đang mở"), json_object_get(r, "open"),
						      _("hạn tuần này"), json_object_get(r, "due_week"), _("quá hạn"),
						      json_object_get(r, "overdue"), _("đúng hạn"), json_object_get(r, "on_time"),
						      _("trễ hạn"), json_object_get(r, "late"), _("% đúng hạn"),
						      json_object_get(r, "on_time_rate")));
	}
	if (!total) { /* --cards-only: no summary asked for */
		json_decref(rows);
		return;
	}
	printf("\n%s\n", _("Tổng hợp theo đơn vị chủ trì:"));
	table = json_pack("{s:o}", "summary", rows);
	render_reply(stdout, table, RENDER_HUMAN);
	json_decref(table);
	printf("%s: %lld %s, %lld %s, %lld %s\n", _("Toàn bộ"), (long long)json_integer_value(json_object_get(total, "open")),
	       _("đang mở"), (long long)json_integer_value(json_object_get(total, "overdue")), _("quá hạn"),
	       (long long)json_integer_value(json_object_get(total, "due_week")), _("đến hạn tuần này"));
}

/* A board reply, its compact rows (--compact) read back into cards first. */
static void s_print_board(const json_t *reply)
{
	json_t *b = rowset_board_cards(reply);
	s_print_board_cards(b);
	json_decref(b);
}

/* A compact list reply (dossier.list --compact) as readable rows:
 * {dossiers: [{col: value, state_name}], more, total}. Other replies are
 * returned as they are. New reference. */
static json_t *s_expand(json_t *reply)
{
	json_t *rows = json_object_get(reply, "cols") ? rowset_objects(reply, NULL) : NULL;

	json_t *out;

	if (!rows)
		return json_incref(reply);
	out = json_pack("{s:o, s:O}", "dossiers", rows, "more", json_object_get(reply, "more"));
	if (json_object_get(reply, "total"))
		json_object_set(out, "total", json_object_get(reply, "total"));
	return out;
}

/* A task: as any reply, then how to read what its newest pages leave out. */
static void s_print_task(const json_t *task)
{
	static const char *const older[PAGED_TASK_N] = {
	    [PAGED_TASK_HISTORY] = N_("còn %lld dòng diễn biến cũ hơn: congvu task history %s --before %lld"),
	    [PAGED_TASK_THREAD] = N_("còn %lld ý kiến cũ hơn: congvu task thread %s --before %lld"),
	};
	const char *code = json_string_value(json_object_get(task, "code"));
	bool any = false;

	render_reply(stdout, task, RENDER_HUMAN);
	for (int i = 0; i < PAGED_TASK_N; i++) {
		const paged_part_t *p = &paged_task_parts[i];
		const json_t *before = json_object_get(task, p->before);
		if (!json_is_integer(before))
			continue;
		printf("%s… ", any ? "" : "\n");
		printf(_(older[i]),
		       (long long)(json_integer_value(json_object_get(task, p->total)) -
		                   (json_int_t)json_array_size(json_object_get(task, p->key))),
		       code, (long long)json_integer_value(before));
		putchar('\n');
		any = true;
	}
	if (any)
		printf(_("(cả nhiệm vụ: congvu task show %s --all)\n"), code);
}

/* task show --all: the task with its whole history and thread, the pages
 * before the newest read one after another. Takes body. */
static int s_task_all(cli_t *k, json_t *body)
{
	json_t *task = NULL, *page = NULL;
	proto_err_t e = conn_call(k->conn, MSG_task_show, body, &task, k->timeout_ms);

	for (int i = 0; e == E_OK && i < PAGED_TASK_N; i++) {
		const paged_part_t *p = &paged_task_parts[i];
		while (e == E_OK && json_is_integer(json_object_get(task, p->before))) {
			e = conn_call(k->conn, p->older,
			              json_pack("{s:O, s:O, s:i}", "code", json_object_get(task, "code"), "before",
			                        json_object_get(task, p->before), "limit", 50),
			              &page, k->timeout_ms);
			if (e != E_OK) {
				json_decref(task);
				task = page; /* the error body, said below */
				break;
			}
			paged_prepend(task, p, page);
			json_decref(page);
		}
	}
	if (e != E_OK)
		s_error(k, e, task);
	else
		render_reply(stdout, task, k->mode);
	json_decref(task);
	return e == E_OK ? EX_OK : proto_err_exit(e);
}

/* A printed form as the server laid it out, its lines kept, anything
 * else unprintable escaped. */
static void s_print_page(const char *text)
{
	char *shown = text_escape(text ? text : "", TEXT_ESC_KEEP_LF);

	if (shown)
		fputs(shown, stdout);
	free(shown);
}

/* report: the report as its printed page (the TUI's print key's), new
 * string; a desk form's layout as the server gave it. NULL when none. */
static char *s_layout(proto_msg_t type, const json_t *reply)
{
	const char *l = json_string_value(json_object_get(reply, "layout"));
	char title[128];

	if (type == MSG_report_onestop)
		return report_layout(reply, report_title(reply, title, sizeof title));
	return strdup(l ? l : "");
}

/* figures: figures export --xlsx FILE: the rows as a spreadsheet file
 * (figures_cli.c). */
static int s_figures_xlsx(cli_t *k, json_t *body, const char *file)
{
	json_t *reply = NULL;
	char err[512];
	int rc = EX_OK;
	proto_err_t e = conn_call(k->conn, MSG_figures_export, body, &reply, k->timeout_ms);

	if (e != E_OK) {
		s_error(k, e, reply);
		json_decref(reply);
		return proto_err_exit(e);
	}
	if (figures_cli_xlsx(reply, file, err, sizeof err) != 0) {
		fprintf(stderr, "congvu: %s\n", err);
		rc = EX_CANTCREAT;
	} else if (k->mode == RENDER_JSON) {
		json_t *out = json_pack("{s:s, s:I}", "xlsx", file, "rows",
		                        (json_int_t)json_array_size(json_object_get(reply, "figures")));
		render_reply(stdout, out, k->mode);
		json_decref(out);
	} else
		printf(_("Đã ghi %zu dòng số liệu vào %s.\n"), json_array_size(json_object_get(reply, "figures")), file);
	json_decref(reply);
	return rc;
}

/* desk: dossier print --pdf FILE / --printer NAME: the form drawn as an A4
 * PDF into FILE (with --printer alone, a temporary file) and sent to the
 * print queue when a printer is named. */
static int s_print_pdf(cli_t *k, proto_msg_t type, json_t *body, const char *pdf, const char *printer)
{
	json_t *reply = NULL;
	char tmp[] = "/tmp/congvu-print-XXXXXX.pdf", err[512];
	const char *path = pdf;
	int rc = EX_OK;
	proto_err_t e = conn_call(k->conn, type, body, &reply, k->timeout_ms);

	if (e != E_OK) {
		s_error(k, e, reply);
		json_decref(reply);
		return proto_err_exit(e);
	}
	if (!path) {
		int fd = mkstemps(tmp, 4);
		if (fd < 0) {
			json_decref(reply);
			fprintf(stderr, "congvu: %s\n", _("không tạo được tệp tạm"));
			return EX_CANTCREAT;
		}
		close(fd);
		path = tmp;
	}
	char *layout = s_layout(type, reply);
	if (!layout || pdf_write(layout, path, err, sizeof err) != 0)
		rc = EX_CANTCREAT;
	else if (printer && pdf_lp(path, printer, err, sizeof err) != 0)
		rc = EX_UNAVAILABLE;
	if (rc != EX_OK)
		fprintf(stderr, "congvu: %s\n", err);
	else if (k->mode == RENDER_JSON) {
		json_t *out = json_pack("{s:O?, s:s?, s:s?}", "form", json_object_get(reply, "form"), "pdf", pdf,
					"printer", printer);
		render_reply(stdout, out, k->mode);
		json_decref(out);
	} else
		printf("%s\n", printer ? _("Đã gửi đến máy in.") : _("Đã ghi tệp PDF."));
	if (!pdf)
		unlink(tmp);
	free(layout);
	json_decref(reply);
	return rc;
}

/* Send one request and print the reply; the usual path of a command. */
/* desk: a supplement taken in with corrections: what changed, old → new,
 * the appointment counted anew, then the receipt (form 01) again. */
static void s_print_supplement(const json_t *reply)
{
	size_t i;
	json_t *x;

	printf(_("Đã nhận hồ sơ bổ sung %s. Những gì đã sửa:\n"), json_string_value(json_object_get(reply, "code")));
	json_array_foreach(json_object_get(reply, "changes"), i, x)
	printf("  %s: %s → %s\n", json_string_value(json_object_get(x, "label")),
	       *json_string_value(json_object_get(x, "old")) ? json_string_value(json_object_get(x, "old")) : _("(trống)"),
	       *json_string_value(json_object_get(x, "new")) ? json_string_value(json_object_get(x, "new")) : _("(trống)"));
	if (!json_array_size(json_object_get(reply, "changes")))
		printf("%s", _("  (không có gì thay đổi)\n"));
	printf(_("Hẹn trả mới: %s\n\n"), json_string_value(json_object_get(reply, "due")));
	s_print_page(json_string_value(json_object_get(reply, "document")));
}

static int s_show(cli_t *k, proto_msg_t type, proto_err_t e, json_t *reply, bool print);

static int s_call(cli_t *k, proto_msg_t type, json_t *body, bool print)
{
	json_t *reply = NULL;
	proto_err_t e = conn_call(k->conn, type, body, &reply, k->timeout_ms);
	return s_show(k, type, e, reply, print);
}

/* Print the reply (or the error) to type; reply is stolen. */
static int s_show(cli_t *k, proto_msg_t type, proto_err_t e, json_t *reply, bool print)
{
	if (e == E_OK && k->mode != RENDER_JSON)
		i18n_reply(reply); /* lang: the server's words in the UI's language; --json keeps them */
	if (e != E_OK)
		s_error(k, e, reply);
	else if (print &&
	         (type == MSG_dossier_print || type == MSG_dossier_register || type == MSG_document_print ||
	          type == MSG_document_register_print) &&
	         k->mode == RENDER_HUMAN)
		s_print_page(json_string_value(json_object_get(reply, "text")));
	else if (print && type == MSG_report_onestop && k->mode == RENDER_HUMAN) { /* report: as printed, 80 columns */
		char *layout = s_layout(type, reply), *text = layout ? layout_text(layout, 80) : NULL;
		s_print_page(text);
		free(text);
		free(layout);
	}
	else if (print && type == MSG_board && k->mode == RENDER_HUMAN)
		s_print_board(reply);
	else if (print && type == MSG_task_list && k->mode == RENDER_HUMAN)
		s_print_cards(json_object_get(reply, "tasks"));
	else if (print && type == MSG_task_show && k->mode == RENDER_HUMAN)
		s_print_task(reply);
	else if (print && type == MSG_dossier_act && k->mode == RENDER_HUMAN && json_object_get(reply, "changes"))
		s_print_supplement(reply); /* desk */
	else if (print) {
		json_t *shown = s_expand(reply);
		render_reply(stdout, shown, k->mode);
		json_decref(shown);
	}
	json_decref(reply);
	return e == E_OK ? EX_OK : proto_err_exit(e);
}

/* A secret from stdin (one line) or, on a terminal, typed without echo. */
static int s_secret(const char *prompt, char *buf, size_t n, bool from_stdin)
{
	struct termios old, raw;
	bool tty = !from_stdin && isatty(STDIN_FILENO);
	int ok;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		raw = old;
		raw.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (ok)
		buf[strcspn(buf, "\r\n")] = 0;
	return ok ? 0 : -1;
}

/* --- the special commands --- */

static int s_enroll(cli_t *k, int argc, char **argv)
{
	static const char prefix[] = "congvu1:";
	char dir[3800], path[4096], plain[1024], host[128] = "congvu";
	size_t plen = 0;
	char *ep, *key, *token, *nl;
	json_t *body;
	int rc;

	if (argc != 1 || strncmp(argv[0], prefix, sizeof prefix - 1) != 0 ||
	    sodium_base642bin((unsigned char *)plain, sizeof plain - 1, argv[0] + sizeof prefix - 1,
			      strlen(argv[0] + sizeof prefix - 1), NULL, &plen, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
		fprintf(stderr, "congvu: %s\n", _("lời mời không đúng dạng (bắt đầu bằng congvu1:)"));
		return EX_USAGE;
	}
	plain[plen] = 0;
	ep = plain;
	if (!(nl = strchr(ep, '\n')) || !(key = nl + 1, *nl = 0, nl = strchr(key, '\n'))) {
		fprintf(stderr, "congvu: %s\n", _("lời mời không đúng dạng (bắt đầu bằng congvu1:)"));
		return EX_USAGE;
	}
	*nl = 0;
	token = nl + 1;
	if (!keys_valid_z85(key) || strlen(ep) >= sizeof k->cfg.endpoint) {
		fprintf(stderr, "congvu: %s\n", _("lời mời không đúng dạng (bắt đầu bằng congvu1:)"));
		return EX_USAGE;
	}
	if (config_dir(dir, sizeof dir, 1) != 0) {
		fprintf(stderr, "congvu: %s\n", _("không tạo được thư mục cấu hình"));
		return EX_CANTCREAT;
	}
	snprintf(path, sizeof path, "%s/device.key", dir);
	rc = keys_load(&k->cfg.key, path);
	if (rc == -2) {
		fprintf(stderr, "congvu: %s: %s\n", _("khóa bí mật có thể bị người khác đọc (cần chmod 600)"), path);
		return EX_CONFIG;
	}
	if (rc != 0 && (keys_generate(&k->cfg.key) != 0 || keys_save(&k->cfg.key, path) != 0)) {
		fprintf(stderr, "congvu: %s: %s\n", _("không tạo được khóa thiết bị"), path);
		return EX_CANTCREAT;
	}
	snprintf(k->cfg.endpoint, sizeof k->cfg.endpoint, "%.255s", ep);
	snprintf(k->cfg.server_pub, sizeof k->cfg.server_pub, "%s", key);
	gethostname(host, sizeof host - 1);
	if (!(k->conn = conn_new(&k->cfg)))
		return EX_UNAVAILABLE;
	body = json_pack("{s:s, s:s}", "token", token, "name", host);
	if ((rc = s_call(k, MSG_enroll, body, k->json)) != EX_OK)
		return rc;
	if (config_save_server(&k->cfg) != 0) {
		fprintf(stderr, "congvu: %s\n", _("không ghi được cấu hình máy chủ"));
		return EX_CANTCREAT;
	}
	if (!k->json)
		printf(_("Đã đăng ký thiết bị với máy chủ %s. Đăng nhập bằng: congvu login\n"), ep);
	return EX_OK;
}

static bool s_flag(int *argc, char **argv, const char *flag)
{
	for (int i = 0; i < *argc; i++)
		if (!strcmp(argv[i], flag)) {
			memmove(&argv[i], &argv[i + 1], (size_t)(*argc - i) * sizeof *argv);
			(*argc)--;
			return true;
		}
	return false;
}

static const char *s_opt(int *argc, char **argv, const char *opt)
{
	for (int i = 0; i + 1 < *argc; i++)
		if (!strcmp(argv[i], opt)) {
			const char *v = argv[i + 1];
			memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 1) * sizeof *argv);
			*argc -= 2;
			return v;
		}
	return NULL;
}

static int s_login(cli_t *k, int argc, char **argv)
{
	bool from_stdin = s_flag(&argc, argv, "--password-stdin");
	const char *user = s_opt(&argc, argv, "--user");
	char last[64], name[64], pw[256];
	int rc;

	if (argc) {
		fprintf(stderr, "congvu login: %s: %s\n", _("đối số không hợp lệ"), argv[0]);
		return EX_USAGE;
	}
	if (!user && state_last_user(last, sizeof last) == 0 && from_stdin)
		user = last;
	if (!user) {
		fprintf(stderr, "%s", _("Tên đăng nhập: "));
		if (!fgets(name, sizeof name, stdin))
			return EX_USAGE;
		name[strcspn(name, "\r\n")] = 0;
		user = name;
	}
	if (s_secret(_("Mật khẩu: "), pw, sizeof pw, from_stdin) != 0)
		return EX_USAGE;
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	rc = s_call(k, MSG_login, json_pack("{s:s, s:s}", "user", user, "password", pw), k->json);
	sodium_memzero(pw, sizeof pw);
	if (rc == EX_OK) {
		state_set_last_user(user);
		if (!k->json)
			printf(_("Đã đăng nhập: %s\n"), user);
	}
	return rc;
}

static int s_passwd(cli_t *k, int argc, char **argv)
{
	bool from_stdin = s_flag(&argc, argv, "--password-stdin");
	char old[256], nw[256], again[256];
	int rc;

	if (argc) {
		fprintf(stderr, "congvu passwd: %s: %s\n", _("đối số không hợp lệ"), argv[0]);
		return EX_USAGE;
	}
	if (s_secret(_("Mật khẩu hiện tại: "), old, sizeof old, from_stdin) ||
	    s_secret(_("Mật khẩu mới: "), nw, sizeof nw, from_stdin) ||
	    s_secret(_("Nhập lại mật khẩu mới: "), again, sizeof again, from_stdin))
		return EX_USAGE;
	if (strcmp(nw, again) != 0) {
		fprintf(stderr, "congvu: %s\n", _("hai lần nhập mật khẩu mới không khớp"));
		return EX_DATAERR;
	}
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	rc = s_call(k, MSG_passwd, json_pack("{s:s, s:s}", "old", old, "new", nw), false);
	sodium_memzero(old, sizeof old);
	sodium_memzero(nw, sizeof nw);
	if (rc == EX_OK && !k->json)
		printf("%s\n", _("Đã đổi mật khẩu."));
	return rc;
}

static double s_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int s_ping(cli_t *k, int argc, char **argv)
{
	const char *cnt = s_opt(&argc, argv, "--count");
	int n = cnt ? atoi(cnt) : 3, rc;
	json_t *rtts, *reply;
	double sum = 0;

	if (argc || n < 1) {
		fprintf(stderr, "Cách dùng: congvu ping [--count N] [--json]\n");
		return EX_USAGE;
	}
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	rtts = json_array();
	for (int i = 0; i < n; i++) {
		double t0 = s_ms(), dt;
		proto_err_t e = conn_call(k->conn, MSG_ping, NULL, &reply, k->timeout_ms);
		if (e != E_OK) {
			s_error(k, e, reply);
			json_decref(reply);
			json_decref(rtts);
			return proto_err_exit(e);
		}
		json_decref(reply);
		dt = s_ms() - t0;
		sum += dt;
		json_array_append_new(rtts, json_real(dt));
		if (!k->json)
			printf(_("trả lời từ %s: %.2f ms%s\n"), k->cfg.endpoint, dt, i == 0 ? _(" (gồm bắt tay)") : "");
	}
	if (k->json) {
		json_t *o = json_pack("{s:s, s:o, s:f}", "endpoint", k->cfg.endpoint, "rtt_ms", rtts, "avg_ms", sum / n);
		render_reply(stdout, o, RENDER_JSON);
		json_decref(o);
	} else
		json_decref(rtts);
	return EX_OK;
}

static volatile sig_atomic_t s_stop;
static void s_on_signal(int sig)
{
	(void)sig;
	s_stop = 1;
}

/* Print each pushed event as one JSON line until interrupted. */
static int s_watch(cli_t *k, int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = s_on_signal};
	int rc;

	(void)argv;
	if (argc) {
		fprintf(stderr, "Cách dùng: congvu watch\n");
		return EX_USAGE;
	}
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	if ((rc = s_call(k, MSG_whoami, NULL, false)) != EX_OK) /* must be logged in to see anything */
		return rc;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(stderr, "%s\n", _("Đang theo dõi sự kiện (Ctrl-C để dừng)…"));
	while (!s_stop) {
		zmq_pollitem_t items[CONN_POLLITEMS];
		proto_frame_t f;
		int wait = conn_process(k->conn);
		while (conn_next(k->conn, &f)) {
			if (f.kind == K_EVENT) {
				json_t *o = json_pack("{s:s, s:I, s:O}", "event", proto_event_name(f.type), "time",
						      (json_int_t)time(NULL), "body", f.body);
				render_reply(stdout, o, RENDER_JSON);
				fflush(stdout);
				json_decref(o);
			}
			proto_frame_clear(&f);
		}
		conn_pollitems(k->conn, items);
		zmq_poll(items, CONN_POLLITEMS, wait);
	}
	return EX_OK;
}

static int s_help(cli_t *k, int argc, char **argv);

static void s_help_line(const char *words, const char *doc);

/* congvu document key | document verify FILE (document_cli.c). */
static int s_document(cli_t *k, int argc, char **argv)
{
	int rc;

	if (!strcmp(argv[0], "verify")) {
		if (argc != 2 || !strcmp(argv[1], "--help")) {
			s_help_line("document verify TỆP", _("kiểm tra hồ sơ ký số của văn bản đi (không cần mạng)"));
			return argc == 2 ? EX_OK : EX_USAGE;
		}
		return document_cli_verify(argv[1], k->json);
	}
	if (argc > 1) {
		s_help_line("document key", _("tạo cặp khóa ký số trên máy này, đăng ký khóa công khai"));
		return !strcmp(argv[1], "--help") ? EX_OK : EX_USAGE;
	}
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	return document_cli_key(k->conn, k->timeout_ms, k->json);
}

/* attachments (issue 15): congvu document attach MÃ TỆP | document fetch
 * MÃ TÊN|BĂM --out TỆP (attach_cli.c). */
static int s_attach(cli_t *k, int argc, char **argv)
{
	bool put = !strcmp(argv[0], "attach");
	const char *out = put ? NULL : s_opt(&argc, argv, "--out");
	json_t *reply = NULL;
	proto_err_t e;
	int rc;

	bool asked = s_flag(&argc, argv, "--help");

	if (asked || argc != 3 || (!put && !out)) {
		if (put)
			s_help_line("document attach MÃ TỆP", _("đính kèm tệp vào văn bản (gửi từng đoạn, mất mạng thì gửi tiếp)"));
		else
			s_help_line("document fetch MÃ TÊN --out TỆP", _("tải tệp đính kèm (theo tên hoặc mã băm) về TỆP"));
		return asked ? EX_OK : EX_USAGE;
	}
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	e = put ? attach_cli_put(k->conn, argv[1], argv[2], &reply, k->timeout_ms)
	        : attach_cli_get(k->conn, argv[1], argv[2], out, &reply, k->timeout_ms);
	return s_show(k, put ? MSG_attach_finish : MSG_attach_get, e, reply, true);
}

/* --- documents: edXML export/import (issue 15, docx; edxml.c, edxml_cli.c) --- */

/* A package that could not be read: its reason and code, exit 65. */
static int s_edxml_error(const cli_t *k, const char *code, const char *why)
{
	if (k->json) {
		json_t *o = json_pack("{s:s, s:s}", "error", code, "message", why);
		render_reply(stderr, o, RENDER_JSON);
		json_decref(o);
	} else
		fprintf(stderr, "congvu: %s [%s]\n", why, code);
	return EX_DATAERR;
}

/* Commands that print an outgoing document with --pdf/--printer:
 * document show|view|print CODE (document.print). */
static bool s_document_printed(const proto_def_t *def)
{
	return def->id == MSG_document_show || def->id == MSG_document_view || def->id == MSG_document_print;
}

/* A register printed with --pdf/--printer: document register-print. */
static bool s_register_printed(const proto_def_t *def)
{
	return def->id == MSG_document_register_print;
}

/* congvu document export CODE --dir DIR */
static int s_edxml_export(cli_t *k, int argc, char **argv)
{
	const char *dir = s_opt(&argc, argv, "--dir");
	json_t *reply = NULL, *m;
	char path[4096], err[512];
	proto_err_t e;
	int rc;

	if (argc != 2 || !dir) {
		s_help_line("document export MÃ --dir D", _("ghi văn bản đi đã phát hành thành gói edXML vào thư mục D"));
		return EX_USAGE;
	}
	if ((rc = s_connect(k)) != EX_OK)
		return rc;
	e = conn_call(k->conn, MSG_document_exchange, json_pack("{s:s}", "code", argv[1]), &reply, k->timeout_ms);
	if (e != E_OK)
		return s_show(k, MSG_document_exchange, e, reply, true);
	m = edxml_from_exchange(reply);
	edxml_file(reply, dir, path, sizeof path);
	/* the files attached to it travel in the package too */
	if (edxml_files_fetch(k->conn, argv[1], m, k->timeout_ms, err, sizeof err) != 0)
		rc = EX_UNAVAILABLE;
	else
		rc = edxml_write(m, path, err, sizeof err) == 0 ? EX_OK : EX_CANTCREAT;
	if (rc != EX_OK)
		fprintf(stderr, "congvu: %s\n", err);
	else if (k->json) {
		json_t *o = json_pack("{s:O, s:s}", "code", json_object_get(reply, "code"), "file", path);
		render_reply(stdout, o, RENDER_JSON);
		json_decref(o);
	} else
		printf("%s %s\n", _("Đã ghi gói edXML:"), path);
	json_decref(m);
	json_decref(reply);
	return rc;
}

/* congvu document import FILE [--agency U] [--pages N] [--force] */
static int s_edxml_import(cli_t *k, int argc, char **argv)
{
	const char *agency = s_opt(&argc, argv, "--agency"), *pages = s_opt(&argc, argv, "--pages"), *code = NULL;
	bool force = s_flag(&argc, argv, "--force");
	json_t *m, *body, *reply = NULL;
	char err[1024];
	proto_err_t e;
	int rc, n = 0;

	if (argc != 2) {
		s_help_line("document import TỆP", _("vào sổ văn bản đến từ gói edXML (--force khi trùng)"));
		return EX_USAGE;
	}
	if (!(m = edxml_read(argv[1], err, sizeof err, &code)))
		return s_edxml_error(k, code, err);
	body = edxml_register_body(m);
	if (pages)
		json_object_set_new(body, "pages", json_integer(atoi(pages)));
	if (force)
		json_object_set_new(body, "force", json_true());
	if ((rc = s_connect(k)) != EX_OK) {
		json_decref(body);
		json_decref(m);
		return rc;
	}
	if (agency)
		json_object_set_new(body, "agency", json_string(agency));
	else { /* the register of the To organisation this clerk serves */
		json_t *form = NULL;
		if (conn_call(k->conn, MSG_document_form, json_object(), &form, k->timeout_ms) == E_OK &&
		    edxml_agency(m, form))
			json_object_set_new(body, "agency", json_string(edxml_agency(m, form)));
		json_decref(form);
	}
	e = conn_call(k->conn, MSG_document_register, body, &reply, k->timeout_ms);
	/* registered: the package's files attached to it */
	if (e == E_OK && (n = edxml_files_send(k->conn, json_string_value(json_object_get(reply, "code")), m,
	                                      k->timeout_ms, err, sizeof err)) < 0) {
		fprintf(stderr, "congvu: %s (%s)\n", err, _("văn bản đã vào sổ; đính kèm lại bằng document attach"));
		json_decref(reply);
		json_decref(m);
		return EX_TEMPFAIL;
	}
	if (e == E_OK && n > 0 && !k->json)
		fprintf(stderr, _("Đã đính kèm %d tệp của gói.\n"), n);
	json_decref(m);
	return s_show(k, MSG_document_register, e, reply, true);
}

static int s_edxml(cli_t *k, int argc, char **argv)
{
	if (s_flag(&argc, argv, "--help")) {
		s_help_line("document export MÃ --dir D", _("ghi văn bản đi đã phát hành thành gói edXML vào thư mục D"));
		s_help_line("document import TỆP", _("vào sổ văn bản đến từ gói edXML (--force khi trùng)"));
		return EX_OK;
	}
	return !strcmp(argv[0], "export") ? s_edxml_export(k, argc, argv) : s_edxml_import(k, argc, argv);
}

static const struct {
	const char *name;
	int (*run)(cli_t *k, int argc, char **argv);
	const char *usage;
} s_cmds[] = {
	{"enroll", s_enroll, N_("enroll LỜI_MỜI               đăng ký thiết bị này với máy chủ")},
	{"login", s_login, N_("login [--user U] [--password-stdin]  đăng nhập")},
	{"passwd", s_passwd, N_("passwd [--password-stdin]    đổi mật khẩu (cũ, mới, nhập lại: mỗi dòng một)")},
	{"ping", s_ping, N_("ping [--count N]             đo thời gian khứ hồi tới máy chủ")},
	{"watch", s_watch, N_("watch                        in các sự kiện máy chủ đẩy về, mỗi dòng một JSON")},
	/* documents (issue 15): `document key`, `document verify TỆP` (s_document) */
	{"help", s_help, N_("help [LỆNH]                  hướng dẫn")},
};
#define NCMDS (sizeof s_cmds / sizeof s_cmds[0])

/* Messages reachable as generic commands: those not behind a special one. */
static bool s_generic(const proto_def_t *d)
{
	return d->id != MSG_hello && d->id != MSG_enroll && d->id != MSG_login && d->id != MSG_passwd && d->id != MSG_ping &&
	       d->id != MSG_document_key;
}

/* One line of the command list: "  congvu WORDS" and what it does, within
 * 80 columns. */
static void s_help_line(const char *words, const char *doc)
{
	char line[256];

	snprintf(line, sizeof line, "  congvu %-28s", words);
	fputs(line, stdout);
	args_wrap(stdout, text_width(line), 37, doc);
}

/* The help line of s_cmds[i], whose usage is "login [--user U] ...  đăng
 * nhập": the words end where two spaces start. */
static void s_cmd_help(size_t i)
{
	char words[128];
	const char *u = _(s_cmds[i].usage), *gap = strstr(u, "  ");

	snprintf(words, sizeof words, "%.*s", (int)(gap ? (size_t)(gap - u) : strlen(u)), u);
	s_help_line(words, gap ? gap + strspn(gap, " ") : "");
}

/* The commands of group (the first word: "dossier", "task"), or every one
 * when group is NULL. How many were listed. */
static int s_help_list(const char *group)
{
	size_t glen = group ? strlen(group) : 0;
	int n = 0;

	for (size_t i = 0; !group && i < NCMDS; i++, n++)
		s_cmd_help(i);
	if (!group || !strcmp(group, "document")) { /* documents (issue 15): s_document */
		s_help_line("document key", _("tạo cặp khóa ký số trên máy này, đăng ký khóa công khai"));
		s_help_line("document verify TỆP", _("kiểm tra hồ sơ ký số của văn bản đi (không cần mạng)"));
		n += 2;
	}
	if (!group || !strcmp(group, "document")) { /* attachments (issue 15): s_attach */
		s_help_line("document attach MÃ TỆP", _("đính kèm tệp vào văn bản (gửi từng đoạn, mất mạng thì gửi tiếp)"));
		s_help_line("document fetch MÃ TÊN --out TỆP", _("tải tệp đính kèm (theo tên hoặc mã băm) về TỆP"));
		n += 2;
	}
	if (!group || !strcmp(group, "document")) { /* documents: edXML (docx): s_edxml */
		s_help_line("document export MÃ --dir D", _("ghi văn bản đi đã phát hành thành gói edXML vào thư mục D"));
		s_help_line("document import TỆP", _("vào sổ văn bản đến từ gói edXML (--force khi trùng)"));
		n += 2;
	}
	for (size_t i = 0; i < proto_ndefs; i++) {
		const proto_def_t *d = &proto_defs[i];
		char w[64];
		if (!s_generic(d) || (group && (strncmp(d->name, group, glen) != 0 || d->name[glen] != '.')))
			continue;
		s_help_line(args_words(d, w, sizeof w), _(d->doc));
		n++;
	}
	return n;
}

static int s_help(cli_t *k, int argc, char **argv)
{
	int used;
	const proto_def_t *d = argc ? args_lookup(argc, argv, &used) : NULL;

	(void)k;
	if (d && s_generic(d)) {
		args_usage(stdout, "congvu", d);
		return EX_OK;
	}
	if (argc) { /* a group: "congvu help dossier" */
		if (!s_help_list(argv[0])) {
			fprintf(stderr, "congvu: %s: %s\n%s\n", _("lệnh không có"), argv[0], _("Xem: congvu --help"));
			return EX_USAGE;
		}
		printf("\n");
		printf(_("Chi tiết một lệnh: congvu %s LỆNH --help\n"), argv[0]);
		return EX_OK;
	}
	printf(_("congvu %s — hệ thống điều hành công vụ\n\n"), CONGVU_VERSION);
	printf("%s\n", _("Cách dùng: congvu [--lang vi|en] [--json|--csv] [LỆNH ...]"));
	printf("%s\n\n", _("Không có LỆNH: mở giao diện toàn màn hình."));
	s_help_list(NULL);
	printf("\n%s\n", _("Mã thoát: 0 thành công, 64 sai cách dùng, 65 dữ liệu sai, 66 không tìm thấy,\n"
			   "69 không kết nối được, 75 thử lại sau, 77 không có quyền, 78 cấu hình."));
	return EX_OK;
}

static int s_tui(cli_t *k)
{
	char last[64];
	int rc;

	k->deltas = true; /* the board holds the cards a delta changes */
	rc = s_connect(k);
	if (rc != EX_OK)
		return rc;
	char cache[4096];
	return tui_main(k->conn, &(tui_opts_t){.last_user = state_last_user(last, sizeof last) == 0 ? last : NULL,
	                                       .cache_dir = cache_dir(cache, sizeof cache, 1) == 0 ? cache : NULL,
	                                       .server_pub = k->cfg.server_pub});
}

int main(int argc, char **argv)
{
	cli_t k = {.timeout_ms = 15000};
	const char *lang = NULL, *tmo, *pdf = NULL, *printer = NULL, *xlsx = NULL;
	const proto_def_t *def;
	int rc = EX_USAGE, used = 0;
	bool all;
	char **av = argv + 1, err[256];
	int ac = argc - 1;
	json_t *body = NULL;

	lang = s_opt(&ac, av, "--lang");
	i18n_init(lang);
	render_words(_("có"), _("không"));
	k.json = s_flag(&ac, av, "--json");
	k.mode = k.json ? RENDER_JSON : s_flag(&ac, av, "--csv") ? RENDER_CSV : RENDER_HUMAN;
	if ((tmo = getenv("CONGVU_TIMEOUT_MS")))
		k.timeout_ms = atoi(tmo);
	if (ac == 0) {
		rc = s_tui(&k);
		goto done;
	}
	if (!strcmp(av[0], "--help") || !strcmp(av[0], "-h")) {
		rc = s_help(&k, 0, NULL);
		goto done;
	}
	if (!strcmp(av[0], "--version")) {
		printf("congvu %s (giao thức %d)\n", CONGVU_VERSION, PROTO_VERSION);
		rc = EX_OK;
		goto done;
	}
	for (size_t i = 0; i < NCMDS; i++)
		if (!strcmp(av[0], s_cmds[i].name)) {
			if (s_flag(&ac, av, "--help")) {
				s_cmd_help(i);
				rc = EX_OK;
			} else
				rc = s_cmds[i].run(&k, ac - 1, av + 1);
			goto done;
		}
	if (ac >= 2 && !strcmp(av[0], "document") && (!strcmp(av[1], "key") || !strcmp(av[1], "verify"))) {
		rc = s_document(&k, ac - 1, av + 1);
		goto done;
	}
	if (ac >= 2 && !strcmp(av[0], "document") && (!strcmp(av[1], "attach") || !strcmp(av[1], "fetch"))) {
		rc = s_attach(&k, ac - 1, av + 1); /* attachments (issue 15) */
		goto done;
	}
	if (ac >= 2 && !strcmp(av[0], "document") && (!strcmp(av[1], "export") || !strcmp(av[1], "import"))) {
		rc = s_edxml(&k, ac - 1, av + 1); /* documents: edXML (docx) */
		goto done;
	}
	def = args_lookup(ac, av, &used);
	if (!def || !s_generic(def)) {
		bool asked = s_flag(&ac, av, "--help");
		/* a group's commands: asked for (--help), or as the usage of a
		 * group named alone, which is not a command (64) */
		if (asked || ac == 1) {
			rc = s_help(&k, 1, av);
			if (rc == EX_OK && !asked)
				rc = EX_USAGE;
			goto done;
		}
	}
	if (!def || !s_generic(def)) {
		fprintf(stderr, "congvu: %s: %s\n", _("lệnh không có"), av[0]);
		fprintf(stderr, "%s\n", _("Xem: congvu --help"));
		goto done;
	}
	if (s_flag(&ac, av, "--help")) {
		args_usage(stdout, "congvu", def);
		if (def->id == MSG_task_show)
			printf("  %-12s %s\n", "--all", _("cả diễn biến và mọi ý kiến (các trang cũ hơn đọc lần lượt)"));
		if (def->id == MSG_dossier_print || def->id == MSG_dossier_register || def->id == MSG_report_onestop) {
			printf("  %-12s %s\n", "--pdf", _("ghi phiếu thành tệp PDF khổ A4 (TỆP)"));
			printf("  %-12s %s\n", "--printer", _("gửi phiếu đến máy in (lp -d TÊN)"));
		}
		if (def->id == MSG_figures_export) /* figures */
			printf("  %-12s %s\n", "--xlsx", _("ghi thành tệp bảng tính Excel .xlsx (TỆP)"));
		if (s_register_printed(def)) { /* documents: the registers (docx) */
			printf("  %-12s %s\n", "--pdf", _("ghi sổ thành tệp PDF khổ A4 (TỆP)"));
			printf("  %-12s %s\n", "--printer", _("gửi sổ đến máy in (lp -d TÊN)"));
		}
		if (s_document_printed(def)) { /* documents: the outgoing document printed (docx) */
			printf("  %-12s %s\n", "--pdf", _("văn bản đi theo thể thức NĐ 30, tệp PDF khổ A4 (TỆP)"));
			printf("  %-12s %s\n", "--printer", _("gửi văn bản đi đến máy in (lp -d TÊN)"));
		}
		rc = EX_OK;
		goto done;
	}
	all = def->id == MSG_task_show && s_flag(&ac, av, "--all");
	if (def->id == MSG_dossier_print || def->id == MSG_dossier_register || def->id == MSG_report_onestop ||
	    s_document_printed(def) || s_register_printed(def)) {
		/* desk; register; report; documents (docx): printable */
		pdf = s_opt(&ac, av, "--pdf");
		printer = s_opt(&ac, av, "--printer");
	}
	if (def->id == MSG_figures_export) /* figures */
		xlsx = s_opt(&ac, av, "--xlsx");
	if (args_parse(def, ac - used, av + used, &body, err, sizeof err) != 0 ||
	    args_complete(def, body, err, sizeof err) != 0) {
		fprintf(stderr, "congvu: %s\n", err);
		args_usage(stderr, "congvu", def);
		goto done;
	}
	if ((rc = s_connect(&k)) == EX_OK) {
		if (all)
			rc = s_task_all(&k, body);
		else if ((pdf || printer) && s_document_printed(def)) { /* documents (docx): the code alone */
			json_t *code = json_pack("{s:O}", "code", json_object_get(body, "code"));
			json_decref(body);
			rc = s_print_pdf(&k, MSG_document_print, code, pdf, printer);
		}
		else if (pdf || printer)
			rc = s_print_pdf(&k, def->id, body, pdf, printer);
		else if (xlsx) /* figures */
			rc = s_figures_xlsx(&k, body, xlsx);
		else if (def->id == MSG_document_review || def->id == MSG_document_approve || def->id == MSG_document_issue) {
			json_t *reply = NULL;
			proto_err_t e = document_cli_call(k.conn, def->id, body, &reply, k.timeout_ms);
			rc = s_show(&k, def->id, e, reply, true); /* signed (document_cli.c) */
		} else if (def->id == MSG_document_show || def->id == MSG_document_view) { /* with attachments (issue 15) */
			json_t *reply = NULL;
			char code[64];
			snprintf(code, sizeof code, "%s", json_string_value(json_object_get(body, "code")));
			proto_err_t e = conn_call(k.conn, def->id, body, &reply, k.timeout_ms);
			if (e == E_OK)
				attach_cli_add_list(k.conn, code, reply, k.timeout_ms);
			rc = s_show(&k, def->id, e, reply, true);
		} else
			rc = s_call(&k, def->id, body, true);
		body = NULL;
	}
done:
	json_decref(body);
	conn_destroy(&k.conn);
	return rc;
}
