/* document_sig.h — signatures of outgoing documents (issue 15), shared by
 * congvud (which verifies them on each approval and on the issue) and
 * congvu (which makes them with the official's key and verifies an
 * exported record offline).
 *
 * What is signed is a payload: a few lines of text, one field a line, in a
 * fixed order, built the same way on both ends from the document's state:
 *
 *   congvu-sig/1
 *   act: approve                     (review, approve, issue)
 *   document: DT-2026-00001
 *   agency: 000.00.00.H12
 *   type: quyet_dinh
 *   summary: Về việc ...
 *   secrecy:                         (mat, toi_mat, tuyet_mat or empty)
 *   normative: 0
 *   revision: 3
 *   hash: blake2b-256:<64 hex>        (the text of that revision)
 *   number: 01                       (the issue: the number, notation and
 *   notation: 01/QĐ-UBND              year given; empty lines before)
 *   year: 2026
 *   capacity: tl                     (approve and issue, only when the
 *                                     approval was signed in a capacity:
 *                                     tm, kt, q, tl, tuq; NĐ 30 Điều 13)
 *   signer: hung.lv
 *   key: <16 hex>                    (the key's id: BLAKE2b-64 of it)
 *
 * A signed record (the export) is canonical JSON — compact, keys sorted,
 * nothing else — so that any changed byte is either in a signed payload,
 * in a signature or key, or makes the file not canonical:
 *   {"document": {agency, [capacity,] code, hash, normative, notation,
 *                 number, revision, secrecy, summary, type, year},
 *    "format": "congvu-signed-record/1",
 *    "signatures": [{act, alg: "ed25519", certificate: null, key, payload,
 *                    public_key (base64), signature (base64), signer}]}
 * `alg` and `certificate` are where a signature with a licensed CA's
 * certificate (on a token) is added later: another alg, the certificate
 * chain in base64; this version accepts ed25519 without one. */
#ifndef CONGVU_DOCUMENT_SIG_H
#define CONGVU_DOCUMENT_SIG_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define DOCSIG_FORMAT "congvu-sig/1"
#define DOCSIG_RECORD_FORMAT "congvu-signed-record/1"
#define DOCSIG_KEY_ID_LEN 16 /* hex digits */

/* The id of an Ed25519 public key: 16 hex digits of its BLAKE2b-64, into
 * id (DOCSIG_KEY_ID_LEN + 1 bytes). */
void docsig_key_id(const unsigned char pk[32], char *id);

/* The payload of act by signer with key `key` over the document `doc` (an
 * object with the record's document keys: code, agency, type, summary,
 * secrecy, normative, revision, hash, and for the issue number, notation,
 * year; null or missing: empty). New string (free), NULL on bad input. */
char *docsig_payload(const char *act, const json_t *doc, const char *signer, const char *key);

/* Sign payload with the 64-byte Ed25519 secret key: the signature in
 * base64 into out (>= 89 bytes). 0, or -1. */
int docsig_sign(const char *payload, const unsigned char sk[64], char *out, size_t n);
/* Verify a base64 signature of payload by the public key: 0 when good. */
int docsig_check(const char *payload, const char *sig_b64, const unsigned char pk[32]);

/* The public key in base64 (44 characters + NUL into out) and back: 0, -1. */
int docsig_pk_b64(const unsigned char pk[32], char *out, size_t n);
int docsig_pk_from_b64(const char *b64, unsigned char pk[32]);

/* Verify a signed record offline: canonical, every signature good and its
 * payload the one its act makes over the record's document; an approve
 * signature present, and the when the document is numbered. 0 and
 * a summary into msg, or -1 with why into msg (Vietnamese). */
int docsig_verify_record(const char *text, size_t len, char *msg, size_t n);

/* A record's canonical text (compact, keys sorted). New string. */
char *docsig_canonical(const json_t *record);

#endif
