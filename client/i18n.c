/* i18n.c — locale and message catalog set-up, and what the client shows of
 * the server's Vietnamese in the UI's language (i18n.h). */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool s_vi = true;

void i18n_init(const char *lang)
{
	const char *dir = getenv("CONGVU_LOCALEDIR");

	if (!setlocale(LC_ALL, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	if (!lang)
		lang = getenv("CONGVU_LANG");
	/* Vietnamese is the source language: no catalog needed. */
	s_vi = !lang || !*lang || strcmp(lang, "vi") == 0;
	setenv("LANGUAGE", s_vi ? "vi" : lang, 1);
	bindtextdomain("congvu", dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("congvu", "UTF-8");
	textdomain("congvu");
}

bool i18n_vietnamese(void)
{
	return s_vi;
}

/* "N ngày", "N giờ", "N phút" in the UI's language (plural forms). */
static const char *s_amount(unsigned long long v, char unit, char *buf, size_t n)
{
	switch (unit) {
	case 'd': snprintf(buf, n, ngettext("%llu ngày", "%llu ngày", v), v); break;
	case 'h': snprintf(buf, n, ngettext("%llu giờ", "%llu giờ", v), v); break;
	default: snprintf(buf, n, ngettext("%llu phút", "%llu phút", v), v); break;
	}
	return buf;
}

const char *i18n_remaining(const char *vi, char *buf, size_t n)
{
	static const char late[] = "quá hạn ", left[] = "còn ";
	unsigned long long a = 0, b = 0;
	char ua[16] = "", ub[16] = "", amount[96], pa[48], pb[48];
	const char *rest;
	bool overdue;
	int k;

	snprintf(buf, n, "%s", vi ? vi : "");
	if (!vi || s_vi)
		return buf;
	if (!strcmp(vi, "đến hạn")) {
		snprintf(buf, n, "%s", _("đến hạn"));
		return buf;
	}
	overdue = !strncmp(vi, late, sizeof late - 1);
	if (!overdue && strncmp(vi, left, sizeof left - 1))
		return buf;
	rest = vi + (overdue ? sizeof late : sizeof left) - 1;
	if (!strcmp(rest, "dưới 1 phút"))
		snprintf(amount, sizeof amount, "%s", _("dưới 1 phút"));
	else if ((k = sscanf(rest, "%llu %15s %llu %15s", &a, ua, &b, ub)) >= 2) {
		/* the units as the server writes them: ngày, giờ, phút */
		char ca = !strcmp(ua, "ngày") ? 'd' : !strcmp(ua, "giờ") ? 'h' : !strcmp(ua, "phút") ? 'm' : 0;
		char cb = k == 4 && !strcmp(ub, "giờ") ? 'h' : 0;
		if (!ca || (k == 4 && !cb) || k == 3)
			return buf;
		s_amount(a, ca, pa, sizeof pa);
		if (cb)
			snprintf(amount, sizeof amount, _("%s %s"), pa, s_amount(b, cb, pb, sizeof pb));
		else
			snprintf(amount, sizeof amount, "%s", pa);
	} else
		return buf;
	snprintf(buf, n, overdue ? _("quá hạn %s") : _("còn %s"), amount);
	return buf;
}

const char *i18n_detail(const char *detail)
{
	return detail && *detail && !s_vi ? _(detail) : detail;
}

/* Keys whose values are the server's words, shown as they are named in
 * the catalog (the workflows' state names, actions' labels, priorities). */
static const char *const s_words[] = {"state_name", "to_state_name", "label", "priority_name", "kind_name"};

static bool s_is_word(const char *key)
{
	for (size_t i = 0; i < sizeof s_words / sizeof s_words[0]; i++)
		if (!strcmp(key, s_words[i]))
			return true;
	return false;
}

static void s_translate(json_t *v, const char *key);

/* One of the server's words under key in the UI's language (new reference). */
static json_t *s_word(const char *key, const char *s)
{
	char buf[160];
	return json_string(!strcmp(key, "remaining") ? i18n_remaining(s, buf, sizeof buf) : _(s));
}

/* Compact rows ({cols, rows, words}, shared/rowset.h): a column of the
 * server's words translated in its rows, or ("@key") in the words its rows
 * index (each once). */
static void s_rows(json_t *o)
{
	json_t *cols = json_object_get(o, "cols"), *rows = json_object_get(o, "rows"), *words = json_object_get(o, "words");
	json_t *row, *col, *done = json_object();
	size_t c, i;

	json_array_foreach(cols, c, col)
	{
		const char *name = json_string_value(col), *key = name && *name == '@' ? name + 1 : name;
		if (!key || (!s_is_word(key) && strcmp(key, "remaining") != 0))
			continue;
		json_array_foreach(rows, i, row)
		{
			json_t *v = json_array_get(row, c);
			if (key != name && json_is_integer(v)) { /* a word: translate it once */
				char at[24];
				json_t *w = json_array_get(words, (size_t)json_integer_value(v));
				snprintf(at, sizeof at, "%lld", (long long)json_integer_value(v));
				if (json_is_string(w) && !json_object_get(done, at)) {
					json_array_set_new(words, (size_t)json_integer_value(v), s_word(key, json_string_value(w)));
					json_object_set_new(done, at, json_true());
				}
			} else if (json_is_string(v))
				json_array_set_new(row, c, s_word(key, json_string_value(v)));
		}
	}
	json_decref(done);
}

static void s_object(json_t *o)
{
	const char *k;
	json_t *v;
	void *tmp;
	/* a procedure's field definition keeps its words: the TUI keeps them
	 * on disk for the next session, whatever its language */
	bool def = json_object_get(o, "type") && json_object_get(o, "name");

	json_object_foreach_safe(o, tmp, k, v)
	{
		if (def && json_is_string(v))
			continue;
		if (json_is_string(v) && (s_is_word(k) || !strcmp(k, "remaining")))
			json_object_set_new(o, k, s_word(k, json_string_value(v)));
		else if (!strcmp(k, "rows") && json_is_array(json_object_get(o, "cols")))
			continue; /* s_rows, once the other keys are done */
		else if (!strcmp(k, "unit_name") && json_is_string(v) && json_object_get(o, "unit") &&
			   !*json_string_value(json_object_get(o, "unit"))) /* a report's total */
			json_object_set_new(o, k, json_string(_(json_string_value(v))));
		else if (!strcmp(k, "states") && json_is_object(v)) { /* compact rows: state code -> name */
			const char *sk;
			json_t *sv;
			json_object_foreach(v, sk, sv) if (json_is_string(sv))
				json_string_set(sv, _(json_string_value(sv)));
		} else
			s_translate(v, k);
	}
	if (json_is_array(json_object_get(o, "cols")) && json_is_array(json_object_get(o, "rows")))
		s_rows(o);
}

static void s_translate(json_t *v, const char *key)
{
	size_t i;
	json_t *x;

	(void)key;
	if (json_is_object(v))
		s_object(v);
	else if (json_is_array(v))
		json_array_foreach(v, i, x) s_translate(x, NULL);
}

void i18n_reply(json_t *body)
{
	if (body && !s_vi)
		s_translate(body, NULL);
}
