/* document_types.c — the names of a document's field values: urgency and
 * confidentiality (fixed by NĐ 30/2020 Điều 8 and the state-secret law)
 * and the document types of forms/documents/types.yaml (Phụ lục III),
 * read once from the catalog's directory. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "document.h"
#include "log.h"
#include "yaml_file.h"

typedef struct {
	const char *code, *name;
} s_name_t;

static const s_name_t s_urgencies[] = {
    {"khan", "Khẩn"}, {"thuong_khan", "Thượng khẩn"}, {"hoa_toc", "Hỏa tốc"}, {NULL, NULL}};
static const s_name_t s_secrecies[] = {
    {"mat", "Mật"}, {"toi_mat", "Tối mật"}, {"tuyet_mat", "Tuyệt mật"}, {NULL, NULL}};

static const char *s_lookup(const s_name_t *t, const char *code)
{
	for (; code && t->code; t++)
		if (strcmp(t->code, code) == 0)
			return t->name;
	return NULL;
}

/* Append the names and codes of table t to a form's choices. */
static void s_choices_of(const s_name_t *t, json_t *names, json_t *codes)
{
	for (; t->code; t++) {
		json_array_append_new(names, json_string(t->name));
		json_array_append_new(codes, json_string(t->code));
	}
}

const char *document_urgency_name(const char *code)
{
	return s_lookup(s_urgencies, code);
}

const char *document_secrecy_name(const char *code)
{
	return s_lookup(s_secrecies, code);
}

void document_urgency_choices(json_t *names, json_t *codes)
{
	s_choices_of(s_urgencies, names, codes);
}

void document_secrecy_choices(json_t *names, json_t *codes)
{
	s_choices_of(s_secrecies, names, codes);
}

#define TYPES_MAX 64

static pthread_mutex_t s_lock = PTHREAD_MUTEX_INITIALIZER;
static char s_dir[1024];
static char s_codes[TYPES_MAX][32], s_names[TYPES_MAX][64], s_abbrs[TYPES_MAX][16];
static int s_n = -1;

static const char *s_scalar(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_t *v = yf_map_get(doc, map, key, NULL);
	return v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
}

int document_yaml_rows(const char *dir, const char *file, const char *list, const char *const keys[3],
                       void (*row)(void *ctx, const char *const vals[3]), void *ctx)
{
	char path[1200];
	yf_errs_t errs = {0};
	yf_file_t fl;
	yaml_node_t *root, *seq;
	int n = 0;

	snprintf(path, sizeof path, "%s/documents/%s", dir, file);
	if (yf_open(&fl, path, &errs) && (root = yaml_document_get_root_node(&fl.doc)) &&
	    (seq = yf_map_get(&fl.doc, root, list, NULL)) && seq->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = seq->data.sequence.items.start; i < seq->data.sequence.items.top; i++) {
			yaml_node_t *e = yaml_document_get_node(&fl.doc, *i);
			const char *v[3] = {NULL, NULL, NULL};
			for (int k = 0; e && k < 3; k++)
				v[k] = keys[k] ? s_scalar(&fl.doc, e, keys[k]) : NULL;
			if (!v[0] || !v[1])
				continue;
			row(ctx, v);
			n++;
		}
	}
	yf_close(&fl);
	if (!n)
		log_warn("%s: không đọc được danh mục", path);
	free(errs.buf);
	return n;
}

static void s_type_row(void *ctx, const char *const v[3])
{
	(void)ctx;
	if (s_n >= TYPES_MAX)
		return;
	snprintf(s_codes[s_n], sizeof s_codes[0], "%s", v[0]);
	snprintf(s_names[s_n], sizeof s_names[0], "%s", v[1]);
	snprintf(s_abbrs[s_n], sizeof s_abbrs[0], "%s", v[2] ? v[2] : "");
	s_n++;
}

/* Read dir/documents/types.yaml into the table (under s_lock). */
static void s_load(const char *dir)
{
	static const char *const keys[3] = {"code", "name", "abbr"};

	s_n = 0;
	snprintf(s_dir, sizeof s_dir, "%s", dir);
	document_yaml_rows(dir, "types.yaml", "types", keys, s_type_row, NULL);
}

/* The row of types.yaml whose code is `code` into *name, *abbr (each may
 * be NULL): 0, or -1 when none. */
static int s_type(const char *code, const char **name, const char **abbr)
{
	const char *dir = catalog_dir();
	int found = -1;

	pthread_mutex_lock(&s_lock);
	if (s_n < 0 || strcmp(s_dir, dir ? dir : "") != 0)
		s_load(dir ? dir : "");
	for (int i = 0; code && i < s_n && found < 0; i++)
		if (strcmp(s_codes[i], code) == 0)
			found = i;
	pthread_mutex_unlock(&s_lock);
	if (found < 0)
		return -1;
	/* the table is read again only when the forms directory changes */
	if (name)
		*name = s_names[found];
	if (abbr)
		*abbr = s_abbrs[found];
	return 0;
}

const char *document_type_name(const char *code)
{
	const char *name;
	return s_type(code, &name, NULL) == 0 ? name : NULL;
}

const char *document_type_abbr(const char *code)
{
	const char *abbr;
	return s_type(code, NULL, &abbr) == 0 ? abbr : NULL;
}

void document_type_choices(json_t *names, json_t *codes)
{
	const char *dir = catalog_dir();

	pthread_mutex_lock(&s_lock);
	if (s_n < 0 || strcmp(s_dir, dir ? dir : "") != 0)
		s_load(dir ? dir : "");
	for (int i = 0; i < s_n; i++) {
		json_array_append_new(names, json_string(s_names[i]));
		json_array_append_new(codes, json_string(s_codes[i]));
	}
	pthread_mutex_unlock(&s_lock);
}
