/* dossier.h — one-stop dossiers: what other modules (reports, printing)
 * need to know of a dossier row. */
#ifndef CONGVU_DOSSIER_H
#define CONGVU_DOSSIER_H

#include "forms.h"
#include "store/dossier.h"
#include "srv.h"
#include "wf.h"
#include "worktime.h"

/* A dossier's record, as the store keeps it (store/dossier.h). */
typedef store_dossier_t dossier_t;

/* Load the dossier with this code. 0 when found (free with dossier_clear). */
int dossier_load(store_t *db, const char *code, dossier_t *d);
void dossier_clear(dossier_t *d);
/* The declaration's fields, loaded on first use (borrowed; NULL on error). */
json_t *dossier_fields(store_t *db, dossier_t *d);

/* The procedure version the dossier was received under. */
const procedure_t *dossier_procedure(const dossier_t *d);

/* May c see the dossier's details (its receiving or handling unit is in c's
 * subtree)? */
bool dossier_visible(const srv_ctx_t *c, const dossier_t *d);

/* What every view and list shows of a dossier beyond its columns, as of
 * now: its state's and step's names (borrowed from the loaded forms, valid
 * until the next reload), the remaining time as clerks read it, and the
 * overdue and due-today flags. */
typedef struct {
	const char *state_name, *step;
	char remaining[64];
	bool overdue, due_today;
} dossier_glance_t;
void dossier_glance(const dossier_t *d, int64_t now, dossier_glance_t *g);

/* The summary every view and list shares: code, procedure, title, applicant,
 * state (and its name), step, due, new_due, remaining time as clerks read
 * it, overdue, due_today, version. New reference. */
json_t *dossier_summary(const dossier_t *d, int64_t now);

/* "YYYY-MM-DD HH:MM" in the calendar's local time. */
const char *dossier_time(int64_t t, char *buf, size_t n);

/* early / on_time / late for something finished at `done` against `due`
 * (late whenever an apology moved the date). */
const char *dossier_grade(int64_t done, int64_t due, bool apologized);

/* The dossier's kind for the workflow engine (dossier_wf.c): who its
 * `step` and `desk` rules mean, the apology's `reschedule`, its timers. */
extern const wf_kind_t dossier_kind;
/* The dossier's `by` rules (dossier_kind.rules): the current step's role
 * in the step's unit ("step"), the clerk of the receiving unit ("desk"). */
typedef enum { DOSSIER_BY_STEP, DOSSIER_BY_DESK } dossier_by_t;
/* How wf_apply reaches a dossier (dossier.c). */
extern const wf_apply_ops_t dossier_ops;

/* Set d's timers from where it stands now: its step's deadline and its
 * appointment while the clock runs, none while paused or finished. 0 on
 * success. */
int dossier_timers(srv_ctx_t *c, const dossier_t *d, const wf_def_t *w);

/* --- the time rules (dossier_time.c) --- */

/* The appointment of a dossier of p received at now, with the lawful
 * extension x picked at reception (NULL: none); *start gets where the
 * clock starts. */
int64_t dossier_appointment(const procedure_t *p, const form_ext_t *x, int64_t now, time_t *start);
/* The deadline of step s of d entered at now: its budget from the next
 * working moment, no later than the appointment when d is same-day. */
int64_t dossier_step_due(const dossier_t *d, const procedure_t *p, const form_step_t *s, int64_t now);
/* A supplement brought back at now: a same-day dossier is due under the
 * same-day rule again (the close of the day, after 15:00 the next working
 * day's, with its extension); others keep the pause's arithmetic. */
void dossier_resume(dossier_t *d, const procedure_t *p, int64_t now);
/* Open, running and past its original appointment at now (an apology's new
 * date does not make it on time). */
bool dossier_overdue(const dossier_t *d, int64_t now);
/* What the clerk is told when the clock does not start at reception
 * (received outside desk hours, in desk hours outside working time, after
 * the cut-off); "" when it starts at once. */
void dossier_reception_notice(const procedure_t *p, int64_t now, int64_t start, char *buf, size_t n);

/* desk: the fee a dossier of p declared as `fields` owes by p's rule
 * (flat, per page and per copy with a cap, exempt), in đồng; how it was
 * counted, for the receipt, in how ("21.000 đồng (2 trang × 2.000 + ...)",
 * "Miễn (ground)"). */
int64_t dossier_fee(const procedure_t *p, const json_t *fields, char *how, size_t n);

/* desk: d's recorded fee as dossier.show and dossier.pay give it (the
 * dossier_fee shape), NULL when none is recorded (dossier_pay.c). */
json_t *dossier_fee_json(store_t *db, dossier_t *d);

/* Printable desk documents (forms 01–07, print.c) as 80-column UTF-8
 * text. New string, caller frees; NULL when the form is unknown (or 03 for
 * a dossier not refused). Loads d's fields. */
char *dossier_print_form(store_t *db, dossier_t *d, const char *form);
/* The same in the line markup of shared/layout.h (for a PDF). */
char *dossier_print_layout(store_t *db, dossier_t *d, const char *form);
/* desk: the papers checklist at reception (dossier_papers.c). A paper
 * whose text says when it applies, "nếu" in parentheses ("(nếu có)",
 * "(xuất trình, nếu …)") or after a comma (", nếu …"), is conditional. */
bool dossier_paper_conditional(const char *paper);
/* p's papers as the reception's checklist: [{n, name, conditional}]. */
json_t *dossier_checklist_json(const procedure_t *p);
/* The papers ticked at reception (ticked: their numbers as strings, "1",
 * "3") into *handed [{n, name}], and the required papers not ticked into
 * missing ("2. name; 4. name", "" when none). E_OK, or E_INVALID with
 * c->detail (a number not in p's list, or twice). */
proto_err_t dossier_papers_take(srv_ctx_t *c, const procedure_t *p, const json_t *ticked, json_t **handed,
				char *missing, size_t n);
/* The names of the papers handed in for d, in the list's order; [] when
 * none was recorded. New reference. */
json_t *dossier_papers_names(store_t *db, const dossier_t *d);

/* The province's day of now as YYYYMMDD (what "not in the future" is
 * counted against). */
int dossier_today(int64_t now);

/* Everything searchable about d, folded (the search index's row). Caller
 * frees; NULL without memory. */
char *dossier_search_text(const dossier_t *d, const procedure_t *p);

/* desk: the supplement brought to the desk (dossier_supplement.c): on the
 * action that takes it in (resubmit) the declaration corrected (req's
 * fields, over the ones it has) and the papers handed in again (req's
 * papers, as at reception: none required may still be missing), checked as
 * at reception and saved, the search row with them; what changed into
 * *changes, [{field, label, old, new}] (the papers as "papers"). E_OK;
 * E_INVALID (another action, a value refused, a paper still missing) with
 * c->bad_field and c->detail; E_INTERNAL. */
proto_err_t dossier_supplement_take(srv_ctx_t *c, dossier_t *d, const procedure_t *p, const char *action,
				    json_t *req, json_t **changes);

/* desk: tpl with the {{name}}s of forms/templates/README.md replaced by the
 * dossier's values (note: of the last move that issued form, NULL none);
 * the citizen's notices are written with it. malloc'd; NULL without the
 * dossier's procedure. */
char *dossier_print_expand(store_t *db, dossier_t *d, const char *tpl, const char *form);

#endif
