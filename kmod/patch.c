// SPDX-License-Identifier: GPL-2.0
/*
 * Patch ports: an internal link between two devices. A frame sent out of
 * one side is received by the other side's device in the same call, with
 * no veth and no netdev between them. Per-CPU counters bound how many
 * patches one frame crosses in that call chain (the depth: a loop of
 * patched switches cannot recurse without end) and how many its copies
 * cross in all (a mesh, where each flood copies a frame to every other
 * switch, cannot make (switches - 1)^depth copies of one broadcast).
 */
#include <linux/etherdevice.h>
#include "vnet.h"

struct vnet_patch_walk {
	u8 depth;	/* patches the current call chain is inside */
	u16 crossings;	/* made since the chain took its first patch */
};

static DEFINE_PER_CPU(struct vnet_patch_walk, vnet_patch_walk);

/*
 * A frame cut or released into several (fragments, GSO segments, a queue
 * that waited for ARP) gives each the crossings it had left, rather than
 * have them share one budget: how many there are is bounded by the
 * frame's size, not by the topology. BHs off.
 */
u16 vnet_patch_crossings(void)
{
	return this_cpu_read(vnet_patch_walk.crossings);
}

void vnet_patch_set_crossings(u16 crossings)
{
	this_cpu_write(vnet_patch_walk.crossings, crossings);
}

/* Send @skb (data at the network header) across @port's patch. */
void vnet_patch_xmit(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_patch_walk *walk;
	struct vnet_port *peer;

	/* Callers include process context (queued packets): BHs off here. */
	local_bh_disable();
	rcu_read_lock();
	peer = rcu_dereference(port->peer);
	if (unlikely(!peer || !READ_ONCE(port->up))) {
		vnet_stats_add(port->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		goto out;
	}
	walk = this_cpu_ptr(&vnet_patch_walk);
	/* Outside every patch: a frame (or one of a flood's copies) takes
	 * its first one, and its crossings are counted from here.
	 */
	if (!walk->depth)
		walk->crossings = 0;
	if (unlikely(walk->depth >= VNET_PATCH_DEPTH ||
		     walk->crossings >= VNET_PATCH_CROSSINGS)) {
		vnet_stats_add(port->stats, VNET_STATS_DROP_PATCH_LOOP, 1);
		vnet_stats_add(port->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		goto out;
	}
	vnet_stats_packet(port->stats, VNET_STATS_TX_PACKETS,
			  skb->len + ETH_HLEN);
	/* Received as from a wire: what the sending device set is gone, as
	 * a veth pair in one namespace scrubs it (route, conntrack, skb
	 * extensions); the mark stays.
	 */
	skb_scrub_packet(skb, false);
	skb->dev = peer->vd->dev;
	walk->crossings++;
	walk->depth++;
	vnet_port_receive(peer, skb);
	walk->depth--;
out:
	rcu_read_unlock();
	local_bh_enable();
}

/*
 * Join @vd and @peer_vd with a new port on each, named @name (default the
 * other device's name) and @peer_name; both are returned in @ports.
 * @setup (if any) applies the request's settings to @vd's side first.
 * Under RTNL; the caller announces them.
 */
int vnet_patch_create(struct vnet_dev *vd, struct vnet_dev *peer_vd,
		      const char *name, const char *peer_name,
		      vnet_port_setup_t setup, void *arg,
		      struct vnet_port **ports, struct netlink_ext_ack *extack)
{
	struct vnet_port *a, *b;
	int err;

	ASSERT_RTNL();
	if (vd == peer_vd) {
		NL_SET_ERR_MSG(extack, "a patch joins two different devices");
		return -ELOOP;
	}
	if (!net_eq(dev_net(vd->dev), dev_net(peer_vd->dev))) {
		NL_SET_ERR_MSG(extack, "a patch joins devices of one namespace");
		return -EXDEV;
	}
	if (vd->network != peer_vd->network) {
		NL_SET_ERR_MSG(extack,
			       "a patch joins devices of one network; these are in different networks");
		return -EXDEV;
	}
	if (!name)
		name = peer_vd->dev->name;
	if (!peer_name)
		peer_name = vd->dev->name;
	err = vnet_port_check_name(vd, name, extack);
	if (err)
		return err;
	err = vnet_port_check_name(peer_vd, peer_name, extack);
	if (err)
		return err;
	a = vnet_port_alloc(vd, name, extack);
	if (IS_ERR(a))
		return PTR_ERR(a);
	b = vnet_port_alloc(peer_vd, peer_name, extack);
	if (IS_ERR(b)) {
		vnet_port_free(a);
		return PTR_ERR(b);
	}
	a->patch = true;
	b->patch = true;
	eth_random_addr(a->mac);
	eth_random_addr(b->mac);
	/* @vd's side is configured before either side is published. */
	if (setup) {
		err = setup(a, arg, extack);
		if (err) {
			vnet_port_free(b);
			vnet_port_free(a);
			return err;
		}
	}
	/*
	 * Both sides are listed unjoined (a patch with no peer drops what
	 * is sent into it), and joined last: no frame crosses before both
	 * devices know their side, and none has crossed if either fails.
	 */
	err = vnet_port_link(a);
	if (err)
		goto err_sync;
	err = vnet_port_link(b);
	if (err)
		goto err_unlink;
	rcu_assign_pointer(a->peer, b);
	rcu_assign_pointer(b->peer, a);
	ports[0] = a;
	ports[1] = b;
	return 0;

err_unlink:
	vnet_port_unlink(a);
	if (vd->ops->port_removed)
		vd->ops->port_removed(a);
err_sync:
	NL_SET_ERR_MSG(extack, "cannot rebuild the devices' tables for the patch");
	synchronize_net();
	vnet_port_free(b);
	vnet_port_free(a);
	return err;
}
