// SPDX-License-Identifier: GPL-2.0
/*
 * pktfuzz IFACE COUNT SEED [DST_MAC]: send COUNT random and mutated frames
 * out of IFACE with AF_PACKET, for the packet fuzz test.
 *
 * Each frame starts from a plausible template (Ethernet, 0-2 VLAN tags,
 * ARP, IPv4 with options and fragments, TCP/UDP/ICMP with odd flags, or a
 * random EtherType) and is then damaged: truncated anywhere, bytes flipped,
 * lengths and IHL made inconsistent, checksums left wrong. Destinations are
 * DST_MAC (the device's MAC, so frames reach its data path), broadcast,
 * multicast or random; sources are random, sometimes multicast or zero.
 * Frames stay within a 1500-byte MTU. Prints how many frames were sent.
 */
#include <arpa/inet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <linux/if_packet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64*: reproducible from the seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static void rnd_bytes(uint8_t *p, size_t n)
{
	while (n--)
		*p++ = rnd();
}

static uint16_t csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;

	for (; n > 1; p += 2, n -= 2)
		s += (p[0] << 8) | p[1];
	if (n)
		s += p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

/* An IPv4 packet at @p (room for @room bytes); returns its length. */
static size_t build_ipv4(uint8_t *p, size_t room)
{
	static const uint8_t protos[] = { 6, 17, 1, 1, 6, 17, 47, 0, 255 };
	size_t ihl = rnd_below(4) ? 20 : 20 + 4 * rnd_below(11);
	size_t l4 = rnd_below(4) ? 8 + rnd_below(60) : rnd_below(1500);
	size_t len = ihl + l4;
	uint8_t proto = protos[rnd_below(sizeof(protos))];
	uint8_t *l4p;

	if (len > room)
		len = room;
	rnd_bytes(p, len);
	p[0] = 0x40 | (ihl / 4);
	p[1] = rnd_below(4) ? 0 : rnd();
	put16(p + 2, len);
	put16(p + 6, rnd_below(4) ? 0x4000 : rnd() & 0xffff);	/* DF, or any
								 * MF/offset */
	p[8] = rnd_below(4) ? 64 : rnd_below(3);		/* TTL 0-2 */
	p[9] = proto;
	/* Addresses from a few test subnets, so some frames get routed. */
	p[12] = 10;
	p[13] = rnd_below(3) + 1;
	p[14] = 0;
	p[15] = rnd_below(4) + 1;
	p[16] = rnd_below(8) ? 10 : 224 + rnd_below(32);
	p[17] = rnd_below(4) + 1;
	p[18] = 0;
	p[19] = rnd_below(4) ? 2 : rnd();
	put16(p + 10, 0);
	put16(p + 10, csum(p, ihl < len ? ihl : len));
	l4p = p + ihl;
	if (len >= ihl + 20 && proto == 6)
		l4p[13] = rnd();			/* any TCP flag set */
	if (len >= ihl + 8 && proto == 1)
		l4p[0] = rnd_below(2) ? 8 : rnd_below(20);	/* echo, errors */
	return len;
}

static size_t build_arp(uint8_t *p)
{
	static const uint8_t tmpl[28] = {
		0, 1, 8, 0, 6, 4, 0, 1,
	};

	memcpy(p, tmpl, sizeof(tmpl));
	p[7] = rnd_below(4) ? 1 + rnd_below(2) : rnd();
	rnd_bytes(p + 8, 20);
	p[14] = 10;
	p[15] = rnd_below(3) + 1;
	p[24] = 10;
	p[25] = rnd_below(3) + 1;
	p[26] = 0;
	p[27] = rnd_below(4) ? 1 : rnd();
	if (!rnd_below(8))
		p[4] = rnd();				/* bad hardware length */
	return sizeof(tmpl);
}

static size_t build_frame(uint8_t *f, size_t room, const uint8_t *dst)
{
	size_t off = 12, len;
	int tags = rnd_below(6) ? 0 : 1 + rnd_below(2), i;
	uint16_t type;

	switch (rnd_below(6)) {
	case 0:
		memset(f, 0xff, 6);
		break;
	case 1:
		rnd_bytes(f, 6);
		f[0] |= 1;				/* multicast */
		break;
	case 2:
		rnd_bytes(f, 6);
		break;
	default:
		memcpy(f, dst, 6);
	}
	rnd_bytes(f + 6, 6);
	switch (rnd_below(16)) {
	case 0:
		f[6] |= 1;				/* multicast source */
		break;
	case 1:
		memset(f + 6, 0, 6);
		break;
	default:
		f[6] = 0x02;				/* local unicast */
	}
	for (i = 0; i < tags; i++) {
		put16(f + off, i ? 0x8100 : (rnd_below(2) ? 0x8100 : 0x88a8));
		put16(f + off + 2, rnd() & 0xffff);
		off += 4;
	}
	switch (rnd_below(8)) {
	case 0:
		type = 0x0806;
		put16(f + off, type);
		len = off + 2 + build_arp(f + off + 2);
		break;
	case 1:
		type = rnd();
		put16(f + off, type);
		len = off + 2 + rnd_below(200);
		rnd_bytes(f + off + 2, len - off - 2);
		break;
	default:
		type = 0x0800;
		put16(f + off, type);
		len = off + 2 + build_ipv4(f + off + 2, room - off - 2);
	}
	/* Damage: truncate, flip bytes. */
	if (!rnd_below(4))
		len = 14 + rnd_below(len > 14 ? len - 14 : 1);
	for (i = rnd_below(3) ? 0 : 1 + rnd_below(4); i > 0; i--)
		f[12 + rnd_below(len - 12)] ^= 1 << rnd_below(8);
	return len < 14 ? 14 : len;
}

int main(int argc, char **argv)
{
	uint8_t frame[1600], dst[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	unsigned long count, sent = 0, i;
	struct timespec t0, t1;
	int fd;

	if (argc < 4) {
		fprintf(stderr, "usage: pktfuzz IFACE COUNT SEED [DST_MAC]\n"
				"prints the frames sent, and on stderr the ms its close took\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	rng_state = strtoull(argv[3], NULL, 0) * 0x9e3779b97f4a7c15ULL | 1;
	if (argc > 4 &&
	    sscanf(argv[4], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &dst[0], &dst[1],
		   &dst[2], &dst[3], &dst[4], &dst[5]) != 6) {
		fprintf(stderr, "pktfuzz: bad MAC %s\n", argv[4]);
		return 2;
	}
	sll.sll_ifindex = if_nametoindex(argv[1]);
	sll.sll_protocol = htons(ETH_P_ALL);
	if (!sll.sll_ifindex) {
		perror(argv[1]);
		return 1;
	}
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("pktfuzz: socket");
		return 1;
	}
	for (i = 0; i < count; i++) {
		size_t len = build_frame(frame, 1514, dst);
		int tries = 1000;
		ssize_t ret;

		/* A full transmit queue only delays us. */
		while ((ret = send(fd, frame, len, 0)) != (ssize_t)len &&
		       (errno == ENOBUFS || errno == EAGAIN) && tries--)
			usleep(100);
		if (ret == (ssize_t)len)
			sent++;
	}
	printf("%lu\n", sent);
	fflush(stdout);
	/* Closing waits for an RCU grace period: how far behind a flood has
	 * left them shows here.
	 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "%ld\n", (long)((t1.tv_sec - t0.tv_sec) * 1000 +
					(t1.tv_nsec - t0.tv_nsec) / 1000000));
	return 0;
}
