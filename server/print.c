/* print.c — the desk's documents (TT 03/2025 appendix I, forms 01–06) as
 * printable UTF-8 text. The wording lives in forms/templates/NN.txt, where
 * {{name}} is replaced by a value computed here; a province edits the text
 * without a compiler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "dossier.h"
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

/* A cell padded to w terminal columns (cut if longer). */
static void s_cell(sbuf_t *b, const char *s, int w)
{
	size_t fit = text_fit(s, w);
	s_put(b, s, fit);
	for (int k = text_width(s) < w ? text_width(s) : w; k < w; k++)
		s_puts(b, " ");
}

/* Form 06's table of hand-offs. */
static char *s_handoffs(store_t *db, const dossier_t *d, const procedure_t *p)
{
	sbuf_t b = {0};
	json_t *rows = store_dossier_history(db, d->id), *r;
	size_t i;
	char when[32];

	s_puts(&b, "Thời gian         Người chuyển          Thao tác     Chuyển đến / bước                 Kết quả\n");
	json_array_foreach(rows, i, r)
	{
		int to = (int)json_integer_value(json_object_get(r, "to_step"));
		const char *who = json_string_value(json_object_get(r, "who"));
		const char *note = json_string_value(json_object_get(r, "note"));
		char dest[256];
		snprintf(dest, sizeof dest, "%s%s%s", json_string_value(json_object_get(r, "to_unit")),
			 p && to < (int)p->nsteps ? " — " : "", p && to < (int)p->nsteps ? p->steps[to].name : "");
		s_cell(&b, dossier_time(json_integer_value(json_object_get(r, "at")), when, sizeof when), 18);
		s_cell(&b, who ? who : "hệ thống", 22);
		s_cell(&b, json_string_value(json_object_get(r, "action")), 13);
		s_cell(&b, dest, 34);
		s_puts(&b, json_string_value(json_object_get(r, "grade")));
		s_puts(&b, "\n");
		if (note && *note) {
			s_puts(&b, "                  Ghi chú: ");
			s_puts(&b, note);
			s_puts(&b, "\n");
		}
	}
	json_decref(rows);
	return b.buf;
}

static char *s_list(char **v, unsigned n)
{
	sbuf_t b = {0};
	char line[16];
	for (unsigned i = 0; i < n; i++) {
		snprintf(line, sizeof line, "  %u. ", i + 1);
		s_puts(&b, line);
		s_puts(&b, v[i]);
		s_puts(&b, "\n");
	}
	if (!b.buf)
		s_puts(&b, "  (không có)\n");
	return b.buf;
}

/* The note of the latest hand-off that issued this form (caller frees),
 * and in *at when it was issued; *at is left alone when none did. */
static char *s_issued(store_t *db, const dossier_t *d, const char *form, int64_t *at)
{
	char *n = NULL;
	if (store_dossier_issued(db, d->id, form, &n, at) != STORE_OK)
		n = NULL;
	return n ? n : strdup("");
}

char *dossier_print_form(store_t *db, const dossier_t *d, const char *form)
{
	const procedure_t *p = dossier_procedure(d);
	char path[4096], *tpl = NULL, received[32], due[32], issued[32], new_due[32], fee[1024], processing[128];
	int64_t at = clock_now(); /* a form no hand-off issued (01, 06) is dated when printed */
	FILE *f;
	long size;
	sbuf_t out = {0};
	json_t *vars;

	if (!p || strlen(form) != 2 || strspn(form, "0123456789") != 2)
		return NULL;
	snprintf(path, sizeof path, "%s/templates/%s.txt", catalog_dir(), form);
	if (!(f = fopen(path, "re")))
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	tpl = calloc(1, (size_t)size + 1);
	if (tpl && fread(tpl, 1, (size_t)size, f) != (size_t)size) {
		free(tpl);
		tpl = NULL;
	}
	fclose(f);
	if (!tpl)
		return NULL;
	if (p->fee)
		snprintf(fee, sizeof fee, "%lld đồng%s%s", (long long)p->fee, p->fee_note ? " — " : "",
			 p->fee_note ? p->fee_note : "");
	else
		snprintf(fee, sizeof fee, "%s", p->fee_note ? p->fee_note : "Miễn phí");
	{
		char *l = s_list(p->papers, p->npapers), *h = s_handoffs(db, d, p), *n = s_issued(db, d, form, &at);
		vars = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "agency", d->unit_name, "code",
				 d->code, "applicant", d->applicant, "procedure", p->name, "result",
				 p->result ? p->result : "", "fee", fee, "received",
				 dossier_time(d->received, received, sizeof received), "due",
				 dossier_time(d->due, due, sizeof due), "citizen_id", d->citizen_id, "today",
				 dossier_time(at, issued, sizeof issued), "new_due",
				 d->new_due ? dossier_time(d->new_due, new_due, sizeof new_due) : "");
		json_object_set_new(vars, "processing",
				    json_string(forms_processing_text(p, processing, sizeof processing)));
		json_object_set_new(vars, "papers", json_string(l ? l : ""));
		json_object_set_new(vars, "handoffs", json_string(h ? h : ""));
		json_object_set_new(vars, "note", json_string(n));
		free(l);
		free(h);
		free(n);
	}
	for (const char *s = tpl; *s;) {
		const char *open = strstr(s, "{{"), *close = open ? strstr(open, "}}") : NULL;
		if (!open || !close) {
			s_puts(&out, s);
			break;
		}
		s_put(&out, s, (size_t)(open - s));
		{
			char key[64];
			snprintf(key, sizeof key, "%.*s", (int)(close - open - 2), open + 2);
			const char *v = json_string_value(json_object_get(vars, key));
			s_puts(&out, v ? v : "");
		}
		s = close + 2;
	}
	json_decref(vars);
	free(tpl);
	return out.buf;
}

proto_err_t srv_dossier_print(srv_ctx_t *c, json_t *req, json_t **reply)
{
	dossier_t d;
	const char *form = json_string_value(json_object_get(req, "form"));
	char *text;

	if (dossier_load(c->db, json_string_value(json_object_get(req, "code")), &d) != 0) {
		c->bad_field = "code";
		return E_NOT_FOUND;
	}
	if (!dossier_visible(c, &d)) {
		dossier_clear(&d);
		return E_OUT_OF_SCOPE;
	}
	text = dossier_print_form(c->db, &d, form);
	dossier_clear(&d);
	if (!text) {
		c->bad_field = "form";
		snprintf(c->detail, sizeof c->detail, "Mẫu phải là 01, 02, 03, 04, 05 hoặc 06");
		return E_INVALID;
	}
	*reply = json_pack("{s:s, s:s}", "form", form, "text", text);
	free(text);
	return E_OK;
}
