// SPDX-License-Identifier: GPL-2.0
/*
 * The vnet net_device: netdev ops, per-CPU statistics and creation, shared
 * by the three kinds.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include "vnet.h"

static int vnet_dev_init(struct net_device *dev)
{
	struct vnet_dev *vd = netdev_priv(dev);
	struct vnet_net *vn = vnet_net(dev_net(dev));

	vd->stats = netdev_alloc_pcpu_stats(struct vnet_pcpu_stats);
	if (!vd->stats)
		return -ENOMEM;
	list_add_tail(&vd->list, &vn->devices);
	vn->gen++;
	return 0;
}

static void vnet_dev_uninit(struct net_device *dev)
{
	struct vnet_dev *vd = netdev_priv(dev);

	list_del(&vd->list);
	vnet_net(dev_net(dev))->gen++;
	free_percpu(vd->stats);
	vd->stats = NULL;
}

static int vnet_dev_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

static int vnet_dev_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

/*
 * What the host sends on the device. Until a device has ports there is
 * nowhere to deliver it: count the drop.
 */
static netdev_tx_t vnet_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vnet_dev *vd = netdev_priv(dev);
	struct vnet_pcpu_stats *st = this_cpu_ptr(vd->stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->tx_dropped);
	u64_stats_update_end(&st->syncp);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

void vnet_dev_stats_sum(const struct vnet_dev *vd, struct vnet_dev_stats *s)
{
	int cpu;

	memset(s, 0, sizeof(*s));
	for_each_possible_cpu(cpu) {
		const struct vnet_pcpu_stats *st = per_cpu_ptr(vd->stats, cpu);
		struct vnet_dev_stats c;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&st->syncp);
			c.rx_packets = u64_stats_read(&st->rx_packets);
			c.rx_bytes = u64_stats_read(&st->rx_bytes);
			c.tx_packets = u64_stats_read(&st->tx_packets);
			c.tx_bytes = u64_stats_read(&st->tx_bytes);
			c.rx_dropped = u64_stats_read(&st->rx_dropped);
			c.tx_dropped = u64_stats_read(&st->tx_dropped);
		} while (u64_stats_fetch_retry(&st->syncp, start));
		s->rx_packets += c.rx_packets;
		s->rx_bytes += c.rx_bytes;
		s->tx_packets += c.tx_packets;
		s->tx_bytes += c.tx_bytes;
		s->rx_dropped += c.rx_dropped;
		s->tx_dropped += c.tx_dropped;
	}
}

static void vnet_dev_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *stats)
{
	struct vnet_dev_stats s;

	vnet_dev_stats_sum(netdev_priv(dev), &s);
	stats->rx_packets = s.rx_packets;
	stats->rx_bytes = s.rx_bytes;
	stats->tx_packets = s.tx_packets;
	stats->tx_bytes = s.tx_bytes;
	stats->rx_dropped = s.rx_dropped;
	stats->tx_dropped = s.tx_dropped;
}

static const struct net_device_ops vnet_netdev_ops = {
	.ndo_init = vnet_dev_init,
	.ndo_uninit = vnet_dev_uninit,
	.ndo_open = vnet_dev_open,
	.ndo_stop = vnet_dev_stop,
	.ndo_start_xmit = vnet_dev_xmit,
	.ndo_get_stats64 = vnet_dev_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
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

static const struct ethtool_ops vnet_ethtool_ops = {
	.get_drvinfo = vnet_get_drvinfo,
	.get_link = ethtool_op_get_link,
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
	/* Devices keep their namespace: their tables belong to it. */
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);

	vd->dev = dev;
	vd->kind = kind;
	INIT_LIST_HEAD(&vd->list);
	vnet_params_default(kind, &vd->params);
}

/* Create and register a device from the genl family; under RTNL. */
struct net_device *vnet_dev_create(struct net *net, const char *name,
				   enum vnet_kind kind,
				   const struct vnet_params *params,
				   u32 mtu, struct netlink_ext_ack *extack)
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
