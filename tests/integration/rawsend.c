/* rawsend.c — a deliberately misbehaving client for integration tests: it
 * speaks raw ZeroMQ with CURVE to a real congvud and sends what the real
 * client never would (garbage, oversized or multi-part frames, unknown
 * messages, the same request twice across a reconnection), printing what
 * came back as one line per frame: "reply|error|event TYPE CODE".
 *
 * rawsend ENDPOINT SERVER_KEY KEYFILE|- MODE [ARG...]
 *   KEYFILE: a device.key written by `congvu enroll` (acts as that device),
 *   or "-" for a fresh, unenrolled key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "keys.h"
#include "proto.h"

static void *s_connect(void *ctx, const char *ep, const char *server, const keypair_t *kp)
{
	void *s = zmq_socket(ctx, ZMQ_DEALER);
	int linger = 0;
	zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, server, 40);
	zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, kp->pub, 40);
	zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, kp->sec, 40);
	zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
	zmq_connect(s, ep);
	return s;
}

/* Print the next frame within ms, or "timeout". Returns the raw bytes
 * (caller frees) for comparisons. */
static char *s_print(void *s, int ms, size_t *len)
{
	zmq_pollitem_t it = {s, 0, ZMQ_POLLIN, 0};
	zmq_msg_t m;
	proto_frame_t f;
	char *copy = NULL;
	static const char *kinds[] = {"request", "reply", "error", "event"};

	if (zmq_poll(&it, 1, ms) <= 0) {
		printf("timeout\n");
		return NULL;
	}
	zmq_msg_init(&m);
	zmq_msg_recv(&m, s, 0);
	if (proto_decode(zmq_msg_data(&m), zmq_msg_size(&m), &f) != E_OK)
		printf("undecodable\n");
	else {
		const char *code = json_string_value(json_object_get(f.body, "code"));
		printf("%s %d %s %llu\n", kinds[f.kind], f.type, code ? code : "-", (unsigned long long)f.id);
		proto_frame_clear(&f);
	}
	*len = zmq_msg_size(&m);
	copy = malloc(*len);
	memcpy(copy, zmq_msg_data(&m), *len);
	zmq_msg_close(&m);
	return copy;
}

static void s_send_msg(void *s, proto_msg_t type, uint64_t id, json_t *body)
{
	size_t len;
	void *buf = proto_encode(K_REQUEST, type, id, body, &len);
	zmq_send(s, buf, len, 0);
	free(buf);
	json_decref(body);
}

#define FLOOD_WINDOW 16 /* requests in flight */

/* task.comment n times on task `code` as fast as the server takes them,
 * each text about 1 KB (a thread that would outgrow a frame if shown
 * whole); events pushed meanwhile are skipped, a `busy` answer is sent
 * again. Prints "comments N", N the comments stored; 0 when all were. */
static int s_comments(void *s, const char *code, int n)
{
	uint64_t id = (uint64_t)time(NULL) << 20; /* not an id this device used before */
	int sent = 0, done = 0, inflight = 0;
	char text[1100];

	while (done < n) {
		zmq_pollitem_t it = {s, 0, ZMQ_POLLIN, 0};
		zmq_msg_t m;
		proto_frame_t f;
		const char *err;

		for (; inflight < FLOOD_WINDOW && sent < n; sent++, inflight++) {
			int len = snprintf(text, sizeof text, "Ý kiến số %d: ", sent + 1);
			memset(text + len, 'x', 1000);
			text[len + 1000] = 0;
			s_send_msg(s, MSG_task_comment, id++, json_pack("{s:s, s:s}", "code", code, "text", text));
		}
		if (zmq_poll(&it, 1, 10000) <= 0)
			break;
		zmq_msg_init(&m);
		zmq_msg_recv(&m, s, 0);
		if (proto_decode(zmq_msg_data(&m), zmq_msg_size(&m), &f) != E_OK) {
			zmq_msg_close(&m);
			break;
		}
		zmq_msg_close(&m);
		err = json_string_value(json_object_get(f.body, "code"));
		if (f.kind == K_REPLY)
			done++;
		else if (f.kind == K_ERROR && err && !strcmp(err, "busy"))
			sent--;
		else if (f.kind == K_ERROR) {
			printf("error %s\n", err ? err : "-");
			proto_frame_clear(&f);
			break;
		}
		inflight -= f.kind != K_EVENT;
		proto_frame_clear(&f);
	}
	printf("comments %d\n", done);
	return done == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	keypair_t kp;
	void *ctx, *s;
	const char *mode;
	size_t len = 0, len2;
	char *a = NULL, *b = NULL;
	int rc = 0;

	if (argc < 5) {
		fprintf(stderr, "usage: rawsend ENDPOINT SERVER_KEY KEYFILE|- MODE [ARG...]\n");
		return 64;
	}
	mode = argv[4];
	if (strcmp(argv[3], "-") == 0 ? keys_generate(&kp) : keys_load(&kp, argv[3])) {
		fprintf(stderr, "rawsend: no key\n");
		return 66;
	}
	ctx = zmq_ctx_new();
	s = s_connect(ctx, argv[1], argv[2], &kp);
	if (!strcmp(mode, "garbage")) {
		zmq_send(s, "\xc1\xff\x00garbage", 10, 0);
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "badutf8")) { /* a valid frame whose string is not UTF-8 */
		static const unsigned char f[] = {0x94, 0x00, 0x02, 0x07, 0x81, 0xa7, 'p', 'a', 'y', 'l', 'o', 'a', 'd',
						  0xa2, 0xc3, 0x28};
		zmq_send(s, f, sizeof f, 0);
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "multipart")) {
		zmq_send(s, "a", 1, ZMQ_SNDMORE);
		zmq_send(s, "b", 1, 0);
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "unknown")) {
		s_send_msg(s, (proto_msg_t)9999, 5, NULL);
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "oversized")) { /* over ZMQ_MAXMSGSIZE: the server drops the link */
		size_t n = PROTO_MAX_FRAME + 1024;
		char *big = calloc(1, n);
		zmq_send(s, big, n, 0);
		free(big);
		free(s_print(s, 3000, &len));
	} else if (!strcmp(mode, "oldhello")) { /* a client from another protocol version */
		s_send_msg(s, MSG_hello, 6, json_pack("{s:i}", "version", PROTO_VERSION + 1));
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "whoami")) {
		s_send_msg(s, MSG_whoami, 7, NULL);
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "admin")) {
		s_send_msg(s, MSG_user_list, 8, NULL);
		free(s_print(s, 5000, &len));
	} else if (!strcmp(mode, "retry")) {
		/* the same write twice, the second over a new connection, as a
		 * client does after a dropped link: one effect, one reply */
		json_t *body = json_pack("{s:s, s:s, s:s, s:[s]}", "username", "retry.test", "name", "Thử Lại",
					 "unit", "000.00.00.H12", "roles", "clerk");
		s_send_msg(s, MSG_user_add, 424242, json_incref(body));
		a = s_print(s, 5000, &len);
		zmq_close(s);
		s = s_connect(ctx, argv[1], argv[2], &kp);
		s_send_msg(s, MSG_user_add, 424242, body);
		b = s_print(s, 5000, &len2);
		printf("%s\n", a && b && len == len2 && !memcmp(a, b, len) ? "same-reply" : "different-reply");
	} else if (!strcmp(mode, "comments") && argc == 7) { /* comments CODE N */
		rc = s_comments(s, argv[5], atoi(argv[6]));
	} else if (!strcmp(mode, "show") && argc == 6) { /* show CODE: task.show and the size of its reply */
		s_send_msg(s, MSG_task_show, 9, json_pack("{s:s}", "code", argv[5]));
		free(s_print(s, 10000, &len));
		printf("bytes %zu\n", len);
	} else {
		fprintf(stderr, "rawsend: unknown mode %s\n", mode);
		return 64;
	}
	free(a);
	free(b);
	zmq_close(s);
	zmq_ctx_term(ctx);
	return rc;
}
