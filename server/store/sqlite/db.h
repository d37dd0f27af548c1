/* db.h — inside the SQLite driver only: the connection behind store_t and
 * the compact helpers its store functions are written with. Nothing
 * outside server/store/sqlite/ includes this (tests/unit/test_layers). */
#ifndef CONGVU_STORE_SQLITE_DB_H
#define CONGVU_STORE_SQLITE_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* A cached prepared statement for a static SQL string, reset and with
 * bindings cleared. The pointer of `sql` is the cache key; the cache is
 * the connection's own. */
sqlite3_stmt *db_stmt(store_t *s, const char *sql);

/* Bind by a format, one letter per parameter: 's' const char * (NULL binds
 * NULL), 'i' int64_t, 'b' const void * then size_t. Returns the statement
 * (so calls nest) or NULL on error. */
sqlite3_stmt *db_q(store_t *s, const char *sql, const char *fmt, ...);

/* Run a statement that returns no rows. SQLITE_DONE or an error code. */
int db_exec(store_t *s, const char *sql, const char *fmt, ...);

/* The first column of the first row as an integer; `dflt` when no row. */
int64_t db_int(store_t *s, const char *sql, int64_t dflt, const char *fmt, ...);

/* Every remaining row of st as an array of objects keyed by column name;
 * integers stay integers, NULL becomes null. New reference. */
json_t *db_rows(sqlite3_stmt *st);
/* The next row of st as an object, or NULL when there is none. */
json_t *db_row(sqlite3_stmt *st);

/* The connection's handle, the id of its last insert, the rows its last
 * statement changed: for the driver's store functions. */
sqlite3 *db_handle(store_t *s);
int64_t db_last_id(store_t *s);
int db_changes(store_t *s);
/* The end of a one-row read of st whose step returned rc: st is reset
 * (NULL: the statement could not be prepared) and the result is what the
 * store reports: a row STORE_OK, none STORE_NONE, else STORE_ERROR. */
store_rc_t db_end(sqlite3_stmt *st, int rc);
/* A step's result as the store reports it: SQLITE_DONE/ROW STORE_OK, a
 * unique or primary key violated STORE_EXISTS, else STORE_ERROR. */
store_rc_t db_rc(int sqlite_rc);

/* Run sql, bound to (id, text), just before the outermost COMMIT, in
 * its transaction; dropped when the level that queued it rolls back. For
 * work that is cheaper done once per transaction than once per savepoint
 * (an FTS5 table flushes its pending terms into a new segment at every
 * savepoint it sees). Outside a transaction it runs at once. The text is
 * copied. 0, or -1 on error. Statements of the same transaction that run
 * before the commit do not see the row yet, unless store_flush ran. */
int db_defer(store_t *s, const char *sql, int64_t id, const char *text);

#endif
