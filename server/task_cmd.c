/* task_cmd.c — assigning a task (or a sub-task of one) and finding tasks:
 * the lists (waiting on me, assigned by me, of a unit's subtree) and one
 * task with its sub-tasks, the actions open to the caller and the newest
 * page of its history and thread (older pages on request: a thread any
 * co-operating unit writes to must not grow a reply past the frame limit).
 * Scope is checked on every unit named and in every query. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "document.h"
#include "dossier.h"
#include "org.h"
#include "task.h"

#define MAX_COOP 20

/* The official who leads: an active user of the lead unit. */
static proto_err_t s_person(srv_ctx_t *c, const char *username, int64_t unit, int64_t *id)
{
	int64_t at = 0;
	bool disabled = false;
	proto_err_t e = E_NOT_FOUND;

	c->bad_field = "person";
	if (store_task_person(c->db, username, id, &at, &disabled) == STORE_OK)
		e = at == unit && !disabled ? E_OK : E_INVALID;
	if (e == E_INVALID)
		snprintf(c->detail, sizeof c->detail, "Cán bộ %s không thuộc đơn vị chủ trì hoặc đã bị khóa", username);
	if (e == E_OK)
		c->bad_field = NULL;
	return e;
}

static proto_err_t s_invalid(srv_ctx_t *c, const char *field, const char *detail)
{
	c->bad_field = field;
	snprintf(c->detail, sizeof c->detail, "%s", detail);
	return E_INVALID;
}

/* The parent of a sub-task: open, seen by c, and led by c as a leader (the
 * lead unit's leader or the lead person splits the work for units below). */
static proto_err_t s_parent(srv_ctx_t *c, const char *code, task_t *p)
{
	if (task_load(c->db, code, 0, p) != 0) {
		c->bad_field = "parent";
		return E_NOT_FOUND;
	}
	if (!task_visible(c, p))
		return E_OUT_OF_SCOPE;
	if (p->finished)
		return s_invalid(c, "parent", "Nhiệm vụ cha đã đóng");
	if (!c->console && !(task_kind.rules[TASK_BY_LEAD].may(c, p) && (c->roles & ROLE_LEADER))) {
		snprintf(c->detail, sizeof c->detail, "Chỉ lãnh đạo chủ trì nhiệm vụ %s được chia nhiệm vụ con",
		         p->code);
		return E_NOT_ALLOWED;
	}
	return E_OK;
}

/* The source of the task: one of the known kinds; a dossier named must
 * exist and be in c's scope. */
static proto_err_t s_source(srv_ctx_t *c, const char *source, const char *ref)
{
	dossier_t d;
	bool ok;

	if (!task_source_name(source) || strcmp(source, "recurring") == 0)
		return s_invalid(c, "source", "Nguồn phải là directive, meeting, dossier, document hoặc other");
	if (strcmp(source, "document") == 0) /* documents (issue 15): the document it handles */
		return document_source(c, ref);
	if (strcmp(source, "dossier") != 0)
		return E_OK;
	if (!ref || dossier_load(c->db, ref, &d) != 0) {
		c->bad_field = "ref";
		snprintf(c->detail, sizeof c->detail, "Không có hồ sơ mã %s", ref ? ref : "(trống)");
		return E_NOT_FOUND;
	}
	ok = dossier_visible(c, &d);
	dossier_clear(&d);
	if (!ok)
		c->bad_field = "ref";
	return ok ? E_OK : E_OUT_OF_SCOPE;
}

/* The co-operating units: in scope, not the lead, each once. */
static proto_err_t s_coop(srv_ctx_t *c, const json_t *codes, int64_t lead, int64_t *ids, unsigned *n)
{
	size_t i;
	json_t *x;
	char path[512];
	proto_err_t e;

	*n = 0;
	json_array_foreach(codes, i, x)
	{
		int64_t id;
		bool dup = false;
		if ((e = task_unit(c, json_string_value(x), "coop", &id, path, sizeof path)) != E_OK)
			return e;
		for (unsigned k = 0; k < *n; k++)
			dup |= ids[k] == id;
		if (id == lead)
			return s_invalid(c, "coop", "Đơn vị chủ trì không đồng thời là đơn vị phối hợp");
		if (!dup && *n < MAX_COOP)
			ids[(*n)++] = id;
	}
	return E_OK;
}

proto_err_t srv_task_add(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *title = json_string_value(json_object_get(req, "title"));
	const char *date = json_string_value(json_object_get(req, "deadline"));
	const char *person = json_string_value(json_object_get(req, "person"));
	const char *parent = json_string_value(json_object_get(req, "parent"));
	const char *priority = json_string_value(json_object_get(req, "priority"));
	const char *source = json_string_value(json_object_get(req, "source"));
	task_spec_t s = {.title = title,
	                 .description = json_string_value(json_object_get(req, "description")),
	                 .priority = priority ? priority : "normal",
	                 .source = source ? source : "directive",
	                 .source_ref = json_string_value(json_object_get(req, "ref")),
	                 .refs = json_object_get(req, "refs"),
	                 .assigner_id = c->user_id,
	                 .assigner_unit = c->unit_id};
	int64_t coop[MAX_COOP], id;
	char path[512], code[32];
	task_t p = {0}, t;
	proto_err_t e;

	if (!c->console && !(task_worker(c) && (c->roles & ROLE_LEADER))) {
		snprintf(c->detail, sizeof c->detail, "Chỉ lãnh đạo được giao nhiệm vụ");
		return E_NOT_ALLOWED;
	}
	if (!*title || strspn(title, " ") == strlen(title))
		return s_invalid(c, "title", "Cần tên nhiệm vụ");
	if ((e = task_unit(c, json_string_value(json_object_get(req, "lead")), "lead", &s.lead_unit, path,
	                   sizeof path)) != E_OK)
		goto done;
	if (c->console)
		s.assigner_unit = s.lead_unit;
	if (person && (e = s_person(c, person, s.lead_unit, &s.lead_user)) != E_OK)
		goto done;
	if ((e = s_coop(c, json_object_get(req, "coop"), s.lead_unit, coop, &s.ncoop)) != E_OK)
		goto done;
	s.coop = coop;
	if (!task_priority_name(s.priority)) {
		e = s_invalid(c, "priority", "Độ ưu tiên phải là normal, high hoặc urgent");
		goto done;
	}
	if ((e = s_source(c, s.source, s.source_ref)) != E_OK)
		goto done;
	s.deadline = wf_day_end(date);
	if (s.deadline < 0) {
		e = s_invalid(c, "deadline", "Hạn không hợp lệ (cần YYYY-MM-DD)");
		goto done;
	}
	if (s.deadline <= c->now) {
		e = s_invalid(c, "deadline", "Hạn phải sau thời điểm hiện tại");
		goto done;
	}
	if (parent) {
		if ((e = s_parent(c, parent, &p)) != E_OK)
			goto done;
		if (s.deadline > p.deadline) {
			e = s_invalid(c, "deadline", "Hạn của nhiệm vụ con không được sau hạn của nhiệm vụ cha");
			goto done;
		}
		s.parent_id = p.id;
	}
	if ((e = task_create(c, &s, &id, code, sizeof code)) != E_OK)
		goto done;
	if (task_load(c->db, NULL, id, &t) != 0) {
		e = E_INTERNAL;
		goto done;
	}
	*reply = task_card(c->db, &t, c->now);
	task_clear(&t);
done:
	task_clear(&p);
	return e;
}

/* --- finding --- */

/* Cards of the tasks with these ids that c may see; only those c must act
 * on now (their state's holder is c) when `mine`; from offset, at most
 * limit. New reference. */
static json_t *s_cards(srv_ctx_t *c, const json_t *ids, bool mine, size_t offset, size_t limit)
{
	const wf_def_t *w = task_workflow();
	json_t *out = json_array(), *x;
	size_t i, skipped = 0;

	json_array_foreach(ids, i, x)
	{
		task_t t;
		const wf_state_t *s;
		bool keep;
		if (json_array_size(out) >= limit || task_load(c->db, NULL, json_integer_value(x), &t) != 0)
			break;
		s = wf_state(w, t.state);
		keep = task_visible(c, &t) &&
		       (!mine || (s && s->holder >= 0 && task_kind.rules[s->holder].may(c, &t)));
		if (keep && skipped++ >= offset)
			json_array_append_new(out, task_card(c->db, &t, c->now));
		task_clear(&t);
	}
	return out;
}

proto_err_t srv_task_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	bool mine = json_is_true(json_object_get(req, "mine"));
	json_int_t limit = json_integer_value(json_object_get(req, "limit"));
	char path[512];
	store_task_filter_t f = {
	    .path = path,
	    .roles = unit ? ",lead,coop," : ",assigner,lead,coop,",
	    .me = unit ? 0 : c->user_id,
	    .state = json_string_value(json_object_get(req, "state")),
	    .overdue = json_is_true(json_object_get(req, "overdue")),
	    .assigner = json_is_true(json_object_get(req, "assigned")) ? (c->user_id ? c->user_id : -1) : 0,
	    .mine_unit = mine ? (c->unit_id ? c->unit_id : -1) : 0};
	proto_err_t e = org_scope(c, unit, path, sizeof path);
	json_t *ids;

	if (e != E_OK)
		return e;
	if (f.state && !wf_state(task_workflow(), f.state)) {
		c->bad_field = "state";
		snprintf(c->detail, sizeof c->detail, "Không có trạng thái \"%s\"", f.state);
		return E_INVALID;
	}
	ids = store_task_find(c->db, &f, c->now);
	*reply = json_pack("{s:o}", "tasks",
	                   s_cards(c, ids, mine, (size_t)json_integer_value(json_object_get(req, "offset")),
	                           limit > 0 ? (size_t)limit : 100));
	json_decref(ids);
	return E_OK;
}

/* --- what grows with a task's life, a page at a time --- */

#define PAGE_ROWS 20 /* rows of each part task.show carries; a page's default */

/* who did what, when: the task's workflow log (wf_timeline) */
static json_t *s_history_rows(srv_ctx_t *c, int64_t task, int64_t before, int limit)
{
	return wf_timeline(c, &task_kind, task_workflow(), task, before, limit, NULL, NULL);
}

static int64_t s_history_count(srv_ctx_t *c, int64_t task)
{
	return wf_timeline_count(c, &task_kind, task);
}

/* the directives and comments */
static json_t *s_thread_rows(srv_ctx_t *c, int64_t task, int64_t before, int limit)
{
	json_t *rows = store_task_thread_page(c->db, task, before, limit), *r;
	size_t i;

	json_array_foreach(rows, i, r) wf_time_field(r, "at");
	return rows;
}

static int64_t s_thread_count(srv_ctx_t *c, int64_t task)
{
	return store_task_thread_count(c->db, task);
}

/* A part of a task read a page at a time: `key`, `total` and `before`
 * name the page, the count and the cursor in a reply; `rows` reads the
 * reply's rows with ids below before (0: from the newest), newest first,
 * at most limit; `count` counts them all. */
typedef struct {
	const char *key, *total, *before;
	json_t *(*rows)(srv_ctx_t *c, int64_t task, int64_t before, int limit);
	int64_t (*count)(srv_ctx_t *c, int64_t task);
} s_part_t;

static const s_part_t s_history = {.key = "history",
                                   .total = "history_total",
                                   .before = "history_before",
                                   .rows = s_history_rows,
                                   .count = s_history_count};
static const s_part_t s_thread = {.key = "thread",
                                  .total = "thread_total",
                                  .before = "thread_before",
                                  .rows = s_thread_rows,
                                  .count = s_thread_count};

/* Into reply: the last `limit` (> 0) rows of part p of task `task` before
 * the row with id `before` (0: the newest), oldest first; the count of all
 * its rows; the cursor of the page before this one (the id of its oldest
 * row), null when the part's first row is in this page. */
static void s_page(srv_ctx_t *c, const s_part_t *p, int64_t task, int64_t before, size_t limit, json_t *reply)
{
	json_t *rows = p->rows(c, task, before, (int)limit + 1);
	json_t *page = json_array();
	size_t n = json_array_size(rows), keep = n > limit ? limit : n;

	assert(limit > 0);
	for (size_t i = keep; i-- > 0;) {
		json_array_append(page, json_array_get(rows, i));
	}
	json_object_set_new(reply, p->key, page);
	json_object_set_new(reply, p->total, json_integer(p->count(c, task)));
	json_object_set_new(reply, p->before,
	                    n > keep ? json_copy(json_object_get(json_array_get(rows, keep - 1), "id")) : json_null());
	json_decref(rows);
}

/* task.history, task.thread: the page of part p before the request's
 * cursor, {code, <page>, <total>, <cursor>}. */
static proto_err_t s_older(srv_ctx_t *c, const json_t *req, const s_part_t *p, json_t **reply)
{
	json_int_t limit = json_integer_value(json_object_get(req, "limit"));
	task_t t;
	proto_err_t e = task_load_visible(c, req, &t);

	if (e != E_OK)
		return e;
	*reply = json_pack("{s:s}", "code", t.code);
	s_page(c, p, t.id, json_integer_value(json_object_get(req, "before")), limit > 0 ? (size_t)limit : PAGE_ROWS,
	       *reply);
	task_clear(&t);
	return E_OK;
}

proto_err_t srv_task_history(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_older(c, req, &s_history, reply);
}

proto_err_t srv_task_thread(srv_ctx_t *c, json_t *req, json_t **reply)
{
	return s_older(c, req, &s_thread, reply);
}

proto_err_t srv_task_show(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const wf_def_t *w = task_workflow();
	task_t t;
	wf_inst_t in = {0};
	json_t *ids, *coop, *u;
	char buf[32];
	size_t i;
	proto_err_t e = task_load_visible(c, req, &t);

	if (e != E_OK)
		return e;
	coop = json_array();
	in.state = t.state;
	in.version = t.version;
	*reply = task_card(c->db, &t, c->now);
	json_object_set_new(*reply, "description", json_string(t.description ? t.description : ""));
	json_object_set_new(*reply, "source_name", json_string(task_source_name(t.source)));
	json_object_set_new(*reply, "source_ref", json_string(t.source_ref));
	json_object_set(*reply, "refs", t.refs);
	json_array_foreach(t.coop, i, u)
	{
		json_array_append_new(coop, json_pack("{s:O, s:O}", "code", json_object_get(u, "code"), "name",
		                                      json_object_get(u, "name")));
	}
	json_object_set_new(*reply, "coop", coop);
	json_object_set_new(*reply, "created", json_string(wf_time(t.created, buf, sizeof buf)));
	json_object_set_new(*reply, "done_at",
	                    t.done_at ? json_string(wf_time(t.done_at, buf, sizeof buf)) : json_null());
	s_page(c, &s_history, t.id, 0, PAGE_ROWS, *reply);
	s_page(c, &s_thread, t.id, 0, PAGE_ROWS, *reply);
	/* the sub-tasks c may see (the roll-up on the card counts them all) */
	ids = store_task_children(c->db, t.id);
	{
		json_t *subs = json_array(), *x;
		json_array_foreach(ids, i, x)
		{
			task_t s;
			if (task_load(c->db, NULL, json_integer_value(x), &s) != 0)
				continue;
			if (task_visible(c, &s))
				json_array_append_new(subs, task_card(c->db, &s, c->now));
			task_clear(&s);
		}
		json_object_set_new(*reply, "subtasks_list", subs);
	}
	json_decref(ids);
	json_object_set_new(*reply, "actions", wf_actions(c, &task_kind, w, &in, &t));
	task_clear(&t);
	return E_OK;
}
