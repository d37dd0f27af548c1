/* test_db.c — server/db.c's nesting transactions against a real SQLite
 * file: the serve loop commits a batch of requests once, each request in
 * a savepoint, so a request that fails must undo its own work only, and
 * nothing is durable before the outermost commit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"

static char s_path[256];

static int64_t s_count(store_t *db, const char *name)
{
    return db_int(db, "SELECT count(*) FROM meta WHERE key = ?", -1, "s", name);
}

static int s_setup(void **state)
{
    char err[256] = "";
    store_t *db;

    snprintf(s_path, sizeof s_path, "/tmp/congvu-test-db-%d.db", (int)getpid());
    unlink(s_path);
    db = store_open(s_path, 1, err, sizeof err);
    if (!db)
        fail_msg("db_open: %s", err);
    *state = db;
    return 0;
}

static int s_teardown(void **state)
{
    store_t *db = *state;
    char p[300];

    store_close(&db);
    unlink(s_path);
    snprintf(p, sizeof p, "%s-wal", s_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", s_path);
    unlink(p);
    return 0;
}

/* A batch: request a commits, b fails and rolls back, c commits; only a
 * and c remain once the batch commits, and another connection sees none
 * of them before that. */
static void test_batch_savepoints(void **state)
{
    store_t *db = *state, *other;
    char err[256];

    assert_non_null(other = store_open(s_path, 0, err, sizeof err));
    assert_false(store_in_tx(db));
    assert_int_equal(store_begin(db), SQLITE_OK); /* the batch */
    assert_true(store_in_tx(db));

    assert_int_equal(store_begin(db), SQLITE_OK); /* request a */
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('t.a', '1')", ""), SQLITE_DONE);
    assert_int_equal(store_commit(db), SQLITE_OK);

    assert_int_equal(store_begin(db), SQLITE_OK); /* request b, which fails */
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('t.b', '1')", ""), SQLITE_DONE);
    store_rollback(db);
    assert_true(store_in_tx(db)); /* the batch goes on */

    assert_int_equal(store_begin(db), SQLITE_OK); /* request c */
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('t.c', '1')", ""), SQLITE_DONE);
    assert_int_equal(store_commit(db), SQLITE_OK);

    assert_int_equal(s_count(other, "t.a"), 0); /* nothing visible outside before the commit */
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_false(store_in_tx(db));
    assert_int_equal(s_count(other, "t.a"), 1);
    assert_int_equal(s_count(other, "t.b"), 0);
    assert_int_equal(s_count(other, "t.c"), 1);
    store_close(&other);
}

/* Rolling the batch back undoes the requests that had committed into it. */
static void test_batch_rollback(void **state)
{
    store_t *db = *state;

    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('t.d', '1')", ""), SQLITE_DONE);
    assert_int_equal(store_commit(db), SQLITE_OK);
    store_rollback(db);
    assert_false(store_in_tx(db));
    assert_int_equal(s_count(db, "t.d"), 0);
    /* and a plain transaction still works afterwards */
    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('t.e', '1')", ""), SQLITE_DONE);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(s_count(db, "t.e"), 1);
}

static const char SQL_DEFER[] = "INSERT INTO meta(key, value) VALUES('d.' || ?, ?)";

/* Work deferred to the outermost commit (db_defer, the search index):
 * what a request queued runs in the batch's transaction just before its
 * COMMIT, not before; a request rolled back drops what it queued; outside
 * a transaction it runs at once. */
static void test_defer(void **state)
{
    store_t *db = *state;

    assert_int_equal(db_defer(db, SQL_DEFER, 0, "now"), 0);
    assert_int_equal(s_count(db, "d.0"), 1);

    assert_int_equal(store_begin(db), SQLITE_OK); /* the batch */
    assert_int_equal(store_begin(db), SQLITE_OK); /* request a */
    assert_int_equal(db_defer(db, SQL_DEFER, 1, "a"), 0);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(store_begin(db), SQLITE_OK); /* request b, which fails */
    assert_int_equal(db_defer(db, SQL_DEFER, 2, "b"), 0);
    store_rollback(db);
    assert_int_equal(store_begin(db), SQLITE_OK); /* request c */
    assert_int_equal(db_defer(db, SQL_DEFER, 3, "c"), 0);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(s_count(db, "d.1"), 0); /* not yet, even inside the transaction */
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(s_count(db, "d.1"), 1);
    assert_int_equal(s_count(db, "d.2"), 0);
    assert_int_equal(s_count(db, "d.3"), 1);
}

/* A read behind its own connection's write in the same batch: db_flush
 * runs what is deferred between the requests, inside the transaction, so
 * the read sees it; a rollback of the batch still takes it back. */
static void test_defer_flush(void **state)
{
    store_t *db = *state;

    assert_int_equal(store_begin(db), SQLITE_OK); /* the batch */
    assert_int_equal(store_begin(db), SQLITE_OK); /* the write */
    assert_int_equal(db_defer(db, SQL_DEFER, 5, "w"), 0);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(s_count(db, "d.5"), 0);
    assert_int_equal(store_flush(db), 0); /* before the read behind it */
    assert_int_equal(s_count(db, "d.5"), 1);
    store_rollback(db);
    assert_int_equal(s_count(db, "d.5"), 0);
    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(store_commit(db), SQLITE_OK); /* nothing left queued */
    assert_int_equal(s_count(db, "d.5"), 0);
}

/* A deferred statement that fails fails the commit; the rollback that
 * follows leaves nothing of the transaction, and the queue empty. */
static void test_defer_fails(void **state)
{
    store_t *db = *state;

    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('t.f', '1')", ""), SQLITE_DONE);
    assert_int_equal(db_defer(db, SQL_DEFER, 4, "x"), 0);
    assert_int_equal(db_defer(db, SQL_DEFER, 4, "again"), 0); /* the same key: a constraint error */
    assert_int_not_equal(store_commit(db), SQLITE_OK);
    store_rollback(db);
    assert_false(store_in_tx(db));
    assert_int_equal(s_count(db, "t.f"), 0);
    assert_int_equal(s_count(db, "d.4"), 0);
    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(store_commit(db), SQLITE_OK); /* nothing left queued to fail it again */
    assert_int_equal(s_count(db, "d.4"), 0);
}

/* A reader (the read pool's connection): one snapshot per read, which sees
 * what was committed before it began and nothing after; a statement that
 * would write is refused before it runs and remembered, as is a
 * transaction asked of it, so the pool can give the request to the
 * writer; the next snapshot starts clean. */
static void test_reader(void **state)
{
    store_t *db = *state, *r;
    char err[256] = "";

    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('r.1', 'x')", ""), SQLITE_DONE);
    r = store_open(s_path, STORE_READONLY, err, sizeof err);
    assert_non_null(r);

    assert_int_equal(store_read_begin(r), STORE_OK);
    assert_int_equal(s_count(r, "r.1"), 1);
    assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES('r.2', 'x')", ""), SQLITE_DONE);
    assert_int_equal(s_count(r, "r.2"), 0); /* committed after the snapshot began */
    assert_false(store_write_refused(r));
    assert_int_not_equal(db_exec(r, "INSERT INTO meta(key, value) VALUES('r.3', 'x')", ""), SQLITE_DONE);
    assert_true(store_write_refused(r));
    assert_null(db_q(r, "DELETE FROM meta WHERE key = ?", "s", "r.1"));
    store_read_end(r);
    assert_int_equal(s_count(db, "r.1"), 1);
    assert_int_equal(s_count(db, "r.3"), 0);

    assert_int_equal(store_read_begin(r), STORE_OK);
    assert_false(store_write_refused(r)); /* a new read starts clean */
    assert_int_equal(s_count(r, "r.2"), 1);
    assert_int_equal(store_begin(r), STORE_ERROR);
    assert_true(store_write_refused(r));
    store_read_end(r);
    store_close(&r);
}

/* Frames in the write-ahead log now (a PASSIVE checkpoint's count from a
 * connection of the test's own, which copies what it can too). */
static int s_log_frames(void)
{
    sqlite3 *h;
    int frames = -1, copied = -1;

    assert_int_equal(sqlite3_open(s_path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_wal_checkpoint_v2(h, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied), SQLITE_OK);
    sqlite3_close(h);
    return frames;
}

/* Write n pages or so, in commits of 100 rows of a page each. */
static void s_fill(store_t *db, int from, int n)
{
    for (int i = from; i < from + n; i += 100) {
        assert_int_equal(store_begin(db), STORE_OK);
        for (int k = i; k < i + 100; k++) {
            char key[32];
            snprintf(key, sizeof key, "ck.%d", k);
            assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES(?, hex(randomblob(1800)))", "s", key),
                             SQLITE_DONE);
        }
        assert_int_equal(store_commit(db), STORE_OK);
    }
}

/* The checkpointer: the writer's log past its limit is folded back by the
 * store's thread, the writer starts its log over, nothing is lost; once
 * stopped, the writer checkpoints by itself again. */
static void test_checkpointer(void **state)
{
    store_t *db = *state;
    char err[256] = "";

    struct stat st;

    assert_int_equal(store_checkpointer_start(db, err, sizeof err), 0);
    assert_int_equal(store_checkpointer_runs(), 0);
    s_fill(db, 0, 9000);
    /* the pages are copied into the database file by the thread (waiting
     * for it, not timing it) */
    for (int i = 0; i < 1000 && (stat(s_path, &st) != 0 || st.st_size < 8 << 20); i++)
        usleep(10 * 1000);
    assert_true(st.st_size >= 8 << 20);
    assert_true(store_checkpointer_runs() >= 1);
    s_fill(db, 9000, 100); /* the log starts over once all of it was copied */
    assert_true(s_log_frames() < 8000);
    assert_int_equal(db_int(db, "SELECT count(*) FROM meta WHERE key LIKE 'ck.%'", -1, ""), 9100);
    store_checkpointer_stop();
    s_fill(db, 9100, 9000); /* the writer's own checkpoint again: the log does not grow past it */
    assert_true(s_log_frames() < 9000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_batch_savepoints, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_batch_rollback, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_defer, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_defer_fails, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_defer_flush, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_reader, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_checkpointer, s_setup, s_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
