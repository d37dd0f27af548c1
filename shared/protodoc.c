/* protodoc.c — prints docs/protocol.md from the message, error, event and
 * role tables, so the document cannot drift from the code: a test compares
 * the committed file with this output (regenerate: scripts/gen-docs). */
#include <stdio.h>

#include "proto.h"

static const char *const s_types[] = {[T_STR] = "string",   [T_INT] = "int",    [T_BOOL] = "bool",
                                      [T_STRS] = "string[]", [T_OBJ] = "map",    [T_LIST] = "list",
                                      [T_NUM] = "number",    [T_ANY] = "any"};

/* The table of a reply's, an event's or a shape's fields. */
static void s_shape(const proto_shape_t *s)
{
	char ty[128];

	if (!s->nfields) {
		printf("No fields.\n\n");
		return;
	}
	printf("| field | type | present | meaning |\n|---|---|---|---|\n");
	for (int k = 0; k < s->nfields; k++) {
		const proto_field_t *f = &s->fields[k];
		if (f->shape)
			snprintf(ty, sizeof ty, "%s [`%s`](#%s)", f->type == T_LIST ? "list of" : "map", f->shape->name,
			         f->shape->name);
		else
			snprintf(ty, sizeof ty, "%s", s_types[f->type]);
		printf("| %d `%s` | %s%s | %s | %s |\n", k, f->key, ty, f->flags & F_NULL ? " or null" : "",
		       f->flags & F_OPT ? "optional" : "always", f->help);
	}
	printf("\n");
}

static const char *s_flags(int f, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s%s%s%s%s", f & P_ANON ? "anon " : "", f & P_DEVICE ? "device " : "",
		 !(f & (P_ANON | P_DEVICE)) ? "user " : "", f & P_PWOK ? "pwok " : "", f & P_ADMIN ? "admin " : "",
		 f & P_ROOT ? "root " : "", f & P_WRITE ? "write " : "", f & P_LOOP ? "loop " : "");
	return buf;
}

int main(void)
{
	char fl[128];

	printf("# congvu wire protocol, version %d\n\n", PROTO_VERSION);
	printf("Generated from `shared/proto_msgs.def`, `shared/errors.def` and `shared/proto.h` by\n"
	       "`protodoc` (run `scripts/gen-docs`); a test fails when this file is stale.\n\n");
	printf("## Transport\n\n"
	       "One ZeroMQ DEALER (client) ↔ ROUTER (congvud) connection over CurveZMQ. The client pins the\n"
	       "server's public key from its enrollment invite; the server's ZAP handler accepts enrolled\n"
	       "device keys (`User-Id` `d:<id>`), lets unknown keys in only to enroll (`k:<key>`) and refuses\n"
	       "revoked keys at the handshake. ZMTP heartbeats every 5 s, 15 s timeout. Frames larger than\n"
	       "%d bytes are refused by `ZMQ_MAXMSGSIZE` (the link is dropped).\n\n",
	       PROTO_MAX_FRAME);
	printf("## Frames\n\n"
	       "Every frame is one MessagePack array `[kind, type, id, body]`:\n\n"
	       "| field | meaning |\n|---|---|\n"
	       "| kind | 0 request, 1 reply, 2 error, 3 event |\n"
	       "| type | message number (below) for requests, replies and errors; event number for events |\n"
	       "| id | request id chosen by the client; replies carry it back; 0 for events |\n"
	       "| body | a map; strings are UTF-8 and normalised to NFC on arrival |\n\n"
	       "A body's keys are strings, or — for a declared field of a request, a reply, an event or\n"
	       "a map of a declared shape (the tables below) — the field's number in its table: the\n"
	       "number before its name (`{0: 7}` is `{\"seq\": 7}` in a `task.changed`). Keys not\n"
	       "declared travel as strings. Debug builds of congvud abort on a reply or event that does\n"
	       "not match its declaration.\n\n"
	       "Nesting is limited to %d levels; BIN and EXT types, duplicate keys and invalid UTF-8 are\n"
	       "malformed. An error body is `{code, message[, field]}`.\n\n"
	       "Text fields are one line: a string holding a control character (TAB, CR, LF, ESC, DEL,\n"
	       "U+0080–U+009F) or a bidi override, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E,\n"
	       "U+200F, U+061C) or U+2028/U+2029 is refused with `invalid` naming the field. A field marked\n"
	       "(multi-line) may hold LF; CR LF arrives as LF. Secrets are exempt.\n\n"
	       "Writes (flag `write`) run in one transaction and their reply is remembered by (device,\n"
	       "request id): a retry returns the first reply and is never applied twice.\n\n",
	       PROTO_MAX_DEPTH);
	printf("## Messages\n\nFlags: `anon` allowed before enrollment; `device` needs an enrolled device;\n"
	       "`user` needs a logged-in session; `pwok` allowed before a forced password change;\n"
	       "`admin` needs the admin role (and the target inside the admin's unit subtree);\n"
	       "`root` needs an admin of the root unit (what every unit shares: calendar, forms);\n"
	       "`write` changes state.\n\n");
	for (size_t i = 0; i < proto_ndefs; i++) {
		const proto_def_t *d = &proto_defs[i];
		printf("### %d `%s`\n\n%s. Flags: %s\n\n", d->id, d->name, d->doc, s_flags(d->flags, fl, sizeof fl));
		if (proto_reply_shape(d->id)) {
			printf("Reply:\n\n");
			s_shape(proto_reply_shape(d->id));
		}
		if (!d->nfields) {
			printf("Request: no fields.\n\n");
			continue;
		}
		printf("Request:\n\n| field | type | required | limit | meaning |\n|---|---|---|---|---|\n");
		for (int k = 0; k < d->nfields; k++) {
			const proto_field_t *f = &d->fields[k];
			printf("| `%s` | %s | %s | %lld | %s%s%s |\n", f->key, s_types[f->type], f->flags & F_REQ ? "yes" : "no",
			       f->max, f->help, f->flags & F_SECRET ? " (secret)" : "",
			       f->flags & F_MULTILINE ? " (multi-line)" : "");
		}
		printf("\n");
	}
	printf("## Events\n\nPushed by the server (kind 3, id 0) to the sessions allowed to see them.\n\n");
#define EV(id, num, name, doc)                                                                                         \
	printf("### %d `%s`\n\n%s.\n\n", num, name, doc);                                                           \
	if (proto_event_shape(num))                                                                                    \
		s_shape(proto_event_shape(num));
	PROTO_EVENTS(EV)
#undef EV
	printf("## Shapes\n\nObjects that replies and events share, named where a field holds them.\n\n");
	for (size_t i = 0; i < proto_nshapes; i++) {
		printf("<a id=\"%s\"></a>\n### `%s`\n\n%s\n\n", proto_shapes[i]->name, proto_shapes[i]->name,
		       proto_shapes[i]->doc);
		s_shape(proto_shapes[i]);
	}
	printf("\n## Errors\n\n| code | CLI exit status | message |\n|---|---|---|\n");
	for (int e = 0; e < E__COUNT; e++)
		printf("| `%s` | %d | %s |\n", proto_err_code(e), proto_err_exit(e), proto_err_msg(e));
	printf("\n## Roles\n\n| role | label |\n|---|---|\n");
#define R(id, bit, name, label) printf("| `%s` | %s |\n", name, label);
	PROTO_ROLES(R)
#undef R
	return 0;
}
