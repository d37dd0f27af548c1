/* zap.c — one ZAP request in, one reply out. Identity decided here is the
 * only identity dispatch will believe. */
#include "zap.h"

#include <stdio.h>
#include <string.h>
#include <zmq.h>

#include "clock.h"
#include "log.h"
#include "store/device.h"

#define ZAP_FRAMES 7

static void s_reply(void *zap, const char *version, const char *reqid, const char *status, const char *text,
		    const char *user)
{
	zmq_send(zap, version, strlen(version), ZMQ_SNDMORE);
	zmq_send(zap, reqid, strlen(reqid), ZMQ_SNDMORE);
	zmq_send(zap, status, strlen(status), ZMQ_SNDMORE);
	zmq_send(zap, text, strlen(text), ZMQ_SNDMORE);
	zmq_send(zap, user, strlen(user), ZMQ_SNDMORE);
	zmq_send(zap, "", 0, 0);
}

/* Keys not enrolled connecting: a line for the first of each minute, then
 * how many came in it, so a flood of handshakes is not a flood of lines. */
static void s_log_unknown(const char *addr)
{
	static int64_t minute;
	static long n;
	int64_t now = clock_now() / 60;

	if (now != minute) {
		if (n > 1)
			log_info("zap: %ld more unenrolled keys connected in that minute", n - 1);
		minute = now;
		n = 0;
	}
	if (n++ == 0)
		log_info("zap: unenrolled key connected from %s", addr);
}

void zap_handle(void *zap, store_t *db)
{
	char f[ZAP_FRAMES][128];
	int len[ZAP_FRAMES], n = 0, more = 1;
	size_t ms = sizeof more;
	char key[41] = "", user[64] = "";
	int64_t dev = 0;
	bool revoked = false;

	memset(f, 0, sizeof f);
	while (more) { /* read every frame, keep the first seven */
		char buf[128];
		int r = zmq_recv(zap, buf, sizeof buf - 1, 0);
		if (r < 0)
			return;
		if (n < ZAP_FRAMES) {
			len[n] = r < (int)sizeof buf - 1 ? r : (int)sizeof buf - 1;
			memcpy(f[n], buf, (size_t)len[n]);
			n++;
		}
		zmq_getsockopt(zap, ZMQ_RCVMORE, &more, &ms);
	}
	if (n < 6 || strcmp(f[0], "1.0") != 0) {
		s_reply(zap, "1.0", n > 1 ? f[1] : "", "500", "bad ZAP request", "");
		return;
	}
	if (n != ZAP_FRAMES || strcmp(f[5], "CURVE") != 0 || len[6] != 32) {
		log_warn("zap: refused %s peer from %s", f[5], f[3]);
		s_reply(zap, "1.0", f[1], "400", "CURVE required", "");
		return;
	}
	zmq_z85_encode(key, (const uint8_t *)f[6], 32);
	store_device_by_key(db, key, &dev, &revoked);
	if (revoked) {
		log_warn("zap: refused revoked device %lld from %s", (long long)dev, f[3]);
		s_reply(zap, "1.0", f[1], "400", "device revoked", "");
		return;
	}
	if (dev)
		snprintf(user, sizeof user, "d:%lld", (long long)dev);
	else
		snprintf(user, sizeof user, "k:%s", key);
	if (dev)
		log_info("zap: device connected from %s as %s", f[3], user);
	else
		s_log_unknown(f[3]);
	s_reply(zap, "1.0", f[1], "200", "OK", user);
}
