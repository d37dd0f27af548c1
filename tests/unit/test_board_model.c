/* test_board_model.c — unit tests for the live board's model (client/tui/board_model.c):
 * a task.changed event moves its card between columns in the server's
 * order (overdue first, then by deadline) and keeps the counts; old news
 * (no newer than the snapshot, or than the card shown) changes nothing;
 * events that arrive while a snapshot is on its way are replayed on it, so
 * a board rebuilt after a reconnect misses nothing and shows nothing twice;
 * a card that no longer matches the board's unit or filters leaves it.
 * Paged columns: an event for a card not loaded moves only the counts
 * (from where `was` says the previous event put it) unless the card falls
 * within the loaded part; a page continues the column where it was asked
 * from, or is dropped when the column moved under it; no card twice. */
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
static const char *s_col(const tui_board_model_t *m, int c, char *buf, size_t n)
{
	const json_t *col = json_array_get(tui_board_model_columns(m), (size_t)c), *card;
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
static void s_load(tui_board_model_t *m, json_t *snap)
{
	json_decref(tui_board_model_request(m, NULL, true));
	tui_board_model_snapshot(m, snap);
	json_decref(snap);
}

static bool s_apply(tui_board_model_t *m, json_t *card)
{
	json_t *ev = s_event(card);
	bool changed = tui_board_model_event(m, ev);
	json_decref(ev);
	return changed;
}

static void test_moves_in_order(void **state)
{
	tui_board_model_t m = {0};
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
	tui_board_model_free(&m);
}

static void test_old_news(void **state)
{
	tui_board_model_t m = {0};
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
	tui_board_model_free(&m);
}

/* A reconnect: the old snapshot stays and follows events while the new one
 * is asked for; events it may or may not contain are replayed on it. */
static void test_resync(void **state)
{
	tui_board_model_t m = {0};
	char a[128], b[128];
	json_t *snap;

	(void)state;
	s_load(&m, s_snapshot(10, json_pack("[o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 9, "/1/7/")),
	                      json_array()));
	json_decref(tui_board_model_request(&m, NULL, true)); /* the link came back: a new snapshot is asked for */
	/* meanwhile: NV-1 started (seq 20, which the snapshot will have) and a
	 * new task (seq 21, which it will not) */
	assert_true(s_apply(&m, s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 20, "/1/7/")));
	assert_true(s_apply(&m, s_card("NV-6", "assigned", "2026-12-02 17:00", false, 21, "/1/7/")));
	snap = json_pack("{s:i, s:s, s:[{s:s, s:i, s:[]}, {s:s, s:i, s:[o]}]}", "seq", 20, "path", "/1/7/", "columns",
	                 "state", "assigned", "count", 0, "cards", "state", "in_progress", "count", 1, "cards",
	                 s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 20, "/1/7/"));
	tui_board_model_snapshot(&m, snap);
	json_decref(snap);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-6/1");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-1/1");
	assert_false(m.loading);
	tui_board_model_free(&m);
}

static void test_filters(void **state)
{
	tui_board_model_t m = {0};
	json_t *card;
	char a[128];

	(void)state;
	s_load(&m, s_snapshot(10, json_pack("[o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 9, "/1/7/")),
	                      json_array()));
	/* the board's subtree: a lead or co-operating unit under /1/7/ */
	card = s_card("NV-7", "assigned", "2026-12-01 17:00", false, 11, "/1/8/");
	assert_false(tui_board_model_matches(&m, card));
	json_array_append_new(json_object_get(card, "paths"), json_string("/1/7/12/"));
	assert_true(tui_board_model_matches(&m, card));
	/* the filters */
	snprintf(m.f.priority, sizeof m.f.priority, "urgent");
	assert_false(tui_board_model_matches(&m, card));
	json_object_set_new(card, "priority", json_string("urgent"));
	assert_true(tui_board_model_matches(&m, card));
	m.f.overdue = true;
	assert_false(tui_board_model_matches(&m, card));
	json_object_set_new(card, "overdue", json_true());
	assert_true(tui_board_model_matches(&m, card));
	snprintf(m.f.person, sizeof m.f.person, "an.nv");
	assert_false(tui_board_model_matches(&m, card));
	json_object_set_new(card, "lead_user", json_string("an.nv"));
	assert_true(tui_board_model_matches(&m, card));
	json_decref(card);
	/* a card that stops matching leaves the board */
	memset(&m.f, 0, sizeof m.f);
	assert_true(s_apply(&m, s_card("NV-1", "assigned", "2026-12-01 17:00", false, 12, "/1/9/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "/0");
	tui_board_model_free(&m);
}

/* An event as the server sends it, with where the previous one put the
 * task (NULL state: a new task). */
static bool s_apply_was(tui_board_model_t *m, json_t *card, const char *was_state, bool was_overdue)
{
	json_t *ev = s_event(card);
	bool changed;

	json_object_set_new(
	    ev, "was", was_state ? json_pack("{s:s, s:b}", "state", was_state, "overdue", was_overdue) : json_null());
	changed = tui_board_model_event(m, ev);
	json_decref(ev);
	return changed;
}

/* A snapshot whose columns hold more than is loaded: "assigned" 5 with
 * two loaded, "in_progress" 3 with none. */
static void s_load_paged(tui_board_model_t *m)
{
	json_t *snap = s_snapshot(10,
	                          json_pack("[o, o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 3, "/1/7/"),
	                                    s_card("NV-2", "assigned", "2026-12-02 17:00", false, 4, "/1/7/")),
	                          json_array());
	json_object_set_new(json_array_get(json_object_get(snap, "columns"), 0), "count", json_integer(5));
	json_object_set_new(json_array_get(json_object_get(snap, "columns"), 1), "count", json_integer(3));
	s_load(m, snap);
}

static void test_paged_events(void **state)
{
	tui_board_model_t m = {0};
	char a[128], b[128];

	(void)state;
	s_load_paged(&m);
	assert_true(tui_board_model_has_more(&m, "assigned"));
	/* a new task past the loaded part: counted, not shown */
	assert_true(s_apply_was(&m, s_card("NV-9", "assigned", "2026-12-10 17:00", false, 11, "/1/7/"), NULL, false));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1,NV-2/6");
	/* one before the last loaded card: shown in its place */
	assert_true(s_apply_was(&m, s_card("NV-8", "assigned", "2026-11-30 17:00", false, 12, "/1/7/"), NULL, false));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-8,NV-1,NV-2/7");
	/* a card never loaded is started: its count moves from where it was */
	assert_true(
	    s_apply_was(&m, s_card("NV-20", "in_progress", "2026-12-20 17:00", false, 13, "/1/7/"), "assigned", false));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-8,NV-1,NV-2/6");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "/4");
	/* a sibling's task: not this board's, nothing moves */
	assert_false(
	    s_apply_was(&m, s_card("NV-30", "in_progress", "2026-12-20 17:00", false, 14, "/1/8/"), "assigned", false));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-8,NV-1,NV-2/6");
	/* a loaded card whose deadline moves past the loaded part leaves it; the count stays */
	assert_true(
	    s_apply_was(&m, s_card("NV-2", "assigned", "2026-12-28 17:00", false, 15, "/1/7/"), "assigned", false));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-8,NV-1/6");
	/* old news for a card not loaded changes nothing */
	assert_false(
	    s_apply_was(&m, s_card("NV-40", "in_progress", "2026-12-20 17:00", false, 9, "/1/7/"), "assigned", false));
	assert_string_equal(s_col(&m, 1, b, sizeof b), "/4");
	tui_board_model_free(&m);

	/* an overdue-only board: a task that becomes overdue (its timer) joins
	 * the count; one that stops being overdue leaves it */
	memset(&m, 0, sizeof m);
	m.f.overdue = true;
	s_load_paged(&m);
	assert_true(s_apply_was(&m, s_card("NV-50", "in_progress", "2026-11-01 17:00", true, 11, "/1/7/"),
	                        "in_progress", false));
	assert_string_equal(s_col(&m, 1, b, sizeof b), "/4");
	assert_true(s_apply_was(&m, s_card("NV-51", "in_progress", "2026-12-30 17:00", false, 12, "/1/7/"),
	                        "in_progress", true));
	assert_string_equal(s_col(&m, 1, b, sizeof b), "/3");
	assert_false(s_apply_was(&m, s_card("NV-52", "in_progress", "2026-12-30 17:00", false, 13, "/1/7/"),
	                         "in_progress", false));
	assert_string_equal(s_col(&m, 1, b, sizeof b), "/3");
	tui_board_model_free(&m);
}

/* A page of column `state` at seq with count and these cards. */
static json_t *s_page(int seq, const char *state, int count, json_t *cards)
{
	return json_pack("{s:i, s:s, s:[{s:s, s:i, s:o}]}", "seq", seq, "path", "/1/7/", "columns", "state", state,
	                 "count", count, "cards", cards);
}

static void test_pages(void **state)
{
	tui_board_model_t m = {0};
	json_t *req, *page;
	char a[128], b[128];

	(void)state;
	m.per = 2;
	s_load_paged(&m);
	/* the next page of "assigned": after the two loaded cards */
	req = tui_board_model_more(&m, "assigned", false);
	assert_string_equal(json_string_value(json_object_get(req, "state")), "assigned");
	assert_int_equal(json_integer_value(json_object_get(req, "offset")), 2);
	assert_int_equal(json_integer_value(json_object_get(req, "per_column")), 2);
	assert_true(json_is_true(json_object_get(req, "cards_only")));
	assert_true(m.paging);
	json_decref(req);
	page = s_page(10, "assigned", 5,
	              json_pack("[o, o]", s_card("NV-3", "assigned", "2026-12-03 17:00", false, 5, "/1/7/"),
	                        s_card("NV-4", "assigned", "2026-12-04 17:00", false, 6, "/1/7/")));
	assert_true(tui_board_model_page(&m, page));
	json_decref(page);
	assert_false(m.paging);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1,NV-2,NV-3,NV-4/5");
	assert_true(tui_board_model_has_more(&m, "assigned"));
	/* the column moves while a page is on its way: the page is dropped,
	 * its counts kept (they are the board's at its seq) */
	json_decref(tui_board_model_more(&m, "assigned", false));
	assert_true(
	    s_apply_was(&m, s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 11, "/1/7/"), "assigned", false));
	page = s_page(11, "assigned", 4,
	              json_pack("[o]", s_card("NV-5", "assigned", "2026-12-05 17:00", false, 7, "/1/7/")));
	assert_false(tui_board_model_page(&m, page));
	json_decref(page);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-2,NV-3,NV-4/4");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "/4");
	/* asked again from where it ends now; a card already held is not added twice */
	req = tui_board_model_more(&m, "assigned", false);
	assert_int_equal(json_integer_value(json_object_get(req, "offset")), 3);
	json_decref(req);
	page = s_page(11, "assigned", 4,
	              json_pack("[o, o]", s_card("NV-4", "assigned", "2026-12-04 17:00", false, 6, "/1/7/"),
	                        s_card("NV-5", "assigned", "2026-12-05 17:00", false, 7, "/1/7/")));
	assert_true(tui_board_model_page(&m, page));
	json_decref(page);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-2,NV-3,NV-4,NV-5/4");
	assert_false(tui_board_model_has_more(&m, "assigned"));
	/* a column loaded whole shows every new card, wherever it falls */
	assert_true(s_apply_was(&m, s_card("NV-6", "assigned", "2027-01-05 17:00", false, 12, "/1/7/"), NULL, false));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-2,NV-3,NV-4,NV-5,NV-6/5");
	/* the summary's figures: counts and summary only, no card */
	req = tui_board_model_more(&m, NULL, true);
	assert_int_equal(json_integer_value(json_object_get(req, "per_column")), 0);
	assert_null(json_object_get(req, "cards_only"));
	assert_null(json_object_get(req, "state"));
	json_decref(req);
	page = json_pack("{s:i, s:[{s:s, s:i, s:[]}], s:[{s:s}], s:{s:i}}", "seq", 12, "columns", "state",
	                 "in_progress", "count", 4, "cards", "summary", "unit", "X", "total", "open", 9);
	assert_true(tui_board_model_page(&m, page));
	json_decref(page);
	assert_int_equal(json_array_size(json_object_get(m.snap, "summary")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(m.snap, "total"), "open")), 9);
	tui_board_model_free(&m);
}

/* The cols of a compact board as s_row lays them out. */
static json_t *s_cols(void)
{
	return json_pack("[s, s, s, s, s, s, s, s, s, s]", "code", "@state", "deadline", "overdue", "seq", "@paths",
	                 "@priority", "@source", "@lead_user", "percent");
}

/* A compact row of s_card's card under s_cols. */
static json_t *s_row(const char *code, int state, const char *deadline, int seq)
{
	/* words: 0 assigned, 1 in_progress, 2 /1/7/, 3 normal, 4 directive */
	return json_pack("[s, i, s, b, i, [i], i, i, n, i]", code, state, deadline, false, seq, 2, 3, 4, 0);
}

/* A compact board (rows under cols, strings once in words) stands for the
 * cards it carries: the model holds them as whole cards, events and pages
 * (compact too) apply to them as to cards sent whole. */
static void test_compact(void **state)
{
	tui_board_model_t m = {0};
	json_t *req, *snap, *page, *want;
	char a[128], b[128];

	(void)state;
	m.per = 2;
	req = tui_board_model_request(&m, NULL, false);
	assert_true(json_is_true(json_object_get(req, "compact")));
	json_decref(req);
	snap = json_pack("{s:i, s:s, s:o, s:[s, s, s, s, s], s:[{s:s, s:i, s:[o, o]}, {s:s, s:i, s:[]}]}", "seq", 10,
	                 "path", "/1/7/", "cols", s_cols(), "words", "assigned", "in_progress", "/1/7/", "normal",
	                 "directive", "columns", "state", "assigned", "count", 3, "rows",
	                 s_row("NV-1", 0, "2026-12-01 17:00", 3), s_row("NV-2", 0, "2026-12-02 17:00", 4), "state",
	                 "in_progress", "count", 0, "rows");
	tui_board_model_snapshot(&m, snap);
	json_decref(snap);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1,NV-2/3");
	want = s_card("NV-2", "assigned", "2026-12-02 17:00", false, 4, "/1/7/");
	assert_true(
	    json_equal(json_array_get(json_object_get(json_array_get(tui_board_model_columns(&m), 0), "cards"), 1), want));
	json_decref(want);
	assert_null(json_object_get(json_array_get(tui_board_model_columns(&m), 0), "rows"));
	/* an event (a card, named) moves the expanded card */
	assert_true(s_apply(&m, s_card("NV-1", "in_progress", "2026-12-01 17:00", false, 11, "/1/7/")));
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-2/2");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-1/1");
	/* a compact page continues the column */
	json_decref(tui_board_model_more(&m, "assigned", false));
	page = json_pack("{s:i, s:o, s:[s], s:[{s:s, s:i, s:[o]}]}", "seq", 11, "cols", s_cols(), "words", "assigned",
	                 "columns", "state", "assigned", "count", 2, "rows",
	                 json_pack("[s, i, s, b, i, [s], s, s, n, i]", "NV-3", 0, "2026-12-03 17:00", false, 5, "/1/7/",
	                           "normal", "directive", 0));
	assert_true(tui_board_model_page(&m, page));
	json_decref(page);
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-2,NV-3/2");
	want = s_card("NV-3", "assigned", "2026-12-03 17:00", false, 5, "/1/7/");
	assert_true(
	    json_equal(json_array_get(json_object_get(json_array_get(tui_board_model_columns(&m), 0), "cards"), 1), want));
	json_decref(want);
	tui_board_model_free(&m);
}

/* A delta (a task.changed to a TUI that asked for deltas: only the card's
 * fields that changed, and the seq of the card they change) changes the
 * card held at that seq in place; a card not loaded stays unloaded and
 * no count moves; a card held at another seq (an event missed) asks for
 * the board again. */
static void test_deltas(void **state)
{
	tui_board_model_t m = {0};
	json_t *ev, *card;
	char a[64], b[64];

	(void)state;
	s_load(&m, s_snapshot(10, json_pack("[o]", s_card("NV-1", "assigned", "2026-12-01 17:00", false, 4, "/1/7/")),
	                      json_pack("[o]", s_card("NV-2", "in_progress", "2026-12-02 17:00", false, 6, "/1/7/"))));
	ev = json_pack("{s:i, s:s, s:{s:i}, s:i}", "seq", 11, "code", "NV-2", "card", "percent", 40, "base", 6);
	assert_true(tui_board_model_event(&m, ev));
	json_decref(ev);
	card = json_array_get(json_object_get(json_array_get(tui_board_model_columns(&m), 1), "cards"), 0);
	assert_int_equal(json_integer_value(json_object_get(card, "percent")), 40);
	assert_int_equal(json_integer_value(json_object_get(card, "seq")), 11);
	assert_string_equal(json_string_value(json_object_get(card, "state")), "in_progress");
	assert_string_equal(s_col(&m, 0, a, sizeof a), "NV-1/1");
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-2/1");
	assert_false(m.stale);
	/* old news */
	ev = json_pack("{s:i, s:s, s:{s:i}, s:i}", "seq", 11, "code", "NV-2", "card", "percent", 10, "base", 6);
	assert_false(tui_board_model_event(&m, ev));
	json_decref(ev);
	/* a card the board does not hold: nothing moves */
	ev = json_pack("{s:i, s:s, s:{s:i}, s:i}", "seq", 12, "code", "NV-9", "card", "percent", 10, "base", 3);
	assert_false(tui_board_model_event(&m, ev));
	json_decref(ev);
	assert_string_equal(s_col(&m, 1, b, sizeof b), "NV-2/1");
	assert_false(m.stale);
	/* a delta to a seq the card is not at: events were missed */
	ev = json_pack("{s:i, s:s, s:{s:s}, s:i}", "seq", 13, "code", "NV-1", "card", "title", "x", "base", 2);
	assert_false(tui_board_model_event(&m, ev));
	json_decref(ev);
	assert_true(m.stale);
	assert_null(json_object_get(json_array_get(json_object_get(json_array_get(tui_board_model_columns(&m), 0), "cards"), 0), "title"));
	tui_board_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_moves_in_order), cmocka_unit_test(test_old_news),     cmocka_unit_test(test_resync),
	    cmocka_unit_test(test_filters),        cmocka_unit_test(test_paged_events), cmocka_unit_test(test_pages),
	    cmocka_unit_test(test_compact),        cmocka_unit_test(test_deltas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
