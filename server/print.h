/* print.h — the desk's printed documents (print.c) and how officials write
 * what goes on them (print_fmt.c). */
#ifndef CONGVU_PRINT_H
#define CONGVU_PRINT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* "ngày 03 tháng 12 năm 2026" of the local day of t. */
const char *print_day(int64_t t, char *buf, size_t n);
/* "10 giờ 00 phút, ngày 09 tháng 02 năm 2026". */
const char *print_when(int64_t t, char *buf, size_t n);
/* "10:00 09/02/2026": a table cell. */
const char *print_short(int64_t t, char *buf, size_t n);
/* register: the field of a declaration named one of names (NULL-ended;
 * "" when none), e.g. the applicant's phone. */
const char *print_field(const json_t *fields, const char *const *names);
/* register: "09/02/26 10:00", a narrow cell that wraps at the space. */
const char *print_compact(int64_t t, char *buf, size_t n);
/* register: the template forms/templates/<form>.txt with {{name}}
 * replaced from vars (strings; "register" keeps its markup) as layout
 * (new string, caller frees), NULL when it cannot be read. */
char *print_template(const char *form, json_t *vars);
/* 200000 → "200.000" (the "." thousands separator). */
const char *print_money(int64_t v, char *buf, size_t n);
/* 0..99 in Vietnamese words ("hai", "mười lăm", "hai mươi mốt"); digits
 * beyond. */
const char *print_words(int v, char *buf, size_t n);
/* The place of the date line from the province's name: "Ủy ban nhân dân
 * tỉnh Cà Mau" → "Cà Mau" (the whole name when it names no province or
 * city). */
const char *print_place(const char *root_name, char *buf, size_t n);

/* forms/DIR/NAME.txt of the forms in use (catalog_dir), whole, malloc'd;
 * NULL when it cannot be read. */
char *print_file(const char *dir, const char *name);

#endif
