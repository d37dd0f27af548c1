/* figures_demo.c — demo socio-economic figures for `congvud admin DIR
 * demo`: forms/demo/figures.json turned into the requests that enter them
 * (a CSV for figures.import, figures.plan, figures.submit and
 * figures.accept), which the console then runs through the same handlers
 * as the wire. Values grow month by month with a seasonal swing, rounded
 * as each indicator says. */
#include "figures_demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "figures.h"
#include "srv.h"

#define PI 3.14159265358979323846

/* The CSV of every series over the `months` periods up to `last`. */
static char *s_csv(const json_t *demo, const fig_period_t *last, int months)
{
	json_t *late = json_object_get(demo, "late"), *s, *base;
	size_t cap = 1 << 16, len = 0, i, k;
	char *buf = malloc(cap), key[FIG_PERIOD_MAX], date[11];
	const char *unit;

	if (!buf)
		return NULL;
	len += (size_t)snprintf(buf, cap, "unit,period,indicator,value,kind\n");
	json_array_foreach(json_object_get(demo, "series"), i, s)
	{
		const char *code = json_string_value(json_object_get(s, "indicator"));
		double step = json_number_value(json_object_get(s, "step"));
		json_object_foreach(json_object_get(s, "units"), unit, base)
		{
			fig_period_t p = *last;
			for (int m = 0; m < months - 1; m++)
				fig_period_prev(&p, &p);
			for (int m = 0; m < months; m++) {
				const fig_indicator_t *ind;
				bool skip = false;
				figures_period_last(&p, date);
				for (k = 0; m == months - 1 && k < json_array_size(late); k++)
					skip |= strcmp(json_string_value(json_array_get(late, k)), unit) == 0;
				if (!skip && (ind = figind_get(figures_set(), code, date))) {
					double v = json_number_value(base) * pow(1 + step, m) *
					           (1 + (ind->rollup == FIG_NONE ? 0.003 : 0.06) * sin(2 * PI * p.last_month / 12.0));
					char line[256];
					int n = snprintf(line, sizeof line, "%s,%s,%s,%.*f,%s\n", unit, fig_period_key(&p, key), code,
					                 ind->decimals, fig_round(v, ind->decimals), m == months - 1 ? "estimate" : "final");
					if (len + (size_t)n + 1 > cap) {
						char *nb = realloc(buf, cap *= 2);
						if (!nb) {
							free(buf);
							return NULL;
						}
						buf = nb;
					}
					memcpy(buf + len, line, (size_t)n + 1);
					len += (size_t)n;
				}
				fig_period_t q = p;
				if (++q.first_month > 12) {
					q.first_month = 1;
					q.year++;
				}
				q.last_month = q.first_month;
				p = q;
			}
		}
	}
	return buf;
}

json_t *figures_demo(const char *file, int64_t now)
{
	json_error_t je;
	json_t *demo = json_load_file(file, 0, &je), *out, *x, *u;
	fig_period_t last;
	char key[FIG_PERIOD_MAX], *csv;
	int months;
	size_t i, k;

	if (!demo) {
		fprintf(stderr, "congvud: %s:%d: %s\n", file, je.line, je.text);
		return NULL;
	}
	/* the last period closed: the one before the period of today */
	fig_period_month_of(now, wt_utc_offset(catalog_calendar()), figind_reporting(figures_set())->cutoff_day, key);
	fig_period_parse(key, &last);
	fig_period_prev(&last, &last);
	fig_period_key(&last, key);
	months = (int)json_integer_value(json_object_get(demo, "months"));
	if (months < 1 || months > 60 || !(csv = s_csv(demo, &last, months))) {
		json_decref(demo);
		return NULL;
	}
	out = json_array();
	json_array_append_new(out, json_pack("[i, {s:s}]", MSG_figures_import, "data", csv));
	free(csv);
	json_array_foreach(json_object_get(demo, "plans"), i, x)
	{
		char target[64];
		snprintf(target, sizeof target, "%.0f", json_number_value(json_object_get(x, "target")));
		json_array_foreach(json_object_get(x, "units"), k, u)
		{
			json_array_append_new(out, json_pack("[i, {s:O, s:O, s:i, s:s}]", MSG_figures_plan, "indicator",
			                                     json_object_get(x, "indicator"), "unit", u, "year",
			                                     last.year, "target", target));
		}
	}
	json_array_foreach(json_object_get(demo, "accepted"), i, u)
	{
		json_array_append_new(out, json_pack("[i, {s:O, s:s}]", MSG_figures_submit, "unit", u, "period", key));
		json_array_append_new(out, json_pack("[i, {s:O, s:s}]", MSG_figures_accept, "unit", u, "period", key));
	}
	json_array_foreach(json_object_get(demo, "submitted"), i, u)
	{
		json_array_append_new(out, json_pack("[i, {s:O, s:s}]", MSG_figures_submit, "unit", u, "period", key));
	}
	json_decref(demo);
	return out;
}
