/* task_act.c — changing a task: an action of its workflow (start, report
 * progress or completion, ask for and grant or refuse an extension,
 * accept, return, cancel), and the thread of directives and comments.
 * Each is one transaction (dispatch opens it): check through the engine,
 * write the row, the history and the audit row, reset the timers, then
 * queue task.changed to everyone who may see the task. */
#include <string.h>

#include "audit.h"
#include "task.h"

/* The task named by the request, seen by c, who must be allowed to change
 * tasks at all (supervisors only watch). */
static proto_err_t s_find(srv_ctx_t *c, const json_t *req, task_t *t)
{
	proto_err_t e = task_load_visible(c, req, t);

	if (e != E_OK)
		return e;
	if (!task_worker(c)) {
		snprintf(c->detail, sizeof c->detail, "Vai trò giám sát chỉ theo dõi, không thay đổi nhiệm vụ");
		task_clear(t);
		return E_NOT_ALLOWED;
	}
	return E_OK;
}

/* Reply with the task's card as it is now. */
static proto_err_t s_reply(srv_ctx_t *c, int64_t id, json_t **reply)
{
	task_t t;
	if (task_load(c->db, NULL, id, &t) != 0)
		return E_INTERNAL;
	*reply = task_card(c->db, &t, c->now);
	task_clear(&t);
	return E_OK;
}

/* Run `action` of the task workflow on t (wf_apply: the row, the log,
 * the audit row, the timers and task.changed). */
static proto_err_t s_move(srv_ctx_t *c, const json_t *req, task_t *t, const char *action)
{
	const wf_def_t *w = task_workflow();
	wf_inst_t in = {0};
	wf_move_t m;
	proto_err_t e;

	if (!w)
		return E_INTERNAL;
	in.state = t->state;
	in.version = t->version;
	e = wf_plan(c, &task_kind, w, &in, t, action, req, &m);
	if (e == E_CONFLICT)
		c->err_extra = json_pack("{s:o}", "current", task_card(c->db, t, c->now));
	if (e != E_OK)
		return e;
	return wf_apply(c, &task_kind, w, t, &m, action, req);
}

/* A comment, or a directive from who may give one, into t's thread. */
static proto_err_t s_comment(srv_ctx_t *c, const json_t *req, task_t *t, const char *unused)
{
	const char *text = json_string_value(json_object_get(req, "text"));
	bool directive = json_is_true(json_object_get(req, "directive"));

	(void)unused;
	if (!*text) {
		c->bad_field = "text";
		snprintf(c->detail, sizeof c->detail, "Cần nội dung");
		return E_INVALID;
	}
	/* a directive comes from who assigned the work or a leader above it */
	if (directive && !c->console && !task_kind.rules[TASK_BY_ASSIGNER].may(c, t) &&
	    !((c->roles & ROLE_LEADER) && srv_in_scope(c, t->lead_path))) {
		snprintf(c->detail, sizeof c->detail, "Ý kiến chỉ đạo thuộc về người giao việc hoặc lãnh đạo cấp trên");
		return E_NOT_ALLOWED;
	}
	if (store_task_thread_append(c->db, t->id, c->now, c->user_id, directive ? "directive" : "comment", text) !=
	        STORE_OK ||
	    audit_log(c, directive ? "task.directive" : "task.comment", t->code, json_pack("{s:s}", "text", text)) != 0 ||
	    task_changed(c, t->id) != 0)
		return E_INTERNAL;
	return E_OK;
}

/* Change the requested task with change (arg is handed on; it queues
 * task.changed); when it succeeded, reply with the task as it is now. */
static proto_err_t s_change(srv_ctx_t *c, const json_t *req, const char *arg,
                            proto_err_t (*change)(srv_ctx_t *c, const json_t *req, task_t *t, const char *arg),
                            json_t **reply)
{
	task_t t;
	proto_err_t e = s_find(c, req, &t);

	if (e != E_OK)
		return e;
	if ((e = change(c, req, &t, arg)) == E_OK)
		e = s_reply(c, t.id, reply);
	task_clear(&t);
	return e;
}

proto_err_t srv_task_act(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_change(c, req, json_string_value(json_object_get(req, "action")), s_move, reply);
}

/* A progress report is the workflow's `progress` action. */
proto_err_t srv_task_report(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_change(c, req, "progress", s_move, reply);
}

proto_err_t srv_task_comment(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_change(c, req, NULL, s_comment, reply);
}
