// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP of the vrouter: echo replies for its own addresses, and the errors
 * a router owes (time exceeded, unreachable, fragmentation needed), rate
 * limited by a token bucket per CPU so a flood of bad packets cannot turn
 * the router into an ICMP cannon. Both go back out of the ingress port to
 * the previous hop's MAC: it is the way the packet came.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <net/ip.h>
#include "vnet.h"

/* ICMP errors a CPU may send: a burst, then this many a second. */
#define VNET_ICMP_BURST		50
#define VNET_ICMP_RATE		100

struct vnet_icmp_bucket {
	unsigned long stamp;		/* jiffies of the last refill */
	unsigned int tokens;
	unsigned int credit;		/* of the next token, in 1/HZ tokens */
};

int vnet_icmp_init(struct vnet_dev *vd)
{
	struct vnet_icmp_bucket __percpu *b;
	int cpu;

	b = alloc_percpu(struct vnet_icmp_bucket);
	if (!b)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		per_cpu_ptr(b, cpu)->tokens = VNET_ICMP_BURST;
		per_cpu_ptr(b, cpu)->stamp = jiffies;
	}
	vd->icmp = b;
	return 0;
}

void vnet_icmp_uninit(struct vnet_dev *vd)
{
	free_percpu(vd->icmp);
	vd->icmp = NULL;
}

/*
 * Take a token from @b at @now, in ticks of a clock of @hz a second. What
 * a refill earns short of a whole token is kept: at HZ 250 a token takes
 * 2.5 jiffies, and a refill every two jiffies that dropped the fraction
 * would add none, ever.
 */
static __always_inline bool vnet_icmp_take(struct vnet_icmp_bucket *b,
					   unsigned long now, unsigned int hz)
{
	unsigned long elapsed = now - b->stamp;
	unsigned long credit;

	if (elapsed) {
		b->stamp = now;
		if (elapsed >= VNET_ICMP_BURST * hz / VNET_ICMP_RATE + 1) {
			b->tokens = VNET_ICMP_BURST;
			b->credit = 0;
		} else {
			credit = b->credit + elapsed * VNET_ICMP_RATE;
			b->tokens += credit / hz;
			b->credit = credit % hz;
			if (b->tokens >= VNET_ICMP_BURST) {
				b->tokens = VNET_ICMP_BURST;
				b->credit = 0;
			}
		}
	}
	if (!b->tokens)
		return false;
	b->tokens--;
	return true;
}

/* Take a token from this CPU's bucket; BHs off. */
bool vnet_icmp_allowed(struct vnet_dev *vd)
{
	return vnet_icmp_take(this_cpu_ptr(vd->icmp), jiffies, HZ);
}

/* Send @skb (data at its IP header) back to where @orig came from. */
void vnet_icmp_reply(struct vnet_port *in, struct sk_buff *skb,
		     const struct sk_buff *orig)
{
	u8 dest[ETH_ALEN];

	ether_addr_copy(dest, eth_hdr(orig)->h_source);
	vnet_router_count(in, VNET_STATS_ICMP_SENT);
	vnet_router_send(in, skb, dest);
}

/* Never answer an ICMP error, a later fragment or a non-unicast source. */
bool vnet_icmp_may_answer(const struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	u8 type, *tp;

	if (iph->frag_off & htons(IP_OFFSET))
		return false;
	if (ipv4_is_zeronet(iph->saddr) || ipv4_is_multicast(iph->saddr) ||
	    ipv4_is_lbcast(iph->saddr) || ipv4_is_loopback(iph->saddr))
		return false;
	/* Nor about one sent to a broadcast or multicast address (RFC 1122):
	 * the answer would come from that address.
	 */
	if (ipv4_is_zeronet(iph->daddr) || ipv4_is_multicast(iph->daddr) ||
	    ipv4_is_lbcast(iph->daddr) ||
	    (skb_mac_header_was_set(skb) &&
	     is_multicast_ether_addr(eth_hdr(skb)->h_dest)))
		return false;
	if (iph->protocol != IPPROTO_ICMP)
		return true;
	tp = skb_header_pointer(skb, iph->ihl * 4, sizeof(type), &type);
	return tp && (*tp == ICMP_ECHO || *tp == ICMP_TIMESTAMP ||
		      *tp == ICMP_INFO_REQUEST || *tp == ICMP_ADDRESS);
}

/*
 * An ICMP error from @saddr about @skb (data at its validated IPv4 header),
 * quoting its header and the first bytes of its payload; data at the new
 * IPv4 header. NULL if out of memory.
 */
struct sk_buff *vnet_icmp_build(const struct sk_buff *skb, u8 type, u8 code,
				u32 info, __be32 saddr)
{
	const struct iphdr *oiph = ip_hdr(skb);
	unsigned int quote, len;
	struct icmphdr *icmph;
	struct sk_buff *nskb;
	struct iphdr *iph;

	/* At most 576 bytes in all, as RFC 1812 asks. */
	quote = min_t(unsigned int, skb->len,
		      576 - sizeof(*iph) - sizeof(*icmph));
	len = sizeof(*iph) + sizeof(*icmph) + quote;
	nskb = alloc_skb(LL_MAX_HEADER + len, GFP_ATOMIC);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	iph = skb_put(nskb, sizeof(*iph));
	icmph = skb_put(nskb, sizeof(*icmph));
	if (skb_copy_bits(skb, 0, skb_put(nskb, quote), quote)) {
		kfree_skb(nskb);
		return NULL;
	}
	skb_set_transport_header(nskb, sizeof(*iph));

	icmph->type = type;
	icmph->code = code;
	icmph->checksum = 0;
	icmph->un.gateway = htonl(info);
	icmph->checksum = csum_fold(csum_partial(icmph, sizeof(*icmph) + quote,
						 0));

	iph->version = 4;
	iph->ihl = 5;
	iph->tos = (oiph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(len);
	iph->id = 0;
	iph->frag_off = 0;
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->saddr = saddr;
	iph->daddr = oiph->saddr;
	ip_send_check(iph);

	nskb->protocol = htons(ETH_P_IP);
	nskb->ip_summed = CHECKSUM_NONE;
	return nskb;
}

/*
 * Answer @skb (data at its validated IPv4 header, from @in) with an ICMP
 * error from the router. @skb stays the caller's.
 */
void vnet_icmp_error(struct vnet_port *in, struct sk_buff *skb, u8 type,
		     u8 code, u32 info)
{
	struct vnet_dev *vd = in->vd;
	struct sk_buff *nskb;
	__be32 saddr;

	if (!vnet_icmp_may_answer(skb))
		return;
	if (!vnet_icmp_allowed(vd)) {
		vnet_router_count(in, VNET_STATS_ICMP_RATELIMITED);
		return;
	}
	saddr = vnet_addr_source(vd, in, ip_hdr(skb)->saddr);
	if (!saddr)
		return;
	nskb = vnet_icmp_build(skb, type, code, info, saddr);
	if (nskb)
		vnet_icmp_reply(in, nskb, skb);
}

/*
 * @skb (data at its IP header) waited for a next hop that never
 * answered, or is for one that failed: tell its source the host is
 * unreachable, as Linux does, by routing the error back to it (the port
 * it came in by is not kept while it waits). @skb stays the caller's.
 * Under RCU, BHs off.
 */
void vnet_icmp_host_unreachable(struct vnet_dev *vd, struct sk_buff *skb)
{
	struct vnet_neigh_key nexthop;
	const struct vnet_route *rt;
	struct sk_buff *nskb;
	struct vnet_port *out;
	__be32 dst, saddr;

	if (skb->protocol == htons(ETH_P_IPV6)) {
		vnet_icmp6_addr_unreachable(vd, skb);
		return;
	}
	/* A going device's routes may name freed ports. */
	if (vnet_dev_going(vd) || !vnet_icmp_may_answer(skb))
		return;
	dst = ip_hdr(skb)->saddr;
	rt = vnet_lpm_lookup(&vd->router.routes, dst);
	if (!rt || rt->type == VNET_ROUTE_TYPE_LOCAL)
		return;
	/* Nor to a connected subnet's broadcast address (RFC 1122). */
	if (vnet_router_subnet_broadcast(rt, dst))
		return;
	out = rt->port;
	if (!vnet_icmp_allowed(vd)) {
		vnet_router_count(out, VNET_STATS_ICMP_RATELIMITED);
		return;
	}
	saddr = vnet_addr_source(vd, out, dst);
	if (!saddr)
		return;
	nskb = vnet_icmp_build(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0,
			       saddr);
	if (!nskb)
		return;
	vnet_router_count(out, VNET_STATS_ICMP_SENT);
	vnet_neigh_key4(&nexthop, rt->gw ?: dst);
	vnet_neigh_output(vd, NULL, out, &nexthop, nskb);
}

/*
 * @skb (data at its validated IPv4 header, from @in) is for one of the
 * router's addresses: answer an echo request, drop anything else.
 */
void vnet_icmp_local(struct vnet_port *in, struct sk_buff *skb)
{
	unsigned int ihl = ip_hdr(skb)->ihl * 4;
	struct icmphdr *icmph;
	struct iphdr *iph;
	__be32 addr;

	if (ip_hdr(skb)->protocol != IPPROTO_ICMP ||
	    ip_is_fragment(ip_hdr(skb)) ||
	    !pskb_may_pull(skb, ihl + sizeof(*icmph))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	if (csum_fold(skb_checksum(skb, ihl, skb->len - ihl, 0))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_BAD_HEADER);
		return;
	}
	if (skb_ensure_writable(skb, ihl + sizeof(*icmph))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	iph = ip_hdr(skb);
	icmph = (struct icmphdr *)(skb->data + ihl);
	if (icmph->type != ICMP_ECHO) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	icmph->type = ICMP_ECHOREPLY;
	csum_replace2(&icmph->checksum, htons(ICMP_ECHO << 8),
		      htons(ICMP_ECHOREPLY << 8));
	addr = iph->saddr;
	iph->saddr = iph->daddr;
	iph->daddr = addr;
	iph->ttl = 64;
	ip_send_check(iph);
	skb->ip_summed = CHECKSUM_NONE;
	vnet_icmp_reply(in, skb, skb);
}

#ifdef VNET_SELFTEST
#include "selftest/icmp.c"
#endif
