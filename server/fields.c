/* fields.c — a dossier's form values against its procedure: unknown and
 * missing fields, one line each, and each value through its type's shared
 * rule (shared/fieldtype.c); the messages are what a clerk at the desk
 * reads next to the field she typed. */
#include "fields.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* What the clerk reads after the field's label when a value is refused. */
static void s_refusal(const form_field_t *f, fieldtype_verdict_t v, char *msg, size_t n)
{
	static const char *const bad[FT_COUNT] = {
	    [FT_NUMBER] = "phải là số nguyên",
	    [FT_MONEY] = "phải là số tiền (đồng), ví dụ 1.500.000",
	    [FT_DATE] = "ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-03-15)",
	    [FT_CHOICE] = "phải là một trong các lựa chọn đã cho",
	    [FT_CITIZEN_ID] = "số định danh cá nhân phải gồm đúng 12 chữ số",
	    [FT_PHONE] = "số điện thoại không hợp lệ (ví dụ 0912345678)",
	    [FT_EMAIL] = "thư điện tử không hợp lệ (ví dụ ten@donvi.gov.vn)",
	};
	int64_t max = f->max > 0 ? f->max : FIELDTYPE_TEXT_MAX;

	if (v == FV_TOO_LONG)
		snprintf(msg, n, "%s: dài quá %lld byte", f->label, (long long)max);
	else if (v == FV_PATTERN)
		snprintf(msg, n, "%s: không đúng định dạng", f->label);
	else if (v == FV_RANGE)
		snprintf(msg, n, "%s: phải từ %lld đến %lld", f->label, (long long)f->min, (long long)f->max);
	else if (v == FV_CODE)
		snprintf(msg, n, "%s: ba chữ số đầu không phải mã tỉnh, thành phố nơi đăng ký khai sinh", f->label);
	else if (v == FV_FUTURE && f->type == FT_DATE)
		snprintf(msg, n, "%s: không được sau ngày hôm nay", f->label);
	else if (v == FV_FUTURE)
		snprintf(msg, n, "%s: năm sinh ghi trong số (chữ số thứ 4 đến 6) chưa tới", f->label);
	else
		snprintf(msg, n, "%s: %s", f->label, bad[f->type] ? bad[f->type] : "không hợp lệ");
}

/* The shared rule of f's type, checking t into norm (strlen(t) + 32
 * bytes), or -1 with msg. */
static int s_rule(const form_field_t *f, const char *t, int today, char *norm, size_t nn, char *msg, size_t n)
{
	fieldtype_rule_t r = {.type = f->type,
	                      .min = f->min,
	                      .max = f->max,
	                      .pattern = f->pattern,
	                      .choices = (const char *const *)f->choices,
	                      .nchoices = f->nchoices,
	                      .year = today / 10000,
	                      .today = f->not_future ? today : 0};
	fieldtype_verdict_t v = fieldtype_check(&r, t, norm, nn);

	if (v == FV_OK)
		return 0;
	s_refusal(f, v, msg, n);
	return -1;
}

static const form_field_t *s_field(const procedure_t *p, const char *name)
{
	for (unsigned i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].name, name) == 0)
			return &p->fields[i];
	return NULL;
}

/* Trimmed copy of s. Caller frees. */
static char *s_trim(const char *s)
{
	size_t len;
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return strndup(s, len);
}

int fields_check(const procedure_t *p, json_t *values, int today, const char **field, char *msg, size_t n)
{
	const char *k;
	json_t *v;

	json_object_foreach(values, k, v)
	{
		if (!s_field(p, k)) {
			*field = "fields";
			snprintf(msg, n, "Thủ tục \"%s\" không có trường \"%s\"", p->name, k);
			return -1;
		}
	}
	for (unsigned i = 0; i < p->nfields; i++) {
		const form_field_t *f = &p->fields[i];
		char *t, *norm;
		size_t nn;
		int rc;

		*field = f->name;
		v = json_object_get(values, f->name);
		/* every form field is one line: a line break, a tab or a bidi
		 * override would let the value rewrite what a list shows */
		if (v && !text_clean(json_string_value(v), json_string_length(v), false)) {
			snprintf(msg, n, "%s: không được chứa xuống dòng, tab hay ký tự điều khiển, đảo chiều văn bản",
			         f->label);
			return -1;
		}
		t = v ? s_trim(json_string_value(v)) : NULL;
		if (!t || !*t) {
			free(t);
			if (v)
				json_object_del(values, f->name);
			if (!f->required)
				continue;
			snprintf(msg, n, "%s: bắt buộc nhập", f->label);
			return -1;
		}
		nn = strlen(t) + 32;
		rc = (norm = malloc(nn)) ? s_rule(f, t, today, norm, nn, msg, n)
		                         : (snprintf(msg, n, "%s: hết bộ nhớ", f->label), -1);
		free(t);
		if (rc == 0)
			json_object_set_new(values, f->name, json_string(norm));
		free(norm);
		if (rc != 0)
			return -1;
	}
	return 0;
}
