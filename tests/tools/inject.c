// SPDX-License-Identifier: GPL-2.0
/*
 * inject IFACE DST_MAC SRC_MAC SRC_IP DST_IP SECONDS: send one 60-byte UDP
 * frame (port 9 to port 9, TTL 32: pktgen's) out of IFACE, over and over
 * for SECONDS, and print "sent N usec U".
 *
 * make bench's unshared-frame scenario: AF_PACKET with PACKET_QDISC_BYPASS
 * hands every frame to the driver as a new skb nobody else holds, as a
 * container's or a NIC's frames are, where pktgen keeps a reference to
 * each. Into a veth, the frame crosses to the peer (a port of the device
 * under test) and is forwarded in the sender's own softirq, on its CPU.
 * sendmmsg() sends a batch a call; each message is its own frame.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_LEN	60
#define BATCH		64

static int parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[ETH_ALEN];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != ETH_ALEN)
		return -1;
	for (i = 0; i < ETH_ALEN; i++) {
		if (b[i] > 0xff)
			return -1;
		mac[i] = b[i];
	}
	return 0;
}

static uint16_t ip_csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/* Ethernet, IPv4 (20 bytes, TTL 32), UDP 9 -> 9 without a checksum. */
static int build(uint8_t *f, char **argv)
{
	struct in_addr src, dst;
	uint8_t *ip = f + 14, *udp = ip + 20;
	uint16_t csum;

	memset(f, 0, FRAME_LEN);
	if (parse_mac(argv[2], f) || parse_mac(argv[3], f + 6) ||
	    inet_pton(AF_INET, argv[4], &src) != 1 ||
	    inet_pton(AF_INET, argv[5], &dst) != 1)
		return -1;
	f[12] = 0x08;
	ip[0] = 0x45;
	ip[3] = FRAME_LEN - 14;
	ip[8] = 32;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	csum = ip_csum(ip, 20);
	ip[10] = csum >> 8;
	ip[11] = csum & 0xff;
	udp[1] = 9;
	udp[3] = 9;
	udp[5] = FRAME_LEN - 14 - 20;
	return 0;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	struct mmsghdr msgs[BATCH];
	struct sockaddr_ll sll;
	struct iovec iov;
	uint64_t sent = 0, start, end, now;
	uint8_t frame[FRAME_LEN];
	double secs;
	int fd, one = 1, i;

	if (argc != 7 || build(frame, argv) ||
	    !((secs = strtod(argv[6], NULL)) > 0)) {
		fprintf(stderr, "usage: inject IFACE DST_MAC SRC_MAC SRC_IP DST_IP SECONDS\n");
		return 2;
	}
	/* Protocol 0: the socket sends and receives nothing. */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one))) {
		perror("PACKET_QDISC_BYPASS");
		return 1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(argv[1]);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "inject: no device %s\n", argv[1]);
		return 1;
	}
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("bind");
		return 1;
	}
	iov.iov_base = frame;
	iov.iov_len = FRAME_LEN;
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	start = now_us();
	end = start + (uint64_t)(secs * 1e6);
	do {
		int n = sendmmsg(fd, msgs, BATCH, 0);

		if (n > 0)
			sent += n;
		else if (n < 0 && errno != ENOBUFS && errno != EAGAIN &&
			 errno != EINTR) {
			perror("sendmmsg");
			return 1;
		}
		now = now_us();
	} while (now < end);
	printf("sent %llu usec %llu\n", (unsigned long long)sent,
	       (unsigned long long)(now - start));
	return 0;
}
