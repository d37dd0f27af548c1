/* queue.c — the dossier queue: what waits on me or on my unit, due soonest
 * first (the server orders it), overdue rows standing out, filters by
 * procedure, state and overdue; one screen of compact rows at a time, the
 * next as the selection goes down; it reloads by itself when a dossier
 * moves (dossier.changed), keeping the selection on the same dossier. */
#include <stdio.h>
#include <string.h>

#include "dossiers.h"
#include "i18n.h"

typedef struct {
	tui_lv_t lv; /* first: the spec screens' callbacks take the state as a tui_lv_t */
	bool unit;   /* the unit's dossiers (and its subtree's), not only mine */
	bool overdue;
	bool today; /* only those due today (kept from the list: the request has no such filter) */
	char proc[64];
	char state[32], state_name[128];
} queue_t;

static json_t *s_query(tui_t *t, tui_lv_t *lv)
{
	queue_t *q = (queue_t *)lv;
	json_t *b = json_object();

	(void)t;
	if (q->today) /* the request has no such filter: all rows, kept by s_keep */
		json_object_set_new(b, "limit", json_integer(500));
	if (!q->unit)
		json_object_set_new(b, "mine", json_true());
	if (q->overdue)
		json_object_set_new(b, "overdue", json_true());
	if (q->proc[0])
		json_object_set_new(b, "procedure", json_string(q->proc));
	if (q->state[0])
		json_object_set_new(b, "state", json_string(q->state));
	return b;
}

/* Two lines above the table: whose queue and how many; the filters, with
 * the keys that change them. */
static int s_top(tui_t *t, tui_lv_t *lv, WINDOW *w)
{
	queue_t *q = (queue_t *)lv;
	char line[512], count[64] = "";
	const char *legend = _("! quá hạn  * hạn hôm nay");
	int cols = getmaxx(w), lw;

	(void)t;
	if (lv->rows && lv->total >= 0) /* a screen at a time: the rest come as the selection goes down */
		snprintf(count, sizeof count, _(" — %d hồ sơ"), lv->total);
	else if (lv->rows && lv->more)
		snprintf(count, sizeof count, _(" — %d+ hồ sơ"), lv->list.n);
	else if (lv->rows)
		snprintf(count, sizeof count, _(" — %d hồ sơ"), lv->list.n);
	snprintf(line, sizeof line, "%s%s",
	         q->unit ? _("m: Hồ sơ của đơn vị (cả cấp dưới)") : _("m: Hồ sơ chờ tôi xử lý"), count);
	wattron(w, A_BOLD);
	lw = tui_put(w, 0, 1, line, cols - 2, 0);
	wattroff(w, A_BOLD);
	if (lw + 4 + 24 < cols)
		tui_put(w, 0, cols - 25, legend, 24, 0);
	snprintf(line, sizeof line, _("p: thủ tục %s · s: tình trạng %s · o: %s · c: bỏ lọc"),
	         q->proc[0] ? q->proc : _("(tất cả)"), q->state[0] ? q->state_name : _("(tất cả)"),
	         q->overdue ? _("chỉ hồ sơ quá hạn")
	         : q->today ? _("chỉ hồ sơ đến hạn hôm nay")
	                    : _("mọi thời hạn"));
	tui_put(w, 1, 1, line, cols - 2, 0);
	return 2;
}

static void s_details(tui_t *t, const json_t *row)
{
	tui_push(t, &tui_dossier_screen, tui_jstr(row, "code"));
}

static void s_proc_picked(tui_t *t, void *owner, const json_t *row)
{
	queue_t *q = owner;
	snprintf(q->proc, sizeof q->proc, "%s", tui_jstr(row, "code"));
	tui_lv_reload(t, &q->lv);
}

static void s_state_picked(tui_t *t, void *owner, const json_t *row)
{
	queue_t *q = owner;
	snprintf(q->state, sizeof q->state, "%s", tui_jstr(row, "code"));
	snprintf(q->state_name, sizeof q->state_name, "%s", tui_jstr(row, "name"));
	tui_lv_reload(t, &q->lv);
}

/* The chooser of a filter: procedures or states, both from procedure.list. */
static void s_pick(tui_t *t, queue_t *q, const char *title, const char *key, const char *all,
                   void (*picked)(tui_t *, void *, const json_t *))
{
	tui_push(t, &tui_pick_screen,
	         &(tui_pick_arg_t){.title = title,
	                           .msg = MSG_procedure_list,
	                           .key = key,
	                           .label = "name",
	                           .code = "code",
	                           .all = all,
	                           .picked = picked,
	                           .owner = q});
}

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *row)
{
	queue_t *q = (queue_t *)lv;

	(void)row;
	switch (a) {
	case ACT_MINE:
		q->unit = !q->unit;
		break;
	case ACT_OVERDUE:
		q->overdue = !q->overdue;
		q->today = false;
		break;
	case ACT_UNFILTER:
		q->overdue = q->today = false;
		q->proc[0] = q->state[0] = 0;
		break;
	case ACT_FILTER_PROC:
		s_pick(t, q, _("Lọc theo thủ tục"), "procedures", _("(Tất cả thủ tục)"), s_proc_picked);
		return TUI_R_NONE;
	case ACT_FILTER_STATE:
		s_pick(t, q, _("Lọc theo tình trạng"), "states", _("(Mọi tình trạng)"), s_state_picked);
		return TUI_R_NONE;
	case ACT_RECEIVE:
		if (tui_me_has_role(t, ROLE_CLERK))
			tui_reception_open(t);
		else
			tui_msg(t, true, "%s", _("Chỉ bộ phận một cửa (vai trò văn thư / một cửa) tiếp nhận hồ sơ."));
		return TUI_R_NONE;
	case ACT_SEARCH:
		tui_search_open(t, &tui_dossier_search);
		return TUI_R_NONE;
	case ACT_LOOKUP: /* lookup: status by the short code */
		tui_status_open(t);
		return TUI_R_NONE;
	default:
		return TUI_R_NONE;
	}
	tui_lv_reload(t, lv);
	return TUI_R_BODY;
}

static bool s_keep(tui_lv_t *lv, const json_t *row)
{
	return !((queue_t *)lv)->today || json_is_true(json_object_get(row, "due_today"));
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_dossier_list,
    .key = "dossiers",
    .cols = tui_dossier_row_cols,
    .ncols = TUI_DROW_NCOLS,
    .cell = tui_dossier_row_cell,
    .details = s_details,
    .action = s_action,
    .query = s_query,
    .event = EV_dossier_changed,
    .id_key = "code",
    .attr = tui_dossier_row_attr,
    .top = s_top,
    .keep = s_keep,
    .paged = true,
};

/* The dossiers' search, over the queue's rows. */
const tui_search_spec_t tui_dossier_search = {
    .title = N_("Tìm hồ sơ"),
    .msg = MSG_dossier_search,
    .compact = true, /* the server folds and ranks exact accented matches first */
    .list = &s_spec,
    .hint = N_("Mã hồ sơ, người nộp, số định danh, thủ tục — có dấu hay không dấu đều được."),
    .found = N_("Tìm thấy %d hồ sơ. Enter để mở hồ sơ đã chọn."),
    .none = N_("Không tìm thấy hồ sơ nào."),
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	queue_t *q = st;
	const tui_queue_arg_t *a = arg;

	/* a supervisor handles no step: "mine" would always be empty */
	q->unit = !tui_me_has_role(t, ROLE_CLERK | ROLE_SPECIALIST | ROLE_LEADER);
	if (a) {
		q->unit |= a->unit;
		q->overdue = a->overdue;
		q->today = a->today;
	}
	tui_lv_init(t, &q->lv, &s_spec);
}

const tui_screen_t tui_queue_screen = TUI_LIST_SCREEN_OF(queue_t, N_("Hồ sơ"), TC_DOSSIERS, s_enter);

void tui_queue_open(tui_t *t, const tui_queue_arg_t *arg)
{
	tui_push(t, &tui_queue_screen, arg);
}
