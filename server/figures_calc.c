/* figures_calc.c — roll-ups, year to date, plan and change (see
 * figures_calc.h). */
#include "figures_calc.h"

#include <math.h>

void fig_node_finish(fig_rollup_t r, fig_node_t *x)
{
	x->has = false;
	if (x->own) {
		x->has = true;
		if (r == FIG_WEIGHTED && !x->own_w)
			x->w = 0; /* its figure stands, but weighs nothing above */
	} else if (x->n > 0 && r != FIG_NONE) {
		x->has = true;
		switch (r) {
		case FIG_AVG: x->v = x->sv / x->n; break;
		case FIG_WEIGHTED:
			x->has = x->sw > 0;
			x->v = x->sw > 0 ? x->svw / x->sw : 0;
			x->w = x->sw;
			break;
		default: x->v = x->sv; break;
		}
	}
}

void fig_tree(fig_rollup_t r, fig_node_t *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		nodes[i].sv = nodes[i].sw = nodes[i].svw = 0;
		nodes[i].n = 0;
		nodes[i].has = false;
	}
	/* children come after their parents: walking back, a node's children
	 * are done before it */
	for (size_t k = n; k-- > 0;) {
		fig_node_t *x = &nodes[k];
		fig_node_finish(r, x);
		if (x->has && x->parent >= 0) {
			fig_node_t *p = &nodes[x->parent];
			p->sv += x->v;
			p->n++;
			if (r == FIG_WEIGHTED) {
				p->sw += x->w;
				p->svw += x->v * x->w;
			}
		}
	}
}

int fig_ytd(fig_rollup_t r, const double *v, const double *w, size_t n, double *out)
{
	double s = 0, sw = 0;

	if (n == 0)
		return -1;
	switch (r) {
	case FIG_SUM:
	case FIG_AVG:
		for (size_t i = 0; i < n; i++)
			s += v[i];
		*out = r == FIG_SUM ? s : s / (double)n;
		return 0;
	case FIG_WEIGHTED:
		for (size_t i = 0; w && i < n; i++) {
			s += v[i] * w[i];
			sw += w[i];
		}
		if (sw <= 0)
			return -1;
		*out = s / sw;
		return 0;
	default: *out = v[n - 1]; return 0;
	}
}

bool fig_percent(double value, double plan, double *out)
{
	if (!(plan > 0))
		return false;
	*out = value / plan * 100.0;
	return true;
}

bool fig_change(double now, double before, double *out)
{
	if (before == 0)
		return false;
	*out = (now - before) / fabs(before) * 100.0;
	return true;
}

double fig_round(double x, int d)
{
	double m = pow(10, d);
	return round(x * m) / m;
}
