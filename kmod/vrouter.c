// SPDX-License-Identifier: GPL-2.0
/*
 * The vrouter data path: an IPv4 and IPv6 router of its own. A frame for
 * the port's MAC (or a broadcast ARP, or IPv6 multicast) is taken apart:
 * ARP goes to arp.c, IPv6 to vrouter_ipv6.c, IPv4 is validated, looked
 * up in the device's LPM trie, answered (echo to the router's addresses,
 * ICMP errors) or forwarded: TTL decremented with an incremental checksum
 * update, fragmented or refused when larger than the egress MTU, given the
 * next hop's MAC and sent.
 *
 * The device's own netdev is a port too (VNET_HOST_PORT): what the host
 * sends on it enters the router like a frame from a port, and what the
 * router sends to it goes up the host stack.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <net/ip.h>
#include "vnet.h"

const u8 *vnet_port_mac(const struct vnet_port *port)
{
	if (port->lower)
		return port->lower->dev_addr;
	return port->patch ? port->mac : port->vd->router.host_mac;
}

/*
 * What @port sends at most: its endpoint's MTU; a patch's, the smaller of
 * its two devices' (a switch that is a segment across hosts takes what
 * its underlay carries, and the router answers for what does not fit).
 * Under RCU or RTNL.
 */
unsigned int vnet_port_mtu(const struct vnet_port *port)
{
	unsigned int mtu = READ_ONCE((port->lower ?: port->vd->dev)->mtu);
	const struct vnet_port *peer;

	if (port->lower)
		return mtu;
	peer = rcu_dereference_rtnl(port->peer);
	if (peer)
		mtu = min(mtu, READ_ONCE(peer->vd->dev->mtu));
	return mtu;
}

/* Count @which on @port and on its device. */
void vnet_router_count(struct vnet_port *port, enum vnet_stats which)
{
	vnet_stats_add(port->stats, which, 1);
	vnet_stats_add(port->vd->stats, which, 1);
}

/* Count @reason on the ingress or egress port and the device; free @skb. */
void vnet_router_drop(struct vnet_port *port, struct sk_buff *skb,
		      enum vnet_stats reason)
{
	vnet_router_count(port, reason);
	if (reason != VNET_STATS_RX_DROPPED)
		vnet_stats_add(port->vd->stats, VNET_STATS_RX_DROPPED, 1);
	kfree_skb(skb);
}

/*
 * The port a request names, by @name or else by @index: VNET_HOST_PORT
 * (index 0, as dumps report it) or one of the endpoints.
 */
struct vnet_port *vnet_router_port(struct vnet_dev *vd, u32 index,
				   const char *name)
{
	if (name ? !strcmp(name, VNET_HOST_PORT) : !index)
		return &vd->router.host;
	return vnet_port_find(vd, index, name);
}

/* Put the Ethernet header in front of @skb (data at IP) and send it. */
static void vnet_router_xmit(struct vnet_port *out, struct sk_buff *skb,
			     const u8 *dest)
{
	struct ethhdr *eth;

	if (skb_cow_head(skb, ETH_HLEN)) {
		vnet_stats_add(out->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, dest);
	ether_addr_copy(eth->h_source, vnet_port_mac(out));
	eth->h_proto = skb->protocol;
	__skb_pull(skb, ETH_HLEN);
	vnet_port_xmit(out, skb);
}

/*
 * Once the first fragment is cut, later ones carry only the options marked
 * to be copied (RFC 791): the others in @skb's header become no-ops, as
 * ip_options_fragment() does it for ip_do_fragment().
 */
static void vnet_frag_strip_options(struct sk_buff *skb)
{
	u8 *opt = skb_network_header(skb) + sizeof(struct iphdr);
	int left = ip_hdrlen(skb) - sizeof(struct iphdr), len;

	while (left > 0) {
		if (*opt == IPOPT_END)
			return;
		if (*opt == IPOPT_NOOP) {
			opt++;
			left--;
			continue;
		}
		len = left >= 2 ? opt[1] : 0;
		if (len < 2 || len > left)
			return;
		if (!IPOPT_COPIED(*opt))
			memset(opt, IPOPT_NOOP, len);
		opt += len;
		left -= len;
	}
}

/*
 * Split @skb (data at its IPv4 header, no DF) into fragments that fit @out
 * and send each, as ip_do_fragment() does; the loop is ours so that what a
 * fragment needs (@out, @dest) stays on this stack: a fragment crossing a
 * patch may come back here, on this CPU, for another router before the
 * next one is made.
 */
static void vnet_router_fragment(struct vnet_port *out, struct sk_buff *skb,
				 const u8 *dest)
{
	struct net_device *dev = out->lower ?: out->vd->dev;
	unsigned int mtu = vnet_port_mtu(out);
	unsigned int hlen = ip_hdrlen(skb);
	struct ip_frag_state state;
	struct sk_buff *frag;
	bool first = true;
	u16 crossings;

	if (unlikely(mtu < hlen + 8)) {
		vnet_router_drop(out, skb, VNET_STATS_DROP_MTU);
		return;
	}
	/* Each fragment is summed whole; a sum that would land in the IPv4
	 * header (a hostile csum_start) is refused, as ip_do_fragment() does.
	 */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    (ip_check_csum_start(skb) || skb_checksum_help(skb)))
		goto drop;
	/* Copied to each fragment otherwise; the router has no route. */
	skb_dst_drop(skb);
	/* Later fragments are cut from the header the first leaves. */
	if (hlen > sizeof(struct iphdr) && skb_ensure_writable(skb, hlen))
		goto drop;
	ip_frag_init(skb, hlen, LL_RESERVED_SPACE(dev), mtu - hlen, false,
		     &state);
	crossings = vnet_patch_crossings();
	while (state.left > 0) {
		frag = ip_frag_next(skb, &state);
		if (IS_ERR(frag))
			goto drop;
		if (first && hlen > sizeof(struct iphdr))
			vnet_frag_strip_options(skb);
		first = false;
		vnet_router_count(out, VNET_STATS_FRAGMENTS);
		vnet_patch_set_crossings(crossings);
		vnet_router_xmit(out, frag, dest);
	}
	consume_skb(skb);
	return;

drop:
	vnet_stats_add(out->stats, VNET_STATS_TX_DROPPED, 1);
	kfree_skb(skb);
}

/*
 * A GSO packet without DF whose segments do not fit @out: segment it in
 * software and send each segment, fragmented, as ip_finish_output_gso()
 * does (a TCP sender without path MTU discovery, a GRO'd flow).
 */
static void vnet_router_send_segments(struct vnet_port *out,
				      struct sk_buff *skb, const u8 *dest)
{
	struct sk_buff *segs, *next;
	u16 crossings;

	/* Data at the IPv4 header: the segmenting sees no MAC header. */
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		vnet_router_drop(out, skb, VNET_STATS_DROP_MTU);
		return;
	}
	consume_skb(skb);
	crossings = vnet_patch_crossings();
	skb_list_walk_safe(segs, segs, next) {
		skb_mark_not_on_list(segs);
		vnet_patch_set_crossings(crossings);
		vnet_router_send(out, segs, dest);
	}
}

/*
 * Send @skb (data at its IP header) out of @out to the MAC @dest,
 * segmenting and fragmenting an IPv4 one if it is larger than the port's
 * MTU (the forwarding path has refused those with DF already, and IPv6
 * ones, which a router never fragments).
 */
void vnet_router_send(struct vnet_port *out, struct sk_buff *skb,
		      const u8 *dest)
{
	unsigned int mtu = vnet_port_mtu(out);

	if (unlikely(skb->len > mtu) &&
	    !(skb_is_gso(skb) && skb_gso_validate_network_len(skb, mtu))) {
		/* The forwarding path answered these; one with DF here
		 * (or IPv6) waited for ARP while the port's MTU shrank.
		 */
		if (skb->protocol != htons(ETH_P_IP) ||
		    (ip_hdr(skb)->frag_off & htons(IP_DF))) {
			vnet_router_drop(out, skb, VNET_STATS_DROP_MTU);
			return;
		}
		if (skb_is_gso(skb))
			vnet_router_send_segments(out, skb, dest);
		else
			vnet_router_fragment(out, skb, dest);
		return;
	}
	vnet_router_xmit(out, skb, dest);
}

/* Check what a router must of an IPv4 header (RFC 1812 5.2.2). */
static bool vnet_router_valid(struct sk_buff *skb)
{
	const struct iphdr *iph;
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return false;
	iph = ip_hdr(skb);
	if (iph->version != 4 || iph->ihl < 5)
		return false;
	if (!pskb_may_pull(skb, iph->ihl * 4))
		return false;
	iph = ip_hdr(skb);
	if (ip_fast_csum((u8 *)iph, iph->ihl))
		return false;
	len = ntohs(iph->tot_len);
	if (len < iph->ihl * 4 || skb->len < len)
		return false;
	return !pskb_trim_rcsum(skb, len);
}

/* Network 0 (0.0.0.0/8): "this network", never a source or destination a
 * router forwards (RFC 1812 5.3.7). ipv4_is_zeronet() of 6.1 is 0.0.0.0
 * alone.
 */
static bool vnet_ipv4_is_net0(__be32 addr)
{
	return (addr & htonl(0xff000000)) == 0;
}

/* Martian sources and destinations (RFC 1812 5.3.7, ip_route_input()). */
static bool vnet_router_martian(const struct iphdr *iph)
{
	return ipv4_is_multicast(iph->daddr) || ipv4_is_lbcast(iph->daddr) ||
	       vnet_ipv4_is_net0(iph->daddr) || ipv4_is_loopback(iph->daddr) ||
	       ipv4_is_multicast(iph->saddr) || ipv4_is_lbcast(iph->saddr) ||
	       vnet_ipv4_is_net0(iph->saddr) || ipv4_is_loopback(iph->saddr);
}

/*
 * Does @iph (whole in the linear area: vnet_router_valid() pulled it)
 * carry a loose or strict source route? Linux drops those unless
 * accept_source_route is set (off by default): the sender, not the
 * routing table, would choose the path. Options that do not parse count
 * as source routed too: they are dropped either way.
 */
static bool vnet_router_source_routed(const struct iphdr *iph)
{
	const u8 *opt = (const u8 *)(iph + 1);
	unsigned int left = iph->ihl * 4 - sizeof(*iph);

	while (left) {
		if (opt[0] == IPOPT_END)
			return false;
		if (opt[0] == IPOPT_NOOP) {
			opt++;
			left--;
			continue;
		}
		if (left < 2 || opt[1] < 2 || opt[1] > left)
			return true;
		if (opt[0] == IPOPT_LSRR || opt[0] == IPOPT_SSRR)
			return true;
		left -= opt[1];
		opt += opt[1];
	}
	return false;
}

/*
 * Is @daddr the directed broadcast of @rt's connected subnet? Not
 * forwarded, nor answered with an ICMP error.
 */
bool vnet_router_subnet_broadcast(const struct vnet_route *rt, __be32 daddr)
{
	u32 host = ~vnet_prefix_mask(rt->plen);

	return rt->type == VNET_ROUTE_TYPE_CONNECTED && rt->plen < 31 &&
	       (ntohl(daddr) & host) == host;
}

/* @skb: an IPv4 packet from @in, data at its header. */
static void vnet_router_ipv4(struct vnet_port *in, struct sk_buff *skb)
{
	struct vnet_dev *vd = in->vd;
	const struct vnet_route *rt;
	struct vnet_neigh_key nexthop;
	struct vnet_port *out;
	struct vnet_nat nat;
	bool ttl_check, natting;
	struct iphdr *iph;
	__be32 daddr;

	skb_reset_network_header(skb);
	if (unlikely(!vnet_router_valid(skb))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_BAD_HEADER);
		return;
	}
	iph = ip_hdr(skb);
	if (unlikely(vnet_router_martian(iph) ||
		     (iph->ihl > 5 && vnet_router_source_routed(iph)))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
		return;
	}
	/* Routed to where NAT will send it; rewritten on the way out. */
	daddr = iph->daddr;
	natting = READ_ONCE(vd->router.nat_count);
	if (unlikely(natting)) {
		if (!vnet_nat_in(vd, skb, &nat)) {
			vnet_router_drop(in, skb, nat.why);
			return;
		}
		daddr = nat.daddr;
	}
	rt = vnet_lpm_lookup(&vd->router.routes, daddr);
	if (unlikely(!rt)) {
		vnet_icmp_error(in, skb, ICMP_DEST_UNREACH, ICMP_NET_UNREACH, 0);
		vnet_router_drop(in, skb, VNET_STATS_DROP_NO_ROUTE);
		return;
	}
	if (rt->type == VNET_ROUTE_TYPE_LOCAL) {
		vnet_icmp_local(in, skb);
		return;
	}
	if (unlikely(vnet_router_subnet_broadcast(rt, daddr))) {
		vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
		return;
	}
	ttl_check = READ_ONCE(vd->params.ttl_check);
	if (ttl_check && unlikely(iph->ttl <= 1)) {
		vnet_icmp_error(in, skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
		vnet_router_drop(in, skb, VNET_STATS_DROP_TTL);
		return;
	}
	out = rt->port;
	if (unlikely(skb->len > vnet_port_mtu(out) &&
		     (iph->frag_off & htons(IP_DF)) &&
		     !(skb_is_gso(skb) &&
		       skb_gso_validate_network_len(skb, vnet_port_mtu(out))))) {
		vnet_icmp_error(in, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
				vnet_port_mtu(out));
		vnet_router_drop(in, skb, VNET_STATS_DROP_MTU);
		return;
	}
	if (unlikely(natting) && !vnet_nat_out(vd, in, out, skb, &nat)) {
		vnet_router_drop(in, skb, nat.why);
		return;
	}
	vnet_neigh_key4(&nexthop, rt->gw ?: daddr);
	if (ttl_check) {
		if (skb_ensure_writable(skb, sizeof(*iph))) {
			vnet_router_drop(in, skb, VNET_STATS_RX_DROPPED);
			return;
		}
		ip_decrease_ttl(ip_hdr(skb));
	}
	vnet_neigh_output(vd, in, out, &nexthop, skb);
}

/* @skb from @in: data at the network header, Ethernet header before it. */
static void vnet_router_input(struct vnet_port *in, struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);

	if (unlikely(!(in->vd->dev->flags & IFF_UP))) {
		vnet_router_drop(in, skb, VNET_STATS_RX_DROPPED);
		return;
	}
	/* The lower is promiscuous: only what is sent to us is ours, and
	 * what goes to everyone, as ARP and neighbour discovery do.
	 */
	if (!ether_addr_equal(eth->h_dest, vnet_port_mac(in)) &&
	    !(is_broadcast_ether_addr(eth->h_dest) &&
	      eth->h_proto == htons(ETH_P_ARP)) &&
	    !(is_multicast_ether_addr(eth->h_dest) &&
	      eth->h_proto == htons(ETH_P_IPV6))) {
		consume_skb(skb);
		return;
	}
	/* The router has no VLAN of its own, as a host with no VLAN device
	 * (__netif_receive_skb_core()): a frame of a VLAN is not for it, and
	 * a priority tag (VID 0) is taken off, never to leave with a routed
	 * frame or a reply.
	 */
	if (unlikely(skb_vlan_tag_present(skb))) {
		if (skb_vlan_tag_get_id(skb)) {
			vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
			return;
		}
		__vlan_hwaccel_clear_tag(skb);
	}
	/* The packet is the router's now, as in ip_rcv(): one waiting for
	 * its next hop must not hold the sending socket's buffer (a veth
	 * from a host's namespace keeps the owner). Nor does its receive
	 * time go on with it, as in ip_forward(): on the way out it would
	 * read as a departure time (fq drops it as beyond its horizon).
	 */
	skb_orphan(skb);
	skb_clear_tstamp(skb);
	switch (eth->h_proto) {
	case htons(ETH_P_IP):
		/* What GSO segmenting dispatches on: the frame's own type,
		 * not what a sender with a vnet header claimed.
		 */
		skb->protocol = htons(ETH_P_IP);
		vnet_router_ipv4(in, skb);
		break;
	case htons(ETH_P_IPV6):
		skb->protocol = htons(ETH_P_IPV6);
		vnet_router_ipv6(in, skb);
		break;
	case htons(ETH_P_ARP):
		vnet_arp_rx(in, skb);
		break;
	default:
		vnet_router_drop(in, skb, VNET_STATS_DROP_NOT_ROUTABLE);
	}
}

static void vnet_vrouter_rx(struct vnet_port *port, struct sk_buff *skb)
{
	vnet_router_input(port, skb);
}

/* The host sent @skb on the device: it comes in on the host port. */
static void vnet_vrouter_xmit(struct vnet_dev *vd, struct sk_buff *skb)
{
	struct vnet_port *host = &vd->router.host;

	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		vnet_stats_add(vd->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	/* Nothing of the host's route travels with it (vnet_router_input()
	 * orphans it of the host's socket).
	 */
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	vnet_stats_packet(host->stats, VNET_STATS_RX_PACKETS, skb->len);
	vnet_router_input(host, skb);
}

static int vnet_vrouter_init(struct vnet_dev *vd)
{
	struct vnet_router *r = &vd->router;
	struct vnet_port *host = &r->host;
	int err;

	INIT_LIST_HEAD(&r->addrs);
	host->stats = netdev_alloc_pcpu_stats(struct vnet_pcpu_stats);
	if (!host->stats)
		return -ENOMEM;
	err = vnet_icmp_init(vd);
	if (err)
		goto err_stats;
	err = vnet_neigh_init(vd);
	if (err)
		goto err_icmp;
	err = vnet_ct_init(vd);
	if (err)
		goto err_neigh;
	err = vnet_nat_init(vd);
	if (err)
		goto err_ct;
	host->vd = vd;
	host->index = 0;
	host->up = 1;
	host->resolve_start = jiffies;
	strscpy(host->name, VNET_HOST_PORT, sizeof(host->name));
	eth_random_addr(r->host_mac);
	vnet_ra_init(vd);
	r->ready = true;
	return 0;

err_ct:
	vnet_ct_uninit(vd);
err_neigh:
	vnet_neigh_uninit(vd);
err_icmp:
	vnet_icmp_uninit(vd);
err_stats:
	free_percpu(host->stats);
	return err;
}

/* Ports are gone and no reader is left. */
static void vnet_vrouter_uninit(struct vnet_dev *vd)
{
	struct vnet_router *r = &vd->router;

	r->ready = false;
	vnet_ra_uninit(vd);
	vnet_nat_flush(vd);
	vnet_nat_uninit(vd);
	vnet_ct_uninit(vd);
	vnet_neigh_uninit(vd);
	vnet_route_flush(vd);
	vnet_icmp_uninit(vd);
	free_percpu(r->host.stats);
}

/* Settings come before publishing: a port made advertising starts now. */
static int vnet_vrouter_port_added(struct vnet_port *port)
{
	if (READ_ONCE(port->ra))
		vnet_ra_kick(port->vd);
	return 0;
}

static void vnet_vrouter_port_removed(struct vnet_port *port)
{
	struct vnet_dev *vd = port->vd;

	vnet_ra_port_removed(port);
	vnet_nat_port_removed(vd, port);
	vnet_route_port_removed(vd, port);
	/* A packet that found a route out of @port before it went may still
	 * make a neighbour on it: wait for those (there are none once the
	 * device is going), then forget them all.
	 */
	if (!vnet_dev_going(vd))
		synchronize_net();
	vnet_neigh_forget(vd, port, NULL);
}

const struct vnet_kind_ops vnet_vrouter_ops = {
	.kind = VNET_KIND_VROUTER,
	.name = "vrouter",
	.setup = vnet_vrouter_setup,
	.link_ops = &vnet_vrouter_link_ops,
	.init = vnet_vrouter_init,
	.uninit = vnet_vrouter_uninit,
	.rx = vnet_vrouter_rx,
	.xmit = vnet_vrouter_xmit,
	.port_added = vnet_vrouter_port_added,
	.port_removed = vnet_vrouter_port_removed,
};
