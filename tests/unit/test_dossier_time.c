/* test_dossier_time.c — unit tests for server/dossier_time.c and the
 * apology's rule (dossier_wf.c's reschedule effect) against the shipped
 * forms (FORMS_DIR: the calendar 07:00–11:00, 13:00–17:00, the procedures'
 * version 2 from 1 December 2026 and their lawful extensions). Every
 * expected instant was counted by hand (the comment says how). */
/* cmocka.h needs these first, in this order. */
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "dossier.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* "YYYY-MM-DD HH:MM:SS" in Vietnam (UTC+7) as Unix seconds. */
static int64_t s_at(const char *s)
{
	struct tm tm = {0};

	if (sscanf(s, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) != 6)
		fail_msg("bad test time \"%s\"", s);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) - 7 * 3600;
}

static void s_expect(const char *what, int64_t got, const char *want)
{
	char buf[32];

	if (got != s_at(want))
		fail_msg("%s: got %s, want %s", what, wf_time(got, buf, sizeof buf), want);
}

static int s_setup(void **state)
{
	char *err = NULL;

	(void)state;
	if (catalog_load(FORMS_DIR, NULL, &err) != 0) {
		fprintf(stderr, "forms: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int s_teardown(void **state)
{
	(void)state;
	catalog_free();
	return 0;
}

static const procedure_t *s_proc(const char *code, int version)
{
	const procedure_t *p = forms_procedure(catalog_forms(), code, version, 0);
	assert_non_null(p);
	return p;
}

/* The appointment at reception, with or without the extension picked. */
struct appt_case {
	const char *proc, *received, *ext, *want;
};

static const struct appt_case s_appt_cases[] = {
    {"chung-thuc-ban-sao", "2026-12-02 14:59:59", NULL, "2026-12-02 17:00:00"},
    {"chung-thuc-ban-sao", "2026-12-02 15:00:00", NULL, "2026-12-02 17:00:00"},          /* 15:00:00 is in time */
    {"chung-thuc-ban-sao", "2026-12-02 15:00:01", NULL, "2026-12-03 17:00:00"},          /* after it: Thursday */
    {"chung-thuc-ban-sao", "2026-12-02 14:59:59", "nhieu-trang", "2026-12-04 17:00:00"}, /* + Thu, Fri */
    {"chung-thuc-ban-sao", "2026-12-02 15:00:01", "nhieu-trang", "2026-12-07 17:00:00"}, /* Thu's close + Fri, Mon */
    {"chung-thuc-ban-sao", "2026-12-04 16:00:00", "nhieu-trang", "2026-12-09 17:00:00"}, /* Friday 16:00: Mon + Tue, Wed */
    {"chung-thuc-ban-sao", "2026-12-31 10:00:00", "nhieu-trang", "2027-01-05 17:00:00"}, /* over New Year: 31/12 + 4/1, 5/1 */
    {"ket-hon", "2026-12-02 10:00:00", "xac-minh", "2026-12-09 10:00:00"},               /* 5 working days from 10:00 */
    {"ket-hon", "2026-12-04 16:00:00", "xac-minh", "2026-12-11 17:00:00"},               /* from Mon 07:00: 40 h */
    {"ket-hon", "2026-12-02 10:00:00", NULL, "2026-12-02 17:00:00"},                     /* no verification: today */
    {"ket-hon", "2026-12-02 10:00:00", "xac-minh-khong-co", "2026-12-02 17:00:00"},      /* unknown: none applies */
};

static void test_appointment_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEM(s_appt_cases); i++) {
		const struct appt_case *c = &s_appt_cases[i];
		const procedure_t *p = s_proc(c->proc, 2);
		char what[128];
		time_t start;

		snprintf(what, sizeof what, "case %zu: %s %s from %s", i, c->proc, c->ext ? c->ext : "-", c->received);
		s_expect(what, dossier_appointment(p, forms_extension(p, c->ext), s_at(c->received), &start), c->want);
	}
	/* the TUI sends the extension's name: the same extension */
	{
		const procedure_t *p = s_proc("chung-thuc-ban-sao", 2);
		assert_ptr_equal(forms_extension(p, p->extensions[0].name), forms_extension(p, "nhieu-trang"));
	}
}

/* A dossier as reception leaves it (dossier.c): the appointment, its clock. */
static dossier_t s_received(const char *proc, const char *at, const char *ext)
{
	const procedure_t *p = s_proc(proc, 2);
	dossier_t d = {0};
	time_t start;

	snprintf(d.procedure, sizeof d.procedure, "%s", proc);
	snprintf(d.extension, sizeof d.extension, "%s", ext ? ext : "");
	d.proc_version = 2;
	d.received = s_at(at);
	d.due = dossier_appointment(p, forms_extension(p, d.extension), d.received, &start);
	d.clock_start = start;
	d.total = wt_between(catalog_calendar(), start, d.due);
	return d;
}

/* A later step of a same-day dossier is due no later than its appointment;
 * a dossier counted in days keeps its budget. */
static void test_step_cap(void **state)
{
	dossier_t d = s_received("khai-sinh", "2026-12-02 14:00:00", NULL);
	const procedure_t *p = dossier_procedure(&d);

	(void)state;
	/* the signing step (3 h) entered at 14:30 would end at 07:30 tomorrow */
	s_expect("same day, 14:30", dossier_step_due(&d, p, &p->steps[2], s_at("2026-12-02 14:30:00")),
		 "2026-12-02 17:00:00");
	/* at 10:00 it fits: 10–11, 13–15 */
	s_expect("same day, 10:00", dossier_step_due(&d, p, &p->steps[2], s_at("2026-12-02 10:00:00")),
		 "2026-12-02 15:00:00");
	/* kết hôn with verification counts its 5 days: the step keeps its 3 h */
	d = s_received("ket-hon", "2026-12-02 14:00:00", "xac-minh");
	p = dossier_procedure(&d);
	s_expect("verified kết hôn", dossier_step_due(&d, p, &p->steps[2], s_at("2026-12-02 14:30:00")),
		 "2026-12-03 07:30:00");
}

/* A supplement brought back: the same-day rule again, the extension kept. */
struct resume_case {
	const char *proc, *ext, *resumed, *want;
};

static const struct resume_case s_resume_cases[] = {
    {"khai-sinh", NULL, "2026-12-08 14:00:00", "2026-12-08 17:00:00"},
    {"khai-sinh", NULL, "2026-12-08 15:00:00", "2026-12-08 17:00:00"},
    {"khai-sinh", NULL, "2026-12-08 15:00:01", "2026-12-09 17:00:00"},
    {"khai-sinh", NULL, "2026-12-11 16:00:00", "2026-12-14 17:00:00"},                    /* Friday 16:00 */
    {"chung-thuc-ban-sao", "nhieu-trang", "2026-12-08 10:00:00", "2026-12-10 17:00:00"}, /* + 2 days again */
};

static void test_resume_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEM(s_resume_cases); i++) {
		const struct resume_case *c = &s_resume_cases[i];
		dossier_t d = s_received(c->proc, "2026-12-07 09:00:00", c->ext);
		char what[128];

		d.used = 3600; /* an hour used before the pause (wf_apply has resumed the clock) */
		snprintf(what, sizeof what, "case %zu: %s resumed %s", i, c->proc, c->resumed);
		dossier_resume(&d, dossier_procedure(&d), s_at(c->resumed));
		s_expect(what, d.due, c->want);
		assert_int_equal(d.total, d.used + wt_between(catalog_calendar(), d.clock_start, d.due));
	}
	/* verified kết hôn is counted in days: the pause's arithmetic, untouched */
	{
		dossier_t d = s_received("ket-hon", "2026-12-07 09:00:00", "xac-minh");
		int64_t due = d.due;
		dossier_resume(&d, dossier_procedure(&d), s_at("2026-12-08 14:00:00"));
		assert_int_equal(d.due, due);
	}
}

/* The apology (form 04): once unless the procedure allows more; an open
 * dossier stays overdue against its original appointment. */
static proto_err_t s_apologize(dossier_t *d, const char *new_due)
{
	srv_ctx_t c = {0};
	json_t *req = json_pack("{s:s}", "new_due", new_due);
	proto_err_t e = E_INTERNAL;

	for (const wf_effect_t *f = dossier_kind.effects; f->name; f++)
		if (!strcmp(f->name, "reschedule"))
			e = f->fn(&c, d, req);
	json_decref(req);
	return e;
}

struct overdue_case {
	const char *now;
	bool overdue;
};

static const struct overdue_case s_overdue_cases[] = {
    {"2026-12-02 16:59:59", false}, {"2026-12-02 17:00:00", false}, /* due at the close: in time */
    {"2026-12-02 17:00:01", true},  {"2026-12-03 08:00:00", true},  /* the new date changes nothing */
    {"2026-12-04 16:00:00", true},                                  /* past the new date too */
};

static void test_apology(void **state)
{
	dossier_t d = s_received("khai-sinh", "2026-12-02 10:00:00", NULL);

	(void)state;
	assert_int_equal(s_apologize(&d, "2026-12-03"), E_OK);
	assert_int_equal(d.apologies, 1);
	s_expect("the new date", d.new_due, "2026-12-03 17:00:00");
	s_expect("the first date kept", d.due, "2026-12-02 17:00:00");
	for (size_t i = 0; i < N_ELEM(s_overdue_cases); i++)
		if (dossier_overdue(&d, s_at(s_overdue_cases[i].now)) != s_overdue_cases[i].overdue)
			fail_msg("case %zu at %s: overdue should be %d", i, s_overdue_cases[i].now,
				 s_overdue_cases[i].overdue);
	/* a second apology: the procedure allows one */
	assert_int_equal(s_apologize(&d, "2026-12-07"), E_CONFLICT);
	s_expect("the new date unchanged", d.new_due, "2026-12-03 17:00:00");
	assert_int_equal(d.apologies, 1);
	/* paused (waiting for a supplement) or finished: not overdue */
	d.paused_at = s_at("2026-12-03 08:00:00");
	assert_false(dossier_overdue(&d, s_at("2026-12-04 08:00:00")));
	d.paused_at = 0;
	d.finished = s_at("2026-12-03 09:00:00");
	assert_false(dossier_overdue(&d, s_at("2026-12-04 08:00:00")));
}

int main(void)
{
	/* The module must not care about the machine's time zone. */
	setenv("TZ", "America/St_Johns", 1);
	tzset();

	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_appointment_table),
	    cmocka_unit_test(test_step_cap),
	    cmocka_unit_test(test_resume_table),
	    cmocka_unit_test(test_apology),
	};
	return cmocka_run_group_tests_name("dossier_time", tests, s_setup, s_teardown);
}
