/* log.c — timestamped single-line logging to stderr. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static void s_log(const char *level, const char *fmt, va_list ap)
{
	char ts[32], line[2048];
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
	vsnprintf(line, sizeof line, fmt, ap);
	/* single-line as promised: the lines of a multi-line message (e.g.
	 * a list of file:line errors) are joined with '|' */
	for (char *p = line; *p; p++)
		if (*p == '\n')
			*p = p[1] ? '|' : ' ';
	fprintf(stderr, "%s.%03d %s %s\n", ts, (int)(tv.tv_usec / 1000), level, line);
}

#define LOGFN(name, level)                 \
	void name(const char *fmt, ...)    \
	{                                  \
		va_list ap;                \
		va_start(ap, fmt);         \
		s_log(level, fmt, ap);     \
		va_end(ap);                \
	}
LOGFN(log_info, "info")
LOGFN(log_warn, "warn")
LOGFN(log_error, "error")

void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	s_log("fatal", fmt, ap);
	va_end(ap);
	abort();
}
