/* figures_roll.h — socio-economic figures rolled up as they are written.
 * fig_rollups (store/figures.h) holds the figure a reader sees at every
 * unit, indicator and period: the unit's own figure in force, or the one
 * rolled up from the units below by the indicator's rule (figures_calc.h:
 * sum, average, weighted, last value; never for a non-additive one). A
 * figure written updates its unit and the units above it in the same
 * transaction; a change of the roll-up rules (forms/indicators) rebuilds
 * the table from the figures in force. Reads (figures_view.c) are then
 * indexed lookups. */
#ifndef CONGVU_FIGURES_ROLL_H
#define CONGVU_FIGURES_ROLL_H

#include <stdio.h>

#include "figures_ind.h"
#include "store/store.h"

/* After a new figure in force of indicator code for unit and period key:
 * update the roll-ups of it (and of the weighted indicators it weighs) at
 * unit and every unit above. 0, or -1 on a store error. Inside the
 * writer's transaction. */
int figures_roll_update(store_t *db, const figind_t *set, const char *code, int64_t unit, const char *key);

/* Rebuild every roll-up from the figures in force (in a transaction of
 * its own, or a savepoint of the caller's), recording set's fingerprint.
 * 0, or -1 on an error (nothing changed). */
int figures_roll_rebuild(store_t *db, const figind_t *set);
/* Rebuild only when the rows follow other rules than set's (forms/
 * indicators changed, or a database from before migration 0018). 1
 * rebuilt, 0 nothing to do, -1 on an error. */
int figures_roll_sync(store_t *db, const figind_t *set);

/* Compare the rows with a recomputation from scratch (fig_tree over the
 * whole org tree, period by period); each difference is printed on out
 * (NULL: not printed). The number of differences, or -1 on an error. */
long figures_roll_check(store_t *db, const figind_t *set, FILE *out);

#endif
