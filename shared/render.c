/* render.c — human and JSON output of replies for both CLIs. Whatever
 * came from the server is printed through text_escape: a control or bidi
 * character (old rows may hold them) shows as a visible escape and never
 * reaches the terminal raw, in tables, CSV and JSON alike. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* How true and false read (render_words). */
static const char *s_yes = "có", *s_no = "không";

void render_words(const char *yes, const char *no)
{
	s_yes = yes;
	s_no = no;
}

/* A scalar as text into buf. */
static const char *s_scalar(const json_t *v, char *buf, size_t n)
{
	if (!v) /* a column this row has no value in */
		return "";
	switch (json_typeof(v)) {
	case JSON_STRING: return json_string_value(v);
	case JSON_INTEGER: snprintf(buf, n, "%lld", (long long)json_integer_value(v)); return buf;
	case JSON_REAL: snprintf(buf, n, "%g", json_real_value(v)); return buf;
	case JSON_TRUE: return s_yes;
	case JSON_FALSE: return s_no;
	case JSON_NULL: return "-";
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		size_t i = 0;
		json_t *x;
		buf[0] = 0;
		if (json_is_array(v)) { /* a list of strings reads best comma-separated */
			json_array_foreach(v, i, x) if (json_is_string(x))
			{
				if (buf[0])
					strncat(buf, ",", n - strlen(buf) - 1);
				strncat(buf, json_string_value(x), n - strlen(buf) - 1);
			}
			if (buf[0] || json_array_size(v) == 0) {
				free(s);
				return buf;
			}
		}
		snprintf(buf, n, "%s", s ? s : "?");
		free(s);
		return buf;
	}
	}
}

/* Print s as text_escape(s, flags) shows it, then blanks up to width
 * columns. Returns the columns the text took. */
static int s_put(FILE *f, const char *s, unsigned flags, int width)
{
	char *shown = text_escape(s, flags);
	int w = shown ? text_width(shown) : 1;

	fputs(shown ? shown : "?", f);
	free(shown);
	for (int x = w; x < width; x++)
		fputc(' ', f);
	return w;
}

/* The columns s takes once escaped. */
static int s_width(const char *s)
{
	char *shown = text_escape(s, 0);
	int w = shown ? text_width(shown) : 1;

	free(shown);
	return w;
}

static void s_pad(FILE *f, const char *s, int width)
{
	s_put(f, s, 0, width);
}

/* A table of rows (objects): a column per key, in the order keys first
 * appear (a row may leave out a value: the cell is empty). */
static void s_table(FILE *f, const json_t *rows)
{
	json_t *first = json_object(); /* the columns: every key, once */
	const char *k;
	json_t *v, *row;
	size_t ncol, c, i;
	int *w;
	char buf[512];

	json_array_foreach(rows, i, row) json_object_foreach((json_t *)row, k, v) json_object_set(first, k, json_null());
	ncol = json_object_size(first);
	w = calloc(ncol ? ncol : 1, sizeof *w);

	c = 0;
	json_object_foreach((json_t *)first, k, v) w[c++] = s_width(k);
	json_array_foreach(rows, i, row)
	{
		c = 0;
		json_object_foreach((json_t *)first, k, v)
		{
			int x = s_width(s_scalar(json_object_get(row, k), buf, sizeof buf));
			if (x > w[c])
				w[c] = x;
			c++;
		}
	}
	c = 0;
	json_object_foreach((json_t *)first, k, v)
	{
		s_pad(f, k, c + 1 < ncol ? w[c] + 2 : 0);
		c++;
	}
	fputc('\n', f);
	json_array_foreach(rows, i, row)
	{
		c = 0;
		json_object_foreach((json_t *)first, k, v)
		{
			s_pad(f, s_scalar(json_object_get(row, k), buf, sizeof buf), c + 1 < ncol ? w[c] + 2 : 0);
			c++;
		}
		fputc('\n', f);
	}
	free(w);
	json_decref(first);
}

/* One CSV cell (RFC 4180): escaped as on screen but for LF, which a
 * quoted cell may hold; quoted when it holds a comma, a quote or a LF. */
static void s_csv_cell(FILE *f, const char *raw)
{
	char *s = text_escape(raw, TEXT_ESC_KEEP_LF);

	if (!s || !strpbrk(s, ",\"\n")) {
		fputs(s ? s : "?", f);
		free(s);
		return;
	}
	fputc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
	free(s);
}

/* reply as one compact JSON line. jansson escapes C0 controls but leaves
 * DEL, C1, the bidi controls and U+2028/U+2029 raw; outside strings a
 * compact dump is ASCII, so escaping the whole dump as \uXXXX is exact. */
static void s_json(FILE *f, const json_t *reply)
{
	char *dump = json_dumps(reply, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
	char *shown = dump ? text_escape(dump, TEXT_ESC_JSON) : NULL;

	if (shown)
		fputs(shown, f);
	fputc('\n', f);
	free(shown);
	free(dump);
}

static void s_csv(FILE *f, const json_t *reply)
{
	const char *k;
	json_t *v, *rows = NULL, *row, *one = NULL;
	size_t i;
	char buf[512];

	json_object_foreach((json_t *)reply, k, v) if (!rows && json_is_array(v)) rows = v;
	if (!rows) /* a single record: one row */
		rows = one = json_pack("[O]", reply);
	row = json_array_get(rows, 0);
	i = 0;
	json_object_foreach(row, k, v)
	{
		fputs(i++ ? "," : "", f);
		s_csv_cell(f, k);
	}
	fputs("\r\n", f);
	json_array_foreach(rows, i, row)
	{
		size_t c = 0;
		json_object_foreach(json_array_get(rows, 0), k, v)
		{
			fputs(c++ ? "," : "", f);
			s_csv_cell(f, s_scalar(json_object_get(row, k) ? json_object_get(row, k) : json_null(), buf, sizeof buf));
		}
		fputs("\r\n", f);
	}
	json_decref(one);
}

void render_reply(FILE *f, const json_t *reply, render_mode_t mode)
{
	const char *k;
	json_t *v;
	char buf[512];

	if (mode == RENDER_CSV) {
		s_csv(f, reply);
		return;
	}
	if (mode == RENDER_JSON) {
		s_json(f, reply);
		return;
	}
	json_object_foreach((json_t *)reply, k, v)
	{
		if (json_is_array(v) && json_is_object(json_array_get(v, 0))) {
			s_table(f, v);
			continue;
		}
		if (json_is_object(v)) { /* a nested record: its fields, indented */
			const char *k2;
			json_t *v2;
			s_put(f, k, 0, 0);
			fputs(":\n", f);
			json_object_foreach(v, k2, v2)
			{
				fputs("  ", f);
				s_put(f, k2, 0, 0);
				fputs(": ", f);
				s_put(f, s_scalar(v2, buf, sizeof buf), 0, 0);
				fputc('\n', f);
			}
			continue;
		}
		s_put(f, k, 0, 0);
		if (json_is_string(v) && strchr(json_string_value(v), '\n')) { /* a document: its lines */
			fputs(":\n", f);
			s_put(f, json_string_value(v), TEXT_ESC_KEEP_LF, 0);
		} else {
			fputs(": ", f);
			s_put(f, s_scalar(v, buf, sizeof buf), 0, 0);
		}
		fputc('\n', f);
	}
}
