// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 errors vnet sends about a packet (RFC 4443): who may be answered,
 * and the message itself, quoting as much of the packet as fits in the
 * minimum MTU; and the vrouter's own: its errors (rate limited by the
 * device's token bucket in icmp.c, shared with ICMP) and its echo replies.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include "vnet.h"

/*
 * RFC 4443 2.4 (e): never about an ICMPv6 error, a later fragment, a
 * packet to a multicast address or in a multicast frame, or from an
 * address that names no one node; nor to one whose destination cannot be
 * the answer's source (2.2). Of ICMPv6 itself only an echo request is
 * answered, as only requests are for ICMP. @skb's data is at its IPv6
 * header, walked into @ip.
 */
bool vnet_icmp6_may_answer(const struct sk_buff *skb,
			   const struct vnet_ip_info *ip)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	u8 _type;
	const u8 *type;

	if (ip->later_frag || ipv6_addr_any(&ip6->saddr) ||
	    ipv6_addr_is_multicast(&ip6->saddr) ||
	    ipv6_addr_loopback(&ip6->saddr) ||
	    ipv6_addr_any(&ip6->daddr) || ipv6_addr_loopback(&ip6->daddr) ||
	    ipv6_addr_is_multicast(&ip6->daddr) ||
	    (skb_mac_header_was_set(skb) &&
	     is_multicast_ether_addr(eth_hdr(skb)->h_dest)))
		return false;
	if (ip->proto != IPPROTO_ICMPV6)
		return true;
	type = skb_header_pointer(skb, ip->l4, sizeof(_type), &_type);
	return type && *type == ICMPV6_ECHO_REQUEST;
}

/*
 * An ICMPv6 error from @saddr about @skb (data at its validated IPv6
 * header), quoting as much of it (not of the frame's padding) as keeps
 * the answer within 1280 bytes; data at the new IPv6 header. NULL if out
 * of memory.
 */
struct sk_buff *vnet_icmp6_build(const struct sk_buff *skb, u8 type, u8 code,
				 u32 info, const struct in6_addr *saddr)
{
	const struct ipv6hdr *oip6 = ipv6_hdr(skb);
	struct icmp6hdr *icmp6;
	unsigned int quote;
	struct sk_buff *nskb;
	struct ipv6hdr *ip6;

	quote = min3(skb->len, (unsigned int)sizeof(*oip6) +
		     ntohs(oip6->payload_len),
		     (unsigned int)(IPV6_MIN_MTU - sizeof(*ip6) -
				    sizeof(*icmp6)));
	nskb = alloc_skb(LL_MAX_HEADER + sizeof(*ip6) + sizeof(*icmp6) + quote,
			 GFP_ATOMIC);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	ip6 = skb_put(nskb, sizeof(*ip6));
	icmp6 = skb_put_zero(nskb, sizeof(*icmp6));
	if (skb_copy_bits(skb, 0, skb_put(nskb, quote), quote)) {
		kfree_skb(nskb);
		return NULL;
	}
	skb_set_transport_header(nskb, sizeof(*ip6));

	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(sizeof(*icmp6) + quote);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 64;
	ip6->saddr = *saddr;
	ip6->daddr = oip6->saddr;

	icmp6->icmp6_type = type;
	icmp6->icmp6_code = code;
	icmp6->icmp6_dataun.un_data32[0] = htonl(info);
	icmp6->icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr,
					     sizeof(*icmp6) + quote,
					     IPPROTO_ICMPV6,
					     csum_partial(icmp6, sizeof(*icmp6) +
							  quote, 0));
	nskb->protocol = htons(ETH_P_IPV6);
	nskb->ip_summed = CHECKSUM_NONE;
	return nskb;
}

/*
 * Answer @skb (data at its checked IPv6 header, from @in) with an ICMPv6
 * error from the router, back the way it came. @skb stays the caller's.
 */
void vnet_icmp6_error(struct vnet_port *in, struct sk_buff *skb, u8 type,
		      u8 code, u32 info)
{
	struct vnet_dev *vd = in->vd;
	struct vnet_ip_info ip;
	struct in6_addr saddr;
	struct sk_buff *nskb;

	if (!vnet_ipv6_parse(skb, &ip) || !vnet_icmp6_may_answer(skb, &ip))
		return;
	if (!vnet_icmp_allowed(vd)) {
		vnet_router_count(in, VNET_STATS_ICMP_RATELIMITED);
		return;
	}
	vnet_addr6_source(vd, in, &ipv6_hdr(skb)->saddr, &saddr);
	nskb = vnet_icmp6_build(skb, type, code, info, &saddr);
	if (nskb)
		vnet_icmp_reply(in, nskb, skb);
}

/*
 * @skb (data at its IPv6 header) waited for a next hop that never
 * answered, or is for one that failed: tell its source the address is
 * unreachable, routing the error back to it, as
 * vnet_icmp_host_unreachable() does for IPv4. Under RCU, BHs off.
 */
void vnet_icmp6_addr_unreachable(struct vnet_dev *vd, struct sk_buff *skb)
{
	struct vnet_neigh_key nexthop;
	const struct vnet_route *rt;
	struct vnet_ip_info ip;
	struct in6_addr saddr;
	struct sk_buff *nskb;
	struct vnet_port *out;
	struct in6_addr dst;

	/* A going device's routes may name freed ports. */
	if (vnet_dev_going(vd) || !vnet_ipv6_parse(skb, &ip) ||
	    !vnet_icmp6_may_answer(skb, &ip))
		return;
	dst = ipv6_hdr(skb)->saddr;
	/* A link-local source was never forwarded: the router made it. */
	if (vnet_ipv6_is_ll(&dst))
		return;
	rt = vnet_lpm_lookup6(&vd->router.routes6, &dst);
	if (!rt || rt->type == VNET_ROUTE_TYPE_LOCAL)
		return;
	out = rt->port;
	if (!vnet_icmp_allowed(vd)) {
		vnet_router_count(out, VNET_STATS_ICMP_RATELIMITED);
		return;
	}
	vnet_addr6_source(vd, out, &dst, &saddr);
	nskb = vnet_icmp6_build(skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH,
				0, &saddr);
	if (!nskb)
		return;
	vnet_router_count(out, VNET_STATS_ICMP_SENT);
	vnet_neigh_key6(&nexthop, ipv6_addr_any(&rt->gw6) ? &dst : &rt->gw6,
			out);
	vnet_neigh_output(vd, NULL, out, &nexthop, nskb);
}

/*
 * @skb (data at its checked IPv6 header, walked into @ip, from @in) is an
 * ICMPv6 message for one of the router's addresses: answer an echo
 * request that carries no extension headers, drop anything else.
 */
void vnet_icmp6_local(struct vnet_port *in, struct sk_buff *skb,
		      const struct vnet_ip_info *ip)
{
	unsigned int len = ip->end - ip->l4;
	struct icmp6hdr *icmp6;
	struct ipv6hdr *ip6;
	struct in6_addr addr;

	if (ip->l4 != sizeof(*ip6) || len < sizeof(*icmp6) ||
	    !pskb_may_pull(skb, ip->l4 + sizeof(*icmp6))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	ip6 = ipv6_hdr(skb);
	if (csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len, IPPROTO_ICMPV6,
			    skb_checksum(skb, ip->l4, len, 0))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_BAD_HEADER);
		return;
	}
	/* Where the lower left the transport header is not ours to trust. */
	if (skb_ensure_writable(skb, ip->l4 + sizeof(*icmp6))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	icmp6 = (struct icmp6hdr *)(skb->data + ip->l4);
	if (icmp6->icmp6_type != ICMPV6_ECHO_REQUEST) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	ip6 = ipv6_hdr(skb);
	/* The addresses only swap: the pseudo-header's sum stays. */
	icmp6->icmp6_type = ICMPV6_ECHO_REPLY;
	csum_replace2(&icmp6->icmp6_cksum, htons(ICMPV6_ECHO_REQUEST << 8),
		      htons(ICMPV6_ECHO_REPLY << 8));
	addr = ip6->saddr;
	ip6->saddr = ip6->daddr;
	ip6->daddr = addr;
	ip6->hop_limit = 64;
	skb->ip_summed = CHECKSUM_NONE;
	vnet_icmp_reply(in, skb, skb);
}
