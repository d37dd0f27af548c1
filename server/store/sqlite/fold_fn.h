/* fold_fn.h — fold(text) in SQL: the search key of text_fold() (lowercase,
 * no tone or vowel marks, đ as d), so a query can match words typed
 * without diacritics against a column kept with them. */
#pragma once
#include <sqlite3.h>

/* Make fold(X) known to db (deterministic, innocuous: usable wherever
 * trusted_schema=OFF allows). 0, or -1 when SQLite refuses it. */
int fold_fn_attach(sqlite3 *db);
