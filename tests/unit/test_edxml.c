/* test_edxml.c — client/edxml.c and edxml_cli.c: a package written and
 * read back gives the same metadata (Vietnamese text, markup characters,
 * several recipients, an attachment's bytes); the register body of a
 * package; a malformed file, a foreign root, each required element
 * missing, a number or a date or a priority out of shape, a broken
 * attachment: each refused with its code and a reason naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h> /* after the headers it needs */

#include "edxml.h"
#include "edxml_cli.h"

static char s_dir[] = "/tmp/test-edxml-XXXXXX";

static json_t *s_meta(void)
{
	json_t *x =
	    json_pack("{s:s, s:s, s:{s:s, s:s}, s:[{s:s, s:s}, {s:s, s:s}], s:i, s:s, s:s, s:s, s:s, s:s, s:s, "
	              "s:s, s:{s:s, s:s, s:s}, s:i, s:i}",
	              "code", "DT-2026-00007", "document_id", "000.00.00.H12,2026-12-03,05/QĐ-UBND", "from", "id",
	              "000.00.00.H12", "name", "Ủy ban nhân dân tỉnh Cà Mau", "to", "id", "000.00.15.H12", "name",
	              "Ủy ban nhân dân thành phố Cà Mau", "id", "000.01.15.H12", "name", "Phường 1", "number", 5,
	              "code_notation", "QĐ-UBND", "place", "Cà Mau", "date", "2026-12-03", "type", "quyet_dinh",
	              "type_name", "Quyết định", "subject", "Về việc <thử> & \"kiểm tra\"", "content",
	              "Điều 1. Một.\nĐiều 2. Hai & ba.", "signer", "competence", "KT.", "position", "PHÓ CHỦ TỊCH", "name", "Lê Văn Hùng", "priority", 2,
	              "steering", 0);
	json_t *m = edxml_from_exchange(x);
	json_decref(x);
	return m;
}

static void s_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", s_dir, name);
}

static void test_round_trip(void **state)
{
	json_t *m = s_meta(), *r, *body;
	char path[256], err[512];
	const char *code = NULL;

	(void)state;
	s_path(path, sizeof path, "a.xml");
	assert_int_equal(edxml_write(m, path, err, sizeof err), 0);
	r = edxml_read(path, err, sizeof err, &code);
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "notation")), "05/QĐ-UBND");
	assert_int_equal(json_integer_value(json_object_get(r, "number")), 5);
	static const char *const same[] = {"document_id", "place",   "date",          "type",     "type_name",
	                                   "subject",     "content", "code_notation", "priority", "steering",
	                                   "from",        "to",      "signer",        NULL};
	for (int i = 0; same[i]; i++)
		assert_true(json_equal(json_object_get(m, same[i]), json_object_get(r, same[i])));
	assert_int_equal(json_array_size(json_object_get(r, "attachments")), 1);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(json_object_get(r, "attachments"), 0), "data")),
	    json_string_value(json_object_get(json_array_get(json_object_get(m, "attachments"), 0), "data")));
	assert_int_equal(
	    json_integer_value(json_object_get(json_array_get(json_object_get(r, "attachments"), 0), "bytes")),
	    (json_int_t)strlen("Điều 1. Một.\nĐiều 2. Hai & ba."));
	body = edxml_register_body(r);
	assert_string_equal(json_string_value(json_object_get(body, "sender")), "Ủy ban nhân dân tỉnh Cà Mau");
	assert_string_equal(json_string_value(json_object_get(body, "number")), "05/QĐ-UBND");
	assert_string_equal(json_string_value(json_object_get(body, "urgency")), "thuong_khan");
	assert_string_equal(json_string_value(json_object_get(body, "summary")), "Về việc <thử> & \"kiểm tra\"");
	json_decref(body);
	json_decref(r);
	json_decref(m);
}

/* Write text to name in the directory; read it: NULL expected, with code
 * and a reason containing `says`. */
static void s_refused(const char *text, const char *code, const char *says)
{
	char path[256], err[1024];
	const char *got = NULL;
	FILE *f;

	s_path(path, sizeof path, "bad.xml");
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	assert_null(edxml_read(path, err, sizeof err, &got));
	assert_non_null(got);
	assert_string_equal(got, code);
	if (!strstr(err, says))
		fail_msg("\"%s\" does not say \"%s\"", err, says);
}

/* The written package with `from` replaced by `to` (first occurrence). */
static char *s_package_with(const char *from, const char *to)
{
	json_t *m = s_meta();
	char path[256], err[512], *text, *at, *out;
	long n;
	FILE *f;

	s_path(path, sizeof path, "base.xml");
	assert_int_equal(edxml_write(m, path, err, sizeof err), 0);
	json_decref(m);
	assert_non_null(f = fopen(path, "r"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (!(at = strstr(text, from)))
		fail_msg("the package has no \"%s\"", from);
	out = malloc((size_t)n + strlen(to) + 1);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	free(text);
	return out;
}

static void test_refused(void **state)
{
	static const struct {
		const char *from, *to, *code, *says;
	} cases[] = {
	    {"<edXML:Subject>Về việc &lt;thử&gt; &amp; &quot;kiểm tra&quot;</edXML:Subject>", "", "edxml_structure",
	     "Subject"},
	    {"<edXML:CodeNumber>05</edXML:CodeNumber>", "", "edxml_structure", "CodeNumber"},
	    {"<edXML:CodeNotation>QĐ-UBND</edXML:CodeNotation>", "", "edxml_structure", "CodeNotation"},
	    {"<edXML:PromulgationDate>2026-12-03</edXML:PromulgationDate>", "", "edxml_structure", "PromulgationDate"},
	    {"<edXML:Type>quyet_dinh</edXML:Type>", "<edXML:Type></edXML:Type>", "edxml_structure",
	     "DocumentType/Type"},
	    {"<edXML:OrganName>Ủy ban nhân dân tỉnh Cà Mau</edXML:OrganName>", "", "edxml_structure", "From/OrganName"},
	    {"<edXML:CodeNumber>05</edXML:CodeNumber>", "<edXML:CodeNumber>năm</edXML:CodeNumber>", "edxml_structure",
	     "năm"},
	    {"2026-12-03</edXML:PromulgationDate>", "03/12/2026</edXML:PromulgationDate>", "edxml_structure",
	     "03/12/2026"},
	    {"<edXML:Priority>2</edXML:Priority>", "<edXML:Priority>9</edXML:Priority>", "edxml_structure", "Priority"},
	    {"<edXML:Value>", "<edXML:Value>%%%", "edxml_attachment", "DT-2026-00007.txt"},
	    {"<edXML:MessageHeader>", "<edXML:Header>", "edxml_malformed", "dòng"},
	    {"http://www.mic.gov.vn/TBT/QCVN_102_2016", "urn:other", "edxml_structure", "edXMLEnvelope"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = s_package_with(cases[i].from, cases[i].to);
		s_refused(text, cases[i].code, cases[i].says);
		free(text);
	}
	s_refused("<?xml version=\"1.0\"?><hoso><ma>1</ma></hoso>", "edxml_structure", "edXMLEnvelope");
	s_refused("<edXML:edXMLEnvelope", "edxml_malformed", "XML");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_refused),
	};
	int rc;

	if (!mkdtemp(s_dir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", s_dir);
		if (system(cmd) != 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
