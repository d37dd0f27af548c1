/* proc.c — /proc readers for the benchmarks (Linux only, as they are). */
#include "proc.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

double proc_cpu(long pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (pid <= 0 || (f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	/* fields after the command name: state is 3rd, utime 14th, stime 15th */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

long proc_status_kb(long pid, const char *name)
{
	char path[64], line[256];
	size_t len = strlen(name);
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", pid);
	if (pid <= 0 || (f = fopen(path, "r")) == NULL)
		return -1;
	while (kb < 0 && fgets(line, sizeof line, f))
		if (strncmp(line, name, len) == 0 && line[len] == ':' && sscanf(line + len + 1, "%ld", &kb) != 1)
			kb = -1;
	fclose(f);
	return kb;
}

long proc_fds(long pid)
{
	char path[64];
	struct dirent *e;
	long n = 0;
	DIR *d;

	snprintf(path, sizeof path, "/proc/%ld/fd", pid);
	if (pid <= 0 || (d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}
