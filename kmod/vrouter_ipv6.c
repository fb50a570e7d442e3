// SPDX-License-Identifier: GPL-2.0
/*
 * The vrouter's IPv6 path (RFC 8200, RFC 4443): the header is checked,
 * neighbour discovery and echo to the router's own addresses answered,
 * and the rest looked up in the device's IPv6 trie and forwarded with the
 * hop limit decremented. A router never fragments IPv6: a packet larger
 * than the egress MTU is answered with packet too big. Link-local
 * sources and destinations, multicast and the unspecified address are
 * never forwarded.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "vnet.h"

/*
 * Check the IPv6 header at @skb's data (version, payload length against
 * the frame) and trim what follows the packet. A zero payload length
 * with a hop-by-hop header is a jumbogram, not taken; without one it is
 * an empty packet.
 */
static bool vnet_router6_valid(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6;
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(*ip6)))
		return false;
	ip6 = ipv6_hdr(skb);
	len = ntohs(ip6->payload_len);
	if (ip6->version != 6 || (!len && ip6->nexthdr == NEXTHDR_HOP))
		return false;
	if (skb->len < sizeof(*ip6) + len)
		return false;
	return !pskb_trim_rcsum(skb, sizeof(*ip6) + len);
}

/* Addresses a router never forwards from or to (RFC 4291 2.5.2, 2.5.3). */
static bool vnet_router6_martian(const struct ipv6hdr *ip6)
{
	return ipv6_addr_any(&ip6->saddr) || ipv6_addr_loopback(&ip6->saddr) ||
	       ipv6_addr_is_multicast(&ip6->saddr) ||
	       ipv6_addr_v4mapped(&ip6->saddr) ||
	       ipv6_addr_any(&ip6->daddr) || ipv6_addr_loopback(&ip6->daddr) ||
	       ipv6_addr_v4mapped(&ip6->daddr);
}

/*
 * @skb (data at its checked IPv6 header, from @in) is for the router:
 * neighbour discovery and echo requests are answered, the rest dropped.
 */
static void vnet_router6_local(struct vnet_port *in, struct sk_buff *skb)
{
	struct vnet_ip_info ip;
	u8 _type;
	const u8 *type;

	if (!vnet_ipv6_parse(skb, &ip)) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_BAD_HEADER);
		return;
	}
	if (ip.proto != IPPROTO_ICMPV6 || ip.frag) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_LOCAL);
		return;
	}
	type = skb_header_pointer(skb, ip.l4, sizeof(_type), &_type);
	if (type && (*type == NDISC_NEIGHBOUR_SOLICITATION ||
		     *type == NDISC_NEIGHBOUR_ADVERTISEMENT ||
		     *type == NDISC_ROUTER_SOLICITATION)) {
		vnet_nd_rx(in, skb, &ip);
		return;
	}
	vnet_icmp6_local(in, skb, &ip);
}

/*
 * @skb to a multicast group: what neighbour discovery sends to the
 * groups a router is in is taken in; the rest (listener reports, service
 * discovery) is not for the router, nor forwarded.
 */
static void vnet_router6_multicast(struct vnet_port *in, struct sk_buff *skb)
{
	const struct in6_addr *daddr = &ipv6_hdr(skb)->daddr;

	if (ipv6_hdr(skb)->nexthdr == IPPROTO_ICMPV6 &&
	    (ipv6_addr_is_solict_mult(daddr) ||
	     ipv6_addr_is_ll_all_nodes(daddr) ||
	     ipv6_addr_is_ll_all_routers(daddr))) {
		struct vnet_ip_info ip;

		if (!vnet_ipv6_parse(skb, &ip)) {
			vnet_router_drop(in, skb, VNET_STATS_DROP_BAD_HEADER);
			return;
		}
		vnet_nd_rx(in, skb, &ip);
		return;
	}
	consume_skb(skb);
}

/* @skb: an IPv6 packet from @in, data at its header. */
void vnet_router_ipv6(struct vnet_port *in, struct sk_buff *skb)
{
	struct vnet_dev *vd = in->vd;
	struct vnet_neigh_key nexthop;
	const struct vnet_route *rt;
	const struct ipv6hdr *ip6;
	struct vnet_port *out;
	unsigned int mtu;
	bool hop_check;

	skb_reset_network_header(skb);
	if (unlikely(!vnet_router6_valid(skb))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_BAD_HEADER);
		return;
	}
	ip6 = ipv6_hdr(skb);
	if (ipv6_addr_is_multicast(&ip6->daddr)) {
		vnet_router6_multicast(in, skb);
		return;
	}
	/* Unicast in a multicast frame is not the router's, as in
	 * ip6_forward() (PACKET_HOST only): each router on the segment would
	 * forward a copy.
	 */
	if (unlikely(is_multicast_ether_addr(eth_hdr(skb)->h_dest))) {
		consume_skb(skb);
		return;
	}
	if (unlikely(vnet_router6_martian(ip6))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
		return;
	}
	if (vnet_ipv6_is_ll(&ip6->daddr)) {
		if (vnet_nd_is_ours(vd, in, &ip6->daddr))
			vnet_router6_local(in, skb);
		else
			vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
		return;
	}
	rt = vnet_lpm_lookup6(&vd->router.routes6, &ip6->daddr);
	if (unlikely(!rt)) {
		vnet_icmp6_error(in, skb, ICMPV6_DEST_UNREACH, ICMPV6_NOROUTE,
				 0);
		vnet_router_drop(in, skb, VNET_STATS_DROP_NO_ROUTE);
		return;
	}
	if (rt->type == VNET_ROUTE_TYPE_LOCAL) {
		vnet_router6_local(in, skb);
		return;
	}
	/* A link-local source is not to leave its link (RFC 4291 2.5.6). */
	if (unlikely(vnet_ipv6_is_ll(&ip6->saddr))) {
		vnet_icmp6_error(in, skb, ICMPV6_DEST_UNREACH,
				 ICMPV6_NOT_NEIGHBOUR, 0);
		vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
		return;
	}
	hop_check = READ_ONCE(vd->params.ttl_check);
	if (hop_check && unlikely(ip6->hop_limit <= 1)) {
		vnet_icmp6_error(in, skb, ICMPV6_TIME_EXCEED,
				 ICMPV6_EXC_HOPLIMIT, 0);
		vnet_router_drop(in, skb, VNET_STATS_DROP_TTL);
		return;
	}
	out = rt->port;
	/* No link carries less than IPV6_MIN_MTU, as ip6_forward() has it. */
	mtu = max_t(unsigned int, vnet_port_mtu(out), IPV6_MIN_MTU);
	if (unlikely(skb->len > mtu &&
		     !(skb_is_gso(skb) &&
		       skb_gso_validate_network_len(skb, mtu)))) {
		vnet_icmp6_error(in, skb, ICMPV6_PKT_TOOBIG, 0, mtu);
		vnet_router_drop(in, skb, VNET_STATS_DROP_MTU);
		return;
	}
	vnet_neigh_key6(&nexthop, ipv6_addr_any(&rt->gw6) ? &ip6->daddr :
			&rt->gw6, out);
	if (hop_check) {
		if (skb_ensure_writable(skb, sizeof(*ip6))) {
			vnet_router_drop(in, skb, VNET_STATS_RX_DROPPED);
			return;
		}
		/* Nothing makes up for the hop limit in the packet's sum
		 * (IPv6 has no header checksum), as ip6_forward() knows.
		 */
		skb_forward_csum(skb);
		ipv6_hdr(skb)->hop_limit--;
	}
	vnet_neigh_output(vd, in, out, &nexthop, skb);
}
