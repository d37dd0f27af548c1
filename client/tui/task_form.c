/* task_form.c — the forms of tasks, all generated forms (field_form): assigning
 * (the lead unit chosen first, then title, deadline, priority, content,
 * person, co-operating units, source), an allowed action that needs
 * something filled in (progress, an extension, a reason, a report), and a
 * comment or directive. What the server wants typed differently from what
 * was typed (a percent as a number, a choice's label as its code) is
 * shaped just before sending; units and people are chosen by name
 * (pickers) and sent as their codes. Acting sends the version the task
 * was seen at, so a colleague who acted first makes it a conflict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tasks.h"

/* --- shaping the bodies --- */

/* body[key], a choice's translated label, as its code from table. */
static void s_code(json_t *body, const char *key, const tui_code_t *table, int n)
{
	const char *label = json_string_value(json_object_get(body, key));

	for (int i = 0; label && i < n; i++)
		if (!strcmp(tui_tr(table[i].name), label)) {
			json_object_set_new(body, key, json_string(table[i].code));
			return;
		}
}

static void s_number(json_t *body, const char *key)
{
	const char *s = json_string_value(json_object_get(body, key));
	if (s)
		json_object_set_new(body, key, json_integer(strtoll(s, NULL, 10)));
}

static void s_shape_add(json_t *body)
{
	s_code(body, "priority", tui_task_priorities, tui_task_npriorities);
	s_code(body, "source", tui_task_sources, tui_task_nsources);
}

static void s_shape_act(json_t *body)
{
	s_number(body, "percent");
}

static const tui_code_t s_kinds[] = {{"comment", N_("Trao đổi")}, {"directive", N_("Ý kiến chỉ đạo")}};

static void s_shape_comment(json_t *body)
{
	const char *kind = json_string_value(json_object_get(body, "kind"));

	if (kind && !strcmp(kind, tui_tr(s_kinds[1].name)))
		json_object_set_new(body, "directive", json_true());
	json_object_del(body, "kind");
}

/* --- what follows a form --- */

static void s_assigned(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã giao nhiệm vụ %s: %s."), tui_jstr(reply, "code"), tui_jstr(reply, "title"));
}

static void s_acted(tui_t *t, void *owner, const json_t *reply)
{
	tui_task_owner_t *o = owner;
	tui_msg(t, false, _("Đã thực hiện. Nhiệm vụ nay: %s."), tui_jstr(reply, "state_name"));
	o->reload(t, o);
}

static void s_commented(tui_t *t, void *owner, const json_t *reply)
{
	tui_task_owner_t *o = owner;
	(void)reply;
	tui_msg(t, false, "%s", _("Đã gửi ý kiến."));
	o->reload(t, o);
}

/* A conflict closes the form: the view shows the task as it is now. */
static bool s_conflict(tui_t *t, void *owner, proto_err_t e, const json_t *body)
{
	tui_task_owner_t *o = owner;

	(void)body;
	if (e != E_CONFLICT)
		return false;
	o->reload(t, o);
	return true; /* the form says why: the task's new state */
}

static const tui_field_form_spec_t
    s_add = {.msg = MSG_task_add, .after = TUI_DF_CLOSE, .done = s_assigned, .shape = s_shape_add},
    s_act = {.msg = MSG_task_act, .after = TUI_DF_CLOSE, .done = s_acted, .fail = s_conflict, .shape = s_shape_act},
    s_report = {.msg = MSG_task_report,
                .after = TUI_DF_CLOSE,
                .done = s_acted,
                .fail = s_conflict,
                .shape = s_shape_act},
    s_comment = {.msg = MSG_task_comment, .after = TUI_DF_CLOSE, .done = s_commented, .shape = s_shape_comment};

/* --- field definitions --- */

static json_t *s_text(const char *name, const char *label, bool required, int max)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:i}", "name", name, "label", label, "type", "text", "required",
	                 required, "max", max);
}

static json_t *s_typed(const char *name, const char *label, const char *type, bool required)
{
	return json_pack("{s:s, s:s, s:s, s:b}", "name", name, "label", label, "type", type, "required", required);
}

static json_t *s_choice(const char *name, const char *label, const tui_code_t *table, int n)
{
	json_t *choices = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(choices, json_string(tui_tr(table[i].name)));
	return json_pack("{s:s, s:s, s:s, s:b, s:o}", "name", name, "label", label, "type", "choice", "required", 1,
	                 "choices", choices);
}

/* --- assigning --- */

/* The co-operating units marked ({"marked": []}: none): the form. */
static void s_coop_picked(tui_t *t, void *owner, const json_t *picked)
{
	const tui_assign_t *a = owner;
	char title[512], note[1024], day[32], uname[300], coop[512];
	json_t *fields = json_array(), *fixed, *values, *codes = tui_pick_marked(picked, "code", coop, sizeof coop);

	json_array_append_new(fields, s_text("title", _("Tên nhiệm vụ"), true, 300));
	json_array_append_new(fields, s_typed("deadline", _("Hạn hoàn thành"), "date", true));
	json_array_append_new(fields, s_choice("priority", _("Độ ưu tiên"), tui_task_priorities, tui_task_npriorities));
	json_array_append_new(fields, s_text("description", _("Nội dung, yêu cầu"), false, 500));
	json_array_append_new(fields, s_choice("source", _("Nguồn"), tui_task_sources, tui_task_nsources));
	json_array_append_new(fields, s_text("ref", _("Số hiệu văn bản, kết luận, mã hồ sơ"), false, 200));
	fixed = json_pack("{s:s}", "lead", a->lead);
	if (*a->person) /* pickers: chosen by name, sent as the username */
		json_object_set_new(fixed, "person", json_string(a->person));
	if (json_array_size(codes)) /* and the co-operating units by their codes */
		json_object_set(fixed, "coop", codes);
	json_decref(codes);
	values = json_pack("{s:s, s:s}", "priority", tui_tr(tui_task_priorities[0].name), "source",
	                   tui_tr(tui_task_sources[0].name));
	tui_unit_short(a->lead_name, uname, sizeof uname);
	if (*a->person_name) /* "UBND huyện U Minh · Nguyễn Văn An" */
		snprintf(uname + strlen(uname), sizeof uname - strlen(uname), " · %s", a->person_name);
	if (a->parent[0]) {
		json_object_set_new(fixed, "parent", json_string(a->parent));
		snprintf(title, sizeof title, _("Giao nhiệm vụ con của %s cho %s"), a->parent, uname);
		snprintf(note, sizeof note,
		         _("Hạn không sau hạn của nhiệm vụ cha (%s). F2 hoặc Enter ở ô cuối để giao."),
		         tui_task_day(a->deadline, day, sizeof day));
	} else {
		snprintf(title, sizeof title, _("Giao nhiệm vụ cho %s"), uname);
		snprintf(note, sizeof note, "%s", _("Ô có dấu * là bắt buộc. F2 hoặc Enter ở ô cuối để giao."));
	}
	if (*coop)
		snprintf(note + strlen(note), sizeof note - strlen(note), " %s %s.", _("Phối hợp:"), coop);
	tui_field_form_push(t, (tui_field_form_arg_t){.spec = &s_add, .title = title, .note = note}, fields, fixed, values);
}

/* The lead person chosen by name ({}: none): the co-operating units. */
static void s_person_picked(tui_t *t, void *owner, const json_t *person)
{
	tui_assign_t *a = owner;

	snprintf(a->person, sizeof a->person, "%s", tui_jstr(person, "username"));
	snprintf(a->person_name, sizeof a->person_name, "%s", tui_jstr(person, "name"));
	tui_pick_units(t, _("Đơn vị phối hợp: Space đánh dấu, Enter xong (không chọn: không có)"), s_coop_picked, a);
}

/* The lead unit chosen: its people by name, to choose the lead person. */
static void s_lead_picked(tui_t *t, void *owner, const json_t *unit)
{
	tui_assign_t *a = owner;
	char title[400], uname[300];

	snprintf(a->lead, sizeof a->lead, "%s", tui_jstr(unit, "code"));
	snprintf(a->lead_name, sizeof a->lead_name, "%s", tui_jstr(unit, "name"));
	snprintf(title, sizeof title, _("Cán bộ chủ trì của %s"), tui_unit_short(a->lead_name, uname, sizeof uname));
	tui_pick_person(t, title, a->lead, _("(Không chọn: lãnh đạo đơn vị phân công)"), s_person_picked, a);
}

void tui_task_assign(tui_t *t, tui_assign_t *a)
{
	tui_pick_unit(t, a->parent[0] ? _("Nhiệm vụ con: chọn đơn vị chủ trì") : _("Giao nhiệm vụ: chọn đơn vị chủ trì"),
	              NULL, s_lead_picked, a);
}

/* --- acting --- */

/* The label of an action's note: what the text is for. */
static const char *s_note_label(const char *action)
{
	static const tui_code_t labels[] = {
	    {"progress", N_("Nội dung báo cáo")}, {"done", N_("Kết quả thực hiện")},
	    {"request_extension", N_("Lý do")},   {"refuse", N_("Lý do không đồng ý")},
	    {"return", N_("Yêu cầu làm tiếp")},   {"cancel", N_("Lý do hủy")},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].code, action))
			return tui_tr(labels[i].name);
	return _("Ghi chú, lý do");
}

void tui_task_action(tui_t *t, const json_t *task, const json_t *action, tui_task_owner_t *owner)
{
	const char *act = tui_jstr(action, "action");
	bool progress = !strcmp(act, "progress");
	json_t *fields = json_array(), *r, *fixed, *values = json_object();
	char title[512], pct[16];
	size_t i;

	json_array_foreach(json_object_get(action, "require"), i, r)
	{
		const char *need = json_string_value(r);
		if (!strcmp(need, "percent")) {
			/* pickers: not prefilled (typing would append to the old
			 * figure, "0" + "50" = "050"); the figure so far in the label */
			char label[128];
			json_t *f;
			snprintf(pct, sizeof pct, "%lld", (long long)json_integer_value(json_object_get(task, "percent")));
			snprintf(label, sizeof label, _("Phần trăm hoàn thành (hiện %s%%)"), pct);
			f = s_typed("percent", label, "number", true);
			json_object_set_new(f, "min", json_integer(0));
			json_object_set_new(f, "max", json_integer(100));
			json_array_append_new(fields, f);
		} else if (!strcmp(need, "new_deadline"))
			json_array_append_new(fields, s_typed("new_deadline", _("Hạn mới đề nghị"), "date", true));
		else
			json_array_append_new(fields, s_text(need, s_note_label(act), true, 500));
	}
	fixed = json_pack("{s:s, s:I}", "code", tui_jstr(task, "code"), "version",
	                  json_integer_value(json_object_get(task, "version")));
	if (!progress) /* progress is its own request, task.report */
		json_object_set_new(fixed, "action", json_string(act));
	snprintf(title, sizeof title, "%s — %s", tui_jstr(action, "label"), tui_jstr(task, "code"));
	tui_field_form_push(
	    t,
	    (tui_field_form_arg_t){
	        .spec = progress ? &s_report : &s_act, .title = title, .note = tui_jstr(task, "title"), .owner = owner},
	    fields, fixed, values);
}

void tui_task_comment(tui_t *t, const json_t *task, tui_task_owner_t *owner)
{
	json_t *fields = json_array(), *fixed = json_pack("{s:s}", "code", tui_jstr(task, "code")), *values = NULL;
	char title[128];

	json_array_append_new(fields, s_text("text", _("Nội dung"), true, 500));
	if (tui_me_has_role(t, ROLE_LEADER)) { /* the server decides whether it may be a directive */
		json_array_append_new(fields, s_choice("kind", _("Loại"), s_kinds, 2));
		values = json_pack("{s:s}", "kind", tui_tr(s_kinds[0].name));
	}
	snprintf(title, sizeof title, _("Ý kiến — %s"), tui_jstr(task, "code"));
	tui_field_form_push(t,
	       (tui_field_form_arg_t){.spec = &s_comment, .title = title, .note = tui_jstr(task, "title"), .owner = owner},
	       fields, fixed, values);
}
