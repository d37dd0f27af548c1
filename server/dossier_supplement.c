/* dossier_supplement.c — the supplement brought to the desk (issue 11):
 * when the applicant comes back with what was asked for (form 02), the
 * clerk corrects the declaration and ticks the papers handed in again; the
 * corrections are checked as a reception's are, saved with the move that
 * resumes the clock (resubmit), and what changed is told old → new per
 * field; the receipt (form 01) is printed again with the appointment the
 * resumed clock gives (dossier.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "dossier.h"
#include "fields.h"
#include "series.h"
#include "store/papers.h"
#include "worktime.h"

int dossier_today(int64_t now)
{
	char day[16]; /* "2026-12-03", the province's day */

	series_period(now, wt_utc_offset(catalog_calendar()), SERIES_DAY, day, sizeof day);
	return atoi(day) * 10000 + atoi(day + 5) * 100 + atoi(day + 8);
}

/* The papers' names of a [{n, name}] list, "1, 3" style with their numbers. */
static void s_papers_line(const json_t *rows, char *buf, size_t n)
{
	size_t i, len = 0;
	json_t *x;

	buf[0] = 0;
	json_array_foreach(rows, i, x)
	{
		if (len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%lld. %s", i ? "; " : "",
						(long long)json_integer_value(json_object_get(x, "n")),
						json_string_value(json_object_get(x, "name")));
	}
	if (!buf[0])
		snprintf(buf, n, "(không ghi)");
}

static void s_change(json_t *changes, const char *field, const char *label, const char *old, const char *new)
{
	json_array_append_new(changes, json_pack("{s:s, s:s, s:s, s:s}", "field", field, "label", label, "old", old,
						 "new", new));
}

/* The declaration corrected: into d (its fields, applicant, citizen id). */
static proto_err_t s_fields(srv_ctx_t *c, dossier_t *d, const procedure_t *p, const json_t *given, json_t *changes)
{
	json_t *old = dossier_fields(c->db, d), *now = json_deep_copy(old ? old : json_object()), *v;
	const char *k;

	json_object_foreach((json_t *)given, k, v) json_object_set(now, k, v);
	if (fields_check(p, now, dossier_today(c->now), &c->bad_field, c->detail, sizeof c->detail) != 0) {
		json_decref(now);
		return E_INVALID;
	}
	for (unsigned i = 0; i < p->nfields; i++) {
		const form_field_t *f = &p->fields[i];
		const char *a = json_string_value(json_object_get(old, f->name)),
			   *b = json_string_value(json_object_get(now, f->name));
		if (strcmp(a ? a : "", b ? b : "") != 0)
			s_change(changes, f->name, f->label, a ? a : "", b ? b : "");
		if (f->applicant && b)
			snprintf(d->applicant, sizeof d->applicant, "%s", b);
		if (f->type == FT_CITIZEN_ID && b)
			snprintf(d->citizen_id, sizeof d->citizen_id, "%s", b);
	}
	json_decref(d->fields);
	d->fields = now;
	return E_OK;
}

proto_err_t dossier_supplement_take(srv_ctx_t *c, dossier_t *d, const procedure_t *p, const char *action,
				    json_t *req, json_t **changes)
{
	json_t *given = json_object_get(req, "fields"), *ticked = json_object_get(req, "papers"), *handed = NULL;
	char missing[1024], before[2048], after[2048];
	char *search = NULL;
	proto_err_t e;

	*changes = NULL;
	if (strcmp(action, "resubmit") != 0) {
		c->bad_field = given ? "fields" : "papers";
		snprintf(c->detail, sizeof c->detail,
			 "Chỉ sửa tờ khai và giấy tờ khi nhận hồ sơ bổ sung (thao tác resubmit)");
		return E_INVALID;
	}
	*changes = json_array();
	if (given && (e = s_fields(c, d, p, given, *changes)) != E_OK)
		goto fail;
	if (ticked) {
		json_t *was = store_dossier_papers_get(c->db, d->id);
		if ((e = dossier_papers_take(c, p, ticked, &handed, missing, sizeof missing)) != E_OK) {
			json_decref(was);
			goto fail;
		}
		if (missing[0]) {
			json_decref(was);
			c->bad_field = "papers";
			snprintf(c->detail, sizeof c->detail, "Vẫn thiếu giấy tờ bắt buộc: %.400s", missing);
			e = E_INVALID;
			goto fail;
		}
		s_papers_line(was, before, sizeof before);
		s_papers_line(handed, after, sizeof after);
		json_decref(was);
		if (strcmp(before, after) != 0)
			s_change(*changes, "papers", "Giấy tờ đã nộp", before, after);
	}
	e = E_INTERNAL;
	if (given && (store_dossier_declaration_set(c->db, d->id, d->fields, d->applicant, d->citizen_id) != STORE_OK ||
		      !(search = dossier_search_text(d, p)) ||
		      store_dossier_search_replace(c->db, d->id, search) != STORE_OK))
		goto fail;
	if (handed && store_dossier_papers_set(c->db, d->id, handed) != STORE_OK)
		goto fail;
	if (json_array_size(*changes) &&
	    audit_log(c, "dossier.supplement", d->code, json_pack("{s:O}", "changes", *changes)) != 0)
		goto fail;
	free(search);
	json_decref(handed);
	return E_OK;
fail:
	free(search);
	json_decref(handed);
	json_decref(*changes);
	*changes = NULL;
	return e;
}
