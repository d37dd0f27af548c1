/* args.c — table-driven command-line parsing for protocol messages. */
#include "args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Option names match field keys with '-' for '_' as well: --new-due. */
static bool s_same(const char *key, const char *opt, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (key[i] != opt[i] && !(key[i] == '_' && opt[i] == '-'))
			return false;
	return true;
}

static const proto_field_t *s_find(const proto_def_t *def, const char *key, size_t n)
{
	for (int i = 0; i < def->nfields; i++) {
		const proto_field_t *fd = &def->fields[i];
		size_t klen = strlen(fd->key);
		if (klen == n && s_same(fd->key, key, n))
			return fd;
		/* a map is given one entry at a time: --field name=value */
		if (fd->type == T_OBJ && klen == n + 1 && fd->key[n] == 's' && s_same(fd->key, key, n))
			return fd;
	}
	return NULL;
}

static json_t *s_value(const proto_field_t *fd, const char *raw, char *err, size_t errlen)
{
	char *nfc = text_nfc(raw, strlen(raw), NULL);
	json_t *v = NULL;

	if (!nfc) {
		snprintf(err, errlen, "--%s: văn bản không phải UTF-8 hợp lệ", fd->key);
		return NULL;
	}
	switch (fd->type) {
	case T_STR: v = json_string(nfc); break;
	case T_BOOL: v = json_true(); break;
	case T_INT: {
		char *end;
		long long x;
		errno = 0;
		x = strtoll(nfc, &end, 10);
		if (errno || end == nfc || *end)
			snprintf(err, errlen, "--%s: cần một số nguyên, không phải \"%s\"", fd->key, nfc);
		else
			v = json_integer(x);
		break;
	}
	case T_OBJ: {
		char *eq = strchr(nfc, '=');
		if (!eq || eq == nfc) {
			snprintf(err, errlen, "--%s: cần dạng tên=giá_trị, không phải \"%s\"", fd->key, nfc);
			break;
		}
		*eq = 0;
		v = json_pack("{s:s}", nfc, eq + 1);
		break;
	}
	case T_STRS: {
		char *save = NULL;
		v = json_array();
		for (char *t = strtok_r(nfc, ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (*t)
				json_array_append_new(v, json_string(t));
		break;
	}
	case T_LIST:
	case T_NUM:
	case T_ANY: break; /* replies and events only */
	}
	free(nfc);
	return v;
}

int args_parse(const proto_def_t *def, int argc, char **argv, json_t **out, char *err, size_t errlen)
{
	json_t *body = json_object();
	int pos = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		const proto_field_t *fd = NULL;
		json_t *v;

		if (strncmp(a, "--", 2) == 0) {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			fd = s_find(def, a + 2, n);
			if (!fd) {
				snprintf(err, errlen, "tùy chọn không có: %s", a);
				goto fail;
			}
			if (eq)
				val = eq + 1;
			else if (fd->type == T_BOOL)
				val = "";
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				snprintf(err, errlen, "--%s cần một giá trị", fd->key);
				goto fail;
			}
		} else {
			for (int seen = 0, k = 0; k < def->nfields; k++)
				if ((def->fields[k].flags & F_POS) && seen++ == pos) {
					fd = &def->fields[k];
					break;
				}
			if (!fd) {
				snprintf(err, errlen, "thừa đối số: %s", a);
				goto fail;
			}
			pos++;
			val = a;
		}
		v = s_value(fd, val, err, errlen);
		if (!v)
			goto fail;
		if (fd->type == T_OBJ && json_object_get(body, fd->key)) {
			json_object_update(json_object_get(body, fd->key), v);
			json_decref(v);
		} else
			json_object_set_new(body, fd->key, v);
	}
	*out = body;
	return 0;
fail:
	json_decref(body);
	return -1;
}

int args_complete(const proto_def_t *def, const json_t *body, char *err, size_t errlen)
{
	for (int k = 0; k < def->nfields; k++) {
		const proto_field_t *fd = &def->fields[k];
		if ((fd->flags & F_REQ) && !json_object_get(body, fd->key)) {
			/* a T_OBJ "fields" is given as --field name=value */
			snprintf(err, errlen, "thiếu %s%.*s", fd->flags & F_POS ? "" : "--",
				 (int)strlen(fd->key) - (fd->type == T_OBJ), fd->key);
			return -1;
		}
	}
	return 0;
}

const char *args_words(const proto_def_t *def, char *buf, size_t n)
{
	snprintf(buf, n, "%s", def->name);
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = ' ';
	return buf;
}

const proto_def_t *args_lookup(int argc, char **argv, int *used)
{
	char name[128];

	if (argc >= 2) {
		snprintf(name, sizeof name, "%s.%s", argv[0], argv[1]);
		if (proto_def_by_name(name)) {
			*used = 2;
			return proto_def_by_name(name);
		}
	}
	if (argc >= 1 && proto_def_by_name(argv[0])) {
		*used = 1;
		return proto_def_by_name(argv[0]);
	}
	return NULL;
}

void args_usage(FILE *f, const char *prog, const proto_def_t *def)
{
	static const char *tname[] = {[T_STR] = "VĂN_BẢN", [T_INT] = "SỐ", [T_BOOL] = "", [T_STRS] = "A,B,...", [T_OBJ] = "TÊN=GIÁ_TRỊ"};
	char words[128];

	fprintf(f, "%s %s", prog, args_words(def, words, sizeof words));
	for (int i = 0; i < def->nfields; i++) {
		const proto_field_t *fd = &def->fields[i];
		const char *o = fd->flags & F_REQ ? "" : "[", *c = fd->flags & F_REQ ? "" : "]";
		if (fd->flags & F_POS)
			fprintf(f, " %s%s%s", o, fd->key, c);
		else if (fd->type == T_OBJ) /* --field name=value, repeated */
			fprintf(f, " %s--%.*s %s%s...", o, (int)strlen(fd->key) - 1, fd->key, tname[fd->type], c);
		else
			fprintf(f, " %s--%s %s%s", o, fd->key, tname[fd->type], c);
	}
	fprintf(f, "\n  %s\n", def->doc);
	for (int i = 0; i < def->nfields; i++)
		fprintf(f, "  --%-10.*s %s%s\n", (int)strlen(def->fields[i].key) - (def->fields[i].type == T_OBJ),
			def->fields[i].key, def->fields[i].help,
			def->fields[i].flags & F_REQ ? " (bắt buộc)" : "");
}
