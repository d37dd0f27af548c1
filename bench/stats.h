/* stats.h — latency samples for the benchmarks: each worker records into
 * its own series (no locking), series are merged afterwards and read as
 * count, rate and percentiles. */
#ifndef CONGVU_BENCH_STATS_H
#define CONGVU_BENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t *us; /* latencies in microseconds */
	size_t n, cap;
	size_t errors; /* requests answered with an error or not at all */
} stats_t;

/* Monotonic clock in microseconds. */
int64_t stats_now_us(void);

void stats_add(stats_t *s, int64_t us);
/* Append every sample of from to into (from is left as it was). */
void stats_merge(stats_t *into, const stats_t *from);
/* The p-th percentile (0..100) in milliseconds; sorts s. 0 when empty. */
double stats_pct_ms(stats_t *s, double p);
void stats_free(stats_t *s);

#endif
