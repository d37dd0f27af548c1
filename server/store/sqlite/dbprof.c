/* dbprof.c — where the database time goes, for benchmarks: with
 * CONGVU_SQL_PROFILE=FILE set, every statement's run time (SQLite's own
 * profile callback, wall clock) is summed by its SQL text, and the table is
 * written to FILE, costliest first, when the database is closed. Off (and
 * free) when the variable is unset. */
#include "dbprof.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024 /* distinct statements; more are counted as "(others)" */

typedef struct {
	char *sql;
	uint64_t hash, runs, ns;
} entry_t;

static entry_t s_tab[SLOTS];
static entry_t s_others = {.sql = "(others)"};

static uint64_t s_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* The entry of sql: found, or made in the first free slot after its hash. */
static entry_t *s_entry(const char *sql)
{
	uint64_t h = s_hash(sql);

	for (unsigned i = 0, at = (unsigned)(h % SLOTS); i < SLOTS; i++, at = (at + 1) % SLOTS) {
		entry_t *e = &s_tab[at];
		if (!e->sql) {
			if (!(e->sql = strdup(sql)))
				return &s_others;
			e->hash = h;
			return e;
		}
		if (e->hash == h && strcmp(e->sql, sql) == 0)
			return e;
	}
	return &s_others;
}

static int s_on_trace(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	entry_t *e;

	(void)ctx;
	if (type != SQLITE_TRACE_PROFILE || !sql)
		return 0;
	e = s_entry(sql);
	e->runs++;
	e->ns += *(const sqlite3_int64 *)x;
	return 0;
}

void dbprof_attach(sqlite3 *db)
{
	if (getenv("CONGVU_SQL_PROFILE"))
		sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, s_on_trace, NULL);
}

static int s_by_time(const void *a, const void *b)
{
	const entry_t *x = a, *y = b;
	return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

void dbprof_report(void)
{
	const char *path = getenv("CONGVU_SQL_PROFILE");
	uint64_t total = s_others.ns;
	FILE *f;

	if (!path || !(f = fopen(path, "w")))
		return;
	qsort(s_tab, SLOTS, sizeof s_tab[0], s_by_time);
	for (int i = 0; i < SLOTS && s_tab[i].sql; i++)
		total += s_tab[i].ns;
	fprintf(f, "# total %.1f ms in statements\n#   ms      %%     runs  us/run  statement\n", total / 1e6);
	for (int i = 0; i < SLOTS && s_tab[i].sql; i++) {
		const entry_t *e = &s_tab[i];
		fprintf(f, "%7.1f %6.2f %8llu %7.1f  ", e->ns / 1e6, total ? 100.0 * e->ns / total : 0,
		        (unsigned long long)e->runs, e->ns / 1e3 / e->runs);
		for (const char *s = e->sql; *s; s++) /* one line per statement */
			fputc(*s == '\n' || *s == '\t' ? ' ' : *s, f);
		fputc('\n', f);
	}
	if (s_others.runs)
		fprintf(f, "%7.1f          %8llu           (statements beyond %d)\n", s_others.ns / 1e6,
		        (unsigned long long)s_others.runs, SLOTS);
	fclose(f);
}
