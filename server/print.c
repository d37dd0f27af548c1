/* print.c — the desk's documents (TT 03/2025/TT-VPCP appendix I, forms
 * 01–07) in the official layout: the national heading beside the agency,
 * the number and the place and date line, Kính gửi, the body, Nơi nhận and
 * the signature block with the official's name. The wording lives in
 * forms/templates/NN.txt, written in the line markup of shared/layout.h
 * with {{name}} replaced by a value computed here; a province edits the
 * text without a compiler. What is printed is that layout: as 80-column
 * text here (layout_text), as an A4 PDF by the client (client/pdf.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "dossier.h"
#include "dossier_lookup.h"
#include "layout.h"
#include "print.h"
#include "register.h"
#include "store/wflog.h"
#include "text.h"

typedef struct {
	char *buf;
	size_t len, cap;
} sbuf_t;

static void s_put(sbuf_t *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *nb = realloc(b->buf, cap);
		if (!nb)
			return;
		b->buf = nb;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = 0;
}

static void s_puts(sbuf_t *b, const char *s) { s_put(b, s, strlen(s)); }

/* A value put in a table cell: no tab or line break of its own. */
static void s_cell(sbuf_t *b, const char *s)
{
	for (; s && *s; s++)
		s_put(b, *s == '\t' || *s == '\n' || *s == '\r' ? " " : s, 1);
}

/* The role of a step's holder, in words. */
static const char *s_role(const char *role)
{
	static const struct {
		const char *code, *name;
	} roles[] = {{"clerk", "Công chức Bộ phận Một cửa"}, {"specialist", "Chuyên viên"}, {"leader", "Lãnh đạo"}};
	for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
		if (!strcmp(role, roles[i].code))
			return roles[i].name;
	return role ? role : "";
}

static const char *s_grade(const char *g)
{
	return !g ? "" : !strcmp(g, "early") ? "Trước hạn" : !strcmp(g, "on_time") ? "Đúng hạn" : !strcmp(g, "late") ? "Quá hạn" : g;
}

/* Form 06's table: one row per hand-off, oldest first — when, who gave
 * it, the action in words, who received it (the step's holder and unit),
 * the finished step's grade; a note on a row of its own. rows: oldest
 * first. */
static char *s_handoffs(json_t *rows, const procedure_t *p)
{
	sbuf_t b = {0};
	const wf_def_t *w = forms_workflow(catalog_forms(), p->workflow);
	size_t i;
	json_t *r;
	char when[32];

	s_puts(&b, "@t 16,17,16,18,9\n@|b Thời gian\tBên giao\tThao tác\tBên nhận\tKết quả\n");
	json_array_foreach(rows, i, r) {
		const char *unit = json_string_value(json_object_get(r, "to_unit"));
		const char *role = json_string_value(json_object_get(r, "to_role"));
		const char *action = json_string_value(json_object_get(r, "action"));
		const char *note = json_string_value(json_object_get(r, "note"));
		int to = (int)json_integer_value(json_object_get(r, "to_step"));

		s_puts(&b, "@| ");
		s_cell(&b, print_short(json_integer_value(json_object_get(r, "at")), when, sizeof when));
		s_puts(&b, "\t");
		s_cell(&b, json_string_value(json_object_get(r, "who")));
		s_puts(&b, "\t");
		s_cell(&b, action ? wf_action_label(&dossier_kind, w, action) : "");
		s_puts(&b, "\t");
		if (unit) {
			s_cell(&b, role ? s_role(role) : "");
			s_puts(&b, role ? ", " : "");
			s_cell(&b, unit);
			if (to >= 0 && to < (int)p->nsteps && strcmp(json_string_value(json_object_get(r, "to_state")) ?: "",
								     "processing") == 0) {
				s_puts(&b, " (");
				s_cell(&b, p->steps[to].name);
				s_puts(&b, ")");
			}
		}
		s_puts(&b, "\t");
		s_cell(&b, s_grade(json_string_value(json_object_get(r, "grade"))));
		s_puts(&b, "\n");
		if (note && *note) {
			s_puts(&b, "@| \t   Ghi chú: ");
			s_cell(&b, note);
			s_puts(&b, "\n");
		}
	}
	return b.buf ? b.buf : strdup("");
}

static char *s_list(char **v, unsigned n)
{
	sbuf_t b = {0};
	char line[16];
	for (unsigned i = 0; i < n; i++) {
		snprintf(line, sizeof line, "  %u. ", i + 1);
		s_puts(&b, line);
		s_cell(&b, v[i]);
		s_puts(&b, ": 01 bộ\n");
	}
	if (!b.buf)
		s_puts(&b, "  (không có)\n");
	b.buf[--b.len] = 0; /* the template ends the line */
	return b.buf;
}

char *print_file(const char *dir, const char *name)
{
	char path[4096], *tpl = NULL;
	FILE *f;
	long size;

	snprintf(path, sizeof path, "%s/%s/%s.txt", catalog_dir(), dir, name);
	if (!(f = fopen(path, "re")))
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	tpl = size >= 0 ? calloc(1, (size_t)size + 1) : NULL;
	if (tpl && fread(tpl, 1, (size_t)size, f) != (size_t)size) {
		free(tpl);
		tpl = NULL;
	}
	fclose(f);
	return tpl;
}

static void s_set(json_t *vars, const char *k, const char *v) { json_object_set_new(vars, k, json_string(v ? v : "")); }

const char *print_field(const json_t *fields, const char *const *names)
{
	for (; *names; names++) {
		const char *v = json_string_value(json_object_get(fields, *names));
		if (v && *v)
			return v;
	}
	return "";
}

/* The values a template may name (README.md of forms/templates). */
static json_t *s_vars(store_t *db, dossier_t *d, const procedure_t *p, const char *form)
{
	json_t *vars = json_object(), *log = store_wflog_page(db, dossier_kind.name, d->id, 0, -1), *rows = json_array();
	json_t *fields = dossier_fields(db, d);
	int64_t at = clock_now(); /* a form no hand-off issued (01, 06, 07) is dated when printed */
	const char *receiver = "", *issuer = "", *note = "";
	char buf[1024], place[256], day[64], words[32];
	store_dossier_unit_t root;

	for (size_t i = json_array_size(log); i-- > 0;) /* oldest first */
		json_array_append(rows, json_array_get(log, i));
	if (json_array_size(rows))
		receiver = json_string_value(json_object_get(json_array_get(rows, 0), "who")) ?: "";
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);
		const char *f = json_string_value(json_object_get(r, "form"));
		if (f && !strcmp(f, form)) {
			issuer = json_string_value(json_object_get(r, "who")) ?: "";
			note = json_string_value(json_object_get(r, "note")) ?: "";
			at = json_integer_value(json_object_get(r, "at"));
		}
	}
	s_set(vars, "agency", d->unit_name);
	s_set(vars, "code", d->code);
	{ /* the document's number: the code's day and sequence ("261203-0003") */
		const char *dash = strchr(d->code, '-');
		s_set(vars, "number", dash ? dash + 1 : d->code);
	}
	s_set(vars, "applicant", d->applicant);
	s_set(vars, "citizen_id", d->citizen_id);
	s_set(vars, "procedure", p->name);
	s_set(vars, "result", p->result);
	s_set(vars, "received", print_when(d->received, buf, sizeof buf));
	s_set(vars, "due", print_when(d->due, buf, sizeof buf));
	s_set(vars, "new_due", d->new_due ? print_when(d->new_due, buf, sizeof buf) : "");
	s_set(vars, "today", print_when(at, buf, sizeof buf));
	place[0] = 0;
	{
		long long rid = atoll(d->unit_path + (d->unit_path[0] == '/'));
		if (store_dossier_unit(db, rid, &root) == STORE_OK)
			print_place(root.name, place, sizeof place);
	}
	snprintf(buf, sizeof buf, "%s%s%s", place, *place ? ", " : "", print_day(at, day, sizeof day));
	s_set(vars, "dateline", buf);
	s_set(vars, "note", note);
	s_set(vars, "receiver", receiver);
	s_set(vars, "issuer", *issuer ? issuer : receiver);
	if (p->processing_unit == 's')
		forms_processing_text(p, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%02d (%s) %s", p->processing, print_words(p->processing, words, sizeof words),
			 forms_processing_unit(p));
	s_set(vars, "processing", buf);
	dossier_fee(p, fields, buf, sizeof buf);
	s_set(vars, "fee", buf);
	{
		static const char *const phone[] = {"phone", NULL}, *const email[] = {"email", NULL},
					 *const address[] = {"address", "plot_address", NULL};
		s_set(vars, "phone", print_field(fields, phone));
		s_set(vars, "email", print_field(fields, email));
		s_set(vars, "address", print_field(fields, address));
	}
	s_set(vars, "collect", !strcmp(d->channel, "postal") ? "Qua dịch vụ bưu chính công ích"
				 : !strcmp(d->channel, "online") ? "Tại Bộ phận Một cửa hoặc nhận bản điện tử"
								 : "Tại Bộ phận Một cửa");
	{
		sbuf_t lb = {0};
		for (unsigned i = 0; i < p->nlegal; i++) {
			s_puts(&lb, "  - ");
			s_cell(&lb, p->legal_basis[i]);
			s_puts(&lb, i + 1 < p->nlegal ? "\n" : "");
		}
		s_set(vars, "legal_basis", lb.buf);
		free(lb.buf);
	}
	{
		/* the papers handed in, when the reception's checklist was kept */
		json_t *handed = dossier_papers_names(db, d);
		char **names = calloc(json_array_size(handed) + 1, sizeof *names);
		for (size_t k = 0; names && k < json_array_size(handed); k++)
			names[k] = (char *)json_string_value(json_array_get(handed, k));
		char *l = json_array_size(handed) && names ? s_list(names, (unsigned)json_array_size(handed))
							   : s_list(p->papers, p->npapers),
		     *h = s_handoffs(rows, p);
		free(names);
		json_decref(handed);
		json_t *one = json_pack("[o]", register_row(db, d, 1)); /* register: form 07 is the dossier's row */
		char *r = register_table(one);
		json_decref(one);
		s_set(vars, "papers", l);
		s_set(vars, "handoffs", h);
		s_set(vars, "register", r);
		free(l);
		free(h);
		free(r);
	}
	json_decref(rows);
	json_decref(log);
	return vars;
}

/* The names whose values are layout (written here) rather than text an
 * official typed: these keep their markup lines. */
static bool s_markup(const char *key) { return !strcmp(key, "handoffs") || !strcmp(key, "register"); }

/* A typed value put in the layout: a line it starts cannot become markup. */
static void s_text(sbuf_t *out, const char *v, bool at_line_start)
{
	for (const char *s = v; *s; s++) {
		if (*s == '@' && (s == v ? at_line_start : s[-1] == '\n'))
			s_puts(out, " ");
		s_put(out, s, 1);
	}
}

/* tpl with {{name}} replaced from vars (and {{copy}} by copy). */
static void s_expand(sbuf_t *out, const char *tpl, json_t *vars, const char *copy)
{
	for (const char *s = tpl; *s;) {
		const char *open = strstr(s, "{{"), *close = open ? strstr(open, "}}") : NULL;
		char key[64];
		const char *v;

		if (!open || !close) {
			s_puts(out, s);
			break;
		}
		s_put(out, s, (size_t)(open - s));
		snprintf(key, sizeof key, "%.*s", (int)(close - open - 2), open + 2);
		v = !strcmp(key, "copy") ? copy : json_string_value(json_object_get(vars, key));
		if (v && s_markup(key))
			s_puts(out, v);
		else if (v)
			s_text(out, v, open == tpl || open[-1] == '\n');
		s = close + 2;
	}
}

char *dossier_print_layout(store_t *db, dossier_t *d, const char *form)
{
	const procedure_t *p = dossier_procedure(d);
	char *tpl, *body;
	sbuf_t out = {0};
	json_t *vars, *vars_fee = NULL;

	if (!p || strlen(form) != 2 || (strspn(form, "0123456789") != 2 && strcmp(form, "BL") != 0))
		return NULL;
	if (!strcmp(form, "BL") && !json_object_get(vars_fee = dossier_fee_json(db, d) ?: json_object(), "receipt_no")) {
		json_decref(vars_fee);
		return NULL; /* the fee receipt once a fee is recorded */
	}
	if (!strcmp(form, "03") && strcmp(d->state, "refused") != 0 && strcmp(d->state, "rejected") != 0)
		return NULL; /* a refusal only for a refused dossier */
	if (!(tpl = print_file("templates", form))) {
		json_decref(vars_fee);
		return NULL;
	}
	vars = s_vars(db, d, p, form);
	if (vars_fee) { /* the fee receipt's values */
		static const struct {
			const char *code, *name;
		} methods[] = {{"cash", "Tiền mặt"}, {"transfer", "Chuyển khoản"}, {"exempt", "Miễn"}};
		char money[48], when[64];
		const char *m = json_string_value(json_object_get(vars_fee, "method"));
		json_int_t amount = json_integer_value(json_object_get(vars_fee, "amount"));
		for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
			if (m && !strcmp(m, methods[i].code))
				s_set(vars, "fee_method", methods[i].name);
		snprintf(money, sizeof money, "%s đồng", print_money(amount, when, sizeof when));
		s_set(vars, "fee_amount", money);
		s_set(vars, "fee_how", json_string_value(json_object_get(vars_fee, "amount_text")));
		s_set(vars, "fee_ground", json_string_value(json_object_get(vars_fee, "ground")));
		s_set(vars, "receipt_no", json_string_value(json_object_get(vars_fee, "receipt_no")));
		s_set(vars, "fee_by", json_string_value(json_object_get(vars_fee, "by")));
		json_decref(vars_fee);
	}
	/* "@copies A|B" on the first line: the form once per copy (liên) */
	body = tpl;
	if (!strncmp(tpl, "@copies ", 8)) {
		char *nl = strchr(tpl, '\n'), *names = tpl + 8, *bar;
		if (nl) {
			*nl = 0;
			body = nl + 1;
		} else
			body = tpl + strlen(tpl);
		for (int k = 0; names; k++) {
			if ((bar = strchr(names, '|')))
				*bar = 0;
			if (k)
				s_puts(&out, "@page\n");
			s_expand(&out, body, vars, names);
			names = bar ? bar + 1 : NULL;
		}
	} else
		s_expand(&out, body, vars, "");
	json_decref(vars);
	free(tpl);
	return out.buf ? out.buf : strdup("");
}

char *dossier_print_expand(store_t *db, dossier_t *d, const char *tpl, const char *form)
{
	const procedure_t *p = dossier_procedure(d);
	sbuf_t out = {0};
	json_t *vars;

	if (!p)
		return NULL;
	vars = s_vars(db, d, p, form ? form : "");
	s_expand(&out, tpl, vars, "");
	json_decref(vars);
	return out.buf ? out.buf : strdup("");
}

char *print_template(const char *form, json_t *vars)
{
	char *tpl = print_file("templates", form);
	sbuf_t out = {0};

	if (!tpl)
		return NULL;
	s_expand(&out, tpl, vars, "");
	free(tpl);
	return out.buf ? out.buf : strdup("");
}

char *dossier_print_form(store_t *db, dossier_t *d, const char *form)
{
	char *layout = dossier_print_layout(db, d, form), *text = layout ? layout_text(layout, 80) : NULL;
	free(layout);
	return text;
}

proto_err_t srv_dossier_print(srv_ctx_t *c, json_t *req, json_t **reply)
{
	dossier_t d;
	const char *form = json_string_value(json_object_get(req, "form"));
	char *layout, *text;

	proto_err_t e = dossier_load_req(c, req, &d); /* a whole code, or a short one in scope */

	if (e != E_OK)
		return e;
	if (!dossier_visible(c, &d)) {
		dossier_clear(&d);
		return E_OUT_OF_SCOPE;
	}
	layout = dossier_print_layout(c->db, &d, form);
	if (!layout) {
		bool refusal = !strcmp(form, "03");
		dossier_clear(&d);
		c->bad_field = "form";
		snprintf(c->detail, sizeof c->detail, "%s",
			 refusal ? "Mẫu 03 chỉ in cho hồ sơ đã bị từ chối"
				 : "Mẫu phải là 01, 02, 03, 04, 05, 06, 07 hoặc BL (biên lai phí, lệ phí đã ghi nhận)");
		return E_INVALID;
	}
	dossier_clear(&d);
	text = layout_text(layout, 80);
	*reply = json_pack("{s:s, s:s, s:s}", "form", form, "text", text ? text : "", "layout", layout);
	free(layout);
	free(text);
	return E_OK;
}
