/* delegations.c — the agency's signing delegations (TM., KT., Q., TL.,
 * TUQ.) and the naming of who checks the form of its drafts (NĐ 30/2020
 * Điều 13; document.delegations): who, in which capacity, from when to
 * when, on what ground, in force or not. An admin or the agency's leader
 * gives one (n: the official's unit, then the official by name, then the
 * capacity and the dates) and revokes one (x, asked first); the server checks both. Opened
 * with u from the outgoing documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "document_out.h"
#include "i18n.h"

const tui_capacity_t tui_capacities[TUI_NCAPACITIES] = {
    {"tm", N_("TM. — thay mặt tập thể")}, {"kt", N_("KT. — ký thay người đứng đầu")}, {"q", N_("Q. — quyền")},
    {"tl", N_("TL. — thừa lệnh")},        {"tuq", N_("TUQ. — thừa ủy quyền")},
};

/* What a delegation gives: a signing capacity, or the check of the form. */
static const tui_capacity_t s_form = {"form", N_("Kiểm tra thể thức")};

static const tui_capacity_t *s_cap(size_t i)
{
	return i < TUI_NCAPACITIES ? &tui_capacities[i] : &s_form;
}
#define NCAPS (TUI_NCAPACITIES + 1)

static const tui_col_t s_cols[] = {
    {N_("Thẩm quyền"), 10, 0}, {N_("Người được giao"), 16, 2}, {N_("Từ ngày"), 10, 0},
    {N_("Đến hết"), 10, 0},   {N_("Căn cứ"), 10, 2},          {N_("Trạng thái"), 13, 0},
};

/* Where a delegation stands against today in the province. */
typedef enum { G_IN_FORCE, G_NOT_YET, G_ENDED, G_REVOKED } g_state_t;

static g_state_t s_standing(const json_t *g)
{
	struct tm tm = {0};
	char today[16];

	if (json_is_true(json_object_get(g, "revoked")))
		return G_REVOKED;
	tui_today(&tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (strcmp(today, tui_jstr(g, "from")) < 0)
		return G_NOT_YET;
	return strcmp(today, tui_jstr(g, "to")) > 0 ? G_ENDED : G_IN_FORCE;
}

static const char *s_state(const json_t *g)
{
	switch (s_standing(g)) {
	case G_REVOKED: return tui_tr(NC_("delegation", "Đã thu hồi"));
	case G_NOT_YET: return _("Chưa đến ngày");
	case G_ENDED: return _("Hết hạn");
	default: return _("Đang hiệu lực");
	}
}

/* Only those in force stand out. */
static bool s_dim(const json_t *g)
{
	return s_standing(g) != G_IN_FORCE;
}

static const char *s_cell(const json_t *g, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		return *tui_jstr(g, "prefix") ? tui_jstr(g, "prefix") : _("Thể thức");
	case 1:
		return tui_jstr(g, "user_name");
	case 2:
		return tui_date(tui_jstr(g, "from"), buf, n);
	case 3:
		return tui_date(tui_jstr(g, "to"), buf, n);
	case 4:
		return tui_jstr(g, "note");
	default:
		return s_state(g);
	}
}

static void s_details(tui_t *t, const json_t *g)
{
	char from[32], to[32], who[300], *text;

	snprintf(who, sizeof who, "%s (%s)", tui_jstr(g, "user_name"), tui_jstr(g, "user"));
	text = tui_pairs_text(
	    (const char *const[]){N_("Người được giao"), who, N_("Thẩm quyền"), s_cell(g, 0, NULL, 0), N_("Thay cho"),
	                          tui_jstr(g, "for_name"), N_("Từ ngày"), tui_date(tui_jstr(g, "from"), from, sizeof from),
	                          N_("Đến hết ngày"), tui_date(tui_jstr(g, "to"), to, sizeof to), N_("Căn cứ"),
	                          tui_jstr(g, "note"), N_("Trạng thái"), s_state(g)},
	    7);
	if (text)
		tui_popup(t, _("Ủy quyền"), text);
	free(text);
}

/* --- giving one --- */

/* owner: the list below the form, shown again with the new row. */
static void s_given(tui_t *t, void *owner, const json_t *reply)
{
	tui_lv_reload(t, owner);
	tui_msg(t, false, _("Đã ủy quyền (số %lld)."), (long long)json_integer_value(json_object_get(reply, "id")));
}

/* The capacity's label as its code. */
static void s_shape(json_t *body)
{
	const char *v = json_string_value(json_object_get(body, "capacity"));

	for (size_t i = 0; v && i < NCAPS; i++)
		if (!strcmp(v, _(s_cap(i)->label))) {
			json_object_set_new(body, "capacity", json_string(s_cap(i)->code));
			return;
		}
}

static const tui_field_form_spec_t s_give = {
    .msg = MSG_document_delegate, .after = TUI_DF_CLOSE, .done = s_given, .shape = s_shape};

/* The official is picked: the capacity, the dates (from today), the
 * ground; owner is the list. */
static void s_person(tui_t *t, void *owner, const json_t *person)
{
	json_t *caps = json_array(), *fields, *values;
	struct tm tm = {0};
	char today[16], title[400];

	if (!person || !*tui_jstr(person, "username"))
		return;
	for (size_t i = 0; i < NCAPS; i++)
		json_array_append_new(caps, json_string(_(s_cap(i)->label)));
	fields = json_pack("[{s:s, s:s, s:s, s:b, s:o}, {s:s, s:s, s:s, s:b}, {s:s, s:s, s:s, s:b}, "
	                   "{s:s, s:s, s:s, s:b, s:i}]",
	                   "name", "capacity", "label", _("Thẩm quyền"), "type", "choice", "required", 1, "choices", caps,
	                   "name", "from", "label", _("Từ ngày"), "type", "date", "required", 1, "name", "to", "label",
	                   _("Đến hết ngày"), "type", "date", "required", 1, "name", "note", "label",
	                   _("Căn cứ (quyết định, quy chế)"), "type", "text", "required", 0, "max", 500);
	tui_today(&tm);
	strftime(today, sizeof today, "%d/%m/%Y", &tm);
	values = json_pack("{s:s, s:s}", "capacity", _(tui_capacities[1].label), "from", today); /* KT., the usual */
	snprintf(title, sizeof title, _("Ủy quyền cho %s"), tui_jstr(person, "name"));
	tui_field_form_push(t,
	                    (tui_field_form_arg_t){.spec = &s_give,
	                                           .title = title,
	                                           .owner = owner,
	                                           .note = _("Ủy quyền của cơ quan tôi; có hiệu lực đến hết ngày cuối. "
	                                                     "Lãnh đạo cơ quan hoặc quản trị mới được ủy quyền.")},
	                    fields, json_pack("{s:s}", "user", tui_jstr(person, "username")), values);
}

/* The official's unit is picked: its people by name. */
static void s_unit(tui_t *t, void *owner, const json_t *unit)
{
	char title[400], uname[300];

	if (!unit || !*tui_jstr(unit, "code"))
		return;
	snprintf(title, sizeof title, _("Ủy quyền: chọn cán bộ của %s"),
	         tui_unit_short(tui_jstr(unit, "name"), uname, sizeof uname));
	tui_pick_person(t, title, tui_jstr(unit, "code"), NULL, s_person, owner);
}

/* --- the list --- */

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *g)
{
	char q[512], id[32];

	switch (a) {
	case ACT_ADD: /* the official's unit, then the official: a province has thousands */
		tui_pick_unit(t, _("Ủy quyền: chọn đơn vị của cán bộ"), NULL, s_unit, lv);
		return TUI_R_NONE;
	case ACT_YES:
		tui_lv_send(t, lv, MSG_document_undelegate,
		            json_pack("{s:I}", "id", (json_int_t)strtoll(lv->target, NULL, 10)));
		return TUI_R_NONE;
	case ACT_REVOKE:
		if (!g)
			return TUI_R_NONE;
		if (json_is_true(json_object_get(g, "revoked"))) {
			tui_msg(t, true, "%s", _("Ủy quyền này đã bị thu hồi."));
			return TUI_R_NONE;
		}
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(g, "id")));
		snprintf(q, sizeof q, _("Thu hồi ủy quyền %s của %s?"), s_cell(g, 0, NULL, 0), tui_jstr(g, "user_name"));
		tui_lv_confirm(t, lv, a, id, q);
		return TUI_R_ALL;
	default:
		return TUI_R_NONE;
	}
}

static void s_done(tui_t *t, tui_lv_t *lv, proto_msg_t type, proto_err_t e, const json_t *body)
{
	(void)type;
	(void)lv;
	if (e != E_OK)
		tui_error_body(t, e, body, NULL);
	else
		tui_msg(t, false, "%s", _("Đã thu hồi ủy quyền."));
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_document_delegations,
    .key = "delegations",
    .cols = s_cols,
    .ncols = sizeof s_cols / sizeof s_cols[0],
    .cell = s_cell,
    .dim = s_dim,
    .details = s_details,
    .action = s_action,
    .done = s_done,
    .id_key = "id",
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	(void)arg;
	tui_lv_init(t, st, &s_spec);
}

const tui_screen_t tui_delegations_screen = TUI_LIST_SCREEN(N_("Ủy quyền ký"), TC_DELEG, s_enter);
