/* fold_fn.c — fold(text) for SQL (fold_fn.h). */
#include "fold_fn.h"

#include <stdlib.h>

#include "text.h"

/* fold(X): NULL for NULL or text that is not UTF-8, else its search key. */
static void s_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *k;

	(void)argc;
	if (!s || !(k = text_fold(s, (size_t)sqlite3_value_bytes(argv[0])))) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, k, -1, free);
}

int fold_fn_attach(sqlite3 *db)
{
	return sqlite3_create_function(db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, s_fold,
	                               NULL, NULL) == SQLITE_OK
	           ? 0
	           : -1;
}
