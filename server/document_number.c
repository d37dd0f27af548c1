/* document_number.c — the number and notation of an outgoing document
 * (NĐ 30/2020/NĐ-CP Điều 15 and Phụ lục I, III): numbers run from 01 on
 * 1 January in the issuing agency's yearly series — one for its documents,
 * one for its confidential documents, one per type for legal normative
 * documents — allocated with series_next inside the issuing transaction,
 * so a failed issue leaves no number used; the notation joins the type's
 * abbreviation (types.yaml) and the agency's (abbreviations.yaml), or for
 * a công văn the agency's and the drafting unit's; a legal normative
 * document's adds its year (05/2026/QĐ-UBND). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "document.h"
#include "document_out.h"
#include "series.h"
#include "worktime.h"

#define ABBR_MAX 256

static pthread_mutex_t s_lock = PTHREAD_MUTEX_INITIALIZER;
static char s_dir[1024];
static char s_codes[ABBR_MAX][64], s_abbrs[ABBR_MAX][32], s_heads[ABBR_MAX][64];
static int s_n = -1;

static void s_row(void *ctx, const char *const v[3])
{
	(void)ctx;
	if (s_n >= ABBR_MAX)
		return;
	snprintf(s_codes[s_n], sizeof s_codes[0], "%s", v[0]);
	snprintf(s_abbrs[s_n], sizeof s_abbrs[0], "%s", v[1]);
	snprintf(s_heads[s_n], sizeof s_heads[0], "%s", v[2] ? v[2] : "");
	s_n++;
}

/* Read dir/documents/abbreviations.yaml into the table (under s_lock). */
static void s_load(const char *dir)
{
	static const char *const keys[3] = {"code", "abbr", "head"};

	s_n = 0;
	snprintf(s_dir, sizeof s_dir, "%s", dir);
	document_yaml_rows(dir, "abbreviations.yaml", "units", keys, s_row, NULL);
}

/* The row of unit code: its abbreviation (head: its head's title, NULL
 * when not given), or NULL. */
static const char *s_unit(const char *code, bool head)
{
	const char *dir = catalog_dir(), *out = NULL;

	pthread_mutex_lock(&s_lock);
	if (s_n < 0 || strcmp(s_dir, dir ? dir : "") != 0)
		s_load(dir ? dir : "");
	for (int i = 0; code && i < s_n && !out; i++)
		if (strcmp(s_codes[i], code) == 0)
			out = !head ? s_abbrs[i] : *s_heads[i] ? s_heads[i] : NULL;
	pthread_mutex_unlock(&s_lock);
	return out;
}

const char *document_unit_abbr(const char *code)
{
	return s_unit(code, false);
}

const char *document_unit_head(const char *code)
{
	return s_unit(code, true);
}

static proto_err_t s_no_abbr(srv_ctx_t *c, const char *what, const char *name, const char *code)
{
	c->bad_field = "code";
	snprintf(c->detail, sizeof c->detail,
	         "Chưa khai báo chữ viết tắt của %s %s (%s) trong forms/documents/abbreviations.yaml", what, name, code);
	return E_INVALID;
}

/* d's series and year at c->now. */
static void s_series(srv_ctx_t *c, draft_t *d)
{
	if (d->normative)
		snprintf(d->series, sizeof d->series, "document.out.qppl.%s", d->type);
	else
		snprintf(d->series, sizeof d->series, "%s", *d->secrecy ? "document.out.secret" : "document.out");
	series_period(c->now, wt_utc_offset(catalog_calendar()), SERIES_YEAR, d->year, sizeof d->year);
}

/* d's notation from its number and the abbreviations. */
static proto_err_t s_notation(srv_ctx_t *c, draft_t *d)
{
	const char *agency = document_unit_abbr(d->agency_code), *type = document_type_abbr(d->type);
	const char *unit = document_unit_abbr(d->unit_code);
	char no[32];

	if (!agency)
		return s_no_abbr(c, "cơ quan", d->agency_name, d->agency_code);
	if (!type) {
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "Loại văn bản %s không có trong danh mục", d->type);
		return E_INVALID;
	}
	if (!*type && d->unit_id != d->agency_id && !unit) /* a công văn names its drafting unit */
		return s_no_abbr(c, "đơn vị", d->unit_name, d->unit_code);
	snprintf(no, sizeof no, "%02lld", (long long)d->number); /* numbers under 10 with a leading zero */
	if (d->normative) /* a legal normative document carries its year: 05/2026/QĐ-UBND */
		snprintf(d->notation, sizeof d->notation, "%s/%s/%s-%s", no, d->year, type, agency);
	else if (*type)
		snprintf(d->notation, sizeof d->notation, "%s/%s-%s", no, type, agency);
	else if (d->unit_id != d->agency_id)
		snprintf(d->notation, sizeof d->notation, "%s/%s-%s", no, agency, unit);
	else
		snprintf(d->notation, sizeof d->notation, "%s/%s", no, agency);
	return E_OK;
}

proto_err_t draft_number(srv_ctx_t *c, draft_t *d)
{
	s_series(c, d);
	/* drawn first: whatever fails after it, the transaction takes it back */
	if (series_next(c->db, d->series, d->agency_id, d->year, &d->number) != 0)
		return E_INTERNAL;
	return s_notation(c, d);
}

proto_err_t draft_number_next(srv_ctx_t *c, draft_t *d)
{
	s_series(c, d);
	d->number = store_draft_series_last(c->db, d->series, d->agency_id, d->year) + 1;
	return s_notation(c, d);
}
