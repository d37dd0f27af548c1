/* dfcheck.c — the checks of a generated form's fields, one per type: what
 * a clerk may type (dates as dd/mm/yyyy, amounts with dots, phone numbers
 * with spaces), what is sent (the forms the server stores), and the reason
 * shown under the field when it is wrong. The server checks again. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "widgets.h"

/* Each check: 0 and the value to send in out, or -1 and the reason in err. */

/* s without the characters in drop, into out (at most n-1 bytes). */
static void s_strip(const char *s, const char *drop, char *out, size_t n)
{
	size_t k = 0;
	for (; *s && k + 1 < n; s++)
		if (!strchr(drop, *s))
			out[k++] = *s;
	out[k] = 0;
}

static bool s_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int s_check_number(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	char digits[64], lo[32], hi[32];
	bool neg = f->type == TDF_NUMBER && *v == '-';
	long long x;

	s_strip(v + neg, f->type == TDF_MONEY ? ". ," : "", digits, sizeof digits);
	if (!s_all_digits(digits) || strlen(digits) > 18) {
		snprintf(err, en, "%s",
		         f->type == TDF_MONEY ? _("Phải là số tiền (đồng), ví dụ 1.500.000.")
		                              : _("Phải là số nguyên."));
		return -1;
	}
	x = strtoll(digits, NULL, 10) * (neg ? -1 : 1);
	if (f->bounded && (x < f->min || x > f->max)) {
		snprintf(err, en, _("Phải từ %s đến %s."), tui_grouped(f->min, lo, sizeof lo),
		         tui_grouped(f->max, hi, sizeof hi));
		return -1;
	}
	snprintf(out, n, "%lld", x);
	return 0;
}

/* The year range the server takes (server/fields.c). */
static bool s_year_ok(int y)
{
	return y >= 1900 && y <= 2200;
}

/* dd/mm/yyyy (or d/m/yyyy, dd-mm-yyyy, or already yyyy-mm-dd). */
static int s_check_date(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	int y, m, d;

	(void)f;
	if ((date_parse(v, &y, &m, &d) == 0 || date_parse_dmy(v, &y, &m, &d) == 0) && s_year_ok(y)) {
		date_format(y, m, d, out, n);
		return 0;
	}
	snprintf(err, en, "%s", _("Ngày không hợp lệ: ghi ngày/tháng/năm, ví dụ 15/03/2026."));
	return -1;
}

/* mm/yyyy (or yyyy-mm). */
static int s_check_month(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	int y, m;

	(void)f;
	if ((date_parse_month(v, &y, &m) == 0 || date_parse_my(v, &y, &m) == 0) && s_year_ok(y)) {
		date_format_month(y, m, out, n);
		return 0;
	}
	snprintf(err, en, "%s", _("Tháng không hợp lệ: ghi tháng/năm, ví dụ 11/2026."));
	return -1;
}

static int s_check_choice(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	size_t i;
	json_t *c;

	json_array_foreach(f->choices, i, c)
	{
		if (!strcmp(json_string_value(c), v)) {
			snprintf(out, n, "%s", v);
			return 0;
		}
	}
	snprintf(err, en, "%s", _("Hãy chọn một trong các lựa chọn (phím ← →)."));
	return -1;
}

static int s_check_citizen_id(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	(void)f;
	s_strip(v, " ", out, n);
	if (s_all_digits(out) && strlen(out) == 12)
		return 0;
	snprintf(err, en, "%s", _("Số định danh cá nhân phải gồm đúng 12 chữ số."));
	return -1;
}

/* 0 and 9 or 10 more digits, or +84 for the 0; spaces, dots and dashes
 * between digits allowed (the server's rule). */
static int s_check_phone(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	char digits[64];
	size_t len;

	(void)f;
	if (!strncmp(v, "+84", 3)) {
		digits[0] = '0';
		s_strip(v + 3, " .-", digits + 1, sizeof digits - 1);
	} else
		s_strip(v, " .-", digits, sizeof digits);
	len = strlen(digits);
	if (s_all_digits(digits) && digits[0] == '0' && len >= 10 && len <= 11) {
		snprintf(out, n, "%s", digits);
		return 0;
	}
	snprintf(err, en, "%s", _("Số điện thoại không hợp lệ, ví dụ 0912345678."));
	return -1;
}

static int s_check_email(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	const char *at = strchr(v, '@'), *dot = at ? strrchr(at, '.') : NULL;

	(void)f;
	if (at && at > v && !strchr(at + 1, '@') && dot && dot > at + 1 && dot[1] && !strpbrk(v, " \t<>,;\"")) {
		snprintf(out, n, "%s", v);
		return 0;
	}
	snprintf(err, en, "%s", _("Thư điện tử không hợp lệ, ví dụ ten@donvi.gov.vn."));
	return -1;
}

static int s_check_text(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	if (f->max > 0 && (long long)strlen(v) > f->max) {
		snprintf(err, en, _("Dài quá %lld byte."), f->max);
		return -1;
	}
	snprintf(out, n, "%s", v);
	return 0;
}

typedef int (*check_fn)(const tui_dfield_t *f, const char *v, char *out, size_t n, char *err, size_t en);

static const check_fn s_checks[] = {
    [TDF_TEXT] = s_check_text,
    [TDF_NUMBER] = s_check_number,
    [TDF_MONEY] = s_check_number,
    [TDF_DATE] = s_check_date,
    [TDF_MONTH] = s_check_month,
    [TDF_CHOICE] = s_check_choice,
    [TDF_CITIZEN_ID] = s_check_citizen_id,
    [TDF_PHONE] = s_check_phone,
    [TDF_EMAIL] = s_check_email,
};

int tui_dfield_check(tui_dfield_t *f, char **out)
{
	char *raw = tui_edit_nfc(&f->ed), *v, *res = NULL;
	size_t len;
	int rc = -1;

	*out = NULL;
	f->err[0] = 0;
	if (!raw) {
		snprintf(f->err, sizeof f->err, "%s", _("Có ký tự không hợp lệ."));
		return -1;
	}
	for (v = raw; isspace((unsigned char)*v); v++)
		;
	for (len = strlen(v); len && isspace((unsigned char)v[len - 1]); len--)
		v[len - 1] = 0;
	if (!*v) {
		rc = f->required ? -1 : 0;
		if (rc < 0)
			snprintf(f->err, sizeof f->err, "%s", _("Bắt buộc nhập."));
	} else if ((res = malloc(len + 64)) && s_checks[f->type](f, v, res, len + 64, f->err, sizeof f->err) == 0) {
		*out = res;
		res = NULL;
		rc = 1;
	} else if (!res)
		snprintf(f->err, sizeof f->err, "%s", _("Hết bộ nhớ."));
	free(res);
	free(raw);
	return rc;
}
