/* test_audit.c — unit tests for server/audit.c (the hash-chained audit log)
 * and its store (store/audit.h, the SQLite driver's) against a real SQLite
 * file with the real migrations, and for password
 * hashing (server/org.c). Every tampering case gets a fresh database.
 * Non-ASCII text is written as \x / \u escapes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "db.h"
#include "org.h"
#include "store/audit.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))
#define HLEN 32

/* ---- fixtures ----------------------------------------------------------- */

static char s_dir[256];
static int s_seq;

typedef struct {
    store_t *db;
    char path[512];
} tdb_t;

static void tdb_open(tdb_t *t)
{
    char err[512] = "";

    snprintf(t->path, sizeof t->path, "%s/audit-%d.db", s_dir, s_seq++);
    t->db = store_open(t->path, 1, err, sizeof err);
    if (!t->db)
        fail_msg("db_open %s: %s", t->path, err);
}

static void tdb_close(tdb_t *t)
{
    static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
    char p[600];

    store_close(&t->db);
    assert_null(t->db);
    for (size_t i = 0; i < N_ELEM(sfx); i++) {
        snprintf(p, sizeof p, "%s%s", t->path, sfx[i]);
        unlink(p);
    }
}

/* The rows every test starts from: the console, a logged-in official on a
 * device, and an enrolled device with nobody logged in. */
struct row {
    int64_t ts;
    bool console;
    const char *user; /* logged-in username, NULL for none */
    int64_t device;
    const char *action, *object, *detail; /* detail: JSON text or NULL */
    const char *actor;                    /* what audit_log must record */
};

#define NROWS 5
static const struct row s_rows[NROWS] = {
    { 1700000000, true, NULL, 0, "unit.add", "000.00.00.H12",
      "{\"name\":\"S\\u1edf T\\u00e0i ch\\u00ednh\",\"level\":\"s\\u1edf\",\"parent\":null}", "console" },
    { 1700000060, true, NULL, 0, "user.add", "lan.nt", "{\"roles\":[\"admin\",\"clerk\"],\"unit\":\"000.00.00.H12\"}",
      "console" },
    { 1700000120, false, "lan.nt", 7, "login", "lan.nt", NULL, "lan.nt" },
    { 1700000180, false, "lan.nt", 7, "login.fail", "hung.lv", "{\"reason\":\"password\",\"failures\":2}", "lan.nt" },
    { 1700000240, false, NULL, 9, "device.revoke", "/1/4/", "{\"device\":9}", "-" },
};

static const srv_config_t s_cfg; /* zeroed */

static void s_ctx(srv_ctx_t *c, store_t *db, const struct row *r)
{
    memset(c, 0, sizeof *c);
    c->db = db;
    c->cfg = &s_cfg;
    c->now = r->ts;
    c->console = r->console;
    c->principal = r->console ? "console" : "d:7";
    c->device_id = r->device;
    if (r->user) {
        c->user_id = 3;
        snprintf(c->username, sizeof c->username, "%s", r->user);
    }
}

static json_t *s_detail(const char *text)
{
    json_error_t jerr;
    json_t *j;

    if (!text)
        return NULL;
    j = json_loads(text, 0, &jerr);
    if (!j)
        fail_msg("bad fixture JSON: %s", jerr.text);
    return j;
}

/* Append s_rows: the first two in one transaction, the rest one each. */
static void s_fill(store_t *db)
{
    srv_ctx_t c;

    assert_int_equal(store_begin(db), SQLITE_OK);
    for (int i = 0; i < 2; i++) {
        s_ctx(&c, db, &s_rows[i]);
        assert_int_equal(audit_log(&c, s_rows[i].action, s_rows[i].object, s_detail(s_rows[i].detail)), 0);
    }
    assert_int_equal(store_commit(db), SQLITE_OK);
    for (int i = 2; i < NROWS; i++) {
        s_ctx(&c, db, &s_rows[i]);
        assert_int_equal(store_begin(db), SQLITE_OK);
        assert_int_equal(audit_log(&c, s_rows[i].action, s_rows[i].object, s_detail(s_rows[i].detail)), 0);
        assert_int_equal(store_commit(db), SQLITE_OK);
    }
}

/* The chain hash as documented in audit.c: BLAKE2b-256(prev ‖ id ‖ ts ‖
 * actor ‖ device ‖ action ‖ object ‖ detail), integers as 8 little-endian
 * bytes, strings prefixed by their length as such an integer. Written
 * independently of audit.c. */
static void s_le64(crypto_generichash_state *h, int64_t v)
{
    unsigned char b[8];
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++, u >>= 8)
        b[i] = (unsigned char)(u & 0xFF);
    crypto_generichash_update(h, b, sizeof b);
}

static void s_lbytes(crypto_generichash_state *h, const char *s, size_t n)
{
    s_le64(h, (int64_t)n);
    crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void s_lstr(crypto_generichash_state *h, const char *s)
{
    s_lbytes(h, s, strlen(s));
}

/* The chain hash of a row whose object holds object_n bytes, a NUL among
 * them perhaps (every byte of a text is hashed). */
static void s_ref_hash_n(unsigned char out[HLEN], const unsigned char prev[HLEN], int64_t id, int64_t ts,
                         const char *actor, int64_t device, const char *action, const char *object, size_t object_n,
                         const char *detail)
{
    crypto_generichash_state h;

    assert_int_equal(crypto_generichash_init(&h, NULL, 0, HLEN), 0);
    crypto_generichash_update(&h, prev, HLEN);
    s_le64(&h, id);
    s_le64(&h, ts);
    s_lstr(&h, actor);
    s_le64(&h, device);
    s_lstr(&h, action);
    s_lbytes(&h, object, object_n);
    s_lstr(&h, detail);
    assert_int_equal(crypto_generichash_final(&h, out, HLEN), 0);
}

static void s_ref_hash(unsigned char out[HLEN], const unsigned char prev[HLEN], int64_t id, int64_t ts,
                       const char *actor, int64_t device, const char *action, const char *object, const char *detail)
{
    s_ref_hash_n(out, prev, id, ts, actor, device, action, object, strlen(object), detail);
}

static void s_sql(store_t *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static int64_t s_count(store_t *db)
{
    sqlite3_stmt *st;
    int64_t n;

    assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM audit", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* ---- group setup -------------------------------------------------------- */

static int s_setup(void **state)
{
    (void)state;
    if (sodium_init() < 0)
        return -1;
    snprintf(s_dir, sizeof s_dir, "%s/congvu-test-audit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(s_dir) ? 0 : -1;
}

/* Remove the temporary directory with whatever a failed test left in it. */
static int s_teardown(void **state)
{
    DIR *d = opendir(s_dir);
    struct dirent *e;
    char p[600];

    (void)state;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", s_dir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    return rmdir(s_dir);
}

/* ---- an intact chain ---------------------------------------------------- */

static void test_verify_empty(void **state)
{
    tdb_t t;
    int64_t rows = -1, bad = -1;

    (void)state;
    tdb_open(&t);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, 0);
    assert_int_equal(bad, 0);
    tdb_close(&t);
}

static void test_verify_intact(void **state)
{
    tdb_t t;
    int64_t rows = -1, bad = -1;

    (void)state;
    tdb_open(&t);
    s_fill(t.db);
    assert_int_equal(s_count(t.db), NROWS);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, NROWS);
    assert_int_equal(bad, 0);
    /* verifying is read-only and repeatable */
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, NROWS);
    tdb_close(&t);
}

/* The stored rows are what was logged, chained with the documented hash,
 * and the head in meta names the last row. */
static void test_log_contents(void **state)
{
    tdb_t t;
    sqlite3_stmt *st;
    unsigned char prev[HLEN] = { 0 }, h[HLEN];
    char hex[2 * HLEN + 1], want_head[96];
    int i = 0;

    (void)state;
    tdb_open(&t);
    s_fill(t.db);
    assert_int_equal(sqlite3_prepare_v2(db_handle(t.db),
                                        "SELECT id, ts, actor, device, action, object, detail, prev, hash "
                                        "FROM audit ORDER BY id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const struct row *r = &s_rows[i];
        const char *actor = (const char *)sqlite3_column_text(st, 2);
        const char *detail = (const char *)sqlite3_column_text(st, 6);
        json_t *got, *want;

        assert_true(i < NROWS);
        assert_int_equal(sqlite3_column_int64(st, 0), i + 1);
        assert_int_equal(sqlite3_column_int64(st, 1), r->ts);
        assert_string_equal(actor, r->actor);
        assert_int_equal(sqlite3_column_int64(st, 3), r->device);
        assert_string_equal((const char *)sqlite3_column_text(st, 4), r->action);
        assert_string_equal((const char *)sqlite3_column_text(st, 5), r->object);
        /* detail is JSON; none is recorded as an empty object */
        got = json_loads(detail, 0, NULL);
        want = r->detail ? json_loads(r->detail, 0, NULL) : json_object();
        assert_non_null(got);
        if (!json_equal(got, want))
            fail_msg("row %d: detail %s", i + 1, detail);
        json_decref(got);
        json_decref(want);
        /* the chain */
        assert_int_equal(sqlite3_column_bytes(st, 7), HLEN);
        assert_memory_equal(sqlite3_column_blob(st, 7), prev, HLEN);
        s_ref_hash(h, prev, i + 1, r->ts, r->actor, r->device, r->action, r->object, detail);
        assert_int_equal(sqlite3_column_bytes(st, 8), HLEN);
        if (memcmp(sqlite3_column_blob(st, 8), h, HLEN) != 0)
            fail_msg("row %d: stored hash is not the documented BLAKE2b chain hash", i + 1);
        memcpy(prev, h, HLEN);
        i++;
    }
    sqlite3_finalize(st);
    assert_int_equal(i, NROWS);

    /* the head: last id and last hash */
    sodium_bin2hex(hex, sizeof hex, prev, HLEN);
    snprintf(want_head, sizeof want_head, "%d:%s", NROWS, hex);
    assert_int_equal(sqlite3_prepare_v2(db_handle(t.db), "SELECT value FROM meta WHERE key='audit_head'", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want_head);
    sqlite3_finalize(st);
    tdb_close(&t);
}

/* What the store hands back of the chain audit_log wrote: the rows in
 * order, their values and byte counts, typed; the walk stops when asked;
 * the last row and the head; a value edited into another type is no
 * longer typed. */
struct walk {
    int n, stop_at;
    unsigned char prev[HLEN];
    bool typed[NROWS];
};

static int s_walk(void *arg, const store_audit_row_t *r)
{
    struct walk *w = arg;
    const struct row *x = &s_rows[w->n];
    unsigned char h[HLEN];

    assert_true(w->n < NROWS);
    assert_int_equal(r->id, w->n + 1);
    assert_int_equal(r->ts, x->ts);
    w->typed[w->n] = r->typed;
    if (r->typed) {
        assert_int_equal(r->device, x->device);
        assert_string_equal(r->actor, x->actor);
        assert_int_equal(r->actor_len, strlen(x->actor));
        assert_string_equal(r->action, x->action);
        assert_int_equal(r->action_len, strlen(x->action));
        assert_string_equal(r->object, x->object);
        assert_int_equal(r->object_len, strlen(x->object));
        assert_int_equal(r->detail_len, strlen(r->detail));
        s_ref_hash(h, w->prev, r->id, r->ts, x->actor, x->device, x->action, x->object, r->detail);
        assert_int_equal(r->prev_len, HLEN);
        assert_memory_equal(r->prev, w->prev, HLEN);
        assert_int_equal(r->hash_len, HLEN);
        assert_memory_equal(r->hash, h, HLEN);
        memcpy(w->prev, h, HLEN);
    } else {
        assert_int_equal(r->hash_len, HLEN); /* untouched by the edit */
        memcpy(w->prev, r->hash, HLEN);
    }
    return ++w->n == w->stop_at;
}

static void test_store_reads(void **state)
{
    tdb_t t;
    struct walk w = { .stop_at = -1 };
    unsigned char last[HLEN] = { 0 };
    char hex[2 * HLEN + 1], want_head[96], head[96];
    int64_t id = -1;

    (void)state;
    tdb_open(&t);
    assert_int_equal(store_audit_last(t.db, &id, last), STORE_NONE);
    assert_int_equal(store_audit_head(t.db, head, sizeof head), STORE_NONE);
    assert_string_equal(head, "");
    s_fill(t.db);

    assert_int_equal(store_audit_each(t.db, s_walk, &w), STORE_OK);
    assert_int_equal(w.n, NROWS);
    for (int i = 0; i < NROWS; i++)
        assert_true(w.typed[i]);
    assert_int_equal(store_audit_last(t.db, &id, last), STORE_OK);
    assert_int_equal(id, NROWS);
    assert_memory_equal(last, w.prev, HLEN);
    sodium_bin2hex(hex, sizeof hex, w.prev, HLEN);
    snprintf(want_head, sizeof want_head, "%d:%s", NROWS, hex);
    assert_int_equal(store_audit_head(t.db, head, sizeof head), STORE_OK);
    assert_string_equal(head, want_head);

    /* stopped after two rows */
    w = (struct walk){ .stop_at = 2 };
    assert_int_equal(store_audit_each(t.db, s_walk, &w), STORE_OK);
    assert_int_equal(w.n, 2);

    /* a device edited into NULL: that row is not typed, the others are */
    s_sql(t.db, "UPDATE audit SET device = NULL WHERE id = 3");
    w = (struct walk){ .stop_at = -1 };
    assert_int_equal(store_audit_each(t.db, s_walk, &w), STORE_OK);
    assert_int_equal(w.n, NROWS);
    for (int i = 0; i < NROWS; i++)
        assert_int_equal(w.typed[i], i != 2);
    tdb_close(&t);
}

/* A rolled-back append leaves no trace, and the chain goes on from the last
 * committed row, also after the database is closed and reopened. */
static void test_rollback_and_reopen(void **state)
{
    tdb_t t;
    srv_ctx_t c;
    struct row r = s_rows[0];
    int64_t rows = -1, bad = -1;
    char err[512];

    (void)state;
    tdb_open(&t);
    s_fill(t.db);
    s_ctx(&c, t.db, &r);
    assert_int_equal(store_begin(t.db), SQLITE_OK);
    assert_int_equal(audit_log(&c, "user.disable", "x", NULL), 0);
    assert_int_equal(audit_log(&c, "user.enable", "x", NULL), 0);
    store_rollback(t.db);
    assert_int_equal(s_count(t.db), NROWS);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, NROWS);

    store_close(&t.db);
    t.db = store_open(t.path, 0, err, sizeof err);
    if (!t.db)
        fail_msg("reopen: %s", err);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, NROWS);
    r.ts += 1000;
    s_ctx(&c, t.db, &r);
    assert_int_equal(store_begin(t.db), SQLITE_OK);
    assert_int_equal(audit_log(&c, "user.reset", "lan.nt", json_pack("{s:b}", "temp", 1)), 0);
    assert_int_equal(store_commit(t.db), SQLITE_OK);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, NROWS + 1);
    tdb_close(&t);
}

/* ---- tampering, table-driven -------------------------------------------- */

/* audit.h: "-1 with the first bad row id in *bad (0 when the end of the
 * chain was cut)". */
#define CUT_BAD 0
#define BAD_ANY INT64_MIN /* only the failure itself is checked */

/* Swap every column but the id between rows a and b. */
#define SWAP(a, b)                                                                                     \
    "CREATE TEMP TABLE sw AS SELECT * FROM audit WHERE id IN (" #a "," #b ");"                         \
    "UPDATE audit SET (ts, actor, device, action, object, detail, prev, hash) ="                       \
    " (SELECT ts, actor, device, action, object, detail, prev, hash FROM sw WHERE sw.id = " #a " + " #b \
    " - audit.id) WHERE id IN (" #a "," #b ");"                                                        \
    "DROP TABLE sw;"

/* An attacker who knows the algorithm appends a row with a correct prev and
 * hash, but cannot update the head in meta. */
static void t_forge_valid(store_t *db)
{
    unsigned char prev[HLEN], h[HLEN];
    sqlite3_stmt *st;

    assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT hash FROM audit WHERE id = 5", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_bytes(st, 0), HLEN);
    memcpy(prev, sqlite3_column_blob(st, 0), HLEN);
    sqlite3_finalize(st);
    s_ref_hash(h, prev, 6, 1700000300, "console", 0, "user.add", "ghost", "{}");
    assert_int_equal(sqlite3_prepare_v2(db_handle(db),
                                        "INSERT INTO audit(id, ts, actor, device, action, object, detail, prev, hash) "
                                        "VALUES(6, 1700000300, 'console', 0, 'user.add', 'ghost', '{}', ?, ?)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_blob(st, 1, prev, HLEN, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 2, h, HLEN, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

struct tamper {
    const char *name;
    const char *sql;
    void (*fn)(store_t *db);
    int64_t bad;
};

static const struct tamper s_tampers[] = {
    /* edits */
    { "edit detail", "UPDATE audit SET detail='{\"roles\":[\"clerk\"]}' WHERE id=2", NULL, 2 },
    { "edit detail, same JSON value", "UPDATE audit SET detail=' '||detail WHERE id=4", NULL, 4 },
    { "edit detail of the last row", "UPDATE audit SET detail='{}' WHERE id=5", NULL, 5 },
    { "edit actor", "UPDATE audit SET actor='hung.lv' WHERE id=3", NULL, 3 },
    { "edit actor of the first row", "UPDATE audit SET actor='lan.nt' WHERE id=1", NULL, 1 },
    { "edit ts", "UPDATE audit SET ts=ts+1 WHERE id=4", NULL, 4 },
    { "edit ts backwards", "UPDATE audit SET ts=0 WHERE id=2", NULL, 2 },
    { "edit device", "UPDATE audit SET device=8 WHERE id=3", NULL, 3 },
    { "edit action", "UPDATE audit SET action='login' WHERE id=4", NULL, 4 },
    { "edit object", "UPDATE audit SET object='000.00.00.H13' WHERE id=1", NULL, 1 },
    { "edit hash", "UPDATE audit SET hash=zeroblob(32) WHERE id=3", NULL, 3 },
    { "shorten hash", "UPDATE audit SET hash=substr(hash,1,31) WHERE id=2", NULL, 2 },
    { "edit prev", "UPDATE audit SET prev=zeroblob(32) WHERE id=2", NULL, 2 },
    { "edit prev of the first row", "UPDATE audit SET prev=randomblob(32) WHERE id=1", NULL, 1 },
    /* bytes after a NUL: a text is hashed whole, not as a C string */
    { "bytes after a NUL appended to detail", "UPDATE audit SET detail=detail||char(0)||'x' WHERE id=2", NULL, 2 },
    { "bytes after a NUL appended to object", "UPDATE audit SET object=object||char(0)||'x' WHERE id=4", NULL, 4 },
    { "bytes after a NUL appended to actor", "UPDATE audit SET actor=actor||char(0) WHERE id=5", NULL, 5 },
    { "bytes after a NUL appended to action", "UPDATE audit SET action=action||char(0)||'.add' WHERE id=3", NULL,
      3 },
    /* a value of another type that reads back the same */
    { "device 0 made NULL", "UPDATE audit SET device=NULL WHERE id=1", NULL, 1 },
    /* deletions */
    { "delete the first row", "DELETE FROM audit WHERE id=1", NULL, 2 },
    { "delete a middle row", "DELETE FROM audit WHERE id=3", NULL, 4 },
    { "delete a middle row and renumber", "DELETE FROM audit WHERE id=3; UPDATE audit SET id=id-1 WHERE id>3",
      NULL, 3 },
    /* forged rows at the end */
    { "forged row, wrong hash",
      "INSERT INTO audit SELECT 6, ts+60, actor, device, 'user.add', 'ghost', '{}', hash, zeroblob(32) "
      "FROM audit WHERE id=5",
      NULL, 6 },
    { "forged row, wrong prev",
      "INSERT INTO audit SELECT 6, ts+60, actor, device, action, object, detail, randomblob(32), hash "
      "FROM audit WHERE id=5",
      NULL, 6 },
    /* rows swapped */
    { "swap rows 2 and 3", SWAP(2, 3), NULL, 2 },
    { "swap rows 4 and 5", SWAP(4, 5), NULL, 4 },
    { "swap rows 1 and 5", SWAP(1, 5), NULL, 1 },
    /* the head */
    { "head overwritten", "UPDATE meta SET value='5:'||lower(hex(zeroblob(32))) WHERE key='audit_head'", NULL,
      BAD_ANY },
    { "head points earlier", "UPDATE meta SET value='4:'||substr(value,3) WHERE key='audit_head'", NULL, BAD_ANY },
    { "head deleted", "DELETE FROM meta WHERE key='audit_head'", NULL, BAD_ANY },
};

/* The end of the chain: rows cut off it, or a row appended with a valid
 * chain hash that the head in meta does not cover. */
static const struct tamper s_tampers_end[] = {
    { "delete the last row", "DELETE FROM audit WHERE id=5", NULL, CUT_BAD },
    { "delete the last two rows", "DELETE FROM audit WHERE id>=4", NULL, CUT_BAD },
    { "delete every row", "DELETE FROM audit", NULL, CUT_BAD },
    { "forged row with a valid chain hash", NULL, t_forge_valid, 6 },
};

static void s_run_tampers(const struct tamper *table, size_t n)
{
    int failures = 0;

    for (size_t i = 0; i < n; i++) {
        const struct tamper *k = &table[i];
        int64_t rows = -1, bad = -1;
        tdb_t t;
        int rc;

        tdb_open(&t);
        s_fill(t.db);
        assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
        if (k->sql)
            s_sql(t.db, k->sql);
        if (k->fn)
            k->fn(t.db);
        rc = audit_verify(t.db, &rows, &bad);
        if (rc != -1) {
            print_error("tamper \"%s\": verify returned %d (rows %lld), want -1\n", k->name, rc, (long long)rows);
            failures++;
        } else if (k->bad != BAD_ANY && bad != k->bad) {
            print_error("tamper \"%s\": bad row %lld, want %lld\n", k->name, (long long)bad, (long long)k->bad);
            failures++;
        }
        tdb_close(&t);
    }
    /* all cases run before failing, so one report names every mismatch */
    if (failures)
        fail_msg("%d of %zu tampering cases wrong", failures, n);
}

static void test_tamper_table(void **state)
{
    (void)state;
    s_run_tampers(s_tampers, N_ELEM(s_tampers));
}

static void test_tamper_end_of_chain(void **state)
{
    (void)state;
    s_run_tampers(s_tampers_end, N_ELEM(s_tampers_end));
}

/* Set row 5's object to the n bytes at object, a NUL among them perhaps. */
static void s_set_object(store_t *db, const char *object, size_t n)
{
    sqlite3_stmt *st;

    assert_int_equal(sqlite3_prepare_v2(db_handle(db), "UPDATE audit SET object = ? WHERE id = 5", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, object, (int)n, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Rewrite row 5 (the last) with the n bytes at object as its object and
 * the hash and head the documented hash gives it: what audit_log would
 * write if its object held those bytes. */
static void s_put_last(store_t *db, const char *object, size_t n)
{
    const struct row *r = &s_rows[4];
    unsigned char prev[HLEN], h[HLEN];
    char hex[2 * HLEN + 1], sql[160];
    sqlite3_stmt *st;

    assert_int_equal(sqlite3_prepare_v2(db_handle(db), "SELECT prev, detail FROM audit WHERE id = 5", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    memcpy(prev, sqlite3_column_blob(st, 0), HLEN);
    s_ref_hash_n(h, prev, 5, r->ts, r->actor, r->device, r->action, object, n,
                 (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    s_set_object(db, object, n);
    sodium_bin2hex(hex, sizeof hex, h, HLEN);
    snprintf(sql, sizeof sql, "UPDATE audit SET hash = x'%s' WHERE id = 5", hex);
    s_sql(db, sql);
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '5:%s' WHERE key = 'audit_head'", hex);
    s_sql(db, sql);
}

/* Two rows differing only after a NUL in a text hash differently: a row
 * whose object is "/1/4/" NUL "a", hashed over all its bytes, verifies,
 * and the same row with "b" after the NUL does not. */
static void test_nul_in_text(void **state)
{
    static const char a[] = "/1/4/\0a", b[] = "/1/4/\0b";
    tdb_t t;
    int64_t rows = -1, bad = -1;

    (void)state;
    tdb_open(&t);
    s_fill(t.db);
    s_put_last(t.db, a, sizeof a - 1);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    assert_int_equal(rows, NROWS);
    s_set_object(t.db, b, sizeof b - 1);
    assert_int_equal(audit_verify(t.db, &rows, &bad), -1);
    assert_int_equal(bad, 5);
    /* and that row, hashed as such, verifies again: nothing else differs */
    s_put_last(t.db, b, sizeof b - 1);
    assert_int_equal(audit_verify(t.db, &rows, &bad), 0);
    tdb_close(&t);
}

/* ---- password hashing --------------------------------------------------- */

static void test_password_hash(void **state)
{
    static const char pw[] = "m\xE1\xBA\xADt kh\xE1\xBA\xA9u 2024"; /* "mật khẩu 2024" */
    static const char *const wrong[] = {
        "m\xE1\xBA\xADt kh\xE1\xBA\xA9u 2025",
        "m\xE1\xBA\xADt kh\xE1\xBA\xA9u 2024 ",
        "m\xE1\xBA\xADt kh\xE1\xBA\xA9u 202",
        "mat khau 2024",
        "",
    };
    char h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];

    (void)state;
    memset(h1, 0x5A, sizeof h1);
    assert_int_equal(org_hash_password(pw, h1), 0);
    assert_non_null(memchr(h1, '\0', sizeof h1));
    assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
    assert_int_equal(crypto_pwhash_str_verify(h1, pw, strlen(pw)), 0);
    for (size_t i = 0; i < N_ELEM(wrong); i++)
        if (crypto_pwhash_str_verify(h1, wrong[i], strlen(wrong[i])) != -1)
            fail_msg("wrong password %zu accepted", i);

    /* a fresh salt every time */
    assert_int_equal(org_hash_password(pw, h2), 0);
    assert_int_equal(strncmp(h2, "$argon2id$", 10), 0);
    assert_string_not_equal(h1, h2);
    assert_int_equal(crypto_pwhash_str_verify(h2, pw, strlen(pw)), 0);

    /* the empty password hashes too, and only it verifies */
    assert_int_equal(org_hash_password("", h2), 0);
    assert_int_equal(crypto_pwhash_str_verify(h2, "", 0), 0);
    assert_int_equal(crypto_pwhash_str_verify(h2, "x", 1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verify_empty),
        cmocka_unit_test(test_verify_intact),
        cmocka_unit_test(test_log_contents),
        cmocka_unit_test(test_store_reads),
        cmocka_unit_test(test_rollback_and_reopen),
        cmocka_unit_test(test_tamper_table),
        cmocka_unit_test(test_tamper_end_of_chain),
        cmocka_unit_test(test_nul_in_text),
        cmocka_unit_test(test_password_hash),
    };

    return cmocka_run_group_tests(tests, s_setup, s_teardown);
}
