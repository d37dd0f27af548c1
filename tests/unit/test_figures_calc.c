/* test_figures_calc.c — the arithmetic of socio-economic figures against
 * fixtures computed by hand: roll-ups up a small org tree by each rule
 * (sum, average, weighted by area, last, not additive), a unit's own
 * figure standing over its children's, year to date, percent of plan and
 * change; the periods of NĐ 09/2019 (the 14th/15th boundary in Vietnam's
 * time, keys, dates, the period before, due dates on the shipped calendar
 * across Tết); the shipped indicators, and a bad indicator file's errors,
 * each on its line (server/figures_*.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "figures_calc.h"
#include "figures_period.h"
#include "worktime.h"

#define ICT (7 * 3600)
#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* province 0 -> district A 1 -> communes a1 2, a2 3; district B 4 -> b1 5 */
static void s_tree(fig_node_t n[6])
{
	static const int parent[6] = {-1, 0, 1, 1, 0, 4};
	memset(n, 0, 6 * sizeof *n);
	for (int i = 0; i < 6; i++)
		n[i].parent = parent[i];
}

static void s_own(fig_node_t *n, double v)
{
	n->own = true;
	n->v = v;
}

/* The tree with communes a1 10, a2 20 and b1 5. */
static void s_communes(fig_node_t n[6])
{
	s_tree(n);
	s_own(&n[2], 10);
	s_own(&n[3], 20);
	s_own(&n[5], 5);
}

static void test_sum(void **state)
{
	fig_node_t n[6];
	(void)state;
	s_communes(n);
	fig_tree(FIG_SUM, n, 6);
	NEAR(n[1].v, 30);
	NEAR(n[4].v, 5);
	NEAR(n[0].v, 35);
	assert_true(n[0].has && !n[0].own);
	/* a district that reports itself: its figure stands over its communes' */
	s_own(&n[4], 7);
	fig_tree(FIG_SUM, n, 6);
	NEAR(n[4].v, 7);
	NEAR(n[0].v, 37);
	/* last (a stock) adds across units the same way */
	fig_tree(FIG_LAST, n, 6);
	NEAR(n[0].v, 37);
}

static void test_average(void **state)
{
	fig_node_t n[6];
	(void)state;
	s_communes(n);
	fig_tree(FIG_AVG, n, 6);
	NEAR(n[1].v, 15);
	NEAR(n[0].v, 10); /* (15 + 5) / 2 */
}

static void test_weighted(void **state)
{
	fig_node_t n[6];
	(void)state;
	s_tree(n);
	s_own(&n[2], 2); /* yield 2 t/ha on 100 ha */
	n[2].own_w = true;
	n[2].w = 100;
	s_own(&n[3], 4); /* 4 t/ha on 300 ha */
	n[3].own_w = true;
	n[3].w = 300;
	s_own(&n[5], 3); /* no area given: weighs nothing */
	fig_tree(FIG_WEIGHTED, n, 6);
	NEAR(n[1].v, 3.5); /* (2*100 + 4*300) / 400 */
	NEAR(n[1].w, 400);
	assert_true(n[5].has);
	assert_false(n[4].has); /* nothing to weigh */
	NEAR(n[0].v, 3.5);
}

static void test_not_additive(void **state)
{
	fig_node_t n[6];
	(void)state;
	s_tree(n);
	s_own(&n[2], 103.2);
	s_own(&n[0], 104.1);
	fig_tree(FIG_NONE, n, 6);
	assert_true(n[2].has);
	assert_false(n[1].has); /* refused: an index is never added up */
	assert_true(n[0].has);  /* the province's own figure */
	NEAR(n[0].v, 104.1);
}

static void test_ytd(void **state)
{
	double v[] = {10, 20, 30}, w[] = {1, 3, 0}, out;
	(void)state;
	assert_int_equal(fig_ytd(FIG_SUM, v, NULL, 3, &out), 0);
	NEAR(out, 60);
	assert_int_equal(fig_ytd(FIG_AVG, v, NULL, 3, &out), 0);
	NEAR(out, 20);
	assert_int_equal(fig_ytd(FIG_LAST, v, NULL, 3, &out), 0);
	NEAR(out, 30);
	assert_int_equal(fig_ytd(FIG_NONE, v, NULL, 3, &out), 0);
	NEAR(out, 30);
	assert_int_equal(fig_ytd(FIG_WEIGHTED, v, w, 3, &out), 0);
	NEAR(out, 17.5); /* (10*1 + 20*3 + 30*0) / 4 */
	assert_int_equal(fig_ytd(FIG_SUM, v, NULL, 0, &out), -1);
	assert_int_equal(fig_ytd(FIG_WEIGHTED, v, (double[]){0, 0, 0}, 3, &out), -1);
}

static void test_plan_and_change(void **state)
{
	double out;
	(void)state;
	assert_true(fig_percent(250, 1000, &out));
	NEAR(out, 25);
	assert_false(fig_percent(250, 0, &out));
	assert_true(fig_change(131, 100, &out));
	NEAR(out, 31);
	assert_true(fig_change(80, 100, &out));
	NEAR(out, -20);
	assert_true(fig_change(-25, -50, &out)); /* a smaller loss is a rise */
	NEAR(out, 50);
	assert_false(fig_change(5, 0, &out));
	NEAR(fig_round(10.0763, 1), 10.1);
	NEAR(fig_round(0.375, 2), 0.38);
}

/* unix time of a Vietnamese local time */
static int64_t s_local(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
	return (int64_t)timegm(&tm) - ICT;
}

static void test_periods(void **state)
{
	char key[FIG_PERIOD_MAX], first[11], last[11];
	fig_period_t p, q;
	(void)state;
	assert_string_equal(fig_period_month_of(s_local(2026, 11, 14, 23, 59), ICT, 14, key), "2026-11");
	assert_string_equal(fig_period_month_of(s_local(2026, 11, 15, 0, 0), ICT, 14, key), "2026-12");
	assert_string_equal(fig_period_month_of(s_local(2026, 12, 15, 8, 0), ICT, 14, key), "2027-01");
	assert_string_equal(fig_period_month_of(s_local(2026, 11, 15, 0, 0), ICT, 15, key), "2026-11");
	assert_int_equal(fig_period_parse("2026-01", &p), 0);
	fig_period_dates(&p, 14, first, last);
	assert_string_equal(first, "2025-12-15");
	assert_string_equal(last, "2026-01-14");
	fig_period_prev(&p, &q);
	assert_string_equal(fig_period_key(&q, key), "2025-12");
	fig_period_last_year(&p, &q);
	assert_string_equal(fig_period_key(&q, key), "2025-01");
	assert_int_equal(fig_period_parse("2026-Q1", &p), 0);
	assert_int_equal(p.every, FIG_QUARTER);
	fig_period_dates(&p, 14, first, last);
	assert_string_equal(first, "2025-12-15");
	assert_string_equal(last, "2026-03-14");
	fig_period_prev(&p, &q);
	assert_string_equal(fig_period_key(&q, key), "2025-Q4");
	NEAR(fig_period_year_share(&p), 0.25);
	assert_int_equal(fig_period_parse("2026-H1", &p), 0);
	assert_int_equal(p.last_month, 6);
	assert_int_equal(fig_period_parse("2026-9M", &p), 0);
	assert_int_equal(p.last_month, 9);
	assert_int_equal(fig_period_parse("2026", &p), 0);
	assert_int_equal(p.every, FIG_YEAR);
	assert_true(fig_period_for(&p, FIG_YEAR) && !fig_period_for(&p, FIG_MONTH));
	assert_int_equal(fig_period_parse("2026-13", &p), -1);
	assert_int_equal(fig_period_parse("2026-00", &p), -1);
	assert_int_equal(fig_period_parse("2026-Q5", &p), -1);
	assert_int_equal(fig_period_parse("2026-1", &p), -1);
	assert_int_equal(fig_period_parse("26-11", &p), -1);
	assert_int_equal(fig_period_parse("2026-11x", &p), -1);
}

static void test_due(void **state)
{
	char err[512];
	wt_calendar_t *cal = wt_load(FORMS_DIR "/calendar", err, sizeof err);
	fig_reporting_t rep = {14, 3, 1, ""};
	fig_period_t p;
	(void)state;
	assert_non_null(cal);
	/* 14/11/2026 is a Saturday: Mon 16, Tue 17, Wed 18 */
	fig_period_parse("2026-11", &p);
	assert_int_equal(fig_period_due(cal, &p, &rep), s_local(2026, 11, 18, 17, 0));
	/* 14/02/2026 a Saturday, then Tết 16-20/02: Mon 23, Tue 24, Wed 25 */
	fig_period_parse("2026-02", &p);
	assert_int_equal(fig_period_due(cal, &p, &rep), s_local(2026, 2, 25, 17, 0));
	/* due the cut-off day itself: a Saturday's falls on Monday's close */
	rep.due_working_days = 0;
	fig_period_parse("2026-11", &p);
	assert_int_equal(fig_period_due(cal, &p, &rep), s_local(2026, 11, 16, 17, 0));
	wt_free(&cal);
}

static void test_shipped_indicators(void **state)
{
	yf_errs_t errs = {0};
	figind_t *s = figind_load(FORMS_DIR, &errs);
	const fig_indicator_t *all[256], *i;
	unsigned n;
	(void)state;
	assert_non_null(s);
	assert_int_equal(errs.n, 0);
	n = figind_list(s, "2026-11-14", NULL, all, 256);
	assert_true(n >= 30);
	i = figind_get(s, "tom-nang-suat", "2026-11-14");
	assert_non_null(i);
	assert_int_equal(i->rollup, FIG_WEIGHTED);
	assert_string_equal(i->weight, "tom-dien-tich");
	assert_true(figind_reports(i, "xã") && !figind_reports(i, "tỉnh"));
	/* a new poverty standard from 2026: version 2 then, version 1 before */
	assert_int_equal(figind_get(s, "ho-ngheo", "2026-01-01")->version, 2);
	assert_int_equal(figind_get(s, "ho-ngheo", "2025-12-31")->version, 1);
	assert_null(figind_get(s, "ho-ngheo", "2021-12-31"));
	assert_int_equal(figind_reporting(s)->cutoff_day, 14);
	figind_free(&s);
	free(errs.buf);
}

/* A sector file with one problem per indicator, each reported on its line. */
static void test_errors_by_line(void **state)
{
	char dir[] = "/tmp/congvu-ind-XXXXXX", path[256];
	yf_errs_t errs = {0};
	figind_t *s;
	FILE *f;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/indicators", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/indicators/a.yaml", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("sector: thu-nghiem\n"                                                       /* 1 */
	      "name: \"Thử nghiệm\"\n"                                                    /* 2 */
	      "indicators:\n"                                                              /* 3 */
	      "  - {code: a, name: A, unit: t, levels: [xã], period: weekly, rollup: sum, version: 1, "
	      "effective: \"2025-01-01\", source: s}\n"                                     /* 4 */
	      "  - {code: b, name: B, unit: t, levels: [ấp], period: month, rollup: sum, version: 1, "
	      "effective: \"2025-01-01\", source: s}\n"                                     /* 5 */
	      "  - {code: c, name: C, unit: t, levels: [xã], period: month, rollup: weighted, weight: zz, "
	      "version: 1, effective: \"2025-01-01\", source: s}\n"                         /* 6 */
	      "  - {code: a, name: A2, unit: t, levels: [xã], period: month, rollup: sum, version: 1, "
	      "effective: \"2025-02-30\", source: s}\n",                                    /* 7 */
	      f);
	fclose(f);
	s = figind_load(dir, &errs);
	assert_non_null(s);
	assert_non_null(errs.buf);
	assert_non_null(strstr(errs.buf, "a.yaml:4: kỳ báo cáo \"weekly\" không hợp lệ"));
	assert_non_null(strstr(errs.buf, "a.yaml:5: cấp đơn vị \"ấp\" không hợp lệ"));
	assert_non_null(strstr(errs.buf, "a.yaml:6: không có chỉ tiêu cộng được \"zz\" làm trọng số"));
	assert_non_null(strstr(errs.buf, "a.yaml:7: ngày hiệu lực \"2025-02-30\" không hợp lệ"));
	assert_non_null(strstr(errs.buf, "a.yaml:7: chỉ tiêu \"a\" phiên bản 1 đã có"));
	figind_free(&s);
	free(errs.buf);
	unlink(path);
	snprintf(path, sizeof path, "%s/indicators", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sum),     cmocka_unit_test(test_average),         cmocka_unit_test(test_weighted),
	    cmocka_unit_test(test_not_additive), cmocka_unit_test(test_ytd),    cmocka_unit_test(test_plan_and_change),
	    cmocka_unit_test(test_periods), cmocka_unit_test(test_due),             cmocka_unit_test(test_shipped_indicators),
	    cmocka_unit_test(test_errors_by_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
