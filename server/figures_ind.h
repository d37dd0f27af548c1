/* figures_ind.h — socio-economic indicators (chỉ tiêu kinh tế - xã hội) as
 * data: forms/indicators/NAME.yaml, one file per sector, and
 * forms/indicators/reporting.yaml, the reporting calendar (NĐ 09/2019 and
 * the province's decision). Loaded with the procedures by forms_load
 * (forms.h), so `congvud forms check` and a reload cover them, every
 * problem on its "file:line:" line. Format: forms/indicators/README.md. */
#ifndef CONGVU_FIGURES_IND_H
#define CONGVU_FIGURES_IND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yaml_file.h"

/* How a unit's figure is made from those of the units below it. */
typedef enum {
	FIG_SUM,      /* sum: output, area, revenue */
	FIG_AVG,      /* plain average of the units reporting */
	FIG_WEIGHTED, /* average weighted by another indicator (yield by area) */
	FIG_LAST,     /* for a period of periods: the last value (a stock) */
	FIG_NONE,     /* not additive (an index, a rate): never rolled up */
} fig_rollup_t;

/* How often an indicator is reported. */
typedef enum { FIG_MONTH, FIG_QUARTER, FIG_HALF, FIG_NINE, FIG_YEAR } fig_every_t;

typedef struct {
	const char *code, *name, *uom; /* "tom-san-luong", "Sản lượng tôm", "tấn" */
	const char *sector, *sector_name;
	const char *const *levels; /* unit levels that report it themselves ("xã", "sở") */
	unsigned nlevels;
	fig_every_t every;
	fig_rollup_t rollup;
	const char *weight; /* FIG_WEIGHTED: the indicator weighing it */
	const char *const *components; /* indicators of the same unit of measure that add up
	                                * to at most this one (a total), may be none */
	unsigned ncomponents;
	const char *reporter; /* the department (unit code) that reports it at level sở; set
	                       * whenever levels has sở (forms check) */
	int decimals;
	int version;
	const char *effective; /* YYYY-MM-DD */
	const char *source;    /* legal basis or source of the figure */
} fig_indicator_t;

/* The reporting calendar. */
typedef struct {
	int cutoff_day;       /* a month's data runs from the day after it in the
	                       * previous month to this day (NĐ 09/2019: 14) */
	int due_working_days; /* due this many working days after the cut-off */
	int remind_working_days; /* reminder this many working days before due */
	const char *basis;       /* the texts it follows */
} fig_reporting_t;

typedef struct figind figind_t;

/* Load dir/indicators (absent: an empty set with NĐ 09/2019's defaults),
 * reporting every problem into errs: unknown keys, codes, levels,
 * periods, roll-up words, a weighted indicator without an existing
 * weight, repeated (code, version), versions not taking effect in order.
 * NULL only when memory runs out. */
figind_t *figind_load(const char *dir, yf_errs_t *errs);
void figind_free(figind_t **s);

/* The version of code in force on date "YYYY-MM-DD" (NULL: none). */
const fig_indicator_t *figind_get(const figind_t *s, const char *code, const char *date);
/* The indicators in force on date, one per code, in file order (sector by
 * sector); sector (NULL: all) filters. Returns how many were put in out. */
unsigned figind_list(const figind_t *s, const char *date, const char *sector, const fig_indicator_t **out,
                     unsigned max);
const fig_reporting_t *figind_reporting(const figind_t *s);
/* Whether a unit of level reports ind itself. */
bool figind_reports(const fig_indicator_t *ind, const char *level);
/* Whether the unit with code and level reports ind itself: of the
 * departments (sở), only its reporter. */
bool figind_reports_unit(const fig_indicator_t *ind, const char *level, const char *code);

/* A fingerprint of what every version's roll-up depends on (code,
 * version, effective date, rule, weight, period, the reporting cut-off):
 * the figures rolled up under one set stand under another with the same
 * fingerprint. Written into out (at least 17 bytes: 16 hex digits). */
void figind_fingerprint(const figind_t *s, char *out, size_t n);

const char *figind_rollup_name(fig_rollup_t r);
const char *figind_every_name(fig_every_t e);

#endif
