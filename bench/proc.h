/* proc.h — what a process costs the machine, read from /proc: CPU time,
 * memory, open files. The benchmarks watch the daemon and themselves. */
#ifndef CONGVU_BENCH_PROC_H
#define CONGVU_BENCH_PROC_H

/* CPU seconds (user + system) used so far by pid; negative when unknown
 * (no such process, or pid <= 0). */
double proc_cpu(long pid);

/* A "Name:  N kB" line of /proc/PID/status (VmRSS, VmHWM, ...) in kB;
 * negative when unknown. */
long proc_status_kb(long pid, const char *name);

/* Open file descriptors of pid (entries of /proc/PID/fd); negative when
 * unknown. */
long proc_fds(long pid);

#endif
