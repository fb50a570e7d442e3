// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state. A dying namespace takes its devices with it.
 */
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include "vnet.h"

static unsigned int vnet_net_id __read_mostly;

struct vnet_pernet *vnet_pernet(const struct net *net)
{
	return net_generic(net, vnet_net_id);
}

static __net_init int vnet_net_init(struct net *net)
{
	struct vnet_pernet *vn = vnet_pernet(net);

	INIT_LIST_HEAD(&vn->devices);
	vn->gen = 1;	/* 0 would turn off the dump consistency check */
	return vnet_networks_init(net, vn);
}

static void __net_exit vnet_net_exit_batch(struct list_head *net_list)
{
	struct vnet_dev *vd, *tmp;
	struct net *net;
	LIST_HEAD(kill);

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list)
		list_for_each_entry_safe(vd, tmp, &vnet_pernet(net)->devices, list)
			unregister_netdevice_queue(vd->dev, &kill);
	unregister_netdevice_many(&kill);
	list_for_each_entry(net, net_list, exit_list)
		vnet_networks_exit(vnet_pernet(net));
	rtnl_unlock();
}

static struct pernet_operations vnet_net_ops = {
	.init = vnet_net_init,
	.exit_batch = vnet_net_exit_batch,
	.id = &vnet_net_id,
	.size = sizeof(struct vnet_pernet),
};

int vnet_netns_init(void)
{
	return register_pernet_device(&vnet_net_ops);
}

void vnet_netns_exit(void)
{
	unregister_pernet_device(&vnet_net_ops);
}
