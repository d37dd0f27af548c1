/* figures_chart.c — socio-economic figures as text: sparklines and bars in
 * Unicode block characters (eighths), with an ASCII fallback where they
 * cannot be drawn, and figures written the Vietnamese way. No libm: the
 * client does not link it, and rounding for a screen needs none. */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "figures.h"
#include "widgets.h"

bool tui_fig_ascii(void)
{
	const char *term = getenv("TERM"), *cs = nl_langinfo(CODESET);
	return (term && strcmp(term, "linux") == 0) || !cs || strcasecmp(cs, "UTF-8") != 0;
}

/* Append s to out (n bytes) at *len. */
static void s_cat(char *out, size_t n, size_t *len, const char *s)
{
	size_t l = strlen(s);
	if (*len + l + 1 > n)
		return;
	memcpy(out + *len, s, l + 1);
	*len += l;
}

const char *tui_fig_spark(const json_t *series, bool ascii, char *out, size_t n)
{
	static const char *const blocks[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	static const char *const plain[8] = {"_", ".", "-", ":", "=", "+", "*", "#"};
	double lo = 0, hi = 0;
	bool any = false;
	size_t i, len = 0;
	json_t *v;

	out[0] = 0;
	json_array_foreach(series, i, v)
	{
		double x = json_number_value(v);
		if (!json_is_number(v))
			continue;
		lo = !any || x < lo ? x : lo;
		hi = !any || x > hi ? x : hi;
		any = true;
	}
	json_array_foreach(series, i, v)
	{
		int k = 0;
		if (!json_is_number(v)) {
			s_cat(out, n, &len, " ");
			continue;
		}
		if (hi > lo)
			k = (int)((json_number_value(v) - lo) / (hi - lo) * 7.0 + 0.5);
		else
			k = 3; /* flat: the middle */
		s_cat(out, n, &len, ascii ? plain[k] : blocks[k]);
	}
	return out;
}

const char *tui_fig_bar(double v, double max, int width, bool ascii, char *out, size_t n)
{
	static const char *const part[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int eighths = max > 0 && v > 0 ? (int)(v / max * width * 8 + 0.5) : 0;
	size_t len = 0;

	out[0] = 0;
	if (eighths > width * 8)
		eighths = width * 8;
	for (int i = 0; i < eighths / 8; i++)
		s_cat(out, n, &len, ascii ? "#" : "█");
	if (eighths % 8)
		s_cat(out, n, &len, ascii ? (eighths % 8 >= 4 ? "#" : "") : part[eighths % 8]);
	if (!out[0] && v > 0)
		s_cat(out, n, &len, ascii ? "|" : "▏"); /* something, however small */
	return out;
}

/* x rounded to `scale` (1, 10, 100) parts, half away from zero. */
static long long s_scaled(double x, int scale)
{
	return (long long)(x * scale + (x < 0 ? -0.5 : 0.5));
}

const char *tui_fig_num(const json_t *v, char *out, size_t n)
{
	double x;
	long long sc, ip, frac;
	char grp[40];
	int dec, scale;

	if (!json_is_number(v)) {
		snprintf(out, n, "—");
		return out;
	}
	x = json_number_value(v);
	/* none for whole numbers, two decimals under 10 (a yield), else one */
	dec = s_scaled(x, 100) % 100 == 0 ? 0 : (x < 10 && x > -10) ? 2 : 1;
	scale = dec == 0 ? 1 : dec == 1 ? 10 : 100;
	sc = s_scaled(x, scale);
	ip = sc / scale;
	frac = (sc < 0 ? -sc : sc) % scale;
	tui_grouped(ip, grp, sizeof grp);
	if (dec == 0)
		snprintf(out, n, "%s", grp);
	else
		snprintf(out, n, "%s%s,%0*lld", sc < 0 && ip == 0 ? "-" : "", grp, dec, frac);
	return out;
}

const char *tui_fig_pct(const json_t *v, bool sign, char *out, size_t n)
{
	double x;
	long long tenths;

	if (!json_is_number(v)) {
		snprintf(out, n, "—");
		return out;
	}
	x = json_number_value(v);
	tenths = s_scaled(x < 0 ? -x : x, 10);
	snprintf(out, n, "%s%lld,%lld%%", sign ? (x < 0 ? "-" : "+") : (x < 0 ? "-" : ""), tenths / 10, tenths % 10);
	return out;
}
