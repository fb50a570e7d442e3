// SPDX-License-Identifier: GPL-2.0
/*
 * pktfuzz IFACE COUNT SEED [DST_MAC]: send COUNT random and mutated frames
 * out of IFACE with AF_PACKET, for the packet fuzz test.
 * pktfuzz flows COUNT SEED IF_A DST_A NET_A IF_B DST_B NET_B: COUNT frames
 * of stateful exchanges between hosts behind IF_A (NET_A.100-103) and
 * behind IF_B (NET_B.200-203), both ends played here (see flow_frame()).
 *
 * Each frame starts from a plausible template (Ethernet, 0-2 VLAN tags,
 * ARP, IPv4 with options and fragments, IPv6 behind a chain of extension
 * headers (fragments among them), TCP/UDP/ICMP/ICMPv6 with odd flags,
 * ICMPv6 errors quoting a packet with its own chain, neighbour discovery
 * with options, or a random EtherType) and is then damaged: truncated
 * anywhere, bytes flipped, lengths and IHL made inconsistent, checksums
 * left wrong. Destinations are
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
#include <sys/ioctl.h>
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

/* An IPv6 address at @p: a test subnet's host, link-local or multicast. */
static void ipv6_addr(uint8_t *p)
{
	static const uint8_t net[3][4] = {
		{ 0x20, 0x01, 0x0d, 0xb8 }, { 0xfe, 0x80, 0, 0 }, { 0xff, 0x02, 0, 0 },
	};
	int kind = rnd_below(8) < 6 ? 0 : 1 + rnd_below(2);

	memset(p, 0, 16);
	memcpy(p, net[kind], 4);
	if (!kind)
		p[5] = rnd_below(3) + 1;		/* 2001:db8:0:N:: */
	p[15] = rnd_below(4) + 1;
	if (!rnd_below(16))
		rnd_bytes(p + 8, 8);
}

/*
 * A chain of extension headers at @p, @n of them at most, then @proto: the
 * next header values of the chain are written in place. Returns its length
 * and leaves the first header's type in @first.
 */
static size_t ipv6_chain(uint8_t *p, size_t room, uint8_t proto,
			 uint8_t *first)
{
	static const uint8_t exts[] = { 0, 43, 44, 60, 51, 44, 60 };
	int n = rnd_below(3) ? rnd_below(3) : rnd_below(11), i;
	size_t off = 0;
	uint8_t *prev = first;

	for (i = 0; i < n; i++) {
		uint8_t type = exts[rnd_below(sizeof(exts))];
		size_t len;

		len = type == 44 ? 8 : type == 51 ? 8 + 4 * rnd_below(4) :
		      8 * (1 + rnd_below(3));
		if (off + len > room)
			break;
		*prev = type;
		rnd_bytes(p + off, len);
		if (type == 51)
			p[off + 1] = len / 4 - 2;
		else if (type != 44)
			p[off + 1] = len / 8 - 1;
		else if (rnd_below(2))
			put16(p + off + 2, rnd_below(2) ? 1 : 0); /* first fragment */
		prev = p + off;
		off += len;
	}
	*prev = proto;
	return off;
}

/* An IPv6 packet at @p (room for @room bytes); returns its length. */
static size_t build_ipv6(uint8_t *p, size_t room)
{
	static const uint8_t protos[] = { 6, 17, 58, 58, 58, 6, 17, 59, 255 };
	uint8_t proto = protos[rnd_below(sizeof(protos))], *l4;
	size_t len, ext, l4len = rnd_below(4) ? 8 + rnd_below(60) :
						rnd_below(1400);

	if (room < 40)
		return 0;
	rnd_bytes(p, 8);
	p[0] = rnd_below(16) ? 0x60 : rnd();
	p[7] = rnd_below(4) ? 64 : 255;			/* hop limit: ND's too */
	ipv6_addr(p + 8);
	ipv6_addr(p + 24);
	ext = ipv6_chain(p + 40, room - 40, proto, p + 6);
	len = 40 + ext + l4len;
	if (len > room)
		len = room;
	l4 = p + 40 + ext;
	rnd_bytes(l4, len - 40 - ext);
	if (proto == 58 && len >= 40 + ext + 8) {
		l4[0] = rnd_below(3) ? 1 + rnd_below(4) :	/* errors */
			rnd_below(2) ? 128 + rnd_below(2) :	/* echo */
				       133 + rnd_below(5);	/* ND */
		l4[1] = rnd_below(8);
		/* An error quotes a packet: IPv6, from the outer destination. */
		if (l4[0] < 128 && len >= 40 + ext + 8 + 40) {
			uint8_t *q = l4 + 8;

			q[0] = 0x60;
			memcpy(q + 8, p + 24, 16);
			ipv6_addr(q + 24);
			q[6] = 17;
			ipv6_chain(q + 40, len - (q + 40 - p), rnd_below(2) ? 6 : 17,
				   q + 6);
		}
	}
	if (proto == 6 && len >= 40 + ext + 20)
		l4[13] = rnd();				/* any TCP flag set */
	put16(p + 4, rnd_below(8) ? len - 40 : rnd());	/* payload length */
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
	switch (rnd_below(10)) {
	case 0:
		type = 0x0806;
		put16(f + off, type);
		len = off + 2 + build_arp(f + off + 2);
		break;
	case 2:
	case 3:
		type = 0x86dd;
		put16(f + off, type);
		len = off + 2 + build_ipv6(f + off + 2, room - off - 2);
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

/*
 * Stateful exchanges, both ends played here: a TCP connection (handshake,
 * data both ways with the right sequence numbers, a close or a reset, and
 * somewhere in the middle one damaged segment: odd flags, a sequence number
 * far off, a bad checksum, a header cut short), a UDP exchange followed by
 * a datagram in fragments (out of order, overlapping or one missing), an
 * echo and its reply with an ICMP error quoting the flow, an ARP request
 * and its reply. A third of the TCP, UDP and echo exchanges are over IPv6
 * (2001:db8:0:XY::host for NET_x.host, X.Y its last two bytes, a /64 a
 * router can route; fragments in a fragment header,
 * ICMPv6 echo and errors). Up to four run interleaved. Host A is behind
 * IF_A, B behind IF_B; A's frames go to DST_A (B's MAC through a switch
 * or firewall, the router's port MAC through a router), B's to DST_B.
 */
struct side {
	int fd;
	uint8_t mac[6], dst[6];
	uint8_t net[3];
};

struct flow {
	int type, step, steps, bad;	/* bad: the step that is damaged */
	int v6;				/* over IPv6 */
	uint8_t a, b;			/* host numbers: NET_A.a, NET_B.b */
	uint16_t pa, pb, ipid;
	uint32_t sa, sb;		/* next sequence numbers, A's and B's */
};

enum { F_TCP, F_UDP, F_ICMP, F_ARP, F_TYPES };

static struct side sides[2];

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

/* The L4 checksum over the pseudo header of the IPv4 packet at @ip. */
static uint16_t l4_csum(const uint8_t *ip, size_t ihl, size_t l4len)
{
	uint8_t pseudo[12 + 1600];

	memcpy(pseudo, ip + 12, 8);
	pseudo[8] = 0;
	pseudo[9] = ip[9];
	put16(pseudo + 10, l4len);
	memcpy(pseudo + 12, ip + ihl, l4len);
	return csum(pseudo, 12 + l4len);
}

static void new_flow(struct flow *f)
{
	memset(f, 0, sizeof(*f));
	f->type = rnd_below(F_TYPES);
	f->a = 100 + rnd_below(4);
	f->b = 200 + rnd_below(4);
	f->pa = 1024 + rnd_below(8);	/* few ports: flows meet old state */
	/* Past the test's "tcp dport 1-1000 reject" rule; DNS for UDP. */
	f->pb = f->type == F_TCP ? 8080 + rnd_below(2) : 53;
	f->sa = rnd();
	f->sb = rnd();
	f->ipid = rnd();
	f->v6 = f->type != F_ARP && !rnd_below(3);
	f->steps = f->type == F_TCP ? 5 + rnd_below(8) :
		   f->type == F_UDP ? 3 + rnd_below(4) : 2 + rnd_below(2);
	f->bad = rnd_below(3) ? (int)rnd_below(f->steps) : -1;
	f->step = f->type == F_TCP && !rnd_below(8) ? 3 : 0;	/* mid-stream */
}

/*
 * The IPv4 header of a packet from @from (0: A, 1: B) in @f at @p; @l4len
 * bytes follow; @frag: fragment offset in 8-byte units | 0x2000 for MF.
 */
static size_t flow_ip(struct flow *f, int from, uint8_t *p, uint8_t proto,
		      size_t l4len, uint16_t frag)
{
	const struct side *s = &sides[from], *o = &sides[!from];

	p[0] = 0x45;
	p[1] = 0;
	put16(p + 2, 20 + l4len);
	put16(p + 4, f->ipid);
	put16(p + 6, frag ? frag : 0x4000);
	p[8] = 64;
	p[9] = proto;
	put16(p + 10, 0);
	memcpy(p + 12, s->net, 3);
	p[15] = from ? f->b : f->a;
	memcpy(p + 16, o->net, 3);
	p[19] = from ? f->a : f->b;
	put16(p + 10, csum(p, 20));
	return 20;
}

/*
 * @host of @s's network A.X.Y as an IPv6 address: 2001:db8:0:XY::host,
 * each network a /64 of its own.
 */
static void flow_addr6(uint8_t *p, const struct side *s, uint8_t host)
{
	static const uint8_t net[4] = { 0x20, 0x01, 0x0d, 0xb8 };

	memset(p, 0, 16);
	memcpy(p, net, 4);
	p[6] = s->net[1];
	p[7] = s->net[2];
	p[15] = host;
}

/*
 * The IPv6 header of a packet from @from in @f at @p, then (with @frag, as
 * flow_ip() takes it) a fragment header; @l4len bytes follow. Returns the
 * headers' length.
 */
static size_t flow_ip6(struct flow *f, int from, uint8_t *p, uint8_t proto,
		       size_t l4len, uint16_t frag)
{
	size_t hl = frag ? 48 : 40;

	put32(p, 6u << 28);
	put16(p + 4, hl - 40 + l4len);
	p[6] = frag ? 44 : proto;
	p[7] = 64;
	flow_addr6(p + 8, &sides[from], from ? f->b : f->a);
	flow_addr6(p + 24, &sides[!from], from ? f->a : f->b);
	if (frag) {
		p[40] = proto;
		p[41] = 0;
		put16(p + 42, ((frag & 0x1fff) << 3) | ((frag & 0x2000) ? 1 : 0));
		put32(p + 44, f->ipid);
	}
	return hl;
}

/* The L4 checksum over the pseudo header of the IPv6 packet at @ip. */
static uint16_t l4_csum6(const uint8_t *ip, size_t hl, uint8_t proto,
			 size_t l4len)
{
	uint8_t pseudo[40 + 1600];

	memcpy(pseudo, ip + 8, 32);
	put32(pseudo + 32, l4len);
	memset(pseudo + 36, 0, 3);
	pseudo[39] = proto;
	memcpy(pseudo + 40, ip + hl, l4len);
	return csum(pseudo, 40 + l4len);
}

/* The IP header, v4 or v6 as @f is, and the L4 checksum at @l4 + @at. */
static size_t flow_hdr(struct flow *f, int from, uint8_t *ip, uint8_t proto,
		       size_t l4len, uint16_t frag, int at)
{
	size_t hl;

	if (!f->v6) {
		hl = flow_ip(f, from, ip, proto, l4len, frag);
		if (at >= 0)
			put16(ip + hl + at, proto == 1 ? csum(ip + hl, l4len) :
				l4_csum(ip, hl, l4len));
		return hl;
	}
	hl = flow_ip6(f, from, ip, proto, l4len, frag);
	if (at >= 0)
		put16(ip + hl + at, l4_csum6(ip, hl, proto, l4len));
	return hl;
}

/* The next frame of @f into @fr; which side sends it in *from. */
static size_t flow_frame(struct flow *f, uint8_t *fr, int *from)
{
	uint8_t *ip = fr + 14, *l4 = ip + (f->v6 ? 40 : 20);
	int last = f->step == f->steps - 1;
	size_t l4len = 0, n, hl;
	uint16_t frag = 0;

	*from = rnd_below(2);
	switch (f->type) {
	case F_TCP: {
		static const uint8_t open[] = { 0x02, 0x12, 0x10 };	/* SYN, SYN-ACK, ACK */
		uint8_t flags;
		size_t data = 0;

		if (f->step < 3) {
			*from = f->step == 1;
			flags = open[f->step];
		} else if (last) {
			flags = rnd_below(3) ? 0x11 : 0x04;	/* FIN-ACK or RST */
		} else {
			flags = 0x18;				/* PSH-ACK, data */
			data = rnd_below(200);
		}
		l4len = 20 + data;
		put16(l4, *from ? f->pb : f->pa);
		put16(l4 + 2, *from ? f->pa : f->pb);
		put32(l4 + 4, *from ? f->sb : f->sa);
		put32(l4 + 8, flags == 0x02 ? 0 : *from ? f->sa : f->sb);
		l4[12] = 5 << 4;
		l4[13] = flags;
		put16(l4 + 14, 64240);
		put16(l4 + 16, 0);
		put16(l4 + 18, 0);
		rnd_bytes(l4 + 20, data);
		if (*from)
			f->sb += data + !!(flags & 0x03);
		else
			f->sa += data + !!(flags & 0x03);
		hl = flow_hdr(f, *from, ip, 6, l4len, 0, 16);
		break;
	}
	case F_UDP:
		if (f->step < 2) {
			*from = f->step;
			l4len = 8 + rnd_below(64);
		} else {
			/* A datagram of 3 x 256 bytes, one fragment a step:
			 * in order mostly, else any; sometimes overlapping.
			 */
			unsigned int k = rnd_below(4) ? (unsigned int)(f->step - 2) % 3 : rnd_below(3);
			uint16_t off = k * 32 - (k && !rnd_below(6));	/* 8-byte units */

			*from = 0;
			l4len = 256;
			frag = off | (k < 2 ? 0x2000 : 0);
			if (!frag)
				frag = 0x2000;	/* the first, MF set */
			if (f->v6)
				l4 += 8;	/* past the fragment header */
		}
		rnd_bytes(l4, l4len);
		if (!frag || (frag & 0x1fff) == 0) {
			put16(l4, *from ? f->pb : f->pa);
			put16(l4 + 2, *from ? f->pa : f->pb);
			put16(l4 + 4, frag ? 3 * 256 : l4len);
			put16(l4 + 6, 0);
		}
		hl = flow_hdr(f, *from, ip, 17, l4len, frag, frag ? -1 : 6);
		break;
	case F_ICMP:
		*from = f->step ? 1 : 0;	/* A's echo; B's reply, B's error */
		if (f->step < 2) {
			l4len = 8 + rnd_below(56);
			rnd_bytes(l4, l4len);
			/* echo, reply */
			l4[0] = f->v6 ? (f->step ? 129 : 128) : (f->step ? 0 : 8);
			l4[1] = 0;
			put16(l4 + 4, f->pa);
			put16(l4 + 6, f->sa);
		} else {
			/* An error from B quoting the echo A sent it. */
			uint8_t *q = l4 + 8, *qi;
			size_t qh;

			l4[0] = f->v6 ? 1 : 3;
			l4[1] = rnd_below(4);
			put32(l4 + 4, 0);
			qh = f->v6 ? flow_ip6(f, 0, q, 58, 8, 0) :
				     flow_ip(f, 0, q, 1, 8, 0);
			qi = q + qh;
			l4len = 8 + qh + 8;
			qi[0] = f->v6 ? 128 : 8;
			qi[1] = 0;
			put16(qi + 2, 0);
			put16(qi + 4, f->pa);
			put16(qi + 6, f->sa);
			put16(qi + 2, f->v6 ? l4_csum6(q, qh, 58, 8) : csum(qi, 8));
		}
		put16(l4 + 2, 0);
		hl = flow_hdr(f, *from, ip, f->v6 ? 58 : 1, l4len, 0, 2);
		break;
	default: {
		/*
		 * ARP: one host asks for the other (or for the router's
		 * address, .1 of its own network), which answers it; and as
		 * often an answer to the router (its .1), which a router
		 * asking for this host waits for.
		 */
		int asker = f->pa & 1, to_router = rnd_below(2);
		const struct side *s, *o;

		*from = f->step ? !asker : asker;
		s = &sides[*from];
		o = &sides[!*from];
		memcpy(fr, f->step ? s->dst : (const uint8_t *)"\xff\xff\xff\xff\xff\xff", 6);
		memcpy(fr + 6, s->mac, 6);
		put16(fr + 12, 0x0806);
		put16(ip, 1);
		put16(ip + 2, 0x0800);
		ip[4] = 6;
		ip[5] = 4;
		put16(ip + 6, f->step ? 2 : 1);
		memcpy(ip + 8, s->mac, 6);
		memcpy(ip + 14, s->net, 3);
		ip[17] = *from ? f->b : f->a;
		if (!f->step) {		/* whom it asks for */
			memset(ip + 18, 0, 6);
			memcpy(ip + 24, to_router ? s->net : o->net, 3);
			ip[27] = to_router ? 1 : *from ? f->a : f->b;
		} else if (to_router) {	/* the router, which asked */
			memcpy(ip + 18, s->dst, 6);
			memcpy(ip + 24, s->net, 3);
			ip[27] = 1;
		} else {		/* the host that asked */
			memcpy(ip + 18, o->mac, 6);
			memcpy(ip + 24, o->net, 3);
			ip[27] = asker ? f->b : f->a;
		}
		n = 14 + 28;
		goto damage;
	}
	}
	memcpy(fr, sides[*from].dst, 6);
	memcpy(fr + 6, sides[*from].mac, 6);
	put16(fr + 12, f->v6 ? 0x86dd : 0x0800);
	n = 14 + hl + l4len;
damage:
	if (f->step == f->bad) {
		switch (rnd_below(4)) {
		case 0:		/* any flags, or any ICMP type */
			l4[f->type == F_TCP ? 13 : 0] = rnd();
			break;
		case 1:		/* a sequence number, an id far off */
			put32(l4 + 4, rnd());
			break;
		case 2:		/* cut short */
			n = 14 + rnd_below(n - 14);
			break;
		default:	/* a bit flipped: checksums wrong */
			fr[14 + rnd_below(n - 14)] ^= 1 << rnd_below(8);
		}
	}
	f->step++;
	return n < 14 ? 14 : n;
}

static int side_open(struct side *s, const char *ifname, const char *dst,
		     const char *net)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct ifreq ifr = { 0 };
	unsigned int n[3];

	if (sscanf(dst, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &s->dst[0], &s->dst[1],
		   &s->dst[2], &s->dst[3], &s->dst[4], &s->dst[5]) != 6 ||
	    sscanf(net, "%u.%u.%u", &n[0], &n[1], &n[2]) != 3) {
		fprintf(stderr, "pktfuzz: bad MAC %s or network %s\n", dst, net);
		return -1;
	}
	for (int i = 0; i < 3; i++)
		s->net[i] = n[i];
	/* Send only: protocol 0 receives nothing. */
	s->fd = socket(AF_PACKET, SOCK_RAW, 0);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	sll.sll_ifindex = if_nametoindex(ifname);
	if (s->fd < 0 || !sll.sll_ifindex ||
	    bind(s->fd, (struct sockaddr *)&sll, sizeof(sll)) ||
	    ioctl(s->fd, SIOCGIFHWADDR, &ifr)) {
		perror(ifname);
		return -1;
	}
	memcpy(s->mac, ifr.ifr_hwaddr.sa_data, 6);
	return 0;
}

static int flows(int argc, char **argv)
{
	unsigned long count, sent = 0, i;
	struct flow fl[4];
	uint8_t frame[1600];

	if (argc != 10) {
		fprintf(stderr, "usage: pktfuzz flows COUNT SEED IF_A DST_A NET_A IF_B DST_B NET_B\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	rng_state = strtoull(argv[3], NULL, 0) * 0x9e3779b97f4a7c15ULL | 1;
	if (side_open(&sides[0], argv[4], argv[5], argv[6]) ||
	    side_open(&sides[1], argv[7], argv[8], argv[9]))
		return 1;
	for (i = 0; i < 4; i++)
		new_flow(&fl[i]);
	for (i = 0; i < count; i++) {
		struct flow *f = &fl[rnd_below(4)];
		int from, tries = 1000;
		size_t len;
		ssize_t ret;

		memset(frame, 0, sizeof(frame));
		len = flow_frame(f, frame, &from);
		while ((ret = send(sides[from].fd, frame, len, 0)) != (ssize_t)len &&
		       (errno == ENOBUFS || errno == EAGAIN) && tries--)
			usleep(100);
		if (ret == (ssize_t)len)
			sent++;
		if (f->step >= f->steps)
			new_flow(f);
	}
	printf("%lu\n", sent);
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t frame[1600], dst[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	unsigned long count, sent = 0, i;
	struct timespec t0, t1;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "flows"))
		return flows(argc, argv);
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
