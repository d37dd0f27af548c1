/* upgrade.h — bringing a database written by an older congvud up to this
 * one's schema as a package upgrade does it: once, all or nothing, after a
 * copy of the old database, while the old daemon may still be serving it. */
#ifndef CONGVU_STORE_UPGRADE_H
#define CONGVU_STORE_UPGRADE_H

#include <stddef.h>

#include "store/store.h"

/* Migrate the database at path from its schema version to
 * store_schema_version(). When there is anything to do, an online backup
 * of it goes to backup first (store_backup); then every missing migration
 * runs in one transaction, so a failure leaves the database exactly as it
 * was (and the daemon still serving it, even the one not yet upgraded,
 * which only waits for the lock). Sets *from to the version found.
 * STORE_OK (nothing to do when *from is already the current version),
 * STORE_NONE when path does not exist, STORE_ERROR with why in msg. */
store_rc_t store_upgrade(const char *path, const char *backup, int *from, char *msg, size_t n);

#endif
