/* attach_up.c — attachments of official documents, the upload: begin
 * (what the server holds of this file already: nothing to send when it
 * holds the whole file, the rest of an interrupted upload otherwise),
 * chunks (each its own small write, so the serve loop answers others
 * between two; a chunk sent again is answered with what is held and never
 * written twice), and finish (the BLAKE2b-256 of what arrived checked
 * against the one announced, the file kept once by its hash and linked to
 * the document, audited; a text file's words made searchable). Limits
 * from config.json: attach_max_kb per file, attach_quota_mb per unit (the
 * files its officials brought first, and their uploads in progress),
 * attach_upload_hours before an untouched upload is deleted. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attach.h"
#include "audit.h"
#include "store/attach.h"
#include "text.h"

/* A text attachment's body is searched when the file is at most this. */
#define TEXT_MAX (1024 * 1024)

/* Types by the name's extension; text/plain is decided by the content. */
static const struct {
	const char *ext, *mime;
} s_types[] = {
    {"pdf", "application/pdf"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"tif", "image/tiff"},
    {"tiff", "image/tiff"},
    {"zip", "application/zip"},
    {"xml", "application/xml"},
};

static const char *s_mime_by_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof s_types / sizeof s_types[0]; i++)
		if (!strcasecmp(dot + 1, s_types[i].ext))
			return s_types[i].mime;
	return "application/octet-stream";
}

static bool s_hex64(const char *h)
{
	size_t n = 0;

	for (; h[n]; n++)
		if (!isdigit((unsigned char)h[n]) && !(h[n] >= 'a' && h[n] <= 'f'))
			return false;
	return n == 64;
}

/* A name a file may keep on any desk: not empty, no path, no dot name. */
static bool s_name_ok(const char *n)
{
	return *n && !strchr(n, '/') && !strchr(n, '\\') && strcmp(n, ".") && strcmp(n, "..");
}

/* The upload the request's `upload` names, which must be c's own. */
static proto_err_t s_upload(srv_ctx_t *c, const json_t *req, store_upload_t *u)
{
	int64_t id = json_integer_value(json_object_get(req, "upload"));
	store_rc_t rc = store_upload_get(c->db, id, u);

	if (rc == STORE_ERROR)
		return E_INTERNAL;
	if (rc == STORE_NONE || u->user_id != c->user_id)
		return attach_fail(
		    c, E_NOT_FOUND, "upload",
		    "Không có lượt gửi %lld (đã xong, đã hết hạn sau %d giờ không gửi tiếp, hoặc của người khác): "
		    "bắt đầu lại bằng attach.begin",
		    (long long)id, c->cfg->attach_upload_hours);
	return E_OK;
}

/* Link the held file hash to d under name, audited; the reply's
 * attachment into *card. */
static proto_err_t s_link(srv_ctx_t *c, const attach_doc_t *d, const char *name, const char *hash, int64_t size,
                          json_t **card)
{
	store_rc_t rc = store_attach_link(c->db, d->kind, d->id, name, hash, c->user_id, c->now);

	if (rc == STORE_EXISTS)
		return attach_fail(c, E_EXISTS, "name", "Văn bản %s đã có tệp đính kèm khác tên %s", d->code, name);
	if (rc != STORE_OK && rc != STORE_NONE)
		return E_INTERNAL;
	if (rc == STORE_OK) /* STORE_NONE: linked so already, no change */
		audit_log(c, "attach.link", d->code,
		          json_pack("{s:s, s:s, s:I}", "name", name, "hash", hash, "size", (json_int_t)size));
	return (*card = attach_card(c, d, name)) ? E_OK : E_INTERNAL;
}

proto_err_t srv_attach_begin(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *name = json_string_value(json_object_get(req, "name"));
	const char *hash = json_string_value(json_object_get(req, "hash"));
	int64_t size = json_integer_value(json_object_get(req, "size")), held_size,
	        max = c->cfg->attach_max_kb * 1024LL;
	int64_t quota = c->cfg->attach_quota_mb * 1024LL * 1024, used;
	char mime[64], other[65], oname[8];
	int64_t osize;
	attach_doc_t d;
	store_upload_t u = {0};
	json_t *card = NULL;
	proto_err_t e = attach_doc(c, req, &d);
	store_rc_t rc;

	if (e != E_OK)
		return e;
	if (!s_name_ok(name))
		return attach_fail(c, E_INVALID, "name", "Tên tệp không được trống, không chứa / hoặc \\");
	if (!s_hex64(hash))
		return attach_fail(c, E_INVALID, "hash", "Mã băm phải là 64 chữ số hệ 16 viết thường (BLAKE2b-256)");
	if (size > max)
		return attach_fail(c, E_FILE_TOO_LARGE, "size",
		                   "Tệp %s có %lld byte; mỗi tệp tối đa %lld KiB (attach_max_kb)", name,
		                   (long long)size, (long long)max / 1024);
	rc = store_attach_find(c->db, d.kind, d.id, name, other, oname, sizeof oname, &osize, mime, sizeof mime);
	if (rc == STORE_OK && strcmp(other, hash) != 0)
		return attach_fail(c, E_EXISTS, "name", "Văn bản %s đã có tệp đính kèm khác tên %s", d.code, name);
	if (rc == STORE_ERROR || store_upload_expire(c->db, c->now - c->cfg->attach_upload_hours * 3600LL) < 0)
		return E_INTERNAL;
	/* held whole already (dedup): attached at once, nothing to send */
	if ((rc = store_attach_file(c->db, hash, &held_size, mime, sizeof mime)) == STORE_OK) {
		if (held_size != size)
			return attach_fail(c, E_INVALID, "size", "Tệp có mã băm này dài %lld byte, không phải %lld",
			                   (long long)held_size, (long long)size);
		if ((e = s_link(c, &d, name, hash, size, &card)) != E_OK)
			return e;
		*reply = json_pack("{s:i, s:I, s:I, s:i, s:o}", "upload", 0, "held", (json_int_t)size, "size",
		                   (json_int_t)size, "chunk", ATTACH_CHUNK_MAX, "attachment", card);
		return E_OK;
	}
	if (rc != STORE_NONE)
		return E_INTERNAL;
	rc = store_upload_find(c->db, c->user_id, d.kind, d.id, hash, &u);
	if (rc == STORE_NONE) {
		if ((used = store_attach_usage(c->db, c->unit_id)) < 0)
			return E_INTERNAL;
		if (used + size > quota)
			return attach_fail(
			    c, E_QUOTA, "size",
			    "Đơn vị đã dùng %.1f MiB trong %lld MiB được cấp (attach_quota_mb); tệp %s cần %.1f MiB",
			    used / 1048576.0, (long long)c->cfg->attach_quota_mb, name, size / 1048576.0);
		u = (store_upload_t){.user_id = c->user_id,
		                     .unit_id = c->unit_id,
		                     .doc_kind = d.kind,
		                     .doc_id = d.id,
		                     .size = size,
		                     .created = c->now};
		snprintf(u.doc_code, sizeof u.doc_code, "%s", d.code);
		snprintf(u.name, sizeof u.name, "%s", name);
		snprintf(u.hash, sizeof u.hash, "%s", hash);
		if (store_upload_add(c->db, &u) != STORE_OK)
			return E_INTERNAL;
		audit_log(c, "attach.begin", d.code,
		          json_pack("{s:s, s:s, s:I, s:I}", "name", name, "hash", hash, "size", (json_int_t)size,
		                    "upload", (json_int_t)u.id));
	} else if (rc != STORE_OK)
		return E_INTERNAL;
	else if (u.size != size)
		return attach_fail(c, E_INVALID, "size", "Lượt gửi dở của tệp này khai %lld byte", (long long)u.size);
	*reply = json_pack("{s:I, s:I, s:I, s:i}", "upload", (json_int_t)u.id, "held", (json_int_t)u.held, "size",
	                   (json_int_t)size, "chunk", ATTACH_CHUNK_MAX);
	return E_OK;
}

proto_err_t srv_attach_chunk(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *data = json_string_value(json_object_get(req, "data"));
	int64_t off = json_integer_value(json_object_get(req, "offset"));
	unsigned char buf[ATTACH_CHUNK_MAX];
	size_t len = 0;
	store_upload_t u;
	proto_err_t e = s_upload(c, req, &u);

	if (e != E_OK)
		return e;
	if (sodium_base642bin(buf, sizeof buf, data, strlen(data), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) !=
	        0 ||
	    len == 0)
		return attach_fail(c, E_INVALID, "data", "Đoạn phải là base64 của 1 đến %d byte", ATTACH_CHUNK_MAX);
	/* a chunk sent again (held past it) or ahead of what is held: nothing
	 * written, the client goes on from held */
	if (off == u.held) {
		if (u.held + (int64_t)len > u.size)
			return attach_fail(c, E_INVALID, "data", "Đoạn vượt quá kích thước đã khai (%lld byte)",
			                   (long long)u.size);
		if (store_upload_append(c->db, &u, buf, len, c->now) != STORE_OK)
			return E_INTERNAL;
	}
	*reply = json_pack("{s:I}", "held", (json_int_t)u.held);
	return E_OK;
}

/* What finish reads of the pieces: the hash, and the first TEXT_MAX bytes
 * (a text file's body). */
typedef struct {
	crypto_generichash_state h;
	char *text;
	size_t len;
	bool whole; /* text holds every byte */
} s_walk_t;

static int s_feed(void *ctx, const void *data, size_t len)
{
	s_walk_t *w = ctx;

	crypto_generichash_update(&w->h, data, len);
	if (w->len + len <= TEXT_MAX) {
		memcpy(w->text + w->len, data, len);
		w->len += len;
	} else
		w->whole = false;
	return 0;
}

/* text/plain when named .txt or looking like text, valid UTF-8 without
 * NUL, and small enough to search. */
static const char *s_mime(const char *name, const s_walk_t *w)
{
	const char *dot = strrchr(name, '.');
	bool txt = dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".csv") || !strcasecmp(dot, ".md"));

	if (w->whole && (txt || !dot) && w->len && !memchr(w->text, 0, w->len) && text_valid_utf8(w->text, w->len))
		return "text/plain; charset=utf-8";
	return s_mime_by_name(name);
}

proto_err_t srv_attach_finish(srv_ctx_t *c, json_t *req, json_t **reply)
{
	unsigned char sum[32];
	char hex[65];
	s_walk_t w = {.whole = true};
	const char *mime;
	attach_doc_t d;
	store_upload_t u;
	json_t *card = NULL;
	proto_err_t e = s_upload(c, req, &u);

	if (e != E_OK)
		return e;
	if (u.held != u.size)
		return attach_fail(c, E_INVALID, "upload",
		                   "Mới nhận %lld trong %lld byte của tệp %s: gửi tiếp rồi kết thúc", (long long)u.held,
		                   (long long)u.size, u.name);
	{ /* the document again: who may no longer see it may not attach to it */
		json_t *ref = json_pack("{s:s}", "code", u.doc_code);
		e = attach_doc(c, ref, &d);
		json_decref(ref);
		if (e != E_OK)
			return e;
	}
	if (!(w.text = malloc(TEXT_MAX)))
		return E_INTERNAL;
	crypto_generichash_init(&w.h, NULL, 0, sizeof sum);
	if (store_attach_walk(c->db, NULL, u.id, s_feed, &w) != STORE_OK) {
		free(w.text);
		return E_INTERNAL;
	}
	crypto_generichash_final(&w.h, sum, sizeof sum);
	sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
	if (strcmp(hex, u.hash) != 0) {
		/* the bytes are dropped (a resend starts over), the refusal kept */
		free(w.text);
		c->commit_on_error = true;
		if (store_upload_drop(c->db, u.id) != STORE_OK)
			return E_INTERNAL;
		audit_log(c, "attach.refused", d.code,
		          json_pack("{s:s, s:s, s:s}", "name", u.name, "hash", u.hash, "got", hex));
		return attach_fail(c, E_HASH_MISMATCH, "upload", "Tệp %s: mã băm khai %.12s…, nhận được %.12s…", u.name,
		                   u.hash, hex);
	}
	mime = s_mime(u.name, &w);
	if (store_attach_keep(c->db, &u, mime, c->now) != STORE_OK) {
		free(w.text);
		return E_INTERNAL;
	}
	if (d.kind == 'i' && !strncmp(mime, "text/plain", 10)) { /* document.search finds its words */
		char *folded = text_fold(w.text, w.len);
		store_rc_t rc = folded ? store_attach_index_text(c->db, d.id, folded) : STORE_ERROR;
		free(folded);
		if (rc != STORE_OK) {
			free(w.text);
			return E_INTERNAL;
		}
	}
	free(w.text);
	if ((e = s_link(c, &d, u.name, u.hash, u.size, &card)) != E_OK)
		return e;
	*reply = json_pack("{s:s, s:o}", "code", d.code, "attachment", card);
	return E_OK;
}
