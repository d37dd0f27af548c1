/* document_form.c — the forms of incoming documents, each a generated
 * form (field_form_screen.c): the clerk's registration, whose fields and
 * choices the server gives (document.form) and whose duplicate warning is
 * asked before registering anyway; the agency leader's directive (bút
 * phê: lead unit, person, co-operating units, deadline, text); the lead
 * unit leader's naming of the handler. The list reloads by itself on
 * document.changed, so the forms only say what was done. */
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "i18n.h"

/* The registration form's definitions as the server last gave them: the
 * code each shown choice stands for. */
static json_t *s_defs;

static void s_loaded(tui_t *t, void *owner, const json_t *reply)
{
	(void)t;
	(void)owner;
	json_decref(s_defs);
	s_defs = json_deep_copy(json_object_get(reply, "fields"));
}

void tui_document_codes(const json_t *defs, json_t *body)
{
	size_t i, j;
	json_t *def, *choice;

	json_array_foreach(defs, i, def)
	{
		const char *name = json_string_value(json_object_get(def, "name"));
		const char *v = json_string_value(json_object_get(body, name ? name : ""));
		json_array_foreach(json_object_get(def, "choices"), j, choice)
		{
			if (v && !strcmp(json_string_value(choice), v)) {
				json_object_set(body, name, json_array_get(json_object_get(def, "codes"), j));
				break;
			}
		}
	}
}

/* The body typed as msg declares it: numbers parsed, lists split at
 * commas (a list left empty is dropped). */
static void s_typed(proto_msg_t msg, json_t *body)
{
	const proto_def_t *def = proto_def(msg);

	for (int i = 0; def && i < def->nfields; i++) {
		const char *key = def->fields[i].key, *s = json_string_value(json_object_get(body, key));
		if (!s)
			continue;
		if (def->fields[i].type == T_INT)
			json_object_set_new(body, key, json_integer(strtoll(s, NULL, 10)));
		else if (def->fields[i].type == T_STRS) {
			json_t *list = tui_form_split(s);
			if (json_array_size(list))
				json_object_set_new(body, key, list);
			else {
				json_object_del(body, key);
				json_decref(list);
			}
		}
	}
}

static void s_shape_register(json_t *body)
{
	tui_document_codes(s_defs, body);
	s_typed(MSG_document_register, body);
}

static void s_shape_direct(json_t *body)
{
	s_typed(MSG_document_direct, body);
}

static void s_registered(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã vào sổ: số đến %s, %s."), tui_jstr(reply, "arrival"), tui_jstr(reply, "code"));
}

static void s_directed(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã bút phê %s: %s."), tui_jstr(reply, "code"), tui_jstr(reply, "state_name"));
}

static void s_assigned(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã giao %s cho %s."), tui_jstr(reply, "code"), tui_jstr(reply, "lead_name"));
}

static const tui_field_form_spec_t s_register = {.msg = MSG_document_register,
                                                 .after = TUI_DF_CLOSE,
                                                 .done = s_registered,
                                                 .shape = s_shape_register,
                                                 .loaded = s_loaded,
                                                 .confirm = "force"},
                                   s_direct = {.msg = MSG_document_direct,
                                               .after = TUI_DF_CLOSE,
                                               .done = s_directed,
                                               .shape = s_shape_direct},
                                   s_assign = {.msg = MSG_document_assign, .after = TUI_DF_CLOSE, .done = s_assigned};

void tui_document_register(tui_t *t)
{
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_register,
	                                 .title = _("Vào sổ văn bản đến"),
	                                 .note = _("Ô có dấu * là bắt buộc; ← → chọn. F2 hoặc Enter ở ô cuối để vào sổ."),
	                                 .load = MSG_document_form});
}

static json_t *s_def(const char *name, const char *label, const char *type, bool required, int max)
{
	json_t *d = json_pack("{s:s, s:s, s:s, s:b}", "name", name, "label", label, "type", type, "required", required);
	if (max)
		json_object_set_new(d, "max", json_integer(max));
	return d;
}

/* Push the form of spec about document row with fields (stolen). */
static void s_push(tui_t *t, const tui_field_form_spec_t *spec, const char *title, const char *note,
                   const json_t *row, json_t *fields)
{
	char head[256];
	json_t *fixed = json_pack("{s:s, s:I}", "code", tui_jstr(row, "code"), "version",
	                          json_integer_value(json_object_get(row, "version")));

	/* pickers: the unit and the person chosen by name travel as code and username */
	if (*tui_jstr(row, "lead"))
		json_object_set_new(fixed, "lead", json_string(tui_jstr(row, "lead")));
	if (*tui_jstr(row, "person"))
		json_object_set_new(fixed, "person", json_string(tui_jstr(row, "person")));
	if (json_array_size(json_object_get(row, "coop")))
		json_object_set(fixed, "coop", json_object_get(row, "coop"));

	snprintf(head, sizeof head, "%s — %s %s", title, tui_jstr(row, "number"), tui_jstr(row, "code"));
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = spec, .title = head, .note = note, .fields = fields, .fixed = fixed});
	json_decref(fields);
	json_decref(fixed);
}

/* pickers: the document being directed or assigned while a unit and a
 * person are chosen by name (one chooser at a time), and the lead unit
 * chosen: {code, version, number, lead, lead_name}. */
static json_t *s_pending;

/* The co-operating units marked ({"marked": []}: none): the directive's form. */
static void s_direct_coop(tui_t *t, void *owner, const json_t *picked)
{
	json_t *f = json_array(), *row = s_pending;
	char note[1024], uname[300], coop[512];

	(void)owner;
	s_pending = NULL;
	if (!row)
		return;
	json_object_set_new(row, "coop", tui_pick_marked(picked, "code", coop, sizeof coop));
	json_array_append_new(f, s_def("deadline", _("Hạn giải quyết"), "date", true, 0));
	json_array_append_new(f, s_def("directive", _("Ý kiến chỉ đạo"), "text", true, 2000));
	tui_unit_short(tui_jstr(row, "lead_name"), uname, sizeof uname);
	snprintf(note, sizeof note, _("Chủ trì: %s%s%s. Giao đơn vị chủ trì thành nhiệm vụ trên bảng. F2 để gửi."), uname,
	         *tui_jstr(row, "person_name") ? " · " : "", tui_jstr(row, "person_name"));
	if (*coop)
		snprintf(note + strlen(note), sizeof note - strlen(note), " %s %s.", _("Phối hợp:"), coop);
	s_push(t, &s_direct, _("Bút phê"), note, row, f);
	json_decref(row);
}

/* The lead's person chosen ({}: none): the co-operating units. */
static void s_direct_person(tui_t *t, void *owner, const json_t *person)
{
	(void)owner;
	if (!s_pending)
		return;
	json_object_set_new(s_pending, "person", json_string(tui_jstr(person, "username")));
	json_object_set_new(s_pending, "person_name", json_string(tui_jstr(person, "name")));
	tui_pick_units(t, _("Đơn vị phối hợp: Space đánh dấu, Enter xong (không chọn: không có)"), s_direct_coop, NULL);
}

/* The lead unit chosen: its people, to choose its lead person. */
static void s_direct_unit(tui_t *t, void *owner, const json_t *unit)
{
	char title[400], uname[300];

	(void)owner;
	if (!s_pending)
		return;
	json_object_set_new(s_pending, "lead", json_string(tui_jstr(unit, "code")));
	json_object_set_new(s_pending, "lead_name", json_string(tui_jstr(unit, "name")));
	snprintf(title, sizeof title, _("Cán bộ chủ trì của %s"), tui_unit_short(tui_jstr(unit, "name"), uname, sizeof uname));
	tui_pick_person(t, title, tui_jstr(unit, "code"), _("(Không chọn: lãnh đạo đơn vị phân công)"), s_direct_person,
	                NULL);
}

void tui_document_direct(tui_t *t, const json_t *row)
{
	json_decref(s_pending);
	s_pending = json_pack("{s:s, s:I, s:s}", "code", tui_jstr(row, "code"), "version",
	                      json_integer_value(json_object_get(row, "version")), "number", tui_jstr(row, "number"));
	tui_pick_unit(t, _("Bút phê: chọn đơn vị chủ trì"), NULL, s_direct_unit, NULL);
}

/* The handler chosen by name: the assignment's form. */
static void s_assign_person(tui_t *t, void *owner, const json_t *person)
{
	json_t *f = json_array(), *row = s_pending;
	char note[400];

	(void)owner;
	s_pending = NULL;
	if (!row)
		return;
	json_object_set_new(row, "person", json_string(tui_jstr(person, "username")));
	json_array_append_new(f, s_def("note", _("Ý kiến giao việc"), "text", false, 2000));
	snprintf(note, sizeof note, _("Cán bộ xử lý: %s (%s). F2 để gửi."), tui_jstr(person, "name"),
	         tui_jstr(person, "role_names"));
	s_push(t, &s_assign, _("Giao cán bộ xử lý"), note, row, f);
	json_decref(row);
}

void tui_document_assign(tui_t *t, const json_t *row)
{
	json_decref(s_pending);
	s_pending = json_pack("{s:s, s:I, s:s}", "code", tui_jstr(row, "code"), "version",
	                      json_integer_value(json_object_get(row, "version")), "number", tui_jstr(row, "number"));
	/* a person of the lead unit: the assigning leader's own */
	tui_pick_person(t, _("Giao cán bộ xử lý: chọn theo tên"), tui_me_str(t, "unit"), NULL, s_assign_person, NULL);
}
