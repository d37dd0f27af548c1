/* register.h — the tracking book of a desk (sổ theo dõi hồ sơ, form 07 of
 * TT 03/2025/TT-VPCP appendix I, which keeps the columns of TT 01/2018's
 * form 06 — to confirm against the circular's text): one row per dossier. */
#ifndef CONGVU_REGISTER_H
#define CONGVU_REGISTER_H

#include "dossier.h"

/* Dossier d's row of the book, numbered no, its cells as printed: {no,
 * code, procedure, sets, applicant (name, address, phone), lead_unit (the
 * unit that resolves it), received, due (the appointment; an apology's new
 * one after it), handed (to the unit that resolves it), result (the result
 * back at the desk), returned (when, to whom), signed (left blank for the
 * collector's signature on paper), note}. New reference. */
json_t *register_row(store_t *db, dossier_t *d, int no);

/* rows as a table of the line markup (shared/layout.h), 80 columns: the
 * book's columns, two dates to a cell where the page is narrow. New
 * string, caller frees. */
char *register_table(const json_t *rows);

#endif
