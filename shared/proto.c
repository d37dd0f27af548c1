/* proto.c — the message and error tables, and the MessagePack codec that
 * turns frames into jansson values and back, rejecting anything malformed.
 * Strings are validated and normalised to NFC here, once, on arrival. */
#include "proto.h"

#include <msgpack.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define F(key, type, flags, max, help) {#key, type, flags, max, help, NULL},
#define MSG(id, num, name, flags, doc, fields) \
	{MSG_##id, name, flags, doc, {fields}, sizeof((proto_field_t[]){fields {0}}) / sizeof(proto_field_t) - 1},
const proto_def_t proto_defs[] = {
#include "proto_msgs.def"
};
#undef MSG
#undef F
const size_t proto_ndefs = sizeof(proto_defs) / sizeof(proto_defs[0]);

const proto_def_t *proto_def(int id)
{
	for (size_t i = 0; i < proto_ndefs; i++)
		if ((int)proto_defs[i].id == id)
			return &proto_defs[i];
	return NULL;
}

const proto_def_t *proto_def_by_name(const char *name)
{
	for (size_t i = 0; i < proto_ndefs; i++)
		if (strcmp(proto_defs[i].name, name) == 0)
			return &proto_defs[i];
	return NULL;
}

static const struct {
	const char *code;
	int exit;
	const char *msg;
} s_errs[] = {
#define PERR(id, code, ex, msg) {code, ex, msg},
#include "errors.def"
#undef PERR
};

const char *proto_err_code(proto_err_t e) { return s_errs[e < E__COUNT ? e : E_INTERNAL].code; }
int proto_err_exit(proto_err_t e) { return s_errs[e < E__COUNT ? e : E_INTERNAL].exit; }
const char *proto_err_msg(proto_err_t e) { return s_errs[e < E__COUNT ? e : E_INTERNAL].msg; }

proto_err_t proto_err_from_code(const char *code)
{
	for (int i = 0; code && i < E__COUNT; i++)
		if (strcmp(s_errs[i].code, code) == 0)
			return (proto_err_t)i;
	return E_INTERNAL;
}

json_t *proto_error_body(proto_err_t e, const char *field)
{
	json_t *b = json_pack("{s:s, s:s}", "code", proto_err_code(e), "message", proto_err_msg(e));
	if (b && field)
		json_object_set_new(b, "field", json_string(field));
	return b;
}

/* --- encoding: json_t -> msgpack --- */

/* The index of key in shape s, or -1. */
static int s_index(const proto_shape_t *s, const char *key)
{
	for (int i = 0; s && i < s->nfields; i++)
		if (strcmp(s->fields[i].key, key) == 0)
			return i;
	return -1;
}

/* The shape of the objects field fd's value holds (itself, or each
 * element of a list), or NULL. */
static const proto_shape_t *s_sub(const proto_shape_t *s, int i)
{
	return i >= 0 && (s->fields[i].type == T_OBJ || s->fields[i].type == T_LIST) ? s->fields[i].shape : NULL;
}

/* Pack v; an object of shape s with its declared keys as their indexes,
 * and the elements of an array as objects of shape `each`. */
static int s_pack(msgpack_packer *pk, const json_t *v, int depth, const proto_shape_t *s, const proto_shape_t *each)
{
	if (depth > PROTO_MAX_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		if (msgpack_pack_map(pk, json_object_size(v)))
			return -1;
		json_object_foreach((json_t *)v, k, x)
		{
			size_t n = strlen(k);
			int i = s_index(s, k);
			if (i >= 0 ? msgpack_pack_int(pk, i)
			           : msgpack_pack_str(pk, n) || msgpack_pack_str_body(pk, k, n))
				return -1;
			if (s_pack(pk, x, depth + 1, s_sub(s, i), s_sub(s, i)))
				return -1;
		}
		return 0;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		if (msgpack_pack_array(pk, json_array_size(v)))
			return -1;
		json_array_foreach(v, i, x) if (s_pack(pk, x, depth + 1, each, NULL)) return -1;
		return 0;
	}
	case JSON_STRING: {
		size_t n = json_string_length(v);
		return msgpack_pack_str(pk, n) || msgpack_pack_str_body(pk, json_string_value(v), n) ? -1 : 0;
	}
	case JSON_INTEGER: return msgpack_pack_int64(pk, json_integer_value(v));
	case JSON_REAL: return msgpack_pack_double(pk, json_real_value(v));
	case JSON_TRUE: return msgpack_pack_true(pk);
	case JSON_FALSE: return msgpack_pack_false(pk);
	case JSON_NULL: return msgpack_pack_nil(pk);
	}
	return -1;
}

/* The declared shape of a frame's body: a request's fields, a reply's or
 * an event's body; NULL for errors and what is not declared. req is
 * filled for a request. */
static const proto_shape_t *s_frame_shape(proto_kind_t kind, int type, proto_shape_t *req)
{
	const proto_def_t *d;

	switch (kind) {
	case K_REQUEST:
		if (!(d = proto_def(type)))
			return NULL;
		*req = (proto_shape_t){d->name, d->doc, d->fields, d->nfields};
		return req;
	case K_REPLY: return proto_reply_shape(type);
	case K_EVENT: return proto_event_shape(type);
	default: return NULL;
	}
}


void *proto_encode(proto_kind_t kind, int type, uint64_t id, const json_t *body, size_t *len)
{
	msgpack_sbuffer sb;
	msgpack_packer pk;
	json_t *empty = NULL;
	void *out = NULL;
	proto_shape_t req;
	const proto_shape_t *shape = s_frame_shape(kind, type, &req);

	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	if (!body)
		body = empty = json_object();
	if (msgpack_pack_array(&pk, 4) || msgpack_pack_int(&pk, kind) || msgpack_pack_int(&pk, type) ||
	    msgpack_pack_uint64(&pk, id) || s_pack(&pk, body, 0, shape, NULL))
		goto done;
	if (sb.size > PROTO_MAX_FRAME)
		goto done;
	*len = sb.size;
	out = sb.data; /* hand the buffer over */
	sb.data = NULL;
done:
	msgpack_sbuffer_destroy(&sb);
	json_decref(empty);
	return out;
}

/* --- decoding: msgpack -> json_t --- */

static json_t *s_string(const char *p, uint32_t n)
{
	size_t len;
	char *nfc = text_nfc(p, n, &len);
	json_t *j;
	if (!nfc)
		return NULL;
	j = json_stringn_nocheck(nfc, len);
	free(nfc);
	return j;
}

/* o as a json value; an object of shape s (its integer keys the indexes
 * of its declared fields), the elements of an array of shape `each`. */
static json_t *s_unpack(const msgpack_object *o, int depth, const proto_shape_t *s, const proto_shape_t *each)
{
	json_t *j = NULL;

	if (depth > PROTO_MAX_DEPTH)
		return NULL;
	switch (o->type) {
	case MSGPACK_OBJECT_NIL: return json_null();
	case MSGPACK_OBJECT_BOOLEAN: return json_boolean(o->via.boolean);
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		return o->via.u64 > INT64_MAX ? NULL : json_integer((json_int_t)o->via.u64);
	case MSGPACK_OBJECT_NEGATIVE_INTEGER: return json_integer(o->via.i64);
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64: return json_real(o->via.f64);
	case MSGPACK_OBJECT_STR: return s_string(o->via.str.ptr, o->via.str.size);
	case MSGPACK_OBJECT_ARRAY:
		j = json_array();
		for (uint32_t i = 0; j && i < o->via.array.size; i++) {
			json_t *x = s_unpack(&o->via.array.ptr[i], depth + 1, each, NULL);
			if (!x || json_array_append_new(j, x))
				goto fail;
		}
		return j;
	case MSGPACK_OBJECT_MAP:
		j = json_object();
		for (uint32_t i = 0; j && i < o->via.map.size; i++) {
			const msgpack_object_kv *kv = &o->via.map.ptr[i];
			json_t *k, *x;
			int fi = -1;
			if (kv->key.type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
				if (!s || kv->key.via.u64 >= (uint64_t)s->nfields)
					goto fail; /* an index that names no declared field */
				fi = (int)kv->key.via.u64;
				k = json_string(s->fields[fi].key);
			} else if (kv->key.type == MSGPACK_OBJECT_STR) {
				k = s_string(kv->key.via.str.ptr, kv->key.via.str.size);
				fi = k ? s_index(s, json_string_value(k)) : -1;
			} else
				goto fail;
			if (!k)
				goto fail;
			x = s_unpack(&kv->val, depth + 1, s_sub(s, fi), s_sub(s, fi));
			if (!x || json_object_get(j, json_string_value(k)) ||
			    json_object_set_new(j, json_string_value(k), x)) {
				json_decref(k);
				json_decref(x);
				goto fail; /* duplicate keys are malformed */
			}
			json_decref(k);
		}
		return j;
	default: return NULL; /* BIN, EXT: not part of the protocol */
	}
fail:
	json_decref(j);
	return NULL;
}

/* msgpack-c reserves room for every element an array or map header
 * claims before it looks at the bytes, so a 5-byte frame could ask for
 * gigabytes. Walk the headers first: every element needs at least one byte,
 * so the elements still owed can never exceed the bytes still unread, and
 * strings must fit in the frame. Returns 0 when the frame is plausible. */
static int s_bounded(const unsigned char *p, size_t len)
{
	size_t pos = 0, owed = 1;

	while (owed > 0) {
		unsigned char b;
		uint64_t n = 0, skip = 0, add = 0;

		if (pos >= len)
			return -1;
		b = p[pos++];
		owed--;
#define NEED(k)                                      \
	do {                                         \
		if (len - pos < (k))                 \
			return -1;                   \
		n = 0;                               \
		for (size_t i_ = 0; i_ < (k); i_++)  \
			n = (n << 8) | p[pos + i_];  \
		pos += (k);                          \
	} while (0)
		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3)
			continue; /* fixint, nil, bool */
		if ((b & 0xf0) == 0x80)
			add = 2u * (b & 0x0f);
		else if ((b & 0xf0) == 0x90)
			add = b & 0x0f;
		else if ((b & 0xe0) == 0xa0)
			skip = b & 0x1f;
		else
			switch (b) {
			case 0xcc: case 0xd0: skip = 1; break;
			case 0xcd: case 0xd1: skip = 2; break;
			case 0xca: case 0xce: case 0xd2: skip = 4; break;
			case 0xcb: case 0xcf: case 0xd3: skip = 8; break;
			case 0xd9: case 0xc4: NEED(1); skip = n; break;
			case 0xda: case 0xc5: NEED(2); skip = n; break;
			case 0xdb: case 0xc6: NEED(4); skip = n; break;
			case 0xdc: NEED(2); add = n; break;
			case 0xdd: NEED(4); add = n; break;
			case 0xde: NEED(2); add = 2 * n; break;
			case 0xdf: NEED(4); add = 2 * n; break;
			case 0xd4: skip = 2; break; /* fixext 1..16: type byte + data */
			case 0xd5: skip = 3; break;
			case 0xd6: skip = 5; break;
			case 0xd7: skip = 9; break;
			case 0xd8: skip = 17; break;
			case 0xc7: NEED(1); skip = n + 1; break;
			case 0xc8: NEED(2); skip = n + 1; break;
			case 0xc9: NEED(4); skip = n + 1; break;
			default: return -1; /* 0xc1: never used */
			}
#undef NEED
		if (skip > len - pos)
			return -1;
		pos += skip;
		owed += add;
		if (owed > len - pos)
			return -1;
	}
	return 0;
}

proto_err_t proto_decode(const void *buf, size_t len, proto_frame_t *f)
{
	msgpack_unpacked u;
	size_t off = 0;
	proto_err_t rc = E_MALFORMED;
	const msgpack_object *a;

	memset(f, 0, sizeof(*f));
	if (len > PROTO_MAX_FRAME)
		return E_TOO_LARGE;
	if (s_bounded(buf, len) != 0)
		return E_MALFORMED;
	msgpack_unpacked_init(&u);
	if (msgpack_unpack_next(&u, buf, len, &off) != MSGPACK_UNPACK_SUCCESS || off != len)
		goto done;
	if (u.data.type != MSGPACK_OBJECT_ARRAY || u.data.via.array.size != 4)
		goto done;
	a = u.data.via.array.ptr;
	if (a[2].type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		f->id = a[2].via.u64;
	if (a[0].type != MSGPACK_OBJECT_POSITIVE_INTEGER || a[0].via.u64 > K_EVENT ||
	    a[1].type != MSGPACK_OBJECT_POSITIVE_INTEGER || a[1].via.u64 > 65535 ||
	    a[2].type != MSGPACK_OBJECT_POSITIVE_INTEGER || a[3].type != MSGPACK_OBJECT_MAP)
		goto done;
	f->kind = (proto_kind_t)a[0].via.u64;
	f->type = (int)a[1].via.u64;
	{
		proto_shape_t req;
		f->body = s_unpack(&a[3], 0, s_frame_shape(f->kind, f->type, &req), NULL);
	}
	if (f->body)
		rc = E_OK;
done:
	msgpack_unpacked_destroy(&u);
	if (rc != E_OK) {
		uint64_t id = f->id;
		proto_frame_clear(f);
		f->id = id;
	}
	return rc;
}

void proto_frame_clear(proto_frame_t *f)
{
	json_decref(f->body);
	memset(f, 0, sizeof(*f));
}

/* --- schema checks --- */

static const proto_field_t *s_field(const proto_def_t *def, const char *key)
{
	for (int i = 0; i < def->nfields; i++)
		if (strcmp(def->fields[i].key, key) == 0)
			return &def->fields[i];
	return NULL;
}

/* The text of string field fd is safe to show: see proto_check. A
 * multi-line field's CR LF pairs are turned into LF in v first. */
static int s_text_ok(const proto_field_t *fd, json_t *v)
{
	bool multi = fd->flags & F_MULTILINE;

	if (fd->flags & F_SECRET)
		return 1;
	if (multi && memchr(json_string_value(v), '\r', json_string_length(v))) {
		char *t = strdup(json_string_value(v));
		size_t n;
		if (!t)
			return 0;
		n = text_crlf_to_lf(t);
		json_string_setn_nocheck(v, t, n);
		free(t);
	}
	return text_clean(json_string_value(v), json_string_length(v), multi);
}

static int s_field_ok(const proto_field_t *fd, json_t *v)
{
	size_t i;
	json_t *x;

	switch (fd->type) {
	case T_STR: return json_is_string(v) && (long long)json_string_length(v) <= fd->max && s_text_ok(fd, v);
	case T_INT:
		return json_is_integer(v) && json_integer_value(v) >= 0 &&
		       (fd->max <= 0 || json_integer_value(v) <= fd->max);
	case T_BOOL: return json_is_boolean(v);
	case T_STRS:
		if (!json_is_array(v) || (long long)json_array_size(v) > fd->max)
			return 0;
		json_array_foreach(v, i, x)
		{
			if (!json_is_string(x) || json_string_length(x) > 256 ||
			    !text_clean(json_string_value(x), json_string_length(x), false))
				return 0;
		}
		return 1;
	case T_OBJ: {
		const char *k;
		if (!json_is_object(v) || (long long)json_object_size(v) > fd->max)
			return 0;
		json_object_foreach((json_t *)v, k, x) if (!json_is_string(x) || json_string_length(x) > 4000) return 0;
		return 1;
	}
	case T_LIST:
	case T_NUM:
	case T_ANY: return 0; /* replies and events only */
	}
	return 0;
}

proto_err_t proto_check(const proto_def_t *def, json_t *body, const char **bad_field)
{
	const char *k;
	json_t *v;

	*bad_field = NULL;
	if (!json_is_object(body))
		return E_MALFORMED;
	json_object_foreach(body, k, v)
	{
		const proto_field_t *fd = s_field(def, k);
		if (!fd || !s_field_ok(fd, v)) {
			*bad_field = fd ? fd->key : k;
			return E_INVALID;
		}
	}
	for (int i = 0; i < def->nfields; i++)
		if ((def->fields[i].flags & F_REQ) && !json_object_get(body, def->fields[i].key)) {
			*bad_field = def->fields[i].key;
			return E_INVALID;
		}
	return E_OK;
}

const char *proto_event_name(int ev)
{
	switch (ev) {
#define EV(id, num, name, doc) \
	case num: return name;
		PROTO_EVENTS(EV)
#undef EV
	}
	return "?";
}

/* --- roles --- */

static const struct {
	int bit;
	const char *name, *label;
} s_roles[] = {
#define R(id, bit, name, label) {bit, name, label},
	PROTO_ROLES(R)
#undef R
};
#define NROLES (sizeof(s_roles) / sizeof(s_roles[0]))

int proto_roles_parse(const json_t *arr)
{
	size_t i;
	json_t *x;
	int mask = 0;

	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return -1;
	json_array_foreach(arr, i, x)
	{
		size_t r;
		for (r = 0; r < NROLES; r++)
			if (json_is_string(x) && strcmp(json_string_value(x), s_roles[r].name) == 0)
				break;
		if (r == NROLES)
			return -1;
		mask |= s_roles[r].bit;
	}
	return mask;
}

json_t *proto_roles_json(int mask)
{
	json_t *a = json_array();
	for (size_t r = 0; r < NROLES; r++)
		if (mask & s_roles[r].bit)
			json_array_append_new(a, json_string(s_roles[r].name));
	return a;
}

const char *proto_role_label(const char *name)
{
	for (size_t r = 0; r < NROLES; r++)
		if (strcmp(name, s_roles[r].name) == 0)
			return s_roles[r].label;
	return name;
}
