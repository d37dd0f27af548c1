/* clock.h — the one place congvud asks what time it is. Every deadline,
 * lockout, idle expiry, timer and report reads it, so a test can move the
 * daemon's time instead of waiting for it. */
#ifndef CONGVU_CLOCK_H
#define CONGVU_CLOCK_H

#include <stdint.h>

/* Wall-clock time: unix seconds, and milliseconds. In test builds
 * (CONGVU_TEST_CLOCK, on in debug builds) the environment variable
 * CONGVU_CLOCK names a file holding a unix time in seconds; while that file
 * exists and holds a number, that is the time (read at every call, so a
 * test moves it by rewriting the file). Otherwise, and always in release
 * builds, the system's real-time clock. */
int64_t clock_now(void);
int64_t clock_now_ms(void);

/* Microseconds on the monotonic clock, for measuring how long the daemon's
 * own work takes (a batch's budget, a slice of a backlog); never the test
 * clock, and meaningless as a date. */
int64_t clock_mono_us(void);

#endif
