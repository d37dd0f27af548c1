/* forms_kinds.c — the words procedure and workflow files may use: field
 * types, step roles, roles, clock and `by` words, transition targets; and
 * what each registered kind of workflow allows, read from its wf_kind_t
 * (`by` rules, `require` entries, effects, form codes). */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "fieldtype.h"
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

/* The field types a procedure may declare: shared/fieldtype.c's, but
 * months, which only the client's own forms use. */
int forms_field_type(const char *name)
{
	int t = fieldtype_by_name(name);
	return t == FT_MONTH ? -1 : t;
}

const char *const *forms_type_names(void)
{
	static const char *names[FT_COUNT + 1];

	if (!names[0])
		for (int t = 0, n = 0; t < FT_COUNT; t++)
			if (forms_field_type(fieldtype_name(t)) >= 0)
				names[n++] = fieldtype_name(t);
	return names;
}
/* Who handles a step. */
const char *const forms_step_roles[] = {"specialist", "leader", "clerk", NULL};
/* Every role there is, for transitions by: roles. */
const char *const forms_all_roles[] = {
#define R(id, bit, name, label) name,
    PROTO_ROLES(R)
#undef R
        NULL};
/* In the order of wf_clock_t. */
const char *const forms_clock_names[] = {"run", "pause", "stop", NULL};

const char *const forms_targets[] = {WF_TO_NEXT, WF_TO_PREV, WF_TO_RESUME, WF_TO_SAME, NULL};

/* The kind a workflow declares (the first registered when it says none;
 * an unknown one is reported by forms_check_wf and checked as the first
 * meanwhile). */
const wf_kind_t *forms_kind_of(const char *name)
{
	const wf_kind_t *k = name ? wf_kind_find(name) : NULL;
	return k ? k : wf_kinds()[0];
}

void forms_kind_words(const wf_kind_t *k, forms_words_t what, const char **out, size_t max)
{
	size_t n = 0;

	assert(max > 0);
	switch (what) {
	case FORMS_BY: /* the kind's own rules, then the engine's */
		for (int by = 0; k->rules && k->rules[by].name && n + 2 < max; by++)
			out[n++] = k->rules[by].name;
		out[n++] = wf_rule_name(k, WF_BY_ROLES);
		break;
	case FORMS_REQUIRE:
		for (const wf_require_t *r = k->requires; r && r->name && n + 1 < max; r++)
			out[n++] = r->name;
		break;
	case FORMS_EFFECT:
		for (const wf_effect_t *e = k->effects; e && e->name && n + 1 < max; e++)
			out[n++] = e->name;
		break;
	case FORMS_FORM:
		for (const char *const *f = k->forms; f && *f && n + 1 < max; f++)
			out[n++] = *f;
		break;
	case FORMS_KIND:
		for (const wf_kind_t *const *r = wf_kinds(); *r && n + 1 < max; r++)
			out[n++] = (*r)->name;
		break;
	}
	out[n] = NULL;
}

bool forms_kind_has(const wf_kind_t *k, forms_words_t what, const char *word)
{
	const char *words[FORMS_WORDS_MAX];

	forms_kind_words(k, what, words, FORMS_WORDS_MAX);
	return forms_lookup(words, word) >= 0;
}
