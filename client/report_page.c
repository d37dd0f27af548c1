/* report_page.c — the one-stop report's figures as people read them (a
 * count, a rate with one decimal, an average in working days, a sum in
 * đồng with "." separators) and the report as a printed page: the line
 * markup of shared/layout.h that client/pdf.c draws as A4 — the counts per
 * unit, the national service index's indicators (QĐ 766/QĐ-TTg) per unit
 * and per procedure, with what the columns mean. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_page.h"

#include "date.h"
#include "fmt_text.h"
#include "i18n.h"

/* o[key] as a string; "" when absent or not a string. */
static const char *s_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

const char *report_value(const json_t *row, const char *key, char *buf, size_t n)
{
	const json_t *v;

	if (!strcmp(key, "@name")) { /* a procedure's name, or the unit's; the total's in the UI's language */
		if (*s_str(row, "title"))
			return s_str(row, "title");
		return json_object_get(row, "unit") && !*s_str(row, "unit") ? _(s_str(row, "unit_name"))
		                                                                 : s_str(row, "unit_name");
	}
	if (!strcmp(key, "@resolved")) {
		snprintf(buf, n, "%lld",
		         (long long)(json_integer_value(json_object_get(row, "early")) +
		                     json_integer_value(json_object_get(row, "on_time")) +
		                     json_integer_value(json_object_get(row, "late"))));
		return buf;
	}
	v = json_object_get(row, key);
	if (!strcmp(key, "fees"))
		return fmt_grouped(json_integer_value(v), buf, n);
	if (json_is_real(v))
		snprintf(buf, n, "%.1f", json_real_value(v));
	else if (json_is_integer(v))
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
	else /* a count the server left null is none; a rate, an average or a rank: not applicable */
		snprintf(buf, n, "%s", strstr(key, "rate") || !strcmp(key, "avg_days") || !strcmp(key, "rank") ? "—" : "0");
	return buf;
}

/* One table of the page: its widths (their sum and the blanks between the
 * columns within 80), its head (translated) and a row per element of
 * rows, then the total. */
static void s_table(FILE *f, const char *widths, const char *const *heads, const char *const *keys, int ncols,
                    const json_t *rows, const json_t *total)
{
	size_t i;
	const json_t *r;
	char buf[128];

	fprintf(f, "@t %s\n@|b", widths);
	for (int c = 0; c < ncols; c++)
		fprintf(f, "%s%s", c ? "\t" : " ", _(heads[c]));
	fputc('\n', f);
	for (i = 0; i <= json_array_size(rows); i++) {
		r = i < json_array_size(rows) ? json_array_get(rows, i) : total;
		fputs(i < json_array_size(rows) ? "@|" : "@|b", f);
		for (int c = 0; c < ncols; c++)
			fprintf(f, "%s%s", c ? "\t" : " ", report_value(r, keys[c], buf, sizeof buf));
		fputc('\n', f);
	}
	fputc('\n', f);
}

static const char *const s_count_heads[] = {N_("Đơn vị"), N_("Nhận"), N_("Kỳ trước"), N_("Sớm"), N_("Đúng hạn"),
                                            N_("Trễ hạn"), N_("Chưa đến hạn"), N_("Quá hạn"), N_("Chờ bổ sung"),
                                            N_("Từ chối"), N_("Rút, dừng")};
static const char *const s_count_keys[] = {"@name", "received", "carried_over", "early", "on_time", "late",
                                           "processing_not_due", "processing_overdue", "supplement",
                                           "refused_after_review", "withdrawn"};
static const char *const s_ind_heads[] = {N_("Đơn vị"), N_("Nhận"), N_("Đã giải quyết"), N_("% đúng hạn"),
                                          N_("Trung bình (ngày làm việc)"), N_("% nhận trực tuyến"),
                                          N_("% kết quả điện tử"), N_("Phí, lệ phí (đồng)"), N_("Hạng")};
static const char *const s_ind_keys[] = {"@name",       "received",      "@resolved", "on_time_rate", "avg_days",
                                         "online_rate", "e_result_rate", "fees",      "rank"};
static const char *const s_proc_heads[] = {N_("Thủ tục"), N_("Nhận"), N_("Đã giải quyết"), N_("% đúng hạn"),
                                           N_("Trung bình (ngày làm việc)"), N_("% nhận trực tuyến"),
                                           N_("% kết quả điện tử"), N_("Phí, lệ phí (đồng)")};

const char *report_title(const json_t *r, char *buf, size_t n)
{
	int y = 0, m = 0;

	date_parse_month(s_str(r, "month"), &y, &m);
	if (!strcmp(s_str(r, "period"), "nd09")) /* 15th of the previous month to the 14th */
		snprintf(buf, n, _("Báo cáo một cửa kỳ 15/%02d–14/%02d/%04d"), m == 1 ? 12 : m - 1, m, y);
	else
		snprintf(buf, n, _("Báo cáo một cửa tháng %02d/%04d"), m, y);
	return buf;
}

char *report_layout(const json_t *r, const char *title)
{
	char *out = NULL, from[32], to[32], at[32];
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	const json_t *total = json_object_get(r, "total");

	if (!f)
		return NULL;
	fprintf(f, "@cb %s\n@cb %s\n@ci ", _("BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"), title);
	fprintf(f, _("Từ %s đến trước %s; hồ sơ đang giải quyết tính đến %s"),
	        fmt_date(s_str(r, "from"), from, sizeof from), fmt_date(s_str(r, "to"), to, sizeof to),
	        fmt_date(s_str(r, "as_of"), at, sizeof at));
	fprintf(f, "\n@-\n\n%s\n", _("1. Số hồ sơ theo đơn vị"));
	s_table(f, "16,5,6,4,5,5,6,5,6,6,6", s_count_heads, s_count_keys, 11, json_object_get(r, "units"), total);
	fprintf(f, "%s\n", _("2. Chỉ số tiến độ theo đơn vị (Bộ chỉ số phục vụ người dân, doanh nghiệp, QĐ 766/QĐ-TTg)"));
	s_table(f, "15,5,7,6,8,7,7,10,4", s_ind_heads, s_ind_keys, 9, json_object_get(r, "units"), total);
	fprintf(f, "%s\n", _("3. Chỉ số tiến độ theo thủ tục"));
	s_table(f, "19,5,7,6,8,7,7,10", s_proc_heads, s_ind_keys, 8, json_object_get(r, "procedures"), total);
	fprintf(f, "%s\n", _("Kỳ trước: hồ sơ kỳ trước chuyển sang. Sớm, đúng hạn, trễ hạn: đã giải quyết trong kỳ. "
	                      "Chưa đến hạn, quá hạn: đang giải quyết (hồ sơ đã xin lỗi tính quá hạn theo hẹn ban đầu). "
	                      "Chờ bổ sung: tạm dừng tính thời gian. Trung bình: số ngày làm việc từ khi tiếp nhận đến "
	                      "khi có kết quả của hồ sơ giải quyết trong kỳ. Kết quả điện tử: hồ sơ trả kết quả trực tuyến trên số "
	                      "hồ sơ trả kết quả trong kỳ. Hạng: theo tỷ lệ trễ hạn, thấp nhất đứng đầu."));
	fclose(f);
	return out;
}
