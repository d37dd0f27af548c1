/* audit.h — the audit trail: one row per state change, each chained to the
 * one before by BLAKE2b, so an edited, inserted or deleted row breaks the
 * chain and `congvud admin DIR audit verify` says where. */
#ifndef CONGVU_AUDIT_H
#define CONGVU_AUDIT_H

#include "srv.h"

/* Append a row for c's actor inside the caller's transaction. detail is
 * stolen (NULL for none). 0 on success; on failure -1 and
 * c->audit_failed set, so srv_dispatch rolls the request back (an E_INTERNAL)
 * even when the caller goes on as if the row were written. */
int audit_log(srv_ctx_t *c, const char *action, const char *object, json_t *detail);

/* Walk the whole chain. Returns 0 when intact (count in *rows); -1 with the
 * first bad row id in *bad (0 when the end of the chain was cut). */
int audit_verify(store_t *db, int64_t *rows, int64_t *bad);

#endif
