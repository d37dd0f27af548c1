/* store/report.h — the store's figures over one-stop dossiers: the
 * monthly on-time report, counted where the rows are instead of shipped
 * as rows (the dashboard's counts are a queue's: store/queue.h). */
#ifndef CONGVU_STORE_REPORT_H
#define CONGVU_STORE_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* A report's period [start, end), the instant `at` (<= end) open dossiers
 * are judged at (the period's end, or the time of a report run before it
 * ends), and the workflow's states of a refusal at reception, a refusal
 * after review and a withdrawal. */
typedef struct {
	int64_t start, end, at;
	const char *refused, *rejected, *withdrawn;
} store_report_period_t;

/* The period p of the units in the subtree at path that received
 * dossiers, one row per unit with any received or carried over, in the
 * order of their paths: {unit (its code), unit_name, received (and by
 * channel: received_direct, received_online, received_postal),
 * carried_over (received before, open at start), early, on_time, late
 * (resolved in the period up to p->at, by grade), processing_not_due,
 * processing_overdue (open and running at p->at, by the original
 * appointment: an apology does not make it on time), supplement (open,
 * the clock paused at p->at: waiting for the applicant),
 * refused_after_review, withdrawn (ended in the period in those states),
 * fees (đồng recorded in the period), fees_exempt (exemptions
 * recorded then)}.
 * Dossiers refused at reception count nowhere. New reference (empty on
 * error). */
json_t *store_report_onestop(store_t *s, const store_report_period_t *p, const char *path);

/* report: the same figures per procedure instead of per unit, one row per
 * procedure code with any received or carried over in the subtree, in
 * code order: {procedure, title (its name on a dossier), received, ...,
 * fees_exempt}. New reference (empty on error). */
json_t *store_report_procedures(store_t *s, const store_report_period_t *p, const char *path);

/* report: every dossier of the subtree resolved with a grade in the period
 * (finished in [start, at)): {unit (its receiving unit's code), procedure,
 * received, finished (Unix seconds)}, for the processing time the caller
 * counts in working time. New reference (empty on error). */
json_t *store_report_resolved(store_t *s, const store_report_period_t *p, const char *path);

#endif
