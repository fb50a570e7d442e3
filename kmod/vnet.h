/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet internal header.
 *
 * Locking rules, written once:
 * - Every configuration change (device create/delete/set, parameters) runs
 *   under RTNL, whether it arrives by rtnetlink or by the vnet genl family.
 *   The per-namespace device list is only walked and changed under RTNL.
 * - The packet path takes no lock: it reads configuration with READ_ONCE()
 *   (and, as tables arrive, under rcu_read_lock()) and counts in per-CPU
 *   statistics guarded by u64_stats_sync.
 * - Monitor events are sent from the netdevice notifier (under RTNL) for
 *   register/unregister/state changes, and by the changer for parameters.
 */
#ifndef _VNET_H
#define _VNET_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <uapi/linux/vnet.h>

struct vnet_params {
	u32 ageing;		/* vswitch, seconds */
	u8 ttl_check;		/* vrouter */
	u8 policy;		/* vfirewall, enum vnet_verdict */
};

struct vnet_pcpu_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t rx_dropped;
	u64_stats_t tx_dropped;
	struct u64_stats_sync syncp;
};

struct vnet_dev_stats {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	u64 rx_dropped;
	u64 tx_dropped;
};

/* netdev_priv() of every vnet device. */
struct vnet_dev {
	struct net_device *dev;
	struct list_head list;		/* vnet_net.devices, under RTNL */
	enum vnet_kind kind;
	struct vnet_params params;	/* written under RTNL, read with READ_ONCE */
	struct vnet_pcpu_stats __percpu *stats;
};

/* Per network namespace state. */
struct vnet_net {
	struct list_head devices;	/* under RTNL */
	unsigned int gen;		/* bumped on every add/del, for dumps */
};

struct vnet_kind_ops {
	enum vnet_kind kind;
	const char *name;
	u32 params;			/* BIT(VNET_PARAM_*) this kind takes */
	void (*setup)(struct net_device *dev);
	struct rtnl_link_ops *link_ops;
};

/* An extack message chosen at run time from a table of static strings. */
static inline void vnet_set_err(struct netlink_ext_ack *extack,
				const struct nlattr *attr, const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

/* netns.c */
int vnet_netns_init(void);
void vnet_netns_exit(void);
struct vnet_net *vnet_net(const struct net *net);

/* kind.c: the three kinds and their parameters */
const struct vnet_kind_ops *vnet_kind_get(enum vnet_kind kind);
const struct vnet_kind_ops *vnet_kind_by_name(const char *name);
extern const struct nla_policy vnet_param_policy[VNET_PARAM_MAX + 1];
void vnet_params_default(enum vnet_kind kind, struct vnet_params *p);
int vnet_params_parse(enum vnet_kind kind, struct nlattr *tb[],
		      struct vnet_params *p, struct netlink_ext_ack *extack);
void vnet_params_store(struct vnet_dev *vd, const struct vnet_params *p);
size_t vnet_params_size(enum vnet_kind kind);
int vnet_params_fill(struct sk_buff *skb, const struct vnet_dev *vd);

/* device.c */
bool vnet_dev_is_ours(const struct net_device *dev);
void vnet_dev_setup(struct net_device *dev, enum vnet_kind kind);
void vnet_dev_stats_sum(const struct vnet_dev *vd, struct vnet_dev_stats *s);
struct net_device *vnet_dev_create(struct net *net, const char *name,
				   enum vnet_kind kind,
				   const struct vnet_params *params,
				   u32 mtu, struct netlink_ext_ack *extack);

/* rtnl.c */
int vnet_rtnl_init(void);
void vnet_rtnl_exit(void);
void vnet_vswitch_setup(struct net_device *dev);
void vnet_vrouter_setup(struct net_device *dev);
void vnet_vfirewall_setup(struct net_device *dev);
extern struct rtnl_link_ops vnet_vswitch_link_ops;
extern struct rtnl_link_ops vnet_vrouter_link_ops;
extern struct rtnl_link_ops vnet_vfirewall_link_ops;

/* netlink.c */
int vnet_genl_init(void);
void vnet_genl_exit(void);
void vnet_genl_notify_dev(struct net_device *dev, u8 cmd);

/* notify.c */
int vnet_notify_init(void);
void vnet_notify_exit(void);

#endif /* _VNET_H */
