/* document_sign.c — the signatures of outgoing documents on the server:
 * officials enroll the public half of a key pair made on their device
 * (document.key), each review, approval and issue must carry a good
 * signature by the acting official's key over the payload the server
 * builds from the document as it is (shared/document_sig.h), the issue
 * checks again every signature kept, and document.record exports the
 * signed record that `congvu document verify` checks offline. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "document_out.h"
#include "document_sig.h"

static proto_err_t s_bad(srv_ctx_t *c, const char *field, const char *detail)
{
	c->bad_field = field;
	snprintf(c->detail, sizeof c->detail, "%s", detail);
	return E_INVALID;
}

proto_err_t srv_document_key(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *b64 = json_string_value(json_object_get(req, "public_key"));
	unsigned char pk[32];
	char id[DOCSIG_KEY_ID_LEN + 1];
	store_rc_t rc;

	if (!c->user_id)
		return E_NOT_ALLOWED;
	if (docsig_pk_from_b64(b64, pk) != 0)
		return s_bad(c, "public_key", "Khóa công khai phải là 32 byte Ed25519 viết base64");
	docsig_key_id(pk, id);
	rc = store_draft_key_add(c->db, id, c->user_id, b64, c->device_id, c->now);
	if (rc == STORE_EXISTS) {
		c->bad_field = "public_key";
		snprintf(c->detail, sizeof c->detail, "Khóa %s đã được đăng ký", id);
		return E_EXISTS;
	}
	if (rc != STORE_OK || audit_log(c, "document.key", id, json_pack("{s:I}", "device", (json_int_t)c->device_id)) != 0)
		return E_INTERNAL;
	*reply = json_pack("{s:s}", "key", id);
	return E_OK;
}

json_t *draft_sig_doc(const draft_t *d)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:I, s:s, s:o, s:o, s:o}", "code", d->code, "agency",
	                 d->agency_code, "type", d->type, "summary", d->summary, "secrecy", d->secrecy, "normative",
	                 d->normative, "revision", (json_int_t)d->revision, "hash", d->hash, "number",
	                 d->number ? json_integer(d->number) : json_null(), "notation",
	                 *d->notation ? json_string(d->notation) : json_null(), "year",
	                 *d->year ? json_string(d->year) : json_null());
}

proto_err_t draft_sign(srv_ctx_t *c, const draft_t *d, const char *act, const json_t *req)
{
	const char *key = json_string_value(json_object_get(req, "key"));
	const char *sig = json_string_value(json_object_get(req, "signature"));
	char b64[80], *payload;
	unsigned char pk[32];
	int64_t owner = 0;
	json_t *doc;
	proto_err_t e = E_OK;

	if (!key || !sig)
		return s_bad(c, "signature",
		             "Cần chữ ký số: đăng ký khóa một lần bằng congvu document key, congvu sẽ tự ký");
	if (store_draft_key_get(c->db, key, &owner, b64, sizeof b64) != STORE_OK || owner != c->user_id ||
	    docsig_pk_from_b64(b64, pk) != 0)
		return s_bad(c, "key", "Khóa ký số không phải của bạn, chưa đăng ký hoặc đã bị thu hồi");
	doc = draft_sig_capacity(c, d, draft_sig_doc(d));
	payload = docsig_payload(act, doc, c->username, key);
	json_decref(doc);
	if (!payload || docsig_check(payload, sig, pk) != 0)
		e = s_bad(c, "signature", "Chữ ký số không đúng với văn bản (nội dung, số hoặc người ký khác)");
	else if (store_draft_signature_add(c->db, d->id, act, c->user_id, key, payload, sig, c->now) != STORE_OK)
		e = E_INTERNAL;
	free(payload);
	return e;
}

proto_err_t draft_signatures_check(srv_ctx_t *c, const draft_t *d)
{
	json_t *sigs = store_draft_signatures(c->db, d->id), *doc = draft_sig_capacity(c, d, draft_sig_doc(d)), *s;
	size_t i;
	proto_err_t e = sigs ? E_OK : E_INTERNAL;

	json_array_foreach(sigs, i, s)
	{
		const char *act = json_string_value(json_object_get(s, "act"));
		char *want = docsig_payload(act, doc, json_string_value(json_object_get(s, "signer")),
		                            json_string_value(json_object_get(s, "key")));
		unsigned char pk[32];
		bool good = want && !strcmp(want, json_string_value(json_object_get(s, "payload"))) &&
		            docsig_pk_from_b64(json_string_value(json_object_get(s, "public_key")), pk) == 0 &&
		            docsig_check(want, json_string_value(json_object_get(s, "signature")), pk) == 0;
		free(want);
		if (!good && strcmp(act, "issue") != 0) {
			snprintf(c->detail, sizeof c->detail, "Chữ ký %s của %s không còn đúng với văn bản", act,
			         json_string_value(json_object_get(s, "signer")));
			c->bad_field = "code";
			e = E_INVALID;
			break;
		}
	}
	json_decref(sigs);
	json_decref(doc);
	return e;
}

proto_err_t srv_document_record(srv_ctx_t *c, json_t *req, json_t **reply)
{
	draft_t d;
	json_t *sigs, *s, *rec;
	size_t i;
	char *text;
	proto_err_t e = draft_load_visible(c, req, &d);

	if (e != E_OK)
		return e;
	if (!(sigs = store_draft_signatures(c->db, d.id))) {
		draft_clear(&d);
		return E_INTERNAL;
	}
	json_array_foreach(sigs, i, s) json_object_set_new(s, "alg", json_string("ed25519"));
	rec = json_pack("{s:o, s:s, s:o}", "document", draft_sig_capacity(c, &d, draft_sig_doc(&d)), "format", DOCSIG_RECORD_FORMAT, "signatures",
	                sigs);
	text = docsig_canonical(rec);
	json_decref(rec);
	draft_clear(&d);
	if (!text)
		return E_INTERNAL;
	*reply = json_pack("{s:s}", "record", text);
	free(text);
	return E_OK;
}
