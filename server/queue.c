/* queue.c — finding dossiers: the queues (what waits on me, on my unit),
 * and search by code, applicant, citizen ID, procedure or any text, with
 * or without diacritics; exact accented matches rank first. Which dossiers,
 * in which order, is the store's (store/queue.h): only those received by or
 * handled in the caller's subtree; what a row shows is this file's. */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"
#include "org.h"
#include "rowset.h"
#include "store/queue.h"
#include "text.h"

/* The columns of a compact row: only what a list shows. The step is given
 * while the dossier is being processed (it says more than the state); the
 * reply names each state of its rows once (states: {code: name}); flags:
 * 1 overdue, 2 due today. A column named "@x" holds, for x, an index into
 * the reply's words: values that repeat down a list (state, step,
 * procedure, remaining time) travel once. */
static const char *const s_cols[] = {"code",      "@state",     "@step", "@procedure",
				     "applicant", "@remaining", "flags", "version"};

typedef struct {
	rowset_t set;         /* the columns and the words */
	json_t *rows, *states; /* states: {code: name} */
} compact_t;

/* d as a compact row in s_cols' order, added to c. */
static void s_compact(compact_t *c, const dossier_t *d, int64_t now)
{
	dossier_glance_t g;
	const char *processing;
	json_t *row;

	dossier_glance(d, now, &g);
	processing = strcmp(d->state, "processing") == 0 ? g.step : "";
	row = json_pack("[s, o, o, o, s, o, i, I]", d->code, rowset_word(&c->set, d->state),
			rowset_word(&c->set, processing), rowset_word(&c->set, d->procedure), d->applicant,
			rowset_word(&c->set, g.remaining), g.overdue | g.due_today << 1, (json_int_t)d->version);
	json_array_append_new(c->rows, row);
	if (!json_object_get(c->states, d->state))
		json_object_set_new(c->states, d->state, json_string(g.state_name));
}

/* The reply to a list of codes (stolen; NULL: the store failed, an empty
 * list): {dossiers: [summary...]}, or when compact {cols, rows: [[...]...],
 * words, states, more, total (when total >= 0)}. The store was asked for
 * one row beyond limit: its presence is `more` (the client pages on).
 * Each row goes through dossier_load and dossier_glance (what
 * dossier_summary is made of) so every list shows what the dossier view
 * shows. */
static json_t *s_reply(srv_ctx_t *c, json_t *found, int64_t limit, bool compact, int64_t total)
{
	compact_t k = {.rows = json_array(), .states = json_object()};
	json_t *out;
	int64_t n = (int64_t)json_array_size(found);

	rowset_init(&k.set, s_cols, sizeof s_cols / sizeof *s_cols);
	for (int64_t i = 0; i < n && i < limit; i++) {
		dossier_t d;
		if (dossier_load(c->db, json_string_value(json_array_get(found, (size_t)i)), &d) != 0)
			continue;
		if (compact)
			s_compact(&k, &d, c->now);
		else
			json_array_append_new(k.rows, dossier_summary(&d, c->now));
		dossier_clear(&d);
	}
	json_decref(found);
	if (!compact) {
		rowset_end(&k.set, NULL);
		json_decref(k.states);
		return json_pack("{s:o}", "dossiers", k.rows);
	}
	out = json_pack("{s:o, s:o, s:b}", "rows", k.rows, "states", k.states, "more", n > limit);
	rowset_end(&k.set, out);
	if (total >= 0)
		json_object_set_new(out, "total", json_integer(total));
	return out;
}

/* The dashboard's figures for the subtree of f->path: open dossiers
 * overdue now and due today (local day), as dossier_summary flags them,
 * counted in the store instead of shipped as rows. */
static json_t *s_counts(srv_ctx_t *c, const store_queue_filter_t *f)
{
	int64_t today = wf_day(c->now) * 86400 - wt_utc_offset(catalog_calendar()), overdue, due_today;

	store_queue_counts(c->db, f, today, &overdue, &due_today);
	return json_pack("{s:I, s:I}", "overdue", (json_int_t)overdue, "due_today", (json_int_t)due_today);
}

proto_err_t srv_dossier_list(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	bool compact = json_is_true(json_object_get(req, "compact"));
	json_t *lv = json_object_get(req, "limit");
	int64_t limit = lv ? json_integer_value(lv) : 50;
	char path[512];
	int64_t total = -1;
	proto_err_t e;
	/* one beyond limit: its presence is `more` */
	store_queue_filter_t f = {.mine = json_is_true(json_object_get(req, "mine")),
				  .unit_id = c->unit_id,
				  .roles = c->roles,
				  .path = path,
				  .overdue = json_is_true(json_object_get(req, "overdue")),
				  .now = c->now,
				  .procedure = json_string_value(json_object_get(req, "procedure")),
				  .state = json_string_value(json_object_get(req, "state")),
				  .limit = limit + 1,
				  .offset = json_integer_value(json_object_get(req, "offset"))};

	if (f.mine) {
		if (compact)
			store_queue_count(c->db, &f, &total);
	} else {
		if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
			return e;
		if (json_is_true(json_object_get(req, "counts"))) {
			*reply = json_pack("{s:o}", "counts", s_counts(c, &f));
			return E_OK;
		}
	}
	*reply = s_reply(c, store_queue_list(c->db, &f), limit, compact, total);
	return E_OK;
}

/* Search ranks the newest matches in scope, this many (or twice the rows
 * asked for): a common name matches tens of thousands of dossiers in a
 * province's year, and ranking them all (bm25 and the exact-accent test)
 * is what would cost. search_rank is bm25 over the folded text alone. */
#define SEARCH_CANDIDATES 200

proto_err_t srv_dossier_search(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *text = json_string_value(json_object_get(req, "text"));
	json_t *lv = json_object_get(req, "limit");
	int64_t limit = lv ? json_integer_value(lv) : 20;
	char *folded = text_fold(text, strlen(text));
	json_t *codes = NULL;
	store_rc_t rc = folded ? store_queue_search(c->db, folded, text, c->console ? "/" : c->unit_path,
						    limit * 2 > SEARCH_CANDIDATES ? limit * 2 : SEARCH_CANDIDATES,
						    limit + 1, &codes)
			       : STORE_NONE;

	free(folded);
	if (rc == STORE_NONE) { /* no word in it */
		c->bad_field = "text";
		snprintf(c->detail, sizeof c->detail, "Cần ít nhất một từ để tìm");
		return E_INVALID;
	}
	*reply = s_reply(c, codes, limit, json_is_true(json_object_get(req, "compact")), -1);
	return E_OK;
}
