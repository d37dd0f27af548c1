/* users.c — officials within the admin's scope: the list, adding one (the
 * server may hand back a temporary password to pass on), disabling and
 * re-enabling, and resetting a password. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include "i18n.h"
#include "spec_screens.h"

static const tui_col_t s_cols[] = {
    {N_("Tên đăng nhập"), 12, 1}, {N_("Họ và tên"), 16, 3},  {N_("Đơn vị"), 14, 3},
    {N_("Vai trò"), 10, 2},       {N_("Trạng thái"), 10, 0},
};

static const char *s_state(const json_t *u)
{
	if (json_is_true(json_object_get(u, "disabled")))
		return _("Đã khóa");
	if (json_integer_value(json_object_get(u, "locked_until")) > tui_now())
		return _("Tạm khóa");
	if (json_is_true(json_object_get(u, "must_change")))
		return _("Chờ đổi MK");
	return _("Hoạt động");
}

static const char *s_cell(const json_t *u, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		return tui_jstr(u, "username");
	case 1:
		return tui_jstr(u, "name");
	case 2:
		return tui_unit_short(tui_jstr(u, "unit_name"), buf, n);
	case 3:
		return tui_roles_text(json_object_get(u, "roles"), buf, n);
	default:
		return s_state(u);
	}
}

static bool s_dim(const json_t *u)
{
	return json_is_true(json_object_get(u, "disabled"));
}

static void s_details(tui_t *t, const json_t *u)
{
	char unit[400], roles[256];
	char *text;

	snprintf(unit, sizeof unit, "%s (%s)", tui_jstr(u, "unit_name"), tui_jstr(u, "unit"));
	text = tui_pairs_text((const char *const[]){N_("Tên đăng nhập"), tui_jstr(u, "username"), N_("Họ và tên"),
	                                            tui_jstr(u, "name"), N_("Đơn vị"), unit, N_("Vai trò"),
	                                            tui_roles_text(json_object_get(u, "roles"), roles, sizeof roles),
	                                            N_("Trạng thái"), s_state(u)},
	                      5);
	if (text)
		tui_popup(t, _("Chi tiết cán bộ"), text);
	free(text);
}

/* --- adding: the unit chosen by name among those in scope, the roles by
 * their Vietnamese names; the server makes the first password --- */

static const char *const s_role_codes[] = {
#define R(id, bit, name, label) name,
    PROTO_ROLES(R)
#undef R
};
#define NROLES (sizeof s_role_codes / sizeof s_role_codes[0])

/* The temporary password the server made, to be handed to the official. */
static void s_show_password(tui_t *t, const char *title, const char *user, const char *pw)
{
	char text[512];

	snprintf(text, sizeof text,
	         _("Tên đăng nhập: %s\nMật khẩu tạm:  %s\n\nHãy trao mật khẩu tạm cho cán bộ; "
	           "họ phải đổi mật khẩu ở lần đăng nhập đầu."),
	         user, pw);
	tui_popup(t, title, text);
}

static void s_added(tui_t *t, void *owner, const json_t *reply)
{
	const char *pw = json_string_value(json_object_get(reply, "password"));

	(void)owner;
	if (pw)
		s_show_password(t, _("Đã thêm cán bộ"), tui_jstr(reply, "username"), pw);
	else
		tui_msg(t, false, _("Đã thêm cán bộ %s."), tui_jstr(reply, "username"));
}

/* The roles chosen by their names as the list of codes the server takes. */
static void s_shape_add(json_t *body)
{
	json_t *roles = json_array();
	const char *keys[] = {"role", "role2"};

	for (size_t k = 0; k < 2; k++) {
		const char *label = json_string_value(json_object_get(body, keys[k]));
		for (size_t i = 0; label && i < NROLES; i++)
			if (!strcmp(label, _(proto_role_label(s_role_codes[i]))))
				json_array_append_new(roles, json_string(s_role_codes[i]));
		json_object_del(body, keys[k]);
	}
	json_object_set_new(body, "roles", roles);
}

static const tui_field_form_spec_t s_add = {
    .msg = MSG_user_add, .after = TUI_DF_CLOSE, .done = s_added, .shape = s_shape_add};

static void s_add_unit(tui_t *t, void *owner, const json_t *unit)
{
	json_t *choices = json_array(), *more, *fields, *fixed = json_pack("{s:s}", "unit", tui_jstr(unit, "code"));
	char title[400], uname[300];

	(void)owner;
	for (size_t i = 0; i < NROLES; i++)
		json_array_append_new(choices, json_string(_(proto_role_label(s_role_codes[i]))));
	more = json_copy(choices);
	json_array_insert_new(more, 0, json_string(_("(không)")));
	fields = json_pack("[{s:s, s:s, s:s, s:b, s:i}, {s:s, s:s, s:s, s:b, s:i}, {s:s, s:s, s:s, s:b, s:o}, "
	                   "{s:s, s:s, s:s, s:b, s:o}]",
	                   "name", "username", "label", _("Tên đăng nhập"), "type", "text", "required", 1, "max", 32,
	                   "name", "name", "label", _("Họ và tên"), "type", "text", "required", 1, "max", 128, "name",
	                   "role", "label", _("Vai trò"), "type", "choice", "required", 1, "choices", choices, "name",
	                   "role2", "label", _("Vai trò thêm"), "type", "choice", "required", 0, "choices", more);
	snprintf(title, sizeof title, _("Thêm cán bộ cho %s"), tui_unit_short(tui_jstr(unit, "name"), uname, sizeof uname));
	tui_field_form_push(t,
	                    (tui_field_form_arg_t){.spec = &s_add,
	                                           .title = title,
	                                           .note = _("← → chọn vai trò. Máy chủ tạo mật khẩu tạm; cán bộ đổi ở "
	                                                     "lần đăng nhập đầu. F2 để thêm.")},
	                    fields, fixed, NULL);
}

static void s_add_form(tui_t *t, const json_t *row)
{
	(void)row;
	tui_pick_unit(t, _("Thêm cán bộ: chọn đơn vị"), NULL, s_add_unit, NULL);
}

/* --- disable / enable / reset --- */

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *u)
{
	char q[400];
	const char *user = tui_jstr(u, "username");

	if (a == ACT_ADD) {
		s_add_form(t, u);
		return TUI_R_NONE;
	}
	if (a == ACT_YES) {
		tui_lv_send(t, lv, lv->asked == ACT_RESET ? MSG_user_reset : MSG_user_disable,
		            json_pack("{s:s}", "username", lv->target));
		return TUI_R_NONE;
	}
	if (!u || (a != ACT_TOGGLE && a != ACT_RESET))
		return TUI_R_NONE;
	if (a == ACT_TOGGLE && json_is_true(json_object_get(u, "disabled"))) {
		snprintf(lv->target, sizeof lv->target, "%s", user);
		tui_lv_send(t, lv, MSG_user_enable, json_pack("{s:s}", "username", user));
	} else if (a == ACT_TOGGLE) {
		snprintf(q, sizeof q, _("Khóa tài khoản %s (%s)? Phiên đăng nhập của họ sẽ kết thúc."), user,
		         tui_jstr(u, "name"));
		tui_lv_confirm(t, lv, a, user, q);
	} else {
		snprintf(q, sizeof q, _("Đặt lại mật khẩu của %s (%s)? Máy chủ sẽ cấp mật khẩu tạm."), user,
		         tui_jstr(u, "name"));
		tui_lv_confirm(t, lv, a, user, q);
	}
	return TUI_R_ALL;
}

static void s_done(tui_t *t, tui_lv_t *lv, proto_msg_t type, proto_err_t e, const json_t *body)
{
	if (e != E_OK)
		tui_error(t, e, NULL);
	else if (type == MSG_user_disable)
		tui_msg(t, false, _("Đã khóa tài khoản %s."), lv->target);
	else if (type == MSG_user_enable)
		tui_msg(t, false, _("Đã mở lại tài khoản %s."), lv->target);
	else if (type == MSG_user_reset)
		s_show_password(t, _("Đã đặt lại mật khẩu"), lv->target, tui_jstr(body, "password"));
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_user_list,
    .key = "users",
    .cols = s_cols,
    .ncols = sizeof s_cols / sizeof s_cols[0],
    .cell = s_cell,
    .dim = s_dim,
    .details = s_details,
    .action = s_action,
    .done = s_done,
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	(void)arg;
	tui_lv_init(t, st, &s_spec);
}

const tui_screen_t tui_users_screen = TUI_LIST_SCREEN(N_("Cán bộ"), TC_USERS, s_enter);
