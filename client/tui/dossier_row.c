/* dossier_row.c — one dossier as a row of the queue and of the search results:
 * the same columns in both, sized so that the code and the remaining time
 * ("còn 1 ngày 3 giờ", "quá hạn 2 ngày") are never cut at 80 columns. */
#include <string.h>

#include "dossiers.h"
#include "i18n.h"

const tui_col_t tui_dossier_row_cols[TUI_DROW_NCOLS] = {
    {"", 1, 0},
    {N_("Mã hồ sơ"), 25, 0},
    {N_("Thủ tục"), 9, 1},
    {N_("Người nộp"), 11, 3},
    {N_("Tình trạng"), 10, 2},
    {N_("Thời hạn"), 16, 0},
};

/* A summary's flag (overdue, due_today), or its bit in a compact row's
 * flags (1 overdue, 2 due today). */
static bool s_flag(const json_t *row, const char *key)
{
	const json_t *flags = json_object_get(row, "flags");
	if (flags)
		return json_integer_value(flags) & (strcmp(key, "overdue") ? 2 : 1);
	return json_is_true(json_object_get(row, key));
}

const char *tui_dossier_row_cell(const json_t *row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	switch (col) {
	case 0:
		return s_flag(row, "overdue") ? "!" : s_flag(row, "due_today") ? "*" : "";
	case 1:
		return tui_jstr(row, "code");
	case 2:
		return tui_jstr(row, "procedure");
	case 3:
		return tui_jstr(row, "applicant");
	case 4: /* while it is being processed, the step says more than the state */
		return !strcmp(tui_jstr(row, "state"), "processing") && *tui_jstr(row, "step")
		           ? tui_jstr(row, "step")
		           : tui_jstr(row, "state_name");
	default:
		return tui_jstr(row, "remaining");
	}
}

attr_t tui_dossier_row_attr(const json_t *row)
{
	if (s_flag(row, "overdue"))
		return tui_attr(TA_ERR);
	return s_flag(row, "due_today") ? A_BOLD : A_NORMAL;
}
