// SPDX-License-Identifier: GPL-2.0
/*
 * The vswitch data path: learn the source, then send known unicast to its
 * port, flood broadcast, multicast and unknown unicast to every other port
 * whose flood flag is on, and hand frames for the device itself (and
 * flooded ones) up the host stack. The device's own netdev is the host's
 * port: what the host sends on it is switched like a frame from a port.
 * 802.1D link-local frames from a port go up only, as in br_handle_frame(),
 * unless the device's group-fwd-mask forwards their group. With
 * vlan-filtering each frame stays in its VLAN (vlan.c): the table is keyed
 * by MAC and VLAN, and a port that is not a member sees none of its frames.
 */
#include <linux/etherdevice.h>
#include "vnet.h"

/* Out of @port, if a member of @skb's VLAN (when @vlans); else dropped. */
static void vnet_vswitch_out(struct vnet_port *port, struct sk_buff *skb,
			     bool vlans)
{
	if (unlikely(vlans) &&
	    !vnet_vlan_egress(rcu_dereference(port->vlan), skb)) {
		vnet_stats_add(port->stats, VNET_STATS_DROP_VLAN, 1);
		vnet_stats_add(port->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	vnet_port_xmit(port, skb);
}

/*
 * STP, pause, LACP, 802.1X, LLDP: for the host, and never across the
 * switch (a bridge is not a wire), unless group-fwd-mask forwards them.
 */
static bool vnet_vswitch_link_local(const struct vnet_dev *vd,
				    const u8 *dest)
{
	return unlikely(is_link_local_ether_addr(dest)) &&
	       !(READ_ONCE(vd->params.group_fwd_mask) & BIT(dest[5]));
}

/*
 * Send a copy of @skb to every port but @from whose flood flag is on (and
 * that is a member of its VLAN when @vlans).
 */
static void vnet_vswitch_flood(struct vnet_dev *vd, struct vnet_port *from,
			       struct sk_buff *skb, bool vlans)
{
	struct vnet_port *port, *prev = NULL;
	u16 vid = skb_vlan_tag_get_id(skb);

	vnet_stats_add(vd->stats, VNET_STATS_FLOODED, 1);
	list_for_each_entry_rcu(port, &vd->ports, list) {
		if (port == from || !READ_ONCE(port->flood) ||
		    !READ_ONCE(port->up))
			continue;
		if (unlikely(vlans) &&
		    !vnet_vlan_member(rcu_dereference(port->vlan), vid))
			continue;
		if (prev) {
			struct sk_buff *copy = skb_clone(skb, GFP_ATOMIC);

			if (copy)
				vnet_vswitch_out(prev, copy, vlans);
			else
				vnet_stats_add(prev->stats, VNET_STATS_TX_DROPPED, 1);
		}
		prev = port;
	}
	if (prev)
		vnet_vswitch_out(prev, skb, vlans);
	else
		consume_skb(skb);
}

/*
 * Hand @skb up the host stack, if the host side is a member of its VLAN
 * (when @vlans); else it is dropped.
 */
static void vnet_vswitch_up(struct vnet_dev *vd, struct sk_buff *skb,
			    bool vlans)
{
	if (unlikely(vlans) &&
	    !vnet_vlan_egress(rcu_dereference(vd->host_vlan), skb)) {
		vnet_stats_add(vd->stats, VNET_STATS_DROP_VLAN, 1);
		kfree_skb(skb);
		return;
	}
	vnet_dev_deliver(vd, skb, false);
}

/* Hand a copy of @skb up the host stack: a miss is the host's only. */
static void vnet_vswitch_copy_up(struct vnet_dev *vd, struct sk_buff *skb,
				 bool vlans)
{
	struct sk_buff *up;

	/* Not the host's VLAN: nothing for it, and nothing dropped. */
	if (unlikely(vlans) &&
	    !vnet_vlan_member(rcu_dereference(vd->host_vlan),
			      skb_vlan_tag_get_id(skb)))
		return;
	up = skb_clone(skb, GFP_ATOMIC);
	if (up)
		vnet_vswitch_up(vd, up, vlans);
	else
		vnet_stats_add(vd->stats, VNET_STATS_RX_DROPPED, 1);
}

/*
 * Forward @skb, whose data is at the network header. @from is the ingress
 * port, or NULL when the host sent it on the device. @vid is its VLAN with
 * vlan-filtering, also its accelerated tag (vlan.c); 0 without.
 */
void vnet_vswitch_forward(struct vnet_dev *vd, struct vnet_port *from,
			  struct sk_buff *skb, u16 vid)
{
	bool vlans = vid;
	struct vnet_port *to;
	const u8 *dest;

	if (unlikely(READ_ONCE(vd->params.neigh_suppress)) &&
	    vnet_neigh_suppress(vd, from, skb, vid))
		return;
	dest = eth_hdr(skb)->h_dest;
	if (is_multicast_ether_addr(dest)) {
		if (from) {
			/* With VLANs, vnet_vswitch_rx() took them up. */
			if (vnet_vswitch_link_local(vd, dest)) {
				vnet_dev_deliver(vd, skb, false);
				return;
			}
			vnet_vswitch_copy_up(vd, skb, vlans);
		}
		vnet_vswitch_flood(vd, from, skb, vlans);
		return;
	}
	if (from) {
		if (ether_addr_equal(dest, vd->dev->dev_addr)) {
			vnet_vswitch_up(vd, skb, vlans);
			return;
		}
		/* A macvlan on the device, or a bridge it is a port of, asks
		 * for others' unicast: the core makes the device promiscuous
		 * for secondary addresses (no IFF_UNICAST_FLT), as for the
		 * bridge, so a copy of every frame goes up.
		 */
		if (unlikely(vd->dev->flags & IFF_PROMISC))
			vnet_vswitch_copy_up(vd, skb, vlans);
	}
	to = vnet_fdb_lookup(vd, dest, vid);
	if (!to) {
		vnet_vswitch_flood(vd, from, skb, vlans);
		return;
	}
	if (unlikely(to == from)) {
		vnet_stats_add(vd->stats, VNET_STATS_DROP_LOOP, 1);
		kfree_skb(skb);
		return;
	}
	vnet_vswitch_out(to, skb, vlans);
}

void vnet_vswitch_rx(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_dev *vd = port->vd;
	u16 vid = 0;

	if (unlikely(!(vd->dev->flags & IFF_UP))) {
		vnet_stats_add(port->stats, VNET_STATS_RX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	if (unlikely(READ_ONCE(vd->params.vlan_filtering))) {
		/* Link-local frames go up as they came, whatever their
		 * VLAN, as in br_handle_frame().
		 */
		if (vnet_vswitch_link_local(vd, eth_hdr(skb)->h_dest)) {
			vnet_dev_deliver(vd, skb, false);
			return;
		}
		skb = vnet_vlan_ingress(vd, rcu_dereference(port->vlan),
					port->stats, VNET_STATS_RX_DROPPED,
					skb);
		if (!skb)
			return;
		vid = skb_vlan_tag_get_id(skb);
	}
	if (READ_ONCE(port->learning))
		vnet_fdb_learn(vd, port, eth_hdr(skb)->h_source, vid);
	vnet_vswitch_forward(vd, port, skb, vid);
}

void vnet_vswitch_xmit(struct vnet_dev *vd, struct sk_buff *skb)
{
	u16 vid = 0;

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
	if (unlikely(READ_ONCE(vd->params.vlan_filtering))) {
		skb = vnet_vlan_ingress(vd, rcu_dereference(vd->host_vlan),
					vd->stats, VNET_STATS_TX_DROPPED, skb);
		if (!skb)
			return;
		vid = skb_vlan_tag_get_id(skb);
	}
	vnet_vswitch_forward(vd, NULL, skb, vid);
}

/* The bindings first: the fdb's ageing work ages them too. */
static int vnet_vswitch_init(struct vnet_dev *vd)
{
	int err;

	/* Made with VLANs, its table is of VLANs from the first entry. */
	vd->vlan_state = vd->params.vlan_filtering |
			 vd->params.vlan_protocol << 1;
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
	vnet_vlan_free(&vd->host_vlan);
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

/*
 * Under RTNL: ageing may have changed; bindings go with neigh-suppress;
 * what was learned with or without VLANs is forgotten when that changes,
 * and what port security owns moves to its VLAN (or out of it).
 */
static void vnet_vswitch_params_changed(struct vnet_dev *vd)
{
	u8 vlans = vd->params.vlan_filtering | vd->params.vlan_protocol << 1;
	struct vnet_port *port;
	bool refilter;

	vnet_fdb_ageing_changed(vd);
	vnet_bindings_params_changed(vd);
	if (vlans == vd->vlan_state)
		return;
	refilter = (vlans ^ vd->vlan_state) & 1;
	vd->vlan_state = vlans;
	/* Frames judged the old way are done first, or they learn again. */
	synchronize_net();
	vnet_fdb_flush_learned(vd);
	list_for_each_entry(port, &vd->ports, list) {
		vnet_bindings_forget_learned(port);
		if (refilter)
			vnet_bindings_port_security(port);
	}
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
