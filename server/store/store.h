/* store.h — the store: where congvud keeps its data. Every read and write
 * of a handler goes through the typed functions of server/store/<domain>.h (one
 * header per domain) over an opaque connection, store_t; none of them
 * names a table, a column or SQL, and no file outside server/store/sqlite/
 * includes sqlite3.h (tests/unit/test_layers checks it).
 *
 * SQLite is the one driver (server/store/sqlite/); a second one (libpq)
 * implements these headers and nothing else: what it must provide is
 * listed in docs/decisions.md. The rules every driver keeps:
 * - transactions nest: the outermost store_begin is the real one (a
 *   writer's, serialised against other writers), an inner one a savepoint
 *   whose rollback undoes its own work alone;
 * - numbers (series_next, store/series.h) are allocated inside the
 *   caller's transaction, unique by construction;
 * - a versioned record is saved with "update where version": STORE_STALE
 *   when someone else saved first, nothing written;
 * - identifiers are int64 ids the store allocates; no driver's row
 *   identity (rowid, ctid) leaks through the interface;
 * - rows handed back as JSON (lists, shows) use the protocol's names, so
 *   the driver decides how it stores them. */
#ifndef CONGVU_STORE_H
#define CONGVU_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct store store_t;

/* What a store operation reports. */
typedef enum {
	STORE_OK = 0,
	STORE_NONE,   /* no such record */
	STORE_STALE,  /* update-where-version: another save came first */
	STORE_EXISTS, /* a unique key is already taken */
	STORE_ERROR,  /* anything else; the driver has logged it */
} store_rc_t;

enum {
	STORE_CREATE = 1,   /* create the database if it is missing */
	STORE_READONLY = 2, /* a reader: no migrations, no writes (a reader thread's connection) */
};

/* Open the database at path and bring its schema up to this binary's
 * version (not for a reader). A connection is used by one thread at a
 * time. NULL with a message in err on failure. */
store_t *store_open(const char *path, int flags, char *err, size_t n);
void store_close(store_t **s);

/* The schema version this binary migrates to. */
int store_schema_version(void);

/* Transactions; see the rules above. STORE_OK or STORE_ERROR. A failed
 * outermost commit leaves the transaction open: store_rollback it. */
store_rc_t store_begin(store_t *s);
store_rc_t store_commit(store_t *s);
void store_rollback(store_t *s);
bool store_in_tx(const store_t *s);
/* Between the requests of a batch (one level open): make the work
 * deferred to the commit (the search index's) visible to the next
 * request. STORE_OK or STORE_ERROR. */
store_rc_t store_flush(store_t *s);

/* A read snapshot for a reader: everything read until store_read_end
 * sees one state of the database. STORE_OK or STORE_ERROR. */
store_rc_t store_read_begin(store_t *s);
void store_read_end(store_t *s);
/* A reader asked to write (a statement that writes, a store_begin) since
 * its store_read_begin: the write was refused before it ran (the
 * operation failed as on a driver error, nothing changed) and the work
 * that asked belongs on the writer — the read pool runs the request again
 * there (batch.c), so the refusal never reaches a user. */
bool store_write_refused(const store_t *s);

/* The driver's last error, for a log line. */
const char *store_errmsg(store_t *s);

/* A number that changes when another connection (the console, another
 * process) commits: a writer follows outside changes with it. */
int64_t store_data_version(store_t *s);

/* Online copy of the database into the file at path, mode 0600 from its
 * creation and replacing path only when complete. STORE_OK or
 * STORE_ERROR. */
store_rc_t store_backup(store_t *s, const char *path);

/* Fold the write-ahead log back into the database (at shutdown). */
void store_checkpoint(store_t *s);

/* Checkpoints off the writer's thread (the daemon's one writer s; one at a
 * time in a process): from now on s's commits no longer fold the log back
 * themselves; a thread of the store's does, with a connection of its own,
 * once the log passes its limit, never blocking s. 0, or -1 with a
 * Vietnamese reason in err. _stop joins the thread and gives s its own
 * checkpoints back (before store_checkpoint and store_close at shutdown);
 * _runs: the checkpoints the thread has run since it started (tests). */
int store_checkpointer_start(store_t *s, char *err, size_t n);
void store_checkpointer_stop(void);
long store_checkpointer_runs(void);

/* Check the whole database file (every page, index and constraint the
 * driver can check) before it is trusted, as restore does. STORE_OK with
 * "ok" in msg, or STORE_ERROR with the first problems found in msg. */
store_rc_t store_check(store_t *s, char *msg, size_t n);

#endif
