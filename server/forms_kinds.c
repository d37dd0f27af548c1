/* forms_kinds.c — the words procedure and workflow files may use: field
 * types, step roles, roles, clock and `by` words, the kinds of workflow and
 * what each allows (`by` rules, `require` entries, effects, default
 * holder), transition targets and form codes; and the labels of `require`
 * entries requests are refused with. */
#include <stdio.h>
#include <string.h>

#include "forms_int.h"
#include "proto.h"

/* Index of s in the NULL-terminated list, -1 if absent. */
int forms_lookup(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

void forms_join(const char *const *list, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; list[i] && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", list[i]);
}

/* In the order of field_type_t. */
const char *const forms_type_names[] = {"text",       "number", "money", "date", "choice",
                                           "citizen_id", "phone",  "email", NULL};
/* Who handles a step. */
const char *const forms_step_roles[] = {"specialist", "leader", "clerk", NULL};
/* Every role there is, for transitions by: roles. */
const char *const forms_all_roles[] = {
#define R(id, bit, name, label) name,
    PROTO_ROLES(R)
#undef R
        NULL};
/* In the order of wf_clock_t and wf_by_t. */
const char *const forms_clock_names[] = {"run", "pause", "stop", NULL};
const char *const forms_by_names[] = {"step", "desk", "roles", "assigner", "lead", NULL};
/* What a transition may require of a request, and how errors name it. */
const struct forms_require forms_requires[] = {
    {"note", "ghi chú/lý do"},
    {"new_due", "ngày hẹn mới"},
    {"new_deadline", "hạn mới đề nghị"},
    {"percent", "phần trăm hoàn thành"},
};
/* The kinds of workflow and what each allows: whether instances walk a
 * procedure's steps, the `by`/`holder` rules, `require` entries and
 * `effect`s their module implements, and who holds a state by default. */
const struct forms_kind forms_kinds[] = {
    {"dossier", true, {"step", "desk", "roles", NULL}, {"note", "new_due", NULL}, {"reschedule", NULL}, WF_BY_DESK},
    {"task",
     false,
     {"assigner", "lead", "roles", NULL},
     {"note", "new_deadline", "percent", NULL},
     {"progress", "propose_deadline", "extend", "refuse_extension", "complete", "reopen", NULL},
     WF_BY_NONE},
};
const char *const forms_kind_names[] = {"dossier", "task", NULL};
const char *const forms_targets[] = {WF_TO_NEXT, WF_TO_PREV, WF_TO_RESUME, WF_TO_SAME, NULL};
/* The documents of TT 03/2025/TT-VPCP appendix I a transition may issue. */
const char *const forms_form_codes[] = {"01", "02", "03", "04", "05", "06", "07", NULL};

/* The kind a workflow declares (dossier when it says none; an unknown one
 * is reported by forms_check_wf and checked as a dossier meanwhile). */
const struct forms_kind *forms_kind_of(const char *name)
{
	int k = name ? forms_lookup(forms_kind_names, name) : 0;
	return &forms_kinds[k < 0 ? 0 : k];
}

/* Is name in the kind's NULL-terminated list? */
bool forms_allowed(const char *const *list, const char *name)
{
	return forms_lookup(list, name) >= 0;
}

const char *wf_require_label(const char *name)
{
	for (size_t i = 0; i < sizeof forms_requires / sizeof forms_requires[0]; i++)
		if (strcmp(forms_requires[i].name, name) == 0)
			return forms_requires[i].label;
	return name;
}
