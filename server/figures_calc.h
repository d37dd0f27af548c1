/* figures_calc.h — the arithmetic of socio-economic figures, apart from
 * where they come from: rolling a figure up the org tree by its
 * indicator's rule, year to date, percent of the annual plan, change
 * against another period. Pure functions, tested against hand-computed
 * fixtures (tests/unit/test_figures_calc.c). */
#ifndef CONGVU_FIGURES_CALC_H
#define CONGVU_FIGURES_CALC_H

#include <stdbool.h>
#include <stddef.h>

#include "figures_ind.h"

/* One unit of a subtree, in an array where a parent comes before its
 * children (ordered by path). */
typedef struct {
	int parent;   /* index of its parent in the array, -1: the top */
	bool own;     /* in: the unit gave the figure itself (v) */
	bool own_w;   /* in: and the weight indicator's figure (w), weighted only */
	double v, w;  /* in: its own figures; out: its figure and weight */
	bool has;     /* out: it has a figure (its own, or rolled up) */
	/* the roll-up's running sums (set by fig_tree) */
	double sv, sw, svw;
	int n;
} fig_node_t;

/* Fill every node's figure: its own when it gave one; else, by rule r,
 * from its children that have one: sum (sum, last), mean (average),
 * mean weighted by w (weighted: the weight of the roll-up is the sum of
 * the weights); none: never rolled up (has only where own). */
void fig_tree(fig_rollup_t r, fig_node_t *nodes, size_t n);
/* One node of fig_tree, its children's running sums (sv, sw, svw, n)
 * given: its figure (has, v, w) by rule r, from its own or from them. The
 * roll-ups kept as figures are written (figures_roll.c) make each node
 * with it, so the two cannot part. */
void fig_node_finish(fig_rollup_t r, fig_node_t *x);

/* Year to date from the figures of the year's periods in order (v[i],
 * with weights w[i] for weighted; w may be NULL otherwise): sum for sum;
 * mean for average; weighted mean for weighted; the last for last and
 * none. 0 and *out, or -1 when n is 0 (or the weights sum to 0). */
int fig_ytd(fig_rollup_t r, const double *v, const double *w, size_t n, double *out);

/* value as a percent of plan; false when the plan is not positive. */
bool fig_percent(double value, double plan, double *out);
/* The change from before to now in percent ((now - before) / |before| *
 * 100); false when before is 0. */
bool fig_change(double now, double before, double *out);
/* Round x to d decimals (half away from zero). */
double fig_round(double x, int d);

#endif
