/* task_view.c — one task as one scrolling page: the header (title, state,
 * progress, priority, source, who assigned it, who leads, deadline with
 * the first one and the one asked for), what the official may do now (only
 * what the server allows), the sub-tasks with their roll-up, the history
 * and the thread of directives and comments. The server sends the newest
 * page of the history and of the thread; o and h add the page before, and
 * the pages added stay when the task is shown again after a change. It
 * reloads when the task or one of its sub-tasks changes. A supervisor's
 * view has no action keys. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "record_view.h"
#include "i18n.h"
#include "paged.h"
#include "tasks.h"

typedef struct {
	tui_task_owner_t owner; /* first: the task forms reload the view through it */
	tui_assign_t assign;    /* a sub-task being assigned */
	char code[32];
	json_t *d;            /* the last task.show reply, with the older pages added */
	bool older[PAGED_TASK_N]; /* older pages of the part were added (o, h) */
	bool stale;           /* reload once the request in flight is answered */
	tui_act_t act;        /* the action waiting for a yes */
	tui_lines_t page;
} view_t;

#define HELD_MAX 500 /* rows of a part a view keeps through reloads */

/* The task shown again (task: its newest pages) keeps the older pages the
 * official added to v->d: when what v held and the new page overlap, the
 * rows held before the page's first go before it; when they do not (more
 * new rows came than a page holds) or there would be more than HELD_MAX,
 * the older pages are let go rather than shown with a gap or grown
 * without end by a flood of comments. */
static void s_keep_older(view_t *v, json_t *task)
{
	for (int k = 0; k < PAGED_TASK_N; k++) {
		const paged_part_t *p = &paged_task_parts[k];
		const json_t *held = json_object_get(v->d, p->key), *page = json_object_get(task, p->key);
		size_t i, n = json_array_size(held);

		if (!v->older[k] || !json_array_size(page))
			continue;
		for (i = 0; i < n && paged_row_id(held, i) != paged_row_id(page, 0); i++)
			;
		v->older[k] = i < n && i + json_array_size(page) <= HELD_MAX;
		if (v->older[k]) /* the first row of the page is held, after i older ones */
			paged_join(task, p, v->d);
	}
}

static void s_reload(tui_t *t, view_t *v)
{
	tui_record_reload(t, v, &v->stale, MSG_task_show, v->code);
}

static void s_reload_owner(tui_t *t, void *owner)
{
	s_reload(t, owner);
}

/* May this official change tasks at all? (Supervisors only watch.) */
static bool s_worker(tui_t *t)
{
	return tui_me_has_role(t, ROLE_LEADER | ROLE_SPECIALIST | ROLE_CLERK);
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	view_t *v = st;
	v->owner.reload = s_reload_owner;
	snprintf(v->code, sizeof v->code, "%s", (const char *)arg);
	s_reload(t, v);
}

static void s_leave(tui_t *t, void *st)
{
	view_t *v = st;
	(void)t;
	tui_lines_free(&v->page);
	json_decref(v->d);
}

static const char *s_name(void *st)
{
	return ((view_t *)st)->code;
}

/* --- the page --- */

static const char *const s_no_acts = N_("Bạn không có thao tác nào trên nhiệm vụ này lúc này.");

/* "[########............] 40%" */
static const char *s_bar(json_int_t percent, char *buf, size_t n)
{
	char bar[21];
	int full = (int)(percent < 0 ? 0 : percent > 100 ? 100 : percent) / 5;

	for (int i = 0; i < 20; i++)
		bar[i] = i < full ? '#' : '.';
	bar[20] = 0;
	snprintf(buf, n, "[%s] %lld%%", bar, (long long)percent);
	return buf;
}

static const char *s_joined(const json_t *arr, const char *key, char *buf, size_t n)
{
	size_t i, len = 0;
	json_t *x;
	char unit[300];

	buf[0] = 0;
	json_array_foreach(arr, i, x)
	{
		const char *s = key ? tui_unit_short(tui_jstr(x, key), unit, sizeof unit) : json_string_value(x);
		if (s && len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", s);
	}
	return buf;
}

static void s_deadline(const json_t *d, char *buf, size_t n)
{
	char a[64], b[64];
	size_t len = (size_t)snprintf(buf, n, "%s · %s", tui_date(tui_jstr(d, "deadline"), a, sizeof a),
	                              tui_jstr(d, "remaining"));

	if (*tui_jstr(d, "original_deadline") && len < n)
		len += (size_t)snprintf(buf + len, n - len, _(" · hạn ban đầu %s"),
		                        tui_task_day(tui_jstr(d, "original_deadline"), b, sizeof b));
	if (*tui_jstr(d, "proposed_deadline") && len < n)
		len += (size_t)snprintf(buf + len, n - len, _(" · xin gia hạn đến %s"),
		                        tui_task_day(tui_jstr(d, "proposed_deadline"), b, sizeof b));
	if (*tui_jstr(d, "grade") && len < n)
		snprintf(buf + len, n - len, _(" · kết quả: %s"), tui_grade(tui_jstr(d, "grade")));
}

static void s_header(view_t *v)
{
	static const char *const labels[] = {N_("Mã nhiệm vụ"), N_("Nhiệm vụ"), N_("Trạng thái"), N_("Tiến độ"),
	                                     N_("Độ ưu tiên"),  N_("Nguồn"),    N_("Người giao"), N_("Chủ trì"),
	                                     N_("Phối hợp"),    N_("Thời hạn"), N_("Giao lúc"),   N_("Nhiệm vụ cha"),
	                                     N_("Tài liệu")};
	const json_t *d = v->d;
	int lw = tui_lines_label_width(labels, sizeof labels / sizeof labels[0]);
	char buf[1024], at[64];
	bool overdue = json_is_true(json_object_get(d, "overdue"));

	tui_lines_pair(&v->page, lw, _(labels[0]), v->code, A_BOLD);
	tui_lines_pair(&v->page, lw, _(labels[1]), tui_jstr(d, "title"), A_BOLD);
	tui_lines_pair(&v->page, lw, _(labels[2]), tui_jstr(d, "state_name"), A_BOLD);
	tui_lines_pair(&v->page, lw, _(labels[3]),
	               s_bar(json_integer_value(json_object_get(d, "percent")), buf, sizeof buf), A_NORMAL);
	tui_lines_pair(&v->page, lw, _(labels[4]),
	               tui_code_name(tui_task_priorities, tui_task_npriorities, tui_jstr(d, "priority")),
	               strcmp(tui_jstr(d, "priority"), "normal") ? A_BOLD : A_NORMAL);
	snprintf(buf, sizeof buf, "%s%s%s", tui_jstr(d, "source_name"), *tui_jstr(d, "source_ref") ? " — " : "",
	         tui_jstr(d, "source_ref"));
	tui_lines_pair(&v->page, lw, _(labels[5]), buf, A_NORMAL);
	snprintf(buf, sizeof buf, "%s (%s)", tui_jstr(d, "assigner_name"), tui_jstr(d, "assigner"));
	tui_lines_pair(&v->page, lw, _(labels[6]), buf, A_NORMAL);
	tui_lines_pair(&v->page, lw, _(labels[7]), tui_task_lead(d, buf, sizeof buf), A_NORMAL);
	if (json_array_size(json_object_get(d, "coop")))
		tui_lines_pair(&v->page, lw, _(labels[8]),
		               s_joined(json_object_get(d, "coop"), "name", buf, sizeof buf), A_NORMAL);
	s_deadline(d, buf, sizeof buf);
	tui_lines_pair(&v->page, lw, _(labels[9]), buf, overdue ? tui_attr(TA_ERR) : A_BOLD);
	tui_lines_pair(&v->page, lw, _(labels[10]), tui_date(tui_jstr(d, "created"), at, sizeof at), A_NORMAL);
	if (*tui_jstr(d, "parent"))
		tui_lines_pair(&v->page, lw, _(labels[11]), tui_jstr(d, "parent"), A_NORMAL);
	if (json_array_size(json_object_get(d, "refs")))
		tui_lines_pair(&v->page, lw, _(labels[12]), s_joined(json_object_get(d, "refs"), NULL, buf, sizeof buf),
		               A_NORMAL);
	if (*tui_jstr(d, "description")) {
		tui_lines_blank(&v->page);
		tui_lines_text(&v->page, 1, A_NORMAL, tui_jstr(d, "description"));
	}
}

/* What the official may do: the server's actions, or why there are none. */
static void s_actions(tui_t *t, view_t *v)
{
	if (!s_worker(t))
		tui_lines_text(&v->page, 1, tui_attr(TA_DIM),
		               _("Vai trò giám sát: chỉ theo dõi, không thay đổi nhiệm vụ."));
	else
		tui_record_line(&v->page, v->d, _(s_no_acts));
}

static void s_subtasks(view_t *v)
{
	const json_t *roll = json_object_get(v->d, "subtasks"), *subs = json_object_get(v->d, "subtasks_list"), *s;
	char line[1024], lead[400], day[32];
	size_t i;

	if (!roll)
		return;
	tui_lines_blank(&v->page);
	snprintf(line, sizeof line,
	         _("Nhiệm vụ con: %lld/%lld đã xong · %lld quá hạn · tiến độ bình quân %lld%% (Enter: mở)"),
	         (long long)json_integer_value(json_object_get(roll, "done")),
	         (long long)json_integer_value(json_object_get(roll, "total")),
	         (long long)json_integer_value(json_object_get(roll, "overdue")),
	         (long long)json_integer_value(json_object_get(roll, "percent")));
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), line);
	json_array_foreach(subs, i, s)
	{
		bool overdue = json_is_true(json_object_get(s, "overdue"));
		snprintf(line, sizeof line, "%s %s  %s", overdue ? "!" : " ", tui_jstr(s, "code"),
		         tui_jstr(s, "title"));
		tui_lines_text(&v->page, 1, overdue ? tui_attr(TA_ERR) : A_NORMAL, line);
		snprintf(line, sizeof line, _("%s · %s · hạn %s · %s · %lld%%"), tui_task_lead(s, lead, sizeof lead),
		         tui_jstr(s, "state_name"), tui_task_day(tui_jstr(s, "deadline"), day, sizeof day),
		         tui_jstr(s, "remaining"), (long long)json_integer_value(json_object_get(s, "percent")));
		tui_lines_text(&v->page, 5, A_NORMAL, line);
	}
}

/* "… N older ones not shown (key: show)" (fmt: one %lld, translated) at
 * the top of part's rows, while its first rows are not held. */
static void s_older_line(view_t *v, int part, const char *fmt)
{
	const paged_part_t *p = &paged_task_parts[part];
	json_int_t n = json_integer_value(json_object_get(v->d, p->total)) -
	               (json_int_t)json_array_size(json_object_get(v->d, p->key));
	char line[256];

	if (!json_is_integer(json_object_get(v->d, p->before)) || n <= 0)
		return;
	snprintf(line, sizeof line, fmt, (long long)n);
	tui_lines_text(&v->page, 3, tui_attr(TA_DIM), line);
}

static void s_history(view_t *v)
{
	const json_t *h;
	size_t i;

	tui_lines_blank(&v->page);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Diễn biến"));
	s_older_line(v, PAGED_TASK_HISTORY, _("… %lld dòng diễn biến cũ hơn chưa hiện (phím h: xem)"));
	json_array_foreach(json_object_get(v->d, "history"), i, h) tui_record_move(&v->page, h);
}

static void s_thread(view_t *v)
{
	const json_t *m, *thread = json_object_get(v->d, "thread");
	char line[512], at[64];
	size_t i;

	tui_lines_blank(&v->page);
	tui_lines_text(&v->page, 1, tui_attr(TA_HEAD), _("Ý kiến chỉ đạo, trao đổi"));
	if (!json_array_size(thread))
		tui_lines_text(&v->page, 3, tui_attr(TA_DIM), _("(chưa có)"));
	s_older_line(v, PAGED_TASK_THREAD, _("… %lld ý kiến cũ hơn chưa hiện (phím o: xem)"));
	json_array_foreach(thread, i, m)
	{
		bool directive = !strcmp(tui_jstr(m, "kind"), "directive");
		snprintf(line, sizeof line, "%s  %s — %s", tui_date(tui_jstr(m, "at"), at, sizeof at),
		         tui_jstr(m, "who"), directive ? _("Chỉ đạo") : _("Trao đổi"));
		tui_lines_text(&v->page, 1, directive ? A_BOLD : A_NORMAL, line);
		tui_lines_text(&v->page, 5, A_NORMAL, tui_jstr(m, "text"));
	}
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	view_t *v = st;

	if (!v->d) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	tui_lines_reset(&v->page, getmaxx(w));
	s_header(v);
	tui_lines_blank(&v->page);
	s_actions(t, v);
	s_subtasks(v);
	s_history(v);
	s_thread(v);
	tui_lines_draw(&v->page, w);
}

/* --- keys --- */

static void s_action_picked(tui_t *t, void *owner, const json_t *a)
{
	view_t *v = owner;
	char q[512], day[32];

	if (json_array_size(json_object_get(a, "require")) || !strcmp(tui_jstr(a, "action"), "progress")) {
		tui_task_action(t, v->d, a, &v->owner);
		return;
	}
	/* nothing to fill in: ask, then send with the version it was chosen on */
	if (!strcmp(tui_jstr(a, "action"), "grant"))
		snprintf(q, sizeof q, _("Đồng ý gia hạn nhiệm vụ %s đến %s?"), v->code,
		         tui_task_day(tui_jstr(v->d, "proposed_deadline"), day, sizeof day));
	else
		snprintf(q, sizeof q, _("%s — nhiệm vụ %s?"), tui_jstr(a, "label"), v->code);
	tui_record_ask(t, &v->act, v->d, tui_jstr(a, "action"), q);
}

static void s_related_picked(tui_t *t, void *owner, const json_t *row)
{
	(void)owner;
	tui_task_open(t, tui_jstr(row, "code"));
}

/* Enter: the parent and the sub-tasks, to open one. */
static void s_related(tui_t *t, view_t *v)
{
	json_t *rows = json_array(), *s;
	const json_t *subs = json_object_get(v->d, "subtasks_list");
	char name[512];
	size_t i;

	if (*tui_jstr(v->d, "parent")) {
		snprintf(name, sizeof name, _("(nhiệm vụ cha) %s"), tui_jstr(v->d, "parent"));
		json_array_append_new(rows, json_pack("{s:s, s:s}", "code", tui_jstr(v->d, "parent"), "title", name));
	}
	json_array_foreach(subs, i, s) json_array_append(rows, s);
	if (json_array_size(rows))
		tui_push(t, &tui_pick_screen,
		         &(tui_pick_arg_t){.title = _("Mở nhiệm vụ liên quan"),
		                           .rows = rows,
		                           .label = "title",
		                           .code = "code",
		                           .picked = s_related_picked,
		                           .owner = v});
	else
		tui_msg(t, false, "%s", _("Nhiệm vụ này không có nhiệm vụ cha hay nhiệm vụ con."));
	json_decref(rows);
}

/* o, h: ask for the page of part before the rows held, or say that
 * everything (all, translated) is shown. */
static void s_older(tui_t *t, view_t *v, int part, const char *all)
{
	const paged_part_t *p = &paged_task_parts[part];
	const json_t *before = json_object_get(v->d, p->before);

	if (!json_is_integer(before))
		tui_msg(t, false, "%s", all);
	else if (!tui_request(t, v, p->older, json_pack("{s:s, s:O}", "code", v->code, "before", before)))
		tui_msg(t, true, "%s", _("Đang chờ máy chủ trả lời; hãy thử lại sau giây lát."));
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	view_t *v = st;

	(void)key;
	if (a == ACT_BACK) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	if (a == ACT_RELOAD) {
		s_reload(t, v);
		return TUI_R_NONE;
	}
	if (!v->d)
		return TUI_R_NONE;
	switch (a) {
	case ACT_DO:
		tui_record_choose(t, v->d, _("Thao tác trên nhiệm vụ"), _(s_no_acts), s_action_picked, v);
		return TUI_R_NONE;
	case ACT_COMMENT:
		tui_task_comment(t, v->d, &v->owner);
		return TUI_R_NONE;
	case ACT_SUBTASK:
		snprintf(v->assign.parent, sizeof v->assign.parent, "%s", v->code);
		snprintf(v->assign.deadline, sizeof v->assign.deadline, "%s", tui_jstr(v->d, "deadline"));
		tui_task_assign(t, &v->assign);
		return TUI_R_NONE;
	case ACT_OPEN:
		s_related(t, v);
		return TUI_R_NONE;
	case ACT_OLDER_THREAD:
		s_older(t, v, PAGED_TASK_THREAD, _("Đã hiện mọi ý kiến, từ ý kiến đầu tiên."));
		return TUI_R_NONE;
	case ACT_OLDER_HISTORY:
		s_older(t, v, PAGED_TASK_HISTORY, _("Đã hiện toàn bộ diễn biến, từ khi giao nhiệm vụ."));
		return TUI_R_NONE;
	case ACT_YES:
		tui_record_yes(t, v, &v->act, MSG_task_act, v->code);
		return TUI_R_NONE;
	default:
		return tui_page_key(&v->page.page, a);
	}
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	view_t *v = st;

	if (type == MSG_task_show) {
		json_t *d = json_copy(body); /* its own keys: the older rows held go into it */
		bool left;
		if (e == E_OK)
			s_keep_older(v, d);
		left = tui_record_shown(t, &v->d, e, d);
		json_decref(d);
		if (left)
			return TUI_R_ALL;
	} else if (type == MSG_task_history || type == MSG_task_thread) {
		if (e != E_OK)
			tui_error_body(t, e, body, NULL);
		else if (v->d) {
			int k = type == MSG_task_thread ? PAGED_TASK_THREAD : PAGED_TASK_HISTORY;
			paged_prepend(v->d, &paged_task_parts[k], body);
			v->older[k] = true;
		}
	} else if (type == MSG_task_act) {
		tui_record_result(t, e, body, _("Đã thực hiện. Nhiệm vụ nay: %s."));
		v->stale = true;
	}
	if (v->stale)
		s_reload(t, v);
	return TUI_R_BODY | TUI_R_MSG;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	view_t *v = st;

	/* a sub-task's change comes with its parent's own (the roll-up moved) */
	if (ev == TUI_EV_RECONNECTED || (ev == EV_task_changed && !strcmp(tui_jstr(body, "code"), v->code)))
		s_reload(t, v);
	return TUI_R_NONE;
}

#define TASK_SCREEN(ctx_)                                                                                              \
	{                                                                                                              \
		.title = N_("Nhiệm vụ"), .name = s_name, .ctx = TC_LIST | TC_TASK | (ctx_), .size = sizeof(view_t),    \
		.enter = s_enter, .leave = s_leave, .draw = s_draw, .key = s_key, .reply = s_reply, .event = s_event,  \
	}

static const tui_screen_t s_watch = TASK_SCREEN(0), s_work = TASK_SCREEN(TC_TASK_ACT),
                          s_lead = TASK_SCREEN(TC_TASK_ACT | TC_TASK_LEAD);

void tui_task_open(tui_t *t, const char *code)
{
	const tui_screen_t *s = &s_watch;

	if (tui_me_has_role(t, ROLE_LEADER))
		s = &s_lead;
	else if (s_worker(t))
		s = &s_work;
	tui_push(t, s, code);
}
