/* dossier_fee.c — the fee a dossier owes, computed by its procedure's rule
 * (forms/procedures: `fee` flat, `fee_rule` per page and per copy with a
 * cap for chứng thực under TT 226/2016/TT-BTC, `fee_exempt` with its legal
 * ground), with the arithmetic in words for the receipt. */
#include "dossier.h"

#include <stdio.h>
#include <stdlib.h>

#include "print.h"

/* The number field `name` of the declaration (≥ 1; 1 when absent). */
static int64_t s_count(const json_t *fields, const char *name)
{
	const char *v = name ? json_string_value(json_object_get(fields, name)) : NULL;
	long long n = v ? atoll(v) : 1;
	return n < 1 ? 1 : n;
}

int64_t dossier_fee(const procedure_t *p, const json_t *fields, char *how, size_t n)
{
	const form_fee_rule_t *r = p->fee_rule;
	char a[32], b[32], c[32], d[32], e[48];

	if (p->fee_exempt) {
		snprintf(how, n, "Miễn (%s)", p->fee_exempt);
		return 0;
	}
	if (!r) {
		if (p->fee)
			snprintf(how, n, "%s đồng", print_money(p->fee, a, sizeof a));
		else
			snprintf(how, n, "Không thu");
		return p->fee;
	}
	{
		int64_t pages = s_count(fields, r->pages), copies = s_count(fields, r->copies);
		int64_t first = r->from_page > 1 && pages >= r->from_page ? r->from_page - 1 : pages, rest = pages - first;
		int64_t one = first * r->per_page + rest * r->then, total;
		int capped = r->cap && one > r->cap;

		if (capped) {
			char raw[32];
			snprintf(e, sizeof e, "%s, tối đa ", print_money(one, raw, sizeof raw));
			one = r->cap;
		} else
			e[0] = 0;
		total = one * copies;
		if (rest)
			snprintf(how, n, "%s đồng (%lld trang × %s + %lld trang × %s = %s%s đồng/bản; %lld bản)",
				 print_money(total, a, sizeof a), (long long)first, print_money(r->per_page, b, sizeof b),
				 (long long)rest, print_money(r->then, c, sizeof c), e, print_money(one, d, sizeof d),
				 (long long)copies);
		else
			snprintf(how, n, "%s đồng (%lld trang × %s = %s%s đồng/bản; %lld bản)", print_money(total, a, sizeof a),
				 (long long)first, print_money(r->per_page, b, sizeof b), e, print_money(one, d, sizeof d),
				 (long long)copies);
		return total;
	}
}
