/* document_sig.c — payloads, Ed25519 signatures and the offline check of
 * a signed record of an outgoing document (document_sig.h). */
#include "document_sig.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void docsig_key_id(const unsigned char pk[32], char *id)
{
	unsigned char h[8];

	crypto_generichash(h, sizeof h, pk, 32, NULL, 0);
	sodium_bin2hex(id, DOCSIG_KEY_ID_LEN + 1, h, sizeof h);
}

/* A document field as text: a string, an integer, a boolean as 0/1; "". */
static void s_field(const json_t *doc, const char *key, char *out, size_t n)
{
	const json_t *v = json_object_get(doc, key);

	if (json_is_string(v))
		snprintf(out, n, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, n, "%lld", (long long)json_integer_value(v));
	else if (json_is_boolean(v))
		snprintf(out, n, "%d", json_is_true(v) ? 1 : 0);
	else
		out[0] = 0;
}

char *docsig_payload(const char *act, const json_t *doc, const char *signer, const char *key)
{
	static const char *const keys[] = {"code",     "agency", "type",   "summary",  "secrecy", "normative",
	                                   "revision", "hash",   "number", "notation", "year"};
	static const char *const labels[] = {"document", "agency", "type",   "summary",  "secrecy", "normative",
	                                     "revision", "hash",   "number", "notation", "year"};
	bool issue = act && !strcmp(act, "issue");
	size_t cap = 4096, len;
	char *out, v[1200];

	if (!act || !signer || !key || !json_is_object(doc) || !(out = malloc(cap)))
		return NULL;
	len = (size_t)snprintf(out, cap, "%s\nact: %s\n", DOCSIG_FORMAT, act);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		s_field(doc, keys[i], v, sizeof v);
		if (i >= 8 && !issue) /* the number is the issue's */
			v[0] = 0;
		if (!strcmp(keys[i], "hash") && *v)
			len += (size_t)snprintf(out + len, cap - len, "%s: blake2b-256:%s\n", labels[i], v);
		else if (!strcmp(keys[i], "number") && *v)
			len += (size_t)snprintf(out + len, cap - len, "%s: %02lld\n", labels[i], strtoll(v, NULL, 10));
		else
			len += (size_t)snprintf(out + len, cap - len, "%s: %s\n", labels[i], v);
		if (len >= cap || strchr(v, '\n')) {
			free(out);
			return NULL;
		}
	}
	s_field(doc, "capacity", v, sizeof v); /* the signer's capacity: the approval's and the issue's */
	if (*v && (issue || !strcmp(act, "approve")))
		len += (size_t)snprintf(out + len, cap - len, "capacity: %s\n", v);
	if (len >= cap || strchr(v, '\n')) {
		free(out);
		return NULL;
	}
	len += (size_t)snprintf(out + len, cap - len, "signer: %s\nkey: %s\n", signer, key);
	if (len >= cap) {
		free(out);
		return NULL;
	}
	return out;
}

int docsig_sign(const char *payload, const unsigned char sk[64], char *out, size_t n)
{
	unsigned char sig[crypto_sign_BYTES];

	if (n < sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL) ||
	    crypto_sign_detached(sig, NULL, (const unsigned char *)payload, strlen(payload), sk) != 0)
		return -1;
	sodium_bin2base64(out, n, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	return 0;
}

int docsig_check(const char *payload, const char *sig_b64, const unsigned char pk[32])
{
	unsigned char sig[crypto_sign_BYTES];
	size_t len = 0;
	const char *end = NULL;

	if (!sig_b64 || sodium_base642bin(sig, sizeof sig, sig_b64, strlen(sig_b64), NULL, &len, &end,
	                                  sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len != sizeof sig || *end)
		return -1;
	return crypto_sign_verify_detached(sig, (const unsigned char *)payload, strlen(payload), pk);
}

int docsig_pk_b64(const unsigned char pk[32], char *out, size_t n)
{
	if (n < sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL))
		return -1;
	sodium_bin2base64(out, n, pk, 32, sodium_base64_VARIANT_ORIGINAL);
	return 0;
}

int docsig_pk_from_b64(const char *b64, unsigned char pk[32])
{
	size_t len = 0;
	const char *end = NULL;

	return b64 && sodium_base642bin(pk, 32, b64, strlen(b64), NULL, &len, &end, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	               len == 32 && !*end
	           ? 0
	           : -1;
}

char *docsig_canonical(const json_t *record)
{
	return json_dumps(record, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
}

/* Has o exactly the keys of the NULL-ended list? */
static bool s_keys(const json_t *o, const char *const *keys)
{
	size_t n = 0;

	if (!json_is_object(o))
		return false;
	for (; keys[n]; n++)
		if (!json_object_get(o, keys[n]))
			return false;
	return json_object_size(o) == n;
}

static int s_fail(char *msg, size_t n, const char *why)
{
	snprintf(msg, n, "%s", why);
	return -1;
}

/* One signature of the record: its key, its signature, its payload. */
static int s_signature(const json_t *doc, const json_t *s, char *msg, size_t n)
{
	static const char *const keys[] = {"act",        "alg",       "certificate", "key", "payload",
	                                   "public_key", "signature", "signer",      NULL};
	const char *act = json_string_value(json_object_get(s, "act"));
	const char *key = json_string_value(json_object_get(s, "key"));
	const char *signer = json_string_value(json_object_get(s, "signer"));
	const char *payload = json_string_value(json_object_get(s, "payload"));
	unsigned char pk[32];
	char id[DOCSIG_KEY_ID_LEN + 1], *want;
	int rc;

	if (!s_keys(s, keys) || !act || !key || !signer || !payload)
		return s_fail(msg, n, "Chữ ký thiếu hoặc thừa trường");
	if (strcmp(json_string_value(json_object_get(s, "alg")) ? json_string_value(json_object_get(s, "alg")) : "",
	           "ed25519") != 0 ||
	    !json_is_null(json_object_get(s, "certificate")))
		return s_fail(msg, n, "Thuật toán ký không được hỗ trợ (chỉ ed25519, chưa có chứng thư số)");
	if (docsig_pk_from_b64(json_string_value(json_object_get(s, "public_key")), pk) != 0)
		return s_fail(msg, n, "Khóa công khai không hợp lệ");
	docsig_key_id(pk, id);
	if (strcmp(id, key) != 0)
		return s_fail(msg, n, "Mã khóa không khớp khóa công khai");
	if (docsig_check(payload, json_string_value(json_object_get(s, "signature")), pk) != 0) {
		snprintf(msg, n, "Chữ ký %s của %s không đúng", act, signer);
		return -1;
	}
	if (!(want = docsig_payload(act, doc, signer, key)))
		return s_fail(msg, n, "Không dựng được nội dung ký");
	rc = strcmp(want, payload);
	free(want);
	if (rc != 0) {
		snprintf(msg, n, "Nội dung ký của %s (%s) không khớp văn bản trong hồ sơ", signer, act);
		return -1;
	}
	return 0;
}

int docsig_verify_record(const char *text, size_t len, char *msg, size_t n)
{
	static const char *const top[] = {"document", "format", "signatures", NULL};
	static const char *const dkeys[] = {"agency",  "code",    "hash", "normative", "notation", "number",
	                                    "revision", "secrecy", "summary", "type",     "year",     NULL};
	static const char *const ckeys[] = {"agency",  "capacity", "code",    "hash", "normative", "notation", "number",
	                                    "revision", "secrecy",  "summary", "type", "year",      NULL};
	json_t *rec, *sigs, *doc, *s;
	json_error_t je;
	char *canon = NULL;
	bool approved = false, issued = false;
	size_t i;
	int rc = -1;

	if (len && text[len - 1] == '\n')
		len--; /* one final newline, as a file ends */
	if (!(rec = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je)))
		return s_fail(msg, n, "Tệp không phải hồ sơ ký số (JSON hỏng)");
	doc = json_object_get(rec, "document");
	sigs = json_object_get(rec, "signatures");
	canon = docsig_canonical(rec);
	if (!canon || strlen(canon) != len || memcmp(canon, text, len) != 0)
		s_fail(msg, n, "Hồ sơ ký số không ở dạng chuẩn (đã bị sửa)");
	else if (!s_keys(rec, top) || !(s_keys(doc, dkeys) || (json_is_string(json_object_get(doc, "capacity")) && s_keys(doc, ckeys))) || !json_is_array(sigs) ||
	         strcmp(json_string_value(json_object_get(rec, "format")) ? json_string_value(json_object_get(rec, "format"))
	                                                                   : "",
	                DOCSIG_RECORD_FORMAT) != 0)
		s_fail(msg, n, "Hồ sơ ký số thiếu hoặc thừa trường, hoặc sai định dạng");
	else {
		rc = 0;
		json_array_foreach(sigs, i, s)
		{
			if ((rc = s_signature(doc, s, msg, n)) != 0)
				break;
			approved |= !strcmp(json_string_value(json_object_get(s, "act")), "approve");
			issued |= !strcmp(json_string_value(json_object_get(s, "act")), "issue");
		}
		if (rc == 0 && !approved)
			rc = s_fail(msg, n, "Không có chữ ký duyệt của người ký");
		else if (rc == 0 && !json_is_null(json_object_get(doc, "number")) && !issued)
			rc = s_fail(msg, n, "Văn bản có số nhưng không có chữ ký phát hành");
		if (rc == 0)
			snprintf(msg, n, "Hợp lệ: %s %s, %zu chữ ký", json_string_value(json_object_get(doc, "code")),
			         json_string_value(json_object_get(doc, "notation")) ? json_string_value(json_object_get(doc, "notation")) : "",
			         json_array_size(sigs));
	}
	free(canon);
	json_decref(rec);
	return rc;
}
