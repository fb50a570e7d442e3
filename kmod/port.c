// SPDX-License-Identifier: GPL-2.0
/*
 * The port layer every kind uses: an endpoint port binds an existing
 * netdev (veth, dummy, tap, vxlan, a NIC) to a device through an
 * rx_handler, as the bridge, macvlan and ipvlan do. Ports are added and
 * removed under RTNL and read under RCU on the packet path.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>
#include <net/rtnetlink.h>
#include "vnet.h"

static rx_handler_result_t vnet_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vnet_port *port;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;

	port = rcu_dereference(skb->dev->rx_handler_data);
	vnet_port_receive(port, skb);
	return RX_HANDLER_CONSUMED;
}

/*
 * A frame @skb (data at the network header) arrives on @port, from its
 * endpoint or across its patch. BHs off, under RCU.
 */
void vnet_port_receive(struct vnet_port *port, struct sk_buff *skb)
{
	const struct vnet_port_security *sec;
	struct vnet_policer *pol;
	enum vnet_stats why;

	vnet_stats_packet(port->stats, VNET_STATS_RX_PACKETS, skb->len);
	if (unlikely(!READ_ONCE(port->up))) {
		vnet_stats_add(port->stats, VNET_STATS_RX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	if (unlikely(!is_valid_ether_addr(eth_hdr(skb)->h_source))) {
		why = VNET_STATS_DROP_BAD_SOURCE;
		goto drop;
	}
	sec = rcu_dereference(port->security);
	if (unlikely(sec) &&
	    !vnet_port_security_ok(sec, skb,
				   READ_ONCE(port->vd->params.vlan_filtering))) {
		why = VNET_STATS_DROP_PORT_SECURITY;
		goto drop;
	}
	pol = rcu_dereference(port->policer);
	if (unlikely(pol) && !vnet_policer_pass(pol, skb->len + ETH_HLEN)) {
		why = VNET_STATS_DROP_POLICER;
		goto drop;
	}
	port->vd->ops->rx(port, skb);
	return;

drop:
	vnet_stats_add(port->stats, why, 1);
	vnet_stats_add(port->stats, VNET_STATS_RX_DROPPED, 1);
	kfree_skb(skb);
}

/*
 * The most @skb (data at the network header) may carry out of @lower: its
 * MTU, and as the bridge allows, a tag more when the frame carries one in
 * its payload (QinQ: the core moved only the outer tag to vlan_tci).
 */
static unsigned int vnet_port_xmit_max(const struct net_device *lower,
				       const struct sk_buff *skb)
{
	return lower->mtu + (eth_type_vlan(skb->protocol) ? VLAN_HLEN : 0);
}

/*
 * Send @skb (data at the network header, as received) out of @port. Frames
 * larger than the lower device's MTU are dropped and counted. A port with
 * no lower is a vrouter's host port: the frame goes up the host stack.
 */
void vnet_port_xmit(struct vnet_port *port, struct sk_buff *skb)
{
	struct net_device *lower = port->lower;

	if (port->patch) {
		vnet_patch_xmit(port, skb);
		return;
	}
	if (!lower) {
		vnet_stats_packet(port->stats, VNET_STATS_TX_PACKETS,
				  skb->len + ETH_HLEN);
		vnet_dev_deliver(port->vd, skb, true);
		return;
	}

	if (unlikely(!READ_ONCE(port->up) || !(lower->flags & IFF_UP) ||
		     !netif_carrier_ok(lower))) {
		vnet_stats_add(port->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	if (unlikely(skb->len > vnet_port_xmit_max(lower, skb) &&
		     !skb_is_gso(skb))) {
		vnet_stats_add(port->stats, VNET_STATS_DROP_MTU, 1);
		vnet_stats_add(port->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	/*
	 * As the bridge forwards: no receive time (fq would take it for a
	 * departure time far past its horizon) and no host conntrack entry.
	 */
	skb_clear_tstamp(skb);
	nf_reset_ct(skb);
	skb_push(skb, ETH_HLEN);
	skb->dev = lower;
	vnet_stats_packet(port->stats, VNET_STATS_TX_PACKETS, skb->len);
	dev_queue_xmit(skb);
}

static bool vnet_is_port(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == vnet_port_rx;
}

struct vnet_port *vnet_port_by_lower(const struct net_device *lower)
{
	if (!vnet_is_port(lower))
		return NULL;
	return rtnl_dereference(lower->rx_handler_data);
}

struct vnet_port *vnet_port_find(struct vnet_dev *vd, u32 index,
				 const char *name)
{
	struct vnet_port *port;

	ASSERT_RTNL();
	list_for_each_entry(port, &vd->ports, list)
		if ((index && port->index == index) ||
		    (name && !strcmp(port->name, name)))
			return port;
	return NULL;
}

/* May @vd have a new port named @name? */
int vnet_port_check_name(struct vnet_dev *vd, const char *name,
			 struct netlink_ext_ack *extack)
{
	if (!vd->ops->rx) {
		NL_SET_ERR_MSG(extack, "this kind of device takes no ports yet");
		return -EOPNOTSUPP;
	}
	if (!name[0] || strlen(name) >= IFNAMSIZ) {
		NL_SET_ERR_MSG(extack, "port name empty or too long (at most 15 characters)");
		return -ENAMETOOLONG;
	}
	/* vnetctl reads a port given as digits as its index. */
	if (strspn(name, "0123456789") == strlen(name)) {
		NL_SET_ERR_MSG(extack,
			       "a port name of digits only would read as a port index: give the port a name");
		return -EINVAL;
	}
	if (vd->kind == VNET_KIND_VROUTER && !strcmp(name, VNET_HOST_PORT)) {
		NL_SET_ERR_MSG(extack,
			       "the port name \"" VNET_HOST_PORT "\" is the router's own port");
		return -EEXIST;
	}
	/* vnetctl names a switch's own side so, for its VLANs. */
	if (vd->kind == VNET_KIND_VSWITCH && !strcmp(name, VNET_HOST_PORT)) {
		NL_SET_ERR_MSG(extack,
			       "the port name \"" VNET_HOST_PORT "\" is the switch's own side");
		return -EEXIST;
	}
	if (vnet_port_find(vd, 0, name)) {
		NL_SET_ERR_MSG(extack, "the device already has a port of this name");
		return -EEXIST;
	}
	return 0;
}

/* Free the memory of a port, whether or not it was ever published. */
static void vnet_port_free_mem(struct vnet_port *port)
{
	free_percpu(port->fdb_hint);
	free_percpu(port->stats);
	kfree(port);
}

/*
 * A new port of @vd named @name, not in its list yet, charged to the
 * network's ports quota; under RTNL.
 */
struct vnet_port *vnet_port_alloc(struct vnet_dev *vd, const char *name,
				  struct netlink_ext_ack *extack)
{
	struct vnet_port *port;
	int err;

	err = vnet_quota_take_nl(vd, VNET_QUOTA_PORTS, 1, extack);
	if (err)
		return ERR_PTR(err);
	err = -ENOMEM;
	port = kzalloc(sizeof(*port), GFP_KERNEL_ACCOUNT);
	if (!port)
		goto err_quota;
	port->stats = __netdev_alloc_pcpu_stats(struct vnet_pcpu_stats,
						GFP_KERNEL_ACCOUNT);
	port->fdb_hint = vnet_fdb_hint_alloc();
	if (!port->stats || !port->fdb_hint)
		goto err_mem;
	err = ida_alloc_min(&vd->port_ida, 1, GFP_KERNEL);
	if (err < 0)
		goto err_mem;
	port->index = err;
	port->vd = vd;
	INIT_LIST_HEAD(&port->held);
	INIT_LIST_HEAD(&port->bindings);
	INIT_LIST_HEAD(&port->learned_bindings);
	port->learning = 1;
	port->flood = 1;
	port->up = 1;
	port->resolve_start = jiffies;
	strscpy(port->name, name, sizeof(port->name));
	return port;

err_mem:
	vnet_port_free_mem(port);
err_quota:
	vnet_quota_give(vd, VNET_QUOTA_PORTS, 1);
	return ERR_PTR(err);
}

/*
 * Undo vnet_port_alloc() and any settings of a port the packet path no
 * longer sees (never published, or unlinked and a grace period waited).
 */
void vnet_port_free(struct vnet_port *port)
{
	vnet_port_bind_policer(port, "", NULL);
	vnet_quota_give(port->vd, VNET_QUOTA_PORTS, 1);
	/* Published for a moment, and a rule set still names it. */
	if (!list_empty(&port->held))
		return;
	kfree(rcu_dereference_protected(port->security, 1));
	vnet_vlan_free(&port->vlan);
	ida_free(&port->vd->port_ida, port->index);
	vnet_port_free_mem(port);
}

/*
 * Publish @port in its device's list and tell its kind. On failure it is
 * out of the list again, but readers may hold it until a grace period.
 */
int vnet_port_link(struct vnet_port *port)
{
	struct vnet_dev *vd = port->vd;
	int err;

	list_add_tail_rcu(&port->list, &vd->ports);
	vd->port_count++;
	vd->port_gen++;
	if (!vd->ops->port_added)
		return 0;
	err = vd->ops->port_added(port);
	if (err)
		vnet_port_unlink(port);
	return err;
}

/* Take @port out of its device's list; readers may hold it a grace period. */
void vnet_port_unlink(struct vnet_port *port)
{
	struct vnet_dev *vd = port->vd;

	list_del_rcu(&port->list);
	vd->port_count--;
	vd->port_gen++;
}

/*
 * Bind @lower to @vd as a new port; under RTNL. The caller announces it.
 * @setup (if any) applies the request's settings to the port before any
 * packet can reach it. Everything that can fail comes before the port is
 * published, and the rx_handler, which lets traffic in, is registered
 * last, once the port is in the list and every table knows it.
 */
struct vnet_port *vnet_port_attach(struct vnet_dev *vd, struct net_device *lower,
				   const char *name, vnet_port_setup_t setup,
				   void *arg, struct netlink_ext_ack *extack)
{
	struct vnet_port *port;
	int err;

	ASSERT_RTNL();
	if (lower->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "a loopback device cannot be a port");
		return ERR_PTR(-EINVAL);
	}
	if (lower->type != ARPHRD_ETHER || lower->addr_len != ETH_ALEN ||
	    !is_valid_ether_addr(lower->dev_addr)) {
		NL_SET_ERR_MSG(extack, "only Ethernet devices can be ports");
		return ERR_PTR(-EINVAL);
	}
	if (lower == vd->dev) {
		NL_SET_ERR_MSG(extack, "a device cannot be a port of itself");
		return ERR_PTR(-ELOOP);
	}
	if (vnet_dev_is_ours(lower)) {
		NL_SET_ERR_MSG(extack,
			       "a vnet device cannot be an endpoint; link devices with a patch");
		return ERR_PTR(-ELOOP);
	}
	if (vnet_is_port(lower)) {
		NL_SET_ERR_MSG(extack, "the device is already a port of a vnet device");
		return ERR_PTR(-EBUSY);
	}
	if (netdev_master_upper_dev_get(lower) || lower->rx_handler) {
		NL_SET_ERR_MSG(extack, "the device already has a master or rx handler");
		return ERR_PTR(-EBUSY);
	}
	if (!name)
		name = lower->name;
	err = vnet_port_check_name(vd, name, extack);
	if (err)
		return ERR_PTR(err);

	port = vnet_port_alloc(vd, name, extack);
	if (IS_ERR(port))
		return port;
	port->lower = lower;
	if (setup) {
		err = setup(port, arg, extack);
		if (err)
			goto err_free;
	}
	err = dev_set_promiscuity(lower, 1);
	if (err)
		goto err_free;
	/* Fails for a device stacked on @vd itself (a VLAN of the switch). */
	err = netdev_master_upper_dev_link(lower, vd->dev, NULL, NULL, extack);
	if (err)
		goto err_promisc;
	err = vnet_port_link(port);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot rebuild the device's tables for the port");
		goto err_sync;
	}
	err = netdev_rx_handler_register(lower, vnet_port_rx, port);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot attach to the device");
		goto err_unlink;
	}
	netdev_hold(lower, &port->lower_tracker, GFP_KERNEL);
	return port;

err_unlink:
	vnet_port_unlink(port);
	if (vd->ops->port_removed)
		vd->ops->port_removed(port);
err_sync:
	/* Flooding may have sent through it: wait for those senders. */
	synchronize_net();
	netdev_upper_dev_unlink(lower, vd->dev);
err_promisc:
	dev_set_promiscuity(lower, -1);
err_free:
	vnet_port_free(port);
	return ERR_PTR(err);
}

static void vnet_port_free_rcu(struct rcu_head *head)
{
	struct vnet_port *port = container_of(head, struct vnet_port, rcu);

	kfree(rcu_dereference_protected(port->security, 1));
	vnet_vlan_free(&port->vlan);
	vnet_port_free_mem(port);
}

/*
 * Unbind a port; a patch port takes its other side with it. Under RTNL;
 * readers may hold it until a grace period. @stopped: the caller stopped
 * the patch and waited for frames across it already. @del_lower: a port
 * deleted by its own request or its device's deletes the VLAN device it
 * owns; one its lower lets go of (that lower going, moving to another
 * namespace, released by "ip link set nomaster") leaves it alone. With
 * @kill, the device is queued there, to be unregistered in one batch.
 */
static void __vnet_port_del(struct vnet_port *port, bool stopped,
			    bool del_lower, struct list_head *kill)
{
	struct vnet_port *peer = rtnl_dereference(port->peer);
	struct net_device *lower = port->lower;
	struct vnet_dev *vd = port->vd;
	bool del;

	ASSERT_RTNL();
	vnet_genl_notify_port(port, VNET_CMD_PORT_DEL);
	if (lower)	/* no new frames from the endpoint (it waits for readers) */
		netdev_rx_handler_unregister(lower);
	vnet_port_unlink(port);
	if (lower) {
		netdev_upper_dev_unlink(lower, vd->dev);
		dev_set_promiscuity(lower, -1);
	}
	if (peer) {
		RCU_INIT_POINTER(port->peer, NULL);
		RCU_INIT_POINTER(peer->peer, NULL);
		/*
		 * A frame already across the patch may still learn its source
		 * on either side; wait for it, so that the flushes below
		 * leave no entry pointing at a freed port.
		 */
		if (!stopped)
			synchronize_net();
		__vnet_port_del(peer, stopped, false, NULL);
	}
	if (vd->ops->port_removed)
		vd->ops->port_removed(port);
	vnet_segment_port_gone(port);
	vnet_port_bind_policer(port, "", NULL);
	vnet_quota_give(vd, VNET_QUOTA_PORTS, 1);
	/*
	 * The VLAN device made for the port goes with it, unless a batch
	 * that unregisters it holds it already. Decided now: the port may be
	 * released (freed after a grace period) below.
	 */
	del = del_lower && port->owns_lower &&
	      lower->reg_state == NETREG_REGISTERED;
	if (lower)
		netdev_put(lower, &port->lower_tracker);
	/* Still named by a rule set: the firewall releases it later. */
	if (list_empty(&port->held))
		vnet_port_release(port);
	/*
	 * Last, the port not touched again: its uppers go with it, and ports
	 * on them (through the notifier), which may release this one if it
	 * is held. RTNL keeps @lower registered until here.
	 */
	if (del && kill)
		lower->rtnl_link_ops->dellink(lower, kill);
	else if (del)
		rtnl_delete_link(lower, 0, NULL);
}

/* Free a deleted port's index, and the port after a grace period. */
void vnet_port_release(struct vnet_port *port)
{
	ida_free(&port->vd->port_ida, port->index);
	call_rcu(&port->rcu, vnet_port_free_rcu);
}

/* A port its lower lets go of: an owned VLAN device stays. */
void vnet_port_del(struct vnet_port *port)
{
	__vnet_port_del(port, false, false, NULL);
}

/* A port deleted by request: the VLAN device it owns goes with it. */
void vnet_port_remove(struct vnet_port *port)
{
	__vnet_port_del(port, false, true, NULL);
}

/*
 * Delete every port of a going device. Its patches are stopped first (no
 * frame crosses a patch port that is not up, either way) and frames
 * already across them waited for once, not once per patch.
 */
void vnet_port_del_all(struct vnet_dev *vd)
{
	struct vnet_port *port, *peer;
	bool stopped = false;
	LIST_HEAD(kill);

	ASSERT_RTNL();
	list_for_each_entry(port, &vd->ports, list) {
		peer = rtnl_dereference(port->peer);
		if (peer) {
			WRITE_ONCE(port->up, 0);
			WRITE_ONCE(peer->up, 0);
			stopped = true;
		}
	}
	if (stopped)
		synchronize_net();
	while ((port = list_first_entry_or_null(&vd->ports, struct vnet_port,
						list)))
		__vnet_port_del(port, stopped, true, &kill);
	/* The VLAN devices they owned: one batch, one wait, not one each. */
	unregister_netdevice_many(&kill);
}

/* A lower device going away or changing takes its port with it. */
static int vnet_port_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vnet_port *port = vnet_port_by_lower(dev);

	if (!port)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UNREGISTER:
		vnet_port_del(port);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* Only Ethernet devices can be ports. */
		return notifier_from_errno(-EBUSY);
	case NETDEV_CHANGEADDR:
	case NETDEV_CHANGEMTU:
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		vnet_genl_notify_port(port, VNET_CMD_PORT_SET);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vnet_port_notifier = {
	.notifier_call = vnet_port_event,
};

int vnet_port_notify_init(void)
{
	return register_netdevice_notifier(&vnet_port_notifier);
}

void vnet_port_notify_exit(void)
{
	unregister_netdevice_notifier(&vnet_port_notifier);
}
