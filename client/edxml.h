/* edxml.h — the national e-document exchange package (edXML, QCVN
 * 102:2016/BTTTT), the subset of its header congvu produces and reads
 * (forms/documents/edxml.xsd): an envelope with the message header (From,
 * To, DocumentId, Code, PromulgationInfo, DocumentType, Subject, Content,
 * SignerInfo, DueDate, OtherInfo/Priority, SteeringType) and the
 * attachments encoded in base64. Pure: data in, XML out and back, with
 * libxml2; no connection. */
#ifndef CONGVU_EDXML_H
#define CONGVU_EDXML_H

#include <jansson.h>
#include <stddef.h>

#define EDXML_NS "http://www.mic.gov.vn/TBT/QCVN_102_2016"

/* Write the package of m to path. m has the keys of document.exchange's
 * reply (document_id, from{id,name}, to[{id,name}], number,
 * code_notation, place, date, type, type_name, subject, content,
 * signer{name}, priority, steering; due_date optional) and attachments
 * [{name, type, data}] (data: the bytes, base64). 0, or -1 with the reason
 * in err. */
int edxml_write(const json_t *m, const char *path, char *err, size_t n);

/* Read the package at path into the same keys (notation rebuilt from
 * Code; attachments' data checked as base64; pages from
 * OtherInfo/PageAmount when given). NULL on failure, with a Vietnamese
 * reason in err and its code in *code: "edxml_malformed" (not
 * well-formed XML, or unreadable), "edxml_structure" (not an edXML
 * envelope, or a required element missing or wrong),
 * "edxml_attachment" (an attachment not base64). New reference. */
json_t *edxml_read(const char *path, char *err, size_t n, const char **code);

/* The package's priority from an urgency code ("" 0, khan 1, thuong_khan
 * 2, hoa_toc 3) and back (NULL for 0). */
const char *edxml_urgency(int priority);

#endif
