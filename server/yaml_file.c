/* yaml_file.c — a YAML data file read twice: libcyaml builds the structures,
 * libyaml's document of the same text answers "on which line?" (libcyaml
 * keeps no positions). The document is first walked against the libcyaml
 * schema, so that every unknown, repeated or missing key and every value of
 * the wrong kind is reported on its line in Vietnamese, all at once; errors
 * accumulate as "file:line: message" lines. Used by the forms loader and
 * the working-time calendar. */
#include "yaml_file.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_BYTES (1 << 20)
#define MAX_ERRORS 200

/* ---- errors -------------------------------------------------------------- */

static void s_append(yf_errs_t *e, const char *text)
{
	size_t len = strlen(text);

	if (e->oom)
		return;
	if (e->len + len + 1 > e->cap) {
		size_t cap = e->cap ? e->cap : 1024;
		char *b;
		while (cap < e->len + len + 1)
			cap *= 2;
		if ((b = realloc(e->buf, cap)) == NULL) {
			e->oom = true;
			return;
		}
		e->buf = b;
		e->cap = cap;
	}
	memcpy(e->buf + e->len, text, len + 1);
	e->len += len;
}

/* Add "path:line: message" ("path: message" when line is 0). After
 * MAX_ERRORS only the count grows. */
void yf_err(yf_errs_t *e, const char *path, long line, const char *fmt, ...)
{
	char head[32], *msg = NULL;
	va_list ap;
	int rc;

	if (++e->n > MAX_ERRORS)
		return;
	va_start(ap, fmt);
	rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		e->oom = true;
		return;
	}
	if (line > 0)
		snprintf(head, sizeof head, ":%ld: ", line);
	else
		snprintf(head, sizeof head, ": ");
	s_append(e, path);
	s_append(e, head);
	s_append(e, msg);
	s_append(e, "\n");
	free(msg);
}

char *yf_text(yf_errs_t *e, const char *dir)
{
	char *out;

	if (e->n > MAX_ERRORS) {
		char more[64];
		snprintf(more, sizeof more, "… và %u lỗi khác\n", e->n - MAX_ERRORS);
		s_append(e, more);
	}
	if (e->oom) {
		free(e->buf);
		if ((e->buf = malloc(strlen(dir) + 40)) != NULL)
			sprintf(e->buf, "%s: hết bộ nhớ\n", dir);
	}
	out = e->buf;
	e->buf = NULL;
	return out;
}

/* ---- the files as YAML documents (positions) ---------------------------- */

long yf_node_line(const yaml_node_t *n)
{
	return n ? (long)n->start_mark.line + 1 : 0;
}

/* The value of key in mapping node (and the key node in *keyp), or NULL. */
yaml_node_t *yf_map_get(yaml_document_t *doc, yaml_node_t *node, const char *key, yaml_node_t **keyp)
{
	if (!node || node->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0) {
			if (keyp)
				*keyp = k;
			return yaml_document_get_node(doc, p->value);
		}
	}
	return NULL;
}

/* The line of the node at a dotted path below the root: "fields.3.choices"
 * is key fields, entry 3 of that sequence, then its key choices. A key's
 * own line is used, so that an error about a value points at where the key
 * is written; a path that runs out gives the deepest line found. */
long yf_line(yf_file_t *fl, const char *fmt, ...)
{
	char path[256], *save = NULL;
	yaml_node_t *node;
	long line = 0;
	va_list ap;

	if (!fl->have_doc)
		return 0;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	node = yaml_document_get_root_node(&fl->doc);
	line = yf_node_line(node);
	for (char *seg = strtok_r(path, ".", &save); seg && node; seg = strtok_r(NULL, ".", &save)) {
		if (seg[0] >= '0' && seg[0] <= '9') {
			long i = strtol(seg, NULL, 10);
			if (node->type != YAML_SEQUENCE_NODE ||
			    i >= node->data.sequence.items.top - node->data.sequence.items.start)
				break;
			node = yaml_document_get_node(&fl->doc, node->data.sequence.items.start[i]);
			line = yf_node_line(node);
		} else {
			yaml_node_t *key = NULL;
			node = yf_map_get(&fl->doc, node, seg, &key);
			if (key)
				line = yf_node_line(key);
		}
	}
	return line;
}

/* Read path and parse it with libyaml. False (reported) when the file
 * cannot be read, is too large, or is not YAML. */
bool yf_open(yf_file_t *fl, const char *path, yf_errs_t *errs)
{
	yaml_parser_t parser;
	FILE *f;
	long size = 0;

	memset(fl, 0, sizeof *fl);
	fl->path = path;
	fl->errs = errs;
	fl->errs_before = errs->n;
	if ((f = fopen(path, "rb")) == NULL) {
		yf_err(errs, path, 0, "không đọc được tệp");
		return false;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > MAX_FILE_BYTES ||
	    fseek(f, 0, SEEK_SET) != 0 || (fl->text = malloc((size_t)size + 1)) == NULL ||
	    fread(fl->text, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		yf_err(errs, path, 0, size > MAX_FILE_BYTES ? "tệp quá lớn (tối đa 1 MiB)" : "không đọc được tệp");
		return false;
	}
	fclose(f);
	fl->text[size] = '\0';
	fl->len = (size_t)size;
	if (!yaml_parser_initialize(&parser)) {
		yf_err(errs, path, 0, "hết bộ nhớ");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)fl->text, fl->len);
	if (!yaml_parser_load(&parser, &fl->doc)) {
		/* an unclosed bracket is noticed where the text ends: point at the
		 * construct it belongs to (the context), and say where it was seen */
		long at = (long)parser.problem_mark.line + 1, from = (long)parser.context_mark.line + 1;
		if (parser.context && from < at)
			yf_err(errs, path, from, "YAML không hợp lệ: %s %s (phát hiện ở dòng %ld)", parser.problem,
			       parser.context, at);
		else
			yf_err(errs, path, at, "YAML không hợp lệ: %s%s%s", parser.problem ? parser.problem : "?",
			       parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return false;
	}
	yaml_parser_delete(&parser);
	fl->have_doc = true;
	if (!yaml_document_get_root_node(&fl->doc)) {
		yf_err(errs, path, 0, "tệp rỗng");
		return false;
	}
	return true;
}

void yf_close(yf_file_t *fl)
{
	if (fl->have_doc)
		yaml_document_delete(&fl->doc);
	free(fl->text);
	fl->have_doc = false;
	fl->text = NULL;
}

/* Errors reported since the file was opened. */
bool yf_bad(const yf_file_t *fl)
{
	return fl->errs->n != fl->errs_before;
}

/* ---- shape: the document against the libcyaml schema -------------------- */

/* libcyaml stops at the first problem and reports it in English. Walking
 * the document against the same schema first finds every unknown,
 * repeated or missing key, every value of the wrong kind (list, mapping,
 * scalar), every integer or boolean that is not one, and every string or
 * list of the wrong length, each on its line; libcyaml then only builds
 * the structures. */

static void s_known_keys(const cyaml_schema_field_t *f, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (; f->key && len < n; f++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "", f->key);
}

/* s is a decimal integer (negative when sign) that fits in size bytes. */
static bool s_is_int(const char *s, bool sign, size_t size)
{
	long long max = size >= 8 ? INT64_MAX : (1LL << (size * 8 - (sign ? 1 : 0))) - 1;
	const char *p = s;
	long long v;
	char *end;

	if (sign && *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && errno == 0 && v <= max && v >= -max - 1;
}

/* v names one of the enumeration's values (strict: nothing else is). */
static bool s_is_enum(const cyaml_schema_value_t *sv, const char *v)
{
	for (uint32_t i = 0; i < sv->enumeration.count; i++)
		if (strcmp(sv->enumeration.strings[i].str, v) == 0)
			return true;
	return false;
}

static void s_bad_enum(yf_file_t *fl, long line, const cyaml_schema_value_t *sv, const char *key, const char *v)
{
	char known[256];
	size_t len = 0;

	known[0] = '\0';
	for (uint32_t i = 0; i < sv->enumeration.count && len < sizeof known; i++)
		len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
		                        sv->enumeration.strings[i].str);
	yf_err(fl->errs, fl->path, line, "\"%s\" không nhận giá trị \"%s\" (các giá trị được dùng: %s)", key, v, known);
}

/* node is the value of key, written on line at (the key's line). */
static void s_shape(yf_file_t *fl, yaml_node_t *node, const cyaml_schema_value_t *sv, const char *key, long at);

static void s_shape_mapping(yf_file_t *fl, yaml_node_t *node, const cyaml_schema_value_t *sv, const char *key)
{
	const cyaml_schema_field_t *fields = sv->mapping.fields;
	yaml_node_pair_t *start = node->data.mapping.pairs.start, *top = node->data.mapping.pairs.top;
	char known[512];

	for (yaml_node_pair_t *p = start; p < top; p++) {
		yaml_node_t *k = yaml_document_get_node(&fl->doc, p->key);
		const cyaml_schema_field_t *f;
		const char *name;
		bool twice = false;

		if (!k || k->type != YAML_SCALAR_NODE) {
			yf_err(fl->errs, fl->path, yf_node_line(k), "khóa phải là một chuỗi");
			continue;
		}
		name = (const char *)k->data.scalar.value;
		for (yaml_node_pair_t *q = start; q < p && !twice; q++) {
			yaml_node_t *k2 = yaml_document_get_node(&fl->doc, q->key);
			twice = k2 && k2->type == YAML_SCALAR_NODE &&
			        strcmp((const char *)k2->data.scalar.value, name) == 0;
		}
		if (twice) {
			yf_err(fl->errs, fl->path, yf_node_line(k), "khóa \"%s\" xuất hiện hai lần", name);
			continue;
		}
		for (f = fields; f->key && strcmp(f->key, name) != 0; f++)
			;
		if (!f->key) {
			s_known_keys(fields, known, sizeof known);
			yf_err(fl->errs, fl->path, yf_node_line(k), "khóa không hợp lệ \"%s\" (các khóa được dùng: %s)",
			       name, known);
			continue;
		}
		s_shape(fl, yaml_document_get_node(&fl->doc, p->value), &f->value, f->key, yf_node_line(k));
	}
	for (const cyaml_schema_field_t *f = fields; f->key; f++) {
		if (f->value.flags & CYAML_FLAG_OPTIONAL || yf_map_get(&fl->doc, node, f->key, NULL))
			continue;
		if (key)
			yf_err(fl->errs, fl->path, yf_node_line(node), "thiếu khóa bắt buộc \"%s\" trong \"%s\"",
			       f->key, key);
		else
			yf_err(fl->errs, fl->path, yf_node_line(node), "thiếu khóa bắt buộc \"%s\"", f->key);
	}
}

static void s_shape(yf_file_t *fl, yaml_node_t *node, const cyaml_schema_value_t *sv, const char *key, long at)
{
	long line = at;
	const char *v;
	size_t len;

	if (!node)
		return;
	switch (sv->type) {
	case CYAML_MAPPING:
		if (node->type != YAML_MAPPING_NODE) {
			yf_err(fl->errs, fl->path, line, "\"%s\" phải là một bảng khóa: giá trị", key ? key : "tệp");
			return;
		}
		s_shape_mapping(fl, node, sv, key);
		return;
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED: {
		long count;
		if (node->type != YAML_SEQUENCE_NODE) {
			yf_err(fl->errs, fl->path, line, "\"%s\" phải là một danh sách", key);
			return;
		}
		count = node->data.sequence.items.top - node->data.sequence.items.start;
		if (count < (long)sv->sequence.min)
			yf_err(fl->errs, fl->path, line, "\"%s\" cần ít nhất %u mục", key, (unsigned)sv->sequence.min);
		else if (sv->sequence.max != CYAML_UNLIMITED && count > (long)sv->sequence.max)
			yf_err(fl->errs, fl->path, line, "\"%s\" có nhiều nhất %u mục", key,
			       (unsigned)sv->sequence.max);
		for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
			yaml_node_t *entry = yaml_document_get_node(&fl->doc, *it);
			s_shape(fl, entry, sv->sequence.entry, key, yf_node_line(entry));
		}
		return;
	}
	case CYAML_FLAGS: /* a list of names, e.g. [mon, tue] */
		if (node->type != YAML_SEQUENCE_NODE) {
			yf_err(fl->errs, fl->path, line, "\"%s\" phải là một danh sách", key);
			return;
		}
		for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
			yaml_node_t *entry = yaml_document_get_node(&fl->doc, *it);
			if (!entry || entry->type != YAML_SCALAR_NODE)
				yf_err(fl->errs, fl->path, yf_node_line(entry), "\"%s\" chỉ gồm các giá trị đơn", key);
			else if (!s_is_enum(sv, (const char *)entry->data.scalar.value))
				s_bad_enum(fl, yf_node_line(entry), sv, key, (const char *)entry->data.scalar.value);
		}
		return;
	default:
		break;
	}
	if (node->type != YAML_SCALAR_NODE) {
		yf_err(fl->errs, fl->path, line, "\"%s\" phải là một giá trị đơn, không phải danh sách hay bảng", key);
		return;
	}
	v = (const char *)node->data.scalar.value;
	len = node->data.scalar.length;
	switch (sv->type) {
	case CYAML_INT:
	case CYAML_UINT:
		if (s_is_int(v, sv->type == CYAML_INT, sv->data_size))
			break;
		if (v[0] && strspn(v, "-0123456789") == len)
			yf_err(fl->errs, fl->path, line, "\"%s\" vượt giới hạn: %s", key, v);
		else
			yf_err(fl->errs, fl->path, line, "\"%s\" phải là một số nguyên, không phải \"%s\"", key, v);
		break;
	case CYAML_ENUM:
		if (!s_is_enum(sv, v))
			s_bad_enum(fl, line, sv, key, v);
		break;
	case CYAML_BOOL:
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			yf_err(fl->errs, fl->path, line, "\"%s\" phải là true hoặc false, không phải \"%s\"", key, v);
		break;
	case CYAML_STRING:
		if (len < sv->string.min)
			yf_err(fl->errs, fl->path, line, "\"%s\" không được để trống", key);
		else if (sv->string.max != CYAML_UNLIMITED && len > sv->string.max)
			yf_err(fl->errs, fl->path, line, "\"%s\" dài quá %u byte", key, (unsigned)sv->string.max);
		break;
	default:
		break;
	}
}

/* ---- libcyaml ------------------------------------------------------------ */

/* The first error libcyaml logs and the line of the innermost node of its
 * backtrace. After s_shape it is rare: a number out of range, say. */
struct s_log {
	char msg[512];
	long line;
};

static void s_log_fn(cyaml_log_t level, void *ctx, const char *fmt, va_list ap)
{
	struct s_log *lg = ctx;
	char text[512];
	const char *at;
	size_t len;

	if (level < CYAML_LOG_ERROR)
		return;
	vsnprintf(text, sizeof text, fmt, ap);
	if ((at = strstr(text, "(line: ")) != NULL) {
		if (!lg->line)
			lg->line = strtol(at + 7, NULL, 10);
		return;
	}
	if (lg->msg[0] || strstr(text, "Backtrace:"))
		return;
	for (len = strlen(text); len && (text[len - 1] == '\n' || text[len - 1] == ' ');)
		text[--len] = '\0';
	snprintf(lg->msg, sizeof lg->msg, "%s", strncmp(text, "Load: ", 6) == 0 ? text + 6 : text);
}

static const cyaml_config_t s_cyaml_cfg = {
    .log_fn = s_log_fn,
    .mem_fn = cyaml_mem,
    .log_level = CYAML_LOG_ERROR,
    .flags = CYAML_CFG_NO_ALIAS,
};

/* Check the file's shape, then load it with schema. NULL (reported) on
 * any error; free the result with s_cyaml_free. */
void *yf_load(yf_file_t *fl, const cyaml_schema_value_t *schema)
{
	struct s_log lg = {{0}, 0};
	cyaml_config_t cfg = s_cyaml_cfg;
	cyaml_data_t *data = NULL;
	yaml_node_t *root = yaml_document_get_root_node(&fl->doc);
	cyaml_err_t e;

	s_shape(fl, root, schema, NULL, yf_node_line(root));
	if (yf_bad(fl))
		return NULL;
	cfg.log_ctx = &lg;
	e = cyaml_load_data((const uint8_t *)fl->text, fl->len, &cfg, schema, &data, NULL);
	if (e != CYAML_OK) {
		yf_err(fl->errs, fl->path, lg.line, "không đọc được (%s)", lg.msg[0] ? lg.msg : cyaml_strerror(e));
		return NULL;
	}
	return data;
}

void yf_free(const cyaml_schema_value_t *schema, void *data)
{
	struct s_log lg = {{0}, 0};
	cyaml_config_t cfg = s_cyaml_cfg;

	cfg.log_ctx = &lg;
	if (data)
		cyaml_free(&cfg, schema, data, 0);
}

/* ---- loading ------------------------------------------------------------- */

static int s_cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names in dir, sorted so that errors come in a stable order.
 * Caller frees each name and the array; NULL (reported) on error. */
char **yf_list(const char *dir, size_t *count, yf_errs_t *errs)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	*count = 0;
	if (!d) {
		yf_err(errs, dir, 0, "không mở được thư mục");
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n == cap) {
			char **v = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *v);
			if (!v)
				goto oom;
			names = v;
		}
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto oom;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, s_cmp_name);
	*count = n;
	return names ? names : calloc(1, sizeof *names);
oom:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	yf_err(errs, dir, 0, "hết bộ nhớ");
	return NULL;
}
