/* store/document.h — the store's official documents (văn bản): the
 * incoming register's rows, who may read a confidential one, the units a
 * directive sent it to (with the task of each), and the selections the
 * queues and the search make, each with the viewer's rights in the query
 * itself, so a confidential document never leaves the store for someone
 * who is not one of its readers. */
#ifndef CONGVU_STORE_DOCUMENT_H
#define CONGVU_STORE_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A document as the document modules read it (0 and "" for none). */
typedef struct {
	int64_t id, version;
	char code[32], reg[16], year[16], state[32];
	int64_t agency_id, registrar_id, registrar_unit, arrival_no, arrived, registered, pages;
	char agency_code[64], agency_name[256], agency_path[512];
	char registrar[64], registrar_name[160], registrar_path[512];
	char sender[256], number[64], doc_date[16], type[16], summary[1024], urgency[16], secrecy[16];
	char dup_key[512], folded[1536];
	int64_t director_id, directed, deadline, lead_unit, lead_user, done_at, finished;
	char director[64], director_name[160], directive[2048], reply[64], grade[16];
	char lead_code[64], lead_name[256], lead_path[512], lead_username[64], lead_user_name[160];
	/* owned: [{code, name, path, role, task}] the directive's units, lead
	 * first; task is the code of the unit's task or null */
	json_t *units;
} store_document_t;

/* The document with this code (or id, when code is NULL): STORE_OK (free
 * with store_document_clear), STORE_NONE. */
store_rc_t store_document_get(store_t *s, const char *code, int64_t id, store_document_t *d);
void store_document_clear(store_document_t *d);

/* Insert a registered document (its registration fields, code, register,
 * year, arrival number, dup_key, folded, state and wf_version; the rest
 * empty). STORE_OK with its id in *id; STORE_EXISTS when the code or the
 * arrival number of that register and year is taken. */
store_rc_t store_document_insert(store_t *s, const store_document_t *d, int wf_version, int64_t *id);

/* Save d's state and what a directive or an answer changes where its
 * version is still d->version, and bump it: STORE_OK, STORE_STALE. */
store_rc_t store_document_save(store_t *s, const store_document_t *d);

/* Make user a reader of the document (once). */
store_rc_t store_document_reader_add(store_t *s, int64_t doc, int64_t user);
/* Is user a reader of the document? */
bool store_document_is_reader(store_t *s, int64_t doc, int64_t user);
/* The ids of the document's readers: array of integers, new reference. */
json_t *store_document_readers(store_t *s, int64_t doc);

/* Send the document to unit in role "lead", "coop" or "info", with the
 * unit's task (0: none). STORE_EXISTS when the unit has it already. */
store_rc_t store_document_unit_add(store_t *s, int64_t doc, int64_t unit, const char *role, int64_t task);

/* The lead official of the task a directive made (task, whose lead unit
 * is `unit`) becomes user, and the task's version moves on: STORE_OK,
 * STORE_NONE when that task is not led by unit. */
store_rc_t store_document_task_person(store_t *s, int64_t task, int64_t unit, int64_t user);

/* Who is looking: a confidential document is theirs only when user_id is
 * one of its readers; any other when it was registered by them, or its
 * agency, registering unit or a unit it was sent to lies in the subtree at
 * path (NULL or "": none). */
typedef struct {
	int64_t user_id;
	const char *path;
} store_document_viewer_t;

typedef enum {
	STORE_DOC_ALL,       /* the register: every document the viewer may see */
	STORE_DOC_DIRECTIVE, /* waiting for a directive, of the agency `unit` */
	STORE_DOC_UNIT,      /* sent by a directive to `unit` */
	STORE_DOC_OVERDUE,   /* open, past the handling deadline at `now` */
	STORE_DOC_FOLLOWUP,  /* the follow-up register: directed with a deadline */
} store_document_queue_t;

#define STORE_DOC_WORDS 4 /* a search matches at most this many words */

/* Which documents a list or a search selects, newest first (open urgent
 * ones first in the queues). */
typedef struct {
	store_document_viewer_t who;
	store_document_queue_t queue;
	int64_t unit, now;
	const char *reg;  /* "in", "in.secret"; NULL or "": both */
	const char *year; /* "2026"; NULL or "": any */
	/* folded words (text_fold), each of which the number, sender or
	 * summary must hold; NULL: no search */
	const char *words[STORE_DOC_WORDS];
	int64_t limit, offset;
} store_document_filter_t;

/* The codes f selects: array of strings, new reference; NULL on error.
 * *total (may be NULL) counts them all, limit and offset aside. */
json_t *store_document_find(store_t *s, const store_document_filter_t *f, int64_t *total);

/* The codes of the documents the viewer may see with this dup_key (same
 * sender, number and notation, year), other than `except` (0: none):
 * array of strings, new reference. */
json_t *store_document_dups(store_t *s, const store_document_viewer_t *who, const char *dup_key, int64_t except);

#endif
