/* db.c — SQLite open, migrations, statement cache and small helpers.
 * Statements are cached by the address of their static SQL text, so a
 * handler writes its query inline and pays the prepare once. */
#include "db.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbprof.h"
#include "log.h"
#include "search_rank.h"

/* Generated from server/db/migrations/NNNN_*.sql by scripts/embed_sql.py. */
extern const char *const db_migrations[];
extern const int db_nmigrations;

#define STMT_CACHE 256
static struct {
	sqlite3 *db;
	const char *sql;
	sqlite3_stmt *st;
} s_cache[STMT_CACHE];

static void s_drop(size_t keep);

int db_schema_version(void) { return db_nmigrations; }

static int s_migrate(sqlite3 *db, char *err, size_t n)
{
	int have = (int)db_int(db, "PRAGMA user_version", 0, "");
	char *msg = NULL;

	if (have > db_nmigrations) {
		snprintf(err, n, "cơ sở dữ liệu ở phiên bản %d, mới hơn chương trình (%d)", have, db_nmigrations);
		return -1;
	}
	for (int v = have; v < db_nmigrations; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", v + 1);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, db_migrations[v], NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, pragma, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(err, n, "migration %d: %s", v + 1, msg ? msg : "?");
			sqlite3_free(msg);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		log_info("schema migrated to version %d", v + 1);
	}
	return 0;
}

sqlite3 *db_open(const char *path, int create, char *err, size_t n)
{
	sqlite3 *db = NULL;
	/* one connection, used by one thread: no per-call mutexes */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);

	/* before SQLite initialises (the first open): no global allocation
	 * statistics, which would take a mutex on every malloc */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		snprintf(err, n, "không mở được cơ sở dữ liệu %s: %s", path, db ? sqlite3_errmsg(db) : "?");
		goto fail;
	}
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			 "PRAGMA trusted_schema=OFF;"
			 /* checkpoint every ~32 MB of WAL, not 4 MB: the pages every
			  * batch rewrites (index interiors, the remembered replies'
			  * leaves) are copied back once per checkpoint, not once per
			  * few batches */
			 "PRAGMA wal_autocheckpoint=8000;"
			 /* 64 MB of pages in the process (default 2 MB): the indexes
			  * lists and queues walk stay here instead of being read back
			  * from the OS with a syscall per page; it fills only as used,
			  * within the daemon's 256 MB budget */
			 "PRAGMA cache_size=-65536;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, n, "không đặt được chế độ cơ sở dữ liệu: %s", sqlite3_errmsg(db));
		goto fail;
	}
	if (s_migrate(db, err, n) != 0)
		goto fail;
	/* after the migrations, whose rebuilt tables would otherwise keep
	 * their statement journals in memory (a 4 GB year peaked at 500 MB):
	 * the savepoints a batch runs its requests in keep the pages they
	 * change in memory, not in a temporary file written page by page
	 * (rollback only; the WAL and its fsync make a commit durable) */
	sqlite3_exec(db, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	dbprof_attach(db);
	if (search_rank_attach(db) != 0) {
		snprintf(err, n, "SQLite không có FTS5");
		goto fail;
	}
	return db;
fail:
	db_close(&db);
	return NULL;
}

void db_close(sqlite3 **db)
{
	if (!*db)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		if (s_cache[i].db == *db) {
			sqlite3_finalize(s_cache[i].st);
			memset(&s_cache[i], 0, sizeof s_cache[i]);
		}
	s_drop(0);
	dbprof_report();
	sqlite3_close(*db);
	*db = NULL;
}

sqlite3_stmt *db_stmt(sqlite3 *db, const char *sql)
{
	int free_slot = -1;

	for (int i = 0; i < STMT_CACHE; i++) {
		if (s_cache[i].db == db && s_cache[i].sql == sql) {
			sqlite3_reset(s_cache[i].st);
			sqlite3_clear_bindings(s_cache[i].st);
			return s_cache[i].st;
		}
		if (!s_cache[i].db && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0)
		fatal("statement cache full (%d): raise STMT_CACHE", STMT_CACHE);
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_cache[free_slot].st, NULL) != SQLITE_OK) {
		log_error("prepare failed: %s: %s", sqlite3_errmsg(db), sql);
		return NULL;
	}
	s_cache[free_slot].db = db;
	s_cache[free_slot].sql = sql;
	return s_cache[free_slot].st;
}

static sqlite3_stmt *s_bind(sqlite3 *db, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc = SQLITE_OK;

	if (!st)
		return NULL;
	for (int i = 0; fmt[i] && rc == SQLITE_OK; i++) {
		switch (fmt[i]) {
		case 's': rc = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT); break;
		case 'i': rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			rc = sqlite3_bind_blob(st, i + 1, p, (int)len, SQLITE_TRANSIENT);
			break;
		}
		default: fatal("db_q: bad format letter '%c'", fmt[i]);
		}
	}
	if (rc != SQLITE_OK) {
		log_error("bind failed: %s", sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_q(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	va_start(ap, fmt);
	st = s_bind(db, sql, fmt, ap);
	va_end(ap);
	return st;
}

int db_exec(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc;

	va_start(ap, fmt);
	st = s_bind(db, sql, fmt, ap);
	va_end(ap);
	if (!st)
		return SQLITE_ERROR;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && rc != SQLITE_CONSTRAINT)
		log_error("sql failed (%d): %s", rc, sqlite3_errmsg(db));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

int64_t db_int(sqlite3 *db, const char *sql, int64_t dflt, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int64_t v = dflt;

	va_start(ap, fmt);
	st = s_bind(db, sql, fmt, ap);
	va_end(ap);
	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

json_t *db_row(sqlite3_stmt *st)
{
	json_t *o;

	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return NULL;
	o = json_object();
	for (int i = 0; i < sqlite3_column_count(st); i++) {
		json_t *v;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
		case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
		case SQLITE_NULL: v = json_null(); break;
		default: v = json_string((const char *)sqlite3_column_text(st, i)); break;
		}
		json_object_set_new(o, sqlite3_column_name(st, i), v ? v : json_null());
	}
	return o;
}

json_t *db_rows(sqlite3_stmt *st)
{
	json_t *a = json_array(), *o;
	while ((o = db_row(st)))
		json_array_append_new(a, o);
	if (st)
		sqlite3_reset(st);
	return a;
}

/* Open db_begin levels; level 1 is the real transaction. s_mark[d] is
 * how many deferred statements were queued when level d+1 began, so a
 * level rolled back forgets the ones it queued. */
#define DEPTH_MAX 16
static int s_depth;
static size_t s_mark[DEPTH_MAX];

/* Statements queued by db_defer for the outermost commit, in order. */
typedef struct {
	const char *sql;
	int64_t id;
	char *text;
} s_deferred_t;
static s_deferred_t *s_def;
static size_t s_ndef, s_capdef;

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE", SQL_SAVE[] = "SAVEPOINT nested", SQL_COMMIT[] = "COMMIT",
                  SQL_RELEASE[] = "RELEASE nested", SQL_UNDO[] = "ROLLBACK TO nested", SQL_ROLLBACK[] = "ROLLBACK";

/* Step a cached statement that returns no rows: SQLITE_OK or the error
 * (the transaction statements are prepared once, not parsed per call). */
static int s_step(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return SQLITE_ERROR;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Forget the deferred statements queued after the first `keep`. */
static void s_drop(size_t keep)
{
	while (s_ndef > keep)
		free(s_def[--s_ndef].text);
}

int db_defer(sqlite3 *db, const char *sql, int64_t id, const char *text)
{
	s_deferred_t *d;

	if (!s_depth)
		return db_exec(db, sql, "is", id, text) == SQLITE_DONE ? 0 : -1;
	if (s_ndef == s_capdef) {
		size_t cap = s_capdef ? 2 * s_capdef : 64;
		s_deferred_t *nd = realloc(s_def, cap * sizeof *nd);
		if (!nd)
			return -1;
		s_def = nd;
		s_capdef = cap;
	}
	d = &s_def[s_ndef];
	if (!(d->text = strdup(text)))
		return -1;
	d->sql = sql;
	d->id = id;
	s_ndef++;
	return 0;
}

/* Run the deferred statements in the outermost transaction, then forget
 * them (they are its work now: its COMMIT or ROLLBACK decides). */
static int s_run_deferred(sqlite3 *db)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < s_ndef && rc == SQLITE_OK; i++)
		if (db_exec(db, s_def[i].sql, "is", s_def[i].id, s_def[i].text) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	s_drop(0);
	return rc;
}

int db_flush(sqlite3 *db)
{
	assert(s_depth == 1);
	return s_run_deferred(db) == SQLITE_OK ? 0 : -1;
}

int db_begin(sqlite3 *db)
{
	int rc;

	assert(s_depth < DEPTH_MAX);
	rc = s_step(db, s_depth ? SQL_SAVE : SQL_BEGIN);
	if (rc == SQLITE_OK)
		s_mark[s_depth++] = s_ndef;
	return rc;
}

int db_commit(sqlite3 *db)
{
	int rc;
	assert(s_depth > 0);
	rc = s_depth > 1 ? SQLITE_OK : s_run_deferred(db);
	if (rc == SQLITE_OK)
		rc = s_step(db, s_depth > 1 ? SQL_RELEASE : SQL_COMMIT);
	if (rc == SQLITE_OK)
		s_depth--;
	return rc; /* a failed COMMIT leaves the transaction open: db_rollback it */
}

void db_rollback(sqlite3 *db)
{
	assert(s_depth > 0);
	s_drop(s_mark[s_depth - 1]);
	if (s_depth > 1) {
		s_step(db, SQL_UNDO);
		s_step(db, SQL_RELEASE);
	} else if (!sqlite3_get_autocommit(db))
		s_step(db, SQL_ROLLBACK);
	s_depth--;
}

bool db_in_tx(sqlite3 *db)
{
	(void)db;
	return s_depth > 0;
}

/* The copy is written into a file of its own beside path, created 0600
 * whatever the umask (SQLite would create it 0644 and the database would
 * be world-readable while written), then renamed over path: a reader of
 * path sees the previous backup or the whole new one, never a part. */
int db_backup(sqlite3 *db, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	char tmp[4096];
	int rc = SQLITE_CANTOPEN, fd, bad;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= sizeof tmp || (fd = mkstemp(tmp)) < 0)
		return SQLITE_CANTOPEN;
	bad = fchmod(fd, 0600) != 0; /* the umask may have taken the owner's bits */
	if (close(fd) != 0 || bad)
		goto done;
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", db, "main");
		if (!b)
			rc = sqlite3_errcode(dst);
		else {
			while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(20);
			rc = sqlite3_backup_finish(b);
		}
	}
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_IOERR;
	if (rc == SQLITE_OK && rename(tmp, path) != 0)
		rc = SQLITE_CANTOPEN;
done:
	if (rc != SQLITE_OK)
		unlink(tmp);
	return rc;
}
