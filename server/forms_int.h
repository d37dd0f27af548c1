/* forms_int.h — what the forms*.c files share and nobody else sees:
 * procedures and workflows as written in their YAML files (the structures
 * libcyaml fills by forms_schema.c), the word lists the files are
 * checked against, theirs and their kinds' (forms_kinds.c), and the checks of one file
 * (forms_check.c). forms.c loads, builds and answers queries. */
#ifndef CONGVU_FORMS_INT_H
#define CONGVU_FORMS_INT_H

#include <cyaml/cyaml.h>
#include <stdbool.h>
#include <stddef.h>

#include "forms.h"
#include "wf.h"
#include "yaml_file.h"

/* Budgets are checked against the processing time in working hours, with
 * a working day of 8 hours (the calendar's usual day; the deadline itself
 * is counted by worktime.c on the real calendar). */
#define DAY_HOURS 8

/* What the files hold, as written; the public structures are built from
 * these and point into them. */
struct y_amount {
	int days, hours;
	bool same_day; /* processing only: {same_day: true} */
};

/* desk: a fee counted per page and per copy (chứng thực) */
struct y_fee_rule {
	int64_t per_page, then, cap;
	int from_page;
	char *pages, *copies;
};

struct y_field {
	char *name, *label, *type;
	bool required, applicant;
	bool not_future; /* desk */
	int64_t min, max;
	char *pattern;
	char **choices;
	unsigned choices_count;
};

struct y_step {
	char *code, *name, *role, *unit;
	struct y_amount budget;
};

/* desk: a lawful extension chosen at reception */
struct y_ext {
	char *code, *name, *legal_basis;
	struct y_amount add, total; /* exactly one: added to the appointment, or the whole time */
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
	/* desk: lawful extensions, apologies allowed (0: the default, one) */
	struct y_ext *extensions;
	unsigned extensions_count;
	int apologies;
	/* desk: fees */
	struct y_fee_rule *fee_rule;
	char *fee_exempt;
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

/* NULL-terminated lists: who handles a step, every role, clock words (in
 * the order of wf_clock_t), transition targets. */
extern const char *const forms_step_roles[], *const forms_all_roles[],
    *const forms_clock_names[], *const forms_targets[];

/* What a registered kind lets its files say (wf.h's wf_kind_t). */
typedef enum { FORMS_BY, FORMS_REQUIRE, FORMS_EFFECT, FORMS_FORM, FORMS_KIND } forms_words_t;
#define FORMS_WORDS_MAX 32

/* The field_type_t a procedure's field may declare by name (shared
 * fieldtype's names, not "month"), -1 for another; those names, NULL-ended. */
int forms_field_type(const char *name);
const char *const *forms_type_names(void);

/* Index of s in the NULL-terminated list, -1 if absent; the list joined
 * with ", " into out. */
int forms_lookup(const char *const *list, const char *s);
void forms_join(const char *const *list, char *out, size_t n);
/* The kind a workflow declares (the first registered when it says none or
 * an unregistered one, which forms_check_wf reports); whether name is in
 * list. */
const wf_kind_t *forms_kind_of(const char *name);
bool forms_allowed(const char *const *list, const char *name);
/* Kind k's words of one sort, NULL-ended into out (max entries with the
 * NULL; FORMS_BY lists its own rules, then "roles"; FORMS_KIND every
 * registered kind, whatever k); whether word is one of them. */
void forms_kind_words(const wf_kind_t *k, forms_words_t what, const char **out, size_t max);
bool forms_kind_has(const wf_kind_t *k, forms_words_t what, const char *word);

/* ---- the checks of one file (forms_check.c) ---- */

/* Report every problem of a procedure or workflow file on its line. */
void forms_check_proc(yf_file_t *fl, const struct y_proc *y);
void forms_check_wf(yf_file_t *fl, const struct y_wf *y);

#endif
