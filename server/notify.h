/* notify.h — telling a service manager how congvud is: systemd's
 * sd_notify when congvud runs as a Type=notify unit, nothing otherwise. */
#ifndef CONGVU_NOTIFY_H
#define CONGVU_NOTIFY_H

/* Send state ("READY=1", "STOPPING=1", "RELOADING=1", "STATUS=...") to
 * $NOTIFY_SOCKET; a no-op when it is unset or libsystemd was not built in. */
void notify_state(const char *state);

#endif
