/* document_cli.c — signing outgoing documents from the command line
 * (document_cli.h): the key made and enrolled, the request signed with it
 * (document_sign.c, shared with the full-screen UI), a record verified. */
#include "document_cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "config.h"
#include "document_sig.h"
#include "document_sign.h"
#include "file_read.h"
#include "i18n.h"

#define ISSUE_TRIES 200 /* signing again after another issue took the number */

/* The key file of the last official: 0, or -1 (nobody logged in here). */
static int s_path(char *path, size_t n, char *user, size_t un)
{
	return state_last_user(user, un) == 0 ? document_key_path(user, path, n) : -1;
}

static int s_save(const char *path, const unsigned char sk[64])
{
	char b64[128];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	sodium_bin2base64(b64, sizeof b64, sk, 64, sodium_base64_VARIANT_ORIGINAL);
	fprintf(f, "%s\n", b64);
	return fclose(f) == 0 ? 0 : -1;
}

int document_cli_key(conn_t *conn, int timeout_ms, bool json)
{
	char path[4096], user[64], pk_b64[64], id[DOCSIG_KEY_ID_LEN + 1];
	unsigned char pk[32], sk[64];
	json_t *reply = NULL;
	proto_err_t e;
	int rc;

	if (s_path(path, sizeof path, user, sizeof user) != 0) {
		fprintf(stderr, "congvu: %s\n", _("chưa đăng nhập trên thiết bị này: congvu login"));
		return EX_CONFIG;
	}
	if ((rc = document_key_load(path, sk)) == -2) {
		fprintf(stderr, "congvu: %s: %s\n", _("khóa bí mật có thể bị người khác đọc (cần chmod 600)"), path);
		return EX_CONFIG;
	}
	if (rc != 0 && (crypto_sign_keypair(pk, sk) != 0 || s_save(path, sk) != 0)) {
		fprintf(stderr, "congvu: %s: %s\n", _("không tạo được khóa ký số"), path);
		return EX_CANTCREAT;
	}
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	sodium_memzero(sk, sizeof sk);
	docsig_pk_b64(pk, pk_b64, sizeof pk_b64);
	docsig_key_id(pk, id);
	e = conn_call(conn, MSG_document_key, json_pack("{s:s}", "public_key", pk_b64), &reply, timeout_ms);
	json_decref(reply);
	if (e != E_OK && e != E_EXISTS) {
		fprintf(stderr, "congvu: %s [%s]\n", _(proto_err_msg(e)), proto_err_code(e));
		return proto_err_exit(e);
	}
	if (json)
		printf("{\"key\": \"%s\", \"user\": \"%s\"}\n", id, user);
	else
		printf(_("Khóa ký số %s của %s đã đăng ký (khóa bí mật: %s)\n"), id, user, path);
	return EX_OK;
}

int document_cli_verify(const char *file, bool json)
{
	char msg[512];
	unsigned char *text;
	size_t len;
	int rc;

	if (file_read(file, &text, &len) != 0 || len > 4 * 1024 * 1024) { /* a record is a few KB */
		free(text);
		fprintf(stderr, "congvu: %s: %s\n", _("không đọc được tệp"), file);
		return EX_NOINPUT;
	}
	rc = docsig_verify_record((const char *)text, len, msg, sizeof msg);
	free(text);
	if (json) {
		json_t *o = json_pack("{s:b, s:s}", "valid", rc == 0, "message", msg);
		char *s = json_dumps(o, JSON_COMPACT);
		printf("%s\n", s);
		free(s);
		json_decref(o);
	} else
		fprintf(rc == 0 ? stdout : stderr, "%s%s\n", rc == 0 ? "" : "congvu: ", msg);
	return rc == 0 ? EX_OK : EX_DATAERR;
}

/* Add key and signature (and the number signed for) to body, over the
 * document as the server shows it now. */
static void s_sign(conn_t *conn, proto_msg_t type, json_t *body, const unsigned char sk[64], const char *user,
                   int timeout_ms)
{
	json_t *view = NULL;

	if (conn_call(conn, MSG_document_view, json_pack("{s:O}", "code", json_object_get(body, "code")), &view,
	              timeout_ms) == E_OK)
		document_sign_with(sk, user, type, view, body);
	json_decref(view); /* else the request itself will say why */
}

proto_err_t document_cli_call(conn_t *conn, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms)
{
	char path[4096], user[64];
	unsigned char sk[64];
	bool keyed = s_path(path, sizeof path, user, sizeof user) == 0 && document_key_load(path, sk) == 0;
	proto_err_t e = E_INTERNAL;

	*reply = NULL;
	for (int i = 0; i < ISSUE_TRIES; i++) {
		json_t *b = json_deep_copy(body);
		const char *field;
		json_decref(*reply);
		*reply = NULL;
		if (keyed)
			s_sign(conn, type, b, sk, user, timeout_ms);
		e = conn_call(conn, type, b, reply, timeout_ms);
		field = json_string_value(json_object_get(*reply, "field"));
		if (!(e == E_CONFLICT && type == MSG_document_issue && keyed && field && !strcmp(field, "number")))
			break;
	}
	sodium_memzero(sk, sizeof sk);
	json_decref(body);
	return e;
}
