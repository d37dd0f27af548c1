/* db.h — the SQLite store: opening with the pragmas that make an
 * acknowledged write durable, numbered embedded migrations, a statement
 * cache, a compact binder and rows-to-JSON. All SQL lives under server/. */
#ifndef CONGVU_DB_H
#define CONGVU_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* Open (creating if `create`) the database at path: WAL, synchronous=FULL,
 * foreign keys, busy timeout; then apply pending migrations. NULL with a
 * message in err on failure. */
sqlite3 *db_open(const char *path, int create, char *err, size_t n);
void db_close(sqlite3 **db);

/* The schema version this binary migrates to. */
int db_schema_version(void);

/* A cached prepared statement for a static SQL string, reset and with
 * bindings cleared. The pointer of `sql` is the cache key. */
sqlite3_stmt *db_stmt(sqlite3 *db, const char *sql);

/* Bind by a format, one letter per parameter: 's' const char * (NULL binds
 * NULL), 'i' int64_t, 'b' const void * then size_t. Returns the statement
 * (so calls nest) or NULL on error. */
sqlite3_stmt *db_q(sqlite3 *db, const char *sql, const char *fmt, ...);

/* Run a statement that returns no rows. SQLITE_DONE or an error code. */
int db_exec(sqlite3 *db, const char *sql, const char *fmt, ...);

/* The first column of the first row as an integer; `dflt` when no row. */
int64_t db_int(sqlite3 *db, const char *sql, int64_t dflt, const char *fmt, ...);

/* Every remaining row of st as an array of objects keyed by column name;
 * integers stay integers, NULL becomes null. New reference. */
json_t *db_rows(sqlite3_stmt *st);
/* The next row of st as an object, or NULL when there is none. */
json_t *db_row(sqlite3_stmt *st);

/* Transactions that nest: the outermost db_begin is BEGIN IMMEDIATE and
 * its db_commit is the durable COMMIT; one inside another is a savepoint,
 * whose db_commit only releases it into the enclosing transaction and
 * whose db_rollback undoes its own work alone. So a request's handler
 * runs the same whether the serve loop batches requests into one commit
 * or not. One connection per process (the depth is kept here). */
int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
void db_rollback(sqlite3 *db);
/* Run sql, bound to (id, text), just before the outermost COMMIT, in
 * its transaction; dropped when the level that queued it rolls back. For
 * work that is cheaper done once per transaction than once per savepoint
 * (an FTS5 table flushes its pending terms into a new segment at every
 * savepoint it sees). Outside a transaction it runs at once. The text is
 * copied. 0, or -1 on error. Statements of the same transaction that run
 * before the commit do not see the row yet, unless db_flush ran. */
int db_defer(sqlite3 *db, const char *sql, int64_t id, const char *text);
/* Between the requests of a batch (one level open): run what is deferred
 * now, inside the transaction, so that the next request sees it (a read
 * behind its own connection's write). 0, or -1 on error. */
int db_flush(sqlite3 *db);
/* True inside a db_begin not yet committed or rolled back. */
bool db_in_tx(sqlite3 *db);

/* Online backup of db into the file at path, mode 0600 from its creation
 * on and replacing path only when complete. SQLITE_OK on success. */
int db_backup(sqlite3 *db, const char *path);

#endif
