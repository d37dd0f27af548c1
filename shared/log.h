/* log.h — one line per event on stderr: time, level, then the message.
 * Daemon logs are read by people and by grep; keep each event on one line. */
#ifndef CONGVU_LOG_H
#define CONGVU_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A broken invariant: log and abort. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
