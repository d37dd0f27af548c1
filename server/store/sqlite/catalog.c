/* catalog.c — the SQLite driver's catalog (store/catalog.h): table
 * calendar_changes, the generation in meta. */
#include "store/catalog.h"

#include <string.h>

#include "db.h"

int64_t store_catalog_generation(store_t *s)
{
	return db_int(s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='catalog_generation'", 0, "");
}

store_rc_t store_catalog_generation_set(store_t *s, int64_t gen)
{
	return db_rc(db_exec(s, "INSERT OR REPLACE INTO meta(key, value) VALUES('catalog_generation', ?)", "i", gen));
}

store_rc_t store_calendar_change(store_t *s, const char *date, bool remove, const char *name, int64_t changed)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO calendar_changes(date, action, name, changed) VALUES(?,?,?,?)";
	return db_rc(db_exec(s, sql, "sssi", date, remove ? "remove" : "add", name, changed));
}

store_rc_t store_calendar_changes(store_t *s, void (*each)(void *arg, const char *date, bool remove, const char *name),
                                  void *arg)
{
	sqlite3_stmt *st = db_q(s, "SELECT date, action, name FROM calendar_changes ORDER BY changed", "");
	int rc = SQLITE_ERROR;

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		each(arg, (const char *)sqlite3_column_text(st, 0),
		     strcmp((const char *)sqlite3_column_text(st, 1), "add") != 0,
		     (const char *)sqlite3_column_text(st, 2));
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}
