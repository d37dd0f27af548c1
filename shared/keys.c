/* keys.c — CURVE key pairs in Z85 text files; the secret file is created
 * 0600 with O_EXCL and refused at load time when others could read it. */
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

int keys_generate(keypair_t *kp)
{
	return zmq_curve_keypair(kp->pub, kp->sec) == 0 ? 0 : -1;
}

static int s_write(const char *path, const char *line, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	size_t n = strlen(line);
	int rc = -1;

	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) == 0 && write(fd, line, n) == (ssize_t)n && write(fd, "\n", 1) == 1 && fsync(fd) == 0)
		rc = 0;
	close(fd);
	return rc;
}

int keys_save(const keypair_t *kp, const char *path)
{
	char pubpath[4096];

	if (snprintf(pubpath, sizeof pubpath, "%s.pub", path) >= (int)sizeof pubpath) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (s_write(path, kp->sec, 0600) != 0)
		return -1;
	return s_write(pubpath, kp->pub, 0644);
}

bool keys_valid_z85(const char *s)
{
	unsigned char raw[32];
	return s && strlen(s) == KEY_Z85_LEN && zmq_z85_decode(raw, s) != NULL;
}

static int s_read(const char *path, char out[KEY_Z85_LEN + 1])
{
	char line[128];
	FILE *f = fopen(path, "re");
	int rc = -1;

	if (!f)
		return -1;
	if (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (keys_valid_z85(line)) {
			memcpy(out, line, KEY_Z85_LEN + 1);
			rc = 0;
		}
	}
	fclose(f);
	return rc;
}

int keys_read_pub(const char *path, char out[KEY_Z85_LEN + 1])
{
	return s_read(path, out);
}

int keys_load(keypair_t *kp, const char *path)
{
	char pubpath[4096];
	struct stat st;

	if (stat(path, &st) != 0)
		return -1;
	if (st.st_mode & 077)
		return -2;
	snprintf(pubpath, sizeof pubpath, "%s.pub", path);
	if (s_read(path, kp->sec) != 0 || s_read(pubpath, kp->pub) != 0)
		return -1;
	return 0;
}
