/* forms_check.c — the checks of one procedure or workflow file as written:
 * codes, versions, dates, times, fields, steps and budgets; states,
 * transitions and what a kind allows. Every problem is reported on its own
 * "file:line: message" line (checks across files are forms.c's). */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "forms_int.h"
#include "proto.h"
#include "worktime.h"

/* ---- small checks -------------------------------------------------------- */

/* Lower-case words of [a-z0-9] joined by single hyphens: "khai-sinh". */
static bool s_is_slug(const char *s)
{
	bool word = false;

	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			word = true;
		else if (*s == '-' && word)
			word = false;
		else
			return false;
	}
	return word;
}

/* Non-empty, every byte in set. */
static bool s_only(const char *s, const char *set)
{
	return *s && strspn(s, set) == strlen(s);
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

static bool s_is_date(const char *s)
{
	int y, m, d;
	return date_parse(s, &y, &m, &d) == 0;
}

/* Working hours of an amount, -1 (reported) unless exactly one of days,
 * hours is a positive number, or (processing only, same_day_ok) same_day is
 * true: a same-day procedure's steps must fit in one working day. */
static long s_amount_hours(yf_file_t *fl, const struct y_amount *a, long line, const char *what, bool same_day_ok)
{
	if (a->same_day && !same_day_ok) {
		yf_err(fl->errs, fl->path, line, "%s chỉ nhận days hoặc hours (same_day chỉ dùng cho processing)", what);
		return -1;
	}
	if (a->same_day && !a->days && !a->hours)
		return DAY_HOURS;
	if ((a->days != 0) + (a->hours != 0) + a->same_day != 1 || a->days < 0 || a->hours < 0) {
		if (same_day_ok)
			yf_err(fl->errs, fl->path, line,
			      "%s cần đúng một trong các khóa days, hours (một số dương) hoặc same_day: true", what);
		else
			yf_err(fl->errs, fl->path, line, "%s cần đúng một trong hai khóa days, hours, với một số dương",
			      what);
		return -1;
	}
	return a->days ? (long)a->days * DAY_HOURS : a->hours;
}

/* ---- procedures ---------------------------------------------------------- */

static void s_check_field(yf_file_t *fl, const struct y_field *f, unsigned i, const struct y_proc *y)
{
	int type = forms_field_type(f->type);
	char list[256];

	if (!s_only(f->name, LOWER "_"))
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.name", i),
		      "tên trường \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", f->name);
	for (unsigned j = 0; j < i; j++)
		if (strcmp(y->fields[j].name, f->name) == 0)
			yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.name", i),
			      "trường \"%s\" trùng tên với trường thứ %u", f->name, j + 1);
	if (type < 0) {
		forms_join(forms_type_names(), list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.type", i), "kiểu trường không hợp lệ \"%s\" (dùng: %s)",
		      f->type, list);
		return;
	}
	if (type == FT_CHOICE && f->choices_count == 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u", i), "trường \"%s\" kiểu choice cần danh sách choices",
		      f->name);
	if (type != FT_CHOICE && f->choices)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.choices", i), "choices chỉ dùng cho kiểu choice");
	for (unsigned a = 0; a < f->choices_count; a++)
		for (unsigned b = 0; b < a; b++)
			if (strcmp(f->choices[a], f->choices[b]) == 0)
				yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.choices", i),
				      "lựa chọn \"%s\" xuất hiện hai lần", f->choices[a]);
	if (f->not_future && type != FT_DATE) /* desk */
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.not_future", i), "not_future chỉ dùng cho kiểu date");
	if (f->pattern) {
		regex_t re;
		int rc;
		if (type != FT_TEXT)
			yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.pattern", i), "pattern chỉ dùng cho kiểu text");
		else if ((rc = regcomp(&re, f->pattern, REG_EXTENDED | REG_NOSUB)) != 0)
			yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.pattern", i),
			      "pattern \"%s\" không phải biểu thức chính quy POSIX (ERE) hợp lệ", f->pattern);
		else
			regfree(&re);
	}
	if (f->min && type != FT_NUMBER && type != FT_MONEY)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.min", i), "min chỉ dùng cho kiểu number hoặc money");
	if (f->max && type != FT_NUMBER && type != FT_MONEY && type != FT_TEXT)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.max", i),
		      "max chỉ dùng cho kiểu number, money hoặc text (số byte tối đa)");
	if ((type == FT_MONEY || type == FT_TEXT) && (f->min < 0 || f->max < 0))
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u", i), "min, max của trường \"%s\" không được âm",
		      f->name);
	else if (f->max && f->min > f->max)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.min", i), "min (%lld) lớn hơn max (%lld)",
		      (long long)f->min, (long long)f->max);
	if (f->applicant && type != FT_TEXT)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.applicant", i),
		      "trường người nộp (applicant) phải có kiểu text");
}

static void s_check_step(yf_file_t *fl, const struct y_step *s, unsigned i, const struct y_proc *y)
{
	char list[128];

	if (!s_only(s->code, LOWER DIGITS "_-"))
		yf_err(fl->errs, fl->path, yf_line(fl, "steps.%u.code", i),
		      "mã bước \"%s\" chỉ được gồm chữ thường, chữ số, \"-\" và \"_\"", s->code);
	for (unsigned j = 0; j < i; j++)
		if (strcmp(y->steps[j].code, s->code) == 0)
			yf_err(fl->errs, fl->path, yf_line(fl, "steps.%u.code", i),
			      "mã bước \"%s\" trùng với bước thứ %u", s->code, j + 1);
	if (forms_lookup(forms_step_roles, s->role) < 0) {
		forms_join(forms_step_roles, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "steps.%u.role", i), "vai trò không hợp lệ \"%s\" (dùng: %s)",
		      s->role, list);
	}
	if (strcmp(s->unit, "receiving") != 0 && strcmp(s->unit, "parent") != 0 &&
	    !s_only(s->unit, LOWER DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-_"))
		yf_err(fl->errs, fl->path, yf_line(fl, "steps.%u.unit", i),
		      "đơn vị \"%s\" không hợp lệ (receiving, parent hoặc mã một đơn vị)", s->unit);
	if (i == 0 && (strcmp(s->role, "clerk") != 0 || strcmp(s->unit, "receiving") != 0))
		yf_err(fl->errs, fl->path, yf_line(fl, "steps.0"),
		      "bước đầu tiên là tiếp nhận tại bộ phận một cửa: cần role: clerk, unit: receiving");
}

/* desk: extensions (a slug code, unique, exactly one of add or total, a
 * positive amount) and the number of apologies. */
static void s_check_desk(yf_file_t *fl, const struct y_proc *y)
{
	if (y->apologies < 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "apologies"), "apologies phải từ 1 trở lên");
	for (unsigned i = 0; i < y->extensions_count; i++) {
		const struct y_ext *x = &y->extensions[i];
		long line = yf_line(fl, "extensions.%u", i);
		bool add = x->add.days || x->add.hours || x->add.same_day;
		bool all = x->total.days || x->total.hours || x->total.same_day;

		if (!s_is_slug(x->code))
			yf_err(fl->errs, fl->path, line, "mã gia hạn \"%s\" chỉ gồm chữ thường, chữ số và dấu gạch nối",
			      x->code);
		for (unsigned k = 0; k < i; k++)
			if (strcmp(y->extensions[k].code, x->code) == 0)
				yf_err(fl->errs, fl->path, line, "mã gia hạn \"%s\" đã có ở trên", x->code);
		if (add == all)
			yf_err(fl->errs, fl->path, line, "gia hạn cần đúng một trong hai khóa add, total");
		else
			s_amount_hours(fl, add ? &x->add : &x->total, line, add ? "add" : "total", false);
	}
}

void forms_check_proc(yf_file_t *fl, const struct y_proc *y)
{
	long total, sum = 0;
	unsigned applicants = 0;

	if (!s_is_slug(y->code))
		yf_err(fl->errs, fl->path, yf_line(fl, "code"),
		      "mã thủ tục \"%s\" chỉ được gồm chữ thường, chữ số và dấu gạch nối (ví dụ khai-sinh)", y->code);
	if (y->version < 1)
		yf_err(fl->errs, fl->path, yf_line(fl, "version"), "version phải từ 1 trở lên");
	if (!s_is_date(y->effective))
		yf_err(fl->errs, fl->path, yf_line(fl, "effective"), "ngày hiệu lực không hợp lệ \"%s\" (cần YYYY-MM-DD)",
		      y->effective);
	if (y->cutoff && (wt_parse_hhmm(y->cutoff) < 0))
		yf_err(fl->errs, fl->path, yf_line(fl, "cutoff"), "giờ không hợp lệ \"%s\" (cần HH:MM)", y->cutoff);
	if (y->fee < 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "fee"), "lệ phí không được âm");
	/* desk: fees */
	if (y->fee_rule && (y->fee_rule->per_page < 0 || y->fee_rule->then < 0 || y->fee_rule->cap < 0 ||
			    y->fee_rule->from_page < 0))
		yf_err(fl->errs, fl->path, yf_line(fl, "fee_rule"), "mức phí không được âm");
	if (y->fee_rule && y->fee_exempt)
		yf_err(fl->errs, fl->path, yf_line(fl, "fee_exempt"), "thủ tục miễn phí không có fee_rule");
	total = s_amount_hours(fl, &y->processing, yf_line(fl, "processing"), "processing", true);
	if (y->processing.same_day && y->cutoff)
		yf_err(fl->errs, fl->path, yf_line(fl, "cutoff"),
		      "thủ tục giải quyết trong ngày không đặt cutoff: mốc 15 giờ là quy định chung "
		      "(Nghị định 23/2015/NĐ-CP, Điều 7)");
	for (unsigned i = 0; i < y->fields_count; i++) {
		s_check_field(fl, &y->fields[i], i, y);
		if (y->fields[i].applicant && ++applicants == 2)
			yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.applicant", i),
			      "chỉ một trường được đánh dấu applicant: true (đã có ở trường trước)");
	}
	if (applicants == 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "fields"),
		      "cần đúng một trường applicant: true (tên người nộp hồ sơ)");
	for (unsigned i = 0; i < y->steps_count; i++) {
		long h;
		s_check_step(fl, &y->steps[i], i, y);
		h = s_amount_hours(fl, &y->steps[i].budget, yf_line(fl, "steps.%u.budget", i), "budget", false);
		sum = h < 0 || sum < 0 ? -1 : sum + h;
	}
	if (total > 0 && sum > total)
		yf_err(fl->errs, fl->path, yf_line(fl, "steps"),
		      "tổng thời gian các bước (%ld giờ làm việc) vượt thời hạn giải quyết (%ld giờ làm việc, "
		      "1 ngày = %d giờ)",
		      sum, total, DAY_HOURS);
	s_check_desk(fl, y);
}

static int s_state_index(const struct y_wf *y, const char *code)
{
	for (unsigned i = 0; i < y->states_count; i++)
		if (strcmp(y->states[i].code, code) == 0)
			return (int)i;
	return -1;
}

static void s_state_list(const struct y_wf *y, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (unsigned i = 0; i < y->states_count && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", y->states[i].code);
}

/* A state named by key. initial (steps 1): a state that walks the steps,
 * not final. after_last (steps 0): a state that does not walk them (it may
 * be final: a workflow may end with the last step). initial of a kind
 * without steps (steps 2): any state that is not final. */
static void s_check_state_ref(yf_file_t *fl, const struct y_wf *y, const char *key, const char *code, int steps)
{
	int i = s_state_index(y, code);
	char list[512];

	if (i < 0) {
		s_state_list(y, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "%s", key), "%s: không có trạng thái \"%s\" (các trạng thái: %s)",
		      key, code, list);
	} else if (steps >= 1 && y->states[i].final) {
		yf_err(fl->errs, fl->path, yf_line(fl, "%s", key), "%s: \"%s\" là trạng thái kết thúc", key, code);
	} else if (steps == 1 && !y->states[i].steps) {
		yf_err(fl->errs, fl->path, yf_line(fl, "%s", key),
		      "%s: hồ sơ mới đi qua các bước của thủ tục, \"%s\" phải có steps: true", key, code);
	} else if (steps == 0 && y->states[i].steps) {
		yf_err(fl->errs, fl->path, yf_line(fl, "%s", key),
		      "%s: trạng thái sau bước cuối \"%s\" không được có steps: true", key, code);
	}
}

static void s_check_trans(yf_file_t *fl, const struct y_wf *y, const struct y_trans *t, unsigned i)
{
	const wf_kind_t *kind = forms_kind_of(y->kind);
	wf_by_t by = wf_rule_find(kind, t->by);
	const char *words[FORMS_WORDS_MAX];
	bool target = forms_lookup(forms_targets, t->to) >= 0;
	char list[512];

	if (!s_only(t->action, LOWER "_"))
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.action", i),
		      "tên thao tác \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", t->action);
	for (unsigned k = 0; k < t->from_count; k++) {
		int s = s_state_index(y, t->from[k]), clock;
		if (s < 0) {
			s_state_list(y, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.from", i),
			      "from: không có trạng thái \"%s\" (các trạng thái: %s)", t->from[k], list);
			continue;
		}
		if (y->states[s].final)
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.from", i),
			      "không có thao tác nào từ trạng thái kết thúc \"%s\"", t->from[k]);
		if ((strcmp(t->to, WF_TO_NEXT) == 0 || strcmp(t->to, WF_TO_PREV) == 0) && !y->states[s].steps)
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.to", i),
			      "%s chỉ dùng từ trạng thái có steps: true, không phải \"%s\"", t->to, t->from[k]);
		clock = forms_lookup(forms_clock_names, y->states[s].clock); /* an unknown one is reported with the state */
		if (strcmp(t->to, WF_TO_RESUME) == 0 && clock >= 0 && clock != CLOCK_PAUSE)
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.to", i),
			      "%s chỉ dùng từ trạng thái tạm dừng (clock: pause), không phải \"%s\"", t->to,
			      t->from[k]);
		for (unsigned j = 0; j < i; j++)
			for (unsigned m = 0; m < y->transitions[j].from_count; m++)
				if (strcmp(y->transitions[j].action, t->action) == 0 &&
				    strcmp(y->transitions[j].from[m], t->from[k]) == 0)
					yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.action", i),
					      "thao tác \"%s\" từ trạng thái \"%s\" đã có ở thao tác thứ %u", t->action,
					      t->from[k], j + 1);
		for (unsigned m = 0; m < k; m++)
			if (strcmp(t->from[m], t->from[k]) == 0)
				yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.from", i),
				      "trạng thái \"%s\" xuất hiện hai lần", t->from[k]);
	}
	if (t->to[0] == '@' ? !target : s_state_index(y, t->to) < 0) {
		s_state_list(y, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.to", i),
		      "to: không có trạng thái \"%s\" (các trạng thái: %s; hoặc @next, @prev, @resume, @same)", t->to,
		      list);
	}
	if (by == WF_BY_NONE) {
		forms_kind_words(kind, FORMS_BY, words, FORMS_WORDS_MAX);
		forms_join(words, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.by", i), "by không hợp lệ \"%s\" (dùng: %s)",
		      t->by, list);
	} else if ((by == WF_BY_ROLES) != (t->roles != NULL)) {
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.by", i),
		      by == WF_BY_ROLES ? "by: roles cần danh sách roles" : "roles chỉ dùng với by: roles");
	}
	for (unsigned k = 0; k < t->roles_count; k++)
		if (forms_lookup(forms_all_roles, t->roles[k]) < 0) {
			forms_join(forms_all_roles, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.roles", i),
			      "vai trò không hợp lệ \"%s\" (dùng: %s)", t->roles[k], list);
		}
	for (unsigned k = 0; k < t->require_count; k++)
		if (!forms_kind_has(kind, FORMS_REQUIRE, t->require[k])) {
			forms_kind_words(kind, FORMS_REQUIRE, words, FORMS_WORDS_MAX);
			forms_join(words, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.require", i),
			      "require: không biết \"%s\" (dùng: %s)", t->require[k], list);
		}
	if (t->effect && !forms_kind_has(kind, FORMS_EFFECT, t->effect)) {
		forms_kind_words(kind, FORMS_EFFECT, words, FORMS_WORDS_MAX);
		forms_join(words, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.effect", i),
		      "effect: không biết \"%s\" với quy trình loại %s (dùng: %s)", t->effect, kind->name, list);
	}
	if (t->form && !forms_kind_has(kind, FORMS_FORM, t->form) && kind->forms_hint)
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.form", i), "form \"%s\" không hợp lệ (%s)",
		      t->form, kind->forms_hint);
	else if (t->form && !forms_kind_has(kind, FORMS_FORM, t->form))
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.form", i),
		      "form \"%s\": quy trình loại %s không phát hành mẫu nào, bỏ form", t->form, kind->name);
}

void forms_check_wf(yf_file_t *fl, const struct y_wf *y)
{
	const wf_kind_t *kind = forms_kind_of(y->kind);
	const char *words[FORMS_WORDS_MAX];
	char list[128];

	if (!s_is_slug(y->code))
		yf_err(fl->errs, fl->path, yf_line(fl, "code"),
		      "mã quy trình \"%s\" chỉ được gồm chữ thường, chữ số và dấu gạch nối", y->code);
	if (y->version < 1)
		yf_err(fl->errs, fl->path, yf_line(fl, "version"), "version phải từ 1 trở lên");
	if (y->due_soon_hours < 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "due_soon_hours"), "due_soon_hours không được âm");
	if (y->kind && !wf_kind_find(y->kind)) {
		forms_kind_words(kind, FORMS_KIND, words, FORMS_WORDS_MAX);
		forms_join(words, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "kind"), "kind không hợp lệ \"%s\" (dùng: %s)", y->kind, list);
	}
	for (unsigned i = 0; i < y->states_count; i++) {
		const struct y_state *s = &y->states[i];
		int clock = forms_lookup(forms_clock_names, s->clock);
		bool out = false;
		if (s->steps && !kind->steps_by)
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.steps", i),
			      "quy trình loại %s không có các bước thủ tục: bỏ steps: true ở \"%s\"", kind->name, s->code);
		if (s->holder && !forms_kind_has(kind, FORMS_BY, s->holder)) {
			forms_kind_words(kind, FORMS_BY, words, FORMS_WORDS_MAX);
			forms_join(words, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.holder", i), "holder không hợp lệ \"%s\" (dùng: %s)",
			      s->holder, list);
		} else if (s->holder && s->final) {
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.holder", i),
			      "trạng thái kết thúc \"%s\" không chờ ai: bỏ holder", s->code);
		}
		if (!s_only(s->code, LOWER "_"))
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.code", i),
			      "mã trạng thái \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", s->code);
		if (s_state_index(y, s->code) != (int)i)
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.code", i),
			      "trạng thái \"%s\" được khai báo hai lần", s->code);
		if (clock < 0) {
			forms_join(forms_clock_names, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.clock", i),
			      "clock không hợp lệ \"%s\" (dùng: %s)", s->clock, list);
		} else if (s->final && clock == CLOCK_RUN) {
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.clock", i),
			      "trạng thái kết thúc \"%s\" không thể để đồng hồ chạy (dùng stop hoặc pause)", s->code);
		}
		if (s->final && s->steps)
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u", i),
			      "trạng thái kết thúc \"%s\" không thể có steps: true", s->code);
		for (unsigned j = 0; j < y->transitions_count && !out; j++)
			for (unsigned k = 0; k < y->transitions[j].from_count; k++)
				out |= strcmp(y->transitions[j].from[k], s->code) == 0;
		if (!s->final && !out)
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u", i),
			      "không có thao tác nào ra khỏi trạng thái \"%s\" (đánh dấu final: true nếu là trạng thái "
			      "kết "
			      "thúc)",
			      s->code);
	}
	s_check_state_ref(fl, y, "initial", y->initial, kind->steps_by ? 1 : 2);
	if (kind->steps_by && !y->after_last)
		yf_err(fl->errs, fl->path, yf_line(fl, "code"), "thiếu khóa after_last (trạng thái sau bước cuối)");
	else if (kind->steps_by)
		s_check_state_ref(fl, y, "after_last", y->after_last, 0);
	else if (y->after_last)
		yf_err(fl->errs, fl->path, yf_line(fl, "after_last"),
		      "quy trình loại %s không có các bước thủ tục: bỏ after_last", kind->name);
	for (unsigned i = 0; i < y->transitions_count; i++)
		s_check_trans(fl, y, &y->transitions[i], i);
}
