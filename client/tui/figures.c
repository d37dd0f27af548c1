/* figures.c — the leader's socio-economic figures screen (figures.h): one
 * figures.list request with its charts (`chart`), a sector at a time
 * (← →), the indicators as a table with sparklines, and under it bars
 * comparing the units directly below for the selected indicator; Tab
 * moves to the bars and Enter opens the figures of the unit chosen. A
 * figures.changed event asks again, so a commune's submission shows
 * without a key being pressed. */
#include <stdio.h>
#include <string.h>

#include "figures.h"
#include "i18n.h"
#include "text.h"
#include "widgets.h"

#define SPARK 12
#define BAR_ROWS_MAX 6

typedef struct {
	const char *unit, *sector; /* NULL: the official's own unit, the first sector */
	const char *period;        /* NULL: the last closed */
} fig_arg_t;

typedef struct {
	char unit[32];   /* the unit asked for; "" its own */
	char want[64];   /* the sector to show first (drilling down keeps it) */
	char period[16]; /* the period asked for; "" the last closed */
	json_t *r;       /* the figures.list reply */
	json_t *sectors; /* [[code, name], ...] in the order the rows come */
	json_t *rows;    /* the rows of the sector shown */
	int sector;
	tui_list_t list;  /* over rows */
	tui_list_t units; /* over the selected row's units below */
	bool on_units;    /* Tab: the selection is in the bars */
	bool again;       /* a change came while a request was out: ask once more */
	bool ascii;
	json_t *overdue; /* figures.overdue's reply (asked after the figures: slower) */
	bool overdue_asked;
	char title[160];
} fig_t;

static void s_fetch(tui_t *t, fig_t *f)
{
	json_t *b = json_pack("{s:b, s:b}", "chart", 1, "closed", 1);
	if (f->period[0])
		json_object_set_new(b, "period", json_string(f->period));
	if (f->unit[0])
		json_object_set_new(b, "unit", json_string(f->unit));
	if (!tui_request(t, f, MSG_figures_list, b))
		f->again = true; /* one is out: ask when it is back */
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	fig_t *f = st;
	const fig_arg_t *a = arg;
	snprintf(f->unit, sizeof f->unit, "%s", a && a->unit ? a->unit : "");
	snprintf(f->want, sizeof f->want, "%s", a && a->sector ? a->sector : "");
	snprintf(f->period, sizeof f->period, "%s", a && a->period ? a->period : "");
	f->ascii = tui_fig_ascii();
	snprintf(f->title, sizeof f->title, "%s", _("Số liệu kinh tế - xã hội"));
	s_fetch(t, f);
}

static void s_leave(tui_t *t, void *st)
{
	fig_t *f = st;
	(void)t;
	json_decref(f->r);
	json_decref(f->sectors);
	json_decref(f->rows);
	json_decref(f->overdue);
}

static const char *s_name(void *st)
{
	return ((fig_t *)st)->title;
}

static json_t *s_row(const fig_t *f)
{
	return json_array_get(f->rows, (size_t)f->list.sel);
}

/* The rows of sector f->sector; the selection kept where it can be. */
static void s_pick_sector(fig_t *f)
{
	const char *code = json_string_value(json_array_get(json_array_get(f->sectors, (size_t)f->sector), 0));
	json_t *r;
	size_t i;

	json_decref(f->rows);
	f->rows = json_array();
	json_array_foreach(json_object_get(f->r, "figures"), i, r)
	{
		if (code && strcmp(tui_jstr(r, "sector"), code) == 0)
			json_array_append(f->rows, r);
	}
	tui_list_set_count(&f->list, (int)json_array_size(f->rows));
	tui_list_set_count(&f->units, (int)json_array_size(json_object_get(s_row(f), "units")));
	if (!f->units.n)
		f->on_units = false;
}

/* Each row's units below as the bars draw them, [{unit, unit_name, value,
 * state}], from the reply's units named once and the row's unit_values
 * (false: left out). */
static void s_expand_units(json_t *body)
{
	const json_t *below = json_object_get(body, "units"), *v;
	json_t *r;
	size_t i, k;

	json_array_foreach(json_object_get(body, "figures"), i, r)
	{
		json_t *units = json_array();
		json_array_foreach(json_object_get(r, "unit_values"), k, v)
		{
			const json_t *u = json_array_get(below, k);
			json_t *o;
			if (json_is_false(v) || !u)
				continue;
			o = json_deep_copy(u);
			json_object_set(o, "value", (json_t *)v);
			json_array_append_new(units, o);
		}
		json_object_set_new(r, "units", units);
	}
}

/* A new reply: its sectors, the one shown kept by its code. */
static void s_load(fig_t *f, json_t *body)
{
	const char *was = json_string_value(json_array_get(json_array_get(f->sectors, (size_t)f->sector), 0));
	char keep[64];
	json_t *r, *s = json_array();
	size_t i;

	s_expand_units(body);
	snprintf(keep, sizeof keep, "%s", was ? was : f->want);
	json_array_foreach(json_object_get(body, "figures"), i, r)
	{
		size_t k, n = json_array_size(s);
		for (k = 0; k < n; k++)
			if (strcmp(json_string_value(json_array_get(json_array_get(s, k), 0)), tui_jstr(r, "sector")) == 0)
				break;
		if (k == n)
			json_array_append_new(s, json_pack("[s, s]", tui_jstr(r, "sector"), tui_jstr(r, "sector_name")));
	}
	f->sector = 0;
	json_array_foreach(s, i, r)
	{
		if (strcmp(json_string_value(json_array_get(r, 0)), keep) == 0)
			f->sector = (int)i;
	}
	json_decref(f->r);
	json_decref(f->sectors);
	f->r = json_incref(body);
	f->sectors = s;
	snprintf(f->title, sizeof f->title, "%s", tui_jstr(body, "unit_name"));
	s_pick_sector(f);
}

static const tui_col_t s_cols[] = {
    {N_("Chỉ tiêu"), 14, 1}, {N_("Kỳ này"), 9, 0}, {N_("Lũy kế"), 10, 0},
    {N_("%KH"), 6, 0},       {N_("±CK"), 7, 0},    {N_("12 kỳ"), SPARK, 0},
};
#define NCOLS (int)(sizeof s_cols / sizeof s_cols[0])

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const fig_t *f = ctx;
	const json_t *r = json_array_get(f->rows, (size_t)row);
	char num[48];

	switch (col) {
	case 0: return tui_jstr(r, "name");
	case 1:
		tui_fig_num(json_object_get(r, "value"), num, sizeof num);
		snprintf(buf, n, "%9s", num);
		return buf;
	case 2:
		tui_fig_num(json_object_get(r, "ytd"), num, sizeof num);
		snprintf(buf, n, "%10s", num);
		return buf;
	case 3: { /* ahead of the share of the year gone, or behind it */
		const json_t *p = json_object_get(r, "percent_plan");
		double share = json_number_value(json_object_get(f->r, "year_share"));
		if (!json_is_number(p))
			return "     —";
		snprintf(buf, n, "%5.0f%s", json_number_value(p),
		         json_number_value(p) >= share ? (f->ascii ? "+" : "▲") : (f->ascii ? "-" : "▼"));
		return buf;
	}
	case 4:
		tui_fig_pct(json_object_get(r, "yoy"), true, num, sizeof num);
		snprintf(buf, n, "%7s", num);
		return buf;
	default: return tui_fig_spark(json_object_get(r, "series"), f->ascii, buf, n);
	}
}

/* Where a unit's report stands, in a word for the bars. */
static const char *s_state_word(const char *state)
{
	return strcmp(state, "accepted") == 0    ? _("đã nhận")
	       : strcmp(state, "submitted") == 0 ? _("chờ nhận")
	       : strcmp(state, "draft") == 0     ? _("đang nhập")
	                                         : _("chưa có");
}

/* The bars of the selected indicator's units below, from row y, at most
 * rows of them. */
static void s_bars(fig_t *f, WINDOW *w, int y, int rows)
{
	const json_t *r = s_row(f), *units = json_object_get(r, "units"), *u;
	int cols = getmaxx(w), name_w = 20, val_w = 11, st_w = 8, bar_w = cols - 2 - name_w - val_w - st_w - 3;
	double max = 0;
	char line[256], name[200], bar[512], num[48];
	size_t i;

	json_array_foreach(units, i, u)
	{
		double v = json_number_value(json_object_get(u, "value"));
		max = v > max ? v : max;
	}
	snprintf(line, sizeof line, _("Các đơn vị trực thuộc — %s (%s)%s"), tui_jstr(r, "name"), tui_jstr(r, "uom"),
	         json_is_true(json_object_get(r, "refused")) ? _(", không cộng dồn") : "");
	wattron(w, tui_attr(TA_HEAD));
	tui_put(w, y, 1, line, cols - 2, TUI_PAD);
	wattroff(w, tui_attr(TA_HEAD));
	f->units.rows = rows - 1;
	if (f->units.sel < f->units.top)
		f->units.top = f->units.sel;
	if (f->units.sel >= f->units.top + f->units.rows)
		f->units.top = f->units.sel - f->units.rows + 1;
	for (int k = 0; k < f->units.rows && f->units.top + k < f->units.n; k++) {
		int idx = f->units.top + k;
		bool sel = f->on_units && idx == f->units.sel;
		u = json_array_get(units, (size_t)idx);
		tui_unit_short(tui_jstr(u, "unit_name"), name, sizeof name);
		tui_fig_bar(json_number_value(json_object_get(u, "value")), max, bar_w, f->ascii, bar, sizeof bar);
		tui_fig_num(json_object_get(u, "value"), num, sizeof num);
		if (sel)
			wattron(w, tui_attr(TA_SEL));
		tui_put(w, y + 1 + k, 1, name, name_w, TUI_PAD);
		tui_put(w, y + 1 + k, 2 + name_w, bar, bar_w, TUI_PAD);
		snprintf(line, sizeof line, "%*s", val_w, num);
		tui_put(w, y + 1 + k, 3 + name_w + bar_w, line, val_w, TUI_PAD);
		tui_put(w, y + 1 + k, 4 + name_w + bar_w + val_w, s_state_word(tui_jstr(u, "state")), st_w, TUI_PAD);
		if (sel)
			wattroff(w, tui_attr(TA_SEL));
	}
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	fig_t *f = st;
	int h = getmaxy(w), cols = getmaxx(w), bars, table, used;
	char line[400], first[32], last[32], due[32];
	const json_t *sec = json_array_get(f->sectors, (size_t)f->sector), *sub;

	(void)t;
	if (!f->r) {
		tui_put(w, 1, 1, _("Đang tải số liệu…"), cols - 2, 0);
		return;
	}
	tui_date(tui_jstr(f->r, "first"), first, sizeof first);
	tui_date(tui_jstr(f->r, "last"), last, sizeof last);
	tui_date(tui_jstr(f->r, "due"), due, sizeof due);
	snprintf(line, sizeof line, _("Kỳ %s (%.5s–%.5s) · hạn %.5s · năm %.0f%%"), tui_jstr(f->r, "period"), first,
	         last, due, json_number_value(json_object_get(f->r, "year_share")));
	if (json_is_object(json_object_get(f->overdue, "overdue"))) { /* the unit's other work beside its figures */
		const json_t *o = json_object_get(f->overdue, "overdue");
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, _(" · trễ hạn: %lld nhiệm vụ, %lld hồ sơ"),
		         (long long)json_integer_value(json_object_get(o, "tasks")),
		         (long long)json_integer_value(json_object_get(o, "dossiers")));
	}
	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, 0, 1, line, cols - 2, 0);
	wattroff(w, tui_attr(TA_TITLE));
	if (!sec) {
		tui_put(w, 2, 1, _("Đơn vị này và cấp dưới không báo cáo chỉ tiêu nào của kỳ."), cols - 2, 0);
		return;
	}
	snprintf(line, sizeof line, "%s %s %s  (%d/%zu)", f->ascii ? "<" : "◀",
	         json_string_value(json_array_get(sec, 1)), f->ascii ? ">" : "▶", f->sector + 1,
	         json_array_size(f->sectors));
	wattron(w, A_BOLD);
	used = tui_put(w, 1, 1, line, cols - 2, 0);
	wattroff(w, A_BOLD);
	sub = json_object_get(f->r, "submission");
	if (json_is_object(sub)) { /* the unit's own report, right-aligned */
		snprintf(line, sizeof line, "%s%s", tui_jstr(sub, "state_name"),
		         json_is_true(json_object_get(sub, "late")) ? _(" · muộn") : "");
		tui_put(w, 1, cols - 1 - (text_width(line) < cols - used - 4 ? text_width(line) : cols - used - 4), line,
		        cols - used - 4, 0);
	}
	bars = f->units.n ? 1 + (f->units.n < BAR_ROWS_MAX ? f->units.n : BAR_ROWS_MAX) : 0;
	table = h - 2 - (bars ? bars + 1 : 0);
	if (table > f->list.n + 1)
		table = f->list.n + 1;
	if (table < 3 && bars) { /* a short terminal: the table first */
		table = h - 2;
		bars = 0;
	}
	tui_table_draw(w, 2, table, s_cols, NCOLS, &f->list, s_cell, NULL, f);
	if (bars)
		s_bars(f, w, 2 + table + 1, bars);
}

static const tui_screen_t s_screen;

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	fig_t *f = st;
	int n = (int)json_array_size(f->sectors), r;
	const json_t *u;

	(void)key;
	switch (a) {
	case ACT_BACK: tui_pop(t); return TUI_R_NONE;
	case ACT_RELOAD: s_fetch(t, f); return TUI_R_NONE;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (n < 2)
			return TUI_R_NONE;
		f->sector = (f->sector + (a == ACT_RIGHT ? 1 : n - 1)) % n;
		f->list.sel = f->list.top = 0;
		f->units.sel = f->units.top = 0;
		s_pick_sector(f);
		return TUI_R_BODY;
	case ACT_NEXT:
		f->on_units = !f->on_units && f->units.n > 0;
		return TUI_R_BODY;
	case ACT_ADD: /* the unit's own figures of the sector */
		if (!f->r)
			return TUI_R_NONE;
		if (strcmp(tui_jstr(f->r, "unit"), tui_me_str(t, "unit")) != 0 ||
		    !tui_me_has_role(t, ROLE_LEADER | ROLE_SPECIALIST))
			tui_msg(t, true, "%s", _("Chỉ lãnh đạo, chuyên viên của đơn vị báo cáo nhập số liệu của đơn vị mình."));
		else if (!tui_figures_form_open(
		             t, f->r, json_string_value(json_array_get(json_array_get(f->sectors, (size_t)f->sector), 0)),
		             f))
			tui_msg(t, true, "%s", _("Đơn vị không tự báo cáo chỉ tiêu nào của lĩnh vực này (số liệu tổng hợp từ cấp dưới)."));
		return TUI_R_MSG;
	case ACT_OPEN:
		if (!f->on_units)
			return TUI_R_NONE;
		u = json_array_get(json_object_get(s_row(f), "units"), (size_t)f->units.sel);
		if (u)
			tui_push(t, &s_screen,
			         &(fig_arg_t){tui_jstr(u, "unit"),
			                      json_string_value(json_array_get(json_array_get(f->sectors, (size_t)f->sector), 0)),
			                      tui_jstr(f->r, "period")});
		return TUI_R_NONE;
	case ACT_FIG_EARLIER:
	case ACT_FIG_LATER: { /* a month period "YYYY-MM" the one before or after */
		int y = 0, m = 0;
		if (!f->r || sscanf(tui_jstr(f->r, "period"), "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
			return TUI_R_NONE;
		m += a == ACT_FIG_LATER ? 1 : -1;
		if (m < 1 || m > 12) {
			y += m < 1 ? -1 : 1;
			m = m < 1 ? 12 : 1;
		}
		snprintf(f->period, sizeof f->period, "%04d-%02d", y % 10000, m);
		s_fetch(t, f);
		return TUI_R_NONE;
	}
	case ACT_FIG_ACCEPT:
	case ACT_FIG_RETURN:
		u = f->on_units ? json_array_get(json_object_get(s_row(f), "units"), (size_t)f->units.sel) : NULL;
		if (!u)
			tui_msg(t, true, "%s", _("Tab: chọn một đơn vị trực thuộc trước."));
		else if (strcmp(tui_jstr(u, "state"), "submitted") != 0)
			tui_msg(t, true, _("%s chưa gửi số liệu kỳ này để tiếp nhận hay trả lại."), tui_jstr(u, "unit_name"));
		else
			tui_figures_decide_open(t, a == ACT_FIG_ACCEPT, tui_jstr(u, "unit"), tui_jstr(u, "unit_name"),
			                        tui_jstr(f->r, "period"));
		return TUI_R_MSG;
	default: break;
	}
	if (f->on_units)
		return tui_list_key(&f->units, a);
	if ((r = tui_list_key(&f->list, a))) {
		f->units.sel = f->units.top = 0;
		tui_list_set_count(&f->units, (int)json_array_size(json_object_get(s_row(f), "units")));
	}
	return r;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	fig_t *f = st;

	if (type == MSG_figures_overdue) { /* no error shown: the line is left out */
		json_decref(f->overdue);
		f->overdue = e == E_OK ? json_incref(body) : NULL;
	} else if (type != MSG_figures_list)
		return TUI_R_NONE;
	else if (e != E_OK)
		tui_error_body(t, e, body, NULL);
	else
		s_load(f, body);
	if (f->again) {
		f->again = false;
		s_fetch(t, f);
	} else if (type == MSG_figures_list && e == E_OK && !f->overdue_asked) {
		/* the figures are drawn; the overdue work, slower to count, after them */
		json_t *b = json_object();
		if (f->unit[0])
			json_object_set_new(b, "unit", json_string(f->unit));
		f->overdue_asked = tui_request(t, f, MSG_figures_overdue, b);
	}
	return TUI_R_BODY | TUI_R_MSG;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	fig_t *f = st;

	(void)body;
	if (ev != EV_figures_changed && ev != TUI_EV_RECONNECTED)
		return TUI_R_NONE;
	if (ev == TUI_EV_RECONNECTED)
		f->overdue_asked = false;
	s_fetch(t, f);
	return TUI_R_SOON;
}

static const tui_screen_t s_screen = {
    .title = N_("Số liệu kinh tế - xã hội"),
    .name = s_name,
    .ctx = TC_LIST | TC_FIGURES,
    .size = sizeof(fig_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
    .event = s_event,
};

const json_t *tui_figures_reply(const void *owner)
{
	return owner ? ((const fig_t *)owner)->r : NULL;
}

void tui_figures_open(tui_t *t, const char *unit)
{
	tui_push(t, &s_screen, &(fig_arg_t){unit, NULL, NULL});
}
