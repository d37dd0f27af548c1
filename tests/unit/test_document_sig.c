/* test_document_sig.c — shared/document_sig.c: a record made as the
 * server makes it (an approval and an issue, signed by two keys) verifies;
 * changing any one byte of it makes it fail; a payload follows its act
 * (the number only in the issue's), the number written with two digits;
 * a signature by another key, a key id not of its key, a certificate (not
 * yet accepted) all fail. */
#include <setjmp.h>
#include <sodium.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "document_sig.h"

typedef struct {
	unsigned char pk[32], sk[64];
	char id[DOCSIG_KEY_ID_LEN + 1], b64[64];
} key_t_;

static void s_key(key_t_ *k)
{
	crypto_sign_keypair(k->pk, k->sk);
	docsig_key_id(k->pk, k->id);
	docsig_pk_b64(k->pk, k->b64, sizeof k->b64);
}

static json_t *s_doc(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:s, s:i, s:s, s:s}", "code", "DT-2026-00001", "agency",
	                 "000.00.00.H12", "type", "quyet_dinh", "summary", "Về việc thành lập Tổ công tác", "secrecy", "",
	                 "normative", 0, "revision", 3, "hash",
	                 "64bbe1efd97f71a71af9deaf11c8b2198c6d74f566d811536f231b54f1308d6c", "number", 5, "notation",
	                 "05/QĐ-UBND", "year", "2026");
}

/* A signature object of act by key k as signer. */
static json_t *s_sig(const json_t *doc, const char *act, const char *signer, const key_t_ *k)
{
	char *payload = docsig_payload(act, doc, signer, k->id), sig[128];
	json_t *o;

	assert_non_null(payload);
	assert_int_equal(docsig_sign(payload, k->sk, sig, sizeof sig), 0);
	o = json_pack("{s:s, s:s, s:n, s:s, s:s, s:s, s:s, s:s}", "act", act, "alg", "ed25519", "certificate", "key",
	              k->id, "payload", payload, "public_key", k->b64, "signature", sig, "signer", signer);
	free(payload);
	return o;
}

static char *s_record(key_t_ *signer, key_t_ *clerk)
{
	json_t *doc = s_doc();
	json_t *rec = json_pack("{s:O, s:s, s:[o, o]}", "document", doc, "format", DOCSIG_RECORD_FORMAT, "signatures",
	                        s_sig(doc, "approve", "hung.lv", signer), s_sig(doc, "issue", "minh.pq", clerk));
	char *text = docsig_canonical(rec);

	json_decref(doc);
	json_decref(rec);
	return text;
}

static void test_payload(void **state)
{
	json_t *doc = s_doc();
	char *a = docsig_payload("approve", doc, "hung.lv", "0123456789abcdef");
	char *i = docsig_payload("issue", doc, "minh.pq", "0123456789abcdef");

	(void)state;
	assert_non_null(strstr(a, "congvu-sig/1\nact: approve\ndocument: DT-2026-00001\n"));
	assert_non_null(strstr(a, "\nnumber: \nnotation: \nyear: \nsigner: hung.lv\n"));
	assert_non_null(strstr(a, "\nhash: blake2b-256:64bbe1ef"));
	assert_non_null(strstr(i, "\nnumber: 05\nnotation: 05/QĐ-UBND\nyear: 2026\n"));
	free(a);
	free(i);
	json_object_set_new(doc, "summary", json_string("hai\ndòng"));
	assert_null(docsig_payload("approve", doc, "hung.lv", "0123456789abcdef"));
	json_decref(doc);
}

static void test_every_byte(void **state)
{
	key_t_ signer, clerk;
	char msg[512], *text;
	size_t len;

	(void)state;
	s_key(&signer);
	s_key(&clerk);
	text = s_record(&signer, &clerk);
	len = strlen(text);
	assert_int_equal(docsig_verify_record(text, len, msg, sizeof msg), 0);
	assert_non_null(strstr(msg, "05/QĐ-UBND, 2 chữ ký"));
	for (size_t at = 0; at < len; at++)
		for (int bit = 0; bit < 8; bit += 3) {
			text[at] ^= (char)(1 << bit);
			if (docsig_verify_record(text, len, msg, sizeof msg) == 0)
				fail_msg("byte %zu (bit %d) changed and the record still verifies", at, bit);
			text[at] ^= (char)(1 << bit);
		}
	assert_int_equal(docsig_verify_record(text, len, msg, sizeof msg), 0);
	free(text);
}

static void test_wrong_keys(void **state)
{
	key_t_ signer, clerk, other;
	json_t *doc = s_doc(), *rec, *s;
	char msg[512], *text;

	(void)state;
	s_key(&signer);
	s_key(&clerk);
	s_key(&other);
	/* the issue signed by another key than the one it names */
	s = s_sig(doc, "issue", "minh.pq", &other);
	json_object_set_new(s, "public_key", json_string(clerk.b64));
	rec = json_pack("{s:O, s:s, s:[o, o]}", "document", doc, "format", DOCSIG_RECORD_FORMAT, "signatures",
	                s_sig(doc, "approve", "hung.lv", &signer), s);
	text = docsig_canonical(rec);
	assert_int_not_equal(docsig_verify_record(text, strlen(text), msg, sizeof msg), 0);
	free(text);
	/* a certificate this version does not accept yet */
	json_array_set_new(json_object_get(rec, "signatures"), 1, s_sig(doc, "issue", "minh.pq", &clerk));
	text = docsig_canonical(rec);
	assert_int_equal(docsig_verify_record(text, strlen(text), msg, sizeof msg), 0);
	free(text);
	json_object_set_new(json_array_get(json_object_get(rec, "signatures"), 1), "certificate", json_string("MIIB"));
	text = docsig_canonical(rec);
	assert_int_not_equal(docsig_verify_record(text, strlen(text), msg, sizeof msg), 0);
	free(text);
	/* a numbered document without the signature */
	json_array_remove(json_object_get(rec, "signatures"), 1);
	text = docsig_canonical(rec);
	assert_int_not_equal(docsig_verify_record(text, strlen(text), msg, sizeof msg), 0);
	assert_non_null(strstr(msg, "phát hành"));
	free(text);
	json_decref(rec);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_payload),
	    cmocka_unit_test(test_every_byte),
	    cmocka_unit_test(test_wrong_keys),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
