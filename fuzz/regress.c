/* regress.c — replays files through a fuzz target without libFuzzer, so the
 * normal (gcc, ASan, UBSan) test build runs every committed corpus file and
 * every input that once crashed. Usage: regress DIR|FILE...  Exits 1 when
 * nothing was found to run; a crash fails the test by itself. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Run one file through the target. Returns 1 when it ran, 0 when it could
 * not be read (reported). */
static int s_run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;
	int ok = 0;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto done;
	/* an exact-size allocation, so ASan sees any read past the input */
	if ((buf = malloc(size ? (size_t)size : 1)) == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size)
		goto done;
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	ok = 1;
done:
	if (!ok)
		fprintf(stderr, "regress: cannot read %s\n", path);
	if (f)
		fclose(f);
	free(buf);
	return ok;
}

static int s_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every regular file of dir, in name order. Returns how many ran. */
static int s_run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int ran = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char **v;
		if (de->d_name[0] == '.' || (v = realloc(names, (n + 1) * sizeof *v)) == NULL)
			continue;
		names = v;
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, s_cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		ran += s_run_file(path);
		free(names[i]);
	}
	free(names);
	return ran;
}

int main(int argc, char **argv)
{
	int ran = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0)
			continue; /* a target may have no regressions yet */
		ran += S_ISDIR(st.st_mode) ? s_run_dir(argv[i]) : s_run_file(argv[i]);
	}
	printf("%d inputs replayed without a crash\n", ran);
	return ran > 0 ? 0 : 1;
}
