/* units.c — the org tree within the admin's scope as an indented list
 * (depth from unit.list, rows already in tree order), and adding a unit
 * under the selected one. */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "spec_screens.h"

static const tui_col_t s_cols[] = {
    {N_("Đơn vị"), 24, 1},
    {N_("Mã"), 13, 0},
    {N_("Cấp"), 10, 0},
    {N_("Cán bộ"), 6, 0},
};

static const char *s_cell(const json_t *u, int col, char *buf, size_t n)
{
	int depth = (int)json_integer_value(json_object_get(u, "depth"));

	switch (col) {
	case 0:
		snprintf(buf, n, "%*s%s", 2 * (depth > 0 ? depth : 0), "", tui_jstr(u, "name"));
		return buf;
	case 1:
		return tui_jstr(u, "code");
	case 2:
		return tui_jstr(u, "level");
	default:
		snprintf(buf, n, "%lld", (long long)json_integer_value(json_object_get(u, "users")));
		return buf;
	}
}

static void s_details(tui_t *t, const json_t *u)
{
	char users[32];
	char *text;

	snprintf(users, sizeof users, "%lld", (long long)json_integer_value(json_object_get(u, "users")));
	text =
	    tui_pairs_text((const char *const[]){N_("Mã đơn vị"), tui_jstr(u, "code"), N_("Tên đơn vị"),
	                                         tui_jstr(u, "name"), N_("Cấp"), tui_jstr(u, "level"),
	                                         N_("Đơn vị cấp trên"), tui_jstr(u, "parent"), N_("Số cán bộ"), users},
	                   5);
	if (text)
		tui_popup(t, _("Chi tiết đơn vị"), text);
	free(text);
}

static const tui_field_t s_add_fields[] = {
    {"code", N_("Mã đơn vị"), 0},
    {"name", N_("Tên đơn vị"), 0},
    {"level", N_("Cấp"), 0},
    {"parent", N_("Mã đơn vị cấp trên"), 0},
};

static void s_added(tui_t *t, const json_t *req, const json_t *reply)
{
	(void)reply;
	tui_msg(t, false, _("Đã thêm đơn vị %s."), tui_jstr(req, "code"));
}

static const tui_formspec_t s_add = {
    N_("Thêm đơn vị"), MSG_unit_add, s_add_fields, sizeof s_add_fields / sizeof s_add_fields[0], s_added,
};

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *u)
{
	(void)lv;
	if (a == ACT_ADD)
		tui_push(t, &tui_form_screen,
		         &(tui_form_arg_t){&s_add,
		                           {[3] = u ? tui_jstr(u, "code") : tui_me_str(t, "unit")},
		                           _("Cấp: tỉnh, sở, huyện, xã, ... Mã đơn vị theo danh mục mã định danh "
		                             "(vd. 000.01.15.H12).")});
	return TUI_R_NONE;
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_unit_list,
    .key = "units",
    .cols = s_cols,
    .ncols = sizeof s_cols / sizeof s_cols[0],
    .cell = s_cell,
    .details = s_details,
    .action = s_action,
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	(void)arg;
	tui_lv_init(t, st, &s_spec);
}

const tui_screen_t tui_units_screen = TUI_LIST_SCREEN(NC_("module", "Đơn vị"), TC_UNITS, s_enter);
