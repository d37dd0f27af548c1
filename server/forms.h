/* forms.h — procedures and workflows as data. forms/procedures/NAME.yaml and
 * forms/workflows/NAME.yaml are read with libcyaml into these structures,
 * checked, and swapped in as one immutable set: a reload that fails keeps
 * the old set. Every dossier records the procedure version it was received
 * under, and older versions stay loaded while dossiers use them. */
#ifndef CONGVU_FORMS_H
#define CONGVU_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fieldtype.h"


typedef struct {
	char *name;  /* key in the dossier's fields */
	char *label; /* Vietnamese label */
	field_type_t type; /* never FT_MONTH */
	bool required;
	int64_t min, max; /* numbers/money: bounds; text: max = byte limit (0 = 500) */
	char *pattern;    /* text only, optional */
	char **choices;
	unsigned nchoices;
	bool applicant;   /* this field names the applicant (lists, search) */
	bool not_future;  /* desk: a date that may not be after today (a birth, a death) */
} form_field_t;

typedef enum { UNIT_RECEIVING, UNIT_PARENT, UNIT_NAMED } step_unit_t;

typedef struct {
	char *code, *name;
	char *role;          /* handling role: specialist, leader, clerk */
	step_unit_t unit;    /* who handles it: the receiving unit, its parent, or a named unit */
	char *unit_code;     /* UNIT_NAMED only */
	int budget;          /* time budget */
	char budget_unit;    /* 'd' working days, 'h' working hours */
} form_step_t;

/* desk: a lawful extension of the processing time the clerk picks at
 * reception (more pages or copies, a verification): counted in the
 * appointment, not an apology and never late. */
typedef struct {
	char *code, *name, *legal_basis;
	bool total;      /* the whole time becomes amount (else amount is added to the appointment) */
	int amount;
	char unit;       /* 'd' working days, 'h' working hours */
} form_ext_t;

/* desk: a fee counted per page and per copy (chứng thực, TT 226/2016):
 * per_page for each of the first from_page - 1 pages, then for each
 * further page, at most cap for one copy (0: none), times the copies; pages
 * and copies name number fields of the declaration. */
typedef struct {
	int64_t per_page, then, cap;
	int from_page;
	const char *pages, *copies;
} form_fee_rule_t;

typedef struct {
	char *code;      /* e.g. "khai-sinh" */
	char *name;      /* Vietnamese name */
	int version;
	char *effective; /* YYYY-MM-DD */
	char *workflow;  /* workflow code */
	int processing;  /* processing time */
	char processing_unit; /* 'd' working days, 'h' working hours, 's' same day
	                       * (processing is then 1; see wt_appointment) */
	char *cutoff;    /* "HH:MM" or NULL (calendar default) */
	int64_t fee;     /* đồng; 0 = free */
	char *fee_note;
	char **legal_basis;
	unsigned nlegal;
	char **papers;   /* required papers */
	unsigned npapers;
	char *result;    /* the result issued */
	form_field_t *fields;
	unsigned nfields;
	form_step_t *steps; /* steps[0] is reception at the desk (clerk, receiving
	                     * unit); there are at least two, and their budgets
	                     * fit in processing (1 day = 8 h) */
	unsigned nsteps;
	char *source;    /* file it came from */
	char tag[9];     /* its file's text hashed (8 hex digits): a client keeps the
	                  * fields of code@version with it, and asks again when it
	                  * changes (a version edited in place, which it should not be) */
	/* desk: lawful extensions; how many apologies (form 04) a dossier may have */
	form_ext_t *extensions;
	unsigned nextensions;
	int apologies;   /* >= 1 */
	/* desk: fees: the rule (NULL: the flat fee), the legal ground of an
	 * exemption every dossier of p has (NULL: none) */
	const form_fee_rule_t *fee_rule;
	const char *fee_exempt;
} procedure_t;

/* desk: the extension of p with this code (or name: what a form's choice
 * sends), NULL when none. */
const form_ext_t *forms_extension(const procedure_t *p, const char *code);

/* --- workflows (forms/workflows/NAME.yaml) --- */

/* Who may take an action, and who holds an instance in a state: one of the
 * `by` rules its kind declares (an index into the kind's wf_kind_t.rules,
 * server/wf.h: the words each kind allows are in forms/workflows/README.md),
 * or the engine's own below. */
typedef int wf_by_t;
enum {
	WF_BY_NONE = -1,  /* nobody (final states); a word no rule has */
	WF_BY_ROLES = -2, /* "roles": any of roles[] in the instance's unit subtree */
};

typedef enum { CLOCK_RUN, CLOCK_PAUSE, CLOCK_STOP } wf_clock_t;

typedef struct {
	char *code, *name; /* e.g. "processing", "Đang xử lý" */
	wf_clock_t clock;  /* what the deadline clock does in this state: RUN counts;
	                    * PAUSE does not (waiting, or ended without a result);
	                    * STOP: the result is ready, the dossier is graded */
	bool steps;        /* the procedure's steps are walked in this state */
	bool final;        /* no action leaves it; its clock is never RUN */
	wf_by_t holder;    /* who the instance waits on here (WF_BY_NONE: nobody) */
} wf_state_t;

/* Targets beyond plain state codes: */
#define WF_TO_NEXT "@next"     /* next step; after the last step: the state named by `after_last` */
#define WF_TO_PREV "@prev"     /* previous step (rework) */
#define WF_TO_RESUME "@resume" /* back to the state and step the instance paused in */
#define WF_TO_SAME "@same"     /* stay (e.g. an apology that moves the date) */

typedef struct {
	char *action, *label; /* "submit", "Chuyển bước tiếp" */
	char **from;          /* state codes */
	unsigned nfrom;
	char *to;             /* a state code or one of WF_TO_* */
	wf_by_t by;
	char **roles; /* WF_BY_ROLES */
	unsigned nroles;
	char **require; /* request fields that must be present: "note", "new_due", ... */
	unsigned nrequire;
	char *form;     /* the desk document this action issues: "02", "03", "04", "05" or NULL */
	char *effect;   /* what else the action does, named by its kind (e.g. "reschedule"), or NULL */
} wf_transition_t;

typedef struct {
	char *code, *name;
	char *kind; /* what walks it: "dossier" (procedure steps) or "task" */
	int version;
	char *initial;    /* state a new instance starts in */
	char *after_last; /* state @next leads to after the last step (kinds with steps; else NULL) */
	int due_soon_hours; /* "due soon" timer: this many working hours before a deadline */
	wf_state_t *states;
	unsigned nstates;
	wf_transition_t *transitions;
	unsigned ntransitions;
	char *source;
} wf_def_t;

/* --- the loaded set --- */

typedef struct forms forms_t;

/* Load and check every *.yaml under dir/workflows and dir/procedures (the
 * formats and every check: forms/workflows/README.md and
 * forms/procedures/README.md). Checks: valid YAML, no unknown or repeated
 * key, required keys, types and values; unique (code, version), later
 * versions taking effect later; fields (names, types, choices, patterns,
 * one applicant); steps with valid roles and units, reception first, whose
 * budgets fit the processing time; workflows whose transitions name
 * existing states; procedures naming existing workflows. On success *errors
 * is NULL; on failure NULL is returned with every error as
 * "file:line: message\n" lines in *errors (caller frees). errors may be
 * NULL. The set returned never changes; forms_free it. */
forms_t *forms_load(const char *dir, char **errors);
void forms_free(forms_t **f);

/* The version of procedure code in force at unix time t: the one with the
 * highest effective date not after t's date in Vietnam (UTC+7). When
 * version > 0, exactly that version whatever t. NULL when there is none. */
const procedure_t *forms_procedure(const forms_t *f, const char *code, int version, int64_t t);
/* The procedures in force at t, one per code, in code order; returns the
 * number stored in out (at most max). */
unsigned forms_procedures(const forms_t *f, int64_t t, const procedure_t **out, unsigned max);
/* The processing time in words, as form 01 and the desk show it: "3 ngày
 * làm việc", "8 giờ làm việc", or for a same-day procedure "Trong ngày
 * (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)". Into buf
 * (n bytes), returns buf. */
const char *forms_processing_text(const procedure_t *p, char *buf, size_t n);
/* Its unit alone: "ngày làm việc", "giờ làm việc" or "trong ngày". */
const char *forms_processing_unit(const procedure_t *p);
const wf_def_t *forms_workflow(const forms_t *f, const char *code);
const wf_state_t *wf_state(const wf_def_t *w, const char *code);
/* The transition for action from state, or NULL. */
const wf_transition_t *wf_transition(const wf_def_t *w, const char *state, const char *action);

/* figures: the indicators loaded from dir/indicators (figures_ind.h). */
struct figind;
const struct figind *forms_indicators(const forms_t *f);

#endif
