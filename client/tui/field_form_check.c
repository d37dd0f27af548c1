/* field_form_check.c — a generated form's field checked as it is left: what a
 * clerk may type that the wire writes otherwise (dates as dd/mm/yyyy) made
 * the wire's form, then the server's own rule for the type
 * (shared/fieldtype.c), and the reason shown under the field when it is
 * wrong. The server checks again, with the same rule. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "i18n.h"
#include "widgets.h"

/* What a clerk may type that the wire writes otherwise, as the wire
 * writes it, into out (n bytes): a date dd/mm/yyyy, a month mm/yyyy, a
 * citizen id with spaces. Anything else is copied for the shared rule to
 * judge. */
static void s_shape(const tui_field_form_field_t *f, const char *v, char *out, size_t n)
{
	int y, m, d;

	if (f->type == FT_DATE && date_parse_dmy(v, &y, &m, &d) == 0)
		date_format(y, m, d, out, n);
	else if (f->type == FT_MONTH && date_parse_my(v, &y, &m) == 0)
		date_format_month(y, m, out, n);
	else if (f->type == FT_CITIZEN_ID) {
		size_t k = 0;
		for (; *v && k + 1 < n; v++)
			if (*v != ' ')
				out[k++] = *v;
		out[k] = 0;
	} else
		snprintf(out, n, "%s", v);
}

/* The reason shown under the field for a verdict of the shared rule. */
static void s_reason(const tui_field_form_field_t *f, fieldtype_verdict_t v, char *err, size_t en)
{
	static const char *const bad[FT_COUNT] = {
	    [FT_NUMBER] = N_("Phải là số nguyên."),
	    [FT_MONEY] = N_("Phải là số tiền (đồng), ví dụ 1.500.000."),
	    [FT_DATE] = N_("Ngày không hợp lệ: ghi ngày/tháng/năm, ví dụ 15/03/2026."),
	    [FT_MONTH] = N_("Tháng không hợp lệ: ghi tháng/năm, ví dụ 11/2026."),
	    [FT_CHOICE] = N_("Hãy chọn một trong các lựa chọn (phím ← →)."),
	    [FT_CITIZEN_ID] = N_("Số định danh cá nhân phải gồm đúng 12 chữ số."),
	    [FT_PHONE] = N_("Số điện thoại không hợp lệ, ví dụ 0912345678."),
	    [FT_EMAIL] = N_("Thư điện tử không hợp lệ, ví dụ ten@donvi.gov.vn."),
	};
	char lo[32], hi[32];

	if (v == FV_TOO_LONG)
		snprintf(err, en, _("Dài quá %lld byte."), f->max > 0 ? f->max : (long long)FIELDTYPE_TEXT_MAX);
	else if (v == FV_PATTERN)
		snprintf(err, en, "%s", _("Không đúng định dạng."));
	else if (v == FV_RANGE)
		snprintf(err, en, _("Phải từ %s đến %s."), tui_grouped(f->min, lo, sizeof lo),
		         tui_grouped(f->max, hi, sizeof hi));
	else if (v == FV_CODE)
		snprintf(err, en, "%s", _("Ba chữ số đầu không phải mã tỉnh, thành phố nơi đăng ký khai sinh."));
	else if (v == FV_FUTURE && f->type == FT_DATE)
		snprintf(err, en, "%s", _("Không được sau ngày hôm nay."));
	else if (v == FV_FUTURE)
		snprintf(err, en, "%s", _("Năm sinh ghi trong số (chữ số thứ 4 đến 6) chưa tới."));
	else
		snprintf(err, en, "%s", bad[f->type] ? _(bad[f->type]) : _("Không hợp lệ."));
}

/* The shared rule on v as shaped for the wire: 0 and the value to send in
 * out (n bytes, strlen(v) + 64), or -1 and the reason in err. */
static int s_check(const tui_field_form_field_t *f, const char *v, char *out, size_t n, char *err, size_t en)
{
	size_t nc = f->type == FT_CHOICE ? json_array_size(f->choices) : 0;
	const char **choices = nc ? calloc(nc, sizeof *choices) : NULL;
	char *shaped = malloc(n);
	struct tm tm;
	/* the province's year by the server's clock: the server checks again */
	fieldtype_rule_t r = {.type = f->type,
	                      .min = f->min,
	                      .max = f->max,
	                      .pattern = f->pattern,
	                      .year = tui_today(&tm) ? tm.tm_year + 1900 : 0};
	fieldtype_verdict_t verdict = FV_BAD;

	if (f->not_future && r.year) /* the province's day */
		r.today = r.year * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	if (!shaped || (nc && !choices)) {
		snprintf(err, en, "%s", _("Hết bộ nhớ."));
		free(shaped);
		free(choices);
		return -1;
	}
	for (size_t i = 0; i < nc; i++)
		choices[i] = json_string_value(json_array_get(f->choices, i));
	r.choices = choices;
	r.nchoices = (unsigned)nc;
	s_shape(f, v, shaped, n);
	if ((verdict = fieldtype_check(&r, shaped, out, n)) != FV_OK)
		s_reason(f, verdict, err, en);
	free(shaped);
	free(choices);
	return verdict == FV_OK ? 0 : -1;
}

int tui_field_form_field_check(tui_field_form_field_t *f, char **out)
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
	} else if ((res = malloc(len + 64)) && s_check(f, v, res, len + 64, f->err, sizeof f->err) == 0) {
		*out = res;
		res = NULL;
		rc = 1;
	} else if (!res)
		snprintf(f->err, sizeof f->err, "%s", _("Hết bộ nhớ."));
	free(res);
	free(raw);
	return rc;
}
