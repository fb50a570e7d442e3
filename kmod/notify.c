// SPDX-License-Identifier: GPL-2.0
/*
 * Announce device changes on the genl "monitor" group, whichever path
 * (rtnetlink, the genl family, a namespace going away) made them.
 */
#include <linux/netdevice.h>
#include "vnet.h"

static int vnet_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (!vnet_dev_is_ours(dev))
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_REGISTER:
		vnet_genl_notify_dev(dev, VNET_CMD_DEV_NEW);
		break;
	case NETDEV_UNREGISTER:
		vnet_segment_unregister(netdev_priv(dev));
		vnet_genl_notify_dev(dev, VNET_CMD_DEV_DEL);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
		/* A segment's VXLAN device starts and stops with it. */
		vnet_segment_follow(netdev_priv(dev));
		vnet_genl_notify_dev(dev, VNET_CMD_DEV_SET);
		break;
	case NETDEV_CHANGEMTU:
	case NETDEV_CHANGENAME:
	case NETDEV_CHANGEADDR:
		vnet_genl_notify_dev(dev, VNET_CMD_DEV_SET);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vnet_netdev_notifier = {
	.notifier_call = vnet_netdev_event,
};

int vnet_notify_init(void)
{
	return register_netdevice_notifier(&vnet_netdev_notifier);
}

void vnet_notify_exit(void)
{
	unregister_netdevice_notifier(&vnet_netdev_notifier);
}
