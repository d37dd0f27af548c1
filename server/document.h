/* document.h — official documents (văn bản, NĐ 30/2020/NĐ-CP): the
 * document row as the document modules share it, who may see it, its
 * card, the event of a change, the types of forms/documents/types.yaml and
 * the document kind for the workflow engine. An incoming document's life
 * runs on forms/workflows/document_in.yaml: registered by the clerk
 * (document_in.c), directed by the agency's leader (document_direct.c),
 * handled through the task its directive made. */
#ifndef CONGVU_DOCUMENT_H
#define CONGVU_DOCUMENT_H

#include "srv.h"
#include "store/document.h"
#include "wf.h"

#define DOCUMENT_IN_WORKFLOW "document-in"
#define DOCUMENT_CODE_PREFIX "VBD-" /* VBD-2026-00001 */

typedef store_document_t document_t;

/* Load the document with this code (or id when code is NULL): 0 when
 * found; free with document_clear. */
int document_load(store_t *db, const char *code, int64_t id, document_t *d);
void document_clear(document_t *d);

/* Who c is to the store's selections (store_document_viewer_t). */
store_document_viewer_t document_viewer(const srv_ctx_t *c);

/* May c see d: a confidential one only when c is one of its readers;
 * another when c registered it or its agency, registering unit or a unit
 * its directive named is in c's subtree. */
bool document_visible(srv_ctx_t *c, const document_t *d);
/* Load into d the document the request's `code` names, which c may see:
 * E_NOT_FOUND naming `code` (also when c may not see it: a confidential
 * document's existence is not told), E_OK. */
proto_err_t document_load_visible(srv_ctx_t *c, const json_t *req, document_t *d);

/* A task's source `document` (task_cmd.c): a ref in the form of a
 * document's code must name a document c may see (other refs are a paper
 * document's number, free text). E_OK, or E_NOT_FOUND naming `ref`. */
proto_err_t document_source(srv_ctx_t *c, const char *ref);

/* The incoming workflow (NULL if forms/ has none). */
const wf_def_t *document_in_workflow(void);

/* The card of d at now: what lists, the show reply and the event carry.
 * New reference. */
json_t *document_card(srv_ctx_t *c, const document_t *d);

/* After a change of document id inside the request (`action` done):
 * queue document.changed to those who may see it (the readers of a
 * confidential one, by name). 0 on success. */
int document_changed(srv_ctx_t *c, int64_t id, const char *action);

/* Names of the values a document's fields take (NULL: unknown code):
 * urgency (khan, thuong_khan, hoa_toc), confidentiality (mat, toi_mat,
 * tuyet_mat) and type (forms/documents/types.yaml). */
const char *document_urgency_name(const char *code);
const char *document_secrecy_name(const char *code);
const char *document_type_name(const char *code);
/* The abbreviation of a type in a notation (Phụ lục III: "QĐ"; "" for a
 * công văn), NULL for an unknown code. */
const char *document_type_abbr(const char *code);
/* Append the values' names (what a form shows) and codes (what it sends),
 * in order, to the arrays names and codes. */
void document_urgency_choices(json_t *names, json_t *codes);
void document_secrecy_choices(json_t *names, json_t *codes);
void document_type_choices(json_t *names, json_t *codes);

/* --- form definitions (document_form.c), as procedure.show gives them --- */
/* A text-like field: name, label, type, required, max (0: none). New reference. */
json_t *document_form_field(const char *name, const char *label, const char *type, bool req, int max);
/* A choice field whose choices and codes `fill` appends (names, codes). New reference. */
json_t *document_form_choice(const char *name, const char *label, bool req, void (*fill)(json_t *, json_t *));
/* The agencies c registers or drafts for: its own unit, then the unit above
 * it (the agency an office's clerk, a department, serves; document_in.c and
 * document_draft.c check the same). The first is prefilled. NULL when c's
 * unit is unknown. New reference. */
json_t *document_form_agency(srv_ctx_t *c, const char *label);

/* Read the list `list` of dir/documents/<file> (a YAML sequence of
 * mappings): for each entry with the first two of keys (the third may be
 * NULL or missing), row(ctx, their values). The number of rows; a warning
 * logged when none. */
int document_yaml_rows(const char *dir, const char *file, const char *list, const char *const keys[3],
                       void (*row)(void *ctx, const char *const vals[3]), void *ctx);

/* The document's `by` rules (document_kind.rules): a leader of the
 * agency (and a reader, when confidential) gives the directive
 * ("director"); the lead official, or the lead unit's leader and, when no
 * official is named, its specialists handle it ("lead"); the lead unit's
 * leader names its handler ("unit_lead"). */
typedef enum {
	DOC_BY_DIRECTOR,
	DOC_BY_LEAD,
	DOC_BY_UNIT_LEAD,
	DOC_BY_SENDER, /* recall: the sending agency's leader or clerk (document_recall.c) */
} document_by_t;

extern const wf_kind_t document_kind;

/* Seed the demo documents of forms/demo/documents.json (document_demo.c),
 * each registered and directed through the handlers as the official
 * named. 0 on success, -1 after printing why. */
int document_demo(store_t *db, const srv_config_t *cfg, const char *file, int *ndocs);

#endif
