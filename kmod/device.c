// SPDX-License-Identifier: GPL-2.0
/*
 * The vnet net_device: netdev ops, per-CPU statistics and creation, shared
 * by the three kinds.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include "vnet.h"
#include "stats_gen.h"

/* Devices made since the module loaded; under RTNL. */
static u64 vnet_dev_serial;

static int vnet_dev_init(struct net_device *dev)
{
	struct vnet_dev *vd = netdev_priv(dev);
	struct vnet_pernet *vn = vnet_pernet(dev_net(dev));
	int err;

	vd->stats = netdev_alloc_pcpu_stats(struct vnet_pcpu_stats);
	if (!vd->stats)
		return -ENOMEM;
	if (vd->ops->init) {
		err = vd->ops->init(vd);
		if (err) {
			free_percpu(vd->stats);
			return err;
		}
	}
	/* In the creator's context: register_netdevice() calls us. */
	vd->memcg = get_mem_cgroup_from_mm(NULL);
	/* A device made by rtnetlink goes to the default network. */
	vnet_network_join(vd, vd->network ?: vn->dflt);
	list_add_tail(&vd->list, &vn->devices);
	vn->gen++;
	vd->serial = ++vnet_dev_serial;
	return 0;
}

/* Under RTNL, after the core's synchronize_net(): no reader is left. */
static void vnet_dev_uninit(struct net_device *dev)
{
	struct vnet_dev *vd = netdev_priv(dev);

	vnet_port_del_all(vd);
	if (vd->ops->uninit)
		vd->ops->uninit(vd);	/* may free the indexes of held ports */
	ida_destroy(&vd->port_ida);
	vnet_network_leave(vd);
	list_del(&vd->list);
	vnet_pernet(dev_net(dev))->gen++;
	free_percpu(vd->stats);
	vd->stats = NULL;
	mem_cgroup_put(vd->memcg);
	vd->memcg = NULL;
}

static int vnet_ndo_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

static int vnet_ndo_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

/* What the host sends on the device enters the kind's data path. */
static netdev_tx_t vnet_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vnet_dev *vd = netdev_priv(dev);

	vnet_stats_packet(vd->stats, VNET_STATS_TX_PACKETS, skb->len);
	if (!vd->ops->xmit) {
		vnet_stats_add(vd->stats, VNET_STATS_DROP_NO_PORT, 1);
		vnet_stats_add(vd->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	/* The core holds rcu_read_lock_bh(); the data paths are plain RCU
	 * readers, as the bridge's xmit is.
	 */
	rcu_read_lock();
	vd->ops->xmit(vd, skb);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/*
 * Hand a frame from a port up the host stack through the device. @skb's
 * data is at the network header, as an rx_handler gets it. With @backlog
 * it is queued (netif_rx), as it must be when the host's own xmit may be
 * on the stack.
 */
void vnet_dev_deliver(struct vnet_dev *vd, struct sk_buff *skb, bool backlog)
{
	struct net_device *dev = vd->dev;

	if (unlikely(!(dev->flags & IFF_UP))) {
		vnet_stats_add(vd->stats, VNET_STATS_RX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	/* The host tracks it afresh: a connection of the host's it carries
	 * (sent by the host on another device) is not this frame's.
	 */
	nf_reset_ct(skb);
	skb_push(skb, ETH_HLEN);
	/* eth_type_trans() only ever lowers it: the lower device, promiscuous,
	 * marked frames for us PACKET_OTHERHOST.
	 */
	skb->pkt_type = PACKET_HOST;
	skb->protocol = eth_type_trans(skb, dev);
	vnet_stats_packet(vd->stats, VNET_STATS_RX_PACKETS, skb->len);
	if (backlog)
		netif_rx(skb);
	else
		netif_receive_skb(skb);
}

static void vnet_dev_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *stats)
{
	const struct vnet_dev *vd = netdev_priv(dev);
	struct vnet_stats_sum s;

	vnet_stats_sum(vd->stats, &s);
	stats->rx_packets = s.c[VNET_STATS_RX_PACKETS];
	stats->rx_bytes = s.c[VNET_STATS_RX_BYTES];
	stats->tx_packets = s.c[VNET_STATS_TX_PACKETS];
	stats->tx_bytes = s.c[VNET_STATS_TX_BYTES];
	stats->rx_dropped = s.c[VNET_STATS_RX_DROPPED];
	stats->tx_dropped = s.c[VNET_STATS_TX_DROPPED];
}

static int vnet_dev_add_slave(struct net_device *dev, struct net_device *lower,
			      struct netlink_ext_ack *extack)
{
	struct vnet_port *port;

	port = vnet_port_attach(netdev_priv(dev), lower, NULL, NULL, NULL, extack);
	if (IS_ERR(port))
		return PTR_ERR(port);
	vnet_genl_notify_port(port, VNET_CMD_PORT_NEW);
	return 0;
}

static int vnet_dev_del_slave(struct net_device *dev, struct net_device *lower)
{
	struct vnet_port *port = vnet_port_by_lower(lower);

	if (!port || port->vd != netdev_priv(dev))
		return -EINVAL;
	vnet_port_del(port);
	return 0;
}

static const struct net_device_ops vnet_netdev_ops = {
	.ndo_init = vnet_dev_init,
	.ndo_uninit = vnet_dev_uninit,
	.ndo_open = vnet_ndo_open,
	.ndo_stop = vnet_ndo_stop,
	.ndo_start_xmit = vnet_dev_xmit,
	.ndo_get_stats64 = vnet_dev_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_add_slave = vnet_dev_add_slave,
	.ndo_del_slave = vnet_dev_del_slave,
	.ndo_validate_addr = eth_validate_addr,
};

static void vnet_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	const struct vnet_dev *vd = netdev_priv(dev);

	strscpy(info->driver, "vnet", sizeof(info->driver));
	strscpy(info->bus_info, vnet_kind_get(vd->kind)->name,
		sizeof(info->bus_info));
}

/* ethtool -S: every counter the device keeps, its drops by reason too,
 * named and ordered as the netlink stats nest (kmod/stats_gen.h).
 */
#define VNET_ETHTOOL_STATS (VNET_STATS_MAX - VNET_STATS_RX_PACKETS + 1)

static int vnet_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? VNET_ETHTOOL_STATS : -EOPNOTSUPP;
}

static void vnet_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	if (sset == ETH_SS_STATS)
		memcpy(data, vnet_stats_names[VNET_STATS_RX_PACKETS],
		       sizeof(vnet_stats_names[0]) * VNET_ETHTOOL_STATS);
}

static void vnet_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	const struct vnet_dev *vd = netdev_priv(dev);
	struct vnet_stats_sum sum;

	vnet_stats_sum(vd->stats, &sum);
	memcpy(data, &sum.c[VNET_STATS_RX_PACKETS],
	       sizeof(sum.c[0]) * VNET_ETHTOOL_STATS);
}

static const struct ethtool_ops vnet_ethtool_ops = {
	.get_drvinfo = vnet_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = vnet_get_sset_count,
	.get_strings = vnet_get_strings,
	.get_ethtool_stats = vnet_get_ethtool_stats,
};

bool vnet_dev_is_ours(const struct net_device *dev)
{
	return dev->netdev_ops == &vnet_netdev_ops;
}

void vnet_dev_setup(struct net_device *dev, enum vnet_kind kind)
{
	struct vnet_dev *vd = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &vnet_netdev_ops;
	dev->ethtool_ops = &vnet_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	/* Its xmit enters the stack again (dev_queue_xmit() on a lower, BHs
	 * toggled, locks taken): not for netpoll's IRQs-off transmit.
	 */
	dev->priv_flags |= IFF_DISABLE_NETPOLL;
	/* Devices keep their namespace: their tables belong to it. */
	vnet_dev_set_lltx_netns_local(dev);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);

	vd->dev = dev;
	vd->kind = kind;
	vd->ops = vnet_kind_get(kind);
	INIT_LIST_HEAD(&vd->list);
	INIT_LIST_HEAD(&vd->ports);
	ida_init(&vd->port_ida);
	spin_lock_init(&vd->quota_lock);
	vnet_params_default(kind, &vd->params);
}

/*
 * Create and register a device of network @nw from the genl family; under
 * RTNL. Without an @mtu it takes the network's, if it has one.
 */
struct net_device *vnet_dev_new(struct net *net, const char *name,
				enum vnet_kind kind,
				const struct vnet_params *params, u32 mtu,
				struct vnet_network *nw,
				struct netlink_ext_ack *extack)
{
	const struct vnet_kind_ops *ops = vnet_kind_get(kind);
	struct net_device *dev;
	struct vnet_dev *vd;
	int err;

	ASSERT_RTNL();
	dev = alloc_netdev(sizeof(struct vnet_dev), name, NET_NAME_USER,
			   ops->setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	dev->rtnl_link_ops = ops->link_ops;
	vd = netdev_priv(dev);
	vd->params = *params;
	vd->network = nw;
	if (!mtu)
		mtu = nw->mtu;
	if (mtu)
		dev->mtu = mtu;

	err = register_netdevice(dev);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "a device with this name already exists");
		else
			NL_SET_ERR_MSG(extack, "cannot register the device");
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return dev;
}
