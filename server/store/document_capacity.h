/* store/document_capacity.h — the store's signing delegations and the
 * form's check of outgoing documents (NĐ 30/2020 Điều 12 khoản 2, Điều
 * 13): who signs for an agency in which capacity, for whom, from when to
 * when; who checks its drafts' form; which revision of a draft had its
 * form checked and in which capacity it was approved; the units a draft
 * is meant for. */
#ifndef CONGVU_STORE_DOCUMENT_CAPACITY_H
#define CONGVU_STORE_DOCUMENT_CAPACITY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

typedef struct {
	int64_t agency_id, user_id, for_user_id, created_by, created;
	const char *capacity, *from, *to, *note; /* dates YYYY-MM-DD */
} store_delegation_t;

/* Add d: STORE_OK with its id. */
store_rc_t store_delegation_add(store_t *s, const store_delegation_t *d, int64_t *id);
/* Revoke delegation id of agency (at now): STORE_OK, STORE_NONE. */
store_rc_t store_delegation_revoke(store_t *s, int64_t id, int64_t agency, int64_t now);
/* The agency of delegation id: STORE_OK, STORE_NONE. */
store_rc_t store_delegation_agency(store_t *s, int64_t id, int64_t *agency);
/* The delegations of agency, newest first: [{id, user, user_name,
 * capacity, for, for_name, from, to, note, revoked}], new reference. */
json_t *store_delegation_list(store_t *s, int64_t agency);
/* How many delegations of agency in capacity (NULL: any but 'form') hold
 * on day for user (0: anyone), not revoked. */
int64_t store_delegation_count(store_t *s, int64_t agency, int64_t user, const char *capacity, const char *day);

/* The form of draft's revision checked by checker at at: STORE_OK. */
store_rc_t store_draft_form_checked(store_t *s, int64_t draft, int64_t checker, int64_t at, int64_t revision);
/* The capacity draft was approved in: STORE_OK. */
store_rc_t store_draft_capacity_set(store_t *s, int64_t draft, const char *capacity);
/* A draft's check: {form_checker, form_checker_name, form_checked,
 * form_revision, capacity} (0, "" when none), new reference; NULL on
 * error. */
json_t *store_draft_check_get(store_t *s, int64_t draft);

/* --- the units a draft is meant for (nơi nhận) --- */
/* Replace draft's recipients with the units of ids[0..n): STORE_OK. */
store_rc_t store_draft_recipients_set(store_t *s, int64_t draft, const int64_t *ids, size_t n);
/* draft's recipients, by name: [{unit (code), name}], new reference; NULL on error. */
json_t *store_draft_recipients(store_t *s, int64_t draft);

#endif
