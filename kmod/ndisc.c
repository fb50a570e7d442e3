// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 neighbour discovery of the vrouter (RFC 4861), beside ARP: each
 * port has a link-local address made from its MAC (EUI-64), answers
 * solicitations for its addresses, refreshes the entries it has from a
 * solicitation aimed at it and from advertisements (and makes none from
 * either: any host on the link could fill the table with link-local
 * sources), solicits next hops for neigh.c, and announces an address when
 * it is added. What fails the RFC's checks (hop limit 255, code 0,
 * lengths, options, addresses) is dropped as a bad header.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "vnet.h"

/* The link-local address of @port: fe80::/64 and its MAC as EUI-64. */
void vnet_port_ll(const struct vnet_port *port, struct in6_addr *addr)
{
	const u8 *mac = vnet_port_mac(port);

	memset(addr, 0, sizeof(*addr));
	addr->s6_addr[0] = 0xfe;
	addr->s6_addr[1] = 0x80;
	addr->s6_addr[8] = mac[0] ^ 0x02;
	addr->s6_addr[9] = mac[1];
	addr->s6_addr[10] = mac[2];
	addr->s6_addr[11] = 0xff;
	addr->s6_addr[12] = 0xfe;
	addr->s6_addr[13] = mac[3];
	addr->s6_addr[14] = mac[4];
	addr->s6_addr[15] = mac[5];
}

/* Is @addr the router's on @port: its link-local or one of its addresses? */
bool vnet_nd_is_ours(struct vnet_dev *vd, const struct vnet_port *port,
		     const struct in6_addr *addr)
{
	const struct vnet_route *rt;
	struct in6_addr ll;

	if (vnet_ipv6_is_ll(addr)) {
		vnet_port_ll(port, &ll);
		return ipv6_addr_equal(addr, &ll);
	}
	rt = vnet_lpm_lookup6(&vd->router.routes6, addr);
	return rt && rt->type == VNET_ROUTE_TYPE_LOCAL && rt->port == port &&
	       ipv6_addr_equal(&rt->dst6, addr);
}

/*
 * May @addr be a neighbour's: not multicast, loopback or IPv4-mapped (an
 * IPv4 neighbour's key, which neighbour discovery must never reach).
 */
static bool vnet_nd_unicast_or_any(const struct in6_addr *addr)
{
	return ipv6_addr_any(addr) || vnet_ip6_host(addr);
}

/* Is @addr a neighbour on @port: link-local, or on a subnet of it? */
static bool vnet_nd_on_link(struct vnet_dev *vd, const struct vnet_port *port,
			    const struct in6_addr *addr)
{
	const struct vnet_route *rt;

	if (vnet_ipv6_is_ll(addr))
		return true;
	rt = vnet_lpm_lookup6(&vd->router.routes6, addr);
	return rt && rt->port == port &&
	       (rt->type == VNET_ROUTE_TYPE_CONNECTED ||
		(rt->type == VNET_ROUTE_TYPE_STATIC &&
		 ipv6_addr_any(&rt->gw6)));
}

/*
 * Make @skb, an ICMPv6 message of neighbour discovery with room for an
 * IPv6 header before it, a packet from @saddr to @daddr (hop limit 255,
 * checksum filled in) in a frame from @smac out of @port to the MAC
 * @daddr maps to, or to the one already in place for a unicast @daddr;
 * data at the IPv6 header, as for vnet_port_xmit().
 */
struct sk_buff *vnet_nd_finish(struct vnet_port *port, struct sk_buff *skb,
			       const struct in6_addr *saddr,
			       const struct in6_addr *daddr, const u8 *smac)
{
	struct icmp6hdr *icmp6 = (struct icmp6hdr *)skb->data;
	unsigned int len = skb->len;
	struct ipv6hdr *ip6;
	struct ethhdr *eth;

	icmp6->icmp6_cksum = csum_ipv6_magic(saddr, daddr, len, IPPROTO_ICMPV6,
					     csum_partial(icmp6, len, 0));
	skb_reset_transport_header(skb);
	ip6 = skb_push(skb, sizeof(*ip6));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(len);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *saddr;
	ip6->daddr = *daddr;

	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	if (ipv6_addr_is_multicast(daddr))
		ipv6_eth_mc_map(daddr, eth->h_dest);
	ether_addr_copy(eth->h_source, smac);
	eth->h_proto = htons(ETH_P_IPV6);
	__skb_pull(skb, ETH_HLEN);
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = port->lower ?: port->vd->dev;
	return skb;
}

/*
 * A solicitation or advertisement from @saddr to @daddr (at @dmac) out
 * of @port, about @target, from @smac (the frame's source and the
 * link-layer option).
 */
static struct sk_buff *vnet_nd_build(struct vnet_port *port, u8 type,
				     __be32 flags,
				     const struct in6_addr *saddr,
				     const struct in6_addr *daddr,
				     const u8 *dmac,
				     const struct in6_addr *target,
				     const u8 *smac)
{
	struct net_device *dev = port->lower ?: port->vd->dev;
	unsigned int head = LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr);
	struct vnet_nd_msg *msg;
	struct sk_buff *skb;

	skb = alloc_skb(head + sizeof(*msg), GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, head);
	msg = skb_put_zero(skb, sizeof(*msg));
	msg->icmp6.icmp6_type = type;
	msg->icmp6.icmp6_dataun.un_data32[0] = flags;
	msg->target = *target;
	msg->opt_type = type == NDISC_NEIGHBOUR_SOLICITATION ?
			ND_OPT_SOURCE_LL_ADDR : ND_OPT_TARGET_LL_ADDR;
	msg->opt_len = 1;
	ether_addr_copy(msg->lladdr, smac);
	/* The Ethernet header's room: vnet_nd_finish() maps multicast. */
	ether_addr_copy(skb->data - sizeof(struct ipv6hdr) - ETH_HLEN, dmac);
	return vnet_nd_finish(port, skb, saddr, daddr, smac);
}

/* A solicitation for @target out of @port, to its solicited-node group. */
struct sk_buff *vnet_nd_solicit(struct vnet_port *port,
				const struct in6_addr *target)
{
	struct in6_addr snm, ll;
	u8 dmac[ETH_ALEN];

	addrconf_addr_solict_mult(target, &snm);
	ipv6_eth_mc_map(&snm, dmac);
	vnet_port_ll(port, &ll);
	return vnet_nd_build(port, NDISC_NEIGHBOUR_SOLICITATION, 0, &ll, &snm,
			     dmac, target, vnet_port_mac(port));
}

/*
 * A solicited advertisement out of @port, for a vswitch's binding: that
 * @target is at @lladdr, to @daddr at @dmac, as @target would send it.
 */
struct sk_buff *vnet_nd_advert_for(struct vnet_port *port,
				   const struct in6_addr *target,
				   const u8 *lladdr,
				   const struct in6_addr *daddr,
				   const u8 *dmac, __be32 flags)
{
	return vnet_nd_build(port, NDISC_NEIGHBOUR_ADVERTISEMENT, flags,
			     target, daddr, dmac, target, lladdr);
}

/* An advertisement of @target, from it, to @daddr at @dmac. */
static void vnet_nd_advertise(struct vnet_port *port,
			      const struct in6_addr *target,
			      const struct in6_addr *daddr, const u8 *dmac,
			      bool solicited)
{
	__be32 flags = VNET_NA_ROUTER | VNET_NA_OVERRIDE;
	struct sk_buff *skb;

	if (solicited)
		flags |= VNET_NA_SOLICITED;
	skb = vnet_nd_build(port, NDISC_NEIGHBOUR_ADVERTISEMENT, flags, target,
			    daddr, dmac, target, vnet_port_mac(port));
	if (skb)
		vnet_port_xmit(port, skb);
}

/*
 * Tell the link @port is on that @addr is the router's now, as Linux does
 * on adding an address: an unsolicited advertisement to all nodes (with
 * override: whoever had the address before is now wrong). Under RTNL.
 */
void vnet_nd_announce(struct vnet_port *port, const struct in6_addr *addr)
{
	struct in6_addr all_nodes;
	u8 dmac[ETH_ALEN];

	ipv6_addr_set(&all_nodes, htonl(0xff020000), 0, 0, htonl(1));
	ipv6_eth_mc_map(&all_nodes, dmac);
	local_bh_disable();
	rcu_read_lock();
	vnet_nd_advertise(port, addr, &all_nodes, dmac, false);
	rcu_read_unlock();
	local_bh_enable();
}

/*
 * The link-layer address option @type of the message at @off..@end of
 * @skb (linear), or NULL; false if the options do not parse (a zero
 * length, one past the end, a link-layer one of the wrong size).
 */
bool vnet_nd_lladdr(const struct sk_buff *skb, unsigned int off,
		    unsigned int end, u8 type, const u8 **lladdr)
{
	const u8 *opt;
	unsigned int len;

	*lladdr = NULL;
	while (off < end) {
		if (end - off < 2)
			return false;
		opt = skb->data + off;
		len = opt[1] * 8;
		if (!len || len > end - off)
			return false;
		if (opt[0] == type) {
			if (len != 8)
				return false;
			*lladdr = opt + 2;
		}
		off += len;
	}
	return true;
}

/*
 * A neighbour solicitation or advertisement, a router solicitation (for
 * ra.c), or another ICMPv6 message of neighbour discovery, for the router
 * on @port: @skb's data at its IPv6 header, walked into @ip. Consumes
 * @skb.
 */
void vnet_nd_rx(struct vnet_port *port, struct sk_buff *skb,
		const struct vnet_ip_info *ip)
{
	struct vnet_dev *vd = port->vd;
	const struct vnet_nd_msg *msg;
	const struct ipv6hdr *ip6;
	struct vnet_neigh_key key;
	struct in6_addr daddr;
	const u8 *lladdr;
	unsigned int len;
	u8 type, dmac[ETH_ALEN];

	len = ip->end - ip->l4;
	/* No extension headers (nor fragments, RFC 6980); a message fits
	 * the minimum MTU.
	 */
	if (ip->l4 != sizeof(*ip6) || ip->end > IPV6_MIN_MTU ||
	    len < sizeof(struct rs_msg) || !pskb_may_pull(skb, ip->end))
		goto bad;
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		goto bad;
	ip6 = ipv6_hdr(skb);
	msg = (const struct vnet_nd_msg *)(skb->data + ip->l4);
	type = msg->icmp6.icmp6_type;
	if (type != NDISC_NEIGHBOUR_SOLICITATION &&
	    type != NDISC_NEIGHBOUR_ADVERTISEMENT &&
	    type != NDISC_ROUTER_SOLICITATION) {
		/* Advertisements of other routers, redirects: not for us. */
		consume_skb(skb);
		return;
	}
	if (ip6->hop_limit != 255 || msg->icmp6.icmp6_code ||
	    csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len, IPPROTO_ICMPV6,
			    csum_partial(msg, len, 0)) ||
	    !vnet_nd_unicast_or_any(&ip6->saddr))
		goto bad;

	if (type == NDISC_ROUTER_SOLICITATION) {
		bool unspec = ipv6_addr_any(&ip6->saddr);

		/* From a link-local address, or from none (RFC 4861 6.1.1). */
		if (!vnet_nd_lladdr(skb, ip->l4 + sizeof(struct rs_msg),
				    ip->end, ND_OPT_SOURCE_LL_ADDR, &lladdr) ||
		    (unspec ? !!lladdr : !vnet_ipv6_is_ll(&ip6->saddr)))
			goto bad;
		vnet_ra_solicited(port);
		consume_skb(skb);
		return;
	}
	if (len < offsetof(struct vnet_nd_msg, opt_type) ||
	    ipv6_addr_any(&msg->target) ||
	    !vnet_nd_unicast_or_any(&msg->target))
		goto bad;

	if (type == NDISC_NEIGHBOUR_SOLICITATION) {
		bool dad = ipv6_addr_any(&ip6->saddr);

		if (!vnet_nd_lladdr(skb, ip->l4 + offsetof(struct vnet_nd_msg,
							   opt_type),
				    ip->end, ND_OPT_SOURCE_LL_ADDR, &lladdr) ||
		    (dad && (lladdr || !ipv6_addr_is_solict_mult(&ip6->daddr))))
			goto bad;
		if (!vnet_nd_is_ours(vd, port, &msg->target)) {
			consume_skb(skb);
			return;
		}
		if (dad) {
			/* Someone is about to take our address: tell it. */
			ipv6_addr_set(&daddr, htonl(0xff020000), 0, 0,
				      htonl(1));
			ipv6_eth_mc_map(&daddr, dmac);
		} else {
			daddr = ip6->saddr;
			ether_addr_copy(dmac, lladdr ?: eth_hdr(skb)->h_source);
			if (!is_valid_ether_addr(dmac))
				goto bad;
			/* It refreshes the sender's entry, but makes none:
			 * any number of link-local sources could fill the
			 * table. The router solicits the sender when it has
			 * something for it.
			 */
			if (vnet_nd_on_link(vd, port, &ip6->saddr)) {
				vnet_neigh_key6(&key, &ip6->saddr, port);
				vnet_neigh_confirm(vd, port, &key, dmac, false,
						   true);
			}
		}
		vnet_nd_advertise(port, &msg->target, &daddr, dmac, !dad);
		consume_skb(skb);
		return;
	}

	/* The router solicits by multicast: an answer names its address. */
	if (!vnet_nd_lladdr(skb, ip->l4 + offsetof(struct vnet_nd_msg,
						   opt_type),
			    ip->end, ND_OPT_TARGET_LL_ADDR, &lladdr) ||
	    (ipv6_addr_is_multicast(&ip6->daddr) &&
	     (msg->icmp6.icmp6_dataun.un_data32[0] & VNET_NA_SOLICITED)))
		goto bad;
	/* An advertisement updates an entry the router has, and makes none;
	 * without override it does not change a known address (RFC 4861
	 * 7.2.5).
	 */
	if (lladdr && is_valid_ether_addr(lladdr) &&
	    vnet_nd_on_link(vd, port, &msg->target)) {
		vnet_neigh_key6(&key, &msg->target, port);
		vnet_neigh_confirm(vd, port, &key, lladdr, false,
				   msg->icmp6.icmp6_dataun.un_data32[0] &
				   VNET_NA_OVERRIDE);
	}
	consume_skb(skb);
	return;

bad:
	vnet_router_drop(port, skb, VNET_STATS_DROP_BAD_HEADER);
}
