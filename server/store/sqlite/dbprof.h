/* dbprof.h — per-statement database time for benchmarks (CONGVU_SQL_PROFILE). */
#pragma once
#include <sqlite3.h>

/* Count db's statements if CONGVU_SQL_PROFILE is set; else nothing. */
void dbprof_attach(sqlite3 *db);
/* Write the table to the file CONGVU_SQL_PROFILE names (if set). */
void dbprof_report(void);
