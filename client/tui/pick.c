/* pick.c — choosing one row: a procedure to receive or to filter by, a
 * state, an action to take, a form to print, a unit in scope, a person by
 * name (with unit and role beside). The rows come from a request or from
 * the opener; Enter closes the chooser and hands the row back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "spec_screens.h"

typedef struct {
	tui_pick_arg_t arg;
	json_t *body; /* the request's body: its offset moves on for the next page */
	char *title, *all;
	json_t *rows; /* with the "all" row first when there is one; NULL while loading */
	json_t *marked; /* multi: {index: true} of the rows marked */
	tui_list_t list;
} pick_t;

/* Take rows (borrowed), with the "all" row in front; after the rows held
 * when more is true (a page after the first). */
static void s_set_rows(pick_t *p, const json_t *rows, bool more)
{
	if (!more || !p->rows) {
		json_decref(p->rows);
		p->rows = json_array();
		if (p->all)
			json_array_append_new(p->rows, json_pack("{s:s}", p->arg.label, p->all));
	}
	json_array_extend(p->rows, (json_t *)rows);
	tui_list_set_count(&p->list, (int)json_array_size(p->rows));
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	pick_t *p = st;

	p->arg = *(const tui_pick_arg_t *)arg;
	p->title = strdup(p->arg.title ? p->arg.title : "");
	p->all = p->arg.all ? strdup(p->arg.all) : NULL;
	p->arg.rows = NULL; /* borrowed: copied into p->rows now */
	p->marked = json_object();
	p->body = p->arg.body ? json_deep_copy(p->arg.body) : NULL;
	p->arg.body = NULL; /* borrowed: copied */
	if (((const tui_pick_arg_t *)arg)->rows)
		s_set_rows(p, ((const tui_pick_arg_t *)arg)->rows, false);
	else
		tui_request(t, p, p->arg.msg, p->body ? json_incref(p->body) : NULL);
}

static void s_leave(tui_t *t, void *st)
{
	pick_t *p = st;
	(void)t;
	json_decref(p->rows);
	json_decref(p->marked);
	json_decref(p->body);
	free(p->title);
	free(p->all);
}

static const char *s_name(void *st)
{
	return ((pick_t *)st)->title;
}

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const pick_t *p = ctx;
	const json_t *r = json_array_get(p->rows, (size_t)row);
	char at[24];

	if (col == 0 && p->arg.multi) { /* "[x] name" */
		snprintf(at, sizeof at, "%d", row);
		snprintf(buf, n, "[%s] %s", json_object_get(p->marked, at) ? "x" : " ", tui_jstr(r, p->arg.label));
		return buf;
	}
	return tui_jstr(r, col == 0 ? p->arg.label : p->arg.code);
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	pick_t *p = st;
	tui_col_t cols[] = {{N_("Tên"), 20, 1}, {p->arg.code_head ? p->arg.code_head : N_("Mã"), 18, 0}};

	(void)t;
	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, 1, 2, p->title, getmaxx(w) - 4, 0);
	wattroff(w, tui_attr(TA_TITLE));
	if (!p->rows) {
		mvwaddstr(w, 3, 2, _("Đang tải…"));
		return;
	}
	tui_table_draw(w, 3, getmaxy(w) - 3, cols, p->arg.code ? 2 : 1, &p->list, s_cell, NULL, p);
	if (p->list.n == 0)
		mvwaddstr(w, 5, 2, _("(danh sách trống)"));
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	pick_t *p = st;
	int r = tui_list_key(&p->list, a);
	json_t *row;
	void (*picked)(tui_t *, void *, const json_t *) = p->arg.picked;
	void *owner = p->arg.owner;
	bool all;

	(void)key;
	if (r)
		return r;
	if (a == ACT_BACK) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	if (a == ACT_TOGGLE && p->arg.multi && p->rows && p->list.n) {
		char at[24];
		snprintf(at, sizeof at, "%d", p->list.sel);
		if (json_object_get(p->marked, at))
			json_object_del(p->marked, at);
		else
			json_object_set_new(p->marked, at, json_true());
		return TUI_R_BODY;
	}
	if (a != ACT_OPEN || !p->rows || (p->list.n == 0 && !p->arg.multi))
		return TUI_R_NONE;
	all = p->all && p->list.sel == 0;
	if (p->arg.multi) { /* the rows marked, in their order */
		json_t *list = json_array();
		for (int i = 0; i < p->list.n; i++) {
			char at[24];
			snprintf(at, sizeof at, "%d", i);
			if (json_object_get(p->marked, at))
				json_array_append(list, json_array_get(p->rows, (size_t)i));
		}
		row = json_pack("{s:o}", "marked", list);
	} else
		row = all ? json_object() : json_incref(json_array_get(p->rows, (size_t)p->list.sel));
	tui_pop(t); /* p is no longer ours: leave() has run */
	if (picked)
		picked(t, owner, row);
	json_decref(row);
	return TUI_R_ALL;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	pick_t *p = st;
	json_t *rows = json_object_get(body, p->arg.key);

	if (e != E_OK)
		tui_error(t, e, NULL);
	else if (json_is_array(rows)) {
		bool next = json_integer_value(json_object_get(p->body, "offset")) > 0;
		s_set_rows(p, rows, next);
		/* a paged list (user.people): the next page, until the last; the
		 * rows shown meanwhile can be chosen */
		if (json_is_true(json_object_get(body, "more")) && json_array_size(rows) && p->body) {
			json_object_set_new(p->body, "offset", json_integer(json_integer_value(json_object_get(p->body, "offset")) +
			                                                    (json_int_t)json_array_size(rows)));
			tui_request(t, p, type, json_incref(p->body));
		}
	}
	return TUI_R_BODY;
}

const tui_screen_t tui_pick_screen = {
    .title = N_("Chọn"),
    .name = s_name,
    .ctx = TC_LIST | TC_PICK,
    .size = sizeof(pick_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};

/* The units in scope, one (multi false, all as the "none" row) or several. */
static void s_units(tui_t *t, const char *title, const char *all, bool multi,
                    void (*picked)(tui_t *, void *, const json_t *), void *owner)
{
	json_t *scope = json_pack("{s:b}", "scope", 1);

	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = title,
	                           .msg = MSG_unit_list,
	                           .body = scope,
	                           .key = "units",
	                           .label = "name",
	                           .code = "code",
	                           .all = all,
	                           .multi = multi,
	                           .picked = picked,
	                           .owner = owner});
	json_decref(scope);
}

void tui_pick_unit(tui_t *t, const char *title, const char *all, void (*picked)(tui_t *, void *, const json_t *),
                   void *owner)
{
	s_units(t, title, all, false, picked, owner);
}

void tui_pick_units(tui_t *t, const char *title, void (*picked)(tui_t *, void *, const json_t *), void *owner)
{
	s_units(t, title, NULL, true, picked, owner);
}

void tui_pick_person(tui_t *t, const char *title, const char *unit, const char *all,
                     void (*picked)(tui_t *, void *, const json_t *), void *owner)
{
	json_t *body = json_pack("{s:i}", "limit", 200);

	if (unit) /* else the server's: my unit and those below */
		json_object_set_new(body, "unit", json_string(unit));

	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = title,
	                           .msg = MSG_user_people,
	                           .body = body,
	                           .key = "people",
	                           .label = "name",
	                           .code = "role_names",
	                           .code_head = N_("Vai trò"),
	                           .all = all,
	                           .picked = picked,
	                           .owner = owner});
	json_decref(body);
}

json_t *tui_pick_marked(const json_t *picked, const char *key, char *names, size_t n)
{
	json_t *out = json_array(), *r;
	size_t i, len = 0;

	if (n)
		names[0] = 0;
	json_array_foreach(json_object_get(picked, "marked"), i, r)
	{
		json_array_append_new(out, json_string(tui_jstr(r, key)));
		if (len < n)
			len += (size_t)snprintf(names + len, n - len, "%s%s", i ? ", " : "", tui_jstr(r, "name"));
	}
	return out;
}
