/* attach.c — attachments of official documents, the reading side: the
 * document a request names and whether c may see it, the attachment's
 * card, attach.list, and attach.get (a file's bytes in chunks by offset:
 * the client asks for the next chunk when it wants it, so stopping is
 * cancelling). Who may see the document may see its attachments; a
 * confidential document's only its readers. */
#include "attach.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "document_out.h"
#include "store/attach.h"

proto_err_t attach_fail(srv_ctx_t *c, proto_err_t e, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof c->detail, fmt, ap);
	va_end(ap);
	if (field)
		c->bad_field = field;
	return e;
}

proto_err_t attach_doc(srv_ctx_t *c, const json_t *req, attach_doc_t *d)
{
	const char *code = json_string_value(json_object_get(req, "code"));
	proto_err_t e;

	memset(d, 0, sizeof *d);
	if (code && !strncmp(code, DRAFT_CODE_PREFIX, strlen(DRAFT_CODE_PREFIX))) {
		draft_t x;
		if ((e = draft_load_visible(c, req, &x)) != E_OK)
			return e;
		d->kind = 'o';
		d->id = x.id;
		snprintf(d->code, sizeof d->code, "%s", x.code);
		draft_clear(&x);
	} else {
		document_t x;
		if ((e = document_load_visible(c, req, &x)) != E_OK)
			return e;
		d->kind = 'i';
		d->id = x.id;
		snprintf(d->code, sizeof d->code, "%s", x.code);
		document_clear(&x);
	}
	return E_OK;
}

/* A store row as the reply carries it: the time as text. Steals row. */
static json_t *s_card(json_t *row)
{
	wf_time_field(row, "at");
	return row;
}

json_t *attach_card(srv_ctx_t *c, const attach_doc_t *d, const char *name)
{
	json_t *rows = store_attach_list(c->db, d->kind, d->id), *r, *out = NULL;
	size_t i;

	json_array_foreach(rows, i, r) if (!out && !strcmp(json_string_value(json_object_get(r, "name")), name)) out =
	    s_card(json_incref(r));
	json_decref(rows);
	return out;
}

proto_err_t srv_attach_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	attach_doc_t d;
	proto_err_t e = attach_doc(c, req, &d);
	json_t *rows, *r;
	size_t i;

	if (e != E_OK)
		return e;
	if (!(rows = store_attach_list(c->db, d.kind, d.id)))
		return E_INTERNAL;
	json_array_foreach(rows, i, r) s_card(r);
	*reply = json_pack("{s:s, s:o}", "code", d.code, "attachments", rows);
	return E_OK;
}

proto_err_t srv_attach_get(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *which = json_string_value(json_object_get(req, "file"));
	json_t *jo = json_object_get(req, "offset"), *jm = json_object_get(req, "max");
	int64_t off = jo ? json_integer_value(jo) : 0, size;
	size_t max = jm ? (size_t)json_integer_value(jm) : 16384;
	char hash[65], name[256], mime[64];
	unsigned char buf[ATTACH_CHUNK_MAX];
	char *b64;
	long got;
	attach_doc_t d;
	proto_err_t e = attach_doc(c, req, &d);
	store_rc_t rc;

	if (e != E_OK)
		return e;
	rc = store_attach_find(c->db, d.kind, d.id, which, hash, name, sizeof name, &size, mime, sizeof mime);
	if (rc == STORE_NONE)
		return attach_fail(c, E_NOT_FOUND, "file", "Văn bản %s không có tệp đính kèm %s", d.code, which);
	if (rc != STORE_OK)
		return E_INTERNAL;
	if (off > size)
		return attach_fail(c, E_INVALID, "offset", "Tệp chỉ có %lld byte", (long long)size);
	if (max == 0 || max > ATTACH_CHUNK_MAX)
		max = ATTACH_CHUNK_MAX;
	if ((got = store_attach_read(c->db, hash, off, buf, max)) < 0 || (off + got < size && got == 0))
		return E_INTERNAL;
	b64 = malloc(sodium_base64_ENCODED_LEN((size_t)got, sodium_base64_VARIANT_ORIGINAL));
	if (!b64)
		return E_INTERNAL;
	sodium_bin2base64(b64, sodium_base64_ENCODED_LEN((size_t)got, sodium_base64_VARIANT_ORIGINAL), buf, (size_t)got,
	                  sodium_base64_VARIANT_ORIGINAL);
	*reply = json_pack("{s:s, s:s, s:I, s:s, s:I, s:s}", "name", name, "hash", hash, "size", (json_int_t)size,
	                   "mime", mime, "offset", (json_int_t)off, "data", b64);
	free(b64);
	return E_OK;
}
