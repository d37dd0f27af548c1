/* test_forms.c — unit tests for server/forms.c: the procedures and the
 * workflow the product ships (forms/procedures, forms/workflows), version
 * selection by date, and small sets written to a temporary directory for
 * the loader's errors, each of which must name its file, its line and the
 * problem. Vietnamese strings are \x escapes so the editor's normalisation
 * cannot change what is tested. TEST_FORMS_SHOW=1 prints every error. */
/* cmocka.h needs these first, in this order. */
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dossier.h"
#include "forms.h"
#include "wf.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

#define KHONG_HOP_LE "kh\xC3\xB4ng h\xE1\xBB\xA3p l\xE1\xBB\x87"                  /* không hợp lệ */
#define KHONG_CO_TRANG_THAI "kh\xC3\xB4ng c\xC3\xB3 tr\xE1\xBA\xA1ng th\xC3\xA1i" /* không có trạng thái */
#define HAI_LAN "xu\xE1\xBA\xA5t hi\xE1\xBB\x87n hai l\xE1\xBA\xA7n"              /* xuất hiện hai lần */
/* chỉ được gồm chữ thường */
#define CHU_THUONG                                                                                                     \
	"ch\xE1\xBB\x89 \xC4\x91\xC6\xB0\xE1\xBB\xA3\x63 g\xE1\xBB\x93m ch\xE1\xBB\xAF th\xC6\xB0\xE1\xBB\x9Dng"

/* "YYYY-MM-DD HH:MM" in Vietnam (UTC+7) as Unix seconds; timegm, so the
 * machine's time zone plays no part. */
static int64_t s_at(const char *s)
{
	struct tm tm = {0};

	if (sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5)
		fail_msg("bad test time \"%s\"", s);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) - 7 * 3600;
}

static unsigned s_lines(const char *s)
{
	unsigned n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* ---- the shipped forms --------------------------------------------------- */

static int s_setup(void **state)
{
	char *errors = NULL;

	*state = forms_load(FORMS_DIR, &errors);
	if (!*state) {
		fprintf(stderr, "forms_load(%s):\n%s", FORMS_DIR, errors ? errors : "?\n");
		free(errors);
		return -1;
	}
	assert_null(errors);
	return 0;
}

static int s_teardown(void **state)
{
	forms_t *f = *state;

	forms_free(&f);
	assert_null(f);
	return 0;
}

struct proc_case {
	const char *code;
	int processing;
	char unit;
	unsigned nsteps;
	const char *cutoff; /* NULL: the calendar's */
	int64_t fee;
	bool parent; /* some step is handled by the receiving unit's parent */
	int version; /* the version in force on 27/11/2026; 0: 1 */
};

/* Processing times from the legal basis (see each file's legal_basis). */
static const struct proc_case s_proc_cases[] = {
    {"chung-thuc-ban-sao", 8, 'h', 3, "15:00", 2000, false}, /* NĐ 23/2015 art. 7(1) */
    {"ho-kinh-doanh", 3, 'd', 3, NULL, 100000, false, 2},    /* NĐ 168/2025: the commune (v2) */
    {"ket-hon", 8, 'h', 3, "15:00", 0, false},               /* Luật Hộ tịch art. 18 */
    {"khai-sinh", 8, 'h', 3, "15:00", 0, false},             /* Luật Hộ tịch art. 16 */
    {"khai-tu", 8, 'h', 3, "15:00", 0, false},               /* Luật Hộ tịch art. 34 */
    {"xac-nhan-hon-nhan", 3, 'd', 3, NULL, 0, false},        /* NĐ 123/2015 art. 22 */
    {"xay-dung-nha-o", 15, 'd', 4, NULL, 75000, false, 3},   /* NĐ 140/2025; Luật Xây dựng 2025 (v3) */
};

static int s_hours(int amount, char unit)
{
	return unit == 'd' ? amount * 8 : amount;
}

static void test_shipped_procedures(void **state)
{
	const forms_t *f = *state;
	const procedure_t *all[32];
	int64_t now = s_at("2026-11-27 09:00");
	unsigned n = forms_procedures(f, now, all, N_ELEM(all));

	/* One of each code, in code order (the table is in that order too). */
	assert_int_equal(n, N_ELEM(s_proc_cases));
	for (size_t i = 0; i < N_ELEM(s_proc_cases); i++) {
		const struct proc_case *c = &s_proc_cases[i];
		const procedure_t *p = forms_procedure(f, c->code, 0, now);
		unsigned applicants = 0;
		int budget = 0;
		bool parent = false;

		if (!p)
			fail_msg("%s: not loaded", c->code);
		assert_ptr_equal(all[i], p);
		if (p->processing != c->processing || p->processing_unit != c->unit)
			fail_msg("%s: processing %d%c, want %d%c", c->code, p->processing, p->processing_unit,
			         c->processing, c->unit);
		if (p->nsteps != c->nsteps)
			fail_msg("%s: %u steps, want %u", c->code, p->nsteps, c->nsteps);
		if (c->cutoff)
			assert_string_equal(p->cutoff, c->cutoff);
		else
			assert_null(p->cutoff);
		assert_int_equal(p->fee, c->fee);
		assert_int_equal(p->version, c->version ? c->version : 1);
		assert_string_equal(p->workflow, "onestop");
		assert_non_null(strstr(p->source, "/procedures/"));
		assert_true(p->nlegal > 0 && p->npapers > 0 && p->result && p->name && p->effective);
		/* Reception at the desk comes first. */
		assert_string_equal(p->steps[0].role, "clerk");
		assert_int_equal(p->steps[0].unit, UNIT_RECEIVING);
		for (unsigned k = 0; k < p->nsteps; k++) {
			budget += s_hours(p->steps[k].budget, p->steps[k].budget_unit);
			parent |= p->steps[k].unit == UNIT_PARENT;
		}
		if (budget > s_hours(p->processing, p->processing_unit))
			fail_msg("%s: steps take %d h of %d", c->code, budget,
			         s_hours(p->processing, p->processing_unit));
		assert_int_equal(parent, c->parent);
		for (unsigned k = 0; k < p->nfields; k++)
			if (p->fields[k].applicant) {
				applicants++;
				assert_int_equal(p->fields[k].type, FT_TEXT);
				assert_true(p->fields[k].required);
			}
		assert_int_equal(applicants, 1);
	}
}

/* The same-day procedures (NĐ 23/2015 art. 7; QĐ 1872/QĐ-BTP 2020) take
 * the same-day unit in a version 2 in force from 1 December 2026, without a
 * cut-off of their own; dossiers received under version 1 keep it. */
static void test_shipped_same_day(void **state)
{
	const forms_t *f = *state;
	static const char *const codes[] = {"chung-thuc-ban-sao", "ket-hon", "khai-sinh", "khai-tu"};
	char text[160];

	for (size_t i = 0; i < N_ELEM(codes); i++) {
		const procedure_t *before = forms_procedure(f, codes[i], 0, s_at("2026-11-30 23:59"));
		const procedure_t *after = forms_procedure(f, codes[i], 0, s_at("2026-12-01 00:00"));
		const procedure_t *v1 = forms_procedure(f, codes[i], 1, s_at("2026-12-03 10:00"));

		if (!before || !after || !v1)
			fail_msg("%s: a version is missing", codes[i]);
		assert_int_equal(before->version, 1);
		assert_int_equal(before->processing_unit, 'h');
		assert_ptr_equal(v1, before);
		assert_int_equal(after->version, 2);
		if (after->processing_unit != 's' || after->cutoff)
			fail_msg("%s v2: unit %c, cut-off %s; want same day without its own", codes[i],
			         after->processing_unit, after->cutoff ? after->cutoff : "none");
		assert_string_equal(forms_processing_text(after, text, sizeof text),
		                    "Trong ng\xC3\xA0y (ti\xE1\xBA\xBFp nh\xE1\xBA\xADn sau 15 gi\xE1\xBB\x9D th\xC3\xAC tr\xE1\xBA\xA3 "
		                    "trong ng\xC3\xA0y l\xC3\xA0m vi\xE1\xBB\x87" "c ti\xE1\xBA\xBFp theo)");
		assert_string_equal(forms_processing_text(before, text, sizeof text),
		                    "8 gi\xE1\xBB\x9D l\xC3\xA0m vi\xE1\xBB\x87" "c");
	}
}

static const form_field_t *s_field(const procedure_t *p, const char *name)
{
	for (unsigned i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].name, name) == 0)
			return &p->fields[i];
	fail_msg("%s: no field %s", p->code, name);
	return NULL;
}

static void test_shipped_details(void **state)
{
	const forms_t *f = *state;
	int64_t now = s_at("2026-11-27 09:00");
	const procedure_t *ks = forms_procedure(f, "khai-sinh", 0, now);
	const procedure_t *hkd = forms_procedure(f, "ho-kinh-doanh", 0, now);
	const procedure_t *xd = forms_procedure(f, "xay-dung-nha-o", 0, now);
	const form_field_t *g;

	assert_non_null(ks);
	assert_non_null(hkd);
	assert_non_null(xd);
	g = s_field(ks, "child_gender");
	assert_int_equal(g->type, FT_CHOICE);
	assert_int_equal(g->nchoices, 2);
	assert_string_equal(g->choices[1], "N\xE1\xBB\xAF"); /* Nữ */
	assert_int_equal(s_field(ks, "child_birth_date")->type, FT_DATE);
	assert_int_equal(s_field(ks, "citizen_id")->type, FT_CITIZEN_ID);
	assert_int_equal(s_field(hkd, "capital")->type, FT_MONEY);
	assert_int_equal(s_field(hkd, "email")->type, FT_EMAIL);
	assert_int_equal(s_field(xd, "floors")->type, FT_NUMBER);
	assert_int_equal(s_field(xd, "floors")->min, 1);
	assert_string_equal(s_field(xd, "plot_number")->pattern, "^[0-9]+$");
	/* The two-unit procedure of version 1 (until 30/06/2025): reception at
	 * the commune, the review and the signature at its parent (the
	 * district). */
	{
		const procedure_t *hkd1 = forms_procedure(f, "ho-kinh-doanh", 0, s_at("2025-06-30 23:59"));
		assert_non_null(hkd1);
		assert_int_equal(hkd1->version, 1);
		assert_int_equal(hkd1->steps[0].unit, UNIT_RECEIVING);
		assert_int_equal(hkd1->steps[1].unit, UNIT_PARENT);
		assert_string_equal(hkd1->steps[1].role, "specialist");
		assert_int_equal(hkd1->steps[2].unit, UNIT_PARENT);
		assert_string_equal(hkd1->steps[2].role, "leader");
		assert_null(hkd1->steps[2].unit_code);
	}
	/* Two tiers from 01/07/2025: household business (NĐ 168/2025) and
	 * construction permits (NĐ 140/2025, then the 2025 Construction Law
	 * from 01/07/2026) stay in the receiving commune. */
	assert_int_equal(forms_procedure(f, "ho-kinh-doanh", 0, s_at("2025-07-01 00:00"))->version, 2);
	assert_int_equal(hkd->version, 2);
	assert_int_equal(forms_procedure(f, "xay-dung-nha-o", 0, s_at("2025-06-30 23:59"))->version, 1);
	assert_int_equal(forms_procedure(f, "xay-dung-nha-o", 0, s_at("2025-07-01 00:00"))->version, 2);
	assert_int_equal(forms_procedure(f, "xay-dung-nha-o", 0, s_at("2026-06-30 23:59"))->version, 2);
	assert_int_equal(forms_procedure(f, "xay-dung-nha-o", 0, s_at("2026-07-01 00:00"))->version, 3);
	for (unsigned k = 0; k < hkd->nsteps; k++)
		assert_int_equal(hkd->steps[k].unit, UNIT_RECEIVING);
	for (unsigned k = 0; k < xd->nsteps; k++)
		assert_int_equal(xd->steps[k].unit, UNIT_RECEIVING);
	/* Exact versions; none before the law took effect. */
	assert_ptr_equal(forms_procedure(f, "khai-sinh", 1, 0), ks);
	assert_null(forms_procedure(f, "khai-sinh", 3, now)); /* 2 is the same-day rule */
	assert_null(forms_procedure(f, "khai-sinh", 0, s_at("2015-12-31 23:59")));
	assert_ptr_equal(forms_procedure(f, "khai-sinh", 0, s_at("2016-01-01 00:00")), ks);
	assert_null(forms_procedure(f, "ho-kinh-doanh", 0, s_at("2020-06-01 09:00")));
	assert_null(forms_procedure(f, "dang-ky-xe", 0, now));
	assert_null(forms_procedure(f, NULL, 0, now));
}

struct trans_case {
	const char *state, *action;
	const char *to; /* NULL: no such transition */
	const char *by;      /* the dossier kind's rule */
	const char *require; /* space-separated */
	const char *form;
};

static const struct trans_case s_trans_cases[] = {
    {"processing", "submit", WF_TO_NEXT, "step", "", NULL},
    {"processing", "rework", WF_TO_PREV, "step", "note", NULL},
    {"processing", "supplement", "supplement", "step", "note", "02"},
    {"supplement", "resubmit", WF_TO_RESUME, "desk", "", NULL},
    {"processing", "withdraw", "withdrawn", "desk", "note", "05"},
    {"supplement", "withdraw", "withdrawn", "desk", "note", "05"},
    {"processing", "apologize", WF_TO_SAME, "desk", "note new_due", "04"},
    {"supplement", "apologize", WF_TO_SAME, "desk", "note new_due", "04"},
    {"result", "deliver", "returned", "desk", "collector collector_id method", NULL},
    {"processing", "refuse", "refused", "desk", "note", "03"},
    {"processing", "reject", "rejected", "step", "note", NULL},
    /* and not from elsewhere */
    {"supplement", "submit", NULL, NULL, NULL, NULL},
    {"supplement", "refuse", NULL, NULL, NULL, NULL},
    {"result", "withdraw", NULL, NULL, NULL, NULL},
    {"result", "submit", NULL, NULL, NULL, NULL},
    {"processing", "deliver", NULL, NULL, NULL, NULL},
    {"processing", "resubmit", NULL, NULL, NULL, NULL},
    {"returned", "deliver", NULL, NULL, NULL, NULL},
    {"withdrawn", "resubmit", NULL, NULL, NULL, NULL},
    {"processing", "approve", NULL, NULL, NULL, NULL},
};

static void test_shipped_workflow(void **state)
{
	const wf_def_t *w = forms_workflow(*state, "onestop");
	char req[64];

	assert_non_null(w);
	assert_int_equal(w->version, 1);
	assert_string_equal(w->initial, "processing");
	assert_string_equal(w->after_last, "result");
	assert_int_equal(w->due_soon_hours, 4);
	assert_int_equal(w->nstates, 7);      /* desk: rejected */
	assert_int_equal(w->ntransitions, 9); /* desk: reject */
	assert_true(wf_state(w, "processing")->steps);
	assert_int_equal(wf_state(w, "processing")->clock, CLOCK_RUN);
	assert_int_equal(wf_state(w, "supplement")->clock, CLOCK_PAUSE);
	assert_int_equal(wf_state(w, "result")->clock, CLOCK_STOP);
	assert_false(wf_state(w, "result")->final);
	assert_true(wf_state(w, "returned")->final);
	assert_true(wf_state(w, "refused")->final);
	assert_true(wf_state(w, "withdrawn")->final);
	/* A stop without a result is not graded: only `result` stops the
	 * clock before the end. */
	assert_int_not_equal(wf_state(w, "refused")->clock, CLOCK_STOP);
	assert_int_not_equal(wf_state(w, "withdrawn")->clock, CLOCK_STOP);
	assert_null(wf_state(w, "received"));
	for (size_t i = 0; i < N_ELEM(s_trans_cases); i++) {
		const struct trans_case *c = &s_trans_cases[i];
		const wf_transition_t *t = wf_transition(w, c->state, c->action);
		size_t len = 0;

		if (!c->to) {
			if (t)
				fail_msg("%s from %s: want none", c->action, c->state);
			continue;
		}
		if (!t)
			fail_msg("%s from %s: missing", c->action, c->state);
		assert_string_equal(t->to, c->to);
		assert_string_equal(wf_rule_name(wf_kind_find("dossier"), t->by), c->by);
		req[0] = '\0';
		for (unsigned k = 0; k < t->nrequire; k++)
			len += (size_t)snprintf(req + len, sizeof req - len, "%s%s", k ? " " : "", t->require[k]);
		assert_string_equal(req, c->require);
		if (c->form)
			assert_string_equal(t->form, c->form);
		else
			assert_null(t->form);
		assert_true(t->label && t->label[0]);
	}
	assert_null(forms_workflow(*state, "tasks"));
	assert_null(wf_transition(NULL, "processing", "submit"));
}

/* ---- sets written for the test ------------------------------------------- */

static void s_write(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* A temporary forms directory with empty procedures/ and workflows/. */
static void s_mkdir(char *dir)
{
	char path[512];

	strcpy(dir, "/tmp/test_forms.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/procedures", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/workflows", dir);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void s_rmdir(const char *dir)
{
	static const char *const subs[] = {"procedures", "workflows"};
	char path[512];

	for (size_t i = 0; i < N_ELEM(subs); i++) {
		DIR *d;
		struct dirent *de;
		snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
		if ((d = opendir(path)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			char file[1024];
			if (de->d_name[0] == '.')
				continue;
			snprintf(file, sizeof file, "%s/%s", path, de->d_name);
			unlink(file);
		}
		closedir(d);
		rmdir(path);
	}
	rmdir(dir);
}

/* The good files the error cases break, one edit each. Line numbers are on
 * the right. */
static const char s_good_wf[] =
    "code: onestop\n"                                                                        /* 1 */
    "name: \"Mot cua\"\n"                                                                    /* 2 */
    "version: 1\n"                                                                           /* 3 */
    "initial: processing\n"                                                                  /* 4 */
    "after_last: result\n"                                                                   /* 5 */
    "due_soon_hours: 4\n"                                                                    /* 6 */
    "states:\n"                                                                              /* 7 */
    "  - {code: processing, name: \"Dang xu ly\", clock: run, steps: true}\n"                /* 8 */
    "  - {code: supplement, name: \"Cho bo sung\", clock: pause}\n"                          /* 9 */
    "  - {code: result, name: \"Co ket qua\", clock: stop}\n"                                /* 10 */
    "  - {code: returned, name: \"Da tra\", clock: stop, final: true}\n"                     /* 11 */
    "transitions:\n"                                                                         /* 12 */
    "  - {action: submit, label: \"Chuyen\", from: [processing], to: \"@next\", by: step}\n" /* 13 */
    "  - {action: supplement, label: \"Bo sung\", from: [processing], to: supplement, by: step, "
    "require: [note], form: \"02\"}\n"                                                            /* 14 */
    "  - {action: resubmit, label: \"Nop lai\", from: [supplement], to: \"@resume\", by: desk}\n" /* 15 */
    "  - {action: deliver, label: \"Tra\", from: [result], to: returned, by: desk}\n";            /* 16 */

static const char s_good_proc[] =
    "code: thu-tuc\n"                                                                                /* 1 */
    "name: \"Thu tuc thu\"\n"                                                                        /* 2 */
    "version: 1\n"                                                                                   /* 3 */
    "effective: \"2025-01-01\"\n"                                                                    /* 4 */
    "workflow: onestop\n"                                                                            /* 5 */
    "processing: {days: 2}\n"                                                                        /* 6 */
    "fee: 0\n"                                                                                       /* 7 */
    "legal_basis: [\"Luat thu, Dieu 1\"]\n"                                                          /* 8 */
    "papers: [\"Don\"]\n"                                                                            /* 9 */
    "result: \"Giay xac nhan\"\n"                                                                    /* 10 */
    "fields:\n"                                                                                      /* 11 */
    "  - {name: ho_ten, label: \"Ho ten\", type: text, required: true, applicant: true}\n"           /* 12 */
    "  - {name: so_tien, label: \"So tien\", type: money, min: 0, max: 1000000}\n"                   /* 13 */
    "  - {name: loai, label: \"Loai\", type: choice, choices: [a, b]}\n"                             /* 14 */
    "  - {name: ma, label: \"Ma\", type: text, pattern: \"^[0-9]+$\"}\n"                             /* 15 */
    "steps:\n"                                                                                       /* 16 */
    "  - {code: tiep-nhan, name: \"Tiep nhan\", role: clerk, unit: receiving, budget: {hours: 2}}\n" /* 17 */
    "  - {code: xu-ly, name: \"Xu ly\", role: specialist, unit: receiving, budget: {hours: 6}}\n"    /* 18 */
    "  - {code: ky, name: \"Ky\", role: leader, unit: parent, budget: {days: 1}}\n";                 /* 19 */

/* text with its one occurrence of from replaced by to. Caller frees. */
static char *s_edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t head, len;
	char *out;

	if (!at || strstr(at + 1, from))
		fail_msg("edit \"%s\": not exactly once", from);
	head = (size_t)(at - text);
	len = strlen(text) - strlen(from) + strlen(to);
	out = malloc(len + 1);
	assert_non_null(out);
	memcpy(out, text, head);
	strcpy(out + head, to);
	strcat(out, at + strlen(from));
	return out;
}

/* Load dir; it must fail. The errors, which the caller frees. */
static char *s_load_fails(const char *dir, const char *what)
{
	char *errors = NULL;
	forms_t *f = forms_load(dir, &errors);

	if (f) {
		forms_free(&f);
		fail_msg("%s: loaded", what);
	}
	if (!errors)
		fail_msg("%s: no errors", what);
	if (getenv("TEST_FORMS_SHOW"))
		fprintf(stderr, "--- %s\n%s", what, errors);
	return errors;
}

/* Some line of errors starts with dir, contains where ("/file.yaml:7: ")
 * and then what. */
static bool s_has_error(const char *errors, const char *dir, const char *where, const char *what)
{
	for (const char *line = errors; line && *line;) {
		const char *end = strchr(line, '\n'), *w;
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char buf[2048];

		snprintf(buf, sizeof buf, "%.*s", (int)len, line);
		if (strncmp(buf, dir, strlen(dir)) == 0 && (w = strstr(buf, where)) != NULL && strstr(w, what))
			return true;
		line = end ? end + 1 : NULL;
	}
	return false;
}

struct err_case {
	const char *name;
	bool wf;               /* edit the workflow, else the procedure */
	const char *from, *to; /* the edit */
	const char *where;     /* "/procedures/p.yaml:13: " */
	const char *what;      /* … and then this, on the same line */
	unsigned count;        /* errors expected in all */
};

#define P "/procedures/p.yaml:"
#define W "/workflows/onestop.yaml:"
/* Vietnamese words of the expected messages. */
#define KHOA "kh\xC3\xB3\x61"             /* khóa */
#define TRUONG "tr\xC6\xB0\xE1\xBB\x9Dng" /* trường */
#define CAN "c\xE1\xBA\xA7n"              /* cần */
#define VAI_TRO "vai tr\xC3\xB2"          /* vai trò */

// clang-format off
static const struct err_case s_err_cases[] = {
    /* the procedure */
    {"unknown key", false, "fee: 0\n", "fee: 0\nfees: 5\n",
     P "8: ", KHOA " " KHONG_HOP_LE " \"fees\"", 1},
    {"bad type name", false, "type: money", "type: mony",
     P "13: ", "ki\xE1\xBB\x83u " TRUONG " " KHONG_HOP_LE " \"mony\"", 1},             /* kiểu trường */
    {"missing required key", false, "result: \"Giay xac nhan\"\n", "",
     P "1: ", "thi\xE1\xBA\xBFu " KHOA " b\xE1\xBA\xAFt bu\xE1\xBB\x99" "c \"result\"", 1}, /* thiếu khóa bắt buộc */
    {"duplicate field", false, "name: so_tien", "name: ho_ten",
     P "13: ", "\"ho_ten\" tr\xC3\xB9ng t\xC3\xAAn", 1},                                  /* trùng tên */
    {"two applicant fields", false, "pattern: \"^[0-9]+$\"}", "pattern: \"^[0-9]+$\", applicant: true}",
     P "15: ", "ch\xE1\xBB\x89 m\xE1\xBB\x99t " TRUONG, 1},                               /* chỉ một trường */
    {"no applicant field", false, ", applicant: true}", "}",
     P "11: ", "applicant: true", 1},
    {"choice without choices", false, ", choices: [a, b]}", "}",
     P "14: ", CAN " danh s\xC3\xA1" "ch choices", 1},                                    /* cần danh sách */
    {"choices on text", false, "type: text, pattern", "type: text, choices: [x], pattern",
     P "15: ", "choices", 1},
    {"bad pattern", false, "\"^[0-9]+$\"", "\"^[0-9+$\"",
     P "15: ", "\"^[0-9+$\" kh\xC3\xB4ng ph\xE1\xBA\xA3i bi\xE1\xBB\x83u th\xE1\xBB\xA9" "c", 1}, /* không phải biểu thức */
    {"pattern on a number", false, "type: money, min: 0", "type: money, pattern: \"x\", min: 0",
     P "13: ", "pattern", 1},
    /* desk: not_future is a date's */
    {"not_future on money", false, "type: money, min: 0", "type: money, not_future: true, min: 0",
     P "13: ", "not_future ch\xE1\xBB\x89 d\xC3\xB9ng cho ki\xE1\xBB\x83u date", 1},
    {"min above max", false, "min: 0, max: 1000000", "min: 5, max: 4",
     P "13: ", "min (5)", 1},
    {"steps over budget", false, "budget: {hours: 6}", "budget: {hours: 7}",
     P "16: ", "(17 gi\xE1\xBB\x9D l\xC3\xA0m vi\xE1\xBB\x87" "c) v\xC6\xB0\xE1\xBB\xA3t", 1}, /* (17 giờ làm việc) vượt */
    {"budget with days and hours", false, "budget: {days: 1}", "budget: {days: 1, hours: 2}",
     P "19: ", "budget " CAN, 1},
    {"processing of zero days", false, "processing: {days: 2}", "processing: {days: 0}",
     P "6: ", "processing " CAN, 1},
    /* same day (NĐ 23/2015 art. 7): processing only, its cut-off national */
    {"same day with a cut-off", false, "processing: {days: 2}\nfee: 0\n",
     "processing: {same_day: true}\ncutoff: \"16:00\"\nfee: 0\n",
     P "7: ", "cutoff: m\xE1\xBB\x91" "c 15 gi\xE1\xBB\x9D", 2},                       /* mốc 15 giờ; and steps over a day */
    {"same-day steps over one working day", false, "processing: {days: 2}", "processing: {same_day: true}",
     P "16: ", "(16 gi\xE1\xBB\x9D l\xC3\xA0m vi\xE1\xBB\x87" "c) v\xC6\xB0\xE1\xBB\xA3t", 1}, /* (16 giờ làm việc) vượt */
    {"same day on a step", false, "budget: {days: 1}", "budget: {same_day: true}",
     P "19: ", "same_day ch\xE1\xBB\x89 d\xC3\xB9ng cho processing", 1},           /* chỉ dùng cho */
    {"same day false", false, "processing: {days: 2}", "processing: {same_day: false}",
     P "6: ", "processing " CAN, 1},
    {"same day and days", false, "processing: {days: 2}", "processing: {days: 2, same_day: true}",
     P "6: ", "processing " CAN, 1},
    {"unknown workflow", false, "workflow: onestop", "workflow: motcua",
     P "5: ", "kh\xC3\xB4ng c\xC3\xB3 quy tr\xC3\xACnh \"motcua\"", 1},                     /* không có quy trình */
    {"bad role", false, "role: specialist", "role: chuyenvien",
     P "18: ", VAI_TRO " " KHONG_HOP_LE " \"chuyenvien\"", 1},
    {"bad unit", false, "unit: parent", "unit: \"cha me\"",
     P "19: ", "\"cha me\"", 1},
    {"reception not at the desk", false, "role: clerk", "role: leader",
     P "17: ", "role: clerk, unit: receiving", 1},
    {"one step only", false,
     "  - {code: xu-ly, name: \"Xu ly\", role: specialist, unit: receiving, budget: {hours: 6}}\n"
     "  - {code: ky, name: \"Ky\", role: leader, unit: parent, budget: {days: 1}}\n", "",
     P "16: ", "\"steps\" " CAN " \xC3\xADt nh\xE1\xBA\xA5t 2", 1},                       /* cần ít nhất 2 */
    {"duplicate step", false, "code: ky,", "code: xu-ly,",
     P "19: ", "\"xu-ly\"", 1},
    {"bad date", false, "\"2025-01-01\"", "\"2025-02-30\"",
     P "4: ", "ng\xC3\xA0y hi\xE1\xBB\x87u l\xE1\xBB\xB1" "c " KHONG_HOP_LE " \"2025-02-30\"", 1}, /* ngày hiệu lực */
    {"short date", false, "\"2025-01-01\"", "\"2025-1-1\"",
     P "4: ", "\"2025-1-1\"", 1},
    {"bad cut-off", false, "fee: 0\n", "cutoff: \"25:00\"\nfee: 0\n",
     P "7: ", "gi\xE1\xBB\x9D " KHONG_HOP_LE " \"25:00\"", 1},                            /* giờ */
    {"bad code", false, "code: thu-tuc", "code: Thu_Tuc",
     P "1: ", "\"Thu_Tuc\"", 1},
    {"field name", false, "name: so_tien", "name: soTien",
     P "13: ", "\"soTien\" " CHU_THUONG, 1},
    {"not an integer", false, "version: 1", "version: one",
     P "3: ", "\"version\" ph\xE1\xBA\xA3i l\xC3\xA0 m\xE1\xBB\x99t s\xE1\xBB\x91 nguy\xC3\xAAn", 1}, /* phải là một số nguyên */
    {"number too large", false, "version: 1", "version: 99999999999",
     P "3: ", "\"version\" v\xC6\xB0\xE1\xBB\xA3t gi\xE1\xBB\x9Bi h\xE1\xBA\xA1n", 1},    /* vượt giới hạn */
    {"not a boolean", false, "required: true", "required: yes",
     P "12: ", "\"required\" ph\xE1\xBA\xA3i l\xC3\xA0 true", 1},
    {"repeated key", false, "fee: 0\n", "fee: 0\nfee: 1\n",
     P "8: ", KHOA " \"fee\" " HAI_LAN, 1},
    {"list expected", false, "papers: [\"Don\"]", "papers: \"Don\"",
     P "9: ", "\"papers\"", 1},
    {"negative fee", false, "fee: 0", "fee: -5",
     P "7: ", "l\xE1\xBB\x87 ph\xC3\xAD", 1},                                              /* lệ phí */
    {"YAML syntax", false, "fields:\n", "fields: [\n",
     P "12: ", "YAML " KHONG_HOP_LE, 1},
    /* the workflow */
    {"transition to unknown state", true, "to: returned", "to: returnd",
     W "16: ", "to: " KHONG_CO_TRANG_THAI " \"returnd\"", 1},
    {"transition from unknown state", true, "from: [result]", "from: [reslt]",
     W "16: ", "\"reslt\"", 2}, /* and `result` has no way out */
    {"bad clock", true, "clock: pause", "clock: paused",
     W "9: ", "clock " KHONG_HOP_LE " \"paused\"", 1},
    {"unknown initial state", true, "initial: processing", "initial: nowhere",
     W "4: ", "initial: " KHONG_CO_TRANG_THAI " \"nowhere\"", 1},
    {"initial without steps", true, "initial: processing", "initial: supplement",
     W "4: ", "steps: true", 1},
    {"resume from a running state", true, "to: \"@next\"", "to: \"@resume\"",
     W "13: ", "@resume", 1},
    {"bad target", true, "to: \"@next\"", "to: \"@later\"",
     W "13: ", "\"@later\"", 1},
    {"bad form", true, "form: \"02\"", "form: \"2\"",
     W "14: ", "form \"2\" " KHONG_HOP_LE, 1},
    {"bad require", true, "require: [note]", "require: [reason]",
     W "14: ", "\"reason\"", 1},
    {"bad by", true, "to: returned, by: desk", "to: returned, by: anyone",
     W "16: ", "\"anyone\"", 1},
    {"roles without a list", true, "to: returned, by: desk", "to: returned, by: roles",
     W "16: ", "by: roles " CAN, 1},
    {"unknown role", true, "to: returned, by: desk", "to: returned, by: roles, roles: [boss]",
     W "16: ", VAI_TRO " " KHONG_HOP_LE " \"boss\"", 1},
    {"action from a final state", true, "to: returned, by: desk}\n",
     "to: returned, by: desk}\n  - {action: reopen, label: \"Mo lai\", from: [returned], to: processing, by: desk}\n",
     W "17: ", "\"returned\"", 1},
    {"same action twice from a state", true, "to: returned, by: desk}\n",
     "to: returned, by: desk}\n  - {action: submit, label: \"Lai\", from: [processing], to: result, by: desk}\n",
     W "17: ", "\"submit\"", 1},
    {"state without a way out", true, "clock: stop, final: true}", "clock: stop}",
     W "11: ", "\"returned\"", 1},
    {"final state with a running clock", true, "clock: stop, final: true", "clock: run, final: true",
     W "11: ", "\"returned\" kh\xC3\xB4ng th\xE1\xBB\x83", 1},                               /* không thể */
    {"duplicate state", true, "code: returned,", "code: result,",
     W "11: ", "\"result\"", 2}, /* and nothing is called `returned` */
    /* A workflow that cannot be read is reported once, not again by every
     * procedure that names it. */
    {"unknown key in a transition", true, "by: step}", "by: step, when: later}",
     W "13: ", KHOA " " KHONG_HOP_LE " \"when\"", 1},
    {"broken workflow file", true, "states:\n", "states: [\n",
     W "8: ", "YAML " KHONG_HOP_LE, 1},
};
// clang-format on

static void test_error_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEM(s_err_cases); i++) {
		const struct err_case *c = &s_err_cases[i];
		char dir[64], *proc, *wf, *errors;

		s_mkdir(dir);
		proc = c->wf ? strdup(s_good_proc) : s_edit(s_good_proc, c->from, c->to);
		wf = c->wf ? s_edit(s_good_wf, c->from, c->to) : strdup(s_good_wf);
		s_write(dir, "procedures/p.yaml", proc);
		s_write(dir, "workflows/onestop.yaml", wf);
		free(proc);
		free(wf);
		errors = s_load_fails(dir, c->name);
		s_rmdir(dir);
		if (!s_has_error(errors, dir, c->where, c->what))
			fail_msg("case %zu (%s): errors\n%swant a line with \"%s\" then \"%s\"", i, c->name, errors,
			         c->where, c->what);
		if (s_lines(errors) != c->count)
			fail_msg("case %zu (%s): %u errors, want %u:\n%s", i, c->name, s_lines(errors), c->count,
			         errors);
		free(errors);
	}
}

/* The good files load: the table's failures come from its edits. */
static void test_good_files(void **state)
{
	char dir[64], *errors = NULL;
	forms_t *f;

	(void)state;
	s_mkdir(dir);
	s_write(dir, "procedures/p.yaml", s_good_proc);
	s_write(dir, "workflows/onestop.yaml", s_good_wf);
	s_write(dir, "procedures/README.md", "not: [yaml\n"); /* not *.yaml: ignored */
	f = forms_load(dir, &errors);
	s_rmdir(dir);
	if (!f)
		fail_msg("good files: %s", errors);
	assert_null(errors);
	assert_non_null(forms_procedure(f, "thu-tuc", 1, 0));
	assert_int_equal(forms_procedure(f, "thu-tuc", 1, 0)->steps[2].unit, UNIT_PARENT);
	forms_free(&f);
}

/* Every problem is reported, not only the first: three in one procedure,
 * one in another file, one in a workflow. */
static void test_all_errors_reported(void **state)
{
	char dir[64], *p, *q, *errors;

	(void)state;
	s_mkdir(dir);
	p = s_edit(s_good_proc, "\"2025-01-01\"", "\"2025-13-01\"");
	q = s_edit(p, "type: money", "type: mony");
	free(p);
	p = s_edit(q, "role: specialist", "role: boss");
	free(q);
	s_write(dir, "procedures/p.yaml", p);
	free(p);
	p = s_edit(s_good_proc, "code: thu-tuc", "code: khac");
	q = s_edit(p, "version: 1", "version: x");
	free(p);
	s_write(dir, "procedures/q.yaml", q);
	free(q);
	s_write(dir, "workflows/onestop.yaml", s_good_wf);
	p = s_edit(s_good_wf, "code: onestop", "code: other");
	q = s_edit(p, "clock: pause", "clock: walk");
	free(p);
	s_write(dir, "workflows/other.yaml", q);
	free(q);
	errors = s_load_fails(dir, "all errors");
	s_rmdir(dir);
	assert_int_equal(s_lines(errors), 5);
	assert_true(s_has_error(errors, dir, P "4: ", "2025-13-01"));
	assert_true(s_has_error(errors, dir, P "13: ", "mony"));
	assert_true(s_has_error(errors, dir, P "18: ", "boss"));
	assert_true(s_has_error(errors, dir, "/procedures/q.yaml:3: ", "\"x\""));
	assert_true(s_has_error(errors, dir, "/workflows/other.yaml:9: ", "walk"));
	free(errors);
}

/* Two files with the same code and version; a later version that does not
 * take effect later; two workflows with one code. */
static void test_duplicates(void **state)
{
	char dir[64], *p, *errors;

	(void)state;
	s_mkdir(dir);
	s_write(dir, "procedures/a.yaml", s_good_proc);
	p = s_edit(s_good_proc, "name: \"Thu tuc thu\"", "# copy\nname: \"Thu tuc thu\"");
	s_write(dir, "procedures/b.yaml", p);
	free(p);
	p = s_edit(s_good_proc, "version: 1", "version: 2");
	s_write(dir, "procedures/c.yaml", p); /* same date as version 1 */
	free(p);
	s_write(dir, "workflows/onestop.yaml", s_good_wf);
	s_write(dir, "workflows/copy.yaml", s_good_wf);
	errors = s_load_fails(dir, "duplicates");
	s_rmdir(dir);
	assert_int_equal(s_lines(errors), 3);
	/* b.yaml sorts after a.yaml: b is the duplicate, on its version line. */
	assert_true(s_has_error(errors, dir, "/procedures/b.yaml:4: ", "/procedures/a.yaml"));
	assert_true(s_has_error(errors, dir, "/procedures/c.yaml:4: ",
	                        "ph\xE1\xBA\xA3i c\xC3\xB3 hi\xE1\xBB\x87u l\xE1\xBB\xB1"
	                        "c sau"));
	assert_true(s_has_error(errors, dir, "/workflows/onestop.yaml:1: ", "/workflows/copy.yaml"));
	free(errors);
}

static void test_missing_dirs(void **state)
{
	char *errors = NULL;
	char dir[64];

	(void)state;
	assert_null(forms_load("/nonexistent/forms", &errors));
	assert_non_null(errors);
	assert_non_null(strstr(errors, "/nonexistent/forms/workflows: "));
	assert_non_null(strstr(errors, "/nonexistent/forms/procedures: "));
	free(errors);
	assert_null(forms_load("/nonexistent/forms", NULL)); /* no list asked for */
	/* An empty file. */
	s_mkdir(dir);
	s_write(dir, "workflows/onestop.yaml", s_good_wf);
	s_write(dir, "procedures/p.yaml", "# nothing yet\n");
	errors = s_load_fails(dir, "empty file");
	s_rmdir(dir);
	assert_true(s_has_error(errors, dir, "/procedures/p.yaml: ", "t\xE1\xBB\x87p r\xE1\xBB\x97ng"));
	free(errors);
	forms_free(NULL);
}

/* ---- versions ------------------------------------------------------------ */

/* Procedure a: version 1 from 2025-01-01 (2 days), version 2 from
 * 2026-07-01 (1 day). Procedure b from 2026-01-01. */
static forms_t *s_versions(void)
{
	char dir[64], *p, *q, *errors = NULL;
	forms_t *f;

	s_mkdir(dir);
	s_write(dir, "workflows/onestop.yaml", s_good_wf);
	p = s_edit(s_good_proc, "code: thu-tuc", "code: a");
	s_write(dir, "procedures/a1.yaml", p);
	q = s_edit(p, "version: 1", "version: 2");
	free(p);
	p = s_edit(q, "\"2025-01-01\"", "\"2026-07-01\"");
	free(q);
	q = s_edit(p, "processing: {days: 2}", "processing: {days: 1}");
	free(p);
	p = s_edit(q, "budget: {days: 1}", "budget: {hours: 1}"); /* 2 + 5 + 1 = 8 h */
	free(q);
	q = s_edit(p, "budget: {hours: 6}", "budget: {hours: 5}");
	free(p);
	s_write(dir, "procedures/a2.yaml", q);
	free(q);
	p = s_edit(s_good_proc, "code: thu-tuc", "code: b");
	q = s_edit(p, "\"2025-01-01\"", "\"2026-01-01\"");
	free(p);
	s_write(dir, "procedures/b.yaml", q);
	free(q);
	f = forms_load(dir, &errors);
	s_rmdir(dir);
	if (!f)
		fail_msg("versions: %s", errors);
	return f;
}

struct version_case {
	const char *at; /* local time */
	int version;    /* asked for, 0 = in force */
	int want;       /* 0 = none */
};

static const struct version_case s_version_cases[] = {
    {"2024-12-31 23:59", 0, 0}, {"2025-01-01 00:00", 0, 1},
    {"2026-06-30 23:59", 0, 1}, {"2026-07-01 00:00", 0, 2}, /* 2026-06-30 17:00 UTC: the Vietnamese date counts */
    {"2030-01-01 08:00", 0, 2}, {"2030-01-01 08:00", 1, 1}, /* a dossier received under version 1 keeps it */
    {"2020-01-01 08:00", 2, 2},                             /* an exact version ignores the date */
    {"2026-07-01 08:00", 3, 0},
};

static void test_versions(void **state)
{
	forms_t *f = s_versions();
	const procedure_t *ps[8];

	(void)state;
	for (size_t i = 0; i < N_ELEM(s_version_cases); i++) {
		const struct version_case *c = &s_version_cases[i];
		const procedure_t *p = forms_procedure(f, "a", c->version, s_at(c->at));
		if ((p ? p->version : 0) != c->want)
			fail_msg("case %zu: a at %s (version %d): got %d, want %d", i, c->at, c->version,
			         p ? p->version : 0, c->want);
	}
	assert_int_equal(forms_procedure(f, "a", 0, s_at("2026-07-01 00:00"))->processing, 1);
	assert_int_equal(forms_procedure(f, "a", 0, s_at("2026-06-30 23:59"))->processing, 2);
	/* The list holds the versions in force, one per code, in code order. */
	assert_int_equal(forms_procedures(f, s_at("2024-06-01 08:00"), ps, N_ELEM(ps)), 0);
	assert_int_equal(forms_procedures(f, s_at("2025-06-01 08:00"), ps, N_ELEM(ps)), 1);
	assert_int_equal(ps[0]->version, 1);
	assert_int_equal(forms_procedures(f, s_at("2026-08-01 08:00"), ps, N_ELEM(ps)), 2);
	assert_string_equal(ps[0]->code, "a");
	assert_int_equal(ps[0]->version, 2);
	assert_string_equal(ps[1]->code, "b");
	assert_int_equal(forms_procedures(f, s_at("2026-08-01 08:00"), ps, 1), 1); /* room for one */
	assert_int_equal(forms_procedures(NULL, 0, ps, N_ELEM(ps)), 0);
	assert_null(forms_procedure(NULL, "a", 0, 0));
	forms_free(&f);
}

/* Which papers of a checklist are conditions (ticked only when they
 * apply): "nếu" in parentheses or after a comma; "; nếu không có: …" names
 * an alternative, so that paper is required. */
static void test_paper_conditional(void **state)
{
	static const struct {
		const char *paper;
		bool conditional;
	} cases[] = {
	    {"Văn bản ủy quyền (nếu nộp thay)", true},
	    {"Giấy chứng nhận kết hôn của cha, mẹ (xuất trình, nếu cha, mẹ đã đăng ký kết hôn)", true},
	    {"Giấy xác nhận tình trạng hôn nhân, nếu bên nam hoặc bên nữ không thường trú tại xã", true},
	    {"Giấy chứng sinh; nếu không có: văn bản của người làm chứng xác nhận về việc sinh", false},
	    {"Tờ khai đăng ký kết hôn (theo mẫu)", false},
	    {"Giấy tờ tùy thân (xuất trình) nếu", false},
	    {"Bản vẽ thiết kế (02 bộ)", false},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (dossier_paper_conditional(cases[i].paper) != cases[i].conditional)
			fail_msg("paper %zu: %s", i, cases[i].paper);
}

int main(void)
{
	/* The module must not care about the machine's time zone. */
	setenv("TZ", "America/St_Johns", 1);
	tzset();

	const struct CMUnitTest shipped[] = {
	    cmocka_unit_test(test_shipped_procedures),
	    cmocka_unit_test(test_shipped_details),
	    cmocka_unit_test(test_shipped_workflow),
	    cmocka_unit_test(test_shipped_same_day),
	};
	const struct CMUnitTest written[] = {
	    cmocka_unit_test(test_good_files),          cmocka_unit_test(test_error_table),
	    cmocka_unit_test(test_all_errors_reported), cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_missing_dirs),        cmocka_unit_test(test_versions),
	    cmocka_unit_test(test_paper_conditional),
	};
	int failed = cmocka_run_group_tests_name("shipped forms", shipped, s_setup, s_teardown);
	return failed + cmocka_run_group_tests_name("written forms", written, NULL, NULL);
}
