/* fuzz_forms.c — libFuzzer target for the procedure and workflow loader
 * (server/forms.c). The input becomes one file, FUZZ_FORMS_SUB/fuzz.yaml, of
 * a forms directory whose other half is the shipped one, so a fuzzed
 * procedure is checked against the real workflow and a fuzzed workflow
 * against the real procedures. A load must succeed or explain itself. */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "forms.h"

#ifndef FUZZ_FORMS_SUB
#define FUZZ_FORMS_SUB "procedures"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char s_dir[PATH_MAX];       /* the temporary forms directory */
static char s_file[PATH_MAX + 64]; /* s_dir/FUZZ_FORMS_SUB/fuzz.yaml */

static void s_cleanup(void)
{
	char p[PATH_MAX + 64];

	unlink(s_file);
	snprintf(p, sizeof p, "%s/%s", s_dir, FUZZ_FORMS_SUB);
	rmdir(p);
	snprintf(p, sizeof p, "%s/%s", s_dir, strcmp(FUZZ_FORMS_SUB, "procedures") ? "procedures" : "workflows");
	unlink(p);
	rmdir(s_dir);
}

/* Make DIR with the fuzzed half as an empty directory and the other half
 * a symbolic link to the shipped forms (FORMS_DIR). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *other = strcmp(FUZZ_FORMS_SUB, "procedures") ? "procedures" : "workflows";
	const char *tmp = getenv("TMPDIR");
	char p[PATH_MAX + 64], target[PATH_MAX + 64];

	(void)argc;
	(void)argv;
	snprintf(s_dir, sizeof s_dir, "%s/congvu-fuzz-forms.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s_dir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(p, sizeof p, "%s/%s", s_dir, FUZZ_FORMS_SUB);
	snprintf(target, sizeof target, "%s/%s", FORMS_DIR, other);
	if (mkdir(p, 0700) != 0 || (snprintf(p, sizeof p, "%s/%s", s_dir, other), symlink(target, p) != 0)) {
		perror(p);
		exit(1);
	}
	snprintf(s_file, sizeof s_file, "%s/%s/fuzz.yaml", s_dir, FUZZ_FORMS_SUB);
	atexit(s_cleanup);
	return 0;
}

/* Write the input as the fuzzed file and load the directory: either a set
 * comes back, or errors, each on its own "file…: message" line. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(s_file, "wb");
	char *errors = NULL;
	forms_t *set;

	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	set = forms_load(s_dir, &errors);
	if (!set == !errors)
		abort(); /* a failed load must say why, a good one must not */
	if (errors && (errors[0] == '\0' || errors[strlen(errors) - 1] != '\n'))
		abort();
	free(errors);
	forms_free(&set);
	return 0;
}
