/* search_rank.c — search_rank(fts): FTS5's bm25 (k1 1.2, b 0.75) computed
 * on the table's first column only. The built-in bm25 measures a row's
 * length over all its columns, so scope tokens in a second column would
 * shift every score; this one gives exactly the scores bm25 gave before. */
#include "search_rank.h"

#include <math.h>
#include <stdlib.h>

#define K1 1.2
#define B 0.75

/* What one query's rows share: the mean length of column 0 and each
 * phrase's IDF, found when a row first contains the phrase (a phrase
 * only ever matched in other columns costs no count). */
typedef struct {
	int nphrase;
	double avgdl;
	double *idf; /* < 0: not counted yet */
	double *freq;
} s_query_t;

static void s_free(void *p)
{
	s_query_t *q = p;
	free(q->idf);
	free(q->freq);
	free(q);
}

static int s_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)user)++;
	return SQLITE_OK;
}

/* The query's shared data, made on its first row. NULL on error (rc set). */
static s_query_t *s_query(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
	s_query_t *q = api->xGetAuxdata(fts, 0);
	sqlite3_int64 nrow = 0, ntok = 0;

	if (q)
		return q;
	if (!(q = calloc(1, sizeof *q))) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	q->nphrase = api->xPhraseCount(fts);
	q->idf = malloc(sizeof *q->idf * (size_t)(q->nphrase + 1));
	q->freq = malloc(sizeof *q->freq * (size_t)(q->nphrase + 1));
	if (!q->idf || !q->freq) {
		s_free(q);
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	for (int i = 0; i < q->nphrase; i++)
		q->idf[i] = -1;
	if ((*rc = api->xRowCount(fts, &nrow)) == SQLITE_OK)
		*rc = api->xColumnTotalSize(fts, 0, &ntok);
	q->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 0;
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, q, s_free); /* frees q on error */
	return *rc == SQLITE_OK ? q : NULL;
}

/* IDF of phrase i, as bm25 has it: log((N - n + 0.5) / (n + 0.5)), at
 * least 1e-6, n the rows that contain the phrase. */
static int s_idf(const Fts5ExtensionApi *api, Fts5Context *fts, s_query_t *q, int i)
{
	sqlite3_int64 nrow = 0, nhit = 0;
	int rc;

	if (q->idf[i] >= 0)
		return SQLITE_OK;
	if ((rc = api->xRowCount(fts, &nrow)) == SQLITE_OK &&
	    (rc = api->xQueryPhrase(fts, i, &nhit, s_count)) == SQLITE_OK) {
		q->idf[i] = log(((double)nrow - (double)nhit + 0.5) / ((double)nhit + 0.5));
		if (q->idf[i] <= 0.0)
			q->idf[i] = 1e-6;
	}
	return rc;
}

static void s_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	int rc = SQLITE_OK, ninst = 0, ntok = 0;
	s_query_t *q = s_query(api, fts, &rc);
	double score = 0.0, d;

	(void)nval;
	(void)val;
	if (q) {
		for (int i = 0; i < q->nphrase; i++)
			q->freq[i] = 0;
		rc = api->xInstCount(fts, &ninst);
	}
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int ip, ic, io;
		if ((rc = api->xInst(fts, i, &ip, &ic, &io)) == SQLITE_OK && ic == 0)
			q->freq[ip] += 1.0;
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, 0, &ntok);
	d = ntok;
	for (int i = 0; rc == SQLITE_OK && i < q->nphrase; i++)
		if (q->freq[i] > 0 && (rc = s_idf(api, fts, q, i)) == SQLITE_OK)
			score +=
			    q->idf[i] * ((q->freq[i] * (K1 + 1.0)) / (q->freq[i] + K1 * (1 - B + B * d / q->avgdl)));
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -1.0 * score);
	else
		sqlite3_result_error_code(ctx, rc);
}

int search_rank_attach(sqlite3 *db)
{
	fts5_api *fts = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, (void *)&fts, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!fts || fts->iVersion < 2)
		return -1;
	return fts->xCreateFunction(fts, "search_rank", NULL, s_rank, NULL) == SQLITE_OK ? 0 : -1;
}
