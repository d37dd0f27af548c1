/* task.c — the task row and what every task module shares: loading, who
 * may see and change it, its card, creation, the change sequence boards
 * resynchronise by, and the task kind for the workflow engine (the
 * `assigner` and `lead` rules, the effects of task.yaml, its timers). */
#include "task.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "db.h"
#include "org.h"
#include "push.h"
#include "rowset.h"
#include "series.h"
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

#define SQL_TASK                                                                                                           \
	"SELECT t.id, t.version, t.seq, t.code, t.title, t.description, t.source, t.source_ref, t.refs, t.priority, "      \
	"coalesce(t.assigner_id, 0), coalesce(a.username, 'console'), coalesce(a.name, 'Máy chủ (nhiệm vụ định " \
	"kỳ)'), "                                                                                                        \
	"t.assigner_unit, au.path, t.lead_unit, lu.code, lu.name, lu.path, coalesce(t.lead_user, 0), "                     \
	"coalesce(p.username, ''), coalesce(p.name, ''), coalesce(t.parent_id, 0), coalesce(pt.code, ''), "                \
	"coalesce(t.recurring_id, 0), coalesce(t.period, ''), t.state, t.percent, t.deadline, t.original_deadline, "       \
	"coalesce(t.proposed, 0), t.created, coalesce(t.done_at, 0), coalesce(t.finished, 0), coalesce(t.grade, '') "      \
	"FROM tasks t JOIN units au ON au.id = t.assigner_unit JOIN units lu ON lu.id = t.lead_unit "                      \
	"LEFT JOIN users a ON a.id = t.assigner_id LEFT JOIN users p ON p.id = t.lead_user "                               \
	"LEFT JOIN tasks pt ON pt.id = t.parent_id "
static const char SQL_BY_CODE[] = SQL_TASK "WHERE t.code = ?";
static const char SQL_BY_ID[] = SQL_TASK "WHERE t.id = ?";
static const char SQL_COOP[] = "SELECT u.code, u.name, u.path FROM task_units tu JOIN units u ON u.id = tu.unit_id "
                               "WHERE tu.task_id = ? AND tu.role = 'coop' ORDER BY u.path";

#define TXT(i) ((const char *)sqlite3_column_text(st, i))
#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", TXT(i))
#define INT(i) sqlite3_column_int64(st, i)

static void s_row(sqlite3_stmt *st, task_t *t)
{
	t->id = INT(0);
	t->version = INT(1);
	t->seq = INT(2);
	COPY(t->code, 3);
	COPY(t->title, 4);
	t->description = strdup(TXT(5));
	COPY(t->source, 6);
	COPY(t->source_ref, 7);
	t->refs = json_loads(TXT(8), 0, NULL);
	COPY(t->priority, 9);
	t->assigner_id = INT(10);
	COPY(t->assigner, 11);
	COPY(t->assigner_name, 12);
	t->assigner_unit = INT(13);
	COPY(t->assigner_path, 14);
	t->lead_unit = INT(15);
	COPY(t->lead_code, 16);
	COPY(t->lead_name, 17);
	COPY(t->lead_path, 18);
	t->lead_user = INT(19);
	COPY(t->lead_username, 20);
	COPY(t->lead_user_name, 21);
	t->parent_id = INT(22);
	COPY(t->parent_code, 23);
	t->recurring_id = INT(24);
	COPY(t->period, 25);
	COPY(t->state, 26);
	t->percent = (int)INT(27);
	t->deadline = INT(28);
	t->original_deadline = INT(29);
	t->proposed = INT(30);
	t->created = INT(31);
	t->done_at = INT(32);
	t->finished = INT(33);
	COPY(t->grade, 34);
}

int task_load(store_t *db, const char *code, int64_t id, task_t *t)
{
	sqlite3_stmt *st = code ? db_q(db, SQL_BY_CODE, "s", code) : db_q(db, SQL_BY_ID, "i", id);
	int rc = -1;

	memset(t, 0, sizeof *t);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		s_row(st, t);
		rc = 0;
	}
	if (st)
		sqlite3_reset(st);
	if (rc == 0) {
		t->coop = db_rows(db_q(db, SQL_COOP, "i", t->id));
		if (!t->refs)
			t->refs = json_array();
	}
	return rc;
}

void task_clear(task_t *t)
{
	free(t->description);
	json_decref(t->refs);
	json_decref(t->coop);
	t->description = NULL;
	t->refs = t->coop = NULL;
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

const wf_kind_t task_kind = {
    .name = "task",
    .noun = "nhiệm vụ",
    .Noun = "Nhiệm vụ",
    .may = {[WF_BY_ASSIGNER] = s_may_assigner, [WF_BY_LEAD] = s_may_lead},
    .who = {[WF_BY_ASSIGNER] = "người giao nhiệm vụ (hoặc lãnh đạo đơn vị giao)",
            [WF_BY_LEAD] = "cán bộ, đơn vị chủ trì nhiệm vụ"},
    .path = s_path,
    .effects = s_effects,
    .on_timer = s_on_timer,
    .requires = s_requires,
};

/* --- the card --- */

/* Roll-up of t's sub-tasks, or NULL when it has none. */
static json_t *s_rollup(store_t *db, int64_t id, int64_t now)
{
	static const char sql[] = "SELECT count(*), coalesce(sum(finished IS NOT NULL AND grade IS NOT NULL), 0), "
	                          "coalesce(sum(finished IS NULL AND done_at IS NULL AND deadline < ?), 0), "
	                          "coalesce(sum(finished IS NOT NULL AND grade IS NULL), 0), coalesce(avg(percent), 0) "
	                          "FROM tasks WHERE parent_id = ?";
	sqlite3_stmt *st = db_q(db, sql, "ii", now, id);
	json_t *r = NULL;

	if (st && sqlite3_step(st) == SQLITE_ROW && INT(0) > 0)
		r = json_pack("{s:I, s:I, s:I, s:I, s:i}", "total", (json_int_t)INT(0), "done", (json_int_t)INT(1),
		              "overdue", (json_int_t)INT(2), "cancelled", (json_int_t)INT(3), "percent",
		              (int)(sqlite3_column_double(st, 4) + 0.5));
	if (st)
		sqlite3_reset(st);
	return r;
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
	sqlite3_stmt *st = db_q(c->db, "SELECT told_state, told_overdue FROM tasks WHERE id = ?", "i", id);
	json_t *was = NULL;

	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		was = json_pack("{s:s, s:b}", "state", TXT(0), "overdue", (int)INT(1));
	if (st)
		sqlite3_reset(st);
	return was ? was : json_null();
}

int task_changed(srv_ctx_t *c, int64_t task_id)
{
	static const char sql_seq[] =
	    "UPDATE tasks SET seq = ?, told_state = state, "
	    "told_overdue = (finished IS NULL AND done_at IS NULL AND deadline < ?) WHERE id = ?";
	int64_t seq;
	json_t *was = s_was(c, task_id);
	task_t t;
	int rc = -1;

	if (series_next(c->db, "task.change", 0, NULL, &seq) != 0 ||
	    db_exec(c->db, sql_seq, "iii", seq, c->now, task_id) != SQLITE_DONE ||
	    task_load(c->db, NULL, task_id, &t) != 0) {
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

int task_log(srv_ctx_t *c, int64_t task_id, const char *action, const char *from, const char *to, int percent,
             int64_t deadline, const char *note)
{
	return db_exec(
	           c->db,
	           "INSERT INTO task_log(task_id, at, user_id, action, from_state, to_state, percent, deadline, note) "
	           "VALUES(?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, -1), NULLIF(?, 0), ?)",
	           "iiisssiis", task_id, c->now, c->user_id, action, from, to, (int64_t)percent, deadline,
	           note ? note : "") == SQLITE_DONE
	           ? 0
	           : -1;
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
	static const char sql[] =
	    "INSERT INTO tasks(code, title, description, source, source_ref, refs, priority, assigner_id, "
	    "assigner_unit, lead_unit, lead_user, parent_id, recurring_id, period, wf_version, state, deadline, "
	    "original_deadline, created, seq) VALUES(?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, 0), "
	    "NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, ?, ?, 0)";
	static const char sql_unit[] = "INSERT OR IGNORE INTO task_units(task_id, unit_id, role) VALUES(?, ?, ?)";
	const wf_def_t *w = task_workflow();
	char *refs = NULL;
	int rc;

	if (!w || s_next_code(c, code, ncode) != 0)
		return E_INTERNAL;
	refs = s->refs ? json_dumps(s->refs, JSON_COMPACT) : NULL;
	rc = db_exec(c->db, sql, "sssssssiiiiiisisiii", code, s->title, s->description ? s->description : "", s->source,
	             s->source_ref ? s->source_ref : "", refs ? refs : "[]", s->priority, s->assigner_id,
	             s->assigner_unit, s->lead_unit, s->lead_user, s->parent_id, s->recurring_id,
	             s->period ? s->period : "", (int64_t)w->version, w->initial, s->deadline, s->deadline, c->now);
	free(refs);
	if (rc == SQLITE_CONSTRAINT)
		return E_EXISTS;
	if (rc != SQLITE_DONE)
		return E_INTERNAL;
	*id = db_last_id(c->db);
	if (db_exec(c->db, sql_unit, "iis", *id, s->assigner_unit, "assigner") != SQLITE_DONE ||
	    db_exec(c->db, sql_unit, "iis", *id, s->lead_unit, "lead") != SQLITE_DONE)
		return E_INTERNAL;
	for (unsigned i = 0; i < s->ncoop; i++)
		if (db_exec(c->db, sql_unit, "iis", *id, s->coop[i], "coop") != SQLITE_DONE)
			return E_INTERNAL;
	if (task_log(c, *id, "assign", NULL, w->initial, -1, s->deadline, "") != 0 ||
	    audit_log(c, "task.add", code,
	              json_pack("{s:s, s:I, s:I, s:s?}", "title", s->title, "lead_unit", (json_int_t)s->lead_unit,
	                        "deadline", (json_int_t)s->deadline, "period", s->period)) != 0 ||
	    task_changed(c, *id) != 0)
		return E_INTERNAL;
	return E_OK;
}

/* --- finding tasks: lists and boards --- */

/* Which subtree, as a range of unit paths [?2, ?14), and what is tested
 * for it: the task has a unit of one of ?1's roles in the range, or ?3
 * assigned or leads it. No test when the subtree holds every unit; else
 * through the task links of the scope's units (task_units_unit), walked
 * to their tasks when they are few; when they are many, each task of the
 * window is looked up: its lead unit (carried by tasks_window) among the
 * scope's units, or its id among the other links (+ keeps the planner
 * from walking them). */
#define TF_SCOPE_UNITS "(SELECT id FROM units WHERE path >= ?2 AND path < ?14)"
#define TF_ALL "1"
#define TF_UNITS                                                                                                       \
	"t.id IN (SELECT tu.task_id FROM task_units tu WHERE tu.unit_id IN " TF_SCOPE_UNITS " "                        \
	"AND instr(?1, ',' || tu.role || ',') > 0)"
#define TF_MEMBER                                                                                                      \
	"(instr(?1, ',lead,') > 0 AND +t.lead_unit IN " TF_SCOPE_UNITS ") OR +t.id IN (SELECT tu.task_id FROM "        \
	"task_units tu WHERE tu.unit_id IN " TF_SCOPE_UNITS                                                            \
	" AND tu.role <> 'lead' AND instr(?1, ',' || tu.role || ',') > 0)"
#define TF_EACH                                                                                                        \
	"EXISTS (SELECT 1 FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = t.id "               \
	"AND instr(?1, ',' || tu.role || ',') > 0 AND u.path >= ?2 AND u.path < ?14)"
/* What drives the walk: the window of open and recently finished tasks,
 * one range of tasks_window (0009), which carries every column a board
 * reads; the few open tasks tied to a unit or an official ("mine"); or
 * the scope (+ keeps the window off the index). */
#define TF_WINDOW "coalesce(t.finished, 9223372036854775807) >= ?11"
#define TF_NOWINDOW "(+t.finished IS NULL OR +t.finished >= ?11)"
#define TF_MINE                                                                                                        \
	TF_NOWINDOW " AND t.finished IS NULL AND (t.lead_unit = ?12 OR t.assigner_unit = ?12 OR t.lead_user = ?3 "     \
	            "OR t.assigner_id = ?3)"
#define TF_WHERE(scope, drive)                                                                                         \
	"FROM tasks t WHERE (" scope " OR t.assigner_id = ?3 OR t.lead_user = ?3) AND " drive " "                      \
	"AND (?4 = '' OR t.state = ?4) "                                                                               \
	"AND (?5 = 0 OR (t.finished IS NULL AND t.done_at IS NULL AND t.deadline < ?6)) "                              \
	"AND (?7 = 0 OR t.assigner_id = ?7) AND (?8 = 0 OR t.lead_user = ?8) "                                         \
	"AND (?9 = '' OR t.priority = ?9) AND (?10 = '' OR t.source = ?10) "
/* The order of a list and of a board's column: open first, overdue first,
 * then by deadline to the minute (as cards show it) and code — the order a
 * client keeps when it places a changed card. */
#define TF_ORDER "(t.finished IS NULL AND t.done_at IS NULL AND t.deadline < ?6) DESC, t.deadline / 60, t.code"
#define TF_IDS(scope, drive)                                                                                           \
	"SELECT t.id " TF_WHERE(scope, drive) "ORDER BY t.finished IS NOT NULL, " TF_ORDER " LIMIT ?13 OFFSET ?15"
#define TF_COUNTS(scope, drive) "SELECT t.state, count(*) " TF_WHERE(scope, drive) "GROUP BY t.state"
#define TF_SQL(q)                                                                                                      \
	{                                                                                                              \
		q(TF_ALL, TF_WINDOW), q(TF_ALL, TF_NOWINDOW), q(TF_ALL, TF_MINE), q(TF_UNITS, TF_NOWINDOW),            \
		    q(TF_MEMBER, TF_WINDOW), q(TF_EACH, TF_MINE)                                                       \
	}

enum { TF_V_ALL = 0, TF_V_UNITS = 3, TF_V_MEMBER = 4, TF_V_MINE = 5 };
static const char *const s_sql_ids[] = TF_SQL(TF_IDS), *const s_sql_counts[] = TF_SQL(TF_COUNTS);

/* A window of a subtree whose units hold fewer task links than this is
 * read through them; a larger one is walked and each task looked up. */
#define TASKS_SMALL 1500

bool task_scope_all(srv_ctx_t *c, const char *path)
{
	static const char sql[] = "SELECT NOT EXISTS (SELECT 1 FROM units WHERE path < ?1 OR path >= ?2)";
	char hi[512];

	task_range_end(path, hi, sizeof hi);
	return db_int(c->db, sql, 0, "ss", path, hi) != 0;
}

void task_range_end(const char *path, char *hi, size_t n)
{
	snprintf(hi, n, "%s", path);
	if (*hi)
		hi[strlen(hi) - 1] = '/' + 1; /* "/1/4/" .. "/1/40" */
}

/* Which of the statements above serves f: all (by its driver), mine, or
 * the scope's units (few links, or no window to walk) or the window with
 * a lookup in the scope's set. */
static int s_variant(srv_ctx_t *c, const task_filter_t *f, const char *hi)
{
	static const char sql_links[] = "SELECT count(*) FROM (SELECT 1 FROM task_units WHERE unit_id IN "
	                                "(SELECT id FROM units WHERE path >= ?1 AND path < ?2) LIMIT ?3)";

	if (task_scope_all(c, f->path))
		return TF_V_ALL + (f->mine_unit ? 2 : f->closed_since > 0 ? 0 : 1);
	if (f->mine_unit)
		return TF_V_MINE;
	if (f->closed_since > 0 &&
	    db_int(c->db, sql_links, TASKS_SMALL, "ssi", f->path, hi, (int64_t)TASKS_SMALL) >= TASKS_SMALL)
		return TF_V_MEMBER;
	return TF_V_UNITS;
}

sqlite3_stmt *task_query(srv_ctx_t *c, task_filter_t *f, bool counts)
{
	char hi[512];
	int np;
	sqlite3_stmt *st;

	task_range_end(f->path, hi, sizeof hi);
	if (!f->plan) /* the same subtree and window: the same way (a board asks twice) */
		f->plan = s_variant(c, f, hi) + 1;
	if (!(st = db_stmt(c->db, (counts ? s_sql_counts : s_sql_ids)[f->plan - 1])))
		return NULL;
	np = sqlite3_bind_parameter_count(st);
	/* each statement names the parameters it tests: bind those */
	const struct {
		char kind;
		const char *s;
		int64_t i;
	} p[] = {{'s', f->roles, 0},
	         {'s', f->path, 0},
	         {'i', NULL, f->me},
	         {'s', f->state ? f->state : "", 0},
	         {'i', NULL, f->overdue},
	         {'i', NULL, c->now},
	         {'i', NULL, f->assigner},
	         {'i', NULL, f->person},
	         {'s', f->priority ? f->priority : "", 0},
	         {'s', f->source ? f->source : "", 0},
	         {'i', NULL, f->closed_since},
	         {'i', NULL, f->mine_unit},
	         {'i', NULL, f->max > 0 ? f->max : 2000},
	         {'s', hi, 0},
	         {'i', NULL, f->offset}};
	for (int i = 0; i < np && i < (int)N(p); i++)
		if ((p[i].kind == 's' ? sqlite3_bind_text(st, i + 1, p[i].s, -1, SQLITE_TRANSIENT)
		                      : sqlite3_bind_int64(st, i + 1, p[i].i)) != SQLITE_OK)
			return NULL;
	return st;
}

json_t *task_find(srv_ctx_t *c, task_filter_t *f)
{
	sqlite3_stmt *st = task_query(c, f, false);
	json_t *ids = json_array();

	while (st && sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
	if (st)
		sqlite3_reset(st);
	return ids;
}
