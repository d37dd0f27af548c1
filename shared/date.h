/* date.h — calendar dates as congvu writes them on the wire: "YYYY-MM-DD"
 * and months "YYYY-MM", digits only, a real Gregorian date. One parser for
 * the server, the CLI and the TUI, so none of them takes what another
 * refuses. Working days and holidays are the server's (worktime.h). */
#ifndef CONGVU_DATE_H
#define CONGVU_DATE_H

#include <stdbool.h>
#include <stddef.h>

bool date_leap(int year);
/* Days in month (1–12) of year. */
int date_month_days(int year, int month);

/* Exactly "YYYY-MM-DD" (digits only) naming a real calendar date into
 * *year, *month and *day: 0, or -1 when malformed (2026-+1-+5, 2026-1-5,
 * " 2026-01-01" and 2026-02-30 are). Outputs are unspecified on -1. */
int date_parse(const char *s, int *year, int *month, int *day);
/* Exactly "YYYY-MM" (digits only, month 01–12): 0, or -1. */
int date_parse_month(const char *s, int *year, int *month);

/* How a clerk writes a date: "dd/mm/yyyy" (day and month of one or two
 * digits, each separator '/', '.' or '-', a four-digit
 * year), a real date: 0, or -1. And "mm/yyyy" for a month. */
int date_parse_dmy(const char *s, int *year, int *month, int *day);
int date_parse_my(const char *s, int *year, int *month);

/* "YYYY-MM-DD" / "YYYY-MM" into buf (n bytes, 11 / 8 suffice); returns buf. */
char *date_format(int year, int month, int day, char *buf, size_t n);
char *date_format_month(int year, int month, char *buf, size_t n);

#endif
