/* dashboard.c — the figures of a leader's or supervisor's home screen in
 * one reply: tasks waiting on me (a supervisor, who holds none: the open
 * tasks of the subtree) and how many of them are overdue, overdue tasks of
 * the subtree, dossiers of the subtree due today and overdue. Each figure
 * is counted by the handler of the list its line opens, asked as that
 * line would ask it, so a figure and its list always agree; one round trip
 * crosses the link instead of three, and numbers instead of rows. */
#include <string.h>

#include "dashboard.h"
#include "store/dossier.h"

/* A supervisor who is nothing else: no task ever waits on them. */
static bool s_watcher(const srv_ctx_t *c)
{
	return !c->console && !(c->roles & (ROLE_LEADER | ROLE_SPECIALIST | ROLE_CLERK));
}

/* Run handler h on body (stolen) as c; its reply, or NULL with c's error
 * fields filled (the first failing list fails the dashboard). */
static json_t *s_ask(srv_ctx_t *c, srv_handler_t h, json_t *body, proto_err_t *e)
{
	json_t *reply = NULL;

	*e = h(c, body, &reply);
	json_decref(body);
	if (*e != E_OK) {
		json_decref(reply);
		return NULL;
	}
	return reply;
}

static json_int_t s_flagged(const json_t *rows, const char *key)
{
	const json_t *r;
	size_t i;
	json_int_t n = 0;

	json_array_foreach(rows, i, r) n += json_is_true(json_object_get(r, key));
	return n;
}

proto_err_t srv_dashboard(srv_ctx_t *c, json_t *req, json_t **reply)
{
	char unit[64] = "";
	bool watcher = s_watcher(c);
	proto_err_t e;
	json_t *mine, *overdue, *dossiers;
	store_dossier_unit_t u;

	(void)req;
	if (store_dossier_unit(c->db, c->unit_id, &u) == STORE_OK)
		snprintf(unit, sizeof unit, "%s", u.code);
	mine = watcher ? s_ask(c, srv_board, json_pack("{s:i}", "limit", 0), &e)
	               : s_ask(c, srv_task_list, json_pack("{s:b, s:i}", "mine", 1, "limit", 400), &e);
	if (!mine)
		return e;
	overdue = s_ask(c, srv_task_list, json_pack("{s:s, s:b, s:i}", "unit", unit, "overdue", 1, "limit", 400), &e);
	dossiers = overdue ? s_ask(c, srv_dossier_list, json_pack("{s:s, s:b}", "unit", unit, "counts", 1), &e) : NULL;
	if (dossiers) {
		const json_t *n = json_object_get(dossiers, "counts"), *tasks = json_object_get(mine, "tasks");
		*reply = json_pack("{s:b, s:I, s:I, s:I, s:O, s:O}", "watcher", watcher, "tasks",
		                   watcher ? json_integer_value(json_object_get(json_object_get(mine, "total"), "open"))
		                           : (json_int_t)json_array_size(tasks),
		                   "tasks_mine_overdue", watcher ? 0 : s_flagged(tasks, "overdue"), "tasks_overdue",
		                   (json_int_t)json_array_size(json_object_get(overdue, "tasks")), "dossiers_due_today",
		                   json_object_get(n, "due_today"), "dossiers_overdue", json_object_get(n, "overdue"));
	}
	json_decref(mine);
	json_decref(overdue);
	json_decref(dossiers);
	return dossiers ? E_OK : e;
}

void dashboard_attach(srv_ctx_t *c, json_t *reply)
{
	json_t *d = NULL;

	if (c->must_change || !(c->roles & (ROLE_LEADER | ROLE_SUPERVISOR)))
		return;
	if (srv_dashboard(c, NULL, &d) == E_OK)
		json_object_set_new(reply, "dashboard", d);
	c->bad_field = NULL; /* a figure that failed is asked for again by the client */
	c->detail[0] = 0;
}
