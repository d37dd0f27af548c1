/* fmt.c — server data as people read it: dates the Vietnamese way, role
 * labels instead of role names, and absent strings as empty ones. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "fmt_text.h"
#include "i18n.h"
#include "widgets.h"

const char *tui_tr(const char *s)
{
	const char *tr = gettext(s), *eot;

	if (tr != s)
		return tr;
	eot = strchr(s, '\004');
	return eot ? eot + 1 : s;
}

static long long s_utc_offset;
static bool s_zoned;     /* the server said its offset: times are the province's */
static long long s_skew; /* the server's clock less this terminal's, seconds */

void tui_time_zone(const json_t *me)
{
	const json_t *off = json_object_get(me, "utc_offset"), *now = json_object_get(me, "now");

	if (json_is_integer(off)) {
		s_utc_offset = json_integer_value(off);
		s_zoned = true;
	}
	if (json_is_integer(now))
		s_skew = json_integer_value(now) - (long long)time(NULL);
}

long long tui_now(void)
{
	return (long long)time(NULL) + s_skew;
}

struct tm *tui_today(struct tm *tm)
{
	time_t t = (time_t)(tui_now() + (s_zoned ? s_utc_offset : 0));

	return s_zoned ? gmtime_r(&t, tm) : localtime_r(&t, tm);
}

const char *tui_time(long long when, char *buf, size_t n)
{
	time_t t = (time_t)(when + (s_zoned ? s_utc_offset : 0));
	struct tm tm;

	if (when <= 0 || !(s_zoned ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)))
		buf[0] = 0;
	else
		strftime(buf, n, "%d/%m/%Y %H:%M", &tm);
	return buf;
}

const char *tui_jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

const char *tui_unit_short(const char *name, char *buf, size_t n)
{
	static const char *const long_forms[] = {"Ủy ban nhân dân", "Uỷ ban nhân dân"};
	size_t len = 0;

	buf[0] = 0;
	while (*name && len + 1 < n) {
		size_t k;
		for (k = 0; k < sizeof long_forms / sizeof long_forms[0]; k++)
			if (!strncmp(name, long_forms[k], strlen(long_forms[k])))
				break;
		if (k < sizeof long_forms / sizeof long_forms[0]) {
			len += (size_t)snprintf(buf + len, n - len, "UBND");
			name += strlen(long_forms[k]);
		} else
			buf[len++] = *name++;
		buf[len < n ? len : n - 1] = 0;
	}
	return buf;
}

const char *tui_roles_text(const json_t *roles, char *out, size_t n)
{
	size_t i;
	json_t *r;

	out[0] = 0;
	json_array_foreach(roles, i, r)
	{
		size_t len = strlen(out);
		if (json_is_string(r) && len < n)
			snprintf(out + len, n - len, "%s%s", len ? ", " : "",
			         _(proto_role_label(json_string_value(r))));
	}
	return out;
}

const char *tui_date(const char *iso, char *buf, size_t n)
{
	return fmt_date(iso, buf, n);
}

const char *tui_grouped(long long v, char *buf, size_t n)
{
	return fmt_grouped(v, buf, n);
}

const char *tui_grade(const char *code)
{
	static const struct {
		const char *code, *text;
	} grades[] = {{"early", N_("trước hạn")}, {"on_time", N_("đúng hạn")}, {"late", N_("quá hạn")}};
	for (size_t i = 0; code && i < sizeof grades / sizeof grades[0]; i++)
		if (!strcmp(code, grades[i].code))
			return _(grades[i].text);
	return code ? code : "";
}
