/* upgrade.c — store_upgrade (store/upgrade.h): the package upgrade's
 * migration. store_open migrates one version per transaction, which suits
 * a daemon starting on its own data; an upgrade wants the whole step or
 * none of it, because the daemon it replaces keeps serving the database
 * until the new one starts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "search_rank.h"
#include "store/upgrade.h"

/* Generated from server/store/sqlite/migrations/NNNN_*.sql (db.c). */
extern const char *const db_migrations[];
extern const int db_nmigrations;

/* Run migrations from..db_nmigrations on h in one transaction; 0 or -1
 * with why in msg (and nothing changed). *from is re-read under the write
 * lock: another upgrade that got there first leaves nothing to do. */
static int s_migrate_all(sqlite3 *h, int *from, char *msg, size_t n)
{
	char *e = NULL, pragma[64];
	sqlite3_stmt *st = NULL;
	int v;

	if (sqlite3_exec(h, "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF; BEGIN IMMEDIATE", NULL, NULL, &e) !=
	    SQLITE_OK)
		goto fail;
	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	*from = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	for (v = *from; v < db_nmigrations; v++)
		if (sqlite3_exec(h, db_migrations[v], NULL, NULL, &e) != SQLITE_OK) {
			snprintf(msg, n, "migration %d: %s", v + 1, e ? e : sqlite3_errmsg(h));
			goto rollback;
		}
#ifdef CONGVU_TEST_CLOCK
	/* debug builds (the tests'): one more migration, after the real ones,
	 * that a test makes fail (tests/integration/upgrade.sh) */
	if (*from < db_nmigrations && getenv("CONGVU_TEST_MIGRATION") &&
	    sqlite3_exec(h, getenv("CONGVU_TEST_MIGRATION"), NULL, NULL, &e) != SQLITE_OK) {
		snprintf(msg, n, "migration %d: %s", db_nmigrations + 1, e ? e : sqlite3_errmsg(h));
		goto rollback;
	}
#endif
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", db_nmigrations);
	if (sqlite3_exec(h, pragma, NULL, NULL, &e) == SQLITE_OK &&
	    sqlite3_exec(h, "COMMIT", NULL, NULL, &e) == SQLITE_OK)
		return 0;
fail:
	snprintf(msg, n, "%s", e ? e : sqlite3_errmsg(h));
rollback:
	sqlite3_free(e);
	sqlite3_finalize(st);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

store_rc_t store_upgrade(const char *path, const char *backup, int *from, char *msg, size_t n)
{
	store_t *s;
	sqlite3 *h = NULL;
	store_rc_t rc = STORE_ERROR;

	*from = 0;
	snprintf(msg, n, "ok");
	if (access(path, F_OK) != 0)
		return STORE_NONE;
	/* a reader's connection: store_open runs no migration for it */
	if (!(s = store_open(path, STORE_READONLY, msg, n)))
		return STORE_ERROR;
	*from = (int)db_int(s, "PRAGMA user_version", -1, "");
	if (*from == db_nmigrations)
		rc = STORE_OK;
	else if (*from < 0 || *from > db_nmigrations)
		snprintf(msg, n, "cơ sở dữ liệu ở phiên bản %d, chương trình ở phiên bản %d", *from, db_nmigrations);
	else if (store_backup(s, backup) != STORE_OK)
		snprintf(msg, n, "không sao lưu được vào %s", backup);
	else
		rc = STORE_NONE; /* to migrate */
	store_close(&s);
	if (rc != STORE_NONE)
		return rc;
	rc = STORE_ERROR;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		snprintf(msg, n, "không mở được %s: %s", path, h ? sqlite3_errmsg(h) : "?");
	else {
		sqlite3_busy_timeout(h, 30000); /* the old daemon's batch in flight */
		if (search_rank_attach(h) == 0 && s_migrate_all(h, from, msg, n) == 0)
			rc = STORE_OK;
	}
	sqlite3_close(h);
	return rc;
}
