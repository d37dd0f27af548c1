/* document_print.c — an outgoing document printed in the layout of NĐ
 * 30/2020/NĐ-CP appendix I (document.print): the issuing agency beside
 * the national heading and motto, the number and notation beside the
 * place and date line, the type and summary (a công văn: "V/v" under its
 * number), the body, Nơi nhận beside the signer block. Written in the
 * desk's line markup (shared/layout.h): the reply carries it as 80-column
 * text and as the markup `congvu document show CODE --pdf FILE` draws on
 * A4 (client/pdf.c), as `dossier print` does for the desk's forms. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "document.h"
#include "document_out.h"
#include "layout.h"
#include "print.h"
#include "store/dossier.h"

typedef struct {
	char *buf;
	size_t len, cap;
} s_buf_t;

static void s_add(s_buf_t *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 1024) + n;
		char *p = realloc(b->buf, cap);
		if (!p)
			return;
		b->buf = p;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, s, n + 1);
	b->len += n;
}

/* Add the pieces, then a newline; a piece's own newlines would start
 * markup lines of their own, so they become spaces. */
static void s_line(s_buf_t *b, const char *const *parts)
{
	for (; *parts; parts++) {
		size_t at = b->len;
		s_add(b, *parts);
		for (size_t i = at; i < b->len; i++)
			if (b->buf[i] == '\n' || b->buf[i] == '\r')
				b->buf[i] = ' ';
	}
	s_add(b, "\n");
}
#define LINE(b, ...) s_line(b, (const char *const[]){__VA_ARGS__, NULL})

/* s in capitals, Vietnamese rules (ICU): into buf. */
static const char *s_upper(const char *s, char *buf, size_t n)
{
	UChar in[512], out[512];
	int32_t len = 0, olen = 0;
	UErrorCode st = U_ZERO_ERROR;

	u_strFromUTF8(in, 512, &len, s, -1, &st);
	if (U_SUCCESS(st))
		olen = u_strToUpper(out, 512, in, len, "vi", &st);
	if (U_SUCCESS(st))
		u_strToUTF8(buf, (int32_t)n, NULL, out, olen, &st);
	if (U_FAILURE(st))
		snprintf(buf, n, "%s", s);
	return buf;
}

/* The agency's name in capitals on two lines, as the heading sets it
 * ("ỦY BAN NHÂN DÂN" / "TỈNH CÀ MAU"): split at the space nearest its
 * middle; a short name stays on the first line. */
static void s_agency(const char *upper, char *l1, char *l2, size_t n)
{
	size_t len = strlen(upper), best = 0;

	for (size_t i = 1; len > 24 && i < len; i++)
		if (upper[i] == ' ' && (!best || labs((long)(2 * i) - (long)len) < labs((long)(2 * best) - (long)len)))
			best = i;
	snprintf(l1, n, "%.*s", (int)(best ? best : len), upper);
	snprintf(l2, n, "%s", best ? upper + best + 1 : "");
}

/* The body's lines as body text: an empty line stays an empty line (the
 * layout's paragraph break); a line that would read as markup ('@') gets
 * a space before it. */
static void s_body(s_buf_t *b, const char *body)
{
	while (body && *body) {
		const char *nl = strchr(body, '\n');
		size_t n = nl ? (size_t)(nl - body) : strlen(body);
		char *line = strndup(body, n);
		if (line) {
			if (line[0] == '@')
				s_add(b, " ");
			s_add(b, line);
			s_add(b, "\n");
			free(line);
		}
		body = nl ? nl + 1 : NULL;
	}
}

/* The signer block's capacity in two lines (NĐ 30 Phụ lục I, mục II.8)
 * from the capacity d was approved in and the title of its agency's head
 * (abbreviations.yaml): none, the head signs: "CHỦ TỊCH"; TM.: "TM. ỦY BAN
 * NHÂN DÂN" (collective, its first heading line) / "CHỦ TỊCH"; KT.: "KT. CHỦ
 * TỊCH" / "PHÓ CHỦ TỊCH"; Q., TL., TUQ.: "TL. CHỦ TỊCH" (the signer's own
 * title is not recorded). Without a declared head, the appendix's words. */
void draft_signer(srv_ctx_t *c, const draft_t *d, draft_signer_t *s)
{
	json_t *k = draft_check_card(c, d);
	const char *head = document_unit_head(d->agency_code);
	const char *cap = json_string_value(json_object_get(k, "capacity"));
	const char *prefix = json_string_value(json_object_get(k, "capacity_prefix"));

	snprintf(s->capacity, sizeof s->capacity, "%s", cap && prefix && *prefix ? cap : "");
	snprintf(s->prefix, sizeof s->prefix, "%s", *s->capacity ? prefix : "");
	snprintf(s->head, sizeof s->head, "%s", head ? head : "");
	s->position[0] = 0;
	if (head && (!*s->capacity || !strcmp(s->capacity, "tm")))
		snprintf(s->position, sizeof s->position, "%s", head);
	else if (head && !strcmp(s->capacity, "kt"))
		snprintf(s->position, sizeof s->position, "PHÓ %s", head);
	json_decref(k);
}

static void s_capacity(srv_ctx_t *c, const draft_t *d, const char *collective, char out[2][256], size_t n)
{
	draft_signer_t s;

	draft_signer(c, d, &s);
	out[1][0] = 0;
	if (!*s.head)
		snprintf(out[0], n, "%s", "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ");
	else if (!*s.capacity)
		snprintf(out[0], n, "%s", s.head);
	else if (!strcmp(s.capacity, "tm")) {
		snprintf(out[0], n, "%s %s", s.prefix, collective);
		snprintf(out[1], n, "%s", s.position);
	} else {
		snprintf(out[0], n, "%s %s", s.prefix, s.head);
		snprintf(out[1], n, "%s", s.position); /* KT.: PHÓ …; else none */
	}
}

/* The layout of d (issued or not: a draft prints "DỰ THẢO"). New string. */
static char *s_layout(srv_ctx_t *c, const draft_t *d)
{
	s_buf_t b = {0};
	store_dossier_unit_t root;
	json_t *dl = store_draft_deliveries(c->db, d->id), *r;
	const char *type = document_type_name(d->type) ? document_type_name(d->type) : d->type;
	bool letter = !*document_type_abbr(d->type); /* a công văn: no title, V/v under the number */
	char agency[512], a1[512], a2[512], place[256], day[64], no[160], title[256], signer[512], cap[2][256];
	size_t i;

	s_agency(s_upper(d->agency_name, agency, sizeof agency), a1, a2, sizeof a1);
	place[0] = 0;
	if (store_dossier_unit(c->db, atoll(d->agency_path + (d->agency_path[0] == '/')), &root) == STORE_OK)
		print_place(root.name, place, sizeof place);
	print_day(d->issued ? d->issued : c->now, day, sizeof day);
	snprintf(no, sizeof no, "Số: %s", *d->notation ? d->notation : "     /DỰ THẢO");
	LINE(&b, "@2b ", a1, "|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	LINE(&b, "@2b ", a2, "|Độc lập - Tự do - Hạnh phúc");
	LINE(&b, "@2 ---------|---------------------");
	LINE(&b, "@2i ", no, "|", place, *place ? ", " : "", day);
	if (letter)
		LINE(&b, "@2 V/v ", d->summary, "|");
	if (*d->urgency)
		LINE(&b, "@2b ", s_upper(document_urgency_name(d->urgency), title, sizeof title), "|");
	if (!strcmp(d->state, "recalled"))
		LINE(&b, "@cb (VĂN BẢN ĐÃ BỊ THU HỒI)");
	LINE(&b, "");
	if (!letter) {
		LINE(&b, "@cb ", s_upper(type, title, sizeof title));
		LINE(&b, "@cb ", d->summary);
		LINE(&b, "@c ---------");
		LINE(&b, "");
	}
	s_body(&b, d->body);
	LINE(&b, "");
	snprintf(signer, sizeof signer, "%s", *d->approver_name ? d->approver_name : d->signer_name);
	s_capacity(c, d, a1, cap, sizeof cap[0]);
	/* beside Nơi nhận and its recipients, the right column: the capacity's
	 * lines, then "(Đã ký)" once issued */
	const char *right[3] = {cap[0], *cap[1] ? cap[1] : d->issued ? "(Đã ký)" : "",
	                        *cap[1] && d->issued ? "(Đã ký)" : ""};
	LINE(&b, "@2bi Nơi nhận:|", right[0]);
	json_array_foreach(dl, i, r) LINE(&b, "@2 - ", json_string_value(json_object_get(r, "name")), ";|",
	                                  i < 2 ? right[i + 1] : "");
	LINE(&b, "@2 - Lưu: VT.|", json_array_size(dl) < 2 ? right[json_array_size(dl) + 1] : "");
	if (json_array_size(dl) == 0 && *right[2])
		LINE(&b, "@2 |", right[2]);
	LINE(&b, "");
	LINE(&b, "@2b |", signer);
	json_decref(dl);
	return b.buf ? b.buf : strdup("");
}

proto_err_t srv_document_print(srv_ctx_t *c, json_t *req, json_t **reply)
{
	draft_t d;
	char *layout, *text;
	const char *code = json_string_value(json_object_get(req, "code"));
	proto_err_t e;

	if (code && !strncmp(code, DOCUMENT_CODE_PREFIX, strlen(DOCUMENT_CODE_PREFIX))) {
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "%s là văn bản đến: chỉ in văn bản đi (DT-...) theo thể thức",
		         code);
		return E_INVALID;
	}
	if ((e = draft_load_visible(c, req, &d)) != E_OK)
		return e;
	layout = s_layout(c, &d);
	text = layout ? layout_text(layout, 80) : NULL;
	draft_clear(&d);
	if (!layout || !text) {
		free(layout);
		free(text);
		return E_INTERNAL;
	}
	*reply = json_pack("{s:s, s:s}", "text", text, "layout", layout);
	free(layout);
	free(text);
	return E_OK;
}
