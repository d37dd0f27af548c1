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

/* The option a field is given with, as help and errors spell it: its key
 * with '-' for '_' (--new-due), a map's without its plural (--field). */
static const char *s_opt(const proto_field_t *fd, char *buf, size_t n)
{
	size_t len = strlen(fd->key) - (fd->type == T_OBJ);

	snprintf(buf, n, "%.*s", (int)len, fd->key);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = '-';
	return buf;
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
	char *nfc = text_nfc(raw, strlen(raw), NULL), o[64];
	json_t *v = NULL;

	s_opt(fd, o, sizeof o);
	if (!nfc) {
		snprintf(err, errlen, "--%s: văn bản không phải UTF-8 hợp lệ", o);
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
			snprintf(err, errlen, "--%s: cần một số nguyên, không phải \"%s\"", o, nfc);
		else
			v = json_integer(x);
		break;
	}
	case T_OBJ: {
		char *eq = strchr(nfc, '=');
		if (!eq || eq == nfc) {
			snprintf(err, errlen, "--%s: cần dạng tên=giá_trị, không phải \"%s\"", o, nfc);
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
				char o[64];
				snprintf(err, errlen, "--%s cần một giá trị", s_opt(fd, o, sizeof o));
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
			char o[64];
			snprintf(err, errlen, "thiếu %s%s", fd->flags & F_POS ? "" : "--",
				 fd->flags & F_POS ? fd->key : s_opt(fd, o, sizeof o));
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

/* Print the n items from column col, each after a space unless the line
 * is at column indent, a line broken before an item that would pass
 * ARGS_COLS (going on at column indent); ends the line. */
static void s_wrap_items(FILE *f, int col, int indent, char **items, int n)
{
	if (col < indent) { /* a short head: the text starts at indent all the same */
		fprintf(f, "%*s", indent - col, "");
		col = indent;
	}
	for (int i = 0; i < n; i++) {
		int w = text_width(items[i]);
		if (col > indent && col + 1 + w > ARGS_COLS) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fputs(items[i], f);
		col += w;
	}
	fputc('\n', f);
}

void args_wrap(FILE *f, int col, int indent, const char *text)
{
	char *copy = strdup(text), *items[256], *save = NULL;
	int n = 0;

	if (!copy)
		return;
	for (char *w = strtok_r(copy, " ", &save); w && n < 256; w = strtok_r(NULL, " ", &save))
		items[n++] = w;
	s_wrap_items(f, col, indent, items, n);
	free(copy);
}

void args_usage(FILE *f, const char *prog, const proto_def_t *def)
{
	static const char *tname[] = {[T_STR] = "VĂN_BẢN", [T_INT] = "SỐ", [T_BOOL] = "", [T_STRS] = "A,B,...", [T_OBJ] = "TÊN=GIÁ_TRỊ"};
	char words[128], opt[PROTO_MAX_FIELDS][160], *items[PROTO_MAX_FIELDS], line[4096], o[64];
	int n = 0;

	/* the synopsis, an option and its value kept on one line */
	for (int i = 0; i < def->nfields && n < PROTO_MAX_FIELDS; i++, n++) {
		const proto_field_t *fd = &def->fields[i];
		const char *ob = fd->flags & F_REQ ? "" : "[", *c = fd->flags & F_REQ ? "" : "]";
		if (fd->flags & F_POS)
			snprintf(opt[n], sizeof opt[n], "%s%s%s", ob, fd->key, c);
		else if (fd->type == T_OBJ) /* --field name=value, repeated */
			snprintf(opt[n], sizeof opt[n], "%s--%s %s%s...", ob, s_opt(fd, o, sizeof o), tname[fd->type], c);
		else if (fd->type == T_BOOL)
			snprintf(opt[n], sizeof opt[n], "%s--%s%s", ob, s_opt(fd, o, sizeof o), c);
		else
			snprintf(opt[n], sizeof opt[n], "%s--%s %s%s", ob, s_opt(fd, o, sizeof o), tname[fd->type], c);
		items[n] = opt[n];
	}
	snprintf(line, sizeof line, "%s %s", prog, args_words(def, words, sizeof words));
	fputs(line, f);
	s_wrap_items(f, text_width(line), 4, items, n);
	fputs("  ", f);
	args_wrap(f, 2, 2, def->doc);
	for (int i = 0; i < def->nfields; i++) {
		snprintf(line, sizeof line, "  --%-11s", s_opt(&def->fields[i], o, sizeof o));
		fputs(line, f);
		snprintf(words, sizeof words, "%s", def->fields[i].flags & F_REQ ? " (bắt buộc)" : "");
		{
			char help[1024];
			snprintf(help, sizeof help, "%s%s", def->fields[i].help, words);
			args_wrap(f, text_width(line), 15, help);
		}
	}
}
