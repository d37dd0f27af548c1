/* task.c — the SQLite driver's tasks (store/task.h): the task row with its
 * units, its history and thread, and the selections of lists and boards. */
#include "store/task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "task_scope.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static store_rc_t s_step_rc(int rc)
{
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NONE : STORE_ERROR;
}

/* --- the task --- */

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

static void s_row(sqlite3_stmt *st, store_task_t *t)
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

store_rc_t store_task_get(store_t *s, const char *code, int64_t id, store_task_t *t)
{
	sqlite3_stmt *st = code ? db_q(s, SQL_BY_CODE, "s", code) : db_q(s, SQL_BY_ID, "i", id);
	store_rc_t rc = s_step_rc(st ? sqlite3_step(st) : SQLITE_ERROR);

	memset(t, 0, sizeof *t);
	if (rc == STORE_OK)
		s_row(st, t);
	if (st)
		sqlite3_reset(st);
	if (rc == STORE_OK) {
		t->coop = db_rows(db_q(s, SQL_COOP, "i", t->id));
		if (!t->refs)
			t->refs = json_array();
	}
	return rc;
}

void store_task_clear(store_task_t *t)
{
	free(t->description);
	json_decref(t->refs);
	json_decref(t->coop);
	t->description = NULL;
	t->refs = t->coop = NULL;
}

store_rc_t store_task_insert(store_t *s, const store_task_spec_t *p, const char *code, int wf_version,
                             const char *state, int64_t now, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO tasks(code, title, description, source, source_ref, refs, priority, assigner_id, "
	    "assigner_unit, lead_unit, lead_user, parent_id, recurring_id, period, wf_version, state, deadline, "
	    "original_deadline, created, seq) VALUES(?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, 0), "
	    "NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, ?, ?, 0)";
	static const char sql_unit[] = "INSERT OR IGNORE INTO task_units(task_id, unit_id, role) VALUES(?, ?, ?)";
	char *refs = p->refs ? json_dumps(p->refs, JSON_COMPACT) : NULL;
	int rc = db_exec(s, sql, "sssssssiiiiiisisiii", code, p->title, p->description ? p->description : "", p->source,
	                 p->source_ref ? p->source_ref : "", refs ? refs : "[]", p->priority, p->assigner_id,
	                 p->assigner_unit, p->lead_unit, p->lead_user, p->parent_id, p->recurring_id,
	                 p->period ? p->period : "", (int64_t)wf_version, state, p->deadline, p->deadline, now);

	free(refs);
	if (rc != SQLITE_DONE)
		return db_rc(rc);
	*id = db_last_id(s);
	if (db_exec(s, sql_unit, "iis", *id, p->assigner_unit, "assigner") != SQLITE_DONE ||
	    db_exec(s, sql_unit, "iis", *id, p->lead_unit, "lead") != SQLITE_DONE)
		return STORE_ERROR;
	for (unsigned i = 0; i < p->ncoop; i++)
		if (db_exec(s, sql_unit, "iis", *id, p->coop[i], "coop") != SQLITE_DONE)
			return STORE_ERROR;
	return STORE_OK;
}

store_rc_t store_task_save(store_t *s, const store_task_t *t)
{
	static const char sql[] =
	    "UPDATE tasks SET state = ?, percent = ?, deadline = ?, proposed = NULLIF(?, 0), done_at = NULLIF(?, "
	    "0), "
	    "finished = NULLIF(?, 0), grade = NULLIF(?, ''), version = version + 1 WHERE id = ? AND version = ?";
	int rc = db_exec(s, sql, "siiiiisii", t->state, (int64_t)t->percent, t->deadline, t->proposed, t->done_at,
	                 t->finished, t->grade, t->id, t->version);

	if (rc != SQLITE_DONE)
		return STORE_ERROR;
	return db_changes(s) == 1 ? STORE_OK : STORE_STALE;
}

store_rc_t store_task_told(store_t *s, int64_t id, char *state, size_t n, bool *overdue)
{
	sqlite3_stmt *st = db_q(s, "SELECT told_state, told_overdue FROM tasks WHERE id = ?", "i", id);
	store_rc_t rc = s_step_rc(st ? sqlite3_step(st) : SQLITE_ERROR);

	if (rc == STORE_OK && sqlite3_column_type(st, 0) == SQLITE_NULL)
		rc = STORE_NONE;
	else if (rc == STORE_OK) {
		snprintf(state, n, "%s", TXT(0));
		*overdue = INT(1) != 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

store_rc_t store_task_set_seq(store_t *s, int64_t id, int64_t seq, int64_t now)
{
	static const char sql[] = "UPDATE tasks SET seq = ?, told_state = state, "
	                          "told_overdue = (finished IS NULL AND done_at IS NULL AND deadline < ?) WHERE id = ?";

	return db_exec(s, sql, "iii", seq, now, id) == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

int64_t store_task_seq_max(store_t *s)
{
	return db_int(s, "SELECT coalesce(max(seq), 0) FROM tasks", 0, "");
}

store_rc_t store_task_rollup(store_t *s, int64_t id, int64_t now, store_task_rollup_t *out)
{
	static const char sql[] = "SELECT count(*), coalesce(sum(finished IS NOT NULL AND grade IS NOT NULL), 0), "
	                          "coalesce(sum(finished IS NULL AND done_at IS NULL AND deadline < ?), 0), "
	                          "coalesce(sum(finished IS NOT NULL AND grade IS NULL), 0), coalesce(avg(percent), 0) "
	                          "FROM tasks WHERE parent_id = ?";
	sqlite3_stmt *st = db_q(s, sql, "ii", now, id);
	store_rc_t rc = s_step_rc(st ? sqlite3_step(st) : SQLITE_ERROR);

	memset(out, 0, sizeof *out);
	if (rc == STORE_OK) {
		out->total = INT(0);
		out->done = INT(1);
		out->overdue = INT(2);
		out->cancelled = INT(3);
		out->percent = sqlite3_column_double(st, 4);
	}
	if (st)
		sqlite3_reset(st);
	return rc == STORE_NONE ? STORE_OK : rc; /* an aggregate always has its row */
}

/* The first column of every remaining row of st as an array of integers.
 * New reference. */
static json_t *s_ids(sqlite3_stmt *st)
{
	json_t *ids = json_array();

	while (st && sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
	if (st)
		sqlite3_reset(st);
	return ids;
}

json_t *store_task_children(store_t *s, int64_t id)
{
	return s_ids(db_q(s, "SELECT id FROM tasks WHERE parent_id = ? ORDER BY id", "i", id));
}

/* --- the thread --- */

store_rc_t store_task_thread_append(store_t *s, int64_t task, int64_t at, int64_t user, const char *kind,
                                    const char *text)
{
	return db_exec(s, "INSERT INTO task_thread(task_id, at, user_id, kind, text) VALUES(?, ?, NULLIF(?, 0), ?, ?)",
	               "iiiss", task, at, user, kind, text) == SQLITE_DONE
	           ? STORE_OK
	           : STORE_ERROR;
}

json_t *store_task_thread_page(store_t *s, int64_t task, int64_t before, int64_t limit)
{
	static const char sql[] =
		"SELECT m.id, m.at, coalesce(u.username, 'console') AS user, coalesce(u.name, '') AS who, m.kind, m.text "
		"FROM task_thread m LEFT JOIN users u ON u.id = m.user_id WHERE m.task_id = ? AND m.id < ? "
		"ORDER BY m.id DESC LIMIT ?";
	return db_rows(db_q(s, sql, "iii", task, before > 0 ? before : INT64_MAX, limit));
}

int64_t store_task_thread_count(store_t *s, int64_t task)
{
	return db_int(s, "SELECT count(*) FROM task_thread WHERE task_id = ?", 0, "i", task);
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
#define TF_STATES(scope, drive)                                                                                        \
	"SELECT t.id, t.state " TF_WHERE(scope, drive) "ORDER BY t.finished IS NOT NULL, " TF_ORDER
#define TF_SQL(q)                                                                                                      \
	{                                                                                                              \
		q(TF_ALL, TF_WINDOW), q(TF_ALL, TF_NOWINDOW), q(TF_ALL, TF_MINE), q(TF_UNITS, TF_NOWINDOW),            \
		    q(TF_MEMBER, TF_WINDOW), q(TF_EACH, TF_MINE)                                                       \
	}

enum { TF_V_ALL = 0, TF_V_UNITS = 3, TF_V_MEMBER = 4, TF_V_MINE = 5 };
static const char *const s_sql_ids[] = TF_SQL(TF_IDS), *const s_sql_counts[] = TF_SQL(TF_COUNTS),
                        *const s_sql_states[] = TF_SQL(TF_STATES);

/* A window of a subtree whose units hold fewer task links than this is
 * read through them; a larger one is walked and each task looked up. */
#define TASKS_SMALL 1500

void task_range_end(const char *path, char *hi, size_t n)
{
	snprintf(hi, n, "%s", path);
	if (*hi)
		hi[strlen(hi) - 1] = '/' + 1; /* "/1/4/" .. "/1/40" */
}

bool task_scope_all(store_t *s, const char *path)
{
	static const char sql[] = "SELECT NOT EXISTS (SELECT 1 FROM units WHERE path < ?1 OR path >= ?2)";
	char hi[512];

	task_range_end(path, hi, sizeof hi);
	return db_int(s, sql, 0, "ss", path, hi) != 0;
}

/* Which of the statements above serves f: all (by its driver), mine, or
 * the scope's units (few links, or no window to walk) or the window with
 * a lookup in the scope's set. */
static int s_variant(store_t *s, const store_task_filter_t *f, const char *hi)
{
	static const char sql_links[] = "SELECT count(*) FROM (SELECT 1 FROM task_units WHERE unit_id IN "
	                                "(SELECT id FROM units WHERE path >= ?1 AND path < ?2) LIMIT ?3)";

	if (task_scope_all(s, f->path))
		return TF_V_ALL + (f->mine_unit ? 2 : f->closed_since > 0 ? 0 : 1);
	if (f->mine_unit)
		return TF_V_MINE;
	if (f->closed_since > 0 &&
	    db_int(s, sql_links, TASKS_SMALL, "ssi", f->path, hi, (int64_t)TASKS_SMALL) >= TASKS_SMALL)
		return TF_V_MEMBER;
	return TF_V_UNITS;
}

/* What s_query reads: a page of ids, the count of each state, or every id
 * with its state. */
typedef enum { TQ_IDS, TQ_COUNTS, TQ_STATES } s_tq_t;

/* The statement that reads f at now as q says: rows (id), (state, n) or
 * (id, state). Bound and ready to step; reset it after (a cached
 * statement). NULL on a database error. */
static sqlite3_stmt *s_query(store_t *s, store_task_filter_t *f, int64_t now, s_tq_t q)
{
	static const char *const *const sqls[] = {[TQ_IDS] = s_sql_ids, [TQ_COUNTS] = s_sql_counts,
	                                          [TQ_STATES] = s_sql_states};
	char hi[512];
	int np;
	sqlite3_stmt *st;

	task_range_end(f->path, hi, sizeof hi);
	if (!f->plan) /* the same subtree and window: the same way (a board asks twice) */
		f->plan = s_variant(s, f, hi) + 1;
	if (!(st = db_stmt(s, sqls[q][f->plan - 1])))
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
	         {'i', NULL, now},
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

json_t *store_task_find(store_t *s, store_task_filter_t *f, int64_t now)
{
	return s_ids(s_query(s, f, now, TQ_IDS));
}

/* The page [offset, offset + max) of each of `by`'s id lists, in place. */
static void s_pages(json_t *by, const store_task_filter_t *f)
{
	const char *state;
	json_t *e, *ids, *page;
	size_t max = f->max > 0 ? (size_t)f->max : 0, off = f->offset > 0 ? (size_t)f->offset : 0;

	json_object_foreach(by, state, e)
	{
		ids = json_object_get(e, "ids");
		page = json_array();
		for (size_t k = off; k < json_array_size(ids) && k < off + max; k++)
			json_array_append(page, json_array_get(ids, k));
		json_object_set_new(e, "ids", page);
	}
}

json_t *store_task_board(store_t *s, store_task_filter_t *f, int64_t now)
{
	char hi[512];
	sqlite3_stmt *st;
	json_t *by, *e;
	const char *state;

	task_range_end(f->path, hi, sizeof hi);
	if (!f->plan)
		f->plan = s_variant(s, f, hi) + 1;
	/* the whole province: its window's index gives each state's page in
	 * order (a count, then a LIMIT per state); a subtree is walked once,
	 * every task of it looked up in the scope but once, and paged here */
	if (!(st = s_query(s, f, now, f->plan - 1 < TF_V_UNITS ? TQ_COUNTS : TQ_STATES)))
		return NULL;
	by = json_object();
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (f->plan - 1 < TF_V_UNITS) {
			json_object_set_new(by, TXT(0), json_pack("{s:I, s:[]}", "n", (json_int_t)INT(1), "ids"));
			continue;
		}
		if (!(e = json_object_get(by, TXT(1))))
			json_object_set_new(by, TXT(1), e = json_pack("{s:i, s:[]}", "n", 0, "ids"));
		json_object_set_new(e, "n", json_integer(json_integer_value(json_object_get(e, "n")) + 1));
		json_array_append_new(json_object_get(e, "ids"), json_integer(INT(0)));
	}
	sqlite3_reset(st);
	if (f->plan - 1 >= TF_V_UNITS) {
		s_pages(by, f);
		return by;
	}
	json_object_foreach(by, state, e)
	{
		if (json_integer_value(json_object_get(e, "n")) <= f->offset || f->max <= 0)
			continue;
		f->state = state;
		json_object_set_new(e, "ids", store_task_find(s, f, now));
	}
	f->state = NULL;
	return by;
}

store_rc_t store_task_person(store_t *s, const char *username, int64_t *id, int64_t *unit, bool *disabled)
{
	/* the id alone (a board's filter) is read from the index */
	sqlite3_stmt *st = unit || disabled
	                       ? db_q(s, "SELECT id, unit_id, disabled FROM users WHERE username = ?", "s", username)
	                       : db_q(s, "SELECT id FROM users WHERE username = ?", "s", username);
	store_rc_t rc = s_step_rc(st ? sqlite3_step(st) : SQLITE_ERROR);

	if (rc == STORE_OK) {
		if (id)
			*id = INT(0);
		if (unit)
			*unit = INT(1);
		if (disabled)
			*disabled = sqlite3_column_int(st, 2) != 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}
