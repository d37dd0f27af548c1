/* test_wf.c — unit tests for the workflow engine (server/wf.c): planning
 * actions on the shipped workflows (forms/workflows/onestop.yaml and
 * task.yaml) for a stand-in kind whose rules answer from a table — targets,
 * steps, clock effects, refusals with their Vietnamese reasons, conflicts,
 * the actions offered, effects — and the loader's checks of a task-kind
 * workflow (server/forms.c) on files written to a temporary directory. */
/* cmocka.h needs these first */
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "forms.h"
#include "wf.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- a stand-in kind: who may is a field of the object --------------------- */

/* The rules the stand-ins have, and which one an actor satisfies. */
enum { T_STEP, T_DESK, T_ASSIGNER, T_LEAD, T_N, T_NONE = -1 };

typedef struct {
	bool ok[T_N];
	int effects_run;
} obj_t;

static bool s_step(const srv_ctx_t *c, const void *o)
{
	(void)c;
	return ((const obj_t *)o)->ok[T_STEP];
}
static bool s_desk(const srv_ctx_t *c, const void *o)
{
	(void)c;
	return ((const obj_t *)o)->ok[T_DESK];
}
static bool s_assigner(const srv_ctx_t *c, const void *o)
{
	(void)c;
	return ((const obj_t *)o)->ok[T_ASSIGNER];
}
static bool s_lead(const srv_ctx_t *c, const void *o)
{
	(void)c;
	return ((const obj_t *)o)->ok[T_LEAD];
}
static const char *s_path(const void *o)
{
	(void)o;
	return "/1/4/";
}
static proto_err_t s_effect(srv_ctx_t *c, void *o, const json_t *req)
{
	(void)c;
	(void)req;
	((obj_t *)o)->effects_run++;
	return E_OK;
}

static const wf_effect_t s_effects[] = {
    {"reschedule", s_effect},       {"progress", s_effect}, {"propose_deadline", s_effect}, {"extend", s_effect},
    {"refuse_extension", s_effect}, {"complete", s_effect}, {"reopen", s_effect},
    {"return_result", s_effect},    {NULL, NULL},
};

static const wf_require_t s_requires[] = {
    {"note", "ghi chú/lý do"},
    {"new_due", "ngày hẹn mới"},
    {"new_deadline", "hạn mới đề nghị"},
    {"percent", "phần trăm hoàn thành"},
    {"collector", "họ tên người nhận kết quả"},
    {"collector_id", "số giấy tờ tùy thân"},
    {"method", "cách trả kết quả"},
    {NULL, NULL},
};

/* Stand-ins for the dossier's and the task's kinds: their rules, in the
 * order the real kinds declare them (a loaded workflow holds the index). */
static const wf_rule_t s_dossier_rules[] = {
    {"step", s_step, "người xử lý bước hiện tại"}, {"desk", s_desk, "bộ phận một cửa"}, {NULL, NULL, NULL}};
static const wf_rule_t s_task_rules[] = {
    {"assigner", s_assigner, "người giao"}, {"lead", s_lead, "người chủ trì"}, {NULL, NULL, NULL}};

static const wf_kind_t s_kind = {
    .name = "test",
    .noun = "hồ sơ",
    .Noun = "Hồ sơ",
    .rules = s_dossier_rules,
    .path = s_path,
    .effects = s_effects,
    .requires = s_requires,
};
static const wf_kind_t s_task_like = {
    .name = "test-task",
    .noun = "hồ sơ",
    .Noun = "Hồ sơ",
    .rules = s_task_rules,
    .path = s_path,
    .effects = s_effects,
    .requires = s_requires,
};

static forms_t *s_forms;

static int s_setup(void **state)
{
	char *errors = NULL;
	(void)state;
	s_forms = forms_load(FORMS_DIR, &errors);
	if (!s_forms)
		fprintf(stderr, "forms_load: %s\n", errors ? errors : "?");
	free(errors);
	return s_forms ? 0 : -1;
}

static int s_teardown(void **state)
{
	(void)state;
	forms_free(&s_forms);
	return 0;
}

/* ---- planning, table-driven ------------------------------------------------ */

// clang-format off
static const struct plan_case {
	const char *wf, *state;
	int step;                 /* of 4 steps; reception is step 0 */
	const char *paused;       /* paused state ("" none) */
	int paused_step;
	const char *action;
	int who;                  /* the rule the actor satisfies (T_NONE: none) */
	bool console;
	const char *req;          /* JSON */
	proto_err_t want;
	const char *field, *detail; /* on an error */
	const char *to;
	int to_step;
	wf_clock_fx_t clock;
	bool moved, step_done, ends, effect;
} s_plans[] = {
    /* dossiers: steps, @next to after_last, @prev, @resume, @same */
    {"onestop", "processing", 1, "", 0, "submit", T_STEP, false, "{}", E_OK, NULL, NULL, "processing", 2, WF_CLOCK_KEEP, true, true, false, false},
    {"onestop", "processing", 3, "", 0, "submit", T_STEP, false, "{}", E_OK, NULL, NULL, "result", 3, WF_CLOCK_KEEP, true, true, true, false},
    {"onestop", "processing", 2, "", 0, "rework", T_STEP, false, "{\"note\":\"thiếu\"}", E_OK, NULL, NULL, "processing", 1, WF_CLOCK_KEEP, true, false, false, false},
    {"onestop", "processing", 1, "", 0, "rework", T_STEP, false, "{\"note\":\"thiếu\"}", E_INVALID, "action", "Không có bước nào trước", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 2, "", 0, "rework", T_STEP, false, "{}", E_INVALID, "note", "cần ghi chú/lý do", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 2, "", 0, "rework", T_STEP, false, "{\"note\":\"\"}", E_INVALID, "note", "cần ghi chú/lý do", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 1, "", 0, "submit", T_DESK, false, "{}", E_NOT_ALLOWED, NULL, "thuộc về người xử lý bước hiện tại", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 1, "", 0, "submit", T_NONE, true, "{}", E_OK, NULL, NULL, "processing", 2, WF_CLOCK_KEEP, true, true, false, false},
    {"onestop", "processing", 2, "", 0, "supplement", T_STEP, false, "{\"note\":\"thiếu giấy\"}", E_OK, NULL, NULL, "supplement", 2, WF_CLOCK_PAUSE, true, false, false, false},
    {"onestop", "supplement", 2, "processing", 2, "resubmit", T_DESK, false, "{}", E_OK, NULL, NULL, "processing", 2, WF_CLOCK_RESUME, true, false, false, false},
    {"onestop", "supplement", 2, "", 2, "resubmit", T_DESK, false, "{}", E_OK, NULL, NULL, "processing", 2, WF_CLOCK_RESUME, true, false, false, false},
    {"onestop", "processing", 2, "", 0, "apologize", T_DESK, false, "{\"note\":\"chậm\",\"new_due\":\"2026-12-01\"}", E_OK, NULL, NULL, "processing", 2, WF_CLOCK_KEEP, false, false, false, true},
    {"onestop", "processing", 2, "", 0, "apologize", T_DESK, false, "{\"note\":\"chậm\"}", E_INVALID, "new_due", "cần ngày hẹn mới", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 2, "", 0, "refuse", T_DESK, false, "{\"note\":\"sai\"}", E_OK, NULL, NULL, "refused", 2, WF_CLOCK_PAUSE, true, false, true, false},
    {"onestop", "processing", 2, "", 0, "deliver", T_DESK, false, "{}", E_INVALID, "action", "khi hồ sơ đang ở trạng thái \"Đang xử lý\"", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 2, "", 0, "fly", T_DESK, false, "{}", E_INVALID, "action", "Không thể \"fly\"", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "processing", 2, "", 0, "submit", T_STEP, false, "{\"version\":6}", E_CONFLICT, NULL, "Hồ sơ vừa chuyển sang \"Đang xử lý\" — Bước 2", NULL, 0, 0, 0, 0, 0, 0},
    {"onestop", "result", 3, "", 0, "deliver", T_DESK, false, "{\"collector\":\"Lê Văn A\",\"collector_id\":\"079123456789\",\"method\":\"desk\"}", E_OK, NULL, NULL, "returned", 3, WF_CLOCK_KEEP, true, false, true, true},
    /* desk: a return says who collected the result */
    {"onestop", "result", 3, "", 0, "deliver", T_DESK, false, "{\"collector_id\":\"079123456789\",\"method\":\"desk\"}", E_INVALID, "collector", "cần họ tên người nhận kết quả", NULL, 0, 0, 0, 0, 0, 0},
    /* tasks: no steps; the lead works it, the assigner decides */
    {"task", "assigned", 0, "", 0, "start", T_LEAD, false, "{}", E_OK, NULL, NULL, "in_progress", 0, WF_CLOCK_KEEP, true, false, false, false},
    {"task", "assigned", 0, "", 0, "start", T_ASSIGNER, false, "{}", E_NOT_ALLOWED, NULL, "thuộc về người chủ trì", NULL, 0, 0, 0, 0, 0, 0},
    {"task", "in_progress", 0, "", 0, "progress", T_LEAD, false, "{\"note\":\"x\"}", E_INVALID, "percent", "cần phần trăm hoàn thành", NULL, 0, 0, 0, 0, 0, 0},
    {"task", "in_progress", 0, "", 0, "progress", T_LEAD, false, "{\"note\":\"x\",\"percent\":0}", E_OK, NULL, NULL, "in_progress", 0, WF_CLOCK_KEEP, false, false, false, true},
    {"task", "in_progress", 0, "", 0, "request_extension", T_LEAD, false, "{\"note\":\"x\",\"new_deadline\":\"2027-01-04\"}", E_OK, NULL, NULL, "extension", 0, WF_CLOCK_KEEP, true, false, false, true},
    {"task", "extension", 0, "", 0, "grant", T_LEAD, false, "{}", E_NOT_ALLOWED, NULL, "thuộc về người giao", NULL, 0, 0, 0, 0, 0, 0},
    {"task", "extension", 0, "", 0, "grant", T_ASSIGNER, false, "{}", E_OK, NULL, NULL, "in_progress", 0, WF_CLOCK_KEEP, true, false, false, true},
    {"task", "in_progress", 0, "", 0, "done", T_LEAD, false, "{\"note\":\"xong\"}", E_OK, NULL, NULL, "reported", 0, WF_CLOCK_PAUSE, true, false, false, true},
    {"task", "reported", 0, "", 0, "return", T_ASSIGNER, false, "{\"note\":\"làm tiếp\"}", E_OK, NULL, NULL, "in_progress", 0, WF_CLOCK_RESUME, true, false, false, true},
    {"task", "reported", 0, "", 0, "accept", T_ASSIGNER, false, "{}", E_OK, NULL, NULL, "accepted", 0, WF_CLOCK_KEEP, true, false, true, false},
    {"task", "accepted", 0, "", 0, "cancel", T_ASSIGNER, false, "{\"note\":\"x\"}", E_INVALID, "action", "trạng thái \"Đã nghiệm thu\"", NULL, 0, 0, 0, 0, 0, 0},
    {"task", "in_progress", 0, "", 0, "cancel", T_ASSIGNER, false, "{\"note\":\"gộp\"}", E_OK, NULL, NULL, "cancelled", 0, WF_CLOCK_PAUSE, true, false, true, false},
};
// clang-format on

static void test_plan_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEM(s_plans); i++) {
		const struct plan_case *p = &s_plans[i];
		const wf_def_t *w = forms_workflow(s_forms, p->wf);
		srv_ctx_t c = {.console = p->console};
		obj_t o = {0};
		wf_inst_t in = {.state = p->state,
		                .step = p->step,
		                .nsteps = 4,
		                .first_step = 1,
		                .step_name = "Bước 2",
		                .paused_state = p->paused,
		                .paused_step = p->paused_step,
		                .version = 5};
		json_t *req = json_loads(p->req, 0, NULL);
		wf_move_t m;
		proto_err_t e;

		assert_non_null(w);
		if (strcmp(p->wf, "task") == 0)
			in.nsteps = in.first_step = in.step = 0;
		const wf_kind_t *k = strcmp(p->wf, "task") == 0 ? &s_task_like : &s_kind;

		if (p->who != T_NONE)
			o.ok[p->who] = true;
		e = wf_plan(&c, k, w, &in, &o, p->action, req, &m);
		if (e != p->want)
			fail_msg("case %zu (%s %s): error %d, want %d (%s)", i, p->state, p->action, e, p->want,
			         c.detail);
		if (e != E_OK) {
			if (p->field && (!c.bad_field || strcmp(c.bad_field, p->field) != 0))
				fail_msg("case %zu: field %s, want %s", i, c.bad_field ? c.bad_field : "-", p->field);
			if (!strstr(c.detail, p->detail))
				fail_msg("case %zu: detail \"%s\" lacks \"%s\"", i, c.detail, p->detail);
			json_decref(req);
			continue;
		}
		assert_string_equal(m.to_state, p->to);
		if (m.to_step != p->to_step || m.clock != p->clock || m.moved != p->moved ||
		    m.step_done != p->step_done || m.ends != p->ends)
			fail_msg("case %zu (%s %s): step %d clock %d moved %d done %d ends %d", i, p->state, p->action,
			         m.to_step, m.clock, m.moved, m.step_done, m.ends);
		assert_int_equal(wf_effect(&c, k, &m, &o, req), E_OK);
		assert_int_equal(o.effects_run, p->effect ? 1 : 0);
		json_decref(req);
	}
}

/* The actions offered: only those whose rule the actor satisfies, and no
 * @prev from the first step after reception. */
static void test_actions(void **state)
{
	const wf_def_t *w = forms_workflow(s_forms, "onestop");
	srv_ctx_t c = {0};
	obj_t step = {.ok[T_STEP] = true}, desk = {.ok[T_DESK] = true};
	wf_inst_t in = {.state = "processing", .step = 1, .nsteps = 4, .first_step = 1, .paused_state = ""};
	json_t *a;
	char *s;

	(void)state;
	a = wf_actions(&c, &s_kind, w, &in, &step);
	s = json_dumps(a, JSON_COMPACT);
	assert_string_equal(s, "[{\"action\":\"submit\",\"label\":\"Chuyển bước tiếp\",\"require\":[],\"form\":null},"
	                       "{\"action\":\"supplement\",\"label\":\"Yêu cầu bổ sung hồ sơ\",\"require\":[\"note\"],"
	                       "\"form\":\"02\"},{\"action\":\"reject\",\"label\":\"Từ chối giải quyết (nêu rõ lý do)\","
	                       "\"require\":[\"note\"],\"form\":null}]");
	free(s);
	json_decref(a);
	in.step = 2;
	a = wf_actions(&c, &s_kind, w, &in, &step);
	assert_int_equal(json_array_size(a), 4); /* rework now too (and the desk's reject) */
	json_decref(a);
	a = wf_actions(&c, &s_kind, w, &in, &desk);
	assert_int_equal(json_array_size(a), 3); /* withdraw, apologize, refuse */
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "action")), "withdraw");
	json_decref(a);
}

/* Holders come from the files, defaulted where not written. */
static void test_holders(void **state)
{
	const wf_def_t *d = forms_workflow(s_forms, "onestop"), *t = forms_workflow(s_forms, "task");
	const wf_kind_t *dk = wf_kind_find("dossier"), *tk = wf_kind_find("task");

	(void)state;
	assert_string_equal(d->kind, "dossier");
	assert_string_equal(t->kind, "task");
	assert_string_equal(wf_rule_name(dk, wf_state(d, "processing")->holder), "step");
	assert_string_equal(wf_rule_name(dk, wf_state(d, "supplement")->holder), "desk");
	assert_int_equal(wf_state(d, "returned")->holder, WF_BY_NONE);
	assert_string_equal(wf_rule_name(tk, wf_state(t, "assigned")->holder), "lead");
	assert_string_equal(wf_rule_name(tk, wf_state(t, "reported")->holder), "assigner");
	assert_int_equal(wf_state(t, "cancelled")->holder, WF_BY_NONE);
	assert_null(t->after_last);
}

/* ---- the loader's checks of a task workflow -------------------------------- */

static const char s_good_task[] = "code: t\n"
                                  "name: \"Viec\"\n"
                                  "kind: task\n"
                                  "version: 1\n"
                                  "initial: open\n"
                                  "due_soon_hours: 8\n"
                                  "states:\n"
                                  "  - {code: open, name: \"Mo\", clock: run, holder: lead}\n"
                                  "  - {code: closed, name: \"Dong\", clock: stop, final: true}\n"
                                  "transitions:\n"
                                  "  - {action: close, label: \"Dong\", from: [open], to: closed, by: assigner}\n";

static char *s_edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	assert_non_null(at);
	out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return out;
}

static void s_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load dir/workflows/t.yaml (and a procedure naming `t` when proc) from a
 * temporary directory: the set (caller frees), *errors the errors (caller
 * frees; NULL when it loads). */
static forms_t *s_load_set(const char *wf, bool proc, char **errors)
{
	char dir[] = "/tmp/test_wf.XXXXXX", path[256], *text;
	forms_t *f;
	FILE *src;
	long n;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/workflows", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/procedures", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/workflows/t.yaml", dir);
	s_write(path, wf);
	if (proc) { /* a shipped procedure, pointed at the task workflow */
		src = fopen(FORMS_DIR "/procedures/khai-tu.yaml", "r");
		assert_non_null(src);
		fseek(src, 0, SEEK_END);
		n = ftell(src);
		rewind(src);
		text = calloc(1, (size_t)n + 1);
		assert_int_equal(fread(text, 1, (size_t)n, src), (size_t)n);
		fclose(src);
		{
			char *e = s_edit(text, "workflow: onestop", "workflow: t");
			snprintf(path, sizeof path, "%s/procedures/p.yaml", dir);
			s_write(path, e);
			free(e);
		}
		free(text);
	}
	*errors = NULL;
	f = forms_load(dir, errors);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	return f;
}

/* The errors of loading wf (caller frees; NULL when it loads). */
static char *s_load(const char *wf, bool proc)
{
	char *errors;
	forms_t *f = s_load_set(wf, proc, &errors);

	forms_free(&f);
	return errors;
}

// clang-format off
static const struct { const char *name, *from, *to, *want; bool proc; } s_loads[] = {
    {"a dossier rule in a task", "by: assigner", "by: step", "by không hợp lệ \"step\" (dùng: assigner, lead, roles)", false},
    {"procedure steps in a task", "holder: lead}", "holder: lead, steps: true}", "không có các bước thủ tục: bỏ steps: true", false},
    {"after_last in a task", "initial: open\n", "initial: open\nafter_last: closed\n", "bỏ after_last", false},
    {"a dossier effect in a task", "by: assigner}", "by: assigner, effect: reschedule}", "effect: không biết \"reschedule\"", false},
    {"a holder the kind lacks", "holder: lead", "holder: desk", "holder không hợp lệ \"desk\"", false},
    {"a holder on a final state", "final: true}", "final: true, holder: lead}", "không chờ ai", false},
    {"an unregistered kind", "kind: task", "kind: ledger", "kind không hợp lệ \"ledger\" (dùng: dossier, task", false},
    {"a task requirement", "by: assigner}", "by: assigner, require: [new_due]}", "require: không biết \"new_due\"", false},
    {"a procedure on a task workflow", "code: t\n", "code: t\n", "không đi theo các bước của thủ tục (kind: task)", true},
};
// clang-format on

static void test_task_loader(void **state)
{
	char *errors;

	(void)state;
	errors = s_load(s_good_task, false);
	if (errors)
		fail_msg("the good task workflow: %s", errors);
	for (size_t i = 0; i < N_ELEM(s_loads); i++) {
		char *wf = s_edit(s_good_task, s_loads[i].from, s_loads[i].to);
		errors = s_load(wf, s_loads[i].proc);
		if (!errors || !strstr(errors, s_loads[i].want))
			fail_msg("case %zu (%s): errors %s, want \"%s\"", i, s_loads[i].name,
			         errors ? errors : "(none)", s_loads[i].want);
		free(errors);
		free(wf);
	}
}

/* ---- a kind registered here: the loader takes its words --------------------- */

static bool s_may_signer(const srv_ctx_t *c, const void *o)
{
	(void)c;
	(void)o;
	return true;
}

static const wf_effect_t s_memo_effects[] = {{"sign", s_effect}, {NULL, NULL}};
static const wf_require_t s_memo_requires[] = {{"reason", "lý do"}, {NULL, NULL}};
static const char *const s_memo_forms[] = {"M1", NULL};
static const wf_rule_t s_memo_rules[] = {{"lead", s_may_signer, "người ký"}, {NULL, NULL, NULL}};

/* A kind no module of the server has: one rule (by: lead, the signer), one
 * effect, one requirement, one form, a default holder. */
static const wf_kind_t s_memo = {
    .name = "memo",
    .noun = "công văn",
    .Noun = "Công văn",
    .rules = s_memo_rules,
    .path = s_path,
    .effects = s_memo_effects,
    .waiting_by = "lead",
    .requires = s_memo_requires,
    .forms = s_memo_forms,
    .forms_hint = "mẫu M1",
};

static const char s_good_memo[] = "code: t\n"
                                  "name: \"Cong van\"\n"
                                  "kind: memo\n"
                                  "version: 1\n"
                                  "initial: draft\n"
                                  "due_soon_hours: 8\n"
                                  "states:\n"
                                  "  - {code: draft, name: \"Du thao\", clock: run}\n"
                                  "  - {code: signed, name: \"Da ky\", clock: stop, final: true}\n"
                                  "transitions:\n"
                                  "  - {action: sign, label: \"Ky\", from: [draft], to: signed, by: lead, "
                                  "require: [reason], effect: sign, form: M1}\n";

// clang-format off
static const struct { const char *name, *from, *to, *want; } s_memo_loads[] = {
    {"another kind's rule", "by: lead,", "by: assigner,", "by không hợp lệ \"assigner\" (dùng: lead, roles)"},
    {"another kind's effect", "effect: sign", "effect: complete", "effect: không biết \"complete\" với quy trình loại memo (dùng: sign)"},
    {"another kind's requirement", "require: [reason]", "require: [note]", "require: không biết \"note\" (dùng: reason)"},
    {"another kind's form", "form: M1", "form: \"02\"", "form \"02\" không hợp lệ (mẫu M1)"},
    {"procedure steps", "clock: run}", "clock: run, steps: true}", "quy trình loại memo không có các bước thủ tục"},
};
// clang-format on

/* Unregistered, `kind: memo` is refused naming the kinds there are;
 * registered, it loads with its own words, defaults and messages, and is
 * listed with the others. */
static void test_registered_kind(void **state)
{
	char *errors;
	forms_t *f;
	const wf_def_t *w;

	(void)state;
	errors = s_load(s_good_memo, false);
	assert_non_null(errors);
	assert_non_null(strstr(errors, "kind không hợp lệ \"memo\" (dùng: dossier, task, figures, document, document_out)"));
	free(errors);

	assert_int_equal(wf_kind_register(&s_memo), 0);
	assert_int_equal(wf_kind_register(&s_memo), -1); /* a name is registered once */
	assert_ptr_equal(wf_kind_find("memo"), &s_memo);
	errors = s_load(s_good_memo, false);
	if (errors)
		fail_msg("the good memo workflow: %s", errors);
	for (size_t i = 0; i < N_ELEM(s_memo_loads); i++) {
		char *wf = s_edit(s_good_memo, s_memo_loads[i].from, s_memo_loads[i].to);
		errors = s_load(wf, false);
		if (!errors || !strstr(errors, s_memo_loads[i].want))
			fail_msg("case %zu (%s): errors %s, want \"%s\"", i, s_memo_loads[i].name,
			         errors ? errors : "(none)", s_memo_loads[i].want);
		free(errors);
		free(wf);
	}
	{
		char *wf = s_edit(s_good_memo, "kind: memo", "kind: ledger");
		errors = s_load(wf, false);
		assert_non_null(strstr(errors, "(dùng: dossier, task, figures, document, document_out, memo)"));
		free(errors);
		free(wf);
	}

	/* built, a state naming no holder waits on the kind's default rule */
	f = s_load_set(s_good_memo, false, &errors);
	assert_non_null(f);
	w = forms_workflow(f, "t");
	assert_string_equal(w->kind, "memo");
	assert_string_equal(wf_rule_name(&s_memo, wf_state(w, "draft")->holder), "lead");
	assert_int_equal(wf_state(w, "signed")->holder, WF_BY_NONE);
	forms_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_table),  cmocka_unit_test(test_actions),         cmocka_unit_test(test_holders),
	    cmocka_unit_test(test_task_loader), cmocka_unit_test(test_registered_kind),
	};
	return cmocka_run_group_tests(tests, s_setup, s_teardown);
}
