/* guard.h — what congvud spends on peers it does not know. Requests of keys
 * that are not enrolled are admitted by token buckets, per key and per
 * address, before any database work; their failures are counted in memory
 * and written as one audit row per minute, not a row each. */
#ifndef CONGVU_GUARD_H
#define CONGVU_GUARD_H

#include <stdbool.h>
#include <stdint.h>

#include "srv.h"

/* May principal (a "k:<key>" of a key not enrolled) at address addr send
 * one more request at now_ms? Spends a token of the key's bucket and of the
 * address's (cfg->anon_per_minute, cfg->anon_per_minute_addr; each bucket
 * holds a minute's worth). A refusal is counted for the next summary. */
bool guard_admit(const srv_config_t *cfg, const char *principal, const char *addr, int64_t now_ms);

/* Count a failure of kind `action` (an audit action such as "enroll.fail")
 * from addr, for the next summary row instead of a row of its own. */
void guard_failed(const char *action, const char *addr);

/* When the next summary is due (unix seconds; 0 when nothing is counted). */
int64_t guard_next_flush(void);

/* Write the summary of what was counted since the last one, if its minute
 * is over (or now, when force: the daemon stops): one audit row per action,
 * with the count and the addresses seen most, and one log line. Returns the
 * rows written, -1 on error (the counts are kept for the next try). */
int guard_flush(srv_ctx_t *c, bool force);

#endif
