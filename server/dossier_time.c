/* dossier_time.c — a dossier's time rules beyond the calendar's arithmetic
 * (worktime.c): the appointment with a lawful extension picked at
 * reception, a step's deadline capped at a same-day appointment, the
 * same-day rule again when a supplement resumes the clock, overdue against
 * the original appointment once apologised, and what the reception tells
 * the clerk about when the clock starts. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"

int64_t dossier_appointment(const procedure_t *p, const form_ext_t *x, int64_t now, time_t *start)
{
	const wt_calendar_t *cal = catalog_calendar();
	/* the procedure's own cut-off, else the calendar's; a same-day one has
	 * the national 15:00 (wt_appointment) */
	int cutoff = p->cutoff ? wt_parse_hhmm(p->cutoff) : wt_cutoff(cal);
	time_t from, due = wt_appointment(cal, (time_t)now, p->processing, p->processing_unit, cutoff, &from);

	if (start)
		*start = from;
	return x ? wt_extend(cal, due, from, x->amount, x->unit, x->total) : due;
}

/* A same-day dossier whose appointment was not replaced by a `total`
 * extension (kết hôn with verification counts its days). */
static bool s_same_day(const dossier_t *d, const procedure_t *p)
{
	const form_ext_t *x = forms_extension(p, d->extension);
	return p->processing_unit == 's' && !(x && x->total);
}

int64_t dossier_step_due(const dossier_t *d, const procedure_t *p, const form_step_t *s, int64_t now)
{
	const wt_calendar_t *cal = catalog_calendar();
	int64_t due = d->new_due ? d->new_due : d->due;
	int64_t step = wt_add(cal, wt_start_cutoff(cal, (time_t)now, -1), wt_amount(cal, s->budget, s->budget_unit));

	return s_same_day(d, p) && step > due ? due : step;
}

void dossier_resume(dossier_t *d, const procedure_t *p, int64_t now)
{
	const wt_calendar_t *cal = catalog_calendar();
	time_t start;

	if (!s_same_day(d, p))
		return; /* the pause's arithmetic: the remaining time from the next working moment */
	d->due = dossier_appointment(p, forms_extension(p, d->extension), now, &start);
	d->clock_start = start;
	d->total = d->used + wt_between(cal, start, d->due);
}

bool dossier_overdue(const dossier_t *d, int64_t now)
{
	/* an apology moves the appointment but not the lateness: against the
	 * first date (due), never the new one */
	return !d->finished && !d->paused_at && now > d->due;
}

void dossier_reception_notice(const procedure_t *p, int64_t now, int64_t start, char *buf, size_t n)
{
	const wt_calendar_t *cal = catalog_calendar();
	char when[32];

	buf[0] = 0;
	if (start == now)
		return;
	wf_time(start, when, sizeof when);
	if (!wt_desk_open(cal, (time_t)now))
		snprintf(buf, n, "Tiếp nhận ngoài giờ làm việc của bộ phận một cửa: thời hạn giải quyết tính từ %s.",
			 when);
	else if (wt_start_cutoff(cal, (time_t)now, -1) != (time_t)now)
		snprintf(buf, n, "Tiếp nhận trong giờ trực của bộ phận một cửa, ngoài giờ làm việc: thời hạn giải "
			 "quyết tính từ %s.", when);
	else if (p->processing_unit == 's')
		snprintf(buf, n, "Tiếp nhận sau 15 giờ: trả kết quả trong ngày làm việc tiếp theo (tính từ %s).", when);
	else
		snprintf(buf, n, "Tiếp nhận sau giờ chốt nhận hồ sơ trong ngày: thời hạn giải quyết tính từ %s.", when);
}
