/* fields.c — one rule per field type, in a table; the messages are what a
 * clerk at the desk reads next to the field she typed. */
#include "fields.h"

#include <ctype.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "text.h"

typedef int (*rule_fn)(const form_field_t *f, const char *v, char *norm, char *msg, size_t n);

static int s_digits(const char *v, size_t *count)
{
	size_t c = 0;
	for (; *v; v++) {
		if (isdigit((unsigned char)*v))
			c++;
		else
			return -1;
	}
	*count = c;
	return 0;
}

/* A value refused: "<label>: <why>" into msg (n bytes). Returns -1. */
static int s_refuse(const form_field_t *f, char *msg, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int s_refuse(const form_field_t *f, char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;
	int len = snprintf(msg, n, "%s: ", f->label);

	va_start(ap, fmt);
	if (len >= 0 && (size_t)len < n)
		vsnprintf(msg + len, n - (size_t)len, fmt, ap);
	va_end(ap);
	return -1;
}

/* A value taken: norm (4096 bytes) is what will be stored. Returns 0. */
static int s_take(char *norm, const char *v)
{
	snprintf(norm, 4096, "%s", v);
	return 0;
}

static int s_text(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	int64_t max = f->max > 0 ? f->max : 500;
	regex_t re;
	int bad = 0;

	if ((int64_t)strlen(v) > max)
		return s_refuse(f, msg, n, "dài quá %lld byte", (long long)max);
	if (f->pattern && regcomp(&re, f->pattern, REG_EXTENDED | REG_NOSUB) == 0) {
		bad = regexec(&re, v, 0, NULL, 0) != 0;
		regfree(&re);
	}
	return bad ? s_refuse(f, msg, n, "không đúng định dạng") : s_take(norm, v);
}

/* Integers; money also accepts thousands separators "1.500.000" or "1 500 000". */
static int s_number(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	char buf[64];
	size_t k = 0, count;
	long long x;
	bool neg = f->type == FT_NUMBER && *v == '-';

	for (const char *p = v + neg; *p && k < sizeof buf - 1; p++)
		if (f->type == FT_MONEY && (*p == '.' || *p == ' ' || *p == ','))
			continue;
		else
			buf[k++] = *p;
	buf[k] = 0;
	if (!k || k > 18 || s_digits(buf, &count) != 0)
		return s_refuse(f, msg, n, "%s",
				f->type == FT_MONEY ? "phải là số tiền (đồng), ví dụ 1.500.000" : "phải là số nguyên");
	x = strtoll(buf, NULL, 10) * (neg ? -1 : 1);
	if ((f->min || f->max) && (x < f->min || (f->max && x > f->max)))
		return s_refuse(f, msg, n, "phải từ %lld đến %lld", (long long)f->min, (long long)f->max);
	snprintf(norm, 4096, "%lld", x);
	return 0;
}

static int s_date(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	int y, m, d;

	if (date_parse(v, &y, &m, &d) != 0 || y < 1900 || y > 2200)
		return s_refuse(f, msg, n, "ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-03-15)");
	return s_take(norm, v);
}

static int s_choice(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	for (unsigned i = 0; i < f->nchoices; i++)
		if (strcmp(v, f->choices[i]) == 0)
			return s_take(norm, v);
	return s_refuse(f, msg, n, "phải là một trong các lựa chọn đã cho");
}

static int s_citizen_id(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	size_t count;
	if (s_digits(v, &count) != 0 || count != 12)
		return s_refuse(f, msg, n, "số định danh cá nhân phải gồm đúng 12 chữ số");
	return s_take(norm, v);
}

/* 0xxxxxxxxx (10 digits; 11 for old landlines) or +84xxxxxxxxx; spaces,
 * dots and dashes between digits are dropped. */
static int s_phone(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	char buf[32];
	size_t k = 0, count;

	if (strncmp(v, "+84", 3) == 0) {
		buf[k++] = '0';
		v += 3;
	}
	for (; *v && k < sizeof buf - 1; v++)
		if (*v != ' ' && *v != '.' && *v != '-')
			buf[k++] = *v;
	buf[k] = 0;
	if (s_digits(buf, &count) != 0 || buf[0] != '0' || count < 10 || count > 11)
		return s_refuse(f, msg, n, "số điện thoại không hợp lệ (ví dụ 0912345678)");
	return s_take(norm, buf);
}

static int s_email(const form_field_t *f, const char *v, char *norm, char *msg, size_t n)
{
	const char *at = strchr(v, '@'), *dot = at ? strrchr(at, '.') : NULL;
	bool ok = at && at > v && !strchr(at + 1, '@') && dot && dot > at + 1 && dot[1] && !strpbrk(v, " \t<>,;\"");
	if (!ok)
		return s_refuse(f, msg, n, "thư điện tử không hợp lệ (ví dụ ten@donvi.gov.vn)");
	return s_take(norm, v);
}

static const rule_fn s_rules[] = {
	[FT_TEXT] = s_text, [FT_NUMBER] = s_number, [FT_MONEY] = s_number, [FT_DATE] = s_date,
	[FT_CHOICE] = s_choice, [FT_CITIZEN_ID] = s_citizen_id, [FT_PHONE] = s_phone, [FT_EMAIL] = s_email,
};

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

int fields_check(const procedure_t *p, json_t *values, const char **field, char *msg, size_t n)
{
	const char *k;
	json_t *v;
	static char norm[4096];

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
		char *t;
		int rc;

		*field = f->name;
		v = json_object_get(values, f->name);
		/* every form field is one line: a line break, a tab or a bidi
		 * override would let the value rewrite what a list shows */
		if (v && !text_clean(json_string_value(v), json_string_length(v), false)) {
			s_refuse(f, msg, n, "không được chứa xuống dòng, tab hay ký tự điều khiển, đảo chiều văn bản");
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
		rc = s_rules[f->type](f, t, norm, msg, n);
		free(t);
		if (rc != 0)
			return -1;
		json_object_set_new(values, f->name, json_string(norm));
	}
	return 0;
}
