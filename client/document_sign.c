/* document_sign.c — the device's signature of an outgoing document's
 * review, approval or issue (document_sign.h), for the command line and
 * the full-screen UI alike. */
#include "document_sign.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "document_sig.h"

int document_key_path(const char *user, char *path, size_t n)
{
	char dir[3800];

	if (!user || !*user || config_dir(dir, sizeof dir, 1) != 0)
		return -1;
	return snprintf(path, n, "%s/sign-%s.key", dir, user) < (int)n ? 0 : -1;
}

int document_key_load(const char *path, unsigned char sk[64])
{
	char b64[128] = "";
	struct stat st;
	size_t len = 0;
	FILE *f;

	if (stat(path, &st) != 0)
		return -1;
	if (st.st_mode & 077)
		return -2;
	if (!(f = fopen(path, "r")))
		return -1;
	if (!fgets(b64, sizeof b64, f))
		b64[0] = 0;
	fclose(f);
	b64[strcspn(b64, "\r\n")] = 0;
	return sodium_base642bin(sk, 64, b64, strlen(b64), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	               len == 64
	           ? 0
	           : -1;
}

const char *document_sign_act(proto_msg_t type)
{
	return type == MSG_document_review    ? "review"
	       : type == MSG_document_approve ? "approve"
	       : type == MSG_document_issue   ? "issue"
	                                      : NULL;
}

/* The document as the signature covers it, from document.view's reply;
 * for the issue, with the number it would be given now. */
static json_t *s_doc(const json_t *view, bool issue)
{
	const json_t *next = json_object_get(view, "next");
	json_t *doc = json_object();
	static const char *const keys[] = {"code", "agency", "type", "summary", "secrecy", "normative", "revision", "hash"};

	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		json_object_set(doc, keys[i], json_object_get(view, keys[i]));
	if (issue && next) {
		json_object_set(doc, "number", json_object_get(next, "number"));
		json_object_set(doc, "notation", json_object_get(next, "notation"));
		json_object_set(doc, "year", json_object_get(next, "year"));
	}
	return doc;
}

int document_sign_with(const unsigned char sk[64], const char *user, proto_msg_t type, const json_t *view,
                       json_t *body)
{
	const char *act = document_sign_act(type), *cap;
	unsigned char pk[32];
	char id[DOCSIG_KEY_ID_LEN + 1], sig[128], *payload;
	json_t *doc;
	int rc = DOCSIGN_FAILED;

	if (!act)
		return DOCSIGN_FAILED;
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	docsig_key_id(pk, id);
	doc = s_doc(view, type == MSG_document_issue);
	cap = type == MSG_document_approve ? json_string_value(json_object_get(body, "capacity"))
	      : type == MSG_document_issue ? json_string_value(json_object_get(json_object_get(view, "check"), "capacity"))
	                                   : NULL;
	if (cap && *cap) /* the capacity the approval is signed in (NĐ 30 Điều 13) */
		json_object_set_new(doc, "capacity", json_string(cap));
	if ((payload = docsig_payload(act, doc, user, id)) && docsig_sign(payload, sk, sig, sizeof sig) == 0) {
		json_object_set_new(body, "key", json_string(id));
		json_object_set_new(body, "signature", json_string(sig));
		if (type == MSG_document_issue && json_object_get(doc, "number"))
			json_object_set(body, "number", json_object_get(doc, "number"));
		rc = DOCSIGN_OK;
	}
	free(payload);
	json_decref(doc);
	return rc;
}

int document_sign_body(const char *user, proto_msg_t type, const json_t *view, json_t *body)
{
	char path[4096];
	unsigned char sk[64];
	int rc;

	if (document_key_path(user, path, sizeof path) != 0)
		return DOCSIGN_NO_KEY;
	if ((rc = document_key_load(path, sk)) != 0)
		return rc == -2 ? DOCSIGN_EXPOSED : DOCSIGN_NO_KEY;
	rc = document_sign_with(sk, user, type, view, body);
	sodium_memzero(sk, sizeof sk);
	return rc;
}
