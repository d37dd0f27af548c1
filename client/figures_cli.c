/* figures_cli.c — figures.export as an .xlsx workbook (see figures_cli.h).
 * Written in libxlsxwriter's constant-memory mode: row by row, strings
 * inline in the sheet, so a province's years stay small in memory. */
#include "figures_cli.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "i18n.h"

static const struct {
	const char *title, *key;
	double width;
} s_cols[] = {
    {"Mã đơn vị", "unit", 16},  {"Đơn vị", "unit_name", 44}, {"Kỳ", "period", 9},
    {"Mã chỉ tiêu", "indicator", 20}, {"Chỉ tiêu", "name", 44}, {"Đơn vị tính", "uom", 12},
    {"Giá trị", "value", 14},   {"Loại số liệu", "kind", 13}, {"Lần", "rev", 6},
};
#define NCOLS (sizeof s_cols / sizeof s_cols[0])

/* One cell of row r (0-based, after the header) from the figure f. */
static lxw_error s_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t k, const json_t *f, lxw_format *num)
{
	const json_t *v = json_object_get(f, s_cols[k].key);

	if (json_is_number(v))
		return worksheet_write_number(ws, r, k, json_number_value(v), k == 6 ? num : NULL);
	if (k == 7) /* estimate, final: in words */
		return worksheet_write_string(ws, r, k,
		                              json_is_string(v) && !strcmp(json_string_value(v), "final") ? "chính thức"
		                                                                                          : "ước tính",
		                              NULL);
	return worksheet_write_string(ws, r, k, json_is_string(v) ? json_string_value(v) : "", NULL);
}

int figures_cli_xlsx(const json_t *reply, const char *file, char *err, size_t n)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(file, &opt);
	lxw_worksheet *ws;
	lxw_format *bold, *num;
	lxw_error e = LXW_NO_ERROR;
	const json_t *f;
	size_t i;

	if (!wb) {
		snprintf(err, n, "%s: %s", _("không tạo được tệp"), file);
		return -1;
	}
	ws = workbook_add_worksheet(wb, "Số liệu");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	num = workbook_add_format(wb);
	format_set_num_format(num, "#,##0.####");
	for (lxw_col_t k = 0; k < NCOLS; k++) {
		worksheet_set_column(ws, k, k, s_cols[k].width, NULL);
		if (e == LXW_NO_ERROR)
			e = worksheet_write_string(ws, 0, k, _(s_cols[k].title), bold);
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach(json_object_get(reply, "figures"), i, f)
	{
		for (lxw_col_t k = 0; k < NCOLS && e == LXW_NO_ERROR; k++)
			e = s_cell(ws, (lxw_row_t)(i + 1), k, f, num);
	}
	if (e == LXW_NO_ERROR)
		e = workbook_close(wb);
	else
		workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		snprintf(err, n, "%s %s: %s", _("không ghi được tệp"), file, lxw_strerror(e));
		remove(file);
		return -1;
	}
	return 0;
}
