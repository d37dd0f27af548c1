/* checkpointer.c — the writer's write-ahead log copied back into the
 * database on a thread of its own, not in the commit that filled it.
 *
 * SQLite's automatic checkpoint runs inside the commit that takes the log
 * past its limit: that commit, and every request of the serve loop behind
 * it, waits while some 32 MB of pages are copied and the database file is
 * synced (bench/backlog: the p99 of reads and writes while a backlog of
 * deletes fills the log fast). Here the writer's commits only count the
 * log's frames (sqlite3_wal_hook, which replaces the automatic checkpoint)
 * and wake this thread past CKPT_FRAMES; it runs a PASSIVE checkpoint on a
 * connection of its own, which never blocks the writer or the readers:
 * it copies what no reader still needs, and the writer starts the log over
 * from its beginning once all of it was copied. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "log.h"

#define CKPT_FRAMES 8000 /* ~32 MB of 4 KB pages, the automatic checkpoint's old limit */

static struct {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	sqlite3 *h;        /* the thread's connection */
	sqlite3 *writer;   /* whose commits are counted */
	int frames;        /* in the log after the writer's last commit */
	bool stop, running;
	long runs;         /* checkpoints run (store_checkpointer_runs) */
} s_ck = {.mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* The writer's commit: count, and wake the thread past the limit. */
static int s_hook(void *arg, sqlite3 *h, const char *db, int frames)
{
	(void)arg, (void)h, (void)db;
	pthread_mutex_lock(&s_ck.mu);
	s_ck.frames = frames;
	if (frames >= CKPT_FRAMES)
		pthread_cond_signal(&s_ck.wake);
	pthread_mutex_unlock(&s_ck.mu);
	return SQLITE_OK;
}

static void *s_run(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&s_ck.mu);
	while (!s_ck.stop) {
		int log_frames = 0, copied = 0, rc;
		if (s_ck.frames < CKPT_FRAMES) {
			pthread_cond_wait(&s_ck.wake, &s_ck.mu);
			continue;
		}
		s_ck.frames = 0; /* the next commit says how many are left */
		pthread_mutex_unlock(&s_ck.mu);
		rc = sqlite3_wal_checkpoint_v2(s_ck.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			log_warn("checkpoint: %s", sqlite3_errmsg(s_ck.h));
		else if (log_frames < 0)
			log_warn("checkpoint: the database is not in WAL mode");
		pthread_mutex_lock(&s_ck.mu);
		s_ck.runs++;
	}
	pthread_mutex_unlock(&s_ck.mu);
	return NULL;
}

int store_checkpointer_start(store_t *s, char *err, size_t n)
{
	const char *path = sqlite3_db_filename(db_handle(s), "main");

	if (s_ck.running)
		return 0;
	if (!path || sqlite3_open_v2(path, &s_ck.h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, n, "không mở được kết nối ghi sổ WAL: %s", s_ck.h ? sqlite3_errmsg(s_ck.h) : "?");
		sqlite3_close(s_ck.h);
		s_ck.h = NULL;
		return -1;
	}
	sqlite3_busy_timeout(s_ck.h, 5000);
	/* a connection knows the log is there once it has read the database */
	if (sqlite3_exec(s_ck.h, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, n, "không đọc được cơ sở dữ liệu để ghi sổ WAL: %s", sqlite3_errmsg(s_ck.h));
		sqlite3_close(s_ck.h);
		s_ck.h = NULL;
		return -1;
	}
	s_ck.stop = false;
	s_ck.frames = 0;
	s_ck.runs = 0;
	if (pthread_create(&s_ck.thread, NULL, s_run, NULL) != 0) {
		snprintf(err, n, "không tạo được luồng ghi sổ WAL");
		sqlite3_close(s_ck.h);
		s_ck.h = NULL;
		return -1;
	}
	s_ck.writer = db_handle(s);
	sqlite3_wal_hook(s_ck.writer, s_hook, NULL); /* the automatic checkpoint is off from here */
	s_ck.running = true;
	return 0;
}

void store_checkpointer_stop(void)
{
	if (!s_ck.running)
		return;
	sqlite3_wal_autocheckpoint(s_ck.writer, CKPT_FRAMES); /* the writer's own again */
	pthread_mutex_lock(&s_ck.mu);
	s_ck.stop = true;
	pthread_cond_signal(&s_ck.wake);
	pthread_mutex_unlock(&s_ck.mu);
	pthread_join(s_ck.thread, NULL);
	sqlite3_close(s_ck.h);
	s_ck.h = NULL;
	s_ck.writer = NULL;
	s_ck.running = false;
}

long store_checkpointer_runs(void)
{
	long n;

	pthread_mutex_lock(&s_ck.mu);
	n = s_ck.runs;
	pthread_mutex_unlock(&s_ck.mu);
	return n;
}
