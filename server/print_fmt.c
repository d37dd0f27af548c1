/* print_fmt.c — how officials write times, dates, sums and small numbers on
 * the desk's documents (NĐ 30/2020 appendix I: "Cà Mau, ngày 03 tháng 12
 * năm 2026"; TT 03/2025's receipt: "10 giờ 00 phút, ngày 09 tháng 02 năm
 * 2026"), in the calendar's local time. */
#include "print.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "worktime.h"

static struct tm s_local(int64_t t)
{
	time_t local = (time_t)(t + wt_utc_offset(catalog_calendar()));
	struct tm tm;
	gmtime_r(&local, &tm);
	return tm;
}

const char *print_day(int64_t t, char *buf, size_t n)
{
	struct tm tm = s_local(t);
	snprintf(buf, n, "ngày %02d tháng %02d năm %04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	return buf;
}

const char *print_when(int64_t t, char *buf, size_t n)
{
	struct tm tm = s_local(t);
	snprintf(buf, n, "%02d giờ %02d phút, ngày %02d tháng %02d năm %04d", tm.tm_hour, tm.tm_min, tm.tm_mday,
		 tm.tm_mon + 1, tm.tm_year + 1900);
	return buf;
}

const char *print_short(int64_t t, char *buf, size_t n)
{
	struct tm tm = s_local(t);
	snprintf(buf, n, "%02d:%02d %02d/%02d/%04d", tm.tm_hour, tm.tm_min, tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	return buf;
}

const char *print_compact(int64_t t, char *buf, size_t n)
{
	struct tm tm = s_local(t);
	snprintf(buf, n, "%02d/%02d/%02d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year % 100, tm.tm_hour, tm.tm_min);
	return buf;
}

const char *print_money(int64_t v, char *buf, size_t n)
{
	char digits[32], out[48];
	int len, k = 0;

	snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
	len = (int)strlen(digits);
	if (v < 0)
		out[k++] = '-';
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = '.';
		out[k++] = digits[i];
	}
	out[k] = 0;
	snprintf(buf, n, "%s", out);
	return buf;
}

const char *print_words(int v, char *buf, size_t n)
{
	static const char *const ones[] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

	if (v < 0 || v > 99)
		snprintf(buf, n, "%d", v);
	else if (v < 10)
		snprintf(buf, n, "%s", ones[v]);
	else if (v < 20)
		snprintf(buf, n, "mười%s%s", v % 10 ? " " : "", v % 10 == 5 ? "lăm" : v % 10 ? ones[v % 10] : "");
	else
		snprintf(buf, n, "%s mươi%s%s", ones[v / 10], v % 10 ? " " : "",
			 v % 10 == 1 ? "mốt" : v % 10 == 5 ? "lăm" : v % 10 == 4 ? "tư" : v % 10 ? ones[v % 10] : "");
	return buf;
}

const char *print_place(const char *root_name, char *buf, size_t n)
{
	static const char *const heads[] = {" tỉnh ", " thành phố ", " Tỉnh ", " Thành phố "};
	const char *place = root_name;

	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		const char *at = strstr(root_name, heads[i]);
		if (at) {
			place = at + strlen(heads[i]);
			break;
		}
	}
	snprintf(buf, n, "%s", place);
	return buf;
}
