/* edxml_cli.c — mapping between congvu's documents and the edXML package
 * (edxml_cli.h). */
#include "edxml_cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edxml.h"

json_t *edxml_from_exchange(const json_t *x)
{
	json_t *m = json_deep_copy(x);
	const char *text = json_string_value(json_object_get(x, "content"));
	const char *code = json_string_value(json_object_get(x, "code"));
	size_t len = text ? strlen(text) : 0, blen = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(blen), name[64];

	snprintf(name, sizeof name, "%s.txt", code ? code : "van-ban");
	if (b64) {
		sodium_bin2base64(b64, blen, (const unsigned char *)(text ? text : ""), len,
		                  sodium_base64_VARIANT_ORIGINAL);
		json_object_set_new(
		    m, "attachments",
		    json_pack("[{s:s, s:s, s:s}]", "name", name, "type", "text/plain; charset=utf-8", "data", b64));
	}
	free(b64);
	return m;
}

void edxml_file(const json_t *x, const char *dir, char *path, size_t n)
{
	const char *code = json_string_value(json_object_get(x, "code"));
	snprintf(path, n, "%s/%s.edxml.xml", dir, code ? code : "van-ban");
}

json_t *edxml_register_body(const json_t *m)
{
	const char *urg = edxml_urgency((int)json_integer_value(json_object_get(m, "priority")));
	json_t *b =
	    json_pack("{s:O, s:O, s:O, s:O, s:O}", "sender", json_object_get(json_object_get(m, "from"), "name"),
	              "number", json_object_get(m, "notation"), "date", json_object_get(m, "date"), "type",
	              json_object_get(m, "type"), "summary", json_object_get(m, "subject"));

	if (urg)
		json_object_set_new(b, "urgency", json_string(urg));
	if (json_object_get(m, "pages"))
		json_object_set(b, "pages", json_object_get(m, "pages"));
	return b;
}

static const char *s_str(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

const char *edxml_agency(const json_t *m, const json_t *form)
{
	const json_t *f, *to, *c, *codes = NULL;
	size_t i, k;

	json_array_foreach(json_object_get(form, "fields"), i, f)
	{
		if (!strcmp(s_str(f, "name"), "agency"))
			codes = json_object_get(f, "codes");
	}
	json_array_foreach(json_object_get(m, "to"), i, to)
	{
		json_array_foreach(codes, k, c)
		{
			if (*s_str(to, "id") &&
			    !strcmp(s_str(to, "id"), json_string_value(c) ? json_string_value(c) : ""))
				return s_str(to, "id");
		}
	}
	return NULL;
}
