/* render.c — human and JSON output of replies for both CLIs. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* A scalar as text into buf. */
static const char *s_scalar(const json_t *v, char *buf, size_t n)
{
	switch (json_typeof(v)) {
	case JSON_STRING: return json_string_value(v);
	case JSON_INTEGER: snprintf(buf, n, "%lld", (long long)json_integer_value(v)); return buf;
	case JSON_REAL: snprintf(buf, n, "%g", json_real_value(v)); return buf;
	case JSON_TRUE: return "có";
	case JSON_FALSE: return "không";
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

static void s_pad(FILE *f, const char *s, int width)
{
	fputs(s, f);
	for (int w = text_width(s); w < width; w++)
		fputc(' ', f);
}

static void s_table(FILE *f, const json_t *rows)
{
	const json_t *first = json_array_get(rows, 0);
	const char *k;
	json_t *v, *row;
	size_t ncol = json_object_size(first), c, i;
	int *w = calloc(ncol ? ncol : 1, sizeof *w);
	char buf[512];

	c = 0;
	json_object_foreach((json_t *)first, k, v) w[c++] = text_width(k);
	json_array_foreach(rows, i, row)
	{
		c = 0;
		json_object_foreach((json_t *)first, k, v)
		{
			int x = text_width(s_scalar(json_object_get(row, k), buf, sizeof buf));
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
}

void render_reply(FILE *f, const json_t *reply, bool as_json)
{
	const char *k;
	json_t *v;
	char buf[512];

	if (as_json) {
		json_dumpf(reply, f, JSON_COMPACT | JSON_ENCODE_ANY);
		fputc('\n', f);
		return;
	}
	json_object_foreach((json_t *)reply, k, v)
	{
		if (json_is_array(v) && json_is_object(json_array_get(v, 0))) {
			s_table(f, v);
			continue;
		}
		fprintf(f, "%s: %s\n", k, s_scalar(v, buf, sizeof buf));
	}
}
