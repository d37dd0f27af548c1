/* log.c — timestamped single-line logging to stderr, control and bidi
 * characters escaped (text_escape). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

#include "text.h"

static void s_log(const char *level, const char *fmt, va_list ap)
{
	char ts[32], line[2048], *shown;
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
	/* what peers sent (names, codes) is quoted in logs: an admin reading
	 * them on a terminal sees its controls escaped, never obeyed */
	shown = text_escape(line, 0);
	fprintf(stderr, "%s.%03d %s %s\n", ts, (int)(tv.tv_usec / 1000), level, shown ? shown : line);
	free(shown);
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
