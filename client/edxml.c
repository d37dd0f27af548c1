/* edxml.c — writing and reading the edXML exchange package with libxml2
 * (edxml.h). The writer emits the elements in the order of
 * forms/documents/edxml.xsd; the reader checks the structure itself (the
 * envelope, the namespace, the required elements and their values), so a
 * package from another system that adds elements congvu does not read is
 * still accepted. */
#include "edxml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

#define P BAD_CAST "edXML"

static const char *const s_urgency[] = {NULL, "khan", "thuong_khan", "hoa_toc"};

const char *edxml_urgency(int priority)
{
	return priority > 0 && priority < 4 ? s_urgency[priority] : priority >= 4 ? s_urgency[3] : NULL;
}

static const char *s_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* --- writing --- */

static int s_el(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xmlTextWriterWriteElementNS(w, P, BAD_CAST name, NULL, BAD_CAST text) < 0 ? -1 : 0;
}

static int s_open(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElementNS(w, P, BAD_CAST name, NULL) < 0 ? -1 : 0;
}

static int s_close(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* <name><OrganId/><OrganName/></name> */
static int s_organ(xmlTextWriterPtr w, const char *name, const json_t *o)
{
	return s_open(w, name) || s_el(w, "OrganId", s_str(o, "id")) || s_el(w, "OrganName", s_str(o, "name")) ||
	       s_close(w);
}

static int s_header(xmlTextWriterPtr w, const json_t *m)
{
	const json_t *to = json_object_get(m, "to"), *x;
	char num[32], pri[8];
	size_t i;
	int rc = 0;

	snprintf(num, sizeof num, "%02lld", (long long)json_integer_value(json_object_get(m, "number")));
	snprintf(pri, sizeof pri, "%lld", (long long)json_integer_value(json_object_get(m, "priority")));
	rc |= s_open(w, "MessageHeader") || s_organ(w, "From", json_object_get(m, "from"));
	json_array_foreach(to, i, x) rc |= s_organ(w, "To", x);
	rc |= s_el(w, "DocumentId", s_str(m, "document_id")) || s_open(w, "Code") || s_el(w, "CodeNumber", num) ||
	      s_el(w, "CodeNotation", s_str(m, "code_notation")) || s_close(w);
	rc |= s_open(w, "PromulgationInfo") || s_el(w, "Place", s_str(m, "place")) ||
	      s_el(w, "PromulgationDate", s_str(m, "date")) || s_close(w);
	rc |= s_open(w, "DocumentType") || s_el(w, "Type", s_str(m, "type")) ||
	      s_el(w, "TypeName", s_str(m, "type_name")) || s_close(w);
	rc |= s_el(w, "Subject", s_str(m, "subject")) || s_el(w, "Content", s_str(m, "content"));
	x = json_object_get(m, "signer");
	rc |= s_open(w, "SignerInfo");
	if (*s_str(x, "competence"))
		rc |= s_el(w, "Competence", s_str(x, "competence"));
	if (*s_str(x, "position"))
		rc |= s_el(w, "Position", s_str(x, "position"));
	rc |= s_el(w, "FullName", s_str(x, "name")) || s_close(w);
	if (*s_str(m, "due_date"))
		rc |= s_el(w, "DueDate", s_str(m, "due_date"));
	if (json_array_size(to)) {
		rc |= s_open(w, "ToPlaces");
		json_array_foreach(to, i, x) rc |= s_el(w, "Place", s_str(x, "name"));
		rc |= s_close(w);
	}
	rc |= s_open(w, "OtherInfo") || s_el(w, "Priority", pri) || s_close(w);
	snprintf(pri, sizeof pri, "%lld", (long long)json_integer_value(json_object_get(m, "steering")));
	rc |= s_el(w, "SteeringType", pri) || s_close(w);
	return rc ? -1 : 0;
}

static int s_body(xmlTextWriterPtr w, const json_t *atts)
{
	const json_t *a;
	size_t i;
	int rc = s_open(w, "edXMLBody");

	if (json_array_size(atts)) {
		rc |= s_open(w, "AttachmentEncoded");
		json_array_foreach(atts, i, a)
		{
			char id[24];
			snprintf(id, sizeof id, "%zu", i + 1);
			rc |= s_open(w, "Attachment") || s_el(w, "ContentId", id) ||
			      s_el(w, "AttachmentName", s_str(a, "name")) || s_el(w, "ContentType", s_str(a, "type")) ||
			      s_el(w, "ContentTransferEncoded", "base64") || s_el(w, "Value", s_str(a, "data")) ||
			      s_close(w);
		}
		rc |= s_close(w);
	}
	return rc || s_close(w) ? -1 : 0;
}

int edxml_write(const json_t *m, const char *path, char *err, size_t n)
{
	xmlTextWriterPtr w = xmlNewTextWriterFilename(path, 0);
	int rc;

	if (!w) {
		snprintf(err, n, "Không ghi được tệp %s", path);
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	rc = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	     xmlTextWriterStartElementNS(w, P, BAD_CAST "edXMLEnvelope", BAD_CAST EDXML_NS) < 0 ||
	     s_open(w, "edXMLHeader") || s_header(w, m) || s_close(w) || s_body(w, json_object_get(m, "attachments")) ||
	     s_close(w) || xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w); /* flushes and closes the file */
	if (rc)
		snprintf(err, n, "Không ghi được tệp %s", path);
	return rc ? -1 : 0;
}

/* --- reading --- */

typedef struct {
	char *err;
	size_t n;
	const char **code;
} s_why_t;

static json_t *s_fail(s_why_t *y, const char *code, const char *fmt, const char *a, const char *b)
{
	snprintf(y->err, y->n, fmt, a, b);
	*y->code = code;
	return NULL;
}

/* The first element child of node named name in the edXML namespace. */
static xmlNodePtr s_child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns && !xmlStrcmp(c->ns->href, BAD_CAST EDXML_NS) &&
		    !xmlStrcmp(c->name, BAD_CAST name))
			return c;
	return NULL;
}

/* The next sibling of node with its name. */
static xmlNodePtr s_next(xmlNodePtr node)
{
	for (xmlNodePtr c = node->next; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns && !xmlStrcmp(c->ns->href, node->ns->href) &&
		    !xmlStrcmp(c->name, node->name))
			return c;
	return NULL;
}

/* The trimmed text of node's child `name` as a json string; "" when
 * absent. */
static json_t *s_text(xmlNodePtr node, const char *name)
{
	xmlNodePtr c = s_child(node, name);
	xmlChar *t = c ? xmlNodeGetContent(c) : NULL;
	const char *s = t ? (const char *)t : "";
	size_t len;
	json_t *out;

	s += strspn(s, " \t\r\n");
	len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	out = json_stringn(s, len);
	xmlFree(t);
	return out ? out : json_string("");
}

static const struct {
	const char *path[2], *what;
} s_required[] = {
    {{"From", "OrganName"}, "From/OrganName (cơ quan gửi)"},
    {{"Code", "CodeNumber"}, "Code/CodeNumber (số văn bản)"},
    {{"Code", "CodeNotation"}, "Code/CodeNotation (ký hiệu)"},
    {{"PromulgationInfo", "PromulgationDate"}, "PromulgationInfo/PromulgationDate (ngày ban hành)"},
    {{"DocumentType", "Type"}, "DocumentType/Type (loại văn bản)"},
    {{"Subject", NULL}, "Subject (trích yếu)"},
};

/* Is `s` all decimal digits (at least one)? */
static bool s_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

static json_t *s_organ_read(xmlNodePtr o)
{
	json_t *r = json_object();
	json_object_set_new(r, "id", s_text(o, "OrganId"));
	json_object_set_new(r, "name", s_text(o, "OrganName"));
	return r;
}

static json_t *s_attachments(xmlNodePtr body, s_why_t *y)
{
	json_t *out = json_array();
	xmlNodePtr enc = s_child(body, "AttachmentEncoded");

	for (xmlNodePtr a = s_child(enc, "Attachment"); a; a = s_next(a)) {
		json_t *v = s_text(a, "Value"), *name = s_text(a, "AttachmentName");
		const char *b64 = json_string_value(v);
		size_t len = strlen(b64), got = 0;
		unsigned char *bin = malloc(len + 1);
		int bad = !bin || sodium_base642bin(bin, len + 1, b64, len, " \t\r\n", &got, NULL,
		                                    sodium_base64_VARIANT_ORIGINAL) != 0;
		free(bin);
		if (bad) {
			s_fail(y, "edxml_attachment", "Tệp đính kèm \"%s\" của gói edXML không phải base64 hợp lệ%s",
			       json_string_value(name), "");
			json_decref(v);
			json_decref(name);
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, json_pack("{s:o, s:o, s:o, s:I}", "name", name, "type",
		                                     s_text(a, "ContentType"), "data", v, "bytes", (json_int_t)got));
	}
	return out;
}

static json_t *s_read(xmlDocPtr doc, s_why_t *y)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), head, mh, x;
	json_t *m, *to, *v;
	char notation[160];
	const char *num, *date, *pri, *pages;
	int yy, mo, dd;

	if (!root || xmlStrcmp(root->name, BAD_CAST "edXMLEnvelope") || !root->ns ||
	    xmlStrcmp(root->ns->href, BAD_CAST EDXML_NS))
		return s_fail(y, "edxml_structure",
		              "Tệp không phải gói edXML: phần tử gốc phải là edXMLEnvelope (%s)%s", EDXML_NS, "");
	head = s_child(root, "edXMLHeader");
	if (!(mh = s_child(head, "MessageHeader")))
		return s_fail(y, "edxml_structure", "Gói edXML thiếu %s%s", "edXMLHeader/MessageHeader", "");
	for (size_t i = 0; i < sizeof s_required / sizeof *s_required; i++) {
		xmlNodePtr n = s_child(mh, s_required[i].path[0]);
		json_t *t =
		    n && s_required[i].path[1] ? s_text(n, s_required[i].path[1]) : s_text(mh, s_required[i].path[0]);
		bool empty = !n || !*json_string_value(t);
		json_decref(t);
		if (empty)
			return s_fail(y, "edxml_structure", "Gói edXML thiếu %s%s", s_required[i].what, "");
	}
	m = json_object();
	json_object_set_new(m, "from", s_organ_read(s_child(mh, "From")));
	to = json_array();
	for (x = s_child(mh, "To"); x; x = s_next(x))
		json_array_append_new(to, s_organ_read(x));
	json_object_set_new(m, "to", to);
	json_object_set_new(m, "document_id", s_text(mh, "DocumentId"));
	x = s_child(mh, "Code");
	json_object_set_new(m, "code_number", s_text(x, "CodeNumber"));
	json_object_set_new(m, "code_notation", s_text(x, "CodeNotation"));
	num = s_str(m, "code_number");
	if (!s_digits(num)) {
		s_fail(y, "edxml_structure", "Số văn bản (Code/CodeNumber) \"%s\" phải là số%s", num, "");
		json_decref(m); /* after: num is m's */
		return NULL;
	}
	json_object_set_new(m, "number", json_integer(strtoll(num, NULL, 10)));
	snprintf(notation, sizeof notation, "%s/%s", num, s_str(m, "code_notation"));
	json_object_set_new(m, "notation", json_string(notation));
	x = s_child(mh, "PromulgationInfo");
	json_object_set_new(m, "place", s_text(x, "Place"));
	json_object_set_new(m, "date", s_text(x, "PromulgationDate"));
	date = s_str(m, "date");
	if (date_parse(date, &yy, &mo, &dd) != 0) {
		snprintf(notation, sizeof notation, "%s", date);
		json_decref(m);
		return s_fail(y, "edxml_structure", "Ngày ban hành (PromulgationDate) \"%s\" phải có dạng YYYY-MM-DD%s",
		              notation, "");
	}
	x = s_child(mh, "DocumentType");
	json_object_set_new(m, "type", s_text(x, "Type"));
	json_object_set_new(m, "type_name", s_text(x, "TypeName"));
	json_object_set_new(m, "subject", s_text(mh, "Subject"));
	json_object_set_new(m, "content", s_text(mh, "Content"));
	x = s_child(mh, "SignerInfo");
	v = json_pack("{s:o}", "name", s_text(x, "FullName"));
	for (const char *const *k = (const char *const[]){"Competence", "competence", "Position", "position", NULL}; *k; k += 2) {
		json_t *t = s_text(x, k[0]); /* in the package only when given */
		if (*json_string_value(t))
			json_object_set_new(v, k[1], t);
		else
			json_decref(t);
	}
	json_object_set_new(m, "signer", v);
	json_object_set_new(m, "due_date", s_text(mh, "DueDate"));
	x = s_child(mh, "OtherInfo");
	v = s_text(x, "Priority");
	pri = json_string_value(v);
	if (*pri && (!s_digits(pri) || atoi(pri) > 4)) {
		snprintf(notation, sizeof notation, "%s", pri);
		json_decref(v);
		json_decref(m);
		return s_fail(y, "edxml_structure", "Độ khẩn (OtherInfo/Priority) \"%s\" phải là 0 đến 4%s", notation,
		              "");
	}
	json_object_set_new(m, "priority", json_integer(atoi(pri)));
	json_decref(v);
	v = s_text(x, "PageAmount");
	pages = json_string_value(v);
	if (s_digits(pages) && atoi(pages) > 0)
		json_object_set_new(m, "pages", json_integer(atoi(pages)));
	json_decref(v);
	v = s_text(mh, "SteeringType");
	json_object_set_new(m, "steering", json_integer(atoi(json_string_value(v))));
	json_decref(v);
	if (!(v = s_attachments(s_child(root, "edXMLBody"), y))) {
		json_decref(m);
		return NULL;
	}
	json_object_set_new(m, "attachments", v);
	return m;
}

json_t *edxml_read(const char *path, char *err, size_t n, const char **code)
{
	s_why_t y = {err, n, code};
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	json_t *m;

	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char line[32] = "";
		if (e && e->line > 0)
			snprintf(line, sizeof line, " (dòng %d)", e->line);
		snprintf(err, n, "Tệp %s không đọc được hoặc không phải XML hợp lệ%s", path, line);
		*code = "edxml_malformed";
		return NULL;
	}
	m = s_read(doc, &y);
	xmlFreeDoc(doc);
	return m;
}
