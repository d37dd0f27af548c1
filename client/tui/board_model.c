/* board_model.c — the live board without the screen: the snapshot the server
 * sent (its compact rows held as the cards they stand for), the filters it
 * was asked with, the pages of a column loaded after it, and task.changed
 * events applied to it card by card (a card leaves its old column and,
 * when it still belongs on the board, takes its place in its new one:
 * overdue first, then by deadline — or only its count moves, when it falls
 * past the column's loaded part). Ordering by change sequence makes a
 * rebuilt board miss nothing and show nothing twice. */
#include <string.h>

#include "rowset.h"
#include "tasks.h"
#include "tui.h"

void tui_board_model_free(tui_board_model_t *m)
{
	json_decref(m->snap);
	json_decref(m->early);
	m->snap = m->early = NULL;
	m->loading = false;
}

/* The filters as request fields, with a page of per_column cards as
 * compact rows. */
static json_t *s_body(const tui_board_model_t *m, const char *state, int per, bool summary)
{
	json_t *b = json_pack("{s:i, s:b}", "per_column", per, "compact", 1);

	if (m->f.unit[0])
		json_object_set_new(b, "unit", json_string(m->f.unit));
	if (m->f.person[0])
		json_object_set_new(b, "person", json_string(m->f.person));
	if (m->f.priority[0])
		json_object_set_new(b, "priority", json_string(m->f.priority));
	if (m->f.source[0])
		json_object_set_new(b, "source", json_string(m->f.source));
	if (m->f.overdue)
		json_object_set_new(b, "overdue", json_true());
	if (state)
		json_object_set_new(b, "state", json_string(state));
	if (!summary)
		json_object_set_new(b, "cards_only", json_true());
	return b;
}

json_t *tui_board_model_request(tui_board_model_t *m, const char *state, bool summary)
{
	json_t *b;

	m->paging = false;
	b = s_body(m, state, m->per > 0 ? m->per : 10, summary);
	if (!state) /* one page in all, from the first column on */
		json_object_set(b, "limit", json_object_get(b, "per_column"));
	json_decref(m->early);
	m->early = json_array();
	m->loading = true;
	return b;
}

const json_t *tui_board_model_columns(const tui_board_model_t *m)
{
	return json_object_get(m->snap, "columns");
}

static json_int_t s_int(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *s_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

bool tui_board_model_find(const tui_board_model_t *m, const char *code, int *col, int *idx)
{
	size_t c, i;
	json_t *column, *card;

	json_array_foreach(tui_board_model_columns(m), c, column)
	{
		json_array_foreach(json_object_get(column, "cards"), i, card)
		{
			if (!strcmp(s_str(card, "code"), code)) {
				*col = (int)c;
				*idx = (int)i;
				return true;
			}
		}
	}
	return false;
}

/* Does a card with these units and filters, overdue or not, belong here? */
static bool s_matches(const tui_board_model_t *m, const json_t *card, bool overdue)
{
	const char *path = s_str(m->snap, "path");
	bool under = false;
	size_t i;
	json_t *p;

	/* the board's units: the lead or a co-operating unit is in its subtree */
	json_array_foreach(json_object_get(card, "paths"), i, p)
	{
		const char *s = json_string_value(p);
		under |= s && !strncmp(s, path, strlen(path));
	}
	if (!under)
		return false;
	if (m->f.person[0] && strcmp(s_str(card, "lead_user"), m->f.person))
		return false;
	if (m->f.priority[0] && strcmp(s_str(card, "priority"), m->f.priority))
		return false;
	if (m->f.source[0] && strcmp(s_str(card, "source"), m->f.source))
		return false;
	return !m->f.overdue || overdue;
}

bool tui_board_model_matches(const tui_board_model_t *m, const json_t *card)
{
	return s_matches(m, card, json_is_true(json_object_get(card, "overdue")));
}

/* The order of a column, as the server sorts it: overdue first, then by
 * deadline, then by code. Negative when a comes first. */
static int s_order(const json_t *a, const json_t *b)
{
	bool oa = json_is_true(json_object_get(a, "overdue")), ob = json_is_true(json_object_get(b, "overdue"));
	int c;

	if (oa != ob)
		return oa ? -1 : 1;
	if ((c = strcmp(s_str(a, "deadline"), s_str(b, "deadline"))))
		return c;
	return strcmp(s_str(a, "code"), s_str(b, "code"));
}

static void s_count(json_t *column, int by)
{
	json_int_t n = s_int(column, "count") + by;
	json_object_set_new(column, "count", json_integer(n < 0 ? 0 : n));
}

static json_t *s_column(const tui_board_model_t *m, const char *state)
{
	size_t c;
	json_t *column;

	json_array_foreach(tui_board_model_columns(m), c, column)
	{
		if (!strcmp(s_str(column, "state"), state))
			return column;
	}
	return NULL;
}

/* Count card (a new reference, stolen) in column, and put it in its place
 * when that is within the loaded part: the column is loaded whole, or the
 * card comes before its last loaded card. */
static void s_insert(json_t *column, json_t *card)
{
	json_t *cards = json_object_get(column, "cards");
	size_t i, n = json_array_size(cards);

	if ((json_int_t)n >= s_int(column, "count") || (n > 0 && s_order(card, json_array_get(cards, n - 1)) < 0)) {
		for (i = 0; i < n && s_order(json_array_get(cards, i), card) < 0; i++)
			;
		json_array_insert(cards, i, card);
	}
	json_decref(card);
	s_count(column, 1);
}

/* Apply a delta (a task.changed with `base`: only the card's fields that
 * changed, none that places it) to the card it changes, when the board
 * holds that card as of base; a card held at another change means events
 * were missed, and the board must be loaded again (m->stale). */
static bool s_apply_delta(tui_board_model_t *m, const json_t *ev, json_int_t seq)
{
	json_t *card;
	int c, i;

	if (!tui_board_model_find(m, s_str(ev, "code"), &c, &i))
		return false; /* not loaded: its column and count stay */
	card = json_array_get(json_object_get(json_array_get(tui_board_model_columns(m), (size_t)c), "cards"), (size_t)i);
	if (s_int(card, "seq") >= seq)
		return false;
	if (s_int(card, "seq") != s_int(ev, "base")) {
		m->stale = true;
		return false;
	}
	json_object_update(card, json_object_get(ev, "card"));
	json_object_set_new(card, "seq", json_integer(seq));
	return true;
}

/* Apply one event to the snapshot. */
static bool s_apply(tui_board_model_t *m, const json_t *ev)
{
	const json_t *card = json_object_get(ev, "card"), *was = json_object_get(ev, "was");
	const char *code = s_str(ev, "code");
	json_int_t seq = s_int(ev, "seq");
	json_t *column;
	int c, i;
	bool moved = false;

	if (!m->snap || !json_is_object(card) || seq <= m->seq)
		return false; /* the snapshot already has it */
	if (json_object_get(ev, "base"))
		return s_apply_delta(m, ev, seq);
	if (tui_board_model_find(m, code, &c, &i)) {
		column = json_array_get(tui_board_model_columns(m), (size_t)c);
		if (s_int(json_array_get(json_object_get(column, "cards"), (size_t)i), "seq") >= seq)
			return false; /* the card shown is as new or newer */
		json_array_remove(json_object_get(column, "cards"), (size_t)i);
		s_count(column, -1);
		moved = true;
	} else if (json_is_object(was) && s_matches(m, card, json_is_true(json_object_get(was, "overdue"))) &&
	           (column = s_column(m, s_str(was, "state")))) {
		s_count(column, -1); /* counted there, never loaded */
		moved = true;
	}
	if (tui_board_model_matches(m, card) && (column = s_column(m, s_str(card, "state")))) {
		s_insert(column, json_deep_copy(card));
		return true;
	}
	return moved;
}

void tui_board_model_snapshot(tui_board_model_t *m, const json_t *reply)
{
	size_t i;
	json_t *ev;

	json_decref(m->snap);
	m->snap = rowset_board_cards(reply);
	m->seq = s_int(reply, "seq");
	m->loading = false;
	m->stale = false;
	json_array_foreach(m->early, i, ev) s_apply(m, ev);
	json_decref(m->early);
	m->early = NULL;
}

void tui_board_model_abort(tui_board_model_t *m)
{
	json_decref(m->early);
	m->early = NULL;
	m->loading = false;
}

bool tui_board_model_event(tui_board_model_t *m, const json_t *ev)
{
	if (m->loading && m->early)
		json_array_append(m->early, (json_t *)ev);
	return s_apply(m, ev);
}

json_t *tui_board_model_more(tui_board_model_t *m, const char *state, bool summary)
{
	json_t *column = state ? s_column(m, state) : NULL;

	m->paging = true;
	snprintf(m->page_state, sizeof m->page_state, "%s", column ? state : "");
	m->page_offset = json_array_size(json_object_get(column, "cards"));
	json_t *b = s_body(m, column ? state : NULL, column ? (m->per > 0 ? m->per : 10) : 0, summary);
	if (column)
		json_object_set_new(b, "offset", json_integer((json_int_t)m->page_offset));
	return b;
}

bool tui_board_model_has_more(const tui_board_model_t *m, const char *state)
{
	const json_t *column = s_column(m, state);
	return column && (json_int_t)json_array_size(json_object_get(column, "cards")) < s_int(column, "count");
}

bool tui_board_model_page(tui_board_model_t *m, const json_t *reply)
{
	json_t *column, *cards, *card, *got, *page;
	size_t c, i;
	bool fits = true;
	int fc, fi;

	m->paging = false;
	if (!m->snap)
		return false;
	page = rowset_board_cards(reply);
	json_array_foreach(json_object_get(page, "columns"), c, got)
	{
		if (!(column = s_column(m, s_str(got, "state"))))
			continue;
		json_object_set(column, "count", json_object_get(got, "count"));
		if (!m->page_state[0] || strcmp(m->page_state, s_str(got, "state")))
			continue;
		cards = json_object_get(column, "cards");
		if (json_array_size(cards) != m->page_offset) {
			fits = false; /* the column moved under the page: ask again */
			continue;
		}
		json_array_foreach(json_object_get(got, "cards"), i, card)
		{
			if (!tui_board_model_find(m, s_str(card, "code"), &fc, &fi))
				json_array_append(cards, card);
		}
	}
	if (json_object_get(reply, "summary")) {
		json_object_set(m->snap, "summary", json_object_get(reply, "summary"));
		json_object_set(m->snap, "total", json_object_get(reply, "total"));
	}
	json_decref(page);
	return fits;
}
