/* bmodel.c — the live board without the screen: the snapshot the server
 * sent, the filters it was asked with, and task.changed events applied to
 * it card by card (a card leaves its old column and, when it still belongs
 * on the board, takes its place in its new one: overdue first, then by
 * deadline). Ordering by change sequence makes a rebuilt board miss
 * nothing and show nothing twice. */
#include <string.h>

#include "tasks.h"

void tui_bmodel_free(tui_bmodel_t *m)
{
	json_decref(m->snap);
	json_decref(m->early);
	m->snap = m->early = NULL;
	m->loading = false;
}

json_t *tui_bmodel_request(tui_bmodel_t *m)
{
	json_t *b = json_pack("{s:i}", "limit", 400);

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
	json_decref(m->early);
	m->early = json_array();
	m->loading = true;
	return b;
}

const json_t *tui_bmodel_columns(const tui_bmodel_t *m)
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

bool tui_bmodel_find(const tui_bmodel_t *m, const char *code, int *col, int *idx)
{
	size_t c, i;
	json_t *column, *card;

	json_array_foreach(tui_bmodel_columns(m), c, column)
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

bool tui_bmodel_matches(const tui_bmodel_t *m, const json_t *card)
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
	return !m->f.overdue || json_is_true(json_object_get(card, "overdue"));
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

static json_t *s_column(const tui_bmodel_t *m, const char *state)
{
	size_t c;
	json_t *column;

	json_array_foreach(tui_bmodel_columns(m), c, column)
	{
		if (!strcmp(s_str(column, "state"), state))
			return column;
	}
	return NULL;
}

/* Put card (a new reference, stolen) in its place in column. */
static void s_insert(json_t *column, json_t *card)
{
	json_t *cards = json_object_get(column, "cards");
	size_t i, n = json_array_size(cards);

	for (i = 0; i < n && s_order(json_array_get(cards, i), card) < 0; i++)
		;
	json_array_insert_new(cards, i, card);
	s_count(column, 1);
}

/* Apply one event to the snapshot. */
static bool s_apply(tui_bmodel_t *m, const json_t *ev)
{
	const json_t *card = json_object_get(ev, "card");
	const char *code = s_str(ev, "code");
	json_int_t seq = s_int(ev, "seq");
	json_t *column;
	int c, i;
	bool was;

	if (!m->snap || !json_is_object(card) || seq <= m->seq)
		return false; /* the snapshot already has it */
	was = tui_bmodel_find(m, code, &c, &i);
	if (was) {
		column = json_array_get(tui_bmodel_columns(m), (size_t)c);
		if (s_int(json_array_get(json_object_get(column, "cards"), (size_t)i), "seq") >= seq)
			return false; /* the card shown is as new or newer */
		json_array_remove(json_object_get(column, "cards"), (size_t)i);
		s_count(column, -1);
	}
	if (tui_bmodel_matches(m, card) && (column = s_column(m, s_str(card, "state")))) {
		s_insert(column, json_deep_copy(card));
		return true;
	}
	return was;
}

void tui_bmodel_snapshot(tui_bmodel_t *m, const json_t *reply)
{
	size_t i;
	json_t *ev;

	json_decref(m->snap);
	m->snap = json_deep_copy(reply);
	m->seq = s_int(reply, "seq");
	m->loading = false;
	json_array_foreach(m->early, i, ev) s_apply(m, ev);
	json_decref(m->early);
	m->early = NULL;
}

void tui_bmodel_abort(tui_bmodel_t *m)
{
	json_decref(m->early);
	m->early = NULL;
	m->loading = false;
}

bool tui_bmodel_event(tui_bmodel_t *m, const json_t *ev)
{
	if (m->loading && m->early)
		json_array_append(m->early, (json_t *)ev);
	return s_apply(m, ev);
}
