/* figures_cli.h — the command line's spreadsheet export of socio-economic
 * figures (issue 13): `congvu figures export --xlsx FILE` writes the rows
 * of figures.export as an .xlsx workbook (libxlsxwriter), numbers as
 * numbers, beside the CSV the generic --csv gives. */
#ifndef CONGVU_FIGURES_CLI_H
#define CONGVU_FIGURES_CLI_H

#include <jansson.h>
#include <stdbool.h>

/* Write reply (a figures.export reply) to file as a workbook of one sheet
 * "Số liệu": a header row, then one row per figure (unit code and name,
 * period, indicator code and name, unit of measure, value, estimate or
 * final in words, revision). 0, or -1 with err (Vietnamese, n bytes). */
int figures_cli_xlsx(const json_t *reply, const char *file, char *err, size_t n);

#endif
