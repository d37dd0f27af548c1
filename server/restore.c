/* restore.c — `congvud restore FILE DIR`: a backup becomes DIR's database
 * only once it has been checked page by page (store_check) and its audit
 * chain verifies (audit_verify), so a daemon never serves a damaged or
 * edited copy; `congvud upgrade DIR`: a package upgrade's migration
 * (store_upgrade), once, after a copy of the previous database. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "restore.h"
#include "server.h"
#include "store/store.h"
#include "store/upgrade.h"

/* A data directory (made by `congvud init`) no daemon serves: the lock
 * serve holds for its lifetime is free. Its descriptor, held until exit;
 * or -1 having said why, with the status in *rc. */
static int s_idle_dir(const char *dir, struct stat *st, int *rc)
{
	char path[4096];
	int fd;

	if (server_path(path, sizeof path, dir, "server.key") != 0 || stat(dir, st) != 0 || !S_ISDIR(st->st_mode) ||
	    access(path, R_OK) != 0) {
		fprintf(stderr, "congvud: %s không phải thư mục dữ liệu (tạo bằng: congvud init %s)\n", dir, dir);
		*rc = EX_NOINPUT;
		return -1;
	}
	if ((fd = server_lock(dir)) < 0) {
		fprintf(stderr, "congvud: %s đang được congvud phục vụ: dừng nó trước khi khôi phục\n", dir);
		*rc = EX_TEMPFAIL;
	}
	return fd;
}

/* Remove a database file and the WAL and index beside it. */
static void s_unlink_db(const char *path)
{
	char side[4200];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* Check the database at path as the daemon would open it (an older
 * backup is migrated first): every page, then the audit chain. 0, or -1
 * having said what is wrong. */
static int s_check(const char *path, const char *shown)
{
	char err[1024];
	int64_t rows = 0, bad = 0;
	store_t *s = store_open(path, 0, err, sizeof err);
	int rc = -1;

	if (!s)
		fprintf(stderr, "congvud: %s: %s\n", shown, err);
	else if (store_check(s, err, sizeof err) != STORE_OK)
		fprintf(stderr, "congvud: %s bị hỏng: %s\n", shown, err);
	else if (audit_verify(s, &rows, &bad) != 0)
		fprintf(stderr, "congvud: %s: nhật ký kiểm toán bị sửa hoặc xóa (%s %lld)\n", shown,
		        bad ? "tại dòng" : "sau dòng", (long long)(bad ? bad : rows));
	else {
		printf("%s: cơ sở dữ liệu nguyên vẹn, nhật ký kiểm toán nguyên vẹn (%lld dòng), phiên bản %d.\n", shown,
		       (long long)rows, store_schema_version());
		rc = 0;
	}
	store_close(&s);
	return rc;
}

int server_restore(int argc, char **argv)
{
	const char *file = argc == 3 ? argv[1] : NULL, *dir = argc == 3 ? argv[2] : NULL;
	char db[4096], tmp[4096], old[4200], err[1024];
	struct stat st;
	store_t *src = NULL;
	int lock, rc = EX_DATAERR;

	if (!file) {
		fprintf(stderr, "Cách dùng: congvud restore FILE DIR\n");
		return EX_USAGE;
	}
	if ((lock = s_idle_dir(dir, &st, &rc)) < 0)
		return rc;
	server_path(db, sizeof db, dir, "congvu.db");
	server_path(tmp, sizeof tmp, dir, "congvu.db.restore");
	s_unlink_db(tmp);
	/* the copy is the store's own online backup of FILE: 0600, whole or
	 * absent, and FILE itself is never written */
	if (access(file, R_OK) != 0) {
		fprintf(stderr, "congvud: không đọc được %s: %s\n", file, strerror(errno));
		rc = EX_NOINPUT;
		goto done;
	}
	if (!(src = store_open(file, STORE_READONLY, err, sizeof err))) {
		fprintf(stderr, "congvud: %s bị hỏng hoặc không phải cơ sở dữ liệu: %s\n", file, err);
		goto done;
	}
	if (store_check(src, err, sizeof err) != STORE_OK) {
		fprintf(stderr, "congvud: %s bị hỏng: %s\n", file, err);
		goto done;
	}
	if (store_backup(src, tmp) != STORE_OK) {
		fprintf(stderr, "congvud: không chép được %s vào %s\n", file, tmp);
		rc = EX_CANTCREAT;
		goto done;
	}
	store_close(&src);
	if (s_check(tmp, file) != 0)
		goto done;
	/* the database it replaces stays beside it, with its WAL */
	if (access(db, F_OK) == 0) {
		char from[4200], to[4300];
		snprintf(old, sizeof old, "%s.replaced-%lld", db, (long long)time(NULL));
		snprintf(from, sizeof from, "%s-wal", db);
		snprintf(to, sizeof to, "%s-wal", old);
		if (rename(db, old) != 0 || (rename(from, to) != 0 && errno != ENOENT)) {
			fprintf(stderr, "congvud: không đổi tên được %s: %s\n", db, strerror(errno));
			rc = EX_CANTCREAT;
			goto done;
		}
		snprintf(from, sizeof from, "%s-shm", db);
		unlink(from);
		fprintf(stderr, "Cơ sở dữ liệu cũ giữ lại ở %s\n", old);
	}
	if (rename(tmp, db) != 0) {
		fprintf(stderr, "congvud: không đặt được %s: %s\n", db, strerror(errno));
		rc = EX_CANTCREAT;
		goto done;
	}
	/* run as root for a daemon that runs as the directory's owner */
	if (chown(db, st.st_uid, st.st_gid) != 0 && geteuid() == 0)
		fprintf(stderr, "congvud: không đổi chủ được %s: %s\n", db, strerror(errno));
	printf("Đã khôi phục %s từ %s.\n", db, file);
	rc = EX_OK;
done:
	store_close(&src);
	if (rc != EX_OK)
		s_unlink_db(tmp);
	close(lock);
	return rc;
}

int server_upgrade(int argc, char **argv)
{
	const char *dir = argc == 2 ? argv[1] : NULL;
	char db[4096], backup[4200], err[1024];
	int from = 0;
	store_rc_t rc;

	if (!dir) {
		fprintf(stderr, "Cách dùng: congvud upgrade DIR\n");
		return EX_USAGE;
	}
	server_path(db, sizeof db, dir, "congvu.db");
	/* the version it comes from is only known inside: name the copy
	 * after the time, and say which version it holds */
	snprintf(backup, sizeof backup, "%s.before-upgrade-%lld", db, (long long)time(NULL));
	rc = store_upgrade(db, backup, &from, err, sizeof err);
	if (rc == STORE_NONE) {
		printf("%s: chưa có cơ sở dữ liệu (congvud init %s).\n", dir, dir);
		return EX_OK;
	}
	if (rc != STORE_OK) {
		fprintf(stderr, "congvud: nâng cấp %s không thành công, cơ sở dữ liệu giữ nguyên: %s\n", db, err);
		return EX_SOFTWARE;
	}
	if (from == store_schema_version())
		printf("%s: đã ở phiên bản %d, không cần nâng cấp.\n", db, from);
	else
		printf("%s: đã nâng từ phiên bản %d lên %d; bản cũ sao lưu ở %s.\n", db, from, store_schema_version(),
		       backup);
	return EX_OK;
}
