/* report.c — the one-stop report (DOMAIN.md §1): asked for with a small
 * form (month, the period — calendar month or NĐ 09/2019's 15th to 14th —,
 * optional unit), shown as the breakdown per unit — received, carried
 * over, resolved early / on time / late, in processing not due / overdue,
 * waiting for a supplement, refused after review, withdrawn, on-time rate,
 * rank by late rate — with the total as the last row, and the total's
 * received by channel above the table; v shows the national service
 * index's indicators (QĐ 766/QĐ-TTg: on-time rate, average processing time
 * in working days, share received online) with the fees, per unit and per
 * procedure; p prints the whole report (client/report_page.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "dossiers.h"
#include "i18n.h"
#include "report_page.h"
#include "text.h"

/* What the screen shows: the counts per unit, the national service index's
 * indicators (QĐ 766/QĐ-TTg) per unit, the same per procedure; v moves
 * between them. Keys are tui_report_value's. */
typedef struct {
	const char *name;  /* N_() */
	const char *rows;  /* the reply's array: "units" or "procedures" */
	const tui_col_t *cols;
	const char *const *keys;
	int ncols;
	const char *legend; /* N_() */
} view_t;

/* 80 columns: the counts in 4 (up to 9 999), the unit's name takes the rest */
static const tui_col_t s_count_cols[] = {
    {N_("Đơn vị"), 12, 1}, {N_("Nhận"), 5, 0}, {N_("Trước"), 5, 0}, {N_("Sớm"), 4, 0},  {N_("Đúng"), 4, 0},
    {N_("Trễ"), 4, 0},     {N_("Chưa"), 4, 0}, {N_("Quá"), 4, 0},   {N_("BS"), 4, 0},   {N_("TC"), 4, 0},
    {N_("Rút"), 4, 0},     {N_("%đúng"), 5, 0}, {N_("Hạng"), 4, 0},
};
static const char *const s_count_keys[] = {
    "@name",      "received",  "carried_over",         "early",     "on_time",      "late", "processing_not_due",
    "processing_overdue", "supplement", "refused_after_review", "withdrawn", "on_time_rate", "rank",
};
/* report: the indicators, the fees beside them */
static const tui_col_t s_ind_cols[] = {
    {N_("Đơn vị"), 12, 1}, {N_("Nhận"), 4, 0},      {N_("GQ"), 4, 0},  {N_("%đúng"), 6, 0}, {N_("TB ngày"), 7, 0},
    {N_("%tr.tuyến"), 9, 0}, {N_("%KQĐT"), 6, 0},      {N_("Phí (đồng)"), 10, 0}, {N_("Miễn"), 4, 0},
    {N_("Hạng"), 4, 0},
};
static const char *const s_ind_keys[] = {"@name", "received",      "@resolved", "on_time_rate", "avg_days",
                                         "online_rate", "e_result_rate", "fees", "fees_exempt", "rank"};
static const tui_col_t s_proc_cols[] = {
    {N_("Thủ tục"), 16, 1},  {N_("Nhận"), 5, 0},       {N_("GQ"), 5, 0},  {N_("%đúng"), 6, 0}, {N_("TB ngày"), 7, 0},
    {N_("%tr.tuyến"), 9, 0}, {N_("%KQĐT"), 6, 0},      {N_("Phí (đồng)"), 11, 0}, {N_("Miễn"), 4, 0},
};

static const view_t s_views[] = {
    {N_("số hồ sơ theo đơn vị"), "units", s_count_cols, s_count_keys, 13,
     N_("Nhận: trong kỳ · Trước: kỳ trước chuyển sang · Sớm, Đúng, Trễ: đã giải quyết trước, đúng, quá hạn · "
        "Chưa, Quá: đang giải quyết, chưa đến hạn, quá hạn · BS: chờ bổ sung · TC: từ chối sau thẩm định · Rút: "
        "rút, dừng · %đúng: tỷ lệ đúng hạn · Hạng: theo tỷ lệ trễ hạn")},
    {N_("chỉ số theo đơn vị"), "units", s_ind_cols, s_ind_keys, 10,
     N_("QĐ 766/QĐ-TTg · GQ: đã giải quyết · TB ngày: số ngày làm việc trung bình từ tiếp nhận đến có kết quả · "
        "%tr.tuyến: tỷ lệ nhận trực tuyến · %KQĐT: tỷ lệ trả kết quả điện tử · Phí: phí, lệ phí đã thu trong kỳ · "
        "Miễn: số hồ sơ được miễn")},
    {N_("chỉ số theo thủ tục"), "procedures", s_proc_cols, s_ind_keys, 9,
     N_("QĐ 766/QĐ-TTg · GQ: đã giải quyết · TB ngày: số ngày làm việc trung bình từ tiếp nhận đến có kết quả · "
        "%tr.tuyến: tỷ lệ nhận trực tuyến · %KQĐT: tỷ lệ trả kết quả điện tử · Phí: phí, lệ phí đã thu trong kỳ · "
        "Miễn: số hồ sơ được miễn")},
};
#define NVIEWS (int)(sizeof s_views / sizeof s_views[0])

typedef struct {
	json_t *r;    /* the report.onestop reply */
	json_t *rows; /* the view's rows, then the total */
	int view;
	tui_list_t list;
	char title[128];
} report_t;

/* The rows of the view, the total last. */
static void s_rows(report_t *rp)
{
	json_decref(rp->rows);
	rp->rows = json_copy(json_object_get(rp->r, s_views[rp->view].rows));
	if (!rp->rows)
		rp->rows = json_array();
	json_array_append(rp->rows, json_object_get(rp->r, "total"));
	rp->list.sel = 0;
	tui_list_set_count(&rp->list, (int)json_array_size(rp->rows));
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	report_t *rp = st;
	const json_t *r = arg;
	(void)t;
	rp->r = json_incref((json_t *)r);
	s_rows(rp);
	report_title(r, rp->title, sizeof rp->title);
}

static void s_leave(tui_t *t, void *st)
{
	report_t *rp = st;
	(void)t;
	json_decref(rp->rows);
	json_decref(rp->r);
}

static const char *s_name(void *st)
{
	return ((report_t *)st)->title;
}

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const report_t *rp = ctx;
	const view_t *v = &s_views[rp->view];
	const json_t *r = json_array_get(rp->rows, (size_t)row);
	char val[64];

	if (col == 0) {
		const char *name = report_value(r, "@name", val, sizeof val);
		return rp->view == 2 ? name : tui_unit_short(name, buf, n);
	}
	report_value(r, v->keys[col], val, sizeof val);
	/* numbers right-aligned in their columns (fixed widths, no flex); "—"
	 * is one column in three bytes */
	snprintf(buf, n, "%*s", v->cols[col].min + (int)(strlen(val) - (size_t)text_width(val)), val);
	return buf;
}

static attr_t s_attr(const void *ctx, int row)
{
	const report_t *rp = ctx;
	return row == rp->list.n - 1 ? A_BOLD : A_NORMAL; /* the total */
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	report_t *rp = st;
	const view_t *v = &s_views[rp->view];
	int h = getmaxy(w), cols = getmaxx(w), legend;
	char line[256], at[32];

	(void)t;
	const json_t *total = json_object_get(rp->r, "total");

	snprintf(line, sizeof line, "%s — %s (%d)", rp->title, _(v->name), rp->list.n - 1);
	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, 0, 1, line, cols - 2, 0);
	wattroff(w, tui_attr(TA_TITLE));
	/* by channel, and when open dossiers were judged (now, before the end) */
	snprintf(line, sizeof line, _("Nhận: %lld trực tiếp · %lld trực tuyến · %lld bưu chính · tính đến %s"),
	         (long long)json_integer_value(json_object_get(total, "received_direct")),
	         (long long)json_integer_value(json_object_get(total, "received_online")),
	         (long long)json_integer_value(json_object_get(total, "received_postal")),
	         tui_date(tui_jstr(rp->r, "as_of"), at, sizeof at));
	tui_put(w, 1, 1, line, cols - 2, 0);
	legend = h > 12 ? 3 : 0;
	tui_table_draw_attr(w, 2, h - 2 - legend, v->cols, v->ncols, &rp->list, s_cell, s_attr, rp);
	if (legend)
		tui_put_wrapped(w, h - legend, 1, _(v->legend), cols - 2, legend);
}

/* The whole report (every view) on A4, to the printer when $PRINTER names one. */
static void s_print(tui_t *t, report_t *rp)
{
	char *layout = report_layout(rp->r, rp->title), stem[64];

	snprintf(stem, sizeof stem, "bao-cao-%s%s", tui_jstr(rp->r, "month"),
	         !strcmp(tui_jstr(rp->r, "period"), "nd09") ? "-nd09" : "");
	if (layout)
		tui_print_layout(t, layout, stem);
	free(layout);
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	report_t *rp = st;

	(void)key;
	switch (a) {
	case ACT_BACK: tui_pop(t); return TUI_R_NONE;
	case ACT_VIEW:
		rp->view = (rp->view + 1) % NVIEWS;
		s_rows(rp);
		return TUI_R_BODY;
	case ACT_PRINT: s_print(t, rp); return TUI_R_MSG;
	default: return tui_list_key(&rp->list, a);
	}
}

static const tui_screen_t s_screen = {
    .title = N_("Báo cáo"),
    .name = s_name,
    .ctx = TC_LIST | TC_REPORT,
    .size = sizeof(report_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
};

static void s_show(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_push(t, &s_screen, reply);
}

/* The period's label as the server's word (empty: the calendar month). */
static void s_shape(json_t *body)
{
	const char *p = json_string_value(json_object_get(body, "period"));

	if (p && !strcmp(p, _("Kỳ NĐ 09/2019 (15 tháng trước – 14)")))
		json_object_set_new(body, "period", json_string("nd09"));
	else
		json_object_del(body, "period");
}

static const tui_field_form_spec_t s_spec = {
    .msg = MSG_report_onestop,
    .after = TUI_DF_STAY,
    .done = s_show,
    .shape = s_shape,
};

/* The unit chosen by name ({}: the official's own and below): the form. */
static void s_unit_picked(tui_t *t, void *owner, const json_t *unit)
{
	json_t *fields = json_pack("[{s:s, s:s, s:s, s:b}, {s:s, s:s, s:s, s:b, s:[ss]}]", "name", "month", "label",
	                           _("Tháng"), "type", "month", "required", 1, "name", "period", "label", _("Kỳ"), "type",
	                           "choice", "required", 0, "choices", _("Tháng dương lịch"),
	                           _("Kỳ NĐ 09/2019 (15 tháng trước – 14)"));
	json_t *fixed = *tui_jstr(unit, "code") ? json_pack("{s:s}", "unit", tui_jstr(unit, "code")) : NULL, *values;
	char month[16], title[400], uname[300];
	struct tm tm = {0};

	(void)owner;
	tui_today(&tm);
	strftime(month, sizeof month, "%m/%Y", &tm);
	values = json_pack("{s:s}", "month", month);
	if (fixed)
		snprintf(title, sizeof title, "%s — %s", _("Báo cáo một cửa"),
		         tui_unit_short(tui_jstr(unit, "name"), uname, sizeof uname));
	else
		snprintf(title, sizeof title, "%s", _("Báo cáo một cửa"));
	tui_field_form_push(
	    t,
	    (tui_field_form_arg_t){.spec = &s_spec,
	                           .title = title,
	                           .note = _("Đơn vị đã chọn và các đơn vị cấp dưới. F2 hoặc Enter ở ô cuối để xem.")},
	    fields, fixed, values);
}

/* pickers: the unit by name, among those in scope, then the month. */
void tui_report_open(tui_t *t)
{
	tui_pick_unit(t, _("Báo cáo một cửa: chọn đơn vị"), _("(Đơn vị của tôi và các đơn vị cấp dưới)"), s_unit_picked,
	              NULL);
}
