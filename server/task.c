/* task.c — the task row and what every task module shares: loading, who
 * may see and change it, its card, creation, the change sequence boards
 * resynchronise by, and the task kind for the workflow engine (the
 * `assigner` and `lead` rules, the effects of task.yaml, its timers). */
#include "task.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "org.h"
#include "push.h"
#include "rowset.h"
#include "series.h"
#include "store/wflog.h"
#include "worktime.h"

/* --- names --- */

static const struct {
	const char *code, *name;
} s_priorities[] = {{"normal", "Thường"}, {"high", "Quan trọng"}, {"urgent", "Khẩn"}},
  s_sources[] = {{"directive", "Chỉ đạo"}, {"meeting", "Kết luận cuộc họp"}, {"dossier", "Hồ sơ"},
                 {"document", "Văn bản"},  {"recurring", "Định kỳ"},         {"other", "Khác"}};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *task_priority_name(const char *code)
{
	for (size_t i = 0; code && i < N(s_priorities); i++)
		if (strcmp(s_priorities[i].code, code) == 0)
			return s_priorities[i].name;
	return NULL;
}

const char *task_source_name(const char *code)
{
	for (size_t i = 0; code && i < N(s_sources); i++)
		if (strcmp(s_sources[i].code, code) == 0)
			return s_sources[i].name;
	return NULL;
}

/* The unit with this code, which must be in c's subtree: its id and path.
 * E_NOT_FOUND or E_OUT_OF_SCOPE naming `field`. */
proto_err_t task_unit(srv_ctx_t *c, const char *code, const char *field, int64_t *id, char *path, size_t n)
{
	if (org_unit(c->db, code, id, path, n) != 0) {
		c->bad_field = field;
		snprintf(c->detail, sizeof c->detail, "Không có đơn vị mã %s", code);
		return E_NOT_FOUND;
	}
	if (!srv_in_scope(c, path)) {
		c->bad_field = field;
		snprintf(c->detail, sizeof c->detail, "Đơn vị %s không thuộc phạm vi đơn vị của bạn", code);
		return E_OUT_OF_SCOPE;
	}
	return E_OK;
}

/* --- loading --- */

int task_load(store_t *db, const char *code, int64_t id, task_t *t)
{
	return store_task_get(db, code, id, t) == STORE_OK ? 0 : -1;
}

void task_clear(task_t *t)
{
	store_task_clear(t);
}

/* --- who --- */

bool task_worker(const srv_ctx_t *c)
{
	return c->console || (c->roles & (ROLE_LEADER | ROLE_SPECIALIST | ROLE_CLERK));
}

bool task_visible(const srv_ctx_t *c, const task_t *t)
{
	size_t i;
	json_t *u;

	if (c->console || (c->user_id && (c->user_id == t->assigner_id || c->user_id == t->lead_user)))
		return true;
	if (srv_in_scope(c, t->assigner_path) || srv_in_scope(c, t->lead_path))
		return true;
	json_array_foreach(t->coop, i, u)
	{
		if (srv_in_scope(c, json_string_value(json_object_get(u, "path"))))
			return true;
	}
	return false;
}

proto_err_t task_load_visible(srv_ctx_t *c, const json_t *req, task_t *t)
{
	if (task_load(c->db, json_string_value(json_object_get(req, "code")), 0, t) != 0) {
		c->bad_field = "code";
		return E_NOT_FOUND;
	}
	if (!task_visible(c, t)) {
		task_clear(t);
		return E_OUT_OF_SCOPE;
	}
	return E_OK;
}

/* by: assigner — who assigned it, or a leader of the assigning unit. */
static bool s_may_assigner(const srv_ctx_t *c, const void *obj)
{
	const task_t *t = obj;
	return task_worker(c) && ((c->user_id && c->user_id == t->assigner_id) ||
	                          (c->unit_id == t->assigner_unit && (c->roles & ROLE_LEADER)));
}

/* by: lead — the lead person; the lead unit's leader; its specialists when
 * no person is named. */
static bool s_may_lead(const srv_ctx_t *c, const void *obj)
{
	const task_t *t = obj;
	if (!task_worker(c))
		return false;
	if (c->user_id && c->user_id == t->lead_user)
		return true;
	return c->unit_id == t->lead_unit &&
	       ((c->roles & ROLE_LEADER) || (!t->lead_user && (c->roles & ROLE_SPECIALIST)));
}

static const char *s_path(const void *obj)
{
	return ((const task_t *)obj)->lead_path;
}

const wf_def_t *task_workflow(void)
{
	return forms_workflow(catalog_forms(), TASK_WORKFLOW);
}

/* --- effects (forms/workflows/task.yaml) --- */

/* The request's new_deadline as an instant after the current deadline;
 * 0 when absent; -1 (with the error set) when it is not acceptable. */
static int64_t s_new_deadline(srv_ctx_t *c, const task_t *t, const json_t *req)
{
	const char *date = json_string_value(json_object_get(req, "new_deadline"));
	char cur[32];
	int64_t nd;

	if (!date || !*date)
		return 0;
	nd = wf_day_end(date);
	c->bad_field = "new_deadline";
	if (nd < 0) {
		snprintf(c->detail, sizeof c->detail, "Ngày không hợp lệ (cần YYYY-MM-DD): %s", date);
		return -1;
	}
	if (nd <= t->deadline) {
		snprintf(c->detail, sizeof c->detail, "Hạn mới phải sau hạn hiện tại (%s)",
		         wf_time(t->deadline, cur, sizeof cur));
		return -1;
	}
	c->bad_field = NULL;
	return nd;
}

static proto_err_t s_progress(srv_ctx_t *c, void *obj, const json_t *req)
{
	(void)c;
	((task_t *)obj)->percent = (int)json_integer_value(json_object_get(req, "percent"));
	return E_OK;
}

static proto_err_t s_propose(srv_ctx_t *c, void *obj, const json_t *req)
{
	task_t *t = obj;
	int64_t nd = s_new_deadline(c, t, req);
	if (nd <= 0)
		return E_INVALID; /* required by the workflow: absent was caught before */
	t->proposed = nd;
	return E_OK;
}

/* The assigner grants the deadline asked for, or names another. */
static proto_err_t s_extend(srv_ctx_t *c, void *obj, const json_t *req)
{
	task_t *t = obj;
	int64_t nd = s_new_deadline(c, t, req);
	if (nd < 0)
		return E_INVALID;
	if (!nd)
		nd = t->proposed;
	if (nd <= t->deadline) {
		c->bad_field = "new_deadline";
		snprintf(c->detail, sizeof c->detail, "Không có đề nghị gia hạn nào để đồng ý");
		return E_INVALID;
	}
	t->deadline = nd;
	t->proposed = 0;
	return E_OK;
}

static proto_err_t s_refuse_extension(srv_ctx_t *c, void *obj, const json_t *req)
{
	(void)c;
	(void)req;
	((task_t *)obj)->proposed = 0;
	return E_OK;
}

static proto_err_t s_complete(srv_ctx_t *c, void *obj, const json_t *req)
{
	task_t *t = obj;
	(void)req;
	t->done_at = c->now;
	t->percent = 100;
	return E_OK;
}

static proto_err_t s_reopen(srv_ctx_t *c, void *obj, const json_t *req)
{
	(void)c;
	(void)req;
	((task_t *)obj)->done_at = 0;
	return E_OK;
}

static const wf_effect_t s_effects[] = {
    {"progress", s_progress},
    {"propose_deadline", s_propose},
    {"extend", s_extend},
    {"refuse_extension", s_refuse_extension},
    {"complete", s_complete},
    {"reopen", s_reopen},
    {NULL, NULL},
};

/* --- timers --- */

/* The notice of timer tm: to the lead (the person, else the lead unit's
 * leaders); when overdue also to the assigner (or, for a recurring task,
 * the assigning unit's leaders). */
static void s_on_timer(srv_ctx_t *c, const wf_timer_t *tm)
{
	task_t t;
	bool overdue = strcmp(tm->what, "overdue") == 0;
	json_t *set, *body;
	char due[32], rem[64], text[600];

	if (task_load(c->db, NULL, tm->object, &t) != 0)
		return;
	if (t.finished || t.done_at || t.deadline != tm->due) { /* moved on: nothing to say */
		task_clear(&t);
		return;
	}
	set = json_object();
	if (t.lead_user)
		wf_notice_user(set, t.lead_user);
	else
		wf_notice_unit(c->db, set, t.lead_unit, ROLE_LEADER);
	if (overdue && t.assigner_id)
		wf_notice_user(set, t.assigner_id);
	else if (overdue)
		wf_notice_unit(c->db, set, t.assigner_unit, ROLE_LEADER);
	wf_time(tm->due, due, sizeof due);
	wf_remaining(c->now, tm->due, rem, sizeof rem);
	if (overdue)
		snprintf(text, sizeof text, "Nhiệm vụ %s \"%.300s\" đã quá hạn (hạn %s)", t.code, t.title, due);
	else
		snprintf(text, sizeof text, "Nhiệm vụ %s \"%.300s\" sắp đến hạn: %s (hạn %s)", t.code, t.title, rem,
		         due);
	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "task", "code", t.code, "what", tm->what, "deadline",
	                 tm->deadline, "due", due, "text", text);
	wf_notice_send(c, set, body);
	audit_log(
	    c, "task.timer", t.code,
	    json_pack("{s:s, s:s, s:I}", "what", tm->what, "due", due, "notified", (json_int_t)json_object_size(set)));
	task_changed(c, t.id); /* boards mark it overdue now */
	json_decref(body);
	json_decref(set);
	task_clear(&t);
}

static const wf_require_t s_requires[] = {
    {"note", "ghi chú/lý do"},
    {"new_deadline", "hạn mới đề nghị"},
    {"percent", "phần trăm hoàn thành"},
    {NULL, NULL},
};

/* --- how wf_apply reaches a task --- */


/* Graded by when completion was reported against the deadline. */
static bool s_grade_ref(const void *obj, int64_t now, int64_t *done, int64_t *due, bool *late)
{
	const task_t *t = obj;

	*done = t->done_at ? t->done_at : now;
	*due = t->deadline;
	*late = false;
	return !t->finished;
}

static void s_finish(void *obj, int64_t now, const char *grade)
{
	task_t *t = obj;

	t->finished = now;
	if (grade)
		snprintf(t->grade, sizeof t->grade, "%s", grade);
}

/* Someone saved first, or the save failed: the caller may reload and retry. */
static proto_err_t s_save(srv_ctx_t *c, void *obj, const void *was)
{
	(void)was;
	return store_task_save(c->db, obj) == STORE_OK ? E_OK : E_CONFLICT;
}

/* The log keeps the percent a report gave, and a deadline asked for or
 * granted. */
static json_t *s_log_extra(const void *obj, const void *was, const json_t *req)
{
	const task_t *t = obj, *w = was;
	int64_t deadline = 0;
	json_t *x = json_object();

	if (t->proposed && t->proposed != w->proposed)
		deadline = t->proposed;
	else if (t->deadline != w->deadline)
		deadline = t->deadline;
	if (json_object_get(req, "percent"))
		json_object_set_new(x, "percent", json_integer(t->percent));
	if (deadline)
		json_object_set_new(x, "deadline", json_integer(deadline));
	return x;
}

static json_t *s_audit(const void *obj, const char *action, const char *note)
{
	const task_t *t = obj;
	return json_pack("{s:s, s:s, s:s?, s:I}", "action", action, "state", t->state, "note", note, "deadline",
	                 (json_int_t)t->deadline);
}

static int s_after(srv_ctx_t *c, void *obj, const wf_def_t *w, const char *action)
{
	(void)w;
	(void)action;
	return task_changed(c, ((task_t *)obj)->id);
}

static const wf_apply_ops_t s_ops = {
    .at = WF_LAYOUT(task_t),
    .grade_ref = s_grade_ref,
    .finish = s_finish,
    .save = s_save,
    .log_extra = s_log_extra,
    .audit = s_audit,
    .after = s_after,
    .size = sizeof(task_t),
};

/* In the order of task_by_t. */
static const wf_rule_t s_rules[] = {
    [TASK_BY_ASSIGNER] = {"assigner", s_may_assigner, "người giao nhiệm vụ (hoặc lãnh đạo đơn vị giao)"},
    [TASK_BY_LEAD] = {"lead", s_may_lead, "cán bộ, đơn vị chủ trì nhiệm vụ"},
    {NULL, NULL, NULL},
};

const wf_kind_t task_kind = {
    .name = "task",
    .noun = "nhiệm vụ",
    .Noun = "Nhiệm vụ",
    .rules = s_rules,
    .path = s_path,
    .effects = s_effects,
    .on_timer = s_on_timer,
    .requires = s_requires,
    .create_action = "assign",
    .create_label = "Giao nhiệm vụ",
    .ops = &s_ops,
};

/* --- the card --- */

/* Roll-up of t's sub-tasks, or NULL when it has none. */
static json_t *s_rollup(store_t *db, int64_t id, int64_t now)
{
	store_task_rollup_t r;

	if (store_task_rollup(db, id, now, &r) != STORE_OK || r.total == 0)
		return NULL;
	return json_pack("{s:I, s:I, s:I, s:I, s:i}", "total", (json_int_t)r.total, "done", (json_int_t)r.done,
	                 "overdue", (json_int_t)r.overdue, "cancelled", (json_int_t)r.cancelled, "percent",
	                 (int)(r.percent + 0.5));
}

static json_t *s_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *task_card(store_t *db, const task_t *t, int64_t now)
{
	const wf_def_t *w = task_workflow();
	json_t *o = json_object(), *paths = json_array(), *u, *sub;
	bool overdue = !t->finished && !t->done_at && now > t->deadline;
	char buf[32], rem[64];
	size_t i;

	json_array_append_new(paths, json_string(t->lead_path));
	json_array_foreach(t->coop, i, u) json_array_append(paths, json_object_get(u, "path"));
	if (t->finished)
		snprintf(rem, sizeof rem, "%s", "đã đóng");
	else if (t->done_at)
		snprintf(rem, sizeof rem, "%s", "chờ nghiệm thu");
	else
		wf_remaining(now, t->deadline, rem, sizeof rem);
	json_object_set_new(o, "code", json_string(t->code));
	json_object_set_new(o, "title", json_string(t->title));
	json_object_set_new(o, "state", json_string(t->state));
	json_object_set_new(o, "state_name", json_string(wf_state_name(w, t->state)));
	json_object_set_new(o, "priority", json_string(t->priority));
	json_object_set_new(o, "priority_name", s_str_or_null(task_priority_name(t->priority)));
	json_object_set_new(o, "source", json_string(t->source));
	json_object_set_new(o, "lead_unit", json_string(t->lead_code));
	json_object_set_new(o, "lead_unit_name", json_string(t->lead_name));
	json_object_set_new(o, "lead_user", s_str_or_null(t->lead_username));
	json_object_set_new(o, "lead_name", s_str_or_null(t->lead_user_name));
	json_object_set_new(o, "assigner", json_string(t->assigner));
	json_object_set_new(o, "assigner_name", json_string(t->assigner_name));
	json_object_set_new(o, "deadline", json_string(wf_time(t->deadline, buf, sizeof buf)));
	json_object_set_new(o, "original_deadline",
	                    t->original_deadline != t->deadline
	                        ? json_string(wf_time(t->original_deadline, buf, sizeof buf))
	                        : json_null());
	json_object_set_new(o, "proposed_deadline",
	                    t->proposed ? json_string(wf_time(t->proposed, buf, sizeof buf)) : json_null());
	json_object_set_new(o, "remaining", json_string(rem));
	json_object_set_new(o, "overdue", json_boolean(overdue));
	json_object_set_new(o, "percent", json_integer(t->percent));
	json_object_set_new(o, "grade", s_str_or_null(t->grade));
	json_object_set_new(o, "parent", s_str_or_null(t->parent_code));
	json_object_set_new(o, "period", s_str_or_null(t->period));
	if ((sub = s_rollup(db, t->id, now)))
		json_object_set_new(o, "subtasks", sub);
	json_object_set_new(o, "version", json_integer(t->version));
	json_object_set_new(o, "seq", json_integer(t->seq));
	json_object_set_new(o, "paths", paths);
	return o;
}

/* The fields of a card a board uses: to draw it (code, title, priority,
 * deadline, remaining time, progress, the lead unit and official), to
 * filter it (its units' paths, lead official, priority, source, overdue)
 * and to place it (state, seq). A compact board sends them as rows; the
 * task.changed event carries them named. */
const char *const task_board_cols[] = {"code",       "title",      "@state",     "@priority", "@source",
                                       "percent",    "deadline",   "@remaining", "overdue",   "@lead_unit_name",
                                       "@lead_user", "@lead_name", "@paths",     "seq"};
const size_t task_board_ncols = sizeof task_board_cols / sizeof *task_board_cols;

/* --- changes --- */

/* Where t's notices and events go: its assigning, lead and co-operating
 * units. New reference. */
static json_t *s_scopes(const task_t *t)
{
	json_t *a = json_pack("[s, s]", t->assigner_path, t->lead_path), *u;
	size_t i;
	json_array_foreach(t->coop, i, u) json_array_append(a, json_object_get(u, "path"));
	return a;
}

static int s_timers(srv_ctx_t *c, const task_t *t)
{
	const wf_def_t *w = task_workflow();
	const wf_state_t *s = wf_state(w, t->state);
	wf_deadline_t dl = {"deadline", t->deadline};
	bool runs = s && s->clock == CLOCK_RUN && !t->finished && !t->done_at;

	return wf_timers_set(c, task_kind.name, t->id, w ? w->due_soon_hours : 0, &dl, runs ? 1 : 0);
}

/* Where the previous task.changed of task id put it ({state, overdue}),
 * or null for a new task: a board that never loaded the card moves its
 * count from there. */
static json_t *s_was(srv_ctx_t *c, int64_t id)
{
	char state[32];
	bool overdue;

	if (store_task_told(c->db, id, state, sizeof state, &overdue) != STORE_OK)
		return json_null();
	return json_pack("{s:s, s:b}", "state", state, "overdue", (int)overdue);
}

int task_changed(srv_ctx_t *c, int64_t task_id)
{
	int64_t seq;
	json_t *was = s_was(c, task_id);
	task_t t;
	int rc = -1;

	if (series_next(c->db, "task.change", 0, NULL, &seq) != 0 ||
	    store_task_set_seq(c->db, task_id, seq, c->now) != STORE_OK || task_load(c->db, NULL, task_id, &t) != 0) {
		json_decref(was);
		return -1;
	}
	if (s_timers(c, &t) == 0) {
		json_t *card = task_card(c->db, &t, c->now);
		push_event_scopes(c, EV_task_changed,
		                  json_pack("{s:I, s:s, s:o, s:o}", "seq", (json_int_t)seq, "code", t.code, "card",
		                            rowset_pick(task_board_cols, task_board_ncols, card), "was", was),
		                  s_scopes(&t));
		json_decref(card);
		was = NULL;
		rc = t.parent_id ? task_changed(c, t.parent_id) : 0; /* its roll-up moved */
	}
	json_decref(was);
	task_clear(&t);
	return rc;
}

/* The next code of the local year: NV-2026-0001, from the yearly series "task". */
static int s_next_code(srv_ctx_t *c, char *out, size_t n)
{
	char year[16];
	int64_t seq;

	series_period(c->now, wt_utc_offset(catalog_calendar()), SERIES_YEAR, year, sizeof year);
	if (series_next(c->db, "task", 0, year, &seq) != 0)
		return -1;
	snprintf(out, n, "NV-%s-%04lld", year, (long long)seq);
	return 0;
}

proto_err_t task_create(srv_ctx_t *c, const task_spec_t *s, int64_t *id, char *code, size_t ncode)
{
	const wf_def_t *w = task_workflow();
	store_rc_t rc;

	if (!w || s_next_code(c, code, ncode) != 0)
		return E_INTERNAL;
	rc = store_task_insert(c->db, s, code, w->version, w->initial, c->now, id);
	if (rc != STORE_OK)
		return rc == STORE_EXISTS ? E_EXISTS : E_INTERNAL;
	json_t *extra = json_pack("{s:I}", "deadline", (json_int_t)s->deadline);
	int logged = wf_log_create(
	        c, &task_kind,
	        &(store_wflog_t){.object = *id, .to_state = w->initial, .to_step = -1, .note = "", .extra = extra});

	json_decref(extra);
	if (logged != 0 ||
	    audit_log(c, "task.add", code,
	              json_pack("{s:s, s:I, s:I, s:s?}", "title", s->title, "lead_unit", (json_int_t)s->lead_unit,
	                        "deadline", (json_int_t)s->deadline, "period", s->period)) != 0 ||
	    task_changed(c, *id) != 0)
		return E_INTERNAL;
	return E_OK;
}
