/* catalog.h — the data the daemon works from, read from the forms
 * directory: procedures and workflows, and the working-time calendar with
 * the holidays administrators added or removed at run time. A reload that
 * fails keeps the set in use. The serve loop is the one thread that loads,
 * swaps or changes it; the read pool's threads (readpool.h) read it under
 * catalog_read_lock, which the loop's changes wait for. */
#ifndef CONGVU_CATALOG_H
#define CONGVU_CATALOG_H

#include "store/store.h"

#include "forms.h"
#include "worktime.h"

/* Load dir into the catalog. On failure returns -1 and a message (every
 * error, one per line) in *errors (caller frees); the previous catalog, if
 * any, stays. */
int catalog_load(const char *dir, store_t *db, char **errors);
void catalog_free(void);

/* A thread other than the loop's holds this while it uses the catalog
 * (from the first catalog_forms/catalog_calendar to the last use of what
 * they returned): the set is then neither swapped nor changed under it. */
void catalog_read_lock(void);
void catalog_read_unlock(void);

const forms_t *catalog_forms(void);
const wt_calendar_t *catalog_calendar(void);
const char *catalog_dir(void);

/* Every change of the catalog (a holiday, a reload) bumps a generation in
 * the database, in the changing transaction. A daemon that sees another
 * process commit (the console) compares it with the generation it loaded
 * and, when they differ, reloads: 1 when it did, 0 when nothing changed,
 * -1 when the reload failed (the old set stays). */
int catalog_bump(store_t *db);
int catalog_follow(store_t *db);

#endif
