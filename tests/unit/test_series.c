/* test_series.c — numbering: series_next (store/series.h, its SQLite driver
 * store/sqlite/series.c), the one counter table every number comes from,
 * and series_period (server/series.c): a series starts at 1 and counts up,
 * kinds, scopes and periods are separate series, a yearly series restarts
 * on the local 1 January, a rolled-back transaction gives its number back;
 * and 0012_series.sql carries the counters of a database at the schema
 * before it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"
#include "series.h"

/* Generated from server/db/migrations (db.c's). */
extern const char *const db_migrations[];

#define BEFORE_SERIES 11 /* the schema before 0012_series.sql */
#define ICT (7 * 3600)   /* Vietnam, UTC+7 */

static char s_path[256];

static void s_unlink(void)
{
    char p[300];

    unlink(s_path);
    snprintf(p, sizeof p, "%s-wal", s_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", s_path);
    unlink(p);
}

static store_t *s_open(void)
{
    char err[256] = "";
    store_t *db = store_open(s_path, 1, err, sizeof err);

    if (!db)
        fail_msg("db_open: %s", err);
    return db;
}

static int s_setup(void **state)
{
    snprintf(s_path, sizeof s_path, "/tmp/congvu-test-series-%d.db", (int)getpid());
    s_unlink();
    *state = s_open();
    return 0;
}

static int s_teardown(void **state)
{
    store_t *db = *state;

    store_close(&db);
    s_unlink();
    return 0;
}

/* The next number of a series, in a transaction of its own that commits. */
static int64_t s_next(store_t *db, const char *kind, int64_t scope, const char *period)
{
    int64_t n = -1;

    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(series_next(db, kind, scope, period, &n), 0);
    assert_int_equal(store_commit(db), SQLITE_OK);
    return n;
}

/* 1, 2, 3 in one series; each kind, scope and period its own series; none
 * and "" are the same period. */
static void test_counts(void **state)
{
    store_t *db = *state;

    assert_int_equal(s_next(db, "dossier", 7, "2026-12-03"), 1);
    assert_int_equal(s_next(db, "dossier", 7, "2026-12-03"), 2);
    assert_int_equal(s_next(db, "dossier", 7, "2026-12-03"), 3);
    assert_int_equal(s_next(db, "dossier", 8, "2026-12-03"), 1);   /* another unit */
    assert_int_equal(s_next(db, "dossier", 7, "2026-12-04"), 1);   /* the next day */
    assert_int_equal(s_next(db, "task", 7, "2026-12-03"), 1);      /* another kind */
    assert_int_equal(s_next(db, "task.change", 0, NULL), 1);
    assert_int_equal(s_next(db, "task.change", 0, ""), 2);
    assert_int_equal(s_next(db, "dossier", 7, "2026-12-03"), 4);   /* untouched by the others */
    assert_int_equal(db_int(db, "SELECT count(*) FROM series", -1, ""), 5);
}

/* Several numbers in one transaction are distinct and consecutive. */
static void test_one_transaction(void **state)
{
    store_t *db = *state;
    int64_t a = 0, b = 0;

    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(series_next(db, "task", 0, "2026", &a), 0);
    assert_int_equal(series_next(db, "task", 0, "2026", &b), 0);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
}

/* The periods series_period gives around the local new year: 31 December
 * 23:59:59 in Vietnam is still 2026, a second later it is 2027 (while it
 * is 17:00 on 31 December in UTC). */
static void test_period(void **state)
{
    const int64_t newyear = 1798736400; /* 2027-01-01 00:00:00 +07:00 */
    char p[16];

    (void)state;
    assert_string_equal(series_period(newyear - 1, ICT, SERIES_YEAR, p, sizeof p), "2026");
    assert_string_equal(series_period(newyear, ICT, SERIES_YEAR, p, sizeof p), "2027");
    assert_string_equal(series_period(newyear - 1, ICT, SERIES_DAY, p, sizeof p), "2026-12-31");
    assert_string_equal(series_period(newyear, ICT, SERIES_DAY, p, sizeof p), "2027-01-01");
    assert_string_equal(series_period(newyear, 0, SERIES_YEAR, p, sizeof p), "2026"); /* UTC: not yet */
    assert_string_equal(series_period(newyear, ICT, SERIES_FOREVER, p, sizeof p), "");
}

/* Document numbers as NĐ 30/2020 wants them: an agency's outgoing series
 * and its separate series of decisions each count from 1 in a year, and
 * both restart at 1 on 1 January; another agency's series are its own. */
static void test_year_boundary(void **state)
{
    store_t *db = *state;
    const int64_t newyear = 1798736400; /* 2027-01-01 00:00:00 +07:00 */
    const int64_t ubnd = 12, other = 13;
    char p[16];

    series_period(newyear - 3600, ICT, SERIES_YEAR, p, sizeof p);
    assert_int_equal(s_next(db, "document.outgoing", ubnd, p), 1);
    assert_int_equal(s_next(db, "document.outgoing", ubnd, p), 2);
    assert_int_equal(s_next(db, "document.legal.QĐ", ubnd, p), 1); /* a separate series */
    assert_int_equal(s_next(db, "document.outgoing", ubnd, p), 3);
    assert_int_equal(s_next(db, "document.outgoing", other, p), 1);
    series_period(newyear - 1, ICT, SERIES_YEAR, p, sizeof p);
    assert_int_equal(s_next(db, "document.outgoing", ubnd, p), 4); /* the last second of the year */

    series_period(newyear, ICT, SERIES_YEAR, p, sizeof p); /* 1 January */
    assert_int_equal(s_next(db, "document.outgoing", ubnd, p), 1);
    assert_int_equal(s_next(db, "document.outgoing", ubnd, p), 2);
    assert_int_equal(s_next(db, "document.legal.QĐ", ubnd, p), 1);
    assert_int_equal(s_next(db, "document.outgoing", other, p), 1);
    /* the year before keeps its last number */
    assert_int_equal(db_int(db, "SELECT n FROM series WHERE kind = 'document.outgoing' AND scope = 12 "
                                "AND period = '2026'", -1, ""),
                     4);
}

/* A rolled-back transaction gives its numbers back, whether it is the
 * whole transaction or one request's savepoint inside a batch; the
 * requests around it keep theirs. */
static void test_rollback(void **state)
{
    store_t *db = *state;
    int64_t n = 0;

    assert_int_equal(s_next(db, "task", 0, "2026"), 1);
    assert_int_equal(store_begin(db), SQLITE_OK);
    assert_int_equal(series_next(db, "task", 0, "2026", &n), 0);
    assert_int_equal(n, 2);
    store_rollback(db);
    assert_int_equal(s_next(db, "task", 0, "2026"), 2); /* given again */

    assert_int_equal(store_begin(db), SQLITE_OK); /* a batch */
    assert_int_equal(store_begin(db), SQLITE_OK); /* request a */
    assert_int_equal(series_next(db, "task", 0, "2026", &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(store_begin(db), SQLITE_OK); /* request b, which fails */
    assert_int_equal(series_next(db, "task", 0, "2026", &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(series_next(db, "task", 0, "2027", &n), 0);
    assert_int_equal(n, 1);
    store_rollback(db);
    assert_int_equal(store_begin(db), SQLITE_OK); /* request c */
    assert_int_equal(series_next(db, "task", 0, "2026", &n), 0);
    assert_int_equal(n, 4); /* b's number, not 5: no gap */
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(store_commit(db), SQLITE_OK);
    assert_int_equal(s_next(db, "task", 0, "2026"), 5);
    assert_int_equal(s_next(db, "task", 0, "2027"), 1); /* b's new series is gone */
}

/* A database at the schema before 0012, with dossier codes given to two
 * units over two days, task codes over two years and task changes, is
 * migrated: each series continues after its last number, none restarts,
 * and the old counter tables are gone. */
static void test_upgrade(void **state)
{
    sqlite3 *raw = NULL;
    store_t *db;
    char *msg = NULL;

    (void)state;
    snprintf(s_path, sizeof s_path, "/tmp/congvu-test-series-up-%d.db", (int)getpid());
    s_unlink();
    assert_int_equal(sqlite3_open(s_path, &raw), SQLITE_OK);
    for (int v = 0; v < BEFORE_SERIES; v++)
        if (sqlite3_exec(raw, db_migrations[v], NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("migration %d: %s", v + 1, msg);
    /* the state the old counters were in (foreign keys are off here: no
     * units or users needed) */
    if (sqlite3_exec(raw,
                     "PRAGMA user_version = 11;"
                     "INSERT INTO dossier_seq(unit_id, day, n) VALUES (3, '261202', 41), (3, '261203', 17),"
                     "  (4, '261203', 9999);"
                     "INSERT INTO task_seq(year, n) VALUES (2025, 310), (2026, 128);"
                     "INSERT INTO tasks(code, title, source, priority, assigner_unit, lead_unit, wf_version, state,"
                     "  deadline, original_deadline, created, seq) VALUES"
                     "  ('NV-2026-0127', 'a', 'other', 'normal', 3, 3, 1, 'assigned', 1, 1, 1, 500),"
                     "  ('NV-2026-0128', 'b', 'other', 'normal', 3, 3, 1, 'assigned', 1, 1, 1, 642);",
                     NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("old schema: %s", msg);
    sqlite3_close(raw);

    db = s_open(); /* migrates */
    assert_int_equal(db_int(db, "PRAGMA user_version", 0, ""), store_schema_version());
    assert_int_equal(s_next(db, "dossier", 3, "2026-12-03"), 18);
    assert_int_equal(s_next(db, "dossier", 3, "2026-12-02"), 42);
    assert_int_equal(s_next(db, "dossier", 3, "2026-12-04"), 1);
    assert_int_equal(s_next(db, "dossier", 4, "2026-12-03"), 10000); /* past the limit: dossier.c refuses it */
    assert_int_equal(s_next(db, "task", 0, "2026"), 129);
    assert_int_equal(s_next(db, "task", 0, "2025"), 311);
    assert_int_equal(s_next(db, "task", 0, "2027"), 1);
    assert_int_equal(s_next(db, "task.change", 0, ""), 643);
    assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('dossier_seq', 'task_seq')", -1, ""),
                     0);
    store_close(&db);
    s_unlink();
}

/* An old database that never numbered anything: the series start at 1. */
static void test_upgrade_empty(void **state)
{
    sqlite3 *raw = NULL;
    store_t *db;
    char *msg = NULL;

    (void)state;
    snprintf(s_path, sizeof s_path, "/tmp/congvu-test-series-up0-%d.db", (int)getpid());
    s_unlink();
    assert_int_equal(sqlite3_open(s_path, &raw), SQLITE_OK);
    for (int v = 0; v < BEFORE_SERIES; v++)
        if (sqlite3_exec(raw, db_migrations[v], NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("migration %d: %s", v + 1, msg);
    assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 11", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    db = s_open();
    assert_int_equal(db_int(db, "SELECT count(*) FROM series", -1, ""), 0);
    assert_int_equal(s_next(db, "task.change", 0, ""), 1);
    store_close(&db);
    s_unlink();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_counts, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_one_transaction, s_setup, s_teardown),
        cmocka_unit_test(test_period),
        cmocka_unit_test_setup_teardown(test_year_boundary, s_setup, s_teardown),
        cmocka_unit_test_setup_teardown(test_rollback, s_setup, s_teardown),
        cmocka_unit_test(test_upgrade),
        cmocka_unit_test(test_upgrade_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
