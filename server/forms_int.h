/* forms_int.h — what the forms*.c files share and nobody else sees:
 * procedures and workflows as written in their YAML files (the structures
 * libcyaml fills by forms_schema.c), the kinds and word lists the files are
 * checked against (forms_kinds.c), and the checks of one file
 * (forms_check.c). forms.c loads, builds and answers queries. */
#ifndef CONGVU_FORMS_INT_H
#define CONGVU_FORMS_INT_H

#include <cyaml/cyaml.h>
#include <stdbool.h>
#include <stddef.h>

#include "forms.h"
#include "yaml_file.h"

/* Budgets are checked against the processing time in working hours, with
 * a working day of 8 hours (the calendar's usual day; the deadline itself
 * is counted by worktime.c on the real calendar). */
#define DAY_HOURS 8

/* What the files hold, as written; the public structures are built from
 * these and point into them. */
struct y_amount {
	int days, hours;
};

struct y_field {
	char *name, *label, *type;
	bool required, applicant;
	int64_t min, max;
	char *pattern;
	char **choices;
	unsigned choices_count;
};

struct y_step {
	char *code, *name, *role, *unit;
	struct y_amount budget;
};

struct y_proc {
	char *code, *name;
	int version;
	char *effective, *workflow;
	struct y_amount processing;
	char *cutoff;
	int64_t fee;
	char *fee_note;
	char **legal_basis;
	unsigned legal_basis_count;
	char **papers;
	unsigned papers_count;
	char *result;
	struct y_field *fields;
	unsigned fields_count;
	struct y_step *steps;
	unsigned steps_count;
};

struct y_state {
	char *code, *name, *clock, *holder;
	bool steps, final;
};

struct y_trans {
	char *action, *label;
	char **from;
	unsigned from_count;
	char *to, *by;
	char **roles;
	unsigned roles_count;
	char **require;
	unsigned require_count;
	char *form, *effect;
};

struct y_wf {
	char *code, *name, *kind;
	int version;
	char *initial, *after_last;
	int due_soon_hours;
	struct y_state *states;
	unsigned states_count;
	struct y_trans *transitions;
	unsigned transitions_count;
};

/* The libcyaml schemas of a procedure file and a workflow file. */
extern const cyaml_schema_value_t forms_proc_schema, forms_wf_schema;

/* ---- kinds and word lists (forms_kinds.c) ---- */

struct forms_kind {
	const char *name;
	bool steps;
	const char *const by[6], *const require[6], *const effects[8];
	wf_by_t holder_waiting; /* default holder of a non-steps, non-final state */
};

/* What a transition may require of a request, and how errors name it. */
struct forms_require {
	const char *name, *label;
};

/* NULL-terminated lists: field types (in the order of field_type_t), who
 * handles a step, every role, clock and by words (in the order of
 * wf_clock_t and wf_by_t), kinds, transition targets, form codes. */
extern const char *const forms_type_names[], *const forms_step_roles[], *const forms_all_roles[],
    *const forms_clock_names[], *const forms_by_names[], *const forms_kind_names[], *const forms_targets[],
    *const forms_form_codes[];
extern const struct forms_require forms_requires[];
extern const struct forms_kind forms_kinds[];

/* Index of s in the NULL-terminated list, -1 if absent; the list joined
 * with ", " into out. */
int forms_lookup(const char *const *list, const char *s);
void forms_join(const char *const *list, char *out, size_t n);
/* The kind a workflow declares (dossier when it says none or an unknown
 * one, which forms_check_wf reports); whether name is in list. */
const struct forms_kind *forms_kind_of(const char *name);
bool forms_allowed(const char *const *list, const char *name);

/* ---- the checks of one file (forms_check.c) ---- */

/* Report every problem of a procedure or workflow file on its line. */
void forms_check_proc(yf_file_t *fl, const struct y_proc *y);
void forms_check_wf(yf_file_t *fl, const struct y_wf *y);

#endif
