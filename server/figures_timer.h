/* figures_timer.h — reminders of the figures' reporting calendar on the
 * engine's timers (figures_timer.c). */
#ifndef CONGVU_FIGURES_TIMER_H
#define CONGVU_FIGURES_TIMER_H

#include "wf.h"

/* When the timers of the month periods are next to be set: now when the
 * running period changed since they were (0: nothing to do). */
int64_t figures_timers_next(store_t *db);
/* Set the due-soon and overdue timers of the running month period and the
 * one before it, where their due dates are ahead (in c's transaction);
 * max, the serve loop's slice, is not needed: it is one piece. The number
 * of periods set, or -1. */
int figures_timers_run(srv_ctx_t *c, int max);
/* A figures timer fired: notices to the units that have not submitted
 * (and, overdue, to the leaders above them), and the audit row. */
void figures_on_timer(srv_ctx_t *c, const wf_timer_t *t);

#endif
