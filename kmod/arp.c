// SPDX-License-Identifier: GPL-2.0
/*
 * ARP for the vrouter: answer requests for the router's own addresses on
 * the port they arrive on, learn the sender of requests aimed at us and
 * of replies, refresh known entries from any ARP, and build requests.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <net/arp.h>
#include "vnet.h"

/*
 * Build an ARP packet out of @port from @src_hw (the frame's source and
 * the sender's); data at the ARP header, as for xmit.
 */
static struct sk_buff *vnet_arp_build(struct vnet_port *port, int op,
				      __be32 dest_ip, __be32 src_ip,
				      const u8 *dest_hw, const u8 *src_hw,
				      const u8 *target_hw)
{
	struct net_device *dev = port->lower ?: port->vd->dev;
	struct sk_buff *skb;

	skb = arp_create(op, ETH_P_ARP, dest_ip, dev, src_ip, dest_hw, src_hw,
			 target_hw);
	if (!skb)
		return NULL;
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	return skb;
}

/* A broadcast request for @target out of @port; the caller sends it. */
struct sk_buff *vnet_arp_request(struct vnet_port *port, __be32 target)
{
	__be32 src = vnet_addr_source(port->vd, port, target);

	return vnet_arp_build(port, ARPOP_REQUEST, target, src, NULL,
			      vnet_port_mac(port), NULL);
}

/*
 * A reply out of @port to @dest_ip at @dest_hw that @src_ip is at
 * @src_hw: the router's own, or a vswitch's on behalf of a binding.
 */
struct sk_buff *vnet_arp_reply(struct vnet_port *port, __be32 dest_ip,
			       const u8 *dest_hw, __be32 src_ip,
			       const u8 *src_hw)
{
	return vnet_arp_build(port, ARPOP_REPLY, dest_ip, src_ip, dest_hw,
			      src_hw, dest_hw);
}

/* Is @addr an address of the router on @port? */
static bool vnet_arp_is_ours(struct vnet_dev *vd, const struct vnet_port *port,
			     __be32 addr)
{
	const struct vnet_route *rt = vnet_lpm_lookup(&vd->router.routes, addr);

	return rt && rt->type == VNET_ROUTE_TYPE_LOCAL && rt->port == port &&
	       rt->dst == addr;
}

/* Is @addr a neighbour on @port: on one of its connected subnets? */
static bool vnet_arp_on_link(struct vnet_dev *vd, const struct vnet_port *port,
			     __be32 addr)
{
	const struct vnet_route *rt = vnet_lpm_lookup(&vd->router.routes, addr);

	return rt && rt->port == port &&
	       (rt->type == VNET_ROUTE_TYPE_CONNECTED ||
		(rt->type == VNET_ROUTE_TYPE_STATIC && !rt->gw));
}

/* @skb: data at the ARP header, addressed to us or broadcast. */
void vnet_arp_rx(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_dev *vd = port->vd;
	struct vnet_arp_body body;
	const struct arphdr *arp;
	struct sk_buff *reply;
	bool for_us;
	u16 op;

	if (!pskb_may_pull(skb, sizeof(*arp) + sizeof(body)))
		goto bad;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != 4)
		goto bad;
	op = ntohs(arp->ar_op);
	if (op != ARPOP_REQUEST && op != ARPOP_REPLY)
		goto bad;
	memcpy(&body, arp + 1, sizeof(body));
	if (!is_valid_ether_addr(body.sha)) {
		vnet_router_drop(port, skb, VNET_STATS_DROP_BAD_SOURCE);
		return;
	}

	for_us = vnet_arp_is_ours(vd, port, body.tip) ||
		 vnet_nat_arp_owns(vd, port, body.tip);
	/* An address probe (sender 0.0.0.0) teaches nothing. A request for
	 * us makes its sender's entry, as it will be answered; a reply only
	 * updates one the router has (it asked), as Linux without
	 * arp_accept: unsolicited replies would let any host on the link
	 * fill the table.
	 */
	if (body.sip && vnet_arp_on_link(vd, port, body.sip)) {
		struct vnet_neigh_key key;

		vnet_neigh_key4(&key, body.sip);
		vnet_neigh_confirm(vd, port, &key, body.sha,
				   for_us && op == ARPOP_REQUEST, true);
	}

	if (op == ARPOP_REQUEST && for_us) {
		reply = vnet_arp_reply(port, body.sip, body.sha, body.tip,
				       vnet_port_mac(port));
		if (reply)
			vnet_port_xmit(port, reply);
	}
	consume_skb(skb);
	return;

bad:
	vnet_router_drop(port, skb, VNET_STATS_DROP_BAD_HEADER);
}
