/* notify.c — sd_notify for systemd's Type=notify: READY=1 once congvud
 * listens, RELOADING=1 around a SIGHUP reload, STOPPING=1 when it stops.
 * Without libsystemd (or without $NOTIFY_SOCKET) congvud runs the same. */
#include "notify.h"

#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

void notify_state(const char *state)
{
#ifdef HAVE_LIBSYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}
