/* ceiling.h — what this machine can do at best, measured in the same run
 * as the load: a CurveZMQ DEALER/ROUTER echo with the same number of
 * clients and frame sizes, and single-row synchronous=FULL SQLite commits. */
#ifndef CONGVU_BENCH_CEILING_H
#define CONGVU_BENCH_CEILING_H

#include <stddef.h>

#include "stats.h"

/* Round trips per second of clients closed-loop DEALERs (each its own
 * CURVE key) against a one-thread CURVE ROUTER that answers every frame of
 * req_bytes with one of rep_bytes, for secs seconds. Latencies go to lat
 * (may be NULL). Negative on setup failure. */
double ceiling_echo(int clients, double secs, size_t req_bytes, size_t rep_bytes, stats_t *lat);

/* Commits per second of one connection inserting one ~200-byte row per
 * transaction into a WAL database with synchronous=FULL, in directory dir
 * (so on the same file system as the daemon's), for secs seconds. The
 * scratch database is removed afterwards. Negative on failure. */
double ceiling_sqlite(const char *dir, double secs);

#endif
