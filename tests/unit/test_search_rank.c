/* test_search_rank.c — server/search_rank.c against SQLite's own bm25: on a
 * search table whose second column holds scope tokens, search_rank must
 * give every row exactly the score bm25 gives it in the same table without
 * that column, with or without a scope term in the query. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four it needs */

#include <stdio.h>
#include <string.h>

#include "search_rank.h"

#define NROWS 400

static const char *const s_words[] = {"nguyen", "van",   "an",   "tran", "thi", "le",     "lan", "dang", "ky",   "ho",
                                      "kinh",   "doanh", "khai", "sinh", "tu",  "phuong", "ca",  "mau",  "ngoc", "han"};
#define NWORDS (sizeof s_words / sizeof *s_words)

static void s_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* Two tables of the same rows: `one` with the folded text alone, `two`
 * with 1 to 6 scope tokens beside it (rows of different lengths). */
static int s_setup(void **state)
{
	sqlite3 *db;
	sqlite3_stmt *a, *b;
	unsigned x = 12345;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK || search_rank_attach(db) != 0)
		return -1;
	s_exec(db, "CREATE VIRTUAL TABLE one USING fts5(folded, tokenize = 'unicode61 remove_diacritics 0', "
	           "prefix = '2 3 4 5 6');"
	           "CREATE VIRTUAL TABLE two USING fts5(folded, scope, tokenize = 'unicode61 remove_diacritics 0', "
	           "prefix = '2 3 4 5 6');");
	sqlite3_prepare_v2(db, "INSERT INTO one(rowid, folded) VALUES(?1, ?2)", -1, &a, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO two(rowid, folded, scope) VALUES(?1, ?2, ?3)", -1, &b, NULL);
	for (int r = 1; r <= NROWS; r++) {
		char text[512] = "", scope[64] = "đ1";
		int n = 2 + (int)((x = x * 1103515245 + 12345) >> 16) % 20;
		for (int i = 0; i < n; i++) {
			x = x * 1103515245 + 12345;
			strcat(text, s_words[(x >> 16) % NWORDS]);
			strcat(text, " ");
		}
		for (int i = 0, k = (int)((x >> 8) % 6); i < k; i++)
			snprintf(scope + strlen(scope), sizeof scope - strlen(scope), " đ%d", 2 + (r + i) % 7);
		sqlite3_bind_int(a, 1, r);
		sqlite3_bind_text(a, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(b, 1, r);
		sqlite3_bind_text(b, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(b, 3, scope, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(a) != SQLITE_DONE || sqlite3_step(b) != SQLITE_DONE)
			return -1;
		sqlite3_reset(a);
		sqlite3_reset(b);
	}
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	*state = db;
	return 0;
}

static int s_teardown(void **state)
{
	sqlite3_close(*state);
	return 0;
}

/* For terms: every row `two` yields under scope (or all, when scope is
 * NULL) has search_rank == `one`'s bm25 of the same row, to the bit; and
 * bm25 over `two` differs on some row (the scope column counts in it).
 * Returns how many rows were compared. */
static int s_compare(sqlite3 *db, const char *terms, const char *scope)
{
	char q[256];
	sqlite3_stmt *st, *ref;
	int n = 0, shifted = 0;

	snprintf(q, sizeof q, "%s%s%s%s", terms, scope ? " AND scope : \"" : "", scope ? scope : "", scope ? "\"" : "");
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT rowid, search_rank(two), bm25(two) FROM two WHERE two MATCH ?1 "
	                                    "ORDER BY rowid",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT bm25(one) FROM one WHERE one MATCH ?1 AND rowid = ?2", -1, &ref, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ref, 1, terms, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_bind_int64(ref, 2, sqlite3_column_int64(st, 0));
		assert_int_equal(sqlite3_step(ref), SQLITE_ROW);
		if (sqlite3_column_double(st, 1) != sqlite3_column_double(ref, 0))
			fail_msg("%s, row %lld: search_rank %.17g, bm25 without the scope %.17g", q,
			         (long long)sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1),
			         sqlite3_column_double(ref, 0));
		shifted += sqlite3_column_double(st, 2) != sqlite3_column_double(ref, 0);
		sqlite3_reset(ref);
		n++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ref);
	assert_true(n == 0 || shifted > 0);
	return n;
}

static void test_same_scores(void **state)
{
	static const char *const terms[] = {"\"le\"*", "\"nguyen\"* AND \"van\"*", "\"dang\"* AND \"ky\"* AND \"ho\"*",
	                                    "\"kh\"*", "\"ngoc\" AND \"han\"*"};
	sqlite3 *db = *state;

	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++) {
		int all = s_compare(db, terms[i], NULL);
		assert_true(all > 0);
		assert_true(s_compare(db, terms[i], "đ3") < all);     /* a scope keeps fewer rows */
		assert_int_equal(s_compare(db, terms[i], "đ1"), all); /* the root's keeps them all */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_same_scores, s_setup, s_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
