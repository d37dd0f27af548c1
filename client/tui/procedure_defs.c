/* procedure_defs.c — the field definitions of the procedure versions this
 * device has met, {"code@version": {"tag": T, "fields": [...], "desk":
 * {"extensions": [...], "checklist": [...]}}} (desk once a reception form
 * loaded them: the dossier view's definitions have none), kept in a
 * file between sessions (tui_procedure_defs_open): the reception desk and
 * the dossier view ask for a version's fields once per device, not once
 * per start, over a commune's slow link. The server tags each version's
 * definition (a hash of its file), so fields held under an old tag are
 * asked for again: procedure.list carries each version's tag, dossier.show
 * sends its fields unless `have` names the version with the current tag. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dossiers.h"

#define HELD_MAX 64 /* versions kept; the oldest met goes first */

static json_t *s_defs;       /* what is held */
static char s_path[4096];    /* the file, "" when none */
static char s_server[64];    /* whose versions they are (the server's public key) */

static void s_key(const char *code, json_int_t version, char *buf, size_t n)
{
	snprintf(buf, n, "%s@%lld", code, (long long)version);
}

void tui_procedure_defs_open(const char *path, const char *server)
{
	json_t *file;

	snprintf(s_path, sizeof s_path, "%s", path ? path : "");
	snprintf(s_server, sizeof s_server, "%s", server ? server : "");
	if (!s_defs)
		s_defs = json_object();
	if (!*s_path || !(file = json_load_file(s_path, 0, NULL)))
		return;
	/* another server's versions (the device enrolled elsewhere) are not ours */
	if (!strcmp(tui_jstr(file, "server"), s_server) && json_is_object(json_object_get(file, "defs")))
		json_object_update(s_defs, json_object_get(file, "defs"));
	json_decref(file);
}

/* Write what is held, whole, through a temporary file: a crash leaves the
 * old file or the new one. Losing it costs only asking again. */
static void s_save(void)
{
	char tmp[4200];
	json_t *file;

	if (!*s_path)
		return;
	snprintf(tmp, sizeof tmp, "%s.%d", s_path, (int)getpid());
	file = json_pack("{s:s, s:O}", "server", s_server, "defs", s_defs);
	if (json_dump_file(file, tmp, JSON_COMPACT) == 0 && rename(tmp, s_path) != 0)
		unlink(tmp);
	json_decref(file);
}

/* What is held of code at version under tag (NULL: any), or NULL. */
static const json_t *s_held(const char *code, json_int_t version, const char *tag)
{
	char key[128];
	json_t *held;

	s_key(code, version, key, sizeof key);
	held = s_defs ? json_object_get(s_defs, key) : NULL;
	if (!held || (tag && strcmp(tag, tui_jstr(held, "tag")) != 0))
		return NULL;
	return held;
}

const json_t *tui_procedure_defs(const char *code, json_int_t version, const char *tag)
{
	return json_object_get(s_held(code, version, tag), "fields");
}

const json_t *tui_procedure_desk(const char *code, json_int_t version, const char *tag)
{
	return json_object_get(s_held(code, version, tag), "desk");
}

const json_t *tui_procedure_defs_keep(const json_t *reply)
{
	char key[128];
	json_t *fields = json_object_get(reply, "fields"), *was, *desk = NULL;
	const char *first;

	if (!json_is_array(fields))
		return NULL;
	if (!s_defs)
		s_defs = json_object();
	s_key(tui_jstr(reply, "code"), json_integer_value(json_object_get(reply, "version")), key, sizeof key);
	if (json_is_array(json_object_get(reply, "checklist")))
		desk = json_pack("{s:O, s:O}", "extensions", json_object_get(reply, "extensions") ?: json_null(),
		                 "checklist", json_object_get(reply, "checklist"));
	else if ((was = json_object_get(s_defs, key)) && !strcmp(tui_jstr(was, "tag"), tui_jstr(reply, "tag")))
		desk = json_incref(json_object_get(was, "desk")); /* the same definition, met without its desk */
	json_object_del(s_defs, key); /* met again: the newest, the last to go */
	json_object_set_new(s_defs, key,
	                    json_pack("{s:s, s:O, s:o?}", "tag", tui_jstr(reply, "tag"), "fields", fields, "desk", desk));
	while (json_object_size(s_defs) > HELD_MAX && (first = json_object_iter_key(json_object_iter(s_defs))))
		json_object_del(s_defs, first);
	s_save();
	return json_object_get(json_object_get(s_defs, key), "fields");
}

json_t *tui_procedure_defs_request(const char *code, json_int_t version)
{
	return json_pack("{s:s, s:I, s:b}", "code", code, "version", version, "brief", 1);
}

json_t *tui_procedure_defs_held(void)
{
	json_t *a = json_array(), *v;
	const char *k;
	char key[160];
	/* dossier.show's limit: the 32 met last; a miss costs only the fields again */
	size_t skip = json_object_size(s_defs) > 32 ? json_object_size(s_defs) - 32 : 0;

	json_object_foreach(s_defs, k, v)
	{
		if (skip) {
			skip--;
			continue;
		}
		snprintf(key, sizeof key, "%s#%s", k, tui_jstr(v, "tag"));
		json_array_append_new(a, json_string(key));
	}
	return a;
}
