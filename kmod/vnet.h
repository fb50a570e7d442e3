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
#include <linux/rhashtable.h>
#include <linux/idr.h>
#include <linux/workqueue.h>
#include <linux/u64_stats_sync.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <uapi/linux/vnet.h>

struct vnet_params {
	u32 ageing;		/* vswitch, seconds */
	u8 ttl_check;		/* vrouter */
	u8 policy;		/* vfirewall, enum vnet_verdict */
};

/*
 * Per-CPU counters, indexed by enum vnet_stats (slots below
 * VNET_STATS_RX_PACKETS are unused); summed when read.
 */
struct vnet_pcpu_stats {
	u64_stats_t c[VNET_STATS_MAX + 1];
	struct u64_stats_sync syncp;
};

struct vnet_stats_sum {
	u64 c[VNET_STATS_MAX + 1];
};

static inline void vnet_stats_add(struct vnet_pcpu_stats __percpu *stats,
				  enum vnet_stats which, u64 n)
{
	struct vnet_pcpu_stats *st = this_cpu_ptr(stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->c[which], n);
	u64_stats_update_end(&st->syncp);
}

static inline void vnet_stats_packet(struct vnet_pcpu_stats __percpu *stats,
				     enum vnet_stats packets, unsigned int len)
{
	struct vnet_pcpu_stats *st = this_cpu_ptr(stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->c[packets]);
	u64_stats_add(&st->c[packets + 1], len);	/* the _BYTES after it */
	u64_stats_update_end(&st->syncp);
}

void vnet_stats_sum(struct vnet_pcpu_stats __percpu *stats,
		    struct vnet_stats_sum *sum);
int vnet_stats_fill(struct sk_buff *skb, int attr,
		    struct vnet_pcpu_stats __percpu *stats);
size_t vnet_stats_size(void);

struct vnet_dev;

/* A port of a device: an endpoint bound to a lower netdev. */
struct vnet_port {
	struct list_head list;		/* vnet_dev.ports: RCU, written under RTNL */
	struct vnet_dev *vd;
	struct net_device *lower;
	netdevice_tracker lower_tracker;
	u32 index;
	char name[IFNAMSIZ];
	u8 learning;			/* READ_ONCE on the packet path */
	u8 flood;
	u8 up;				/* admin state */
	struct vnet_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

/* The vswitch forwarding table. */
struct vnet_fdb {
	struct rhashtable table;	/* lookups under RCU */
	struct list_head entries;	/* under lock: ageing, flushes */
	spinlock_t lock;		/* inserts and removals */
	atomic_t count;			/* entries, bounded by VNET_FDB_LIMIT */
	unsigned int gen;		/* bumped per change, for dumps */
	struct delayed_work ageing_work;
	bool ready;
};

/* netdev_priv() of every vnet device. */
struct vnet_dev {
	struct net_device *dev;
	struct list_head list;		/* vnet_net.devices, under RTNL */
	enum vnet_kind kind;
	const struct vnet_kind_ops *ops;
	struct vnet_params params;	/* written under RTNL, read with READ_ONCE */
	struct vnet_pcpu_stats __percpu *stats;
	struct list_head ports;		/* RCU readers, written under RTNL */
	unsigned int port_count;
	unsigned int port_gen;		/* bumped per port change, for dumps */
	struct ida port_ida;
	struct vnet_fdb fdb;		/* vswitch */
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
	/* The kind's data path; a kind without one takes no ports yet. */
	int (*init)(struct vnet_dev *vd);
	void (*uninit)(struct vnet_dev *vd);
	void (*rx)(struct vnet_port *port, struct sk_buff *skb);
	void (*xmit)(struct vnet_dev *vd, struct sk_buff *skb);
	void (*port_removed)(struct vnet_port *port);
	void (*params_changed)(struct vnet_dev *vd);
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
void vnet_dev_deliver(struct vnet_dev *vd, struct sk_buff *skb);
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

/* netlink.c: the family and its device commands */
enum vnet_mcgrp {
	VNET_MCGRP_MONITOR_ID,
};

extern struct genl_family vnet_genl_family;
struct net_device *vnet_lookup_dev(struct net *net, struct nlattr **attrs,
				   struct netlink_ext_ack *extack);
void vnet_genl_multicast(struct net *net, struct sk_buff *skb);
bool vnet_genl_has_listeners(struct net *net);
int vnet_genl_init(void);
void vnet_genl_exit(void);
void vnet_genl_notify_dev(struct net_device *dev, u8 cmd);
void vnet_genl_notify_port(struct vnet_port *port, u8 cmd);

/* port.c: the port layer every kind uses */
struct vnet_port *vnet_port_add(struct vnet_dev *vd, struct net_device *lower,
				const char *name, struct netlink_ext_ack *extack);
void vnet_port_del(struct vnet_port *port);
void vnet_port_del_all(struct vnet_dev *vd);
struct vnet_port *vnet_port_by_lower(const struct net_device *lower);
struct vnet_port *vnet_port_find(struct vnet_dev *vd, u32 index,
				 const char *name);
void vnet_port_xmit(struct vnet_port *port, struct sk_buff *skb);
int vnet_port_notify_init(void);
void vnet_port_notify_exit(void);

/* fdb.c: the vswitch forwarding table */
int vnet_fdb_init(struct vnet_dev *vd);
void vnet_fdb_uninit(struct vnet_dev *vd);
struct vnet_port *vnet_fdb_lookup(struct vnet_dev *vd, const u8 *addr);
void vnet_fdb_learn(struct vnet_dev *vd, struct vnet_port *port,
		    const u8 *addr);
int vnet_fdb_add_static(struct vnet_dev *vd, struct vnet_port *port,
			const u8 *addr, struct netlink_ext_ack *extack);
int vnet_fdb_del(struct vnet_dev *vd, const u8 *addr,
		 struct netlink_ext_ack *extack);
void vnet_fdb_flush_port(struct vnet_dev *vd, struct vnet_port *port);
void vnet_fdb_flush_learned(struct vnet_dev *vd);
void vnet_fdb_ageing_changed(struct vnet_dev *vd);
int vnet_fdb_dump(struct vnet_dev *vd, struct sk_buff *skb, long *cursor,
		  void *(*put_header)(struct sk_buff *skb, void *arg), void *arg);

/* vswitch.c */
extern const struct vnet_kind_ops vnet_vswitch_ops;
void vnet_vswitch_rx(struct vnet_port *port, struct sk_buff *skb);
void vnet_vswitch_xmit(struct vnet_dev *vd, struct sk_buff *skb);

/* netlink_port.c: port and forwarding table commands */
extern const struct nla_policy vnet_port_policy[VNET_PORT_MAX + 1];
extern const struct nla_policy vnet_fdb_policy[VNET_FDB_MAX + 1];
int vnet_nl_port_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_get(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_port_set(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_fdb_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_fdb_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info);

/* notify.c */
int vnet_notify_init(void);
void vnet_notify_exit(void);

#endif /* _VNET_H */
