/* scalefig.c — congvu-scalefig: a province's years of monthly socio-economic
 * figures in a data directory (issue 13's bench): every unit gives a
 * figure for every monthly indicator its level reports (forms/indicators of
 * the directory's config), for MONTHS month periods ending with the last
 * closed one; then the roll-ups are made from scratch (figures_roll.c),
 * as a change of the roll-up rules would. Figures go in through the store
 * (store_fig_value_add: a revision each, the one in force) rather than
 * figures.submit, which at 3 M values would take hours; what the bench
 * measures is reading them.
 *
 * congvu-scalefig DIR [MONTHS]   default 60 (5 years); nothing is added
 * when the directory has figures of its own units already (over 100 000). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <time.h>

#include "catalog.h"
#include "figures.h"
#include "figures_roll.h"
#include "server.h"
#include "stats.h"

#define MAX_INDS 512

/* 0..1 from (a, b, c), the same every run. */
static double s_hash(int64_t a, int64_t b, int64_t c)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)a;
	h = (h * 1099511628211ULL) ^ (uint64_t)b;
	h = (h * 1099511628211ULL) ^ (uint64_t)c;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return (double)(h % 1000000) / 1e6;
}

/* unit's figure of ind for the k-th period (month m): a level for the unit
 * and indicator, the seasons, a slow rise and some noise; yields and rates
 * in their own ranges. */
static double s_value(const fig_indicator_t *ind, int64_t unit, int k, int m)
{
	double base = 20 + 980 * s_hash(unit, (int64_t)(uintptr_t)ind->code[0] * 131 + ind->code[1], 7);
	double season = 1 + 0.15 * sin(2 * M_PI * m / 12.0), noise = 0.95 + 0.1 * s_hash(unit, k, ind->code[2]);

	if (ind->rollup == FIG_WEIGHTED)
		return (ind->decimals >= 2 ? 0.3 : 50) * (0.8 + 0.4 * s_hash(unit, k, 3));
	if (ind->rollup == FIG_NONE || ind->rollup == FIG_AVG)
		return 95 + 15 * s_hash(unit, k, 5);
	if (ind->rollup == FIG_LAST)
		return base * 10 * (1 + 0.002 * k);
	return base * season * (1 + 0.004 * k) * noise;
}

int main(int argc, char **argv)
{
	srv_config_t cfg;
	store_t *db;
	int months = argc > 2 ? atoi(argv[2]) : 60, rc;
	int64_t t0 = stats_now_us();
	size_t added = 0;
	fig_period_t ps[240], p;
	char key[FIG_PERIOD_MAX];
	json_t *units;

	if (argc < 2 || months < 1 || months > 240) {
		fprintf(stderr, "usage: congvu-scalefig DIR [MONTHS]\n");
		return EX_USAGE;
	}
	if ((rc = server_open(argv[1], &cfg, &db)) != 0)
		return rc;
	if (store_fig_roll_count(db) > 100000) {
		fprintf(stderr, "scalefig: the directory has its figures already: none added\n");
		store_close(&db);
		catalog_free();
		return EX_OK;
	}
	units = store_fig_units(db, "");
	/* the last closed month period, then back */
	fig_period_parse(fig_period_month_of(time(NULL), 7 * 3600, figind_reporting(figures_set())->cutoff_day, key), &p);
	fig_period_prev(&p, &ps[months - 1]);
	for (int k = months - 1; k > 0; k--)
		fig_period_prev(&ps[k], &ps[k - 1]);
	for (int k = 0; k < months; k++) {
		const fig_indicator_t *inds[MAX_INDS];
		char first[11], last[11], num[64];
		unsigned n;
		json_t *u;
		size_t i;

		p = ps[k];
		fig_period_key(&p, key);
		fig_period_dates(&p, figind_reporting(figures_set())->cutoff_day, first, last);
		n = figind_list(figures_set(), last, NULL, inds, MAX_INDS);
		if (store_begin(db) != STORE_OK)
			return EX_SOFTWARE;
		json_array_foreach(units, i, u)
		{
			int64_t id = json_integer_value(json_object_get(u, "id"));
			const char *level = json_string_value(json_object_get(u, "level"));
			for (unsigned j = 0; j < n; j++) {
				if (inds[j]->every != FIG_MONTH || !figind_reports(inds[j], level))
					continue;
				snprintf(num, sizeof num, "%.*f", inds[j]->decimals, s_value(inds[j], id, k, p.last_month));
				if (store_fig_value_add(db, inds[j]->code, id, key, num, k >= months - 2 ? "estimate" : "final",
				                        "import", 0, (int64_t)time(NULL)) != STORE_OK) {
					store_rollback(db);
					fprintf(stderr, "scalefig: %s %s: store error\n", inds[j]->code, key);
					return EX_SOFTWARE;
				}
				added++;
			}
		}
		if (store_commit(db) != STORE_OK)
			return EX_SOFTWARE;
		fprintf(stderr, "scalefig: %s, %zu figures (%.0f s)\n", key, added, (stats_now_us() - t0) / 1e6);
	}
	json_decref(units);
	printf("scalefig: %zu figures over %d months, %.0f s; rolling up\n", added, months, (stats_now_us() - t0) / 1e6);
	rc = figures_roll_rebuild(db, figures_set()) == 0 ? EX_OK : EX_SOFTWARE;
	printf("scalefig: %lld roll-up rows, %.0f s\n", (long long)store_fig_roll_count(db), (stats_now_us() - t0) / 1e6);
	store_close(&db);
	catalog_free();
	return rc;
}
