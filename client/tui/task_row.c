/* task_row.c — a task card as people read it: one row of a task list (a mark,
 * code, title, lead, state, remaining time), the lead as "unit · person",
 * the deadline as a date, and the names of priorities and sources. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "tasks.h"

const tui_code_t tui_task_priorities[] = {
    {"normal", N_("Thường")},
    {"high", N_("Quan trọng")},
    {"urgent", N_("Khẩn")},
};
const int tui_task_npriorities = sizeof tui_task_priorities / sizeof tui_task_priorities[0];

/* the sources an official may give (the server adds "recurring" itself) */
const tui_code_t tui_task_sources[] = {
    {"directive", N_("Chỉ đạo")}, {"meeting", N_("Kết luận cuộc họp")},
    {"document", N_("Văn bản")},  {"dossier", NC_("source", "Hồ sơ")},
    {"other", N_("Khác")},
};
const int tui_task_nsources = sizeof tui_task_sources / sizeof tui_task_sources[0];

const char *tui_code_name(const tui_code_t *table, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(table[i].code, code))
			return tui_tr(table[i].name);
	return code ? code : "";
}

const tui_col_t tui_task_row_cols[TUI_TROW_NCOLS] = {
    {"", 1, 0},
    {N_("Mã"), 12, 0},
    {N_("Nhiệm vụ"), 12, 3},
    {N_("Chủ trì"), 10, 2},
    {N_("Trạng thái"), 10, 1},
    {N_("Thời hạn"), 16, 0},
};

const char *tui_task_day(const char *iso, char *buf, size_t n)
{
	char date[64];
	snprintf(buf, n, "%.10s", tui_date(iso ? iso : "", date, sizeof date));
	return buf;
}

const char *tui_task_lead(const json_t *card, char *buf, size_t n)
{
	char unit[300];
	const char *person = tui_jstr(card, "lead_name");

	tui_unit_short(tui_jstr(card, "lead_unit_name"), unit, sizeof unit);
	snprintf(buf, n, "%s%s%s", unit, *person ? " · " : "", person);
	return buf;
}

static bool s_flag(const json_t *card, const char *key)
{
	return json_is_true(json_object_get(card, key));
}

const char *tui_task_row_cell(const json_t *card, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		return s_flag(card, "overdue") ? "!" : "";
	case 1:
		return tui_jstr(card, "code");
	case 2:
		return tui_jstr(card, "title");
	case 3:
		return tui_task_lead(card, buf, n);
	case 4:
		return tui_jstr(card, "state_name");
	default:
		return tui_jstr(card, "remaining");
	}
}

attr_t tui_task_row_attr(const json_t *card)
{
	if (s_flag(card, "overdue"))
		return tui_attr(TA_ERR);
	return !strcmp(tui_jstr(card, "priority"), "urgent") ? A_BOLD : A_NORMAL;
}
