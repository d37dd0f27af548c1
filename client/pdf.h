/* pdf.h — a desk document (the line markup of shared/layout.h that
 * dossier.print returns) drawn as an A4 PDF, and a file sent to a printer
 * through the system's print queue (lp/CUPS). Used by the CLI
 * (`dossier print --pdf FILE --printer NAME`) and the TUI's print key. */
#ifndef CONGVU_PDF_H
#define CONGVU_PDF_H

#include <stddef.h>

/* Draw layout on A4 pages (margins of NĐ 30/2020/NĐ-CP appendix I: top and
 * bottom 20 mm, left 30 mm, right 15 mm) in a serif font with Vietnamese
 * (Liberation Serif, else the system's serif) into path. 0 on success; -1
 * with a Vietnamese message in err. */
int pdf_write(const char *layout, const char *path, char *err, size_t n);

/* `lp -d printer path`: 0 when the queue took it; -1 with a message in err. */
int pdf_lp(const char *path, const char *printer, char *err, size_t n);

#endif
