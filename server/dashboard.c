/* dashboard.c — the figures of a leader's or supervisor's home screen in
 * one reply: tasks waiting on me (a supervisor, who holds none: the open
 * tasks of the subtree) and how many of them are overdue, overdue tasks of
 * the subtree, dossiers of the subtree due today and overdue; documents
 * waiting for my directive, overdue in my subtree, drafts waiting for my
 * signature (issue 15). Each figure
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

/* documents (issue 15): how many rows the list handler h gives for its
 * queue, asked as the TUI's document screens ask it. */
static json_int_t s_rows(srv_ctx_t *c, srv_handler_t h, const char *queue, const char *key, proto_err_t *e)
{
	json_t *r = s_ask(c, h, json_pack("{s:s, s:i}", "queue", queue, "limit", 400), e);
	json_int_t n = (json_int_t)json_array_size(json_object_get(r, key));

	json_decref(r);
	return n;
}

/* Documents on the leader's dashboard: waiting for my directive, overdue
 * in my subtree, drafts waiting for my signature. E_OK, or the error of
 * the first list that failed. */
static proto_err_t s_documents(srv_ctx_t *c, json_t *reply)
{
	proto_err_t e = E_OK;
	json_int_t directive = s_rows(c, srv_document_list, "directive", "documents", &e);
	json_int_t overdue = e == E_OK ? s_rows(c, srv_document_list, "overdue", "documents", &e) : 0;
	json_int_t sign = e == E_OK ? s_rows(c, srv_document_outgoing, "approve", "documents", &e) : 0;

	if (e == E_OK)
		json_object_update_new(reply, json_pack("{s:I, s:I, s:I}", "documents_directive", directive,
		                                        "documents_overdue", overdue, "drafts_to_sign", sign));
	return e;
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
	if (dossiers && (e = s_documents(c, *reply)) != E_OK) { /* documents (issue 15) */
		json_decref(*reply);
		*reply = NULL;
	}
	json_decref(mine);
	json_decref(overdue);
	json_decref(dossiers);
	return e;
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
