/* search_rank.h — the relevance of a search match: bm25 over the folded
 * text alone, so the scope tokens kept beside it in the search index
 * (0007) change neither which dossiers match nor in what order. */
#pragma once
#include <sqlite3.h>

/* Make search_rank(dossier_search) known to db's FTS5 tables. 0, or -1
 * when FTS5 is missing. */
int search_rank_attach(sqlite3 *db);
