/* zap.h — the ZeroMQ Authentication Protocol handler (RFC 27), deny by
 * default: enrolled devices get User-Id "d:<id>", unknown keys "k:<key>"
 * (they may only enroll), revoked keys and non-CURVE peers are refused. */
#ifndef CONGVU_ZAP_H
#define CONGVU_ZAP_H

#include "store/store.h"

#define ZAP_ENDPOINT "inproc://zeromq.zap.01"

/* Answer one pending request on the bound REP socket `zap`. */
void zap_handle(void *zap, store_t *db);

#endif
