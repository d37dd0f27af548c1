/* fieldtype.c — one value rule per field type, in a table (see
 * fieldtype.h). The year range of dates and months, the phone and citizen
 * id shapes, and what money may be written with live here only. */
#include "fieldtype.h"

#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

typedef fieldtype_verdict_t (*rule_fn)(const fieldtype_rule_t *r, const char *v, char *norm, size_t n);

static bool s_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* s without the characters in drop, into out (at most n-1 bytes). */
static void s_strip(const char *s, const char *drop, char *out, size_t n)
{
	size_t k = 0;
	for (; *s && k + 1 < n; s++)
		if (!strchr(drop, *s))
			out[k++] = *s;
	out[k] = 0;
}

static fieldtype_verdict_t s_take(const char *v, char *norm, size_t n)
{
	snprintf(norm, n, "%s", v);
	return FV_OK;
}

static fieldtype_verdict_t s_text(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	int64_t max = r->max > 0 ? r->max : FIELDTYPE_TEXT_MAX;
	regex_t re;
	bool bad = false;

	if ((int64_t)strlen(v) > max)
		return FV_TOO_LONG;
	if (r->pattern && regcomp(&re, r->pattern, REG_EXTENDED | REG_NOSUB) == 0) {
		bad = regexec(&re, v, 0, NULL, 0) != 0;
		regfree(&re);
	}
	return bad ? FV_PATTERN : s_take(v, norm, n);
}

/* Integers; money also takes thousands separators "1.500.000",
 * "1 500 000", "1,500,000"; a number may be negative. */
static fieldtype_verdict_t s_number(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	char digits[64];
	bool neg = r->type == FT_NUMBER && *v == '-';
	long long x;

	s_strip(v + neg, r->type == FT_MONEY ? ". ," : "", digits, sizeof digits);
	if (!s_all_digits(digits) || strlen(digits) > 18)
		return FV_BAD;
	x = strtoll(digits, NULL, 10) * (neg ? -1 : 1);
	if ((r->min || r->max) && (x < r->min || (r->max && x > r->max)))
		return FV_RANGE;
	snprintf(norm, n, "%lld", x);
	return FV_OK;
}

static fieldtype_verdict_t s_date(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	int y, m, d;

	if (date_parse(v, &y, &m, &d) != 0 || y < 1900 || y > 2200)
		return FV_BAD;
	if (r->today && y * 10000 + m * 100 + d > r->today)
		return FV_FUTURE;
	return s_take(v, norm, n);
}

static fieldtype_verdict_t s_month(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	int y, m;

	(void)r;
	if (date_parse_month(v, &y, &m) != 0 || y < 1900 || y > 2200)
		return FV_BAD;
	return s_take(v, norm, n);
}

static fieldtype_verdict_t s_choice(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	for (unsigned i = 0; i < r->nchoices; i++)
		if (strcmp(v, r->choices[i]) == 0)
			return s_take(v, norm, n);
	return FV_BAD;
}

/* The provinces' codes that begin a personal identification number: where
 * the birth was registered (TT 59/2021/TT-BCA, art. 7 and its appendix:
 * the 63 provinces before 1 July 2025; a number keeps its code after the
 * provinces merged; the codes of numbers issued since, to confirm). */
static const char s_provinces[][4] = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
    "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
    "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
    "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
};

/* 12 digits (TT 59/2021/TT-BCA art. 7): the province's code, a digit for
 * the century of birth and sex (0/1 the 1900s, 2/3 the 2000s, 4/5 the
 * 2100s, ...), the year of birth's last two digits, six more. */
static fieldtype_verdict_t s_citizen_id(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	bool known = false;

	if (!s_all_digits(v) || strlen(v) != 12)
		return FV_BAD;
	for (size_t i = 0; i < sizeof s_provinces / sizeof s_provinces[0] && !known; i++)
		known = strncmp(v, s_provinces[i], 3) == 0;
	if (!known)
		return FV_CODE;
	if (r->year && 1900 + (v[3] - '0') / 2 * 100 + (v[4] - '0') * 10 + (v[5] - '0') > r->year)
		return FV_FUTURE;
	return s_take(v, norm, n);
}

/* 0xxxxxxxxx (10 digits; 11 for old landlines) or +84xxxxxxxxx; spaces,
 * dots and dashes between digits are dropped. */
static fieldtype_verdict_t s_phone(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	char digits[64];
	size_t len;

	(void)r;
	if (!strncmp(v, "+84", 3)) {
		digits[0] = '0';
		s_strip(v + 3, " .-", digits + 1, sizeof digits - 1);
	} else
		s_strip(v, " .-", digits, sizeof digits);
	len = strlen(digits);
	if (!s_all_digits(digits) || digits[0] != '0' || len < 10 || len > 11)
		return FV_BAD;
	return s_take(digits, norm, n);
}

static fieldtype_verdict_t s_email(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	const char *at = strchr(v, '@'), *dot = at ? strrchr(at, '.') : NULL;

	(void)r;
	if (!at || at == v || strchr(at + 1, '@') || !dot || dot <= at + 1 || !dot[1] || strpbrk(v, " \t<>,;\""))
		return FV_BAD;
	return s_take(v, norm, n);
}

static const struct {
	const char *name;
	rule_fn check;
} s_types[FT_COUNT] = {
    [FT_TEXT] = {"text", s_text},    [FT_NUMBER] = {"number", s_number}, [FT_MONEY] = {"money", s_number},
    [FT_DATE] = {"date", s_date},    [FT_CHOICE] = {"choice", s_choice}, [FT_CITIZEN_ID] = {"citizen_id", s_citizen_id},
    [FT_PHONE] = {"phone", s_phone}, [FT_EMAIL] = {"email", s_email},    [FT_MONTH] = {"month", s_month},
};

fieldtype_verdict_t fieldtype_check(const fieldtype_rule_t *r, const char *v, char *norm, size_t n)
{
	return r->type < FT_COUNT ? s_types[r->type].check(r, v, norm, n) : FV_BAD;
}

const char *fieldtype_name(field_type_t t)
{
	return t < FT_COUNT ? s_types[t].name : "";
}

int fieldtype_by_name(const char *name)
{
	for (int t = 0; name && t < FT_COUNT; t++)
		if (!strcmp(s_types[t].name, name))
			return t;
	return -1;
}
