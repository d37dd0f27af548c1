/* config.h — where the client keeps things, per the XDG base directories:
 * $XDG_CONFIG_HOME/congvu/ (default ~/.config/congvu/) holds the device key
 * pair (device.key 0600, device.key.pub) and server.json (endpoint and the
 * pinned server key); $XDG_STATE_HOME/congvu/ (default ~/.local/state/congvu/)
 * holds state such as the last user name; $XDG_CACHE_HOME/congvu/ (default
 * ~/.cache/congvu/) what the TUI need not ask the server again. */
#ifndef CONGVU_CLIENT_CONFIG_H
#define CONGVU_CLIENT_CONFIG_H

#include <stddef.h>

#include "conn.h"

/* Directory paths (created 0700 on demand when create is set). 0 on success. */
int config_dir(char *out, size_t n, int create);
int state_dir(char *out, size_t n, int create);
/* $XDG_CACHE_HOME/congvu (default ~/.cache/congvu): what may be lost. */
int cache_dir(char *out, size_t n, int create);

/* Load the enrolled configuration. 0 on success; -1 when this device is not
 * enrolled yet; -2 when the key file is readable by others (refused). A
 * Vietnamese reason goes into err. */
int config_load(conn_cfg_t *cfg, char *err, size_t n);

/* Save endpoint and server key (server.json). The key pair is saved by the
 * enroll command with keys_save(). 0 on success. */
int config_save_server(const conn_cfg_t *cfg);

/* Remember / recall the last user name that logged in on this device. */
void state_set_last_user(const char *user);
int state_last_user(char *out, size_t n);

#endif
