/* wf_kinds.c — the kinds of work the engine knows. Each kind's module
 * declares its wf_kind_t (dossier_wf.c, task.c, document.c); this table lists them,
 * one line per kind module, and a test may register more. Nothing else
 * names a kind: the loader and the timers go through here. */
#include <string.h>

#include "document.h"
#include "document_out.h"
#include "dossier.h"
#include "figures.h" /* figures */
#include "task.h"
#include "wf.h"

#define WF_KINDS_MAX 8

/* The first is the default kind of a workflow that names none. */
static const wf_kind_t *s_kinds[WF_KINDS_MAX + 1] = {
    &dossier_kind,
    &task_kind,
    /* figures */
    &figures_kind,
    /* documents (issue 15) */
    &document_kind,
    &document_out_kind,
};

int wf_kind_register(const wf_kind_t *k)
{
	size_t n = 0;

	if (!k || !k->name || wf_kind_find(k->name))
		return -1;
	while (s_kinds[n])
		n++;
	if (n >= WF_KINDS_MAX)
		return -1;
	s_kinds[n] = k;
	return 0;
}

#define ROLES_WORD "roles" /* the engine's own rule */

wf_by_t wf_rule_find(const wf_kind_t *k, const char *word)
{
	if (!word)
		return WF_BY_NONE;
	if (strcmp(word, ROLES_WORD) == 0)
		return WF_BY_ROLES;
	for (int i = 0; k->rules && k->rules[i].name; i++)
		if (strcmp(k->rules[i].name, word) == 0)
			return i;
	return WF_BY_NONE;
}

const char *wf_rule_name(const wf_kind_t *k, wf_by_t by)
{
	return by == WF_BY_ROLES ? ROLES_WORD : by >= 0 ? k->rules[by].name : "";
}

const wf_kind_t *wf_kind_find(const char *name)
{
	for (size_t i = 0; name && s_kinds[i]; i++)
		if (strcmp(s_kinds[i]->name, name) == 0)
			return s_kinds[i];
	return NULL;
}

const wf_kind_t *const *wf_kinds(void)
{
	return s_kinds;
}
