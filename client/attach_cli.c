/* attach_cli.c — attachments from the command line (attach_cli.h): the
 * upload loop over attach.begin/chunk/finish with its progress and its
 * resumption, the download loop over attach.get, and the list added to a
 * document's show. */
#include "attach_cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"
#include "i18n.h"

/* A chunk the size that crosses a 64 kbit/s line in about three seconds
 * (well inside the connection's 10 s resend), unless CONGVU_ATTACH_CHUNK
 * says otherwise (bytes, up to what the server accepts). */
#define CHUNK_DEFAULT (16 * 1024)
/* How long one chunk may wait for its answer while the link is down. */
#define CALL_MIN_MS 60000
/* Transient failures in a row before giving up. */
#define TRIES 20

static proto_err_t s_local(proto_err_t e, const char *detail, const char *path, json_t **reply)
{
	char d[1024];

	snprintf(d, sizeof d, "%s %s: %s", detail, path, strerror(errno));
	*reply = proto_error_body(e, NULL);
	json_object_set_new(*reply, "detail", json_string(d));
	return e;
}

/* A failure of the client itself, as the server's would be answered:
 * e with its detail, into *reply (whose old body is released). */
static proto_err_t s_mine(proto_err_t e, const char *detail, json_t **reply)
{
	json_decref(*reply);
	*reply = proto_error_body(e, NULL);
	json_object_set_new(*reply, "detail", json_string(detail));
	return e;
}

static bool s_transient(proto_err_t e)
{
	return e == E_TIMEOUT || e == E_UNAVAILABLE || e == E_BUSY;
}

/* One request, asked again while the link is down or the server busy.
 * body is stolen. */
static proto_err_t s_call(conn_t *conn, proto_msg_t type, json_t *body, json_t **reply, int timeout_ms)
{
	proto_err_t e = E_TIMEOUT;

	for (int i = 0; i < TRIES; i++) {
		e = conn_call(conn, type, json_incref(body), reply,
		              timeout_ms < CALL_MIN_MS ? CALL_MIN_MS : timeout_ms);
		if (!s_transient(e))
			break;
		fprintf(stderr, "\n%s\n", _("congvu: mất kết nối, đang nối lại và gửi tiếp…"));
		json_decref(*reply);
		*reply = NULL;
		sleep(1);
	}
	json_decref(body);
	return e;
}

static void s_progress(const char *name, int64_t held, int64_t size)
{
	static int last = -1;
	int pct = size ? (int)(held * 100 / size) : 100;

	if (isatty(2))
		fprintf(stderr, "\r%s %s: %3d%% (%lld/%lld KiB)", _("Đang gửi"), name, pct, (long long)held / 1024,
		        (long long)size / 1024);
	else if (pct / 10 != last / 10) /* a log: a line each tenth */
		fprintf(stderr, "%s %s: %d%% (%lld/%lld byte)\n", _("Đang gửi"), name, pct, (long long)held,
		        (long long)size);
	last = pct;
}

static void s_hex(const unsigned char *data, size_t len, char hex[65])
{
	unsigned char sum[32];

	crypto_generichash(sum, sizeof sum, data, len, NULL, 0);
	sodium_bin2hex(hex, 65, sum, sizeof sum);
}

/* attach.begin for the file: what the server holds of it. */
static proto_err_t s_begin(conn_t *conn, const char *code, const char *name, size_t len, const char *hex,
                           json_t **reply, int timeout_ms)
{
	return s_call(
	    conn, MSG_attach_begin,
	    json_pack("{s:s, s:s, s:I, s:s}", "code", code, "name", name, "size", (json_int_t)len, "hash", hex), reply,
	    timeout_ms);
}

proto_err_t attach_cli_put(conn_t *conn, const char *code, const char *path, json_t **reply, int timeout_ms)
{
	unsigned char *buf = NULL;
	size_t len = 0, step = CHUNK_DEFAULT;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path, *env = getenv("CONGVU_ATTACH_CHUNK");
	char hex[65], *b64 = NULL;
	int64_t upload, held, from, sent = 0;
	proto_err_t e;

	*reply = NULL;
	if (file_read(path, &buf, &len) != 0) {
		free(buf);
		return s_local(E_NOT_FOUND, _("Không đọc được tệp"), path, reply);
	}
	s_hex(buf, len, hex);
	e = s_begin(conn, code, name, len, hex, reply, timeout_ms);
	if (e != E_OK)
		goto out;
	upload = json_integer_value(json_object_get(*reply, "upload"));
	from = held = json_integer_value(json_object_get(*reply, "held"));
	if (env && atoi(env) > 0)
		step = (size_t)atoi(env);
	if (step > (size_t)json_integer_value(json_object_get(*reply, "chunk")))
		step = (size_t)json_integer_value(json_object_get(*reply, "chunk"));
	if (!upload) { /* the server held the file: attached without sending it */
		json_object_del(*reply, "upload");
		goto done;
	}
	if (held)
		fprintf(stderr, "%s %s: %lld/%zu byte\n", _("Tiếp tục gửi"), name, (long long)held, len);
	b64 = malloc(sodium_base64_ENCODED_LEN(step, sodium_base64_VARIANT_ORIGINAL));
	while (held < (int64_t)len && b64) {
		size_t n = len - (size_t)held < step ? len - (size_t)held : step;
		int64_t before = held;
		sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(step, sodium_base64_VARIANT_ORIGINAL), buf + held, n,
		                  sodium_base64_VARIANT_ORIGINAL);
		json_decref(*reply);
		sent += (int64_t)n;
		e = s_call(
		    conn, MSG_attach_chunk,
		    json_pack("{s:I, s:I, s:s}", "upload", (json_int_t)upload, "offset", (json_int_t)held, "data", b64),
		    reply, timeout_ms);
		if (e != E_OK)
			goto out;
		held = json_integer_value(json_object_get(*reply, "held"));
		if (held <= before) { /* held did not move: the server holds something else; ask it */
			e = s_mine(E_INTERNAL, _("Máy chủ không nhận đoạn gửi; hãy chạy lại lệnh"), reply);
			goto out;
		}
		s_progress(name, held, (int64_t)len);
	}
	if (isatty(2))
		fputc('\n', stderr);
	json_decref(*reply);
	e = s_call(conn, MSG_attach_finish, json_pack("{s:I}", "upload", (json_int_t)upload), reply, timeout_ms);
	if (e == E_NOT_FOUND) { /* finished meanwhile (another run of ours): then the server holds it */
		json_decref(*reply);
		e = s_begin(conn, code, name, len, hex, reply, timeout_ms);
		if (e == E_OK && json_integer_value(json_object_get(*reply, "upload")) != 0)
			e = s_mine(E_INTERNAL, _("Máy chủ không nhận đoạn gửi; hãy chạy lại lệnh"), reply);
		json_object_del(*reply, "upload");
	}
	if (e != E_OK)
		goto out;
done:
	json_object_set_new(*reply, "sent", json_integer(sent));
	json_object_set_new(*reply, "resumed_from", json_integer(from));
	json_object_set_new(*reply, "size", json_integer((json_int_t)len));
out:
	free(b64);
	free(buf);
	return e;
}

proto_err_t attach_cli_get(conn_t *conn, const char *code, const char *which, const char *out, json_t **reply,
                           int timeout_ms)
{
	char part[4096], hex[65], want[65] = "";
	unsigned char *data = NULL, *chunk = NULL;
	size_t len = 0, n;
	int64_t size = -1, received = 0;
	struct stat st;
	FILE *f;
	proto_err_t e = E_OK;

	*reply = NULL;
	snprintf(part, sizeof part, "%s.part", out);
	if (stat(part, &st) == 0 && S_ISREG(st.st_mode) && file_read(part, &data, &len) != 0) {
		free(data);
		return s_local(E_NOT_FOUND, _("Không đọc được tệp"), part, reply);
	}
	if (!(f = fopen(part, len ? "ab" : "wb")))
		return s_local(E_NOT_FOUND, _("Không ghi được tệp"), part, reply);
	fchmod(fileno(f), 0600);
	while (size < 0 || (int64_t)len < size) {
		const char *b64;
		json_decref(*reply);
		e = s_call(conn, MSG_attach_get,
		           json_pack("{s:s, s:s, s:I, s:i}", "code", code, "file", which, "offset", (json_int_t)len,
		                     "max", CHUNK_DEFAULT * 2),
		           reply, timeout_ms);
		if (e != E_OK)
			break;
		size = json_integer_value(json_object_get(*reply, "size"));
		snprintf(want, sizeof want, "%s", json_string_value(json_object_get(*reply, "hash")));
		b64 = json_string_value(json_object_get(*reply, "data"));
		if (!chunk)
			chunk = malloc(CHUNK_DEFAULT * 2);
		if (!chunk ||
		    sodium_base642bin(chunk, CHUNK_DEFAULT * 2, b64, strlen(b64), NULL, &n, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    (n == 0 && (int64_t)len < size) || !(data = realloc(data, len + n + 1)) ||
		    fwrite(chunk, 1, n, f) != n || fflush(f) != 0) {
			e = E_INTERNAL;
			break;
		}
		memcpy(data + len, chunk, n);
		len += n;
		received += (int64_t)n;
	}
	fclose(f);
	if (e == E_OK) {
		s_hex(data, len, hex);
		if (strcmp(hex, want) != 0) {
			unlink(part); /* a wrong byte somewhere: the next run starts over */
			e = E_HASH_MISMATCH;
		} else if (rename(part, out) != 0) {
			free(data);
			free(chunk);
			json_decref(*reply);
			return s_local(E_INTERNAL, _("Không ghi được tệp"), out, reply);
		}
	}
	if (e == E_OK) {
		json_t *r =
		    json_pack("{s:s, s:O, s:s, s:I, s:s, s:I}", "code", code, "name", json_object_get(*reply, "name"),
		              "hash", want, "size", (json_int_t)size, "out", out, "received", (json_int_t)received);
		json_decref(*reply);
		*reply = r;
	} else if (!*reply || e != proto_err_from_code(json_string_value(json_object_get(*reply, "code")))) {
		json_decref(*reply);
		*reply = proto_error_body(e, NULL);
	}
	free(data);
	free(chunk);
	return e;
}

void attach_cli_add_list(conn_t *conn, const char *code, json_t *reply, int timeout_ms)
{
	json_t *r = NULL;

	if (conn_call(conn, MSG_attach_list, json_pack("{s:s}", "code", code), &r, timeout_ms) == E_OK)
		json_object_set(reply, "attachments", json_object_get(r, "attachments"));
	json_decref(r);
}
