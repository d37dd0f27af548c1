/* stats.c — latency series for the benchmarks: append, merge, and
 * nearest-rank percentiles after one sort. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t stats_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void s_reserve(stats_t *s, size_t more)
{
	uint32_t *v;
	size_t cap = s->cap ? s->cap : 1024;

	while (cap < s->n + more)
		cap *= 2;
	if (cap == s->cap)
		return;
	if ((v = realloc(s->us, cap * sizeof *v)) == NULL)
		abort();
	s->us = v;
	s->cap = cap;
}

void stats_add(stats_t *s, int64_t us)
{
	s_reserve(s, 1);
	s->us[s->n++] = us < 0 ? 0 : us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

void stats_merge(stats_t *into, const stats_t *from)
{
	if (from->n) {
		s_reserve(into, from->n);
		memcpy(into->us + into->n, from->us, from->n * sizeof *from->us);
		into->n += from->n;
	}
	into->errors += from->errors;
}

static int s_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Nearest rank: the smallest sample with at least p % of samples at or
 * below it. */
double stats_pct_ms(stats_t *s, double p)
{
	size_t rank;

	if (!s->n)
		return 0;
	qsort(s->us, s->n, sizeof *s->us, s_cmp);
	rank = (size_t)(p / 100.0 * (double)s->n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	return s->us[rank - 1] / 1000.0;
}

void stats_free(stats_t *s)
{
	free(s->us);
	memset(s, 0, sizeof *s);
}
