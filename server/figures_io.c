/* figures_io.c — socio-economic figures in bulk and around them:
 * figures.import (a CSV a unit keeps in a spreadsheet: every row checked,
 * every bad row reported by its line, and nothing kept unless all are
 * good — the request is one transaction), figures.export (the figures as
 * given, for a spreadsheet: `congvu --csv figures export`), figures.late
 * (the units that have not reported a period, or reported it after its
 * due date) and figures.plan (an annual target). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "figures.h"
#include "org.h"
#include "text.h"

#define IMPORT_ERRORS_MAX 50
#define CSV_FIELDS 6

/* ---- import ---- */

/* Split line (modified in place) at commas into at most max fields,
 * trimming spaces; a field may be quoted ("1,5" stays one field). */
static int s_csv_split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		while (*p == ' ')
			p++;
		if (*p == '"') { /* quoted: "" is a quote */
			char *w = ++p;
			f[n++] = w;
			while (*p && !(*p == '"' && p[1] != '"')) {
				if (*p == '"')
					p++;
				*w++ = *p++;
			}
			if (*p == '"')
				p++;
			*w = 0;
			while (*p && *p != ',')
				p++;
		} else {
			f[n++] = p;
			while (*p && *p != ',')
				p++;
		}
		char *end = p;
		bool more = *p == ',';
		*p = 0;
		while (end > f[n - 1] && end[-1] == ' ')
			*--end = 0;
		if (!more)
			break;
		p++;
	}
	return n;
}

/* One data row: unit, period, indicator, value[, kind]. 1 saved, 0
 * unchanged, -1 with why. */
static int s_import_row(srv_ctx_t *c, char **f, int nf, json_t *touched, char *why, size_t n)
{
	figures_unit_t u;
	fig_period_t p;
	char key[FIG_PERIOD_MAX];
	const char *kind = nf > 4 && *f[4] ? f[4] : "estimate";
	store_fig_sub_t s;
	json_t *req;
	proto_err_t e;
	int rc;

	if (nf < 4) {
		snprintf(why, n, "cần 4 cột: đơn vị, kỳ, chỉ tiêu, giá trị (có %d)", nf);
		return -1;
	}
	if (strcmp(kind, "estimate") != 0 && strcmp(kind, "final") != 0) {
		snprintf(why, n, "loại số liệu \"%.*s\" không hợp lệ (estimate: ước tính, final: chính thức)", TEXT_CLIP(kind, 20));
		return -1;
	}
	c->detail[0] = 0;
	if ((e = figures_unit(c, f[0], &u)) != E_OK) {
		snprintf(why, n, "%s", e == E_NOT_FOUND ? "không có đơn vị này" : "đơn vị ngoài phạm vi của bạn");
		if (e != E_NOT_FOUND && e != E_OUT_OF_SCOPE)
			why[0] = 0;
		return -1;
	}
	req = json_pack("{s:s}", "period", f[1]);
	e = figures_period(c, req, &p, key);
	json_decref(req);
	c->bad_field = NULL;
	if (e != E_OK || !*f[1]) {
		snprintf(why, n, "kỳ \"%.*s\" không hợp lệ", TEXT_CLIP(f[1], 20));
		return -1;
	}
	if (store_fig_sub_get(c->db, u.id, key, &s) == STORE_OK && strcmp(s.state, "draft") != 0) {
		snprintf(why, n, "báo cáo kỳ %s của %s đã gửi hoặc đã được tiếp nhận: không nhập đè", key, u.code);
		return -1;
	}
	if ((rc = figures_put(c, &u, &p, key, f[2], f[3], kind, "import", why, n)) > 0) {
		char k[128];
		snprintf(k, sizeof k, "%s|%s", u.code, key);
		json_object_set_new(touched, k, json_pack("[s, s, s]", u.code, u.name, u.path));
	}
	return rc;
}

proto_err_t srv_figures_import(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *data = json_string_value(json_object_get(req, "data"));
	char *copy = strdup(data ? data : ""), *line, *save = NULL;
	json_t *errors = json_array(), *touched = json_object(), *t;
	int lineno = 1, saved = 0, unchanged = 0, rows = 0;
	const char *counted;
	const char *k;
	proto_err_t e = E_OK;

	if (!copy)
		return E_INTERNAL;
	if (!c->console && !(c->roles & (ROLE_LEADER | ROLE_SPECIALIST))) {
		free(copy);
		json_decref(errors);
		json_decref(touched);
		snprintf(c->detail, sizeof c->detail, "Chỉ lãnh đạo, chuyên viên nhập số liệu");
		return E_NOT_ALLOWED;
	}
	counted = copy;
	for (char *p = copy;; p = NULL) {
		char *f[CSV_FIELDS], why[300];
		int nf, rc;
		size_t len;
		if (!(line = strtok_r(p, "\n", &save)))
			break;
		/* the line ends strtok_r cut (NUL) and the empty lines it skipped */
		for (; counted < line; counted++)
			lineno += *counted == '\n' || *counted == 0;
		len = strlen(line);
		counted = line + len; /* its own end: the split below writes NULs before it */
		if (len && line[len - 1] == '\r')
			line[--len] = 0;
		if (!len || line[0] == '#')
			continue;
		nf = s_csv_split(line, f, CSV_FIELDS);
		if (rows == 0 && strcmp(f[0], "unit") == 0 && !saved && !json_array_size(errors))
			continue; /* the header */
		rows++;
		rc = s_import_row(c, f, nf, touched, why, sizeof why);
		if (rc < 0 && !why[0]) {
			e = E_INTERNAL;
			break;
		}
		if (rc < 0 && json_array_size(errors) < IMPORT_ERRORS_MAX) {
			char msg[400];
			snprintf(msg, sizeof msg, "dòng %d: %s", lineno, why);
			json_array_append_new(errors, json_string(msg));
		}
		saved += rc > 0;
		unchanged += rc == 0;
	}
	free(copy);
	if (e == E_OK && json_array_size(errors)) {
		c->bad_field = "data";
		snprintf(c->detail, sizeof c->detail, "%zu dòng có lỗi, không nhập dòng nào. %s", json_array_size(errors),
		         json_string_value(json_array_get(errors, 0)));
		c->err_extra = json_pack("{s:O}", "errors", errors);
		e = E_INVALID;
	} else if (e == E_OK && rows == 0) {
		c->bad_field = "data";
		snprintf(c->detail, sizeof c->detail, "Tệp không có dòng số liệu nào (đơn vị,kỳ,chỉ tiêu,giá trị)");
		e = E_INVALID;
	} else if (e == E_OK && audit_log(c, "figures.import", "", json_pack("{s:i, s:i}", "rows", rows, "saved", saved)) != 0)
		e = E_INTERNAL;
	if (e == E_OK) {
		json_object_foreach(touched, k, t)
		{
			figures_unit_t u = {0};
			store_fig_sub_t s;
			snprintf(u.code, sizeof u.code, "%s", json_string_value(json_array_get(t, 0)));
			snprintf(u.name, sizeof u.name, "%s", json_string_value(json_array_get(t, 1)));
			snprintf(u.path, sizeof u.path, "%s", json_string_value(json_array_get(t, 2)));
			(void)s;
			figures_changed(c, &u, strchr(k, '|') + 1, "draft");
		}
		*reply = json_pack("{s:i, s:i, s:i}", "rows", rows, "saved", saved, "unchanged", unchanged);
	}
	json_decref(errors);
	json_decref(touched);
	return e;
}

/* ---- export ---- */

proto_err_t srv_figures_export(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	fig_period_t p, q;
	char from[FIG_PERIOD_MAX], to[FIG_PERIOD_MAX];
	const char *tok = json_string_value(json_object_get(req, "to"));
	json_t *units, *rows, *r, *names, *out;
	size_t i;
	proto_err_t e;

	if ((e = figures_target(c, req, &u, &p, from)) != E_OK)
		return e;
	if (tok && *tok && fig_period_parse(tok, &q) != 0) {
		c->bad_field = "to";
		snprintf(c->detail, sizeof c->detail, "Kỳ không hợp lệ: %.*s", TEXT_CLIP(tok, 40));
		return E_INVALID;
	}
	snprintf(to, sizeof to, "%s", tok && *tok ? tok : from);
	units = store_fig_units(c->db, u.path);
	names = figures_index(units, "id");
	rows = store_fig_values(c->db, from, to, u.path);
	out = json_array();
	json_array_foreach(rows, i, r)
	{
		json_t *un = figures_index_get(names, json_integer_value(json_object_get(r, "unit_id")));
		const char *code = json_string_value(json_object_get(r, "indicator"));
		const fig_indicator_t *ind = NULL;
		char last[11];
		if (fig_period_parse(json_string_value(json_object_get(r, "period")), &q) == 0) {
			figures_period_last(&q, last);
			ind = figind_get(figures_set(), code, last);
		}
		json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:s, s:s}", "unit",
		                                     json_object_get(un, "code"), "unit_name", json_object_get(un, "name"),
		                                     "period", json_object_get(r, "period"), "indicator",
		                                     json_object_get(r, "indicator"), "value", json_object_get(r, "value"),
		                                     "kind", json_object_get(r, "kind"), "rev", json_object_get(r, "rev"),
		                                     "name", ind ? ind->name : code, "uom", ind ? ind->uom : ""));
	}
	json_decref(rows);
	json_decref(units);
	json_decref(names);
	*reply = json_pack("{s:o}", "figures", out);
	return E_OK;
}

/* ---- late and missing reporters ---- */

proto_err_t srv_figures_late(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	fig_period_t p;
	char key[FIG_PERIOD_MAX], due_s[32];
	json_t *rows, *r, *out;
	int64_t due;
	size_t i;
	proto_err_t e;

	if ((e = figures_target(c, req, &u, &p, key)) != E_OK)
		return e;
	due = figures_due(&p);
	rows = figures_reporters(c, &p, key, u.path, due);
	out = json_array();
	json_array_foreach(rows, i, r)
	{
		if (!json_is_true(json_object_get(r, "missing")) && !json_is_true(json_object_get(r, "late")))
			continue;
		json_object_del(r, "unit_id");
		json_object_del(r, "parent_id");
		json_array_append(out, r);
	}
	json_decref(rows);
	*reply = json_pack("{s:s, s:s, s:s, s:b, s:o}", "unit", u.code, "period", key, "due",
	                   wf_time(due, due_s, sizeof due_s), "overdue", (int)(c->now > due), "units", out);
	return E_OK;
}

/* ---- plans ---- */

proto_err_t srv_figures_plan(srv_ctx_t *c, json_t *req, json_t **reply)
{
	figures_unit_t u;
	const char *code = json_string_value(json_object_get(req, "indicator"));
	const char *target = json_string_value(json_object_get(req, "target"));
	int year = (int)json_integer_value(json_object_get(req, "year"));
	char date[11], *end;
	const fig_indicator_t *ind;
	double v;
	proto_err_t e;

	if ((e = figures_unit(c, json_string_value(json_object_get(req, "unit")), &u)) != E_OK)
		return e;
	if (!c->console && !(c->roles & (ROLE_LEADER | ROLE_ADMIN))) {
		snprintf(c->detail, sizeof c->detail, "Chỉ lãnh đạo giao kế hoạch năm");
		return E_NOT_ALLOWED;
	}
	snprintf(date, sizeof date, "%04d-12-31", year);
	if (year < 2000 || !(ind = figind_get(figures_set(), code, date))) {
		c->bad_field = "indicator";
		snprintf(c->detail, sizeof c->detail, "Không có chỉ tiêu \"%.*s\" áp dụng năm %d", TEXT_CLIP(code, 64), year);
		return E_NOT_FOUND;
	}
	v = strtod(target, &end);
	if (*end || !*target || !(v > 0)) {
		c->bad_field = "target";
		snprintf(c->detail, sizeof c->detail, "Kế hoạch phải là số dương: %.*s", TEXT_CLIP(target, 40));
		return E_INVALID;
	}
	if (store_fig_plan_set(c->db, ind->code, u.id, year, target, c->user_id, c->now) != STORE_OK ||
	    audit_log(c, "figures.plan", u.code,
	              json_pack("{s:s, s:i, s:s}", "indicator", ind->code, "year", year, "target", target)) != 0)
		return E_INTERNAL;
	*reply = json_pack("{s:s, s:s, s:s, s:i, s:f, s:s}", "indicator", ind->code, "name", ind->name, "unit", u.code,
	                   "year", year, "target", fig_round(v, ind->decimals), "uom", ind->uom);
	return E_OK;
}
