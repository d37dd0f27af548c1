/* edxml_cli.h — `congvu document export|import` (issue 15): an issued
 * outgoing document written as an edXML exchange package, and a package
 * from another system registered as an incoming document (edxml.h). The
 * commands themselves (connection, printing) are in main.c; these map the
 * data. */
#ifndef CONGVU_EDXML_CLI_H
#define CONGVU_EDXML_CLI_H

#include <jansson.h>
#include <stddef.h>

/* The package of document.exchange's reply x (borrowed): its fields, and
 * the text as the attachment "<code>.txt" (base64). New reference. */
json_t *edxml_from_exchange(const json_t *x);

/* The file the package of x goes to in dir: "<dir>/<code>.edxml.xml". */
void edxml_file(const json_t *x, const char *dir, char *path, size_t n);

/* document.register's body for package m (edxml_read): sender, number
 * and notation, date, type, summary, urgency, pages. New reference. */
json_t *edxml_register_body(const json_t *m);

/* The register a package goes to: the first of its To organisations
 * that is among the agencies the clerk registers for (form: the
 * document.form reply, whose `agency` field lists their codes); NULL when
 * none is (the server's default: the clerk's own). Borrowed from m. */
const char *edxml_agency(const json_t *m, const json_t *form);

#endif
