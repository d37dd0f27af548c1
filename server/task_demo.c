/* task_demo.c — demo tasks for `congvud admin DIR demo`: forms/demo/
 * tasks.json played through the very handlers the wire runs, each step
 * as the official it names, so a demo board has work in several columns,
 * a sub-task roll-up, a pending extension and a recurring report (which
 * the server itself generates once it serves). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "session.h"
#include "task.h"

/* c acting as the official `username`; 0 when there is one. */
static int s_as(store_t *db, const srv_config_t *cfg, const char *username, srv_ctx_t *c)
{
	int64_t uid = 0;

	memset(c, 0, sizeof *c);
	c->db = db;
	c->cfg = cfg;
	c->now = clock_now();
	c->principal = "console";
	if (store_task_person(db, username ? username : "", &uid, NULL, NULL) != STORE_OK || session_load_user(c, uid) != 0) {
		c->user_id = 0;
		return -1;
	}
	return 0;
}

/* A "deadline_days" / "new_deadline_days" key of x as the date that many
 * days from now, under `key` in body. */
static void s_days(json_t *body, const json_t *x, const char *from, const char *key, int64_t now)
{
	json_t *d = json_object_get(x, from);
	char buf[32];

	if (!json_is_integer(d))
		return;
	wf_time(now + json_integer_value(d) * 86400, buf, sizeof buf);
	buf[10] = 0;
	json_object_set_new(body, key, json_string(buf));
}

/* Run one handler as `username` in its own transaction. The reply (when
 * wanted) in *reply. 0 on success. */
int task_demo_run(store_t *db, const srv_config_t *cfg, const char *username, srv_handler_t h, json_t *body,
                 json_t **reply)
{
	srv_ctx_t c;
	json_t *out = NULL;
	proto_err_t e = E_NOT_FOUND;

	if (s_as(db, cfg, username, &c) == 0 && store_begin(db) == STORE_OK) {
		e = h(&c, body, &out);
		if (e == E_OK && store_commit(db) == STORE_OK)
			e = E_OK;
		else {
			store_rollback(db);
			if (e == E_OK)
				e = E_INTERNAL;
		}
	}
	if (e != E_OK)
		fprintf(stderr, "congvud: mẫu nhiệm vụ (%s): %s%s%s\n", username ? username : "?", proto_err_msg(e),
		        c.detail[0] ? " — " : "", c.detail);
	json_decref(c.events);
	json_decref(c.err_extra);
	if (reply)
		*reply = out;
	else
		json_decref(out);
	json_decref(body);
	return e == E_OK ? 0 : -1;
}

/* One follow-up step on task `code`: act, report, comment or sub-task. */
static int s_step(store_t *db, const srv_config_t *cfg, const char *code, const json_t *s, int64_t now)
{
	const char *as = json_string_value(json_object_get(s, "as"));
	json_t *b = json_pack("{s:s}", "code", code), *v;

	if ((v = json_object_get(s, "act"))) {
		json_object_set(b, "action", v);
		json_object_set(b, "note", json_object_get(s, "note"));
		s_days(b, s, "new_deadline_days", "new_deadline", now);
		if (json_is_null(json_object_get(b, "note")))
			json_object_del(b, "note");
		return task_demo_run(db, cfg, as, srv_task_act, b, NULL);
	}
	if ((v = json_object_get(s, "report"))) {
		json_object_set(b, "percent", v);
		json_object_set(b, "note", json_object_get(s, "note"));
		return task_demo_run(db, cfg, as, srv_task_report, b, NULL);
	}
	if ((v = json_object_get(s, "comment"))) {
		json_object_set(b, "text", v);
		json_object_set_new(b, "directive", json_boolean(json_is_true(json_object_get(s, "directive"))));
		return task_demo_run(db, cfg, as, srv_task_comment, b, NULL);
	}
	if ((v = json_object_get(s, "sub"))) {
		json_decref(b);
		b = json_deep_copy(v);
		json_object_del(b, "deadline_days");
		json_object_set_new(b, "parent", json_string(code));
		s_days(b, v, "deadline_days", "deadline", now);
		return task_demo_run(db, cfg, as, srv_task_add, b, NULL);
	}
	json_decref(b);
	return -1;
}

int task_demo(store_t *db, const srv_config_t *cfg, const char *file, int *ntasks)
{
	json_error_t je;
	json_t *demo = json_load_file(file, 0, &je), *t, *s, *reply;
	int64_t now = clock_now();
	size_t i, k;
	int rc = 0;

	*ntasks = 0;
	if (!demo) {
		fprintf(stderr, "congvud: %s:%d: %s\n", file, je.line, je.text);
		return -1;
	}
	json_array_foreach(json_object_get(demo, "tasks"), i, t)
	{
		json_t *b = json_deep_copy(json_object_get(t, "add"));
		char code[32];
		json_object_del(b, "deadline_days");
		s_days(b, json_object_get(t, "add"), "deadline_days", "deadline", now);
		if (task_demo_run(db, cfg, json_string_value(json_object_get(t, "as")), srv_task_add, b, &reply) != 0) {
			rc = -1;
			break;
		}
		snprintf(code, sizeof code, "%s", json_string_value(json_object_get(reply, "code")));
		json_decref(reply);
		(*ntasks)++;
		json_array_foreach(json_object_get(t, "then"), k, s)
		{
			if (s_step(db, cfg, code, s, now) != 0)
				rc = -1;
		}
	}
	json_array_foreach(json_object_get(demo, "recurring"), i, t)
	{
		if (rc == 0 && task_demo_run(db, cfg, json_string_value(json_object_get(t, "as")), srv_recurring_add,
		                     json_deep_copy(json_object_get(t, "add")), NULL) != 0)
			rc = -1;
	}
	json_decref(demo);
	return rc;
}
