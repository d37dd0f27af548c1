/* dossiers.h — the one-stop dossier screens (queue.c, dossier.c,
 * reception.c, report.c, status.c; their search, a spec of search.c) and
 * what they share: how a dossier row reads in a table, and how the view is
 * opened. */
#ifndef CONGVU_TUI_DOSSIERS_H
#define CONGVU_TUI_DOSSIERS_H

#include "spec_screens.h"

extern const tui_screen_t tui_queue_screen, tui_dossier_screen;
/* The dossiers' search (queue.c): by code, applicant, citizen ID,
 * procedure or any text. */
extern const tui_search_spec_t tui_dossier_search;

/* tui_dossier_screen's arg is the dossier's code (const char *). */

/* The queue opened on a given list (the dashboard's lines): the unit's
 * dossiers rather than mine, only overdue ones, only those due today. */
typedef struct {
	bool unit, overdue, today;
} tui_queue_arg_t;
void tui_queue_open(tui_t *t, const tui_queue_arg_t *arg);

/* Screens that start with a form (reception.c, report.c, status.c). */
void tui_reception_open(tui_t *t);

/* The field definitions of procedure versions this device has met
 * (procedure_defs.c). _open: read them from the file at path (NULL: keep
 * them for the session only), those of server (its public key) only.
 * tui_procedure_defs: the fields of `code` at `version` held under tag
 * (NULL: under any tag, the server having said they are current), or
 * NULL; tui_procedure_desk: the desk's part of the same definition
 * ({extensions, checklist}: the lawful extensions and the papers), or NULL
 * when it was met without it; _keep: keep those of a procedure.show reply
 * (code, version, tag, fields[, extensions, checklist]) or of a dossier's
 * defs, and write the file (returns the fields, borrowed); _request: the brief
 * procedure.show that asks for them (new reference); _held: the
 * "code@version#tag" of the ones met last, for dossier.show's have (new
 * reference). */
void tui_procedure_defs_open(const char *path, const char *server);
const json_t *tui_procedure_defs(const char *code, json_int_t version, const char *tag);
const json_t *tui_procedure_desk(const char *code, json_int_t version, const char *tag);
const json_t *tui_procedure_defs_keep(const json_t *reply);
json_t *tui_procedure_defs_request(const char *code, json_int_t version);
json_t *tui_procedure_defs_held(void);
void tui_report_open(tui_t *t);
/* register.c: the tracking book (form 07) of a span of days. */
void tui_register_open(tui_t *t);
void tui_status_open(tui_t *t);

/* --- dossier_row.c: a dossier summary (dossier.list and dossier.search rows) as a
 * table row: a mark (! overdue, * due today), code, procedure, applicant,
 * state or step, remaining time --- */
#define TUI_DROW_NCOLS 6
extern const tui_col_t tui_dossier_row_cols[TUI_DROW_NCOLS];
const char *tui_dossier_row_cell(const json_t *row, int col, char *buf, size_t n);
/* Overdue rows in the error attribute, rows due today in bold. */
attr_t tui_dossier_row_attr(const json_t *row);

/* --- desk: the papers checklist (reception.c) and the supplement brought
 * in (supplement.c) --- */
/* The papers checklist as form definitions appended to more, one toggle
 * per paper of list (procedure.show's checklist): ticked as handed in (the
 * names of the papers handed in; NULL: a required paper ticked, a
 * conditional one not applying); ask_missing: then what to do when a
 * required paper is missing (refuse, or record a request to supplement). */
void tui_reception_checklist(json_t *more, const json_t *list, const json_t *handed, bool ask_missing);
/* The checklist's ticks moved out of fields into body as the server takes
 * them: papers (their numbers), supplement. */
void tui_reception_shape_papers(json_t *body, json_t *fields);
/* The supplement's form over the dossier view (owner; reload redraws it
 * after): d is its dossier.show, defs its procedure's field definitions. */
void tui_supplement_open(tui_t *t, const json_t *d, const json_t *defs, void *owner,
                         void (*reload)(tui_t *t, void *owner));

#endif
