// SPDX-License-Identifier: GPL-2.0
/*
 * rtnl_link_ops for the three kinds, so "ip link add NAME type vswitch ..."
 * creates a device and IFLA_INFO_DATA carries its parameters.
 */
#include "vnet.h"

void vnet_vswitch_setup(struct net_device *dev)
{
	vnet_dev_setup(dev, VNET_KIND_VSWITCH);
}

void vnet_vrouter_setup(struct net_device *dev)
{
	vnet_dev_setup(dev, VNET_KIND_VROUTER);
}

void vnet_vfirewall_setup(struct net_device *dev)
{
	vnet_dev_setup(dev, VNET_KIND_VFIREWALL);
}

static int vnet_rtnl_newlink(struct net *src_net, struct net_device *dev,
			     struct nlattr *tb[], struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	struct vnet_dev *vd = netdev_priv(dev);
	int err;

	err = vnet_params_parse(vd->kind, data, &vd->params, extack);
	if (err)
		return err;
	return register_netdevice(dev);
}

static int vnet_rtnl_changelink(struct net_device *dev, struct nlattr *tb[],
				struct nlattr *data[],
				struct netlink_ext_ack *extack)
{
	struct vnet_dev *vd = netdev_priv(dev);
	struct vnet_params p = vd->params;
	int err;

	if (!data)
		return 0;
	err = vnet_params_parse(vd->kind, data, &p, extack) ?:
	      vnet_params_check(vd, &p, extack);
	if (err)
		return err;
	vnet_params_store(vd, &p);
	vnet_genl_notify_dev(dev, VNET_CMD_DEV_SET);
	return 0;
}

static size_t vnet_rtnl_get_size(const struct net_device *dev)
{
	const struct vnet_dev *vd = netdev_priv(dev);

	return vnet_params_size(vd->kind);
}

static int vnet_rtnl_fill_info(struct sk_buff *skb,
			       const struct net_device *dev)
{
	return vnet_params_fill(skb, netdev_priv(dev)) ? -EMSGSIZE : 0;
}

#define VNET_LINK_OPS(_kind)						\
struct rtnl_link_ops vnet_##_kind##_link_ops = {			\
	.kind = #_kind,							\
	.priv_size = sizeof(struct vnet_dev),				\
	.setup = vnet_##_kind##_setup,					\
	.maxtype = VNET_PARAM_MAX,					\
	.policy = vnet_param_nl_policy,					\
	.newlink = vnet_rtnl_newlink,					\
	.changelink = vnet_rtnl_changelink,				\
	.get_size = vnet_rtnl_get_size,					\
	.fill_info = vnet_rtnl_fill_info,				\
}

VNET_LINK_OPS(vswitch);
VNET_LINK_OPS(vrouter);
VNET_LINK_OPS(vfirewall);

static struct rtnl_link_ops *const vnet_all_link_ops[] = {
	&vnet_vswitch_link_ops,
	&vnet_vrouter_link_ops,
	&vnet_vfirewall_link_ops,
};

int vnet_rtnl_init(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(vnet_all_link_ops); i++) {
		err = rtnl_link_register(vnet_all_link_ops[i]);
		if (err)
			goto unwind;
	}
	return 0;

unwind:
	while (--i >= 0)
		rtnl_link_unregister(vnet_all_link_ops[i]);
	return err;
}

/* Deletes every device of every kind in every namespace. */
void vnet_rtnl_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(vnet_all_link_ops) - 1; i >= 0; i--)
		rtnl_link_unregister(vnet_all_link_ops[i]);
}
