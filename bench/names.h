/* names.h — invented Vietnamese names for the benchmarks' generated people
 * and addresses, so that folded search has realistic text to find. */
#ifndef CONGVU_BENCH_NAMES_H
#define CONGVU_BENCH_NAMES_H

#include <stddef.h>

/* "Family Middle Given" into out, chosen with rand_r(seed). */
void names_person(char *out, size_t n, unsigned *seed);
/* A given name alone (for street names). */
const char *names_given(unsigned *seed);

#endif
