/* edxml_files.c — the package's attachments to and from the server's
 * store of files (edxml_files.h), through a private temporary directory:
 * attach_cli's chunked transfer works on files. */
#include "edxml_files.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach_cli.h"
#include "file_read.h"

/* A private directory for the transfer ("" when none could be made). */
static void s_tmpdir(char *dir, size_t n)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, n, "%s/congvu-edxml-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir))
		dir[0] = 0;
}

int edxml_files_fetch(conn_t *conn, const char *code, json_t *m, int timeout_ms, char *err, size_t n)
{
	json_t *list = json_object(), *files = json_object_get(m, "attachments"), *a, *reply = NULL;
	char dir[512], path[1024];
	size_t i, len = 0;
	int rc = 0;

	if (!json_is_array(files))
		json_object_set_new(m, "attachments", files = json_array());
	attach_cli_add_list(conn, code, list, timeout_ms);
	s_tmpdir(dir, sizeof dir);
	json_array_foreach(json_object_get(list, "attachments"), i, a)
	{
		const char *name = json_string_value(json_object_get(a, "name"));
		unsigned char *bytes;
		char *b64;
		size_t blen;

		snprintf(path, sizeof path, "%s/%zu", dir, i);
		if (!*dir || attach_cli_get(conn, code, json_string_value(json_object_get(a, "hash")), path, &reply,
		                            timeout_ms) != E_OK ||
		    file_read(path, &bytes, &len) != 0) {
			snprintf(err, n, "Không tải được tệp đính kèm \"%s\" để đưa vào gói", name ? name : "?");
			rc = -1;
			break;
		}
		json_decref(reply);
		reply = NULL;
		blen = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		if ((b64 = malloc(blen))) {
			sodium_bin2base64(b64, blen, bytes, len, sodium_base64_VARIANT_ORIGINAL);
			json_array_append_new(files, json_pack("{s:s, s:O, s:s}", "name", name ? name : "tep",
			                                       "type", json_object_get(a, "mime"), "data", b64));
		}
		free(b64);
		free(bytes);
		unlink(path);
	}
	json_decref(reply);
	json_decref(list);
	if (*dir)
		rmdir(dir);
	return rc;
}

int edxml_files_send(conn_t *conn, const char *code, const json_t *m, int timeout_ms, char *err, size_t n)
{
	const json_t *a;
	json_t *reply = NULL;
	char dir[512], path[1024];
	size_t i;
	int sent = 0;

	s_tmpdir(dir, sizeof dir);
	json_array_foreach(json_object_get(m, "attachments"), i, a)
	{
		const char *name = json_string_value(json_object_get(a, "name")),
		           *data = json_string_value(json_object_get(a, "data"));
		size_t dlen = data ? strlen(data) : 0, len = 0;
		unsigned char *bytes = malloc(dlen + 1);
		FILE *f;
		bool ok;

		/* the file keeps its name in the package: a name of its own dir */
		snprintf(path, sizeof path, "%s/%zu", dir, i);
		ok = *dir && bytes && name && *name && !strchr(name, '/') &&
		     sodium_base642bin(bytes, dlen + 1, data ? data : "", dlen, " \t\r\n", &len, NULL,
		                       sodium_base64_VARIANT_ORIGINAL) == 0 &&
		     mkdir(path, 0700) == 0;
		if (ok) {
			snprintf(path + strlen(path), sizeof path - strlen(path), "/%s", name);
			ok = (f = fopen(path, "wb")) && fwrite(bytes, 1, len, f) == len;
			if (f)
				ok = fclose(f) == 0 && ok;
			ok = ok && attach_cli_put(conn, code, path, &reply, timeout_ms) == E_OK;
			unlink(path);
			*strrchr(path, '/') = 0;
			rmdir(path);
		}
		free(bytes);
		json_decref(reply);
		reply = NULL;
		if (!ok) {
			snprintf(err, n, "Không đính kèm được tệp \"%s\" của gói vào văn bản %s", name ? name : "?", code);
			sent = -1;
			break;
		}
		sent++;
	}
	if (*dir)
		rmdir(dir);
	return sent;
}
