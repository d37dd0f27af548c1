/* dashboard.c — the dashboard a leader or supervisor finds on the home screen:
 * tasks waiting on me (a supervisor, who holds none: the open tasks of the
 * subtree), overdue tasks of the subtree, dossiers of the subtree due
 * today and overdue; documents waiting for my directive, overdue in my
 * subtree, drafts waiting for my signature. Each line opens the list
 * behind it. The figures come
 * with the login (or whoami) reply the first time, then in one `dashboard`
 * request, counted on the server by the handlers of those lists, in the
 * home screen's request slot; asked again when tasks, dossiers or documents
 * move. */
#include <stdio.h>
#include <string.h>

#include "document_out.h"
#include "documents.h"
#include "dossiers.h"
#include "i18n.h"
#include "tasks.h"
#include "text.h"

enum {
	L_TASKS,
	L_TASKS_OVERDUE,
	L_DOSSIERS_TODAY,
	L_DOSSIERS_OVERDUE,
	/* documents (issue 15) */
	L_DOCS_DIRECTIVE,
	L_DOCS_OVERDUE,
	L_DRAFTS_SIGN,
	L_COUNT
};

/* A supervisor who is nothing else: no task ever waits on them. */
static bool s_watcher(const tui_t *t)
{
	return !tui_me_has_role(t, ROLE_LEADER | ROLE_SPECIALIST | ROLE_CLERK);
}

bool tui_dashboard_wanted(const tui_t *t)
{
	return tui_me_has_role(t, ROLE_LEADER | ROLE_SUPERVISOR);
}

int tui_dashboard_lines(void)
{
	return L_COUNT;
}

static void s_send(tui_t *t, void *owner, tui_dashboard_t *d)
{
	d->step = tui_request(t, owner, MSG_dashboard, json_object()) ? 1 : 0;
}

static int s_count(const json_t *body, const char *key)
{
	return (int)json_integer_value(json_object_get(body, key));
}

/* The figures of a dashboard reply. */
static void s_apply(tui_dashboard_t *d, const json_t *body)
{
	d->counts[L_TASKS] = s_count(body, "tasks");
	d->my_overdue = s_count(body, "tasks_mine_overdue");
	d->counts[L_TASKS_OVERDUE] = s_count(body, "tasks_overdue");
	d->counts[L_DOSSIERS_TODAY] = s_count(body, "dossiers_due_today");
	d->counts[L_DOSSIERS_OVERDUE] = s_count(body, "dossiers_overdue");
	d->counts[L_DOCS_DIRECTIVE] = s_count(body, "documents_directive");
	d->counts[L_DOCS_OVERDUE] = s_count(body, "documents_overdue");
	d->counts[L_DRAFTS_SIGN] = s_count(body, "drafts_to_sign");
	d->have = true;
}

void tui_dashboard_refresh(tui_t *t, void *owner, tui_dashboard_t *d)
{
	json_t *given = tui_me_take(t, "dashboard"); /* came with the session: no round trip */

	if (given) {
		s_apply(d, given);
		json_decref(given);
		d->stale = false;
		return;
	}
	if (d->step || tui_busy(t, owner))
		d->stale = true;
	else {
		d->stale = false;
		s_send(t, owner, d);
	}
}

bool tui_dashboard_reply(tui_t *t, void *owner, tui_dashboard_t *d, proto_msg_t type, proto_err_t e,
                         const json_t *body)
{
	if (!d->step || type != MSG_dashboard)
		return false;
	d->step = 0;
	if (e != E_OK) /* the counts stay unknown; the lists themselves will say why */
		return true;
	s_apply(d, body);
	if (d->stale)
		tui_dashboard_refresh(t, owner, d);
	return true;
}

bool tui_dashboard_event(tui_dashboard_t *d, int ev)
{
	if (ev != EV_task_changed && ev != EV_dossier_changed && ev != EV_document_changed && ev != TUI_EV_RECONNECTED)
		return false;
	d->stale = true;
	return true;
}

static const char *s_label(const tui_t *t, int i)
{
	static const char *const labels[L_COUNT] = {
	    N_("Nhiệm vụ chờ tôi xử lý"),
	    N_("Nhiệm vụ quá hạn của đơn vị và cấp dưới"),
	    N_("Hồ sơ đến hạn hôm nay của đơn vị và cấp dưới"),
	    N_("Hồ sơ quá hạn của đơn vị và cấp dưới"),
	    N_("Văn bản đến chờ tôi bút phê"),
	    N_("Văn bản quá hạn giải quyết (cả cấp dưới)"),
	    N_("Dự thảo văn bản đi chờ tôi ký"),
	};
	if (i == L_TASKS && s_watcher(t))
		return _("Nhiệm vụ đang mở của đơn vị và cấp dưới");
	return _(labels[i]);
}

int tui_dashboard_draw(tui_t *t, tui_dashboard_t *d, WINDOW *w, int y, int sel)
{
	int cols = getmaxx(w), lw = 0;

	for (int i = 0; i < L_COUNT; i++)
		lw = text_width(s_label(t, i)) > lw ? text_width(s_label(t, i)) : lw;
	if (lw > cols - 24)
		lw = cols - 24;
	wattron(w, tui_attr(TA_HEAD));
	tui_put(w, y, 2, _("Việc cần chú ý"), cols - 4, 0);
	wattroff(w, tui_attr(TA_HEAD));
	for (int i = 0; i < L_COUNT; i++) {
		int row = y + 1 + i, n = d->counts[i];
		bool bad = d->have && n > 0 && (i == L_TASKS_OVERDUE || i == L_DOSSIERS_OVERDUE || i == L_DOCS_OVERDUE);
		attr_t at = i == sel ? tui_attr(TA_SEL) : bad ? tui_attr(TA_ERR) : A_NORMAL;
		char num[64] = "…";

		if (d->have)
			snprintf(num, sizeof num, "%d", n);
		if (d->have && i == L_TASKS && d->my_overdue && !s_watcher(t)) {
			size_t len = strlen(num);
			snprintf(num + len, sizeof num - len, _(" (%d quá hạn)"), d->my_overdue);
		}
		wattron(w, at);
		mvwhline(w, row, 1, ' ', cols - 2);
		tui_put(w, row, 2, s_label(t, i), lw, 0);
		wattron(w, A_BOLD);
		tui_put(w, row, 4 + lw, num, cols - 6 - lw, 0);
		wattroff(w, A_BOLD);
		wattroff(w, at);
	}
	return 1 + L_COUNT;
}

void tui_dashboard_open(tui_t *t, int i)
{
	switch (i) {
	case L_TASKS:
		if (s_watcher(t))
			tui_board_open(t, NULL);
		else
			tui_tasks_open(t, TUI_TL_MINE, false);
		break;
	case L_TASKS_OVERDUE:
		tui_tasks_open(t, TUI_TL_UNIT, true);
		break;
	case L_DOSSIERS_TODAY:
		tui_queue_open(t, &(tui_queue_arg_t){.unit = true, .today = true});
		break;
	case L_DOCS_DIRECTIVE:
		tui_documents_open(t, "directive");
		break;
	case L_DOCS_OVERDUE:
		tui_documents_open(t, "overdue");
		break;
	case L_DRAFTS_SIGN:
		tui_document_out_queue(t, "approve");
		break;
	default:
		tui_queue_open(t, &(tui_queue_arg_t){.unit = true, .overdue = true});
		break;
	}
}
