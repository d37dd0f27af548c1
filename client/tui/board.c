/* board.c — the task board ("Bảng theo dõi nhiệm vụ"): one snapshot from
 * the server, then kept live by task.changed events card by card (no
 * reload, redrawn at most a few times a second); a new snapshot after a
 * reconnect. A column per state shown one at a time (←/→ between them,
 * their counts always in view), the summary as the last tab (the unit and
 * its direct children; Enter opens a child's board, Esc comes back up),
 * filters by unit subtree, person, priority, source and overdue. Only a
 * screen of cards travels at a time: the next page of a column is asked
 * for when the user scrolls past what is loaded. A supervisor's board has
 * no action keys: its contexts bind none. */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "i18n.h"

int tui_board_ncols(const board_t *b)
{
	return (int)json_array_size(tui_board_model_columns(&b->m));
}

const json_t *tui_board_column(const board_t *b)
{
	return b->tab < tui_board_ncols(b) ? json_array_get(tui_board_model_columns(&b->m), (size_t)b->tab) : NULL;
}

static const json_t *s_cards(const board_t *b)
{
	return json_object_get(tui_board_column(b), "cards");
}

static const json_t *s_selected(const board_t *b)
{
	return b->list.n ? json_array_get(s_cards(b), (size_t)b->list.sel) : NULL;
}

/* After the columns changed: the tab on the same state, the selection on
 * the same card (or where it was, when the card left the column). */
static void s_follow(board_t *b)
{
	const json_t *cols = tui_board_model_columns(&b->m), *col, *card;
	size_t i;

	json_array_foreach(cols, i, col)
	{
		if (b->state[0] && !strcmp(tui_jstr(col, "state"), b->state))
			b->tab = (int)i;
	}
	if (b->tab > tui_board_ncols(b))
		b->tab = tui_board_ncols(b);
	json_array_foreach(s_cards(b), i, card)
	{
		if (b->sel[0] && !strcmp(tui_jstr(card, "code"), b->sel))
			b->list.sel = (int)i;
	}
	tui_list_set_count(&b->list, (int)json_array_size(s_cards(b)));
	tui_list_set_count(&b->sum, (int)json_array_size(json_object_get(b->m.snap, "summary")) + 1);
}

/* Remember what is shown, for s_follow. */
static void s_mark(board_t *b)
{
	const json_t *card = s_selected(b);

	snprintf(b->state, sizeof b->state, "%s", tui_jstr(tui_board_column(b), "state"));
	snprintf(b->sel, sizeof b->sel, "%s", tui_jstr(card, "code"));
}

/* The cards a page asks for: what fits the screen (two rows a card; before
 * the first draw, the body window of LINES - 4 rows under the board's head
 * of 4, as board_draw.c lays them out). */
static void s_per(board_t *b)
{
	b->m.per = b->list.rows > 0 ? b->list.rows : (LINES - 4 - 4) / 2;
	if (b->m.per < 4)
		b->m.per = 4;
}

/* A new snapshot: the counts and a page of the column shown (or of the
 * first ones), the summary when it is the tab shown (before the first
 * snapshot there are no columns, and the first tab shown is a column). */
static void s_load(tui_t *t, board_t *b)
{
	if (tui_busy(t, b))
		b->stale = true;
	else {
		b->stale = false;
		s_per(b);
		tui_request(t, b, MSG_board,
		            tui_board_model_request(&b->m, b->state[0] ? b->state : NULL,
		                               b->m.snap && b->tab == tui_board_ncols(b)));
	}
}

/* What the tab shown lacks, when nothing else is on its way: the next
 * page of its column once the screen reaches past the loaded cards or the
 * selection their last, or fresh summary figures. */
static void s_fetch(tui_t *t, board_t *b)
{
	const json_t *col = tui_board_column(b);
	int n = (int)json_array_size(s_cards(b));

	if (!b->m.snap || tui_busy(t, b) || b->stale)
		return;
	s_per(b);
	if (col && tui_board_model_has_more(&b->m, tui_jstr(col, "state")) &&
	    (b->list.top + b->m.per > n || b->list.sel >= n - 1))
		tui_request(t, b, MSG_board, tui_board_model_more(&b->m, tui_jstr(col, "state"), false));
	else if (!col && b->sum_stale) {
		b->sum_stale = false;
		tui_request(t, b, MSG_board, tui_board_model_more(&b->m, NULL, true));
	}
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	board_t *b = st;

	if (arg)
		b->m.f = *(const tui_bfilter_t *)arg;
	b->prev = b->m.f;
	s_load(t, b);
}

static void s_leave(tui_t *t, void *st)
{
	(void)t;
	tui_board_model_free(&((board_t *)st)->m);
}

/* --- filters --- */

/* New filters f: a new snapshot (the old one stays until it comes; the
 * old filters come back if the server refuses the new). */
static void s_refilter(tui_t *t, board_t *b, const tui_bfilter_t *f)
{
	b->prev = b->m.f;
	b->m.f = *f;
	tui_cancel(t, b); /* a snapshot asked with the old filters is of no use */
	tui_board_model_abort(&b->m);
	s_load(t, b);
}

#define SET(field, row, key) snprintf(field, sizeof field, "%s", tui_jstr(row, key))

/* The chooser of b->filter answered: that filter from the row (its code,
 * and a unit's or person's name; all empty for the "all" row), then a new
 * snapshot. */
static void s_filter_picked(tui_t *t, void *owner, const json_t *row)
{
	board_t *b = owner;
	tui_bfilter_t f = b->m.f;

	switch (b->filter) {
	case ACT_FILTER_UNIT:
		SET(f.unit, row, "code");
		SET(f.unit_name, row, "name");
		break;
	case ACT_FILTER_PERSON:
		SET(f.person, row, "code");
		SET(f.person_name, row, "name");
		break;
	case ACT_FILTER_PRIORITY:
		SET(f.priority, row, "code");
		break;
	default:
		SET(f.source, row, "code");
	}
	s_refilter(t, b, &f);
}

/* The chooser of filter key a ({code, name} rows). */
static void s_pick(tui_t *t, board_t *b, tui_action_t a, const tui_pick_arg_t *arg)
{
	tui_pick_arg_t p = *arg;
	p.label = "name";
	p.code = "code";
	p.picked = s_filter_picked;
	p.owner = b;
	b->filter = a;
	tui_push(t, &tui_pick_screen, &p);
}

/* A chooser over a table of codes. */
static void s_pick_code(tui_t *t, board_t *b, tui_action_t a, const char *title, const tui_code_t *table, int n,
                        const char *all)
{
	json_t *rows = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(rows,
		                      json_pack("{s:s, s:s}", "code", table[i].code, "name", tui_tr(table[i].name)));
	s_pick(t, b, a, &(tui_pick_arg_t){.title = title, .rows = rows, .all = all});
	json_decref(rows);
}

/* The officials who lead a task on the board, each once. */
static void s_pick_person(tui_t *t, board_t *b)
{
	json_t *rows = json_array(), *seen = json_object(), *col, *card;
	size_t c, i;

	json_array_foreach(tui_board_model_columns(&b->m), c, col)
	{
		json_array_foreach(json_object_get(col, "cards"), i, card)
		{
			const char *user = tui_jstr(card, "lead_user");
			if (!*user || json_object_get(seen, user))
				continue;
			json_object_set_new(seen, user, json_true());
			json_array_append_new(
			    rows, json_pack("{s:s, s:s}", "code", user, "name", tui_jstr(card, "lead_name")));
		}
	}
	if (json_array_size(rows) || b->m.f.person[0])
		s_pick(
		    t, b, ACT_FILTER_PERSON,
		    &(tui_pick_arg_t){.title = _("Lọc theo cán bộ chủ trì"), .rows = rows, .all = _("(Mọi cán bộ)")});
	else
		tui_msg(t, true, "%s", _("Chưa có nhiệm vụ nào trên bảng giao cho một cán bộ cụ thể."));
	json_decref(rows);
	json_decref(seen);
}

static int s_filter_key(tui_t *t, board_t *b, tui_action_t a)
{
	tui_bfilter_t f = b->m.f;

	switch (a) {
	case ACT_FILTER_UNIT:
		s_pick(t, b, a,
		       &(tui_pick_arg_t){.title = _("Bảng của đơn vị"),
		                         .msg = MSG_unit_list,
		                         .key = "units",
		                         .all = _("(Đơn vị của tôi)")});
		return TUI_R_NONE;
	case ACT_FILTER_PERSON:
		s_pick_person(t, b);
		return TUI_R_NONE;
	case ACT_FILTER_PRIORITY:
		s_pick_code(t, b, a, _("Lọc theo độ ưu tiên"), tui_task_priorities, tui_task_npriorities,
		            _("(Mọi độ ưu tiên)"));
		return TUI_R_NONE;
	case ACT_FILTER_SOURCE:
		s_pick_code(t, b, a, _("Lọc theo nguồn"), tui_task_sources, tui_task_nsources, _("(Mọi nguồn)"));
		return TUI_R_NONE;
	case ACT_OVERDUE:
		f.overdue = !f.overdue;
		break;
	case ACT_UNFILTER:
		memset(&f, 0, sizeof f);
		break;
	default:
		return TUI_R_NONE;
	}
	s_refilter(t, b, &f);
	return TUI_R_BODY;
}

/* --- keys --- */

static void s_open(tui_t *t, board_t *b)
{
	const json_t *row;
	tui_bfilter_t f = {0};

	if (b->tab < tui_board_ncols(b)) {
		if ((row = s_selected(b)))
			tui_task_open(t, tui_jstr(row, "code"));
		return;
	}
	/* the summary: a unit's row opens that unit's board */
	row = json_array_get(json_object_get(b->m.snap, "summary"), (size_t)b->sum.sel);
	if (!row || !strcmp(tui_jstr(row, "unit"), tui_jstr(b->m.snap, "unit")))
		return; /* the total, or this board's own unit */
	snprintf(f.unit, sizeof f.unit, "%s", tui_jstr(row, "unit"));
	snprintf(f.unit_name, sizeof f.unit_name, "%s", tui_jstr(row, "unit_name"));
	tui_board_open(t, &f);
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	board_t *b = st;
	int ncols = tui_board_ncols(b), r;

	(void)key;
	if ((r = tui_list_key(b->tab < ncols ? &b->list : &b->sum, a))) {
		s_mark(b);
		s_fetch(t, b);
		return r;
	}
	switch (a) {
	case ACT_BACK:
		tui_pop(t);
		return TUI_R_NONE;
	case ACT_LEFT:
	case ACT_RIGHT:
	case ACT_SUMMARY:
		if (!b->m.snap)
			return TUI_R_NONE;
		if (a == ACT_SUMMARY)
			b->tab = b->tab == ncols ? 0 : ncols;
		else
			b->tab += a == ACT_LEFT ? (b->tab > 0 ? -1 : 0) : (b->tab < ncols ? 1 : 0);
		b->list.sel = b->list.top = 0;
		tui_list_set_count(&b->list, (int)json_array_size(s_cards(b)));
		s_mark(b);
		b->sum_stale |= b->tab == ncols; /* the summary is not kept live card by card: fresh figures */
		s_fetch(t, b);
		return TUI_R_BODY;
	case ACT_OPEN:
		s_open(t, b);
		return TUI_R_NONE;
	case ACT_RELOAD:
		s_load(t, b);
		return TUI_R_NONE;
	case ACT_ASSIGN:
		tui_task_assign(t, &b->assign);
		return TUI_R_NONE;
	default:
		return s_filter_key(t, b, a);
	}
}

/* --- the server --- */

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	board_t *b = st;
	bool page = b->m.paging;

	(void)type;
	if (e == E_OK && page) {
		tui_board_model_page(&b->m, body); /* a page that no longer fits: s_fetch asks again */
		s_follow(b);
	} else if (e == E_OK) {
		tui_board_model_snapshot(&b->m, body);
		b->prev = b->m.f;
		b->sum_stale = !json_object_get(body, "summary"); /* asked for on another tab */
		s_follow(b);
		s_mark(b);
	} else {
		b->m.paging = false;
		tui_board_model_abort(&b->m);
		tui_error_body(t, e, body, NULL);
		if (memcmp(&b->prev, &b->m.f, sizeof b->prev)) /* the new filters were refused: back to the old */
			b->m.f = b->prev;
		else if (!b->m.snap) { /* nothing to show */
			tui_pop(t);
			tui_error_body(t, e, body, NULL);
			return TUI_R_ALL;
		}
	}
	if (b->stale)
		s_load(t, b);
	else if (e == E_OK)
		s_fetch(t, b);
	return TUI_R_BODY | TUI_R_MSG;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	board_t *b = st;

	if (ev == TUI_EV_RECONNECTED) {
		s_load(t, b); /* events may have been missed: a fresh snapshot */
		return TUI_R_NONE;
	}
	if (ev != EV_task_changed)
		return TUI_R_NONE;
	if (!tui_board_model_event(&b->m, body)) {
		if (b->m.stale && !b->m.loading)
			s_load(t, b); /* a delta to a card held at another change */
		return TUI_R_NONE;
	}
	s_follow(b);
	s_mark(b);
	b->sum_stale |= b->tab == tui_board_ncols(b);
	s_fetch(t, b);
	return TUI_R_SOON;
}

/* The breadcrumb: a board of another unit (opened from the summary, or
 * filtered to it) is named by that unit. */
static const char *s_name(void *st)
{
	const board_t *b = st;
	return b->m.f.unit_name[0] ? b->m.f.unit_name : _("Bảng theo dõi nhiệm vụ");
}

#define BOARD_SCREEN(ctx_)                                                                                             \
	{                                                                                                              \
		.title = N_("Bảng theo dõi nhiệm vụ"), .name = s_name, .ctx = TC_LIST | TC_BOARD | (ctx_),              \
		.size = sizeof(board_t), .enter = s_enter, .leave = s_leave, .draw = tui_board_draw, .key = s_key,     \
		.reply = s_reply, .event = s_event,                                                                    \
	}

static const tui_screen_t s_watch = BOARD_SCREEN(0), s_assign = BOARD_SCREEN(TC_ASSIGN);

void tui_board_open(tui_t *t, const tui_bfilter_t *filters)
{
	tui_push(t, tui_me_has_role(t, ROLE_LEADER) ? &s_assign : &s_watch, filters);
}
