/* forms.c — procedures and workflows as data. libcyaml reads each file of
 * forms/workflows/ and forms/procedures/ into plain structures; this file
 * checks them, alone and against each other, and hands back one immutable
 * set. Every problem found is reported on its own "file:line: message"
 * line, so that a province fixes its files in one pass, not one error at a
 * time. The formats are described in forms/procedures/README.md and
 * forms/workflows/README.md. */
#include "forms.h"

#include <cyaml/cyaml.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "date.h"
#include "proto.h"
#include "yfile.h"

/* Budgets are checked against the processing time in working hours, with
 * a working day of 8 hours (the calendar's usual day; the deadline itself
 * is counted by worktime.c on the real calendar). */
#define DAY_HOURS 8
/* Effective dates are Vietnamese calendar dates: UTC+7, no daylight saving. */
#define LOCAL_OFFSET (7 * 3600)

/* ---- schemas ------------------------------------------------------------- */

/* What the files hold, as written; the public structures are built from
 * these and point into them. */
struct y_amount {
	int days, hours;
};

struct y_field {
	char *name, *label, *type;
	bool required, applicant;
	int64_t min, max;
	char *pattern;
	char **choices;
	unsigned choices_count;
};

struct y_step {
	char *code, *name, *role, *unit;
	struct y_amount budget;
};

struct y_proc {
	char *code, *name;
	int version;
	char *effective, *workflow;
	struct y_amount processing;
	char *cutoff;
	int64_t fee;
	char *fee_note;
	char **legal_basis;
	unsigned legal_basis_count;
	char **papers;
	unsigned papers_count;
	char *result;
	struct y_field *fields;
	unsigned fields_count;
	struct y_step *steps;
	unsigned steps_count;
};

struct y_state {
	char *code, *name, *clock, *holder;
	bool steps, final;
};

struct y_trans {
	char *action, *label;
	char **from;
	unsigned from_count;
	char *to, *by;
	char **roles;
	unsigned roles_count;
	char **require;
	unsigned require_count;
	char *form, *effect;
};

struct y_wf {
	char *code, *name, *kind;
	int version;
	char *initial, *after_last;
	int due_soon_hours;
	struct y_state *states;
	unsigned states_count;
	struct y_trans *transitions;
	unsigned transitions_count;
};

#define OPT CYAML_FLAG_OPTIONAL
#define SEQ CYAML_FLAG_POINTER
#define TEXT_MAX 2000

static const cyaml_schema_value_t s_word = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 64)};
static const cyaml_schema_value_t s_text = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, TEXT_MAX)};

static const cyaml_schema_field_t s_amount_fields[] = {
    CYAML_FIELD_INT("days", OPT, struct y_amount, days),
    CYAML_FIELD_INT("hours", OPT, struct y_amount, hours),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t s_field_fields[] = {
    CYAML_FIELD_STRING_PTR("name", 0, struct y_field, name, 1, 64),
    CYAML_FIELD_STRING_PTR("label", 0, struct y_field, label, 1, 200),
    CYAML_FIELD_STRING_PTR("type", 0, struct y_field, type, 1, 64),
    CYAML_FIELD_BOOL("required", OPT, struct y_field, required),
    CYAML_FIELD_INT("min", OPT, struct y_field, min),
    CYAML_FIELD_INT("max", OPT, struct y_field, max),
    CYAML_FIELD_STRING_PTR("pattern", OPT, struct y_field, pattern, 1, 500),
    CYAML_FIELD_SEQUENCE("choices", SEQ | OPT, struct y_field, choices, &s_text, 0, 200),
    CYAML_FIELD_BOOL("applicant", OPT, struct y_field, applicant),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_field_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_field, s_field_fields),
};

static const cyaml_schema_field_t s_step_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_step, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_step, name, 1, 300),
    CYAML_FIELD_STRING_PTR("role", 0, struct y_step, role, 1, 64),
    CYAML_FIELD_STRING_PTR("unit", 0, struct y_step, unit, 1, 64),
    CYAML_FIELD_MAPPING("budget", 0, struct y_step, budget, s_amount_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_step_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_step, s_step_fields),
};

static const cyaml_schema_field_t s_proc_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_proc, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_proc, name, 1, 300),
    CYAML_FIELD_INT("version", 0, struct y_proc, version),
    CYAML_FIELD_STRING_PTR("effective", 0, struct y_proc, effective, 1, 64),
    CYAML_FIELD_STRING_PTR("workflow", 0, struct y_proc, workflow, 1, 64),
    CYAML_FIELD_MAPPING("processing", 0, struct y_proc, processing, s_amount_fields),
    CYAML_FIELD_STRING_PTR("cutoff", OPT, struct y_proc, cutoff, 1, 64),
    CYAML_FIELD_INT("fee", 0, struct y_proc, fee),
    CYAML_FIELD_STRING_PTR("fee_note", OPT, struct y_proc, fee_note, 1, TEXT_MAX),
    CYAML_FIELD_SEQUENCE("legal_basis", SEQ, struct y_proc, legal_basis, &s_text, 1, 100),
    CYAML_FIELD_SEQUENCE("papers", SEQ, struct y_proc, papers, &s_text, 1, 100),
    CYAML_FIELD_STRING_PTR("result", 0, struct y_proc, result, 1, TEXT_MAX),
    CYAML_FIELD_SEQUENCE("fields", SEQ, struct y_proc, fields, &s_field_schema, 1, 200),
    CYAML_FIELD_SEQUENCE("steps", SEQ, struct y_proc, steps, &s_step_schema, 2, 50),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_proc_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_proc, s_proc_fields),
};

static const cyaml_schema_field_t s_state_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_state, code, 1, 31),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_state, name, 1, 200),
    CYAML_FIELD_STRING_PTR("clock", 0, struct y_state, clock, 1, 64),
    CYAML_FIELD_BOOL("steps", OPT, struct y_state, steps),
    CYAML_FIELD_BOOL("final", OPT, struct y_state, final),
    CYAML_FIELD_STRING_PTR("holder", OPT, struct y_state, holder, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_state_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_state, s_state_fields),
};

static const cyaml_schema_field_t s_trans_fields[] = {
    CYAML_FIELD_STRING_PTR("action", 0, struct y_trans, action, 1, 64),
    CYAML_FIELD_STRING_PTR("label", 0, struct y_trans, label, 1, 200),
    CYAML_FIELD_SEQUENCE("from", SEQ, struct y_trans, from, &s_word, 1, 50),
    CYAML_FIELD_STRING_PTR("to", 0, struct y_trans, to, 1, 31),
    CYAML_FIELD_STRING_PTR("by", 0, struct y_trans, by, 1, 64),
    CYAML_FIELD_SEQUENCE("roles", SEQ | OPT, struct y_trans, roles, &s_word, 1, 20),
    CYAML_FIELD_SEQUENCE("require", SEQ | OPT, struct y_trans, require, &s_word, 0, 20),
    CYAML_FIELD_STRING_PTR("form", OPT, struct y_trans, form, 1, 64),
    CYAML_FIELD_STRING_PTR("effect", OPT, struct y_trans, effect, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_trans_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_trans, s_trans_fields),
};

static const cyaml_schema_field_t s_wf_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_wf, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_wf, name, 1, 300),
    CYAML_FIELD_STRING_PTR("kind", OPT, struct y_wf, kind, 1, 64),
    CYAML_FIELD_INT("version", 0, struct y_wf, version),
    CYAML_FIELD_STRING_PTR("initial", 0, struct y_wf, initial, 1, 31),
    CYAML_FIELD_STRING_PTR("after_last", OPT, struct y_wf, after_last, 1, 31),
    CYAML_FIELD_INT("due_soon_hours", 0, struct y_wf, due_soon_hours),
    CYAML_FIELD_SEQUENCE("states", SEQ, struct y_wf, states, &s_state_schema, 1, 50),
    CYAML_FIELD_SEQUENCE("transitions", SEQ, struct y_wf, transitions, &s_trans_schema, 1, 200),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_wf_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_wf, s_wf_fields),
};

/* ---- the loaded set ------------------------------------------------------ */

/* A procedure with the document its strings live in and the lines the
 * checks across files point at. */
struct s_proc {
	procedure_t p;
	struct y_proc *y;
	long line_code, line_version, line_effective, line_workflow;
};

struct s_wf {
	wf_def_t w;
	struct y_wf *y;
	long line_code;
};

struct forms {
	struct s_proc *procs; /* by code, then version */
	unsigned nprocs;
	struct s_wf *wfs; /* by code */
	unsigned nwfs;
	/* While loading: codes of workflow files that could not be read, so
	 * that procedures naming them are not reported as well; unread_any
	 * when the code of one is not even known. */
	char **unread;
	unsigned nunread;
	bool unread_any;
};

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

/* s written exactly as fmt prints it (strptime and back), for "HH:MM". */
static bool s_strict_time(const char *s, const char *fmt)
{
	struct tm tm = {0};
	char back[32];
	const char *end;
	time_t t;

	if (!s || (end = strptime(s, fmt, &tm)) == NULL || *end)
		return false;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(back, sizeof back, fmt, &tm);
	return strcmp(back, s) == 0;
}

static bool s_is_date(const char *s)
{
	int y, m, d;
	return date_parse(s, &y, &m, &d) == 0;
}

/* Working hours of an amount, -1 (reported) unless exactly one of days,
 * hours is a positive number. */
static long s_amount_hours(yf_file_t *fl, const struct y_amount *a, long line, const char *what)
{
	if ((a->days != 0) == (a->hours != 0) || a->days < 0 || a->hours < 0) {
		yf_err(fl->errs, fl->path, line, "%s cần đúng một trong hai khóa days, hours, với một số dương", what);
		return -1;
	}
	return a->days ? (long)a->days * DAY_HOURS : a->hours;
}

static void s_amount_set(const struct y_amount *a, int *amount, char *unit)
{
	*amount = a->days ? a->days : a->hours;
	*unit = a->days ? 'd' : 'h';
}

/* Index of s in the NULL-terminated list, -1 if absent. */
static int s_lookup(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

static void s_join(const char *const *list, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; list[i] && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", list[i]);
}

/* In the order of field_type_t. */
static const char *const s_type_names[] = {"text",       "number", "money", "date", "choice",
                                           "citizen_id", "phone",  "email", NULL};
/* Who handles a step. */
static const char *const s_step_roles[] = {"specialist", "leader", "clerk", NULL};
/* Every role there is, for transitions by: roles. */
static const char *const s_all_roles[] = {
#define R(id, bit, name, label) name,
    PROTO_ROLES(R)
#undef R
        NULL};
/* In the order of wf_clock_t and wf_by_t. */
static const char *const s_clock_names[] = {"run", "pause", "stop", NULL};
static const char *const s_by_names[] = {"step", "desk", "roles", "assigner", "lead", NULL};
/* What a transition may require of a request, and how errors name it. */
static const struct {
	const char *name, *label;
} s_requires[] = {
    {"note", "ghi chú/lý do"},
    {"new_due", "ngày hẹn mới"},
    {"new_deadline", "hạn mới đề nghị"},
    {"percent", "phần trăm hoàn thành"},
};
/* The kinds of workflow and what each allows: whether instances walk a
 * procedure's steps, the `by`/`holder` rules, `require` entries and
 * `effect`s their module implements, and who holds a state by default. */
static const struct s_kind {
	const char *name;
	bool steps;
	const char *const by[6], *const require[6], *const effects[8];
	wf_by_t holder_waiting; /* default holder of a non-steps, non-final state */
} s_kinds[] = {
    {"dossier", true, {"step", "desk", "roles", NULL}, {"note", "new_due", NULL}, {"reschedule", NULL}, WF_BY_DESK},
    {"task",
     false,
     {"assigner", "lead", "roles", NULL},
     {"note", "new_deadline", "percent", NULL},
     {"progress", "propose_deadline", "extend", "refuse_extension", "complete", "reopen", NULL},
     WF_BY_NONE},
};
static const char *const s_kind_names[] = {"dossier", "task", NULL};
static const char *const s_targets[] = {WF_TO_NEXT, WF_TO_PREV, WF_TO_RESUME, WF_TO_SAME, NULL};
/* The documents of TT 03/2025/TT-VPCP appendix I a transition may issue. */
static const char *const s_form_codes[] = {"01", "02", "03", "04", "05", "06", "07", NULL};

/* ---- procedures ---------------------------------------------------------- */

static void s_check_field(yf_file_t *fl, const struct y_field *f, unsigned i, const struct y_proc *y)
{
	int type = s_lookup(s_type_names, f->type);
	char list[256];

	if (!s_only(f->name, LOWER "_"))
		yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.name", i),
		      "tên trường \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", f->name);
	for (unsigned j = 0; j < i; j++)
		if (strcmp(y->fields[j].name, f->name) == 0)
			yf_err(fl->errs, fl->path, yf_line(fl, "fields.%u.name", i),
			      "trường \"%s\" trùng tên với trường thứ %u", f->name, j + 1);
	if (type < 0) {
		s_join(s_type_names, list, sizeof list);
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
	if (s_lookup(s_step_roles, s->role) < 0) {
		s_join(s_step_roles, list, sizeof list);
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

static void s_check_proc(yf_file_t *fl, const struct y_proc *y)
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
	if (y->cutoff && (strlen(y->cutoff) != 5 || !s_strict_time(y->cutoff, "%H:%M")))
		yf_err(fl->errs, fl->path, yf_line(fl, "cutoff"), "giờ không hợp lệ \"%s\" (cần HH:MM)", y->cutoff);
	if (y->fee < 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "fee"), "lệ phí không được âm");
	total = s_amount_hours(fl, &y->processing, yf_line(fl, "processing"), "processing");
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
		h = s_amount_hours(fl, &y->steps[i].budget, yf_line(fl, "steps.%u.budget", i), "budget");
		sum = h < 0 || sum < 0 ? -1 : sum + h;
	}
	if (total > 0 && sum > total)
		yf_err(fl->errs, fl->path, yf_line(fl, "steps"),
		      "tổng thời gian các bước (%ld giờ làm việc) vượt thời hạn giải quyết (%ld giờ làm việc, "
		      "1 ngày = %d giờ)",
		      sum, total, DAY_HOURS);
}

/* Fill the public view of y; false on allocation failure. */
static bool s_build_proc(struct s_proc *sp, struct y_proc *y, const char *path)
{
	procedure_t *p = &sp->p;

	sp->y = y;
	p->code = y->code;
	p->name = y->name;
	p->version = y->version;
	p->effective = y->effective;
	p->workflow = y->workflow;
	s_amount_set(&y->processing, &p->processing, &p->processing_unit);
	p->cutoff = y->cutoff;
	p->fee = y->fee;
	p->fee_note = y->fee_note;
	p->legal_basis = y->legal_basis;
	p->nlegal = y->legal_basis_count;
	p->papers = y->papers;
	p->npapers = y->papers_count;
	p->result = y->result;
	p->nfields = y->fields_count;
	p->nsteps = y->steps_count;
	p->fields = calloc(y->fields_count ? y->fields_count : 1, sizeof *p->fields);
	p->steps = calloc(y->steps_count ? y->steps_count : 1, sizeof *p->steps);
	p->source = strdup(path);
	if (!p->fields || !p->steps || !p->source)
		return false;
	for (unsigned i = 0; i < y->fields_count; i++) {
		const struct y_field *yf = &y->fields[i];
		form_field_t *f = &p->fields[i];
		int type = s_lookup(s_type_names, yf->type);
		f->name = yf->name;
		f->label = yf->label;
		f->type = type < 0 ? FT_TEXT : (field_type_t)type;
		f->required = yf->required;
		f->min = yf->min;
		f->max = yf->max;
		f->pattern = yf->pattern;
		f->choices = yf->choices;
		f->nchoices = yf->choices_count;
		f->applicant = yf->applicant;
	}
	for (unsigned i = 0; i < y->steps_count; i++) {
		const struct y_step *ys = &y->steps[i];
		form_step_t *s = &p->steps[i];
		s->code = ys->code;
		s->name = ys->name;
		s->role = ys->role;
		s->unit = strcmp(ys->unit, "receiving") == 0 ? UNIT_RECEIVING
		          : strcmp(ys->unit, "parent") == 0  ? UNIT_PARENT
		                                             : UNIT_NAMED;
		s->unit_code = s->unit == UNIT_NAMED ? ys->unit : NULL;
		s_amount_set(&ys->budget, &s->budget, &s->budget_unit);
	}
	return true;
}

static void s_proc_clear(struct s_proc *sp)
{
	free(sp->p.fields);
	free(sp->p.steps);
	free(sp->p.source);
	yf_free(&s_proc_schema, sp->y);
	memset(sp, 0, sizeof *sp);
}

/* ---- workflows ----------------------------------------------------------- */

/* The kind a workflow declares (dossier when it says none; an unknown one
 * is reported by s_check_wf and checked as a dossier meanwhile). */
static const struct s_kind *s_kind_of(const char *name)
{
	int k = name ? s_lookup(s_kind_names, name) : 0;
	return &s_kinds[k < 0 ? 0 : k];
}

/* Is name in the kind's NULL-terminated list? */
static bool s_allowed(const char *const *list, const char *name)
{
	return s_lookup(list, name) >= 0;
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
	const struct s_kind *kind = s_kind_of(y->kind);
	int by = s_lookup(s_by_names, t->by);
	bool target = s_lookup(s_targets, t->to) >= 0;
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
		clock = s_lookup(s_clock_names, y->states[s].clock); /* an unknown one is reported with the state */
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
	if (by < 0 || !s_allowed(kind->by, t->by)) {
		s_join(kind->by, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.by", i), "by không hợp lệ \"%s\" (dùng: %s)",
		      t->by, list);
	} else if ((by == WF_BY_ROLES) != (t->roles != NULL)) {
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.by", i),
		      by == WF_BY_ROLES ? "by: roles cần danh sách roles" : "roles chỉ dùng với by: roles");
	}
	for (unsigned k = 0; k < t->roles_count; k++)
		if (s_lookup(s_all_roles, t->roles[k]) < 0) {
			s_join(s_all_roles, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.roles", i),
			      "vai trò không hợp lệ \"%s\" (dùng: %s)", t->roles[k], list);
		}
	for (unsigned k = 0; k < t->require_count; k++)
		if (!s_allowed(kind->require, t->require[k])) {
			s_join(kind->require, list, sizeof list);
			yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.require", i),
			      "require: không biết \"%s\" (dùng: %s)", t->require[k], list);
		}
	if (t->effect && !s_allowed(kind->effects, t->effect)) {
		s_join(kind->effects, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.effect", i),
		      "effect: không biết \"%s\" với quy trình loại %s (dùng: %s)", t->effect, kind->name, list);
	}
	if (t->form && s_lookup(s_form_codes, t->form) < 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "transitions.%u.form", i),
		      "form \"%s\" không hợp lệ (mẫu 01 đến 07 của Thông tư 03/2025/TT-VPCP, viết \"02\")", t->form);
}

static void s_check_wf(yf_file_t *fl, const struct y_wf *y)
{
	const struct s_kind *kind = s_kind_of(y->kind);
	char list[128];

	if (!s_is_slug(y->code))
		yf_err(fl->errs, fl->path, yf_line(fl, "code"),
		      "mã quy trình \"%s\" chỉ được gồm chữ thường, chữ số và dấu gạch nối", y->code);
	if (y->version < 1)
		yf_err(fl->errs, fl->path, yf_line(fl, "version"), "version phải từ 1 trở lên");
	if (y->due_soon_hours < 0)
		yf_err(fl->errs, fl->path, yf_line(fl, "due_soon_hours"), "due_soon_hours không được âm");
	if (y->kind && s_lookup(s_kind_names, y->kind) < 0) {
		s_join(s_kind_names, list, sizeof list);
		yf_err(fl->errs, fl->path, yf_line(fl, "kind"), "kind không hợp lệ \"%s\" (dùng: %s)", y->kind, list);
	}
	for (unsigned i = 0; i < y->states_count; i++) {
		const struct y_state *s = &y->states[i];
		int clock = s_lookup(s_clock_names, s->clock);
		bool out = false;
		if (s->steps && !kind->steps)
			yf_err(fl->errs, fl->path, yf_line(fl, "states.%u.steps", i),
			      "quy trình loại %s không có các bước thủ tục: bỏ steps: true ở \"%s\"", kind->name, s->code);
		if (s->holder && !s_allowed(kind->by, s->holder)) {
			s_join(kind->by, list, sizeof list);
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
			s_join(s_clock_names, list, sizeof list);
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
	s_check_state_ref(fl, y, "initial", y->initial, kind->steps ? 1 : 2);
	if (kind->steps && !y->after_last)
		yf_err(fl->errs, fl->path, yf_line(fl, "code"), "thiếu khóa after_last (trạng thái sau bước cuối)");
	else if (kind->steps)
		s_check_state_ref(fl, y, "after_last", y->after_last, 0);
	else if (y->after_last)
		yf_err(fl->errs, fl->path, yf_line(fl, "after_last"),
		      "quy trình loại %s không có các bước thủ tục: bỏ after_last", kind->name);
	for (unsigned i = 0; i < y->transitions_count; i++)
		s_check_trans(fl, y, &y->transitions[i], i);
}

/* Who holds an instance in state s: as written, else by default nobody in
 * a final state, the current step's handler where steps are walked, and
 * the kind's default elsewhere. */
static wf_by_t s_holder(const struct s_kind *kind, const struct y_state *s)
{
	int by = s->holder ? s_lookup(s_by_names, s->holder) : -1;

	if (by >= 0)
		return (wf_by_t)by;
	if (s->final)
		return WF_BY_NONE;
	return s->steps ? WF_BY_STEP : kind->holder_waiting;
}

static bool s_build_wf(struct s_wf *sw, struct y_wf *y, const char *path)
{
	wf_def_t *w = &sw->w;

	sw->y = y;
	w->code = y->code;
	w->name = y->name;
	w->kind = (char *)s_kind_of(y->kind)->name;
	w->version = y->version;
	w->initial = y->initial;
	w->after_last = y->after_last;
	w->due_soon_hours = y->due_soon_hours;
	w->nstates = y->states_count;
	w->ntransitions = y->transitions_count;
	w->states = calloc(y->states_count ? y->states_count : 1, sizeof *w->states);
	w->transitions = calloc(y->transitions_count ? y->transitions_count : 1, sizeof *w->transitions);
	w->source = strdup(path);
	if (!w->states || !w->transitions || !w->source)
		return false;
	for (unsigned i = 0; i < y->states_count; i++) {
		int clock = s_lookup(s_clock_names, y->states[i].clock);
		w->states[i].code = y->states[i].code;
		w->states[i].name = y->states[i].name;
		w->states[i].clock = clock < 0 ? CLOCK_RUN : (wf_clock_t)clock;
		w->states[i].steps = y->states[i].steps;
		w->states[i].final = y->states[i].final;
		w->states[i].holder = s_holder(s_kind_of(y->kind), &y->states[i]);
	}
	for (unsigned i = 0; i < y->transitions_count; i++) {
		const struct y_trans *yt = &y->transitions[i];
		wf_transition_t *t = &w->transitions[i];
		int by = s_lookup(s_by_names, yt->by);
		t->action = yt->action;
		t->label = yt->label;
		t->from = yt->from;
		t->nfrom = yt->from_count;
		t->to = yt->to;
		t->by = by < 0 ? WF_BY_DESK : (wf_by_t)by;
		t->roles = yt->roles;
		t->nroles = yt->roles_count;
		t->require = yt->require;
		t->nrequire = yt->require_count;
		t->form = yt->form;
		t->effect = yt->effect;
	}
	return true;
}

static void s_wf_clear(struct s_wf *sw)
{
	free(sw->w.states);
	free(sw->w.transitions);
	free(sw->w.source);
	yf_free(&s_wf_schema, sw->y);
	memset(sw, 0, sizeof *sw);
}

/* ---- loading ------------------------------------------------------------- */

/* Load every *.yaml of dir/sub with load_one, which returns false only
 * when memory runs out. False when some file (or dir/sub itself) could not
 * be read or parsed at all. */
static bool s_load_dir(forms_t *f, const char *dir, const char *sub, yf_errs_t *errs,
                       bool (*load_one)(forms_t *, yf_file_t *))
{
	char path[4096];
	size_t count;
	char **names;
	bool all = true;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if ((names = yf_list(path, &count, errs)) == NULL)
		return false;
	for (size_t i = 0; i < count; i++) {
		yf_file_t fl;
		snprintf(path, sizeof path, "%s/%s/%s", dir, sub, names[i]);
		if (!yf_open(&fl, path, errs))
			all = false;
		else if (!load_one(f, &fl))
			yf_err(errs, path, 0, "hết bộ nhớ");
		yf_close(&fl);
		free(names[i]);
	}
	free(names);
	return all;
}

/* Remember the code of a workflow file that could not be read, when it
 * names one. */
static bool s_unread(forms_t *f, yf_file_t *fl)
{
	yaml_node_t *code = yf_map_get(&fl->doc, yaml_document_get_root_node(&fl->doc), "code", NULL);
	char **v;

	if (!code || code->type != YAML_SCALAR_NODE) {
		f->unread_any = true;
		return true;
	}
	if ((v = realloc(f->unread, (f->nunread + 1) * sizeof *v)) == NULL)
		return false;
	f->unread = v;
	return (v[f->nunread++] = strdup((const char *)code->data.scalar.value)) != NULL;
}

static bool s_load_wf(forms_t *f, yf_file_t *fl)
{
	struct y_wf *y = yf_load(fl, &s_wf_schema);
	struct s_wf *v;

	if (!y)
		return s_unread(f, fl);
	s_check_wf(fl, y);
	if ((v = realloc(f->wfs, (f->nwfs + 1) * sizeof *v)) == NULL) {
		yf_free(&s_wf_schema, y);
		return false;
	}
	f->wfs = v;
	memset(&v[f->nwfs], 0, sizeof *v);
	v[f->nwfs].line_code = yf_line(fl, "code");
	return s_build_wf(&v[f->nwfs++], y, fl->path);
}

static bool s_load_proc(forms_t *f, yf_file_t *fl)
{
	struct y_proc *y = yf_load(fl, &s_proc_schema);
	struct s_proc *v, *sp;

	if (!y)
		return true;
	s_check_proc(fl, y);
	if ((v = realloc(f->procs, (f->nprocs + 1) * sizeof *v)) == NULL) {
		yf_free(&s_proc_schema, y);
		return false;
	}
	f->procs = v;
	sp = &v[f->nprocs];
	memset(sp, 0, sizeof *sp);
	sp->line_code = yf_line(fl, "code");
	sp->line_version = yf_line(fl, "version");
	sp->line_effective = yf_line(fl, "effective");
	sp->line_workflow = yf_line(fl, "workflow");
	f->nprocs++;
	return s_build_proc(sp, y, fl->path);
}

static int s_cmp_proc(const void *a, const void *b)
{
	const struct s_proc *x = a, *y = b;
	int c = strcmp(x->p.code, y->p.code);

	if (c)
		return c;
	if (x->p.version != y->p.version)
		return x->p.version < y->p.version ? -1 : 1;
	return strcmp(x->p.source, y->p.source);
}

static int s_cmp_wf(const void *a, const void *b)
{
	const struct s_wf *x = a, *y = b;
	int c = strcmp(x->w.code, y->w.code);

	return c ? c : strcmp(x->w.source, y->w.source);
}

/* Checks across files: unique workflow codes, procedures naming a loaded
 * workflow, unique (code, version) whose effective dates grow with the
 * version so that "the version in force on a date" has one answer. */
static void s_check_set(forms_t *f, yf_errs_t *errs)
{
	for (unsigned i = 1; i < f->nwfs; i++)
		if (strcmp(f->wfs[i].w.code, f->wfs[i - 1].w.code) == 0)
			yf_err(errs, f->wfs[i].w.source, f->wfs[i].line_code, "quy trình \"%s\" đã có trong %s",
			      f->wfs[i].w.code, f->wfs[i - 1].w.source);
	for (unsigned i = 0; i < f->nprocs; i++) {
		const struct s_proc *sp = &f->procs[i], *prev = i ? &f->procs[i - 1] : NULL;
		bool unread = false;
		for (unsigned k = 0; k < f->nunread && !unread; k++)
			unread = f->unread[k] && strcmp(f->unread[k], sp->p.workflow) == 0;
		if (!forms_workflow(f, sp->p.workflow) && !unread && !f->unread_any)
			yf_err(errs, sp->p.source, sp->line_workflow, "không có quy trình \"%s\" trong workflows/",
			      sp->p.workflow);
		else if (forms_workflow(f, sp->p.workflow) && !s_kind_of(forms_workflow(f, sp->p.workflow)->kind)->steps)
			yf_err(errs, sp->p.source, sp->line_workflow,
			      "quy trình \"%s\" không đi theo các bước của thủ tục (kind: %s)", sp->p.workflow,
			      forms_workflow(f, sp->p.workflow)->kind);
		if (!prev || strcmp(prev->p.code, sp->p.code) != 0)
			continue;
		if (prev->p.version == sp->p.version)
			yf_err(errs, sp->p.source, sp->line_version, "thủ tục \"%s\" phiên bản %d đã có trong %s",
			      sp->p.code, sp->p.version, prev->p.source);
		else if (strcmp(sp->p.effective, prev->p.effective) <= 0)
			yf_err(errs, sp->p.source, sp->line_effective,
			      "phiên bản %d phải có hiệu lực sau phiên bản %d (%s), không phải %s", sp->p.version,
			      prev->p.version, prev->p.effective, sp->p.effective);
	}
}

forms_t *forms_load(const char *dir, char **errors)
{
	yf_errs_t errs = {0};
	forms_t *f = calloc(1, sizeof *f);

	if (errors)
		*errors = NULL;
	if (!f) {
		if (errors)
			*errors = strdup("hết bộ nhớ\n");
		return NULL;
	}
	/* Workflows first: procedures are checked against them. */
	if (!s_load_dir(f, dir, "workflows", &errs, s_load_wf))
		f->unread_any = true;
	s_load_dir(f, dir, "procedures", &errs, s_load_proc);
	if (f->nwfs)
		qsort(f->wfs, f->nwfs, sizeof *f->wfs, s_cmp_wf);
	if (f->nprocs)
		qsort(f->procs, f->nprocs, sizeof *f->procs, s_cmp_proc);
	s_check_set(f, &errs);
	for (unsigned i = 0; i < f->nunread; i++)
		free(f->unread[i]);
	free(f->unread);
	f->unread = NULL;
	f->nunread = 0;
	if (errs.n == 0 && !errs.oom)
		return f;
	if (errors)
		*errors = yf_text(&errs, dir);
	else
		free(errs.buf);
	forms_free(&f);
	return NULL;
}

void forms_free(forms_t **fp)
{
	forms_t *f;

	if (!fp || !(f = *fp))
		return;
	for (unsigned i = 0; i < f->nprocs; i++)
		s_proc_clear(&f->procs[i]);
	for (unsigned i = 0; i < f->nwfs; i++)
		s_wf_clear(&f->wfs[i]);
	free(f->procs);
	free(f->wfs);
	free(f);
	*fp = NULL;
}

/* ---- queries ------------------------------------------------------------- */

/* The Vietnamese date of t as "YYYY-MM-DD". */
static void s_local_date(int64_t t, char out[11])
{
	time_t local = (time_t)(t + LOCAL_OFFSET);
	struct tm tm;

	if (!gmtime_r(&local, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "%s", t < 0 ? "0000-00-00" : "9999-99-99");
}

/* Index of the first procedure with code, or nprocs. */
static unsigned s_first(const forms_t *f, const char *code)
{
	unsigned lo = 0, hi = f->nprocs;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (strcmp(f->procs[mid].p.code, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The version in force on date among the versions from index i on: the
 * last whose effective date is not after it (effective dates grow with
 * the version). */
static const procedure_t *s_in_force(const forms_t *f, unsigned i, const char *date)
{
	const procedure_t *best = NULL;
	const char *code = f->procs[i].p.code;

	for (; i < f->nprocs && strcmp(f->procs[i].p.code, code) == 0; i++)
		if (strcmp(f->procs[i].p.effective, date) <= 0)
			best = &f->procs[i].p;
	return best;
}

const procedure_t *forms_procedure(const forms_t *f, const char *code, int version, int64_t t)
{
	char date[11];
	unsigned i;

	if (!f || !code || (i = s_first(f, code)) == f->nprocs || strcmp(f->procs[i].p.code, code) != 0)
		return NULL;
	if (version > 0) {
		for (; i < f->nprocs && strcmp(f->procs[i].p.code, code) == 0; i++)
			if (f->procs[i].p.version == version)
				return &f->procs[i].p;
		return NULL;
	}
	s_local_date(t, date);
	return s_in_force(f, i, date);
}

unsigned forms_procedures(const forms_t *f, int64_t t, const procedure_t **out, unsigned max)
{
	char date[11];
	unsigned n = 0;

	if (!f)
		return 0;
	s_local_date(t, date);
	for (unsigned i = 0; i < f->nprocs && n < max; i++) {
		const procedure_t *p;
		if (i > 0 && strcmp(f->procs[i].p.code, f->procs[i - 1].p.code) == 0)
			continue;
		if ((p = s_in_force(f, i, date)) != NULL)
			out[n++] = p;
	}
	return n;
}

const wf_def_t *forms_workflow(const forms_t *f, const char *code)
{
	for (unsigned i = 0; f && code && i < f->nwfs; i++)
		if (strcmp(f->wfs[i].w.code, code) == 0)
			return &f->wfs[i].w;
	return NULL;
}

const wf_state_t *wf_state(const wf_def_t *w, const char *code)
{
	for (unsigned i = 0; w && code && i < w->nstates; i++)
		if (strcmp(w->states[i].code, code) == 0)
			return &w->states[i];
	return NULL;
}

const char *wf_require_label(const char *name)
{
	for (size_t i = 0; i < sizeof s_requires / sizeof s_requires[0]; i++)
		if (strcmp(s_requires[i].name, name) == 0)
			return s_requires[i].label;
	return name;
}

const wf_transition_t *wf_transition(const wf_def_t *w, const char *state, const char *action)
{
	for (unsigned i = 0; w && state && action && i < w->ntransitions; i++) {
		const wf_transition_t *t = &w->transitions[i];
		if (strcmp(t->action, action) != 0)
			continue;
		for (unsigned k = 0; k < t->nfrom; k++)
			if (strcmp(t->from[k], state) == 0)
				return t;
	}
	return NULL;
}
