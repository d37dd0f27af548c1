/* procedure_defs.c — the field definitions of procedure versions met in
 * this session, {"code@version": fields}: a version never changes once
 * published, so the reception desk and the dossier view ask for each one
 * once (procedure.show brief, or inside the first dossier.show of it)
 * however many dossiers of it they show. */
#include <stdio.h>

#include "dossiers.h"

static json_t *s_defs;

static void s_key(const char *code, json_int_t version, char *buf, size_t n)
{
	snprintf(buf, n, "%s@%lld", code, (long long)version);
}

const json_t *tui_procedure_defs(const char *code, json_int_t version)
{
	char key[128];

	s_key(code, version, key, sizeof key);
	return s_defs ? json_object_get(s_defs, key) : NULL;
}

const json_t *tui_procedure_defs_keep(const json_t *reply)
{
	char key[128];
	json_t *fields = json_object_get(reply, "fields");

	if (!json_is_array(fields))
		return NULL;
	if (!s_defs)
		s_defs = json_object();
	s_key(tui_jstr(reply, "code"), json_integer_value(json_object_get(reply, "version")), key, sizeof key);
	json_object_set(s_defs, key, fields);
	return fields;
}

json_t *tui_procedure_defs_request(const char *code, json_int_t version)
{
	return json_pack("{s:s, s:I, s:b}", "code", code, "version", version, "brief", 1);
}

json_t *tui_procedure_defs_held(void)
{
	json_t *a = json_array(), *v;
	const char *k;

	json_object_foreach(s_defs, k, v)
	{
		if (json_array_size(a) == 32) /* dossier.show's limit; a miss costs only the fields again */
			break;
		json_array_append_new(a, json_string(k));
	}
	return a;
}
