/* proto_shape.c — replies and events declared like requests: the tables
 * expanded from proto_replies.def, and the check every reply and event
 * passes in a debug build (proto_encode calls it), so that a body built
 * unlike its declaration fails the test that built it. The same
 * declarations let the codec send declared keys as small integers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

/* Every shape declared first, so that a field may name one declared
 * further down. */
#define SHAPE(name, doc, fields) static const proto_shape_t SH_##name;
#define REPLY(id, fields) static const proto_shape_t SH_reply_##id;
#define EVENT(id, fields) static const proto_shape_t SH_event_##id;
#include "proto_replies.def"
#undef SHAPE
#undef REPLY
#undef EVENT

#define V(key, type, flags, help) {#key, type, flags, 0, help, NULL},
#define O(key, type, shape, flags, help) {#key, type, flags, 0, help, &SH_##shape},
#define S_FIELDS(sym, ...) static const proto_field_t sym[] = {__VA_ARGS__{0}};
#define S_COUNT(sym) ((int)(sizeof(sym) / sizeof(sym[0])) - 1)
#define SHAPE(name, doc, fields)                                                                                      \
	S_FIELDS(FS_##name, fields)                                                                                    \
	static const proto_shape_t SH_##name = {#name, doc, FS_##name, S_COUNT(FS_##name)};
#define REPLY(id, fields)                                                                                              \
	S_FIELDS(FS_reply_##id, fields)                                                                                \
	static const proto_shape_t SH_reply_##id = {"reply " #id, NULL, FS_reply_##id, S_COUNT(FS_reply_##id)};
#define EVENT(id, fields)                                                                                              \
	S_FIELDS(FS_event_##id, fields)                                                                                \
	static const proto_shape_t SH_event_##id = {"event " #id, NULL, FS_event_##id, S_COUNT(FS_event_##id)};
#include "proto_replies.def"
#undef SHAPE
#undef REPLY
#undef EVENT
#undef V
#undef O

#define SHAPE(name, doc, fields) &SH_##name,
#define REPLY(id, fields)
#define EVENT(id, fields)
const proto_shape_t *const proto_shapes[] = {
#include "proto_replies.def"
};
#undef SHAPE
const size_t proto_nshapes = sizeof(proto_shapes) / sizeof(proto_shapes[0]);
#define SHAPE(name, doc, fields)

const proto_shape_t *proto_reply_shape(int id)
{
	switch (id) {
#undef REPLY
#define REPLY(id, fields)                                                                                              \
	case MSG_##id: return &SH_reply_##id;
#include "proto_replies.def"
	}
	return NULL;
}

const proto_shape_t *proto_event_shape(int ev)
{
	switch (ev) {
#undef REPLY
#undef EVENT
#define REPLY(id, fields)
#define EVENT(id, fields)                                                                                              \
	case EV_##id: return &SH_event_##id;
#include "proto_replies.def"
	}
	return NULL;
}
#undef SHAPE
#undef REPLY
#undef EVENT

static const char *const s_types[] = {[T_STR] = "string",   [T_INT] = "int",   [T_BOOL] = "bool",
                                      [T_STRS] = "string[]", [T_OBJ] = "map",   [T_LIST] = "list",
                                      [T_NUM] = "number",    [T_ANY] = "any"};

static int s_fail(char *err, size_t n, const char *path, const char *what)
{
	snprintf(err, n, "%s: %s", path, what);
	return -1;
}

static int s_obj(const proto_shape_t *s, const json_t *o, const char *path, char *err, size_t n);

/* v against field f; path names it in err. */
static int s_value(const proto_field_t *f, const json_t *v, const char *path, char *err, size_t n)
{
	char sub[192], what[64];
	size_t i;
	json_t *x;
	bool ok;

	if (json_is_null(v))
		return (f->flags & F_NULL) || f->type == T_ANY ? 0 : s_fail(err, n, path, "null not declared");
	switch (f->type) {
	case T_STR: ok = json_is_string(v); break;
	case T_INT: ok = json_is_integer(v); break;
	case T_NUM: ok = json_is_number(v); break;
	case T_BOOL: ok = json_is_boolean(v); break;
	case T_STRS:
		ok = json_is_array(v);
		json_array_foreach(v, i, x) ok = ok && json_is_string(x);
		break;
	case T_OBJ:
		if (!json_is_object(v))
			ok = false;
		else
			return f->shape ? s_obj(f->shape, v, path, err, n) : 0;
		break;
	case T_LIST:
		if (!(ok = json_is_array(v)) || !f->shape)
			break;
		json_array_foreach(v, i, x)
		{
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			if (!json_is_object(x))
				return s_fail(err, n, sub, "map expected");
			if (s_obj(f->shape, x, sub, err, n) != 0)
				return -1;
		}
		break;
	default: ok = true;
	}
	if (ok)
		return 0;
	snprintf(what, sizeof what, "%s expected", s_types[f->type]);
	return s_fail(err, n, path, what);
}

static int s_obj(const proto_shape_t *s, const json_t *o, const char *path, char *err, size_t n)
{
	char sub[192];
	const char *k;
	json_t *v;

	if (!json_is_object(o))
		return s_fail(err, n, path[0] ? path : s->name, "map expected");
	json_object_foreach((json_t *)o, k, v)
	{
		const proto_field_t *f = NULL;
		for (int i = 0; i < s->nfields && !f; i++)
			if (!strcmp(s->fields[i].key, k))
				f = &s->fields[i];
		snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", k);
		if (!f)
			return s_fail(err, n, sub, "not declared");
		if (s_value(f, v, sub, err, n) != 0)
			return -1;
	}
	for (int i = 0; i < s->nfields; i++)
		if (!(s->fields[i].flags & F_OPT) && !json_object_get(o, s->fields[i].key)) {
			snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", s->fields[i].key);
			return s_fail(err, n, sub, "missing");
		}
	return 0;
}

int proto_shape_check(const proto_shape_t *s, const json_t *body, char *err, size_t errlen)
{
	return s_obj(s, body, "", err, errlen);
}

void proto_shape_assert(proto_kind_t kind, int type, const json_t *body)
{
#ifdef PROTO_CHECK_SHAPES
	const proto_shape_t *s = kind == K_REPLY ? proto_reply_shape(type) : kind == K_EVENT ? proto_event_shape(type) : NULL;
	char err[256];

	if (kind != K_REPLY && kind != K_EVENT)
		return;
	if (!s) {
		fprintf(stderr, "proto: %s %d has no declaration in proto_replies.def\n", kind == K_REPLY ? "reply" : "event",
		        type);
		abort();
	}
	if (proto_shape_check(s, body, err, sizeof err) != 0) {
		char *js = json_dumps(body, JSON_COMPACT);
		fprintf(stderr, "proto: %s does not match its declaration: %s\nbody: %.2000s\n", s->name, err, js ? js : "?");
		free(js);
		abort();
	}
#else
	(void)kind;
	(void)type;
	(void)body;
#endif
}
