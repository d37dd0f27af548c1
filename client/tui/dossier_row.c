/* dossier_row.c — one dossier as a row of the queue and of the search results:
 * the same columns in both, sized so that the code and the remaining time
 * ("còn 1 ngày 3 giờ", "quá hạn 2 ngày") are never cut at 80 columns; and
 * the dossiers' search (search.c's spec). */
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

static void s_open(tui_t *t, const json_t *row)
{
	tui_push(t, &tui_dossier_screen, tui_jstr(row, "code"));
}

const tui_search_spec_t tui_dossier_search = {
    .title = N_("Tìm hồ sơ"),
    .msg = MSG_dossier_search,
    .compact = true, /* the server folds and ranks exact accented matches first */
    .key = "dossiers",
    .event = EV_dossier_changed,
    .cols = tui_dossier_row_cols,
    .ncols = TUI_DROW_NCOLS,
    .cell = tui_dossier_row_cell,
    .attr = tui_dossier_row_attr,
    .open = s_open,
    .hint = N_("Mã hồ sơ, người nộp, số định danh, thủ tục — có dấu hay không dấu đều được."),
    .found = N_("Tìm thấy %d hồ sơ. Enter để mở hồ sơ đã chọn."),
    .none = N_("Không tìm thấy hồ sơ nào."),
};
