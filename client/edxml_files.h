/* edxml_files.h — the files attached to a document carried in its edXML
 * package (issue 15, QCVN 102:2016 AttachmentEncoded): on export each file
 * the server holds (attach.list) is fetched in chunks and put in the
 * package in base64; on import each file of the package is attached to
 * the document just registered, in chunks, as `document attach` does. */
#ifndef CONGVU_EDXML_FILES_H
#define CONGVU_EDXML_FILES_H

#include <jansson.h>
#include <stddef.h>

#include "conn.h"

/* Append the files attached to document code to the package m's
 * `attachments` ({name, type, data}). 0, or -1 with why in err. */
int edxml_files_fetch(conn_t *conn, const char *code, json_t *m, int timeout_ms, char *err, size_t n);

/* Attach every file of package m (its `attachments`, data in base64, as
 * edxml_read checked them) to document code. The number attached, or -1
 * with why in err (those before it stay attached). */
int edxml_files_send(conn_t *conn, const char *code, const json_t *m, int timeout_ms, char *err, size_t n);

#endif
