/* figures_form.c — the forms of the figures screen. A unit enters its
 * own figures of a sector: a form generated from the figures.list rows it
 * reports itself, each labelled with the period before and the same
 * period last year, prefilled with the figures in force; checked as
 * numbers with the indicator's decimals as each field is left, and sent
 * as figures.submit (F2: submitted to the unit above, the figures kept as
 * new revisions). Above the fields, as the user types, the sector's
 * running totals: the sum of the additive figures (rolled up by sum) of
 * each unit of measure that two or more share, how many fields are not
 * numbers yet, and a warning where a total's parts (components) add up to
 * more than it. The unit above accepts or returns a unit's report with
 * a note (figures.accept, figures.return). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "i18n.h"
#include "spec_screens.h"
#include "widgets.h"

static void s_done(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Đã gửi số liệu kỳ %s: %s (%lld số liệu mới)"), tui_jstr(reply, "period"),
	        tui_jstr(reply, "state_name"), (long long)json_integer_value(json_object_get(reply, "saved")));
}

#define MAX_UOMS 8

typedef struct {
	const char *uom;
	double sum;
	int count;
} s_group_t;

/* The number typed in the field of code, into *v; false when none (or not
 * a number, or no such field). */
static bool s_typed(const tui_field_form_t *form, const char *code, double *v)
{
	for (int k = 0; k < form->n; k++) {
		char *end;
		if (strcmp(form->f[k].name, code) != 0 || !form->f[k].ed.len)
			continue;
		*v = strtod(form->f[k].ed.buf, &end);
		return *end == 0 && end != form->f[k].ed.buf;
	}
	return false;
}

/* The totals whose parts (components) as typed add up to more than them:
 * a warning each, after buf's line. */
static void s_parts(const json_t *list, const tui_field_form_t *form, char *buf, size_t n)
{
	const json_t *r, *c;
	size_t i, k, len;

	json_array_foreach(json_object_get(list, "figures"), i, r)
	{
		double total, part, sum = 0;
		char a[48], b[48];
		json_t *x, *y;
		if (!json_array_size(json_object_get(r, "components")) || !s_typed(form, tui_jstr(r, "code"), &total))
			continue;
		json_array_foreach(json_object_get(r, "components"), k, c)
		{
			if (s_typed(form, json_string_value(c), &part))
				sum += part;
		}
		if (sum <= total + 1e-9)
			continue;
		x = json_real(sum);
		y = json_real(total);
		len = strlen(buf);
		snprintf(buf + len, n - len, _("%s! Các thành phần (%s) vượt %s (%s)"), len ? " · " : "",
		         tui_fig_num(x, a, sizeof a), tui_jstr(r, "name"), tui_fig_num(y, b, sizeof b));
		json_decref(x);
		json_decref(y);
	}
}

/* The running totals (tui_field_form_spec_t.live): per unit of measure of
 * the sum-rolled figures, their sum as typed. */
static void s_live(void *owner, const tui_field_form_t *form, char *buf, size_t n)
{
	const json_t *list = tui_figures_reply(owner), *r;
	s_group_t g[MAX_UOMS];
	int ng = 0, bad = 0;
	size_t i, len;

	buf[0] = 0;
	s_parts(list, form, buf, n); /* the warnings first: the line may be cut */
	for (int k = 0; k < form->n; k++) {
		const char *text = form->f[k].ed.buf;
		char *end;
		double v;
		if (!form->f[k].ed.len)
			continue;
		v = strtod(text, &end);
		if (*end || end == text) {
			bad++;
			continue;
		}
		json_array_foreach(json_object_get(list, "figures"), i, r)
		{
			int j;
			if (strcmp(tui_jstr(r, "code"), form->f[k].name) != 0 || strcmp(tui_jstr(r, "rollup"), "sum") != 0)
				continue;
			for (j = 0; j < ng && strcmp(g[j].uom, tui_jstr(r, "uom")) != 0; j++)
				;
			if (j == ng && ng < MAX_UOMS)
				g[ng++] = (s_group_t){tui_jstr(r, "uom"), 0, 0};
			if (j < ng) {
				g[j].sum += v;
				g[j].count++;
			}
			break;
		}
	}
	for (int j = 0; j < ng; j++) {
		char num[48];
		json_t *x;
		if (g[j].count < 2)
			continue;
		x = json_real(g[j].sum);
		len = strlen(buf);
		snprintf(buf + len, n - len, _("%sCộng %s: %s (%d ô)"), len ? " · " : "", g[j].uom,
		         tui_fig_num(x, num, sizeof num), g[j].count);
		json_decref(x);
	}
	if (bad) {
		len = strlen(buf);
		snprintf(buf + len, n - len, _("%s%d ô chưa phải số"), len ? " · " : "", bad);
	}
}

static const tui_field_form_spec_t s_spec = {
    .msg = MSG_figures_submit,
    .nest = "values",
    .after = TUI_DF_CLOSE,
    .done = s_done,
    .live = s_live,
};

bool tui_figures_form_open(tui_t *t, const json_t *list, const char *sector, void *owner)
{
	json_t *fields = json_array(), *values = json_object(), *fixed, *r;
	char label[400], prev[48], ly[48], pattern[64], title[200];
	size_t i;

	json_array_foreach(json_object_get(list, "figures"), i, r)
	{
		int dec = (int)json_integer_value(json_object_get(r, "decimals"));
		const json_t *v = json_object_get(r, "value");
		if (strcmp(tui_jstr(r, "sector"), sector) != 0 || !json_is_true(json_object_get(r, "reports")))
			continue;
		/* the figures to compare first: a long name is cut, they never are
		 * (the whole label is on the help row of the field being typed) */
		snprintf(label, sizeof label, "%s | %s · %s (%s)", tui_fig_num(json_object_get(r, "prev"), prev, sizeof prev),
		         tui_fig_num(json_object_get(r, "last_year"), ly, sizeof ly), tui_jstr(r, "name"), tui_jstr(r, "uom"));
		snprintf(pattern, sizeof pattern, dec ? "^-?[0-9]+([.][0-9]{1,%d})?$" : "^-?[0-9]+$", dec);
		json_array_append_new(fields, json_pack("{s:s, s:s, s:s, s:b, s:i, s:s}", "name", tui_jstr(r, "code"), "label",
		                                        label, "type", "text", "required", 0, "max", 24, "pattern",
		                                        pattern));
		if (json_is_true(json_object_get(r, "own")) && json_is_number(v)) {
			char num[64];
			snprintf(num, sizeof num, "%.*f", dec, json_number_value(v));
			json_object_set_new(values, tui_jstr(r, "code"), json_string(num));
		}
	}
	if (!json_array_size(fields)) {
		json_decref(fields);
		json_decref(values);
		return false;
	}
	fixed = json_pack("{s:s}", "period", tui_jstr(list, "period"));
	snprintf(title, sizeof title, _("Số liệu kỳ %s của %s"), tui_jstr(list, "period"), tui_jstr(list, "unit_name"));
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = &s_spec,
	                                 .title = title,
	                                 .note = _("Mỗi ô: kỳ trước | cùng kỳ năm trước · chỉ tiêu. Số thập phân dùng "
	                                           "dấu chấm (0.35); số liệu cũ được giữ lại. F2: gửi cấp trên."),
	                                 .fields = fields,
	                                 .fixed = fixed,
	                                 .values = values,
	                                 .owner = owner});
	json_decref(fields);
	json_decref(values);
	json_decref(fixed);
	return true;
}

static void s_decided(tui_t *t, void *owner, const json_t *reply)
{
	(void)owner;
	tui_msg(t, false, _("Báo cáo số liệu kỳ %s của %s: %s"), tui_jstr(reply, "period"), tui_jstr(reply, "unit_name"),
	        tui_jstr(reply, "state_name"));
}

static const tui_field_form_spec_t s_accept = {.msg = MSG_figures_accept, .after = TUI_DF_CLOSE, .done = s_decided},
                                   s_return = {.msg = MSG_figures_return, .after = TUI_DF_CLOSE, .done = s_decided};

void tui_figures_decide_open(tui_t *t, bool accept, const char *unit, const char *unit_name, const char *period)
{
	json_t *fields = json_pack("[{s:s, s:s, s:s, s:b, s:i}]", "name", "note", "label",
	                           accept ? _("Ghi chú") : _("Lý do trả lại"), "type", "text", "required", !accept, "max",
	                           2000);
	json_t *fixed = json_pack("{s:s, s:s}", "unit", unit, "period", period);
	char title[300];

	snprintf(title, sizeof title, accept ? _("Tiếp nhận số liệu kỳ %s của %s") : _("Trả lại số liệu kỳ %s của %s"),
	         period, unit_name);
	tui_push(t, &tui_field_form_screen,
	         &(tui_field_form_arg_t){.spec = accept ? &s_accept : &s_return,
	                                 .title = title,
	                                 .note = accept ? _("F2: tiếp nhận.") : _("Đơn vị sẽ sửa và gửi lại. F2: trả lại."),
	                                 .fields = fields,
	                                 .fixed = fixed});
	json_decref(fields);
	json_decref(fixed);
}
