/* db.c — the SQLite driver's connection: open, migrations, a statement
 * cache per connection, transactions that nest, the compact binder, and
 * the core of store.h. Statements are cached by the address of their
 * static SQL text, so a store function writes its query inline and pays
 * the prepare once. */
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
#include "fold_fn.h"
#include "search_rank.h"

/* Generated from server/store/sqlite/migrations/NNNN_*.sql by scripts/embed_sql.py. */
extern const char *const db_migrations[];
extern const int db_nmigrations;

/* Statements cached per connection: an open-addressed table keyed by the
 * address of the static SQL text. */
#define STMT_CACHE 512
/* Open store_begin levels; level 1 is the real transaction. mark[d] is
 * how many deferred statements were queued when level d+1 began, so a
 * level rolled back forgets the ones it queued. */
#define DEPTH_MAX 16

/* A statement queued by db_defer for the outermost commit. */
typedef struct {
	const char *sql;
	int64_t id;
	char *text;
} s_deferred_t;

struct store {
	sqlite3 *h;
	bool reader;
	bool refused; /* a reader asked to write since store_read_begin */
	int depth;
	size_t mark[DEPTH_MAX];
	s_deferred_t *def;
	size_t ndef, capdef;
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[STMT_CACHE];
};

static void s_drop(store_t *s, size_t keep);

int store_schema_version(void) { return db_nmigrations; }
sqlite3 *db_handle(store_t *s) { return s->h; }
int64_t db_last_id(store_t *s) { return sqlite3_last_insert_rowid(s->h); }
int db_changes(store_t *s) { return sqlite3_changes(s->h); }
const char *store_errmsg(store_t *s) { return sqlite3_errmsg(s->h); }

store_rc_t db_rc(int rc)
{
	switch (rc) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW: return STORE_OK;
	case SQLITE_CONSTRAINT: return STORE_EXISTS;
	default: return STORE_ERROR;
	}
}

store_rc_t db_end(sqlite3_stmt *st, int rc)
{
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NONE : STORE_ERROR;
}

static int s_migrate(store_t *s, char *err, size_t n)
{
	int have = (int)db_int(s, "PRAGMA user_version", 0, "");
	char *msg = NULL;

	if (have > db_nmigrations) {
		snprintf(err, n, "cơ sở dữ liệu ở phiên bản %d, mới hơn chương trình (%d)", have, db_nmigrations);
		return -1;
	}
	for (int v = have; v < db_nmigrations; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", v + 1);
		if (sqlite3_exec(s->h, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(s->h, db_migrations[v], NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(s->h, pragma, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(s->h, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(err, n, "migration %d: %s", v + 1, msg ? msg : "?");
			sqlite3_free(msg);
			sqlite3_exec(s->h, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		log_info("schema migrated to version %d", v + 1);
	}
	return 0;
}

store_t *store_open(const char *path, int flags, char *err, size_t n)
{
	store_t *s = calloc(1, sizeof *s);
	/* a connection is used by one thread at a time: no per-call mutexes */
	int oflags = SQLITE_OPEN_NOMUTEX | (flags & STORE_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		     (flags & STORE_CREATE ? SQLITE_OPEN_CREATE : 0);

	if (!s) {
		snprintf(err, n, "hết bộ nhớ");
		return NULL;
	}
	s->reader = flags & STORE_READONLY;
	/* before SQLite initialises (the first open): no global allocation
	 * statistics, which would take a mutex on every malloc */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &s->h, oflags, NULL) != SQLITE_OK) {
		snprintf(err, n, "không mở được cơ sở dữ liệu %s: %s", path, s->h ? sqlite3_errmsg(s->h) : "?");
		goto fail;
	}
	sqlite3_busy_timeout(s->h, 5000);
	if (sqlite3_exec(s->h,
			 s->reader ? "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF; PRAGMA cache_size=-16384;"
				   : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
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
		snprintf(err, n, "không đặt được chế độ cơ sở dữ liệu: %s", sqlite3_errmsg(s->h));
		goto fail;
	}
	if (!s->reader && s_migrate(s, err, n) != 0)
		goto fail;
	/* after the migrations, whose rebuilt tables would otherwise keep
	 * their statement journals in memory (a 4 GB year peaked at 500 MB):
	 * the savepoints a batch runs its requests in keep the pages they
	 * change in memory, not in a temporary file written page by page
	 * (rollback only; the WAL and its fsync make a commit durable) */
	sqlite3_exec(s->h, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	if (!s->reader)
		dbprof_attach(s->h); /* the profile is the writer's: one thread */
	if (search_rank_attach(s->h) != 0) {
		snprintf(err, n, "SQLite không có FTS5");
		goto fail;
	}
	if (fold_fn_attach(s->h) != 0) {
		snprintf(err, n, "không thêm được hàm fold vào SQLite: %s", sqlite3_errmsg(s->h));
		goto fail;
	}
	return s;
fail:
	store_close(&s);
	return NULL;
}

void store_close(store_t **sp)
{
	store_t *s = *sp;

	if (!s)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(s->cache[i].st);
	s_drop(s, 0);
	free(s->def);
	if (!s->reader)
		dbprof_report();
	sqlite3_close(s->h);
	free(s);
	*sp = NULL;
}

/* A reader's statement that would write is refused before it runs, and
 * the refusal remembered (store_write_refused): the read pool then runs
 * the request on the writer. The connection is read-only as well, so
 * nothing could be written anyway; this makes it a routing decision, not
 * an error a handler might report or swallow. */
static sqlite3_stmt *s_reader_check(store_t *s, sqlite3_stmt *st)
{
	if (st && s->reader && !sqlite3_stmt_readonly(st)) {
		s->refused = true;
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_stmt(store_t *s, const char *sql)
{
	size_t at = ((uintptr_t)sql >> 3) % STMT_CACHE;

	for (size_t i = 0; i < STMT_CACHE; i++, at = (at + 1) % STMT_CACHE) {
		if (s->cache[at].sql == sql) {
			sqlite3_reset(s->cache[at].st);
			sqlite3_clear_bindings(s->cache[at].st);
			return s_reader_check(s, s->cache[at].st);
		}
		if (!s->cache[at].sql) {
			if (sqlite3_prepare_v3(s->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->cache[at].st, NULL) !=
			    SQLITE_OK) {
				log_error("prepare failed: %s: %s", sqlite3_errmsg(s->h), sql);
				return NULL;
			}
			s->cache[at].sql = sql;
			return s_reader_check(s, s->cache[at].st);
		}
	}
	fatal("statement cache full (%d): raise STMT_CACHE", STMT_CACHE);
}

static sqlite3_stmt *s_bind(store_t *s, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = db_stmt(s, sql);
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
		log_error("bind failed: %s", sqlite3_errmsg(s->h));
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_q(store_t *s, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	va_start(ap, fmt);
	st = s_bind(s, sql, fmt, ap);
	va_end(ap);
	return st;
}

int db_exec(store_t *s, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc;

	va_start(ap, fmt);
	st = s_bind(s, sql, fmt, ap);
	va_end(ap);
	if (!st)
		return s->refused ? SQLITE_READONLY : SQLITE_ERROR;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && rc != SQLITE_CONSTRAINT)
		log_error("sql failed (%d): %s", rc, sqlite3_errmsg(s->h));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

int64_t db_int(store_t *s, const char *sql, int64_t dflt, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int64_t v = dflt;

	va_start(ap, fmt);
	st = s_bind(s, sql, fmt, ap);
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

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE", SQL_SAVE[] = "SAVEPOINT nested", SQL_COMMIT[] = "COMMIT",
		  SQL_RELEASE[] = "RELEASE nested", SQL_UNDO[] = "ROLLBACK TO nested", SQL_ROLLBACK[] = "ROLLBACK",
		  SQL_READ[] = "BEGIN DEFERRED";

/* Step a cached statement that returns no rows: SQLITE_OK or the error
 * (the transaction statements are prepared once, not parsed per call). */
static int s_step(store_t *s, const char *sql)
{
	sqlite3_stmt *st = db_stmt(s, sql);
	int rc;

	if (!st)
		return SQLITE_ERROR;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Forget the deferred statements queued after the first `keep`. */
static void s_drop(store_t *s, size_t keep)
{
	while (s->ndef > keep)
		free(s->def[--s->ndef].text);
}

int db_defer(store_t *s, const char *sql, int64_t id, const char *text)
{
	s_deferred_t *d;

	if (!s->depth)
		return db_exec(s, sql, "is", id, text) == SQLITE_DONE ? 0 : -1;
	if (s->ndef == s->capdef) {
		size_t cap = s->capdef ? 2 * s->capdef : 64;
		s_deferred_t *nd = realloc(s->def, cap * sizeof *nd);
		if (!nd)
			return -1;
		s->def = nd;
		s->capdef = cap;
	}
	d = &s->def[s->ndef];
	if (!(d->text = strdup(text)))
		return -1;
	d->sql = sql;
	d->id = id;
	s->ndef++;
	return 0;
}

/* Run the deferred statements in the outermost transaction, then forget
 * them (they are its work now: its COMMIT or ROLLBACK decides). */
static int s_run_deferred(store_t *s)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < s->ndef && rc == SQLITE_OK; i++)
		if (db_exec(s, s->def[i].sql, "is", s->def[i].id, s->def[i].text) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	s_drop(s, 0);
	return rc;
}

store_rc_t store_flush(store_t *s)
{
	assert(s->depth == 1);
	return s_run_deferred(s) == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

store_rc_t store_begin(store_t *s)
{
	assert(s->depth < DEPTH_MAX);
	if (s->reader) { /* a read handler that writes: the writer's work */
		s->refused = true;
		return STORE_ERROR;
	}
	if (s_step(s, s->depth ? SQL_SAVE : SQL_BEGIN) != SQLITE_OK)
		return STORE_ERROR;
	s->mark[s->depth++] = s->ndef;
	return STORE_OK;
}

store_rc_t store_commit(store_t *s)
{
	int rc;
	assert(s->depth > 0);
	rc = s->depth > 1 ? SQLITE_OK : s_run_deferred(s);
	if (rc == SQLITE_OK)
		rc = s_step(s, s->depth > 1 ? SQL_RELEASE : SQL_COMMIT);
	if (rc != SQLITE_OK)
		return STORE_ERROR; /* a failed COMMIT leaves the transaction open */
	s->depth--;
	return STORE_OK;
}

void store_rollback(store_t *s)
{
	assert(s->depth > 0);
	s_drop(s, s->mark[s->depth - 1]);
	if (s->depth > 1) {
		s_step(s, SQL_UNDO);
		s_step(s, SQL_RELEASE);
	} else if (!sqlite3_get_autocommit(s->h))
		s_step(s, SQL_ROLLBACK);
	s->depth--;
}

bool store_in_tx(const store_t *s) { return s->depth > 0; }

bool store_write_refused(const store_t *s) { return s->refused; }

store_rc_t store_read_begin(store_t *s)
{
	assert(!s->depth);
	s->refused = false;
	return s_step(s, SQL_READ) == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

void store_read_end(store_t *s)
{
	if (!sqlite3_get_autocommit(s->h))
		s_step(s, SQL_COMMIT);
}

int64_t store_data_version(store_t *s) { return db_int(s, "PRAGMA data_version", 0, ""); }

void store_checkpoint(store_t *s) { sqlite3_exec(s->h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL); }

/* The copy is written into a file of its own beside path, created 0600
 * whatever the umask (SQLite would create it 0644 and the database would
 * be world-readable while written), then renamed over path: a reader of
 * path sees the previous backup or the whole new one, never a part. */
store_rc_t store_backup(store_t *s, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	char tmp[4096];
	int rc = SQLITE_CANTOPEN, fd, bad;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= sizeof tmp || (fd = mkstemp(tmp)) < 0)
		return STORE_ERROR;
	bad = fchmod(fd, 0600) != 0; /* the umask may have taken the owner's bits */
	if (close(fd) != 0 || bad)
		goto done;
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", s->h, "main");
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
	return rc == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

/* PRAGMA integrity_check: its first row is "ok" or the first problem;
 * up to ten problems are joined into msg. */
store_rc_t store_check(store_t *s, char *msg, size_t n)
{
	sqlite3_stmt *st = NULL;
	store_rc_t rc = STORE_ERROR;
	size_t len = 0;
	int step;

	snprintf(msg, n, "%s", "?");
	if (sqlite3_prepare_v2(s->h, "PRAGMA integrity_check(10)", -1, &st, NULL) != SQLITE_OK) {
		snprintf(msg, n, "%s", sqlite3_errmsg(s->h));
		return STORE_ERROR;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);
		if (len == 0 && row && !strcmp(row, "ok"))
			rc = STORE_OK;
		if (len < n)
			len += (size_t)snprintf(msg + len, n - len, "%s%s", len ? "; " : "", row ? row : "?");
	}
	if (step != SQLITE_DONE) {
		snprintf(msg, n, "%s", sqlite3_errmsg(s->h));
		rc = STORE_ERROR;
	}
	sqlite3_finalize(st);
	return rc;
}
