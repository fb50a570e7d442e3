// SPDX-License-Identifier: GPL-2.0
/*
 * The vswitch data path: learn the source, then send known unicast to its
 * port, flood broadcast, multicast and unknown unicast to every other port
 * whose flood flag is on, and hand frames for the device itself (and
 * flooded ones) up the host stack. The device's own netdev is the host's
 * port: what the host sends on it is switched like a frame from a port.
 * 802.1D link-local frames from a port go up only, as in br_handle_frame(),
 * unless the device's group-fwd-mask forwards their group.
 */
#include <linux/etherdevice.h>
#include "vnet.h"

/* Send a copy of @skb to every port but @from whose flood flag is on. */
static void vnet_vswitch_flood(struct vnet_dev *vd, struct vnet_port *from,
			       struct sk_buff *skb)
{
	struct vnet_port *port, *prev = NULL;

	vnet_stats_add(vd->stats, VNET_STATS_FLOODED, 1);
	list_for_each_entry_rcu(port, &vd->ports, list) {
		if (port == from || !READ_ONCE(port->flood) ||
		    !READ_ONCE(port->up))
			continue;
		if (prev) {
			struct sk_buff *copy = skb_clone(skb, GFP_ATOMIC);

			if (copy)
				vnet_port_xmit(prev, copy);
			else
				vnet_stats_add(prev->stats, VNET_STATS_TX_DROPPED, 1);
		}
		prev = port;
	}
	if (prev)
		vnet_port_xmit(prev, skb);
	else
		consume_skb(skb);
}

/* Hand a copy of @skb up the host stack: a miss is the host's only. */
static void vnet_vswitch_copy_up(struct vnet_dev *vd, struct sk_buff *skb)
{
	struct sk_buff *up = skb_clone(skb, GFP_ATOMIC);

	if (up)
		vnet_dev_deliver(vd, up, false);
	else
		vnet_stats_add(vd->stats, VNET_STATS_RX_DROPPED, 1);
}

/*
 * Forward @skb, whose data is at the network header. @from is the ingress
 * port, or NULL when the host sent it on the device.
 */
void vnet_vswitch_forward(struct vnet_dev *vd, struct vnet_port *from,
			  struct sk_buff *skb)
{
	struct vnet_port *to;
	const u8 *dest;

	if (unlikely(READ_ONCE(vd->params.neigh_suppress)) &&
	    vnet_neigh_suppress(vd, from, skb))
		return;
	dest = eth_hdr(skb)->h_dest;
	if (is_multicast_ether_addr(dest)) {
		if (from) {
			/* STP, pause, LACP, 802.1X, LLDP: for the host, and
			 * never across the switch: a bridge is not a wire.
			 */
			if (unlikely(is_link_local_ether_addr(dest)) &&
			    !(READ_ONCE(vd->params.group_fwd_mask) &
			      BIT(dest[5]))) {
				vnet_dev_deliver(vd, skb, false);
				return;
			}
			vnet_vswitch_copy_up(vd, skb);
		}
		vnet_vswitch_flood(vd, from, skb);
		return;
	}
	if (from) {
		if (ether_addr_equal(dest, vd->dev->dev_addr)) {
			vnet_dev_deliver(vd, skb, false);
			return;
		}
		/* A macvlan on the device, or a bridge it is a port of, asks
		 * for others' unicast: the core makes the device promiscuous
		 * for secondary addresses (no IFF_UNICAST_FLT), as for the
		 * bridge, so a copy of every frame goes up.
		 */
		if (unlikely(vd->dev->flags & IFF_PROMISC))
			vnet_vswitch_copy_up(vd, skb);
	}
	to = vnet_fdb_lookup(vd, dest);
	if (!to) {
		vnet_vswitch_flood(vd, from, skb);
		return;
	}
	if (unlikely(to == from)) {
		vnet_stats_add(vd->stats, VNET_STATS_DROP_LOOP, 1);
		kfree_skb(skb);
		return;
	}
	vnet_port_xmit(to, skb);
}

void vnet_vswitch_rx(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_dev *vd = port->vd;

	if (unlikely(!(vd->dev->flags & IFF_UP))) {
		vnet_stats_add(port->stats, VNET_STATS_RX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	if (READ_ONCE(port->learning))
		vnet_fdb_learn(vd, port, eth_hdr(skb)->h_source);
	vnet_vswitch_forward(vd, port, skb);
}

void vnet_vswitch_xmit(struct vnet_dev *vd, struct sk_buff *skb)
{
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		vnet_stats_add(vd->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	if (list_empty(&vd->ports)) {
		vnet_stats_add(vd->stats, VNET_STATS_DROP_NO_PORT, 1);
		vnet_stats_add(vd->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	vnet_vswitch_forward(vd, NULL, skb);
}

/* The bindings first: the fdb's ageing work ages them too. */
static int vnet_vswitch_init(struct vnet_dev *vd)
{
	int err;

	err = vnet_bindings_init(vd);
	if (err)
		return err;
	err = vnet_fdb_init(vd);
	if (err)
		vnet_bindings_uninit(vd);
	return err;
}

/* The fdb's first: its ageing work ages the bindings too. */
static void vnet_vswitch_uninit(struct vnet_dev *vd)
{
	vnet_fdb_uninit(vd);
	vnet_bindings_uninit(vd);
}

/* Port security's addresses are bindings (neigh_suppress.c). */
static int vnet_vswitch_port_added(struct vnet_port *port)
{
	vnet_bindings_port_security(port);
	return 0;
}

static void vnet_vswitch_port_removed(struct vnet_port *port)
{
	vnet_fdb_flush_port(port->vd, port);
	vnet_bindings_port_removed(port);
}

/* Under RTNL: ageing may have changed; bindings go with neigh-suppress. */
static void vnet_vswitch_params_changed(struct vnet_dev *vd)
{
	vnet_fdb_ageing_changed(vd);
	vnet_bindings_params_changed(vd);
}

const struct vnet_kind_ops vnet_vswitch_ops = {
	.kind = VNET_KIND_VSWITCH,
	.name = "vswitch",
	.setup = vnet_vswitch_setup,
	.link_ops = &vnet_vswitch_link_ops,
	.init = vnet_vswitch_init,
	.uninit = vnet_vswitch_uninit,
	.rx = vnet_vswitch_rx,
	.xmit = vnet_vswitch_xmit,
	.port_added = vnet_vswitch_port_added,
	.port_removed = vnet_vswitch_port_removed,
	.params_changed = vnet_vswitch_params_changed,
};
