/* conns.h — the TCP connections the ROUTER socket holds, watched through
 * its socket monitor and counted in total and per address, each under its
 * cap, so that idle raw sockets can neither use up the daemon's file
 * descriptors nor crowd out the officials. */
#ifndef CONGVU_CONNS_H
#define CONGVU_CONNS_H

#include "srv.h"

/* Raise the descriptor limit as far as allowed, fit the caps under it
 * (cfg's max_connections may be lowered, with a log line), and start
 * monitoring router's connections. 0, or -1 when the monitor could not
 * be made. */
int conns_start(void *ctx, void *router, srv_config_t *cfg);

/* The monitor socket to poll for ZMQ_POLLIN; NULL before conns_start. */
void *conns_socket(void);

/* Read the monitor's events: count each accepted connection and shut down
 * at once one past a cap; forget the closed ones. */
void conns_handle(void);

/* Forget connections closed without an event reaching us. Returns how
 * many. */
int conns_sweep(void);

/* Connections open now. */
int conns_count(void);

void conns_stop(void);

#endif
