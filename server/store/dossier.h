/* store/dossier.h — the store's one-stop dossiers: a dossier's record (its
 * code, where it stands, its clock), its declaration's fields and its
 * row in the search index (its hand-offs are the workflow log,
 * store/wflog.h).
 * The queues and the search are in store/queue.h, the reports' figures in
 * store/report.h. */
#ifndef CONGVU_STORE_DOSSIER_H
#define CONGVU_STORE_DOSSIER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* A dossier as handlers need it, field by field. Times are Unix seconds,
 * 0 for none; strings "" for none. */
typedef struct {
	int64_t id, version;
	char code[64], procedure[64], title[256], applicant[256], citizen_id[16];
	int proc_version;
	int64_t unit_id; /* receiving unit */
	char unit_path[512], unit_code[64], unit_name[256];
	char state[32];
	int step;
	int64_t handler_unit;
	char handler_role[32], handler_path[512];
	int64_t received, clock_start, used, total, due, new_due, step_started, step_due, paused_at, finished;
	char paused_state[32], grade[16];
	int paused_step;
	/* desk: how it came in (direct, online, postal), the lawful extension
	 * picked at reception ("" none), how many apologies (form 04) it had */
	char channel[16], extension[64];
	int apologies;
	json_t *fields; /* the declaration, an object of strings; owned by the caller. store_dossier_get leaves
	                   it NULL (lists never need it): store_dossier_fields reads it */
} store_dossier_t;

/* A unit as a dossier needs it: who receives, who handles a step. */
typedef struct {
	char code[64], name[256], path[512];
	int64_t parent; /* its parent's id; its own for the root */
} store_dossier_unit_t;

/* The dossier with this code into *d (fields left NULL): STORE_OK,
 * STORE_NONE when there is none. */
store_rc_t store_dossier_get(store_t *s, const char *code, store_dossier_t *d);
/* The code of dossier `id` into code (n bytes): STORE_OK, STORE_NONE. */
store_rc_t store_dossier_code(store_t *s, int64_t id, char *code, size_t n);
/* Dossier id's declaration into *fields (new reference): STORE_OK,
 * STORE_NONE when there is no such dossier (or its fields do not parse). */
store_rc_t store_dossier_fields(store_t *s, int64_t id, json_t **fields);

/* A new dossier from d (its code, procedure, unit, state, step, holder,
 * title, applicant, citizen_id, fields and clock; version 1, not paused,
 * nothing used), received by official `by` (0: the console). STORE_OK
 * with its id in *id; STORE_EXISTS when the code is taken. */
store_rc_t store_dossier_insert(store_t *s, const store_dossier_t *d, int64_t by, int64_t *id);

/* Save where d stands (state, step, holder, clock, appointment, pause,
 * finish, grade) where its version is still d->version; the saved version
 * is d->version + 1. STORE_STALE when another save came first (nothing
 * written). */
store_rc_t store_dossier_save(store_t *s, const store_dossier_t *d);


/* desk: the return of a dossier's result — who collected it (collector_kind
 * "applicant" or "authorised", their name and ID number), how ("desk",
 * "post"), when, by which official, and the result's number. */
typedef struct {
	int64_t at, by;
	char collector_kind[16], collector[256], collector_id[32], method[8], result_no[64];
} store_dossier_return_t;
/* Record dossier id's return: STORE_OK; STORE_EXISTS when one is recorded. */
store_rc_t store_dossier_return_add(store_t *s, int64_t id, const store_dossier_return_t *r);
/* Dossier id's return into *r: STORE_OK, STORE_NONE when not returned. */
store_rc_t store_dossier_return_get(store_t *s, int64_t id, store_dossier_return_t *r);

/* desk: a dossier's fee — when and by whom it was recorded, the amount
 * (đồng), how ("cash", "transfer", "exempt"), the legal ground of an
 * exemption, the fee receipt's number. */
typedef struct {
	int64_t at, by, amount;
	char method[16], ground[512], receipt_no[64];
	char by_name[256]; /* read only: the official's name */
} store_dossier_fee_t;
/* Record dossier id's fee: STORE_OK; STORE_EXISTS when one is recorded. */
store_rc_t store_dossier_fee_add(store_t *s, int64_t id, const store_dossier_fee_t *f);
/* Dossier id's fee into *f: STORE_OK, STORE_NONE when none is recorded. */
store_rc_t store_dossier_fee_get(store_t *s, int64_t id, store_dossier_fee_t *f);

/* Index dossier id for search under `folded` (text_fold'ed words) and
 * the units whose searches see it (those on its receiving and handling
 * units' paths). Done at the outermost commit: a statement of the same
 * transaction does not find it before then (store_flush). STORE_OK or
 * STORE_ERROR. */
store_rc_t store_dossier_search_add(store_t *s, int64_t id, const char *folded);
/* After dossier id changed hands: the units whose searches see it follow,
 * at the commit like store_dossier_search_add (and after it). STORE_OK or
 * STORE_ERROR. */
store_rc_t store_dossier_search_rescope(store_t *s, int64_t id);

/* Unit id as a dossier needs it (its code for a new dossier's code and
 * the holder's, its parent for a step of the parent unit; its path alone
 * is store_unit_path's, store/org.h): STORE_OK, STORE_NONE. */
store_rc_t store_dossier_unit(store_t *s, int64_t id, store_dossier_unit_t *out);

#endif
