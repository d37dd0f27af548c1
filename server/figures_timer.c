/* figures_timer.c — reminders of the reporting calendar on the engine's
 * timers: for each month period whose due date is ahead (the one running
 * and the one just closed), a due-soon timer remind_working_days before
 * the due date and an overdue timer at it (kind "figures", object
 * YYYYMM, deadline "period"). When one fires, the officials of every unit
 * that has not submitted get a notice; at the due date the units above
 * them too. The serve loop asks figures_timers_next when the timers of a
 * new period are to be set, and runs figures_timers_run. */
#include "figures_timer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "clock.h"
#include "figures.h"

#define DEADLINE "period"

/* The month period whose timers were last set (the serve loop's thread only). */
static char s_set_for[FIG_PERIOD_MAX];

static const char *s_current(int64_t now, char *key)
{
	const figind_t *set = figures_set();
	if (!set || !catalog_calendar())
		return NULL;
	return fig_period_month_of(now, wt_utc_offset(catalog_calendar()), figind_reporting(set)->cutoff_day, key);
}

int64_t figures_timers_next(store_t *db)
{
	char key[FIG_PERIOD_MAX];
	int64_t now = clock_now();

	(void)db;
	return s_current(now, key) && strcmp(key, s_set_for) != 0 ? now : 0;
}

int figures_timers_run(srv_ctx_t *c, int max)
{
	const fig_reporting_t *rep;
	fig_period_t p[2];
	char key[FIG_PERIOD_MAX];
	int n = 0;

	(void)max; /* two periods at most: one piece (the serve loop's slices) */
	if (!s_current(c->now, key) || strcmp(key, s_set_for) == 0)
		return 0;
	rep = figind_reporting(figures_set());
	fig_period_parse(key, &p[1]);
	fig_period_prev(&p[1], &p[0]);
	for (int i = 0; i < 2; i++) {
		wf_deadline_t dl = {DEADLINE, fig_period_due(catalog_calendar(), &p[i], rep)};
		int hours = (int)(rep->remind_working_days * wt_day_seconds(catalog_calendar()) / 3600);
		if (dl.due <= c->now)
			continue; /* past: the late list says it, no reminder now */
		if (wf_timers_set(c, figures_kind.name, (int64_t)p[i].year * 100 + p[i].last_month, hours, &dl, 1) != 0)
			return -1;
		n++;
	}
	/* written in the job's transaction: should its commit fail (rare), this period
	 * goes without reminders; the late list still shows it */
	snprintf(s_set_for, sizeof s_set_for, "%s", key);
	return n;
}

void figures_on_timer(srv_ctx_t *c, const wf_timer_t *t)
{
	fig_period_t p = {FIG_MONTH, (int)(t->object / 100), (int)(t->object % 100), (int)(t->object % 100)};
	bool overdue = strcmp(t->what, "overdue") == 0;
	json_t *rows, *r, *units = json_object(), *above = json_object(), *body;
	char key[FIG_PERIOD_MAX], due[32], text[400];
	int missing = 0;
	size_t i;

	if (strcmp(t->deadline, DEADLINE) != 0 || p.first_month < 1 || p.first_month > 12)
		return;
	fig_period_key(&p, key);
	wf_time(t->due, due, sizeof due);
	rows = figures_reporters(c, &p, key, "/", t->due);
	json_array_foreach(rows, i, r)
	{
		if (!json_is_true(json_object_get(r, "missing")))
			continue;
		missing++;
		wf_notice_unit(c->db, units, json_integer_value(json_object_get(r, "unit_id")), ROLE_LEADER | ROLE_SPECIALIST);
		if (overdue && json_integer_value(json_object_get(r, "parent_id")))
			wf_notice_unit(c->db, above, json_integer_value(json_object_get(r, "parent_id")), ROLE_LEADER);
	}
	json_decref(rows);
	snprintf(text, sizeof text,
	         overdue ? "Đơn vị chưa gửi số liệu kinh tế - xã hội kỳ %s: đã quá hạn (hạn %s)"
	                 : "Sắp đến hạn gửi số liệu kinh tế - xã hội kỳ %s: hạn %s",
	         key, due);
	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", figures_kind.name, "code", key, "what", t->what,
	                 "deadline", DEADLINE, "due", due, "text", text);
	wf_notice_send(c, units, body);
	json_decref(body);
	if (json_object_size(above)) {
		snprintf(text, sizeof text, "%d đơn vị trực thuộc chưa gửi số liệu kỳ %s (hạn %s): xem danh sách chậm gửi",
		         missing, key, due);
		body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", figures_kind.name, "code", key, "what",
		                 "late_units", "deadline", DEADLINE, "due", due, "text", text);
		wf_notice_send(c, above, body);
		json_decref(body);
	}
	audit_log(c, "figures.timer", key,
	          json_pack("{s:s, s:s, s:i, s:I, s:I}", "what", t->what, "due", due, "missing", missing, "notified",
	                    (json_int_t)json_object_size(units), "above", (json_int_t)json_object_size(above)));
	json_decref(units);
	json_decref(above);
}
