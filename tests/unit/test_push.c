/* test_push.c — server/push.c's peer table on real loopback TCP sockets:
 * a peer is remembered while its connection lives and forgotten by the
 * sweep once it is gone; a request whose connection closed before it was
 * served leaves no entry (before, such an entry had no address and was
 * never swept: the peer table grew with every client that asked once and
 * hung up); a reused descriptor is not taken for the old connection. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "push.h"

static int s_listener(struct sockaddr_in *a)
{
	socklen_t n = sizeof *a;
	int l = socket(AF_INET, SOCK_STREAM, 0);

	*a = (struct sockaddr_in){.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(l, (struct sockaddr *)a, sizeof *a), 0);
	assert_int_equal(listen(l, 8), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)a, &n), 0);
	return l;
}

/* One accepted connection: *client is the client's end, the accepted fd
 * (the server's, as libzmq's would be) is returned. */
static int s_connect(int l, const struct sockaddr_in *a, int *client)
{
	*client = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(*client, (const struct sockaddr *)a, sizeof *a), 0);
	int fd = accept(l, NULL, NULL);
	assert_true(fd >= 0);
	return fd;
}

static void s_seen(const char *rid, int fd)
{
	push_seen(&(push_peer_t){.rid = (const unsigned char *)rid, .rid_len = strlen(rid), .fd = fd, .device = 1,
				 .user = 1, .path = "/1/", .deltas = -1},
		  1000);
}

static void test_live_then_swept(void **state)
{
	(void)state;
	struct sockaddr_in a;
	int c, l = s_listener(&a), fd = s_connect(l, &a, &c);

	s_seen("peer-a", fd);
	s_seen("peer-a", fd);
	assert_int_equal(push_count(), 1);
	assert_int_equal(push_sweep(), 0);
	assert_int_equal(push_count(), 1);
	close(fd); /* libzmq closes the connection's socket */
	close(c);
	assert_int_equal(push_sweep(), 1);
	assert_int_equal(push_count(), 0);
	close(l);
}

static void test_closed_before_served(void **state)
{
	(void)state;
	struct sockaddr_in a;
	int c, l = s_listener(&a), fd = s_connect(l, &a, &c);

	close(fd); /* gone while its request waited in the batch */
	close(c);
	s_seen("peer-b", fd);
	assert_int_equal(push_count(), 0);
	/* and one known before is forgotten at once when it is seen gone */
	fd = s_connect(l, &a, &c);
	s_seen("peer-b", fd);
	assert_int_equal(push_count(), 1);
	close(fd);
	close(c);
	s_seen("peer-b", fd);
	assert_int_equal(push_count(), 0);
	close(l);
}

static void test_reused_fd(void **state)
{
	(void)state;
	struct sockaddr_in a;
	int c1, c2, l = s_listener(&a), fd1 = s_connect(l, &a, &c1);

	s_seen("peer-c", fd1);
	close(fd1);
	close(c1);
	int fd2 = s_connect(l, &a, &c2); /* the lowest free descriptor: fd1's number */
	assert_int_equal(fd2, fd1);
	/* peer-c's entry holds the old connection's address and port: swept */
	assert_int_equal(push_sweep(), 1);
	assert_int_equal(push_count(), 0);
	close(fd2);
	close(c2);
	close(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_live_then_swept),
		cmocka_unit_test(test_closed_before_served),
		cmocka_unit_test(test_reused_fd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
