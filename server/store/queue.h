/* store/queue.h — the store's ways to find dossiers: the queues (what
 * waits on an official, what a unit's subtree holds) and the full-text
 * search, each giving dossier codes in its order; the handler loads and
 * shapes them (store/dossier.h). */
#ifndef CONGVU_STORE_QUEUE_H
#define CONGVU_STORE_QUEUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Which dossiers a queue holds. */
typedef struct {
	/* mine: the dossiers waiting on an official: held by unit_id with
	 * one of the roles (the protocol's role bits) as their handler_role
	 * (a result ready to return is held by the desk), in the order of
	 * their steps' deadlines. Else the
	 * subtree of the unit at `path`: dossiers it received or handles,
	 * open ones first, by appointment. */
	bool mine;
	int64_t unit_id;
	int roles;
	const char *path;
	bool overdue;                  /* only open, not paused, past their (original) appointment at `now` */
	int64_t now;
	const char *procedure, *state; /* "" or NULL: any */
	int64_t limit, offset;         /* at most limit codes, after skipping offset */
} store_queue_filter_t;

/* The codes of the dossiers f selects, in its order: an array of strings,
 * new reference; NULL on error. */
json_t *store_queue_list(store_t *s, const store_queue_filter_t *f);
/* How many dossiers a `mine` filter selects (limit and offset aside) into
 * *n. STORE_OK or STORE_ERROR. */
store_rc_t store_queue_count(store_t *s, const store_queue_filter_t *f, int64_t *n);

/* The dashboard's figures of a subtree queue (f->path; the other
 * filters aside): its open dossiers not paused and past their appointment
 * at f->now into *overdue, those whose appointment falls in the day
 * [today, today + 86400) into *due_today. STORE_OK, or STORE_ERROR with
 * both 0. */
store_rc_t store_queue_counts(store_t *s, const store_queue_filter_t *f, int64_t today, int64_t *overdue,
			      int64_t *due_today);

/* A search for the words of `folded` (text_fold'ed), each as a prefix,
 * among the dossiers received by or handled in the subtree of the unit at
 * `path`: the newest `candidates` matches, of which the `limit` best in
 * this order: those whose applicant, title, code or fields hold `text`
 * exactly (accents and all) first, then by relevance, then newest. The
 * codes into *codes (array of strings, new reference). STORE_NONE when
 * folded has no word to search for. */
store_rc_t store_queue_search(store_t *s, const char *folded, const char *text, const char *path, int64_t candidates,
			      int64_t limit, json_t **codes);

#endif
