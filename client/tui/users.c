/* users.c — officials within the admin's scope: the list, adding one (the
 * server may hand back a temporary password to pass on), disabling and
 * re-enabling, and resetting a password. */
#include <stdio.h>
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
	if (json_integer_value(json_object_get(u, "locked_until")) > time(NULL))
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

/* --- adding --- */

static const tui_field_t s_add_fields[] = {
    {"username", N_("Tên đăng nhập"), 0},
    {"name", N_("Họ và tên"), 0},
    {"unit", N_("Mã đơn vị"), 0},
    {"roles", N_("Vai trò"), 0},
    {"password", N_("Mật khẩu ban đầu"), TF_SECRET},
};

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

static void s_added(tui_t *t, const json_t *req, const json_t *reply)
{
	const char *pw = json_string_value(json_object_get(reply, "password"));

	if (pw)
		s_show_password(t, _("Đã thêm cán bộ"), tui_jstr(req, "username"), pw);
	else
		tui_msg(t, false, _("Đã thêm cán bộ %s."), tui_jstr(req, "username"));
}

static const tui_formspec_t s_add = {
    N_("Thêm cán bộ"), MSG_user_add, s_add_fields, sizeof s_add_fields / sizeof s_add_fields[0], s_added,
};

/* The form's help: the role names the server knows, with their labels. */
static void s_add_form(tui_t *t, const json_t *row)
{
	static const char *const names[] = {
#define R(id, bit, name, label) name,
	    PROTO_ROLES(R)
#undef R
	};
	char note[512];
	size_t len;

	len = (size_t)snprintf(note, sizeof note, "%s", _("Vai trò, cách nhau bằng dấu phẩy:"));
	for (size_t i = 0; i < sizeof names / sizeof names[0] && len < sizeof note; i++)
		len += (size_t)snprintf(note + len, sizeof note - len, "%s %s (%s)", i ? "," : "", names[i],
		                        _(proto_role_label(names[i])));
	if (len < sizeof note)
		snprintf(note + len, sizeof note - len, ". %s", _("Để trống mật khẩu: máy chủ tạo mật khẩu tạm."));
	tui_push(t, &tui_form_screen,
	         &(tui_form_arg_t){&s_add, {[2] = row ? tui_jstr(row, "unit") : tui_me_str(t, "unit")}, note});
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
