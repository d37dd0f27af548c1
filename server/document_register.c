/* document_register.c — the registers of NĐ 30/2020/NĐ-CP appendix IV,
 * printable and bindable (document.register-print): the incoming register
 * (sổ đăng ký văn bản đến), the outgoing register (sổ đăng ký văn bản
 * đi) and the follow-up register (sổ theo dõi giải quyết văn bản đến) of
 * a year, between two numbers. The rows come from the handlers of the
 * lists (document.list, document.outgoing), so a register shows exactly
 * what its reader may see; the reply carries them as data (json, csv), as
 * 80-column text and as the layout markup a PDF is drawn from. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "document_out.h"
#include "layout.h"

#define PAGE 400 /* rows asked of a list at a time (its limit) */
/* a register's text width: within 80 columns, and within the TUI's text
 * view (the window's 80 less its margins) */
#define REGISTER_COLS 78

typedef struct {
	const char *key, *head;
	/* in text columns: with the space between two columns a register is
	 * REGISTER_COLS wide */
	int width;
	bool in_year; /* a date of the register's year: printed "03/12" */
} s_col_t;

static const s_col_t s_in_cols[] = {
    {"arrived", "Ngày đến", 5, true},
    {"arrival", "Số đến", 4, false},
    {"sender", "Tác giả", 10, false},
    {"number", "Số, ký hiệu", 9, false},
    {"date", "Ngày tháng", 10, false},
    {"summary", "Tên loại và trích yếu nội dung", 13, false},
    {"receiver", "Đơn vị hoặc người nhận", 11, false},
    {"signature", "Ký nhận", 4, false},
    {"note", "Ghi chú", 4, false},
    {NULL, NULL, 0, false},
};
static const s_col_t s_out_cols[] = {
    {"number", "Số, ký hiệu", 9, false},
    {"date", "Ngày tháng", 5, true},
    {"summary", "Tên loại và trích yếu nội dung", 11, false},
    {"signer", "Người ký", 9, false},
    {"recipients", "Nơi nhận văn bản", 10, false},
    {"file_copy", "Đơn vị, người nhận bản lưu", 8, false},
    {"copies", "Số lượng bản", 4, false},
    {"passed", "Ngày chuyển", 5, true},
    {"signature", "Ký nhận", 4, false},
    {"note", "Ghi chú", 4, false},
    {NULL, NULL, 0, false},
};
static const s_col_t s_follow_cols[] = {
    {"arrival", "Số đến", 5, false},
    {"document", "Tên loại, số ký hiệu, ngày tháng, cơ quan ban hành, trích yếu", 20, false},
    {"handler", "Đơn vị hoặc người giải quyết", 12, false},
    {"deadline", "Thời hạn giải quyết", 10, false},
    {"progress", "Tiến độ giải quyết", 10, false},
    {"reply", "Số, ký hiệu văn bản trả lời", 10, false},
    {"note", "Ghi chú", 5, false},
    {NULL, NULL, 0, false},
};

static const char *s_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* "2026-12-03 ..." as registers write it: "03/12/2026" (into buf). */
static const char *s_day(const char *iso, char *buf, size_t n)
{
	if (strlen(iso) < 10)
		snprintf(buf, n, "%s", iso);
	else
		snprintf(buf, n, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return buf;
}

/* "Quyết định: Về việc ..." — the type's name and the summary. */
static json_t *s_type_summary(const json_t *card)
{
	const char *t = s_str(card, "type_name");
	return json_sprintf("%s%s%s", t, *t ? ": " : "", s_str(card, "summary"));
}

/* Every card a list handler gives for req (paged), in a new array; NULL
 * with the handler's error in *e. */
static json_t *s_all(srv_ctx_t *c, proto_err_t (*list)(srv_ctx_t *, json_t *, json_t **), json_t *req, proto_err_t *e)
{
	json_t *all = json_array();

	for (int64_t off = 0;; off += PAGE) {
		json_t *reply = NULL, *docs;
		json_object_set_new(req, "limit", json_integer(PAGE));
		json_object_set_new(req, "offset", json_integer(off));
		if ((*e = list(c, req, &reply)) != E_OK) {
			json_decref(all);
			return NULL;
		}
		docs = json_object_get(reply, "documents");
		json_array_extend(all, docs);
		if (json_array_size(docs) < PAGE) {
			json_decref(reply);
			return all;
		}
		json_decref(reply);
	}
}

static json_t *s_in_row(const json_t *d)
{
	char a[16], b[16], who[512];
	const char *unit = s_str(d, "lead_unit_name"), *person = s_str(d, "lead_name");

	snprintf(who, sizeof who, "%s%s%s", unit, *unit && *person ? ", " : "", person);
	return json_pack("{s:O, s:s, s:O, s:I, s:O, s:O, s:s, s:o, s:s, s:s, s:s}", "code", json_object_get(d, "code"),
	                 "arrived", s_day(s_str(d, "arrived"), a, 16), "arrival", json_object_get(d, "arrival"), "n",
	                 (json_int_t)json_integer_value(json_object_get(d, "arrival_no")), "sender",
	                 json_object_get(d, "sender"), "number", json_object_get(d, "number"), "date",
	                 s_day(s_str(d, "date"), b, 16), "summary", s_type_summary(d), "receiver", who, "signature", "",
	                 "note", !strcmp(s_str(d, "state"), "recalled") ? "Đã thu hồi" : s_str(d, "urgency_name"));
}

static json_t *s_follow_row(const json_t *d)
{
	char a[16], b[16], doc[2048], who[512], prog[64];
	const char *unit = s_str(d, "lead_unit_name"), *person = s_str(d, "lead_name");
	const json_t *task = json_object_get(d, "task");

	snprintf(doc, sizeof doc, "%s %s ngày %s của %s: %s", s_str(d, "type_name"), s_str(d, "number"),
	         s_day(s_str(d, "date"), a, 16), s_str(d, "sender"), s_str(d, "summary"));
	snprintf(who, sizeof who, "%s%s%s", unit, *unit && *person ? ", " : "", person);
	if (task)
		snprintf(prog, sizeof prog, "%s, %lld%%", s_str(task, "state_name"),
		         (long long)json_integer_value(json_object_get(task, "percent")));
	else
		snprintf(prog, sizeof prog, "%s", s_str(d, "state_name"));
	return json_pack("{s:O, s:O, s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "code", json_object_get(d, "code"), "arrival",
	                 json_object_get(d, "arrival"), "n",
	                 (json_int_t)json_integer_value(json_object_get(d, "arrival_no")), "document", doc, "handler",
	                 who, "deadline", s_day(s_str(d, "deadline"), b, 16), "progress", prog, "reply",
	                 s_str(d, "reply"), "note", json_is_true(json_object_get(d, "overdue")) ? "Quá hạn" : "");
}

static json_t *s_out_row(srv_ctx_t *c, const json_t *d)
{
	char a[16], b[16], copies[16];
	json_t *names = json_array(), *dl = NULL, *r, *row;
	draft_t g;
	size_t i;
	const char *passed = "";

	if (draft_load(c->db, s_str(d, "code"), 0, &g) == 0) {
		dl = draft_deliveries(c, &g);
		draft_clear(&g);
	}
	json_array_foreach(dl, i, r)
	{
		json_array_append(names, json_object_get(r, "name"));
		if (i == 0)
			passed = s_str(r, "delivered");
	}
	snprintf(copies, sizeof copies, "%zu", json_array_size(dl) + 1); /* and the file copy */
	row = json_pack(
	    "{s:O, s:O, s:I, s:s, s:o, s:s, s:o, s:O, s:s, s:s, s:s, s:s}", "code", json_object_get(d, "code"),
	    "number", json_object_get(d, "notation"), "n", (json_int_t)json_integer_value(json_object_get(d, "number")),
	    "date", s_day(s_str(d, "issued"), a, 16), "summary", s_type_summary(d), "signer", s_str(d, "approver_name"),
	    "recipients", json_string(""), "file_copy", json_object_get(d, "unit_name"), "copies", copies, "passed",
	    s_day(passed, b, 16), "signature", "", "note", !strcmp(s_str(d, "state"), "recalled") ? "Đã thu hồi" : "");
	{ /* "A; B" */
		size_t len = 0;
		json_array_foreach(names, i, r) len += strlen(json_string_value(r)) + 2;
		char *buf = calloc(1, len + 1);
		json_array_foreach(names, i, r)
		{
			if (i)
				strcat(buf, "; ");
			strcat(buf, json_string_value(r));
		}
		json_object_set_new(row, "recipients", json_string(buf ? buf : ""));
		free(buf);
	}
	json_decref(names);
	json_decref(dl);
	return row;
}

static int s_by_n(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "n"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "n"));
	return (x > y) - (x < y);
}

/* The layout: the title, the year and range, the table. New string. */
static char *s_layout(const char *title, const char *year, int64_t from, int64_t to, const s_col_t *cols, json_t *rows)
{
	char *out = NULL, range[128];
	size_t n = 0, i;
	FILE *f = open_memstream(&out, &n);
	json_t *r;

	if (!f)
		return NULL;
	range[0] = 0;
	if (from && to)
		snprintf(range, sizeof range, " — từ số %lld đến số %lld", (long long)from, (long long)to);
	else if (from || to)
		snprintf(range, sizeof range, " — %s số %lld", from ? "từ" : "đến", (long long)(from ? from : to));
	fprintf(f, "@cb %s\n@c Năm %s%s\n\n@t ", title, year, range);
	for (const s_col_t *c = cols; c->key; c++)
		fprintf(f, "%s%d", c == cols ? "" : ",", c->width);
	fprintf(f, "\n@|b ");
	for (const s_col_t *c = cols; c->key; c++)
		fprintf(f, "%s%s", c == cols ? "" : "\t", c->head);
	fputc('\n', f);
	json_array_foreach(rows, i, r)
	{
		fputs("@| ", f);
		for (const s_col_t *c = cols; c->key; c++) {
			const char *v = s_str(r, c->key);
			size_t vl = strlen(v);
			if (c != cols)
				fputc('\t', f);
			if (c->in_year && vl == 10 && !strcmp(v + 6, year)) /* "03/12/2026" in 2026's register */
				fprintf(f, "%.5s", v), v += vl;
			for (; *v; v++) /* a cell is one line of one row */
				fputc(*v == '\t' || *v == '\n' ? ' ' : *v, f);
		}
		fputc('\n', f);
	}
	fclose(f);
	return out;
}

static const struct {
	const char *kind, *title;
	const s_col_t *cols;
} s_kinds[] = {
    {"in", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", s_in_cols},
    {"out", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", s_out_cols},
    {"follow", "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN", s_follow_cols},
};

proto_err_t srv_document_register_print(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *kind = s_str(req, "kind"), *year = s_str(req, "year");
	bool secret = json_is_true(json_object_get(req, "secret")); /* the confidential register */
	char title[128];
	int64_t from = json_integer_value(json_object_get(req, "from")),
	        to = json_integer_value(json_object_get(req, "to"));
	json_t *cards, *rows = json_array(), *x, *q;
	proto_err_t e = E_OK;
	size_t k, i;
	char *layout, *text;

	for (k = 0; k < sizeof s_kinds / sizeof *s_kinds && strcmp(s_kinds[k].kind, kind); k++)
		;
	c->bad_field = k == sizeof s_kinds / sizeof *s_kinds                  ? "kind"
	               : strlen(year) != 4 || strspn(year, "0123456789") != 4 ? "year"
	               : to && to < from                                      ? "to"
	                                                                      : NULL;
	if (c->bad_field) {
		snprintf(c->detail, sizeof c->detail, "%s",
		         !strcmp(c->bad_field, "kind")
		             ? "Sổ phải là in (văn bản đến), out (văn bản đi) hoặc follow (theo dõi giải quyết)"
		         : !strcmp(c->bad_field, "year") ? "Năm phải có dạng YYYY"
		                                         : "Số cuối phải không nhỏ hơn số đầu");
		json_decref(rows);
		return E_INVALID;
	}
	if (secret && !strcmp(kind, "out")) {
		c->bad_field = "secret";
		snprintf(c->detail, sizeof c->detail, "Sổ mật chỉ có ở văn bản đến (in, follow)");
		json_decref(rows);
		return E_INVALID;
	}
	if (!strcmp(kind, "out"))
		cards =
		    s_all(c, srv_document_outgoing, q = json_pack("{s:s, s:s}", "queue", "register", "year", year), &e);
	else
		cards = s_all(c, srv_document_list,
		              q = json_pack("{s:s, s:s, s:s}", "queue", !strcmp(kind, "in") ? "all" : "followup",
		                            "register", secret ? "in.secret" : "in", "year", year),
		              &e);
	json_decref(q);
	if (!cards) {
		json_decref(rows);
		return e;
	}
	json_array_foreach(cards, i, x)
	{
		json_t *r = !strcmp(kind, "out")  ? s_out_row(c, x)
		            : !strcmp(kind, "in") ? s_in_row(x)
		                                  : s_follow_row(x);
		json_int_t n = json_integer_value(json_object_get(r, "n"));
		if ((from && n < from) || (to && n > to))
			json_decref(r);
		else
			json_array_append_new(rows, r);
	}
	json_decref(cards);
	{ /* in number order */
		size_t n = json_array_size(rows);
		json_t **v = malloc((n ? n : 1) * sizeof *v), *sorted = json_array();
		for (i = 0; i < n; i++)
			v[i] = json_array_get(rows, i);
		qsort(v, n, sizeof *v, s_by_n);
		for (i = 0; i < n; i++)
			json_array_append(sorted, v[i]);
		free(v);
		json_decref(rows);
		rows = sorted;
	}
	snprintf(title, sizeof title, "%s%s", s_kinds[k].title, secret ? " (MẬT)" : "");
	layout = s_layout(title, year, from, to, s_kinds[k].cols, rows);
	text = layout ? layout_text(layout, REGISTER_COLS) : NULL;
	if (!layout || !text) {
		free(layout);
		free(text);
		json_decref(rows);
		return E_INTERNAL;
	}
	*reply = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s}", "kind", kind, "title", title, "year", year, "rows", rows,
	                   "text", text, "layout", layout);
	free(layout);
	free(text);
	return E_OK;
}
