/* devices.c — the terminals enrolled in the admin's scope: the list,
 * inviting a new one (the invite string is shown to be copied to the new
 * machine), naming one and revoking one. */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "spec_screens.h"

static const tui_col_t s_cols[] = {
    {N_("Số"), 4, 0},          {N_("Tên máy"), 10, 2},  {N_("Đơn vị"), 14, 3},
    {N_("Người dùng"), 10, 1}, {N_("Lần cuối"), 16, 0}, {N_("Trạng thái"), 10, 0},
};

static bool s_revoked(const json_t *d)
{
	return json_is_true(json_object_get(d, "revoked")) || json_integer_value(json_object_get(d, "revoked")) != 0;
}

static const char *s_state(const json_t *d)
{
	return s_revoked(d) ? tui_tr(NC_("device", "Đã thu hồi")) : _("Hoạt động");
}

static const char *s_cell(const json_t *d, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		snprintf(buf, n, "%lld", (long long)json_integer_value(json_object_get(d, "id")));
		return buf;
	case 1:
		return tui_jstr(d, "name");
	case 2:
		return tui_unit_short(tui_jstr(d, "unit_name"), buf, n);
	case 3:
		return tui_jstr(d, "user");
	case 4:
		return tui_time(json_integer_value(json_object_get(d, "last_seen")), buf, n);
	default:
		return s_state(d);
	}
}

static void s_details(tui_t *t, const json_t *d)
{
	char id[32], unit[400], key[32], enrolled[32], seen[32];
	char *text;

	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(d, "id")));
	snprintf(unit, sizeof unit, "%s (%s)", tui_jstr(d, "unit_name"), tui_jstr(d, "unit"));
	snprintf(key, sizeof key, "%s…", tui_jstr(d, "key"));
	text = tui_pairs_text(
	    (const char *const[]){
	        N_("Số hiệu"), id, N_("Tên máy"), tui_jstr(d, "name"), N_("Đơn vị"), unit, N_("Khóa công khai"), key,
	        N_("Đăng ký lúc"),
	        tui_time(json_integer_value(json_object_get(d, "enrolled")), enrolled, sizeof enrolled), N_("Lần cuối"),
	        tui_time(json_integer_value(json_object_get(d, "last_seen")), seen, sizeof seen), N_("Người dùng"),
	        tui_jstr(d, "user"), N_("Trạng thái"), s_state(d)},
	    8);
	if (text)
		tui_popup(t, _("Chi tiết thiết bị"), text);
	free(text);
}

/* --- inviting --- */

static void s_invited(tui_t *t, void *owner, const json_t *reply)
{
	char text[1024], until[32];

	(void)owner;
	snprintf(text, sizeof text,
	         _("Đơn vị: %s\nHết hạn: %s\n\nTrên máy cần đăng ký, chạy lệnh:\n\ncongvu enroll %s"),
	         tui_jstr(reply, "unit"),
	         tui_time(json_integer_value(json_object_get(reply, "expires")), until, sizeof until),
	         tui_jstr(reply, "invite"));
	tui_popup(t, _("Lời mời đăng ký thiết bị"), text);
}

/* The hours as the number the server takes. */
static void s_shape_invite(json_t *body)
{
	const char *h = json_string_value(json_object_get(body, "expires"));
	if (h)
		json_object_set_new(body, "expires", json_integer(strtoll(h, NULL, 10)));
}

static const tui_field_form_spec_t s_invite = {
    .msg = MSG_device_invite, .after = TUI_DF_CLOSE, .done = s_invited, .shape = s_shape_invite};

/* pickers: the terminal's unit chosen by name among those in scope, then its hours. */
static void s_invite_unit(tui_t *t, void *owner, const json_t *unit)
{
	json_t *fields = json_pack("[{s:s, s:s, s:s, s:b, s:i, s:i}]", "name", "expires", "label", _("Hiệu lực (giờ)"), "type",
	                           "number", "required", 1, "min", 1, "max", 720);
	json_t *fixed = json_pack("{s:s}", "unit", tui_jstr(unit, "code")), *values = json_pack("{s:s}", "expires", "24");
	char title[400], uname[300];

	(void)owner;
	snprintf(title, sizeof title, _("Mời thiết bị mới cho %s"), tui_unit_short(tui_jstr(unit, "name"), uname, sizeof uname));
	tui_field_form_push(t,
	                    (tui_field_form_arg_t){.spec = &s_invite,
	                                           .title = title,
	                                           .note = _("Lời mời dùng được một lần, trong số giờ đã chọn.")},
	                    fields, fixed, values);
}

/* --- naming --- */

static const tui_field_t s_rename_fields[] = { /* the name first: the focus starts there */
    {"name", N_("Tên máy"), 0},
    {"id", N_("Số hiệu thiết bị"), 0},
};

static void s_renamed(tui_t *t, const json_t *req, const json_t *reply)
{
	(void)req;
	tui_msg(t, false, _("Đã đặt tên thiết bị số %lld: %s."), (long long)json_integer_value(json_object_get(reply, "id")),
	        tui_jstr(reply, "name"));
}

static const tui_formspec_t s_rename = {
    N_("Đặt tên thiết bị"),
    MSG_device_rename,
    s_rename_fields,
    sizeof s_rename_fields / sizeof s_rename_fields[0],
    s_renamed,
};

/* --- revoking --- */

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *d)
{
	char q[400], id[32];

	switch (a) {
	case ACT_INVITE:
		tui_pick_unit(t, _("Mời thiết bị mới: chọn đơn vị"), NULL, s_invite_unit, NULL);
		return TUI_R_NONE;
	case ACT_RENAME:
		if (!d)
			return TUI_R_NONE;
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(d, "id")));
		tui_push(t, &tui_form_screen,
		         &(tui_form_arg_t){&s_rename,
		                           {tui_jstr(d, "name"), id},
		                           _("Một tên người quản trị nhận ra được: nơi đặt máy, người dùng chính.")});
		return TUI_R_NONE;
	case ACT_YES:
		tui_lv_send(t, lv, MSG_device_revoke,
		            json_pack("{s:I}", "id", (json_int_t)strtoll(lv->target, NULL, 10)));
		return TUI_R_NONE;
	case ACT_REVOKE:
		if (!d)
			return TUI_R_NONE;
		if (s_revoked(d)) {
			tui_msg(t, true, "%s", _("Thiết bị này đã bị thu hồi."));
			return TUI_R_NONE;
		}
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(d, "id")));
		snprintf(q, sizeof q, _("Thu hồi thiết bị số %s (%s)? Máy đó sẽ không kết nối được nữa."), id,
		         tui_jstr(d, "name"));
		tui_lv_confirm(t, lv, a, id, q);
		return TUI_R_ALL;
	default:
		return TUI_R_NONE;
	}
}

static void s_done(tui_t *t, tui_lv_t *lv, proto_msg_t type, proto_err_t e, const json_t *body)
{
	(void)type;
	(void)body;
	if (e != E_OK)
		tui_error(t, e, NULL);
	else
		tui_msg(t, false, _("Đã thu hồi thiết bị số %s."), lv->target);
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_device_list,
    .key = "devices",
    .cols = s_cols,
    .ncols = sizeof s_cols / sizeof s_cols[0],
    .cell = s_cell,
    .dim = s_revoked,
    .details = s_details,
    .action = s_action,
    .done = s_done,
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	(void)arg;
	tui_lv_init(t, st, &s_spec);
}

const tui_screen_t tui_devices_screen = TUI_LIST_SCREEN(N_("Thiết bị"), TC_DEVICES, s_enter);
