/* dashboard.h — the home screen's figures of a leader or supervisor. */
#pragma once
#include "srv.h"

/* Add the dashboard's figures (as the `dashboard` request answers them)
 * to a session reply (login, whoami) when c's official has a dashboard
 * and no forced password change: the home screen needs no round trip of
 * its own on a slow link. Nothing is added when a figure fails. */
void dashboard_attach(srv_ctx_t *c, json_t *reply);
