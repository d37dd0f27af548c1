/* forms.c — procedures and workflows as data. libcyaml reads each file of
 * forms/workflows/ and forms/procedures/ into plain structures; this file
 * checks them, alone and against each other, and hands back one immutable
 * set. Every problem found is reported on its own "file:line: message"
 * line, so that a province fixes its files in one pass, not one error at a
 * time. The formats are described in forms/procedures/README.md and
 * forms/workflows/README.md. */
#include "forms.h"

#include <cyaml/cyaml.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "proto.h"

#define MAX_FILE_BYTES (1 << 20)
#define MAX_ERRORS 200
/* Budgets are checked against the processing time in working hours, with
 * a working day of 8 hours (the calendar's usual day; the deadline itself
 * is counted by worktime.c on the real calendar). */
#define DAY_HOURS 8
/* Effective dates are Vietnamese calendar dates: UTC+7, no daylight saving. */
#define LOCAL_OFFSET (7 * 3600)

/* ---- errors -------------------------------------------------------------- */

/* Every error of one load, as "file:line: message\n" lines. */
struct s_errs {
	char *buf;
	size_t len, cap;
	unsigned n;
	bool oom;
};

static void s_append(struct s_errs *e, const char *text)
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
__attribute__((format(printf, 4, 5))) static void s_err(struct s_errs *e, const char *path, long line, const char *fmt,
                                                        ...)
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

/* ---- the files as YAML documents (positions) ---------------------------- */

/* One file being read: its text, the same text parsed by libyaml (libcyaml
 * keeps no positions, so this copy answers "on which line?") and where its
 * errors go. */
struct s_file {
	const char *path;
	char *text;
	size_t len;
	yaml_document_t doc;
	bool have_doc;
	struct s_errs *errs;
	unsigned errs_before;
};

static long s_node_line(const yaml_node_t *n)
{
	return n ? (long)n->start_mark.line + 1 : 0;
}

/* The value of key in mapping node (and the key node in *keyp), or NULL. */
static yaml_node_t *s_map_get(yaml_document_t *doc, yaml_node_t *node, const char *key, yaml_node_t **keyp)
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
__attribute__((format(printf, 2, 3))) static long s_line(struct s_file *fl, const char *fmt, ...)
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
	line = s_node_line(node);
	for (char *seg = strtok_r(path, ".", &save); seg && node; seg = strtok_r(NULL, ".", &save)) {
		if (seg[0] >= '0' && seg[0] <= '9') {
			long i = strtol(seg, NULL, 10);
			if (node->type != YAML_SEQUENCE_NODE ||
			    i >= node->data.sequence.items.top - node->data.sequence.items.start)
				break;
			node = yaml_document_get_node(&fl->doc, node->data.sequence.items.start[i]);
			line = s_node_line(node);
		} else {
			yaml_node_t *key = NULL;
			node = s_map_get(&fl->doc, node, seg, &key);
			if (key)
				line = s_node_line(key);
		}
	}
	return line;
}

/* Read path and parse it with libyaml. False (reported) when the file
 * cannot be read, is too large, or is not YAML. */
static bool s_file_open(struct s_file *fl, const char *path, struct s_errs *errs)
{
	yaml_parser_t parser;
	FILE *f;
	long size = 0;

	memset(fl, 0, sizeof *fl);
	fl->path = path;
	fl->errs = errs;
	fl->errs_before = errs->n;
	if ((f = fopen(path, "rb")) == NULL) {
		s_err(errs, path, 0, "không đọc được tệp");
		return false;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > MAX_FILE_BYTES ||
	    fseek(f, 0, SEEK_SET) != 0 || (fl->text = malloc((size_t)size + 1)) == NULL ||
	    fread(fl->text, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		s_err(errs, path, 0, size > MAX_FILE_BYTES ? "tệp quá lớn (tối đa 1 MiB)" : "không đọc được tệp");
		return false;
	}
	fclose(f);
	fl->text[size] = '\0';
	fl->len = (size_t)size;
	if (!yaml_parser_initialize(&parser)) {
		s_err(errs, path, 0, "hết bộ nhớ");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)fl->text, fl->len);
	if (!yaml_parser_load(&parser, &fl->doc)) {
		s_err(errs, path, (long)parser.problem_mark.line + 1, "YAML không hợp lệ: %s%s%s",
		      parser.problem ? parser.problem : "?", parser.context ? " " : "",
		      parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return false;
	}
	yaml_parser_delete(&parser);
	fl->have_doc = true;
	if (!yaml_document_get_root_node(&fl->doc)) {
		s_err(errs, path, 0, "tệp rỗng");
		return false;
	}
	return true;
}

static void s_file_close(struct s_file *fl)
{
	if (fl->have_doc)
		yaml_document_delete(&fl->doc);
	free(fl->text);
	fl->have_doc = false;
	fl->text = NULL;
}

/* Errors reported since the file was opened. */
static bool s_file_bad(const struct s_file *fl)
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

/* node is the value of key, written on line at (the key's line). */
static void s_shape(struct s_file *fl, yaml_node_t *node, const cyaml_schema_value_t *sv, const char *key, long at);

static void s_shape_mapping(struct s_file *fl, yaml_node_t *node, const cyaml_schema_value_t *sv, const char *key)
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
			s_err(fl->errs, fl->path, s_node_line(k), "khóa phải là một chuỗi");
			continue;
		}
		name = (const char *)k->data.scalar.value;
		for (yaml_node_pair_t *q = start; q < p && !twice; q++) {
			yaml_node_t *k2 = yaml_document_get_node(&fl->doc, q->key);
			twice = k2 && k2->type == YAML_SCALAR_NODE &&
			        strcmp((const char *)k2->data.scalar.value, name) == 0;
		}
		if (twice) {
			s_err(fl->errs, fl->path, s_node_line(k), "khóa \"%s\" xuất hiện hai lần", name);
			continue;
		}
		for (f = fields; f->key && strcmp(f->key, name) != 0; f++)
			;
		if (!f->key) {
			s_known_keys(fields, known, sizeof known);
			s_err(fl->errs, fl->path, s_node_line(k), "khóa không hợp lệ \"%s\" (các khóa được dùng: %s)",
			      name, known);
			continue;
		}
		s_shape(fl, yaml_document_get_node(&fl->doc, p->value), &f->value, f->key, s_node_line(k));
	}
	for (const cyaml_schema_field_t *f = fields; f->key; f++) {
		if (f->value.flags & CYAML_FLAG_OPTIONAL || s_map_get(&fl->doc, node, f->key, NULL))
			continue;
		if (key)
			s_err(fl->errs, fl->path, s_node_line(node), "thiếu khóa bắt buộc \"%s\" trong \"%s\"", f->key,
			      key);
		else
			s_err(fl->errs, fl->path, s_node_line(node), "thiếu khóa bắt buộc \"%s\"", f->key);
	}
}

static void s_shape(struct s_file *fl, yaml_node_t *node, const cyaml_schema_value_t *sv, const char *key, long at)
{
	long line = at;
	const char *v;
	size_t len;

	if (!node)
		return;
	switch (sv->type) {
	case CYAML_MAPPING:
		if (node->type != YAML_MAPPING_NODE) {
			s_err(fl->errs, fl->path, line, "\"%s\" phải là một bảng khóa: giá trị", key ? key : "tệp");
			return;
		}
		s_shape_mapping(fl, node, sv, key);
		return;
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED: {
		long count;
		if (node->type != YAML_SEQUENCE_NODE) {
			s_err(fl->errs, fl->path, line, "\"%s\" phải là một danh sách", key);
			return;
		}
		count = node->data.sequence.items.top - node->data.sequence.items.start;
		if (count < (long)sv->sequence.min)
			s_err(fl->errs, fl->path, line, "\"%s\" cần ít nhất %u mục", key, (unsigned)sv->sequence.min);
		else if (sv->sequence.max != CYAML_UNLIMITED && count > (long)sv->sequence.max)
			s_err(fl->errs, fl->path, line, "\"%s\" có nhiều nhất %u mục", key, (unsigned)sv->sequence.max);
		for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
			yaml_node_t *entry = yaml_document_get_node(&fl->doc, *it);
			s_shape(fl, entry, sv->sequence.entry, key, s_node_line(entry));
		}
		return;
	}
	default:
		break;
	}
	if (node->type != YAML_SCALAR_NODE) {
		s_err(fl->errs, fl->path, line, "\"%s\" phải là một giá trị đơn, không phải danh sách hay bảng", key);
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
			s_err(fl->errs, fl->path, line, "\"%s\" vượt giới hạn: %s", key, v);
		else
			s_err(fl->errs, fl->path, line, "\"%s\" phải là một số nguyên, không phải \"%s\"", key, v);
		break;
	case CYAML_BOOL:
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			s_err(fl->errs, fl->path, line, "\"%s\" phải là true hoặc false, không phải \"%s\"", key, v);
		break;
	case CYAML_STRING:
		if (len < sv->string.min)
			s_err(fl->errs, fl->path, line, "\"%s\" không được để trống", key);
		else if (sv->string.max != CYAML_UNLIMITED && len > sv->string.max)
			s_err(fl->errs, fl->path, line, "\"%s\" dài quá %u byte", key, (unsigned)sv->string.max);
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
static void *s_load(struct s_file *fl, const cyaml_schema_value_t *schema)
{
	struct s_log lg = {{0}, 0};
	cyaml_config_t cfg = s_cyaml_cfg;
	cyaml_data_t *data = NULL;
	yaml_node_t *root = yaml_document_get_root_node(&fl->doc);
	cyaml_err_t e;

	s_shape(fl, root, schema, NULL, s_node_line(root));
	if (s_file_bad(fl))
		return NULL;
	cfg.log_ctx = &lg;
	e = cyaml_load_data((const uint8_t *)fl->text, fl->len, &cfg, schema, &data, NULL);
	if (e != CYAML_OK) {
		s_err(fl->errs, fl->path, lg.line, "không đọc được (%s)", lg.msg[0] ? lg.msg : cyaml_strerror(e));
		return NULL;
	}
	return data;
}

static void s_cyaml_free(const cyaml_schema_value_t *schema, void *data)
{
	struct s_log lg = {{0}, 0};
	cyaml_config_t cfg = s_cyaml_cfg;

	cfg.log_ctx = &lg;
	if (data)
		cyaml_free(&cfg, schema, data, 0);
}

/* ---- schemas ------------------------------------------------------------- */

/* What the files hold, as written; the public structures are built from
 * these and point into them. */
struct y_amount {
	int days, hours;
};

struct y_field {
	char *name, *label, *type;
	bool required, applicant;
	int64_t min, max;
	char *pattern;
	char **choices;
	unsigned choices_count;
};

struct y_step {
	char *code, *name, *role, *unit;
	struct y_amount budget;
};

struct y_proc {
	char *code, *name;
	int version;
	char *effective, *workflow;
	struct y_amount processing;
	char *cutoff;
	int64_t fee;
	char *fee_note;
	char **legal_basis;
	unsigned legal_basis_count;
	char **papers;
	unsigned papers_count;
	char *result;
	struct y_field *fields;
	unsigned fields_count;
	struct y_step *steps;
	unsigned steps_count;
};

struct y_state {
	char *code, *name, *clock, *holder;
	bool steps, final;
};

struct y_trans {
	char *action, *label;
	char **from;
	unsigned from_count;
	char *to, *by;
	char **roles;
	unsigned roles_count;
	char **require;
	unsigned require_count;
	char *form, *effect;
};

struct y_wf {
	char *code, *name, *kind;
	int version;
	char *initial, *after_last;
	int due_soon_hours;
	struct y_state *states;
	unsigned states_count;
	struct y_trans *transitions;
	unsigned transitions_count;
};

#define OPT CYAML_FLAG_OPTIONAL
#define SEQ CYAML_FLAG_POINTER
#define TEXT_MAX 2000

static const cyaml_schema_value_t s_word = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 64)};
static const cyaml_schema_value_t s_text = {CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, TEXT_MAX)};

static const cyaml_schema_field_t s_amount_fields[] = {
    CYAML_FIELD_INT("days", OPT, struct y_amount, days),
    CYAML_FIELD_INT("hours", OPT, struct y_amount, hours),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t s_field_fields[] = {
    CYAML_FIELD_STRING_PTR("name", 0, struct y_field, name, 1, 64),
    CYAML_FIELD_STRING_PTR("label", 0, struct y_field, label, 1, 200),
    CYAML_FIELD_STRING_PTR("type", 0, struct y_field, type, 1, 64),
    CYAML_FIELD_BOOL("required", OPT, struct y_field, required),
    CYAML_FIELD_INT("min", OPT, struct y_field, min),
    CYAML_FIELD_INT("max", OPT, struct y_field, max),
    CYAML_FIELD_STRING_PTR("pattern", OPT, struct y_field, pattern, 1, 500),
    CYAML_FIELD_SEQUENCE("choices", SEQ | OPT, struct y_field, choices, &s_text, 0, 200),
    CYAML_FIELD_BOOL("applicant", OPT, struct y_field, applicant),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_field_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_field, s_field_fields),
};

static const cyaml_schema_field_t s_step_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_step, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_step, name, 1, 300),
    CYAML_FIELD_STRING_PTR("role", 0, struct y_step, role, 1, 64),
    CYAML_FIELD_STRING_PTR("unit", 0, struct y_step, unit, 1, 64),
    CYAML_FIELD_MAPPING("budget", 0, struct y_step, budget, s_amount_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_step_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_step, s_step_fields),
};

static const cyaml_schema_field_t s_proc_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_proc, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_proc, name, 1, 300),
    CYAML_FIELD_INT("version", 0, struct y_proc, version),
    CYAML_FIELD_STRING_PTR("effective", 0, struct y_proc, effective, 1, 64),
    CYAML_FIELD_STRING_PTR("workflow", 0, struct y_proc, workflow, 1, 64),
    CYAML_FIELD_MAPPING("processing", 0, struct y_proc, processing, s_amount_fields),
    CYAML_FIELD_STRING_PTR("cutoff", OPT, struct y_proc, cutoff, 1, 64),
    CYAML_FIELD_INT("fee", 0, struct y_proc, fee),
    CYAML_FIELD_STRING_PTR("fee_note", OPT, struct y_proc, fee_note, 1, TEXT_MAX),
    CYAML_FIELD_SEQUENCE("legal_basis", SEQ, struct y_proc, legal_basis, &s_text, 1, 100),
    CYAML_FIELD_SEQUENCE("papers", SEQ, struct y_proc, papers, &s_text, 1, 100),
    CYAML_FIELD_STRING_PTR("result", 0, struct y_proc, result, 1, TEXT_MAX),
    CYAML_FIELD_SEQUENCE("fields", SEQ, struct y_proc, fields, &s_field_schema, 1, 200),
    CYAML_FIELD_SEQUENCE("steps", SEQ, struct y_proc, steps, &s_step_schema, 2, 50),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_proc_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_proc, s_proc_fields),
};

static const cyaml_schema_field_t s_state_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_state, code, 1, 31),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_state, name, 1, 200),
    CYAML_FIELD_STRING_PTR("clock", 0, struct y_state, clock, 1, 64),
    CYAML_FIELD_BOOL("steps", OPT, struct y_state, steps),
    CYAML_FIELD_BOOL("final", OPT, struct y_state, final),
    CYAML_FIELD_STRING_PTR("holder", OPT, struct y_state, holder, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_state_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_state, s_state_fields),
};

static const cyaml_schema_field_t s_trans_fields[] = {
    CYAML_FIELD_STRING_PTR("action", 0, struct y_trans, action, 1, 64),
    CYAML_FIELD_STRING_PTR("label", 0, struct y_trans, label, 1, 200),
    CYAML_FIELD_SEQUENCE("from", SEQ, struct y_trans, from, &s_word, 1, 50),
    CYAML_FIELD_STRING_PTR("to", 0, struct y_trans, to, 1, 31),
    CYAML_FIELD_STRING_PTR("by", 0, struct y_trans, by, 1, 64),
    CYAML_FIELD_SEQUENCE("roles", SEQ | OPT, struct y_trans, roles, &s_word, 1, 20),
    CYAML_FIELD_SEQUENCE("require", SEQ | OPT, struct y_trans, require, &s_word, 0, 20),
    CYAML_FIELD_STRING_PTR("form", OPT, struct y_trans, form, 1, 64),
    CYAML_FIELD_STRING_PTR("effect", OPT, struct y_trans, effect, 1, 64),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_trans_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_trans, s_trans_fields),
};

static const cyaml_schema_field_t s_wf_fields[] = {
    CYAML_FIELD_STRING_PTR("code", 0, struct y_wf, code, 1, 64),
    CYAML_FIELD_STRING_PTR("name", 0, struct y_wf, name, 1, 300),
    CYAML_FIELD_STRING_PTR("kind", OPT, struct y_wf, kind, 1, 64),
    CYAML_FIELD_INT("version", 0, struct y_wf, version),
    CYAML_FIELD_STRING_PTR("initial", 0, struct y_wf, initial, 1, 31),
    CYAML_FIELD_STRING_PTR("after_last", OPT, struct y_wf, after_last, 1, 31),
    CYAML_FIELD_INT("due_soon_hours", 0, struct y_wf, due_soon_hours),
    CYAML_FIELD_SEQUENCE("states", SEQ, struct y_wf, states, &s_state_schema, 1, 50),
    CYAML_FIELD_SEQUENCE("transitions", SEQ, struct y_wf, transitions, &s_trans_schema, 1, 200),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t s_wf_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_wf, s_wf_fields),
};

/* ---- the loaded set ------------------------------------------------------ */

/* A procedure with the document its strings live in and the lines the
 * checks across files point at. */
struct s_proc {
	procedure_t p;
	struct y_proc *y;
	long line_code, line_version, line_effective, line_workflow;
};

struct s_wf {
	wf_def_t w;
	struct y_wf *y;
	long line_code;
};

struct forms {
	struct s_proc *procs; /* by code, then version */
	unsigned nprocs;
	struct s_wf *wfs; /* by code */
	unsigned nwfs;
	/* While loading: codes of workflow files that could not be read, so
	 * that procedures naming them are not reported as well; unread_any
	 * when the code of one is not even known. */
	char **unread;
	unsigned nunread;
	bool unread_any;
};

/* ---- small checks -------------------------------------------------------- */

/* Lower-case words of [a-z0-9] joined by single hyphens: "khai-sinh". */
static bool s_is_slug(const char *s)
{
	bool word = false;

	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			word = true;
		else if (*s == '-' && word)
			word = false;
		else
			return false;
	}
	return word;
}

/* Non-empty, every byte in set. */
static bool s_only(const char *s, const char *set)
{
	return *s && strspn(s, set) == strlen(s);
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

/* s written exactly as fmt prints it (strptime and back), for "YYYY-MM-DD"
 * (a real date: 2026-02-30 comes back as 2026-03-02) and "HH:MM". */
static bool s_strict_time(const char *s, const char *fmt)
{
	struct tm tm = {0};
	char back[32];
	const char *end;
	time_t t;

	if (!s || (end = strptime(s, fmt, &tm)) == NULL || *end)
		return false;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(back, sizeof back, fmt, &tm);
	return strcmp(back, s) == 0;
}

static bool s_is_date(const char *s)
{
	return s && strlen(s) == 10 && s_strict_time(s, "%Y-%m-%d");
}

/* Working hours of an amount, -1 (reported) unless exactly one of days,
 * hours is a positive number. */
static long s_amount_hours(struct s_file *fl, const struct y_amount *a, long line, const char *what)
{
	if ((a->days != 0) == (a->hours != 0) || a->days < 0 || a->hours < 0) {
		s_err(fl->errs, fl->path, line, "%s cần đúng một trong hai khóa days, hours, với một số dương", what);
		return -1;
	}
	return a->days ? (long)a->days * DAY_HOURS : a->hours;
}

static void s_amount_set(const struct y_amount *a, int *amount, char *unit)
{
	*amount = a->days ? a->days : a->hours;
	*unit = a->days ? 'd' : 'h';
}

/* Index of s in the NULL-terminated list, -1 if absent. */
static int s_lookup(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

static void s_join(const char *const *list, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; list[i] && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", list[i]);
}

/* In the order of field_type_t. */
static const char *const s_type_names[] = {"text",       "number", "money", "date", "choice",
                                           "citizen_id", "phone",  "email", NULL};
/* Who handles a step. */
static const char *const s_step_roles[] = {"specialist", "leader", "clerk", NULL};
/* Every role there is, for transitions by: roles. */
static const char *const s_all_roles[] = {
#define R(id, bit, name, label) name,
    PROTO_ROLES(R)
#undef R
        NULL};
/* In the order of wf_clock_t and wf_by_t. */
static const char *const s_clock_names[] = {"run", "pause", "stop", NULL};
static const char *const s_by_names[] = {"step", "desk", "roles", "assigner", "lead", NULL};
/* What a transition may require of a request, and how errors name it. */
static const struct {
	const char *name, *label;
} s_requires[] = {
    {"note", "ghi chú/lý do"},
    {"new_due", "ngày hẹn mới"},
    {"new_deadline", "hạn mới đề nghị"},
    {"percent", "phần trăm hoàn thành"},
};
/* The kinds of workflow and what each allows: whether instances walk a
 * procedure's steps, the `by`/`holder` rules, `require` entries and
 * `effect`s their module implements, and who holds a state by default. */
static const struct s_kind {
	const char *name;
	bool steps;
	const char *const by[6], *const require[6], *const effects[8];
	wf_by_t holder_waiting; /* default holder of a non-steps, non-final state */
} s_kinds[] = {
    {"dossier", true, {"step", "desk", "roles", NULL}, {"note", "new_due", NULL}, {"reschedule", NULL}, WF_BY_DESK},
    {"task",
     false,
     {"assigner", "lead", "roles", NULL},
     {"note", "new_deadline", "percent", NULL},
     {"progress", "propose_deadline", "extend", "refuse_extension", "complete", "reopen", NULL},
     WF_BY_NONE},
};
static const char *const s_kind_names[] = {"dossier", "task", NULL};
static const char *const s_targets[] = {WF_TO_NEXT, WF_TO_PREV, WF_TO_RESUME, WF_TO_SAME, NULL};
/* The documents of TT 03/2025/TT-VPCP appendix I a transition may issue. */
static const char *const s_form_codes[] = {"01", "02", "03", "04", "05", "06", "07", NULL};

/* ---- procedures ---------------------------------------------------------- */

static void s_check_field(struct s_file *fl, const struct y_field *f, unsigned i, const struct y_proc *y)
{
	int type = s_lookup(s_type_names, f->type);
	char list[256];

	if (!s_only(f->name, LOWER "_"))
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.name", i),
		      "tên trường \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", f->name);
	for (unsigned j = 0; j < i; j++)
		if (strcmp(y->fields[j].name, f->name) == 0)
			s_err(fl->errs, fl->path, s_line(fl, "fields.%u.name", i),
			      "trường \"%s\" trùng tên với trường thứ %u", f->name, j + 1);
	if (type < 0) {
		s_join(s_type_names, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.type", i), "kiểu trường không hợp lệ \"%s\" (dùng: %s)",
		      f->type, list);
		return;
	}
	if (type == FT_CHOICE && f->choices_count == 0)
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u", i), "trường \"%s\" kiểu choice cần danh sách choices",
		      f->name);
	if (type != FT_CHOICE && f->choices)
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.choices", i), "choices chỉ dùng cho kiểu choice");
	for (unsigned a = 0; a < f->choices_count; a++)
		for (unsigned b = 0; b < a; b++)
			if (strcmp(f->choices[a], f->choices[b]) == 0)
				s_err(fl->errs, fl->path, s_line(fl, "fields.%u.choices", i),
				      "lựa chọn \"%s\" xuất hiện hai lần", f->choices[a]);
	if (f->pattern) {
		regex_t re;
		int rc;
		if (type != FT_TEXT)
			s_err(fl->errs, fl->path, s_line(fl, "fields.%u.pattern", i), "pattern chỉ dùng cho kiểu text");
		else if ((rc = regcomp(&re, f->pattern, REG_EXTENDED | REG_NOSUB)) != 0)
			s_err(fl->errs, fl->path, s_line(fl, "fields.%u.pattern", i),
			      "pattern \"%s\" không phải biểu thức chính quy POSIX (ERE) hợp lệ", f->pattern);
		else
			regfree(&re);
	}
	if (f->min && type != FT_NUMBER && type != FT_MONEY)
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.min", i), "min chỉ dùng cho kiểu number hoặc money");
	if (f->max && type != FT_NUMBER && type != FT_MONEY && type != FT_TEXT)
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.max", i),
		      "max chỉ dùng cho kiểu number, money hoặc text (số byte tối đa)");
	if ((type == FT_MONEY || type == FT_TEXT) && (f->min < 0 || f->max < 0))
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u", i), "min, max của trường \"%s\" không được âm",
		      f->name);
	else if (f->max && f->min > f->max)
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.min", i), "min (%lld) lớn hơn max (%lld)",
		      (long long)f->min, (long long)f->max);
	if (f->applicant && type != FT_TEXT)
		s_err(fl->errs, fl->path, s_line(fl, "fields.%u.applicant", i),
		      "trường người nộp (applicant) phải có kiểu text");
}

static void s_check_step(struct s_file *fl, const struct y_step *s, unsigned i, const struct y_proc *y)
{
	char list[128];

	if (!s_only(s->code, LOWER DIGITS "_-"))
		s_err(fl->errs, fl->path, s_line(fl, "steps.%u.code", i),
		      "mã bước \"%s\" chỉ được gồm chữ thường, chữ số, \"-\" và \"_\"", s->code);
	for (unsigned j = 0; j < i; j++)
		if (strcmp(y->steps[j].code, s->code) == 0)
			s_err(fl->errs, fl->path, s_line(fl, "steps.%u.code", i),
			      "mã bước \"%s\" trùng với bước thứ %u", s->code, j + 1);
	if (s_lookup(s_step_roles, s->role) < 0) {
		s_join(s_step_roles, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "steps.%u.role", i), "vai trò không hợp lệ \"%s\" (dùng: %s)",
		      s->role, list);
	}
	if (strcmp(s->unit, "receiving") != 0 && strcmp(s->unit, "parent") != 0 &&
	    !s_only(s->unit, LOWER DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZ.-_"))
		s_err(fl->errs, fl->path, s_line(fl, "steps.%u.unit", i),
		      "đơn vị \"%s\" không hợp lệ (receiving, parent hoặc mã một đơn vị)", s->unit);
	if (i == 0 && (strcmp(s->role, "clerk") != 0 || strcmp(s->unit, "receiving") != 0))
		s_err(fl->errs, fl->path, s_line(fl, "steps.0"),
		      "bước đầu tiên là tiếp nhận tại bộ phận một cửa: cần role: clerk, unit: receiving");
}

static void s_check_proc(struct s_file *fl, const struct y_proc *y)
{
	long total, sum = 0;
	unsigned applicants = 0;

	if (!s_is_slug(y->code))
		s_err(fl->errs, fl->path, s_line(fl, "code"),
		      "mã thủ tục \"%s\" chỉ được gồm chữ thường, chữ số và dấu gạch nối (ví dụ khai-sinh)", y->code);
	if (y->version < 1)
		s_err(fl->errs, fl->path, s_line(fl, "version"), "version phải từ 1 trở lên");
	if (!s_is_date(y->effective))
		s_err(fl->errs, fl->path, s_line(fl, "effective"), "ngày hiệu lực không hợp lệ \"%s\" (cần YYYY-MM-DD)",
		      y->effective);
	if (y->cutoff && (strlen(y->cutoff) != 5 || !s_strict_time(y->cutoff, "%H:%M")))
		s_err(fl->errs, fl->path, s_line(fl, "cutoff"), "giờ không hợp lệ \"%s\" (cần HH:MM)", y->cutoff);
	if (y->fee < 0)
		s_err(fl->errs, fl->path, s_line(fl, "fee"), "lệ phí không được âm");
	total = s_amount_hours(fl, &y->processing, s_line(fl, "processing"), "processing");
	for (unsigned i = 0; i < y->fields_count; i++) {
		s_check_field(fl, &y->fields[i], i, y);
		if (y->fields[i].applicant && ++applicants == 2)
			s_err(fl->errs, fl->path, s_line(fl, "fields.%u.applicant", i),
			      "chỉ một trường được đánh dấu applicant: true (đã có ở trường trước)");
	}
	if (applicants == 0)
		s_err(fl->errs, fl->path, s_line(fl, "fields"),
		      "cần đúng một trường applicant: true (tên người nộp hồ sơ)");
	for (unsigned i = 0; i < y->steps_count; i++) {
		long h;
		s_check_step(fl, &y->steps[i], i, y);
		h = s_amount_hours(fl, &y->steps[i].budget, s_line(fl, "steps.%u.budget", i), "budget");
		sum = h < 0 || sum < 0 ? -1 : sum + h;
	}
	if (total > 0 && sum > total)
		s_err(fl->errs, fl->path, s_line(fl, "steps"),
		      "tổng thời gian các bước (%ld giờ làm việc) vượt thời hạn giải quyết (%ld giờ làm việc, "
		      "1 ngày = %d giờ)",
		      sum, total, DAY_HOURS);
}

/* Fill the public view of y; false on allocation failure. */
static bool s_build_proc(struct s_proc *sp, struct y_proc *y, const char *path)
{
	procedure_t *p = &sp->p;

	sp->y = y;
	p->code = y->code;
	p->name = y->name;
	p->version = y->version;
	p->effective = y->effective;
	p->workflow = y->workflow;
	s_amount_set(&y->processing, &p->processing, &p->processing_unit);
	p->cutoff = y->cutoff;
	p->fee = y->fee;
	p->fee_note = y->fee_note;
	p->legal_basis = y->legal_basis;
	p->nlegal = y->legal_basis_count;
	p->papers = y->papers;
	p->npapers = y->papers_count;
	p->result = y->result;
	p->nfields = y->fields_count;
	p->nsteps = y->steps_count;
	p->fields = calloc(y->fields_count ? y->fields_count : 1, sizeof *p->fields);
	p->steps = calloc(y->steps_count ? y->steps_count : 1, sizeof *p->steps);
	p->source = strdup(path);
	if (!p->fields || !p->steps || !p->source)
		return false;
	for (unsigned i = 0; i < y->fields_count; i++) {
		const struct y_field *yf = &y->fields[i];
		form_field_t *f = &p->fields[i];
		int type = s_lookup(s_type_names, yf->type);
		f->name = yf->name;
		f->label = yf->label;
		f->type = type < 0 ? FT_TEXT : (field_type_t)type;
		f->required = yf->required;
		f->min = yf->min;
		f->max = yf->max;
		f->pattern = yf->pattern;
		f->choices = yf->choices;
		f->nchoices = yf->choices_count;
		f->applicant = yf->applicant;
	}
	for (unsigned i = 0; i < y->steps_count; i++) {
		const struct y_step *ys = &y->steps[i];
		form_step_t *s = &p->steps[i];
		s->code = ys->code;
		s->name = ys->name;
		s->role = ys->role;
		s->unit = strcmp(ys->unit, "receiving") == 0 ? UNIT_RECEIVING
		          : strcmp(ys->unit, "parent") == 0  ? UNIT_PARENT
		                                             : UNIT_NAMED;
		s->unit_code = s->unit == UNIT_NAMED ? ys->unit : NULL;
		s_amount_set(&ys->budget, &s->budget, &s->budget_unit);
	}
	return true;
}

static void s_proc_clear(struct s_proc *sp)
{
	free(sp->p.fields);
	free(sp->p.steps);
	free(sp->p.source);
	s_cyaml_free(&s_proc_schema, sp->y);
	memset(sp, 0, sizeof *sp);
}

/* ---- workflows ----------------------------------------------------------- */

/* The kind a workflow declares (dossier when it says none; an unknown one
 * is reported by s_check_wf and checked as a dossier meanwhile). */
static const struct s_kind *s_kind_of(const char *name)
{
	int k = name ? s_lookup(s_kind_names, name) : 0;
	return &s_kinds[k < 0 ? 0 : k];
}

/* Is name in the kind's NULL-terminated list? */
static bool s_allowed(const char *const *list, const char *name)
{
	return s_lookup(list, name) >= 0;
}

static int s_state_index(const struct y_wf *y, const char *code)
{
	for (unsigned i = 0; i < y->states_count; i++)
		if (strcmp(y->states[i].code, code) == 0)
			return (int)i;
	return -1;
}

static void s_state_list(const struct y_wf *y, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (unsigned i = 0; i < y->states_count && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", y->states[i].code);
}

/* A state named by key. initial (steps 1): a state that walks the steps,
 * not final. after_last (steps 0): a state that does not walk them (it may
 * be final: a workflow may end with the last step). initial of a kind
 * without steps (steps 2): any state that is not final. */
static void s_check_state_ref(struct s_file *fl, const struct y_wf *y, const char *key, const char *code, int steps)
{
	int i = s_state_index(y, code);
	char list[512];

	if (i < 0) {
		s_state_list(y, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "%s", key), "%s: không có trạng thái \"%s\" (các trạng thái: %s)",
		      key, code, list);
	} else if (steps >= 1 && y->states[i].final) {
		s_err(fl->errs, fl->path, s_line(fl, "%s", key), "%s: \"%s\" là trạng thái kết thúc", key, code);
	} else if (steps == 1 && !y->states[i].steps) {
		s_err(fl->errs, fl->path, s_line(fl, "%s", key),
		      "%s: hồ sơ mới đi qua các bước của thủ tục, \"%s\" phải có steps: true", key, code);
	} else if (steps == 0 && y->states[i].steps) {
		s_err(fl->errs, fl->path, s_line(fl, "%s", key),
		      "%s: trạng thái sau bước cuối \"%s\" không được có steps: true", key, code);
	}
}

static void s_check_trans(struct s_file *fl, const struct y_wf *y, const struct y_trans *t, unsigned i)
{
	const struct s_kind *kind = s_kind_of(y->kind);
	int by = s_lookup(s_by_names, t->by);
	bool target = s_lookup(s_targets, t->to) >= 0;
	char list[512];

	if (!s_only(t->action, LOWER "_"))
		s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.action", i),
		      "tên thao tác \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", t->action);
	for (unsigned k = 0; k < t->from_count; k++) {
		int s = s_state_index(y, t->from[k]), clock;
		if (s < 0) {
			s_state_list(y, list, sizeof list);
			s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.from", i),
			      "from: không có trạng thái \"%s\" (các trạng thái: %s)", t->from[k], list);
			continue;
		}
		if (y->states[s].final)
			s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.from", i),
			      "không có thao tác nào từ trạng thái kết thúc \"%s\"", t->from[k]);
		if ((strcmp(t->to, WF_TO_NEXT) == 0 || strcmp(t->to, WF_TO_PREV) == 0) && !y->states[s].steps)
			s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.to", i),
			      "%s chỉ dùng từ trạng thái có steps: true, không phải \"%s\"", t->to, t->from[k]);
		clock = s_lookup(s_clock_names, y->states[s].clock); /* an unknown one is reported with the state */
		if (strcmp(t->to, WF_TO_RESUME) == 0 && clock >= 0 && clock != CLOCK_PAUSE)
			s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.to", i),
			      "%s chỉ dùng từ trạng thái tạm dừng (clock: pause), không phải \"%s\"", t->to,
			      t->from[k]);
		for (unsigned j = 0; j < i; j++)
			for (unsigned m = 0; m < y->transitions[j].from_count; m++)
				if (strcmp(y->transitions[j].action, t->action) == 0 &&
				    strcmp(y->transitions[j].from[m], t->from[k]) == 0)
					s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.action", i),
					      "thao tác \"%s\" từ trạng thái \"%s\" đã có ở thao tác thứ %u", t->action,
					      t->from[k], j + 1);
		for (unsigned m = 0; m < k; m++)
			if (strcmp(t->from[m], t->from[k]) == 0)
				s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.from", i),
				      "trạng thái \"%s\" xuất hiện hai lần", t->from[k]);
	}
	if (t->to[0] == '@' ? !target : s_state_index(y, t->to) < 0) {
		s_state_list(y, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.to", i),
		      "to: không có trạng thái \"%s\" (các trạng thái: %s; hoặc @next, @prev, @resume, @same)", t->to,
		      list);
	}
	if (by < 0 || !s_allowed(kind->by, t->by)) {
		s_join(kind->by, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.by", i), "by không hợp lệ \"%s\" (dùng: %s)",
		      t->by, list);
	} else if ((by == WF_BY_ROLES) != (t->roles != NULL)) {
		s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.by", i),
		      by == WF_BY_ROLES ? "by: roles cần danh sách roles" : "roles chỉ dùng với by: roles");
	}
	for (unsigned k = 0; k < t->roles_count; k++)
		if (s_lookup(s_all_roles, t->roles[k]) < 0) {
			s_join(s_all_roles, list, sizeof list);
			s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.roles", i),
			      "vai trò không hợp lệ \"%s\" (dùng: %s)", t->roles[k], list);
		}
	for (unsigned k = 0; k < t->require_count; k++)
		if (!s_allowed(kind->require, t->require[k])) {
			s_join(kind->require, list, sizeof list);
			s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.require", i),
			      "require: không biết \"%s\" (dùng: %s)", t->require[k], list);
		}
	if (t->effect && !s_allowed(kind->effects, t->effect)) {
		s_join(kind->effects, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.effect", i),
		      "effect: không biết \"%s\" với quy trình loại %s (dùng: %s)", t->effect, kind->name, list);
	}
	if (t->form && s_lookup(s_form_codes, t->form) < 0)
		s_err(fl->errs, fl->path, s_line(fl, "transitions.%u.form", i),
		      "form \"%s\" không hợp lệ (mẫu 01 đến 07 của Thông tư 03/2025/TT-VPCP, viết \"02\")", t->form);
}

static void s_check_wf(struct s_file *fl, const struct y_wf *y)
{
	const struct s_kind *kind = s_kind_of(y->kind);
	char list[128];

	if (!s_is_slug(y->code))
		s_err(fl->errs, fl->path, s_line(fl, "code"),
		      "mã quy trình \"%s\" chỉ được gồm chữ thường, chữ số và dấu gạch nối", y->code);
	if (y->version < 1)
		s_err(fl->errs, fl->path, s_line(fl, "version"), "version phải từ 1 trở lên");
	if (y->due_soon_hours < 0)
		s_err(fl->errs, fl->path, s_line(fl, "due_soon_hours"), "due_soon_hours không được âm");
	if (y->kind && s_lookup(s_kind_names, y->kind) < 0) {
		s_join(s_kind_names, list, sizeof list);
		s_err(fl->errs, fl->path, s_line(fl, "kind"), "kind không hợp lệ \"%s\" (dùng: %s)", y->kind, list);
	}
	for (unsigned i = 0; i < y->states_count; i++) {
		const struct y_state *s = &y->states[i];
		int clock = s_lookup(s_clock_names, s->clock);
		bool out = false;
		if (s->steps && !kind->steps)
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.steps", i),
			      "quy trình loại %s không có các bước thủ tục: bỏ steps: true ở \"%s\"", kind->name, s->code);
		if (s->holder && !s_allowed(kind->by, s->holder)) {
			s_join(kind->by, list, sizeof list);
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.holder", i), "holder không hợp lệ \"%s\" (dùng: %s)",
			      s->holder, list);
		} else if (s->holder && s->final) {
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.holder", i),
			      "trạng thái kết thúc \"%s\" không chờ ai: bỏ holder", s->code);
		}
		if (!s_only(s->code, LOWER "_"))
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.code", i),
			      "mã trạng thái \"%s\" chỉ được gồm chữ thường a–z và dấu gạch dưới", s->code);
		if (s_state_index(y, s->code) != (int)i)
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.code", i),
			      "trạng thái \"%s\" được khai báo hai lần", s->code);
		if (clock < 0) {
			s_join(s_clock_names, list, sizeof list);
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.clock", i),
			      "clock không hợp lệ \"%s\" (dùng: %s)", s->clock, list);
		} else if (s->final && clock == CLOCK_RUN) {
			s_err(fl->errs, fl->path, s_line(fl, "states.%u.clock", i),
			      "trạng thái kết thúc \"%s\" không thể để đồng hồ chạy (dùng stop hoặc pause)", s->code);
		}
		if (s->final && s->steps)
			s_err(fl->errs, fl->path, s_line(fl, "states.%u", i),
			      "trạng thái kết thúc \"%s\" không thể có steps: true", s->code);
		for (unsigned j = 0; j < y->transitions_count && !out; j++)
			for (unsigned k = 0; k < y->transitions[j].from_count; k++)
				out |= strcmp(y->transitions[j].from[k], s->code) == 0;
		if (!s->final && !out)
			s_err(fl->errs, fl->path, s_line(fl, "states.%u", i),
			      "không có thao tác nào ra khỏi trạng thái \"%s\" (đánh dấu final: true nếu là trạng thái "
			      "kết "
			      "thúc)",
			      s->code);
	}
	s_check_state_ref(fl, y, "initial", y->initial, kind->steps ? 1 : 2);
	if (kind->steps && !y->after_last)
		s_err(fl->errs, fl->path, s_line(fl, "code"), "thiếu khóa after_last (trạng thái sau bước cuối)");
	else if (kind->steps)
		s_check_state_ref(fl, y, "after_last", y->after_last, 0);
	else if (y->after_last)
		s_err(fl->errs, fl->path, s_line(fl, "after_last"),
		      "quy trình loại %s không có các bước thủ tục: bỏ after_last", kind->name);
	for (unsigned i = 0; i < y->transitions_count; i++)
		s_check_trans(fl, y, &y->transitions[i], i);
}

/* Who holds an instance in state s: as written, else by default nobody in
 * a final state, the current step's handler where steps are walked, and
 * the kind's default elsewhere. */
static wf_by_t s_holder(const struct s_kind *kind, const struct y_state *s)
{
	int by = s->holder ? s_lookup(s_by_names, s->holder) : -1;

	if (by >= 0)
		return (wf_by_t)by;
	if (s->final)
		return WF_BY_NONE;
	return s->steps ? WF_BY_STEP : kind->holder_waiting;
}

static bool s_build_wf(struct s_wf *sw, struct y_wf *y, const char *path)
{
	wf_def_t *w = &sw->w;

	sw->y = y;
	w->code = y->code;
	w->name = y->name;
	w->kind = (char *)s_kind_of(y->kind)->name;
	w->version = y->version;
	w->initial = y->initial;
	w->after_last = y->after_last;
	w->due_soon_hours = y->due_soon_hours;
	w->nstates = y->states_count;
	w->ntransitions = y->transitions_count;
	w->states = calloc(y->states_count ? y->states_count : 1, sizeof *w->states);
	w->transitions = calloc(y->transitions_count ? y->transitions_count : 1, sizeof *w->transitions);
	w->source = strdup(path);
	if (!w->states || !w->transitions || !w->source)
		return false;
	for (unsigned i = 0; i < y->states_count; i++) {
		int clock = s_lookup(s_clock_names, y->states[i].clock);
		w->states[i].code = y->states[i].code;
		w->states[i].name = y->states[i].name;
		w->states[i].clock = clock < 0 ? CLOCK_RUN : (wf_clock_t)clock;
		w->states[i].steps = y->states[i].steps;
		w->states[i].final = y->states[i].final;
		w->states[i].holder = s_holder(s_kind_of(y->kind), &y->states[i]);
	}
	for (unsigned i = 0; i < y->transitions_count; i++) {
		const struct y_trans *yt = &y->transitions[i];
		wf_transition_t *t = &w->transitions[i];
		int by = s_lookup(s_by_names, yt->by);
		t->action = yt->action;
		t->label = yt->label;
		t->from = yt->from;
		t->nfrom = yt->from_count;
		t->to = yt->to;
		t->by = by < 0 ? WF_BY_DESK : (wf_by_t)by;
		t->roles = yt->roles;
		t->nroles = yt->roles_count;
		t->require = yt->require;
		t->nrequire = yt->require_count;
		t->form = yt->form;
		t->effect = yt->effect;
	}
	return true;
}

static void s_wf_clear(struct s_wf *sw)
{
	free(sw->w.states);
	free(sw->w.transitions);
	free(sw->w.source);
	s_cyaml_free(&s_wf_schema, sw->y);
	memset(sw, 0, sizeof *sw);
}

/* ---- loading ------------------------------------------------------------- */

static int s_cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names in dir, sorted so that errors come in a stable order.
 * Caller frees each name and the array; NULL (reported) on error. */
static char **s_yaml_names(const char *dir, size_t *count, struct s_errs *errs)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	*count = 0;
	if (!d) {
		s_err(errs, dir, 0, "không mở được thư mục");
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
	s_err(errs, dir, 0, "hết bộ nhớ");
	return NULL;
}

/* Load every *.yaml of dir/sub with load_one, which returns false only
 * when memory runs out. False when some file (or dir/sub itself) could not
 * be read or parsed at all. */
static bool s_load_dir(forms_t *f, const char *dir, const char *sub, struct s_errs *errs,
                       bool (*load_one)(forms_t *, struct s_file *))
{
	char path[4096];
	size_t count;
	char **names;
	bool all = true;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if ((names = s_yaml_names(path, &count, errs)) == NULL)
		return false;
	for (size_t i = 0; i < count; i++) {
		struct s_file fl;
		snprintf(path, sizeof path, "%s/%s/%s", dir, sub, names[i]);
		if (!s_file_open(&fl, path, errs))
			all = false;
		else if (!load_one(f, &fl))
			s_err(errs, path, 0, "hết bộ nhớ");
		s_file_close(&fl);
		free(names[i]);
	}
	free(names);
	return all;
}

/* Remember the code of a workflow file that could not be read, when it
 * names one. */
static bool s_unread(forms_t *f, struct s_file *fl)
{
	yaml_node_t *code = s_map_get(&fl->doc, yaml_document_get_root_node(&fl->doc), "code", NULL);
	char **v;

	if (!code || code->type != YAML_SCALAR_NODE) {
		f->unread_any = true;
		return true;
	}
	if ((v = realloc(f->unread, (f->nunread + 1) * sizeof *v)) == NULL)
		return false;
	f->unread = v;
	return (v[f->nunread++] = strdup((const char *)code->data.scalar.value)) != NULL;
}

static bool s_load_wf(forms_t *f, struct s_file *fl)
{
	struct y_wf *y = s_load(fl, &s_wf_schema);
	struct s_wf *v;

	if (!y)
		return s_unread(f, fl);
	s_check_wf(fl, y);
	if ((v = realloc(f->wfs, (f->nwfs + 1) * sizeof *v)) == NULL) {
		s_cyaml_free(&s_wf_schema, y);
		return false;
	}
	f->wfs = v;
	memset(&v[f->nwfs], 0, sizeof *v);
	v[f->nwfs].line_code = s_line(fl, "code");
	return s_build_wf(&v[f->nwfs++], y, fl->path);
}

static bool s_load_proc(forms_t *f, struct s_file *fl)
{
	struct y_proc *y = s_load(fl, &s_proc_schema);
	struct s_proc *v, *sp;

	if (!y)
		return true;
	s_check_proc(fl, y);
	if ((v = realloc(f->procs, (f->nprocs + 1) * sizeof *v)) == NULL) {
		s_cyaml_free(&s_proc_schema, y);
		return false;
	}
	f->procs = v;
	sp = &v[f->nprocs];
	memset(sp, 0, sizeof *sp);
	sp->line_code = s_line(fl, "code");
	sp->line_version = s_line(fl, "version");
	sp->line_effective = s_line(fl, "effective");
	sp->line_workflow = s_line(fl, "workflow");
	f->nprocs++;
	return s_build_proc(sp, y, fl->path);
}

static int s_cmp_proc(const void *a, const void *b)
{
	const struct s_proc *x = a, *y = b;
	int c = strcmp(x->p.code, y->p.code);

	if (c)
		return c;
	if (x->p.version != y->p.version)
		return x->p.version < y->p.version ? -1 : 1;
	return strcmp(x->p.source, y->p.source);
}

static int s_cmp_wf(const void *a, const void *b)
{
	const struct s_wf *x = a, *y = b;
	int c = strcmp(x->w.code, y->w.code);

	return c ? c : strcmp(x->w.source, y->w.source);
}

/* Checks across files: unique workflow codes, procedures naming a loaded
 * workflow, unique (code, version) whose effective dates grow with the
 * version so that "the version in force on a date" has one answer. */
static void s_check_set(forms_t *f, struct s_errs *errs)
{
	for (unsigned i = 1; i < f->nwfs; i++)
		if (strcmp(f->wfs[i].w.code, f->wfs[i - 1].w.code) == 0)
			s_err(errs, f->wfs[i].w.source, f->wfs[i].line_code, "quy trình \"%s\" đã có trong %s",
			      f->wfs[i].w.code, f->wfs[i - 1].w.source);
	for (unsigned i = 0; i < f->nprocs; i++) {
		const struct s_proc *sp = &f->procs[i], *prev = i ? &f->procs[i - 1] : NULL;
		bool unread = false;
		for (unsigned k = 0; k < f->nunread && !unread; k++)
			unread = f->unread[k] && strcmp(f->unread[k], sp->p.workflow) == 0;
		if (!forms_workflow(f, sp->p.workflow) && !unread && !f->unread_any)
			s_err(errs, sp->p.source, sp->line_workflow, "không có quy trình \"%s\" trong workflows/",
			      sp->p.workflow);
		else if (forms_workflow(f, sp->p.workflow) && !s_kind_of(forms_workflow(f, sp->p.workflow)->kind)->steps)
			s_err(errs, sp->p.source, sp->line_workflow,
			      "quy trình \"%s\" không đi theo các bước của thủ tục (kind: %s)", sp->p.workflow,
			      forms_workflow(f, sp->p.workflow)->kind);
		if (!prev || strcmp(prev->p.code, sp->p.code) != 0)
			continue;
		if (prev->p.version == sp->p.version)
			s_err(errs, sp->p.source, sp->line_version, "thủ tục \"%s\" phiên bản %d đã có trong %s",
			      sp->p.code, sp->p.version, prev->p.source);
		else if (strcmp(sp->p.effective, prev->p.effective) <= 0)
			s_err(errs, sp->p.source, sp->line_effective,
			      "phiên bản %d phải có hiệu lực sau phiên bản %d (%s), không phải %s", sp->p.version,
			      prev->p.version, prev->p.effective, sp->p.effective);
	}
}

forms_t *forms_load(const char *dir, char **errors)
{
	struct s_errs errs = {0};
	forms_t *f = calloc(1, sizeof *f);

	if (errors)
		*errors = NULL;
	if (!f) {
		if (errors)
			*errors = strdup("hết bộ nhớ\n");
		return NULL;
	}
	/* Workflows first: procedures are checked against them. */
	if (!s_load_dir(f, dir, "workflows", &errs, s_load_wf))
		f->unread_any = true;
	s_load_dir(f, dir, "procedures", &errs, s_load_proc);
	if (f->nwfs)
		qsort(f->wfs, f->nwfs, sizeof *f->wfs, s_cmp_wf);
	if (f->nprocs)
		qsort(f->procs, f->nprocs, sizeof *f->procs, s_cmp_proc);
	s_check_set(f, &errs);
	for (unsigned i = 0; i < f->nunread; i++)
		free(f->unread[i]);
	free(f->unread);
	f->unread = NULL;
	f->nunread = 0;
	if (errs.n == 0 && !errs.oom)
		return f;
	if (errs.n > MAX_ERRORS) {
		char more[64];
		snprintf(more, sizeof more, "… và %u lỗi khác\n", errs.n - MAX_ERRORS);
		s_append(&errs, more);
	}
	if (errs.oom) {
		free(errs.buf);
		if ((errs.buf = malloc(strlen(dir) + 40)) != NULL)
			sprintf(errs.buf, "%s: hết bộ nhớ\n", dir);
	}
	if (errors)
		*errors = errs.buf;
	else
		free(errs.buf);
	forms_free(&f);
	return NULL;
}

void forms_free(forms_t **fp)
{
	forms_t *f;

	if (!fp || !(f = *fp))
		return;
	for (unsigned i = 0; i < f->nprocs; i++)
		s_proc_clear(&f->procs[i]);
	for (unsigned i = 0; i < f->nwfs; i++)
		s_wf_clear(&f->wfs[i]);
	free(f->procs);
	free(f->wfs);
	free(f);
	*fp = NULL;
}

/* ---- queries ------------------------------------------------------------- */

/* The Vietnamese date of t as "YYYY-MM-DD". */
static void s_local_date(int64_t t, char out[11])
{
	time_t local = (time_t)(t + LOCAL_OFFSET);
	struct tm tm;

	if (!gmtime_r(&local, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "%s", t < 0 ? "0000-00-00" : "9999-99-99");
}

/* Index of the first procedure with code, or nprocs. */
static unsigned s_first(const forms_t *f, const char *code)
{
	unsigned lo = 0, hi = f->nprocs;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (strcmp(f->procs[mid].p.code, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The version in force on date among the versions from index i on: the
 * last whose effective date is not after it (effective dates grow with
 * the version). */
static const procedure_t *s_in_force(const forms_t *f, unsigned i, const char *date)
{
	const procedure_t *best = NULL;
	const char *code = f->procs[i].p.code;

	for (; i < f->nprocs && strcmp(f->procs[i].p.code, code) == 0; i++)
		if (strcmp(f->procs[i].p.effective, date) <= 0)
			best = &f->procs[i].p;
	return best;
}

const procedure_t *forms_procedure(const forms_t *f, const char *code, int version, int64_t t)
{
	char date[11];
	unsigned i;

	if (!f || !code || (i = s_first(f, code)) == f->nprocs || strcmp(f->procs[i].p.code, code) != 0)
		return NULL;
	if (version > 0) {
		for (; i < f->nprocs && strcmp(f->procs[i].p.code, code) == 0; i++)
			if (f->procs[i].p.version == version)
				return &f->procs[i].p;
		return NULL;
	}
	s_local_date(t, date);
	return s_in_force(f, i, date);
}

unsigned forms_procedures(const forms_t *f, int64_t t, const procedure_t **out, unsigned max)
{
	char date[11];
	unsigned n = 0;

	if (!f)
		return 0;
	s_local_date(t, date);
	for (unsigned i = 0; i < f->nprocs && n < max; i++) {
		const procedure_t *p;
		if (i > 0 && strcmp(f->procs[i].p.code, f->procs[i - 1].p.code) == 0)
			continue;
		if ((p = s_in_force(f, i, date)) != NULL)
			out[n++] = p;
	}
	return n;
}

const wf_def_t *forms_workflow(const forms_t *f, const char *code)
{
	for (unsigned i = 0; f && code && i < f->nwfs; i++)
		if (strcmp(f->wfs[i].w.code, code) == 0)
			return &f->wfs[i].w;
	return NULL;
}

const wf_state_t *wf_state(const wf_def_t *w, const char *code)
{
	for (unsigned i = 0; w && code && i < w->nstates; i++)
		if (strcmp(w->states[i].code, code) == 0)
			return &w->states[i];
	return NULL;
}

const char *wf_require_label(const char *name)
{
	for (size_t i = 0; i < sizeof s_requires / sizeof s_requires[0]; i++)
		if (strcmp(s_requires[i].name, name) == 0)
			return s_requires[i].label;
	return name;
}

const wf_transition_t *wf_transition(const wf_def_t *w, const char *state, const char *action)
{
	for (unsigned i = 0; w && state && action && i < w->ntransitions; i++) {
		const wf_transition_t *t = &w->transitions[i];
		if (strcmp(t->action, action) != 0)
			continue;
		for (unsigned k = 0; k < t->nfrom; k++)
			if (strcmp(t->from[k], state) == 0)
				return t;
	}
	return NULL;
}
