/* date.c — strict calendar dates (see date.h): every place that reads a
 * date a person or a peer wrote goes through these. */
#include "date.h"

#include <stdio.h>
#include <string.h>

bool date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && date_leap(y) ? 29 : len[m - 1];
}

/* n digits of s (no sign, no space) into *out. */
static bool s_digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

static bool s_real(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= date_month_days(y, m);
}

int date_parse(const char *s, int *year, int *month, int *day)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !s_digits(s, 4, year) ||
	    !s_digits(s + 5, 2, month) || !s_digits(s + 8, 2, day) || !s_real(*year, *month, *day))
		return -1;
	return 0;
}

int date_parse_month(const char *s, int *year, int *month)
{
	if (!s || strlen(s) != 7 || s[4] != '-' || !s_digits(s, 4, year) || !s_digits(s + 5, 2, month) || *month < 1 ||
	    *month > 12)
		return -1;
	return 0;
}

/* One or two digits of *s into *out, then *s past them. */
static bool s_small(const char **s, int *out)
{
	int len = (*s)[0] >= '0' && (*s)[0] <= '9' ? ((*s)[1] >= '0' && (*s)[1] <= '9' ? 2 : 1) : 0;

	if (!len || !s_digits(*s, len, out))
		return false;
	*s += len;
	return true;
}

int date_parse_dmy(const char *s, int *year, int *month, int *day)
{
	if (!s || !s_small(&s, day) || !*s || !strchr("/.-", *s++) || !s_small(&s, month) || !*s ||
	    !strchr("/.-", *s++) || strlen(s) != 4 || !s_digits(s, 4, year) || !s_real(*year, *month, *day))
		return -1;
	return 0;
}

int date_parse_my(const char *s, int *year, int *month)
{
	if (!s || !s_small(&s, month) || *s != '/' || strlen(++s) != 4 || !s_digits(s, 4, year) || *month < 1 ||
	    *month > 12)
		return -1;
	return 0;
}

char *date_format(int year, int month, int day, char *buf, size_t n)
{
	snprintf(buf, n, "%04d-%02d-%02d", year, month, day);
	return buf;
}

char *date_format_month(int year, int month, char *buf, size_t n)
{
	snprintf(buf, n, "%04d-%02d", year, month);
	return buf;
}
