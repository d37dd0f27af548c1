/* dossier_papers.c — the papers checklist at reception (issue 11): the
 * procedure's `papers` as a list the clerk ticks; a paper whose text says
 * when it applies — "nếu" in parentheses ("(nếu có)", "(xuất trình, nếu
 * …)") or after a comma (", nếu bên nam …") — is conditional ("; nếu không
 * có: …" names an alternative, not a condition), ticked only when
 * it applies; every other paper is required. The papers ticked are kept on
 * the dossier (store/papers.h) and form 01 lists those; a required paper
 * not ticked refuses the reception unless the clerk records it as a
 * request to supplement (dossier.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "store/papers.h"

bool dossier_paper_conditional(const char *paper)
{
	/* ", nếu …" (a condition; "; nếu không có: …" names an alternative) */
	if (strstr(paper, ", n\xE1\xBA\xBFu "))
		return true;
	/* "nếu" inside parentheses: "(nếu có)", "(xuất trình, nếu cha, mẹ đã đăng ký kết hôn)" */
	for (const char *open = strchr(paper, '('); open; open = strchr(open + 1, '(')) {
		const char *close = strchr(open, ')'), *cond = strstr(open, "n\xE1\xBA\xBFu "); /* "nếu " */
		if (cond && (!close || cond < close))
			return true;
	}
	return false;
}

json_t *dossier_checklist_json(const procedure_t *p)
{
	json_t *a = json_array();

	for (unsigned i = 0; i < p->npapers; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:b}", "n", (int)i + 1, "name", p->papers[i],
						   "conditional", dossier_paper_conditional(p->papers[i])));
	return a;
}

proto_err_t dossier_papers_take(srv_ctx_t *c, const procedure_t *p, const json_t *ticked, json_t **handed,
				char *missing, size_t n)
{
	bool have[64] = {false};
	size_t i, len = 0;
	json_t *x;

	*handed = json_array();
	missing[0] = 0;
	json_array_foreach(ticked, i, x)
	{
		const char *s = json_string_value(x);
		char *end = NULL;
		long k = s ? strtol(s, &end, 10) : 0;
		if (!s || end == s || *end || k < 1 || k > (long)p->npapers || k > 64 || have[k - 1]) {
			c->bad_field = "papers";
			snprintf(c->detail, sizeof c->detail,
				 "Giấy tờ \"%s\": ghi số thứ tự trong danh sách của thủ tục, từ 1 đến %u, mỗi số một lần",
				 s ? s : "", p->npapers);
			json_decref(*handed);
			*handed = NULL;
			return E_INVALID;
		}
		have[k - 1] = true;
	}
	for (unsigned k = 0; k < p->npapers && k < 64; k++) {
		if (have[k])
			json_array_append_new(*handed, json_pack("{s:i, s:s}", "n", (int)k + 1, "name", p->papers[k]));
		else if (!dossier_paper_conditional(p->papers[k]) && len < n)
			len += (size_t)snprintf(missing + len, n - len, "%s%u. %s", len ? "; " : "", k + 1, p->papers[k]);
	}
	return E_OK;
}

json_t *dossier_papers_names(store_t *db, const dossier_t *d)
{
	json_t *rows = store_dossier_papers_get(db, d->id), *names = json_array(), *x;
	size_t i;

	json_array_foreach(rows, i, x) json_array_append(names, json_object_get(x, "name"));
	json_decref(rows);
	return names;
}
