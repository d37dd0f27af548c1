/* test_bmodel.c — unit tests for the live board's model (client/tui/bmodel.c):
 * a task.changed event moves its card between columns in the server's
 * order (overdue first, then by deadline) and keeps the counts; old news
 * (no newer than the snapshot, or than the card shown) changes nothing;
 * events that arrive while a snapshot is on its way are replayed on it, so
 * a board rebuilt after a reconnect misses nothing and shows nothing twice;
 * a card that no longer matches the board's unit or filters leaves it. */
/* cmocka.h needs these before it */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#include <string.h>

#include "tasks.h"

/* A card as the server sends it. */
static json_t *s_card(const char *code, const char *state, const char *deadline, bool overdue, int seq,
                      const char *path)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:i, s:[s], s:s, s:s, s:n, s:i}", "code", code, "state", state,
	                 "deadline", deadline, "overdue", overdue, "seq", seq, "paths", path, "priority", "normal",
	                 "source", "directive", "lead_user", "percent", 0);
}

/* A snapshot at seq of the city's board (path /1/7/) with two columns. */
static json_t *s_snapshot(int seq, json_t *assigned, json_t *in_progress)
{
	return json_pack("{s:i, s:s, s:[{s:s, s:i, s:o}, {s:s, s:i, s:o}], s:[], s:{}}", "seq", seq, "path", "/1/7/",
	                 "columns", "state", "assigned", "count", (int)json_array_size(assigned), "cards", assigned,
	                 "state", "in_progress", "count", (int)json_array_size(in_progress), "cards", in_progress,
	                 "summary", "total");
}

static json_t *s_event(json_t *card)
{
	json_t *ev = json_pack("{s:O, s:O, s:o}", "seq", json_object_get(card, "seq"), "code",
	                       json_object_get(card, "code"), "card", card);
	return ev;
}

/* The codes of column c, joined with commas, and its count: "A,B/2". */
static const char *s_col(const tui_bmodel_t *m, int c, char *buf, size_t n)
{
	const json_t *col = json_array_get(tui_bmodel_columns(m), (size_t)c), *card;
	size_t i, len = 0;

	buf[0] = 0;
	json_array_foreach(json_object_get(col, "cards"), i, card)
	{
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "," : "",
		                        json_string_value(json_object_get(card, "code")));
	}
	snprintf(buf + len, n - len, "/%lld", (long long)json_integer_value(json_object_get(col, "count")));
	return buf;
}

/* Take a snapshot as the answer to a request. */
static void s_load(tui_bmodel_t *m, json_t *snap)
{
	json_decref(tui_bmodel_request(m));
	tui_bmodel_snapshot(m, snap);
	json_decref(snap);
}

static bool s_apply(tui_bmodel_t *m, json_t *card)
{
	json_t *ev = s_event(card);
	bool changed = tui_bmodel_event(m, ev);
	json_decref(ev);
	return changed;
}

static void test_moves_in_order(void **state)
{
	tui_bmodel_t m = {0};
	char a[128], b[128];

	(void)state;
	s_load(&m, s_snapshot(10,
	                      json_pack("[o, o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 3, "/1/7/"),
	                                s_card("NV-2", "assigned", "2026-12-05 17:00", false, 4, "/1/7/10/")),
	                      json_pack("[o]", s_card("NV-3", "in_progress", "2026-12-03 17:00", false, 5, "/1/7/"))));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1,NV-2/2");
	/* NV-2 is started: it leaves "assigned" and takes its place by deadline */
	assert_true(s_apply(&m, s_card("NV-2", "in_progress", "2026-12-05 17:00", false, 11, "/1/7/10/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1/1");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-3,NV-2/2");
	/* an overdue card goes first, whatever its deadline */
	assert_true(s_apply(&m, s_card("NV-2", "in_progress", "2026-12-05 17:00", true, 12, "/1/7/10/")));
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-2,NV-3/2");
	/* a new task appears */
	assert_true(s_apply(&m, s_card("NV-4", "assigned", "2026-11-30 17:00", false, 13, "/1/7/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-4,NV-1/2");
	tui_bmodel_free(&m);
}

static void test_old_news(void **state)
{
	tui_bmodel_t m = {0};
	char a[128];

	(void)state;
	s_load(&m, s_snapshot(10, json_pack("[o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 9, "/1/7/")),
	                      json_array()));
	/* a change the snapshot already has */
	assert_false(s_apply(&m, s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 9, "/1/7/")));
	assert_false(s_apply(&m, s_card("NV-5", "assigned", "2026-12-01 17:00", false, 10, "/1/7/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1/1");
	/* newer than the snapshot, then an older one for the same card */
	assert_true(s_apply(&m, s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 14, "/1/7/")));
	assert_false(s_apply(&m, s_card("NV-1", "assigned", "2026-12-01 17:00", false, 12, "/1/7/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "/0");
	assert_string_equal(s_col(&m, 1, a, sizeof a), "NV-1/1");
	tui_bmodel_free(&m);
}

/* A reconnect: the old snapshot stays and follows events while the new one
 * is asked for; events it may or may not contain are replayed on it. */
static void test_resync(void **state)
{
	tui_bmodel_t m = {0};
	char a[128], b[128];
	json_t *snap;

	(void)state;
	s_load(&m, s_snapshot(10, json_pack("[o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 9, "/1/7/")),
	                      json_array()));
	json_decref(tui_bmodel_request(&m)); /* the link came back: a new snapshot is asked for */
	/* meanwhile: NV-1 started (seq 20, which the snapshot will have) and a
	 * new task (seq 21, which it will not) */
	assert_true(s_apply(&m, s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 20, "/1/7/")));
	assert_true(s_apply(&m, s_card("NV-6", "assigned", "2026-12-02 17:00", false, 21, "/1/7/")));
	snap = json_pack("{s:i, s:s, s:[{s:s, s:i, s:[]}, {s:s, s:i, s:[o]}]}", "seq", 20, "path", "/1/7/", "columns",
	                 "state", "assigned", "count", 0, "cards", "state", "in_progress", "count", 1, "cards",
	                 s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 20, "/1/7/"));
	tui_bmodel_snapshot(&m, snap);
	json_decref(snap);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-6/1");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-1/1");
	assert_false(m.loading);
	tui_bmodel_free(&m);
}

static void test_filters(void **state)
{
	tui_bmodel_t m = {0};
	json_t *card;
	char a[128];

	(void)state;
	s_load(&m, s_snapshot(10, json_pack("[o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 9, "/1/7/")),
	                      json_array()));
	/* the board's subtree: a lead or co-operating unit under /1/7/ */
	card = s_card("NV-7", "assigned", "2026-12-01 17:00", false, 11, "/1/8/");
	assert_false(tui_bmodel_matches(&m, card));
	json_array_append_new(json_object_get(card, "paths"), json_string("/1/7/12/"));
	assert_true(tui_bmodel_matches(&m, card));
	/* the filters */
	snprintf(m.f.priority, sizeof m.f.priority, "urgent");
	assert_false(tui_bmodel_matches(&m, card));
	json_object_set_new(card, "priority", json_string("urgent"));
	assert_true(tui_bmodel_matches(&m, card));
	m.f.overdue = true;
	assert_false(tui_bmodel_matches(&m, card));
	json_object_set_new(card, "overdue", json_true());
	assert_true(tui_bmodel_matches(&m, card));
	snprintf(m.f.person, sizeof m.f.person, "an.nv");
	assert_false(tui_bmodel_matches(&m, card));
	json_object_set_new(card, "lead_user", json_string("an.nv"));
	assert_true(tui_bmodel_matches(&m, card));
	json_decref(card);
	/* a card that stops matching leaves the board */
	memset(&m.f, 0, sizeof m.f);
	assert_true(s_apply(&m, s_card("NV-1", "assigned", "2026-12-01 17:00", false, 12, "/1/9/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "/0");
	tui_bmodel_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_moves_in_order),
	    cmocka_unit_test(test_old_news),
	    cmocka_unit_test(test_resync),
	    cmocka_unit_test(test_filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
