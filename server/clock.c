/* clock.c — wall-clock time for congvud, injectable in test builds (see
 * clock.h). The monotonic clock (how long work took) is not here: a test
 * moves dates, not CPU time. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef CONGVU_TEST_CLOCK
/* The time written in $CONGVU_CLOCK's file, in ms; 0 when there is none. */
static int64_t s_injected_ms(void)
{
	const char *path = getenv("CONGVU_CLOCK");
	FILE *f = path && *path ? fopen(path, "r") : NULL;
	double t = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%lf", &t) != 1 || t < 0)
		t = 0;
	fclose(f);
	return (int64_t)(t * 1000);
}
#endif

int64_t clock_now_ms(void)
{
	struct timespec ts;

#ifdef CONGVU_TEST_CLOCK
	int64_t ms = s_injected_ms();
	if (ms > 0)
		return ms;
#endif
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_now(void)
{
	return clock_now_ms() / 1000;
}

int64_t clock_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
