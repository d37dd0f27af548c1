/* register.c — the desk's tracking book (sổ theo dõi hồ sơ, form 07) as a
 * register of a span of days: dossier.register lists the dossiers received
 * by the units of a subtree from one day to another (refusals at reception
 * were never received), a row each with the book's columns, as rows for a
 * spreadsheet and as the printed book (forms/templates/07S.txt) in the line
 * markup the text and PDF printers share. Form 07 of one dossier is its row
 * (print.c). */
#include "register.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "date.h"
#include "layout.h"
#include "org.h"
#include "print.h"
#include "store/org.h"
#include "store/register.h"
#include "store/wflog.h"
#include "worktime.h"

enum { MAX_ROWS = 5000 };

/* What the book notes of where the dossier ended or stands. */
static const char *s_note(const dossier_t *d)
{
	if (!strcmp(d->state, "withdrawn"))
		return "Rút hồ sơ / dừng xử lý";
	if (!strcmp(d->state, "rejected"))
		return "Từ chối giải quyết";
	if (!strcmp(d->state, "supplement"))
		return "Chờ bổ sung";
	if (d->apologies > 0)
		return "Quá hạn, đã xin lỗi (mẫu 04)";
	if (!strcmp(d->grade, "late"))
		return "Quá hạn";
	if (!strcmp(d->grade, "early"))
		return "Trước hạn";
	if (!strcmp(d->grade, "on_time"))
		return "Đúng hạn";
	return "";
}

json_t *register_row(store_t *db, dossier_t *d, int no)
{
	static const char *const phone[] = {"phone", NULL}, *const address[] = {"address", "plot_address", NULL};
	const procedure_t *p = dossier_procedure(d);
	json_t *log = store_wflog_page(db, dossier_kind.name, d->id, 0, -1), *r, *fields = dossier_fields(db, d);
	const char *lead = d->unit_name, *addr = print_field(fields, address), *tel = print_field(fields, phone);
	int64_t handed = 0, result = 0;
	char buf[64], who[512], due[64], nd[32];
	store_dossier_return_t ret;
	json_t *row;

	/* the log is newest first: the first hand-off to processing is the
	 * oldest, the unit that resolves it the newest holder in processing */
	for (size_t i = json_array_size(log); i-- > 0;) {
		const char *to = json_string_value(json_object_get(r = json_array_get(log, i), "to_state"));
		const char *unit = json_string_value(json_object_get(r, "to_unit"));
		if (to && !strcmp(to, "processing")) {
			if (!handed)
				handed = json_integer_value(json_object_get(r, "at"));
			if (unit)
				lead = unit;
		} else if (to && !strcmp(to, "result") && !result)
			result = json_integer_value(json_object_get(r, "at"));
	}
	snprintf(who, sizeof who, "%s%s%s%s%s", d->applicant, *addr ? ", " : "", addr, *tel ? ", ĐT " : "", tel);
	print_compact(d->due, due, sizeof due);
	if (d->new_due) /* the apology's new appointment after the first */
		snprintf(due + strlen(due), sizeof due - strlen(due), " (hẹn lại %s)",
			 print_compact(d->new_due, nd, sizeof nd));
	row = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "no", no, "code", d->code, "procedure",
			p ? p->name : d->title, "sets", "01", "applicant", who, "lead_unit", lead, "received",
			print_compact(d->received, buf, sizeof buf), "due", due);
	json_object_set_new(row, "handed", json_string(handed ? print_compact(handed, buf, sizeof buf) : ""));
	json_object_set_new(row, "result", json_string(result ? print_compact(result, buf, sizeof buf) : ""));
	if (store_dossier_return_get(db, d->id, &ret) == STORE_OK) {
		snprintf(who, sizeof who, "%s, %s", print_compact(ret.at, buf, sizeof buf), ret.collector);
		json_object_set_new(row, "returned", json_string(who));
	} else
		json_object_set_new(row, "returned", json_string(""));
	json_object_set_new(row, "signed", json_string(""));
	json_object_set_new(row, "note", json_string(s_note(d)));
	json_decref(log);
	return row;
}

/* A cell's text: no tab or line break of its own. */
static void s_cell(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

char *register_table(const json_t *rows)
{
	/* the book's columns in 80 (71 and the 9 blanks between them): two
	 * dates to a cell (received and the appointment; handed on and the
	 * result back), the code's agency and its day-number on two lines, the
	 * People's Committee as officials abbreviate it */
	static const char head[] = "@t 2,13,8,9,6,8,8,8,4,5\n"
				   "@|b TT\tMã hồ sơ\tThủ tục (số bộ)\tNgười nộp, địa chỉ, điện thoại\tCơ quan chủ trì\t"
				   "Nhận hồ sơ; hẹn trả\tChuyển xử lý; nhận kết quả\tTrả kết quả, người nhận\tKý nhận\t"
				   "Ghi chú\n";
	char *out = NULL, *dash;
	size_t len = 0, i;
	FILE *f = open_memstream(&out, &len);
	const json_t *r;
	char code[80];

	if (!f)
		return strdup("");
	fputs(head, f);
	json_array_foreach(rows, i, r)
	{
		snprintf(code, sizeof code, "%s", json_string_value(json_object_get(r, "code")));
		if ((dash = strchr(code, '-')))
			*dash = ' '; /* "000.01.15.H12 261203-0001": wraps between the agency and its number */
		fprintf(f, "@| %lld\t", (long long)json_integer_value(json_object_get(r, "no")));
		s_cell(f, code);
		fputc('\t', f);
		s_cell(f, json_string_value(json_object_get(r, "procedure")));
		fprintf(f, " (%s)\t", json_string_value(json_object_get(r, "sets")));
		s_cell(f, json_string_value(json_object_get(r, "applicant")));
		fputc('\t', f);
		{
			const char *u = json_string_value(json_object_get(r, "lead_unit")), *ubnd = "Ủy ban nhân dân ";
			bool abbr = u && !strncmp(u, ubnd, strlen(ubnd));
			fputs(abbr ? "UBND " : "", f);
			s_cell(f, abbr ? u + strlen(ubnd) : u);
		}
		fputc('\t', f);
		s_cell(f, json_string_value(json_object_get(r, "received")));
		fputs(" ; ", f);
		s_cell(f, json_string_value(json_object_get(r, "due")));
		fputc('\t', f);
		s_cell(f, json_string_value(json_object_get(r, "handed")));
		fputs(*json_string_value(json_object_get(r, "result")) ? " ; " : "", f);
		s_cell(f, json_string_value(json_object_get(r, "result")));
		fputc('\t', f);
		s_cell(f, json_string_value(json_object_get(r, "returned")));
		fputs("\t\t", f);
		s_cell(f, json_string_value(json_object_get(r, "note")));
		fputc('\n', f);
	}
	fclose(f);
	return out ? out : strdup("");
}

/* The local midnight opening day s (YYYY-MM-DD) plus days, as an instant. */
static int s_day(const char *s, int days, int64_t *at)
{
	int y, m, d;
	struct tm tm = {0};

	if (date_parse(s, &y, &m, &d) != 0)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + days;
	*at = (int64_t)timegm(&tm) - wt_utc_offset(catalog_calendar());
	return 0;
}

proto_err_t srv_dossier_register(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *from = json_string_value(json_object_get(req, "from"));
	const char *to = json_string_value(json_object_get(req, "to"));
	const char *unit = json_string_value(json_object_get(req, "unit"));
	int64_t start, end;
	char path[512], fd[16], td[16], *table, *layout;
	json_t *codes, *rows, *vars, *r;
	proto_err_t e;
	size_t i;
	int y, m, d;

	if (s_day(from, 0, &start) != 0 || s_day(to ? to : from, 1, &end) != 0) {
		c->bad_field = s_day(from, 0, &start) != 0 ? "from" : "to";
		snprintf(c->detail, sizeof c->detail, "Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-12-03");
		return E_INVALID;
	}
	if (end <= start || end - start > 400 * 86400) {
		c->bad_field = "to";
		snprintf(c->detail, sizeof c->detail, "Đến ngày phải từ ngày bắt đầu trở đi, trong vòng một năm");
		return E_INVALID;
	}
	if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
		return e;
	codes = store_register_codes(c->db, path, start, end, "refused", MAX_ROWS);
	rows = json_array();
	json_array_foreach(codes, i, r)
	{
		dossier_t dd;
		if (dossier_load(c->db, json_string_value(json_object_get(r, "code")), &dd) != 0)
			continue;
		json_array_append_new(rows, register_row(c->db, &dd, (int)json_array_size(rows) + 1));
		dossier_clear(&dd);
	}
	json_decref(codes);
	table = register_table(rows);
	date_parse(from, &y, &m, &d);
	snprintf(fd, sizeof fd, "%02d/%02d/%04d", d, m, y);
	date_parse(to ? to : from, &y, &m, &d);
	snprintf(td, sizeof td, "%02d/%02d/%04d", d, m, y);
	{ /* the book's agency: the unit named, else the caller's */
		char place[256] = "", day[64], line[400];
		json_t *units = store_unit_list(c->db, path);
		store_dossier_unit_t root;
		if (store_dossier_unit(c->db, atoll(path + 1), &root) == STORE_OK) /* the province: the date line's place */
			print_place(root.name, place, sizeof place);
		vars = json_pack("{s:s, s:s, s:s, s:s}", "agency",
				 json_string_value(json_object_get(json_array_get(units, 0), "name")) ?: "", "from", fd, "to",
				 td, "register", table);
		json_decref(units);
		snprintf(line, sizeof line, "%s%s%s", place, *place ? ", " : "", print_day(c->now, day, sizeof day));
		json_object_set_new(vars, "dateline", json_string(line));
	}
	free(table);
	layout = print_template("07S", vars);
	json_decref(vars);
	if (!layout) {
		json_decref(rows);
		snprintf(c->detail, sizeof c->detail, "Không đọc được mẫu sổ forms/templates/07S.txt");
		return E_INTERNAL;
	}
	{
		char *text = layout_text(layout, 80);
		*reply = json_pack("{s:o, s:s, s:s, s:s, s:s, s:i}", "dossiers", rows, "from", from, "to", to ? to : from,
				   "layout", layout, "text", text ? text : "", "count", (int)json_array_size(rows));
		free(text);
	}
	free(layout);
	return E_OK;
}
