// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_rr -s PORT: answer one connection's requests (each byte is echoed)
 * until it closes, then exit.
 * tcp_rr -c ADDR PORT SECONDS: connect (retrying for a second while the
 * server starts), then send a byte and wait for its echo, over and over
 * for SECONDS; print "transactions N usec U".
 *
 * make bench's request/response scenario, netperf's TCP_RR with one-byte
 * messages: every transaction crosses the device under test twice, one
 * small segment each way, so its rate is the path's latency.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int nodelay(int fd)
{
	int one = 1;

	return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static int serve(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd, c, one = 1;
	char b;

	sin.sin_port = htons(port);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, 1)) {
		perror("tcp_rr: listen");
		return 1;
	}
	c = accept(fd, NULL, NULL);
	if (c < 0 || nodelay(c)) {
		perror("tcp_rr: accept");
		return 1;
	}
	while (read(c, &b, 1) == 1)
		if (write(c, &b, 1) != 1)
			break;
	return 0;
}

static int client(const char *addr, int port, double secs)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	uint64_t n = 0, start, end, now;
	int fd = -1, tries;
	char b = 'r';

	sin.sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "tcp_rr: bad address %s\n", addr);
		return 2;
	}
	for (tries = 0; tries < 100; tries++) {
		int err;

		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			break;
		if (!connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
			break;
		err = errno;
		close(fd);
		fd = -1;
		errno = err;
		if (err != ECONNREFUSED)
			break;
		usleep(10000);
	}
	if (fd < 0 || nodelay(fd)) {
		perror("tcp_rr: connect");
		return 1;
	}
	start = now_us();
	end = start + (uint64_t)(secs * 1e6);
	do {
		if (write(fd, &b, 1) != 1 || read(fd, &b, 1) != 1) {
			perror("tcp_rr: transaction");
			return 1;
		}
		n++;
		now = now_us();
	} while (now < end);
	printf("transactions %llu usec %llu\n", (unsigned long long)n,
	       (unsigned long long)(now - start));
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "-s"))
		return serve(atoi(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "-c") && strtod(argv[4], NULL) > 0)
		return client(argv[2], atoi(argv[3]), strtod(argv[4], NULL));
	fprintf(stderr, "usage: tcp_rr -s PORT | tcp_rr -c ADDR PORT SECONDS\n");
	return 2;
}
