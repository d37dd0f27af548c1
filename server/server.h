/* server.h — the daemon's commands: init a data directory, serve it, and
 * administer it from the console. Each returns a sysexits status. */
#ifndef CONGVU_SERVER_H
#define CONGVU_SERVER_H

#include "srv.h"

/* Open DIR: check permissions, load config and keys, open the database.
 * On success fills cfg and *db and returns 0; else prints why and returns a
 * sysexits status. */
int server_open(const char *dir, srv_config_t *cfg, store_t **db);

/* DIR/name into out (n bytes): 0, or -1 when it does not fit. */
int server_path(char *out, size_t n, const char *dir, const char *name);

/* Take DIR/congvud.lock, held by serve for its lifetime and by restore
 * while it swaps the database: the descriptor, or -1 when another
 * process holds it (or it cannot be opened). */
int server_lock(const char *dir);

int server_init(int argc, char **argv);
int server_serve(int argc, char **argv);
int server_admin(int argc, char **argv);
/* `congvud forms check DIR`: validate procedures, workflows and calendar. */
int server_forms_check(int argc, char **argv);

#endif
