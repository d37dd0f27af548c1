/* task_list.c — lists of tasks: waiting on me, assigned by me, or my unit's
 * and its subtree's (m cycles), optionally only overdue ones (o); overdue
 * rows first and marked; Enter opens the task; a leader assigns from here
 * (g). The list reloads by itself when a task changes (task.changed). */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "tasks.h"

typedef struct {
	tui_lv_t lv; /* first: the spec screens' callbacks take the state as a tui_lv_t */
	tui_tl_mode_t mode;
	bool overdue;
	tui_assign_t assign; /* a task being assigned from the list (no parent) */
} tasks_t;

typedef struct {
	tui_tl_mode_t mode;
	bool overdue;
} tasks_arg_t;

static json_t *s_query(tui_t *t, tui_lv_t *lv)
{
	tasks_t *s = (tasks_t *)lv;
	json_t *b = json_pack("{s:i}", "limit", 400);

	if (s->mode == TUI_TL_MINE)
		json_object_set_new(b, "mine", json_true());
	else if (s->mode == TUI_TL_ASSIGNED)
		json_object_set_new(b, "assigned", json_true());
	else
		json_object_set_new(b, "unit", json_string(tui_me_str(t, "unit")));
	if (s->overdue)
		json_object_set_new(b, "overdue", json_true());
	return b;
}

static const char *const s_modes[] = {
    [TUI_TL_MINE] = N_("m: Nhiệm vụ chờ tôi xử lý"),
    [TUI_TL_ASSIGNED] = N_("m: Nhiệm vụ tôi giao"),
    [TUI_TL_UNIT] = N_("m: Nhiệm vụ của đơn vị (cả cấp dưới)"),
};

/* Two lines above the table: which list and how many; the overdue filter. */
static int s_top(tui_t *t, tui_lv_t *lv, WINDOW *w)
{
	tasks_t *s = (tasks_t *)lv;
	char line[512], count[64] = "";
	int cols = getmaxx(w);

	(void)t;
	if (lv->rows)
		snprintf(count, sizeof count, _(" — %d nhiệm vụ"), lv->list.n);
	snprintf(line, sizeof line, "%s%s", _(s_modes[s->mode]), count);
	wattron(w, A_BOLD);
	tui_put(w, 0, 1, line, cols - 2, 0);
	wattroff(w, A_BOLD);
	snprintf(line, sizeof line, _("o: %s · c: bỏ lọc · ! quá hạn"),
	         s->overdue ? _("chỉ nhiệm vụ quá hạn") : _("mọi thời hạn"));
	tui_put(w, 1, 1, line, cols - 2, 0);
	return 2;
}

static void s_details(tui_t *t, const json_t *row)
{
	tui_task_open(t, tui_jstr(row, "code"));
}

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *row)
{
	tasks_t *s = (tasks_t *)lv;

	(void)row;
	switch (a) {
	case ACT_MINE:
		s->mode = (s->mode + 1) % 3;
		break;
	case ACT_OVERDUE:
		s->overdue = !s->overdue;
		break;
	case ACT_UNFILTER:
		s->overdue = false;
		break;
	case ACT_ASSIGN:
		tui_task_assign(t, &s->assign);
		return TUI_R_NONE;
	default:
		return TUI_R_NONE;
	}
	tui_lv_reload(t, lv);
	return TUI_R_BODY;
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_task_list,
    .key = "tasks",
    .cols = tui_task_row_cols,
    .ncols = TUI_TROW_NCOLS,
    .cell = tui_task_row_cell,
    .details = s_details,
    .action = s_action,
    .query = s_query,
    .event = EV_task_changed,
    .id_key = "code",
    .attr = tui_task_row_attr,
    .top = s_top,
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	tasks_t *s = st;
	const tasks_arg_t *a = arg;

	s->mode = a->mode;
	s->overdue = a->overdue;
	tui_lv_init(t, &s->lv, &s_spec);
}

static const tui_screen_t s_watch = TUI_LIST_SCREEN_OF(tasks_t, NC_("module", "Nhiệm vụ"), TC_TASKS, s_enter),
                          s_assign =
                              TUI_LIST_SCREEN_OF(tasks_t, NC_("module", "Nhiệm vụ"), TC_TASKS | TC_ASSIGN, s_enter);

void tui_tasks_open(tui_t *t, tui_tl_mode_t mode, bool overdue)
{
	tasks_arg_t a = {mode, overdue};
	tui_push(t, tui_me_has_role(t, ROLE_LEADER) ? &s_assign : &s_watch, &a);
}
