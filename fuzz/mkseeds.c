/* mkseeds.c — writes the seed corpus of fuzz_proto: one well-formed request
 * per message of proto_msgs.def (every field filled with a plausible value),
 * plus a reply, an error and an event. Usage: mkseeds DIR */
#include <stdio.h>
#include <stdlib.h>

#include "proto.h"

/* A plausible value for field fd: Vietnamese text for strings (so NFC and
 * multi-byte paths are seeded), small numbers, a role list. */
static json_t *s_value(const proto_field_t *fd)
{
	switch (fd->type) {
	case T_STR:
		return json_string(fd->max >= 20 ? "Nguy\xE1\xBB\x85n V\xC4\x83n \xC3\x81" : "000.01.15.H12");
	case T_INT:
		return json_integer(fd->max > 0 && fd->max < 2 ? fd->max : 1);
	case T_BOOL:
		return json_true();
	case T_STRS:
		return json_pack("[ss]", "clerk", "leader");
	case T_OBJ:
		return json_pack("{s:s, s:s}", "applicant_name", "L\xC3\xAA V\xC4\x83n Hai", "citizen_id",
		                 "079123456789");
	}
	return json_null();
}

static int s_write(const char *dir, const char *name, proto_kind_t kind, int type, json_t *body)
{
	char path[4096];
	size_t len = 0;
	void *buf = proto_encode(kind, type, 42, body, &len);
	FILE *f;
	int rc = -1;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (buf && (f = fopen(path, "wb")) != NULL) {
		rc = fwrite(buf, 1, len, f) == len ? 0 : -1;
		rc |= fclose(f);
	}
	free(buf);
	json_decref(body);
	if (rc)
		fprintf(stderr, "mkseeds: cannot write %s\n", path);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR\n");
		return 64;
	}
	for (size_t i = 0; i < proto_ndefs; i++) {
		const proto_def_t *d = &proto_defs[i];
		json_t *body = json_object();
		char name[96];
		for (int k = 0; k < d->nfields; k++)
			json_object_set_new(body, d->fields[k].key, s_value(&d->fields[k]));
		snprintf(name, sizeof name, "req-%s", d->name);
		rc |= s_write(argv[1], name, K_REQUEST, d->id, body);
	}
	rc |= s_write(argv[1], "reply-whoami", K_REPLY, MSG_whoami,
	              json_pack("{s:s, s:s, s:[s], s:{s:i, s:b}}", "user", "admin", "unit", "000.00.00.H12", "roles",
	                        "admin", "session", "idle", 1800, "must_change", 0));
	rc |= s_write(argv[1], "error-invalid", K_ERROR, MSG_login, proto_error_body(E_INVALID, "user"));
	rc |=
	    s_write(argv[1], "event-dossier", K_EVENT, EV_dossier_changed,
	            json_pack("{s:s, s:s, s:f}", "code", "000.01.15.H12-261127-0001", "state", "processing", "x", 0.5));
	return rc ? 1 : 0;
}
