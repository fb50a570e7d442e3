// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 neighbour discovery of the vrouter (RFC 4861), beside ARP: each
 * port has a link-local address made from its MAC (EUI-64), answers
 * solicitations for its addresses, learns the sender of a solicitation
 * aimed at it and updates the entries it asked for from advertisements
 * (never makes one from an unsolicited advertisement: any host on the
 * link could fill the table), solicits next hops for neigh.c, and
 * announces an address when it is added. What fails the RFC's checks
 * (hop limit 255, code 0, lengths, options) is dropped as a bad header.
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

/* The flags of an advertisement (RFC 4861 4.4). */
#define VNET_NA_ROUTER		htonl(0x80000000)
#define VNET_NA_SOLICITED	htonl(0x40000000)
#define VNET_NA_OVERRIDE	htonl(0x20000000)

/* A solicitation or advertisement: its header, target and one option. */
struct vnet_nd_msg {
	struct icmp6hdr icmp6;
	struct in6_addr target;
	u8 opt_type;
	u8 opt_len;			/* in units of 8 bytes */
	u8 lladdr[ETH_ALEN];
} __packed;

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
 * A solicitation or advertisement from @saddr to @daddr (at @dmac) out
 * of @port, about @target, with @port's MAC as its link-layer option;
 * data at the IPv6 header, as for vnet_port_xmit().
 */
static struct sk_buff *vnet_nd_build(struct vnet_port *port, u8 type,
				     __be32 flags,
				     const struct in6_addr *saddr,
				     const struct in6_addr *daddr,
				     const u8 *dmac,
				     const struct in6_addr *target)
{
	struct net_device *dev = port->lower ?: port->vd->dev;
	struct vnet_nd_msg *msg;
	struct ipv6hdr *ip6;
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6) + sizeof(*msg),
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	msg = skb_put_zero(skb, sizeof(*msg));
	skb_set_transport_header(skb, sizeof(*ip6));

	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(sizeof(*msg));
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *saddr;
	ip6->daddr = *daddr;

	msg->icmp6.icmp6_type = type;
	msg->icmp6.icmp6_dataun.un_data32[0] = flags;
	msg->target = *target;
	msg->opt_type = type == NDISC_NEIGHBOUR_SOLICITATION ?
			ND_OPT_SOURCE_LL_ADDR : ND_OPT_TARGET_LL_ADDR;
	msg->opt_len = 1;
	ether_addr_copy(msg->lladdr, vnet_port_mac(port));
	msg->icmp6.icmp6_cksum =
		csum_ipv6_magic(saddr, daddr, sizeof(*msg), IPPROTO_ICMPV6,
				csum_partial(msg, sizeof(*msg), 0));

	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, dmac);
	ether_addr_copy(eth->h_source, vnet_port_mac(port));
	eth->h_proto = htons(ETH_P_IPV6);
	__skb_pull(skb, ETH_HLEN);
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	return skb;
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
			     dmac, target);
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
			    daddr, dmac, target);
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
static bool vnet_nd_lladdr(const struct sk_buff *skb, unsigned int off,
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
			    csum_partial(msg, len, 0)))
		goto bad;

	if (type == NDISC_ROUTER_SOLICITATION) {
		bool unspec = ipv6_addr_any(&ip6->saddr);

		if (!vnet_nd_lladdr(skb, ip->l4 + sizeof(struct rs_msg),
				    ip->end, ND_OPT_SOURCE_LL_ADDR, &lladdr) ||
		    (unspec && lladdr))
			goto bad;
		vnet_ra_solicited(port, skb, lladdr);
		consume_skb(skb);
		return;
	}
	if (len < offsetof(struct vnet_nd_msg, opt_type) ||
	    ipv6_addr_is_multicast(&msg->target))
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
		/* A solicitation for us makes its sender's entry: it will be
		 * answered and talked to.
		 */
		if (!dad && lladdr && is_valid_ether_addr(lladdr) &&
		    vnet_nd_on_link(vd, port, &ip6->saddr)) {
			vnet_neigh_key6(&key, &ip6->saddr, port);
			vnet_neigh_confirm(vd, port, &key, lladdr, true);
		}
		if (dad) {
			/* Someone is about to take our address: tell it. */
			ipv6_addr_set(&daddr, htonl(0xff020000), 0, 0,
				      htonl(1));
			ipv6_eth_mc_map(&daddr, dmac);
		} else {
			daddr = ip6->saddr;
			ether_addr_copy(dmac, lladdr ?: eth_hdr(skb)->h_source);
		}
		vnet_nd_advertise(port, &msg->target, &daddr, dmac, !dad);
		consume_skb(skb);
		return;
	}

	if (!vnet_nd_lladdr(skb, ip->l4 + offsetof(struct vnet_nd_msg,
						   opt_type),
			    ip->end, ND_OPT_TARGET_LL_ADDR, &lladdr) ||
	    (ipv6_addr_is_multicast(&ip6->daddr) &&
	     (msg->icmp6.icmp6_dataun.un_data32[0] & VNET_NA_SOLICITED)))
		goto bad;
	/* An advertisement updates only what the router asked about. */
	lladdr = lladdr ?: eth_hdr(skb)->h_source;
	if (is_valid_ether_addr(lladdr) &&
	    vnet_nd_on_link(vd, port, &msg->target)) {
		vnet_neigh_key6(&key, &msg->target, port);
		vnet_neigh_confirm(vd, port, &key, lladdr, false);
	}
	consume_skb(skb);
	return;

bad:
	vnet_router_drop(port, skb, VNET_STATS_DROP_BAD_HEADER);
}
