/* fmt_text.c — dates and amounts as officials write them (fmt_text.h). */
#include "fmt_text.h"

#include <stdio.h>

#include "date.h"

const char *fmt_date(const char *iso, char *buf, size_t n)
{
	char day[11];
	int y, m, d;

	if (!iso)
		iso = "";
	snprintf(day, sizeof day, "%s", iso);
	if (date_parse(day, &y, &m, &d) == 0)
		snprintf(buf, n, "%02d/%02d/%04d%s", d, m, y, iso + 10);
	else
		snprintf(buf, n, "%s", iso);
	return buf;
}

const char *fmt_grouped(long long v, char *buf, size_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%llu", v < 0 ? -(unsigned long long)v : (unsigned long long)v);
	size_t k = 0;

	if (v < 0 && k + 1 < n)
		buf[k++] = '-';
	for (int i = 0; i < len && k + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[k++] = '.';
		buf[k++] = digits[i];
	}
	buf[k] = 0;
	return buf;
}
