/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "vnet" genl family's handlers, one file per object: what the family's
 * pre_doit resolves for a doit, the cursor a dump keeps between its parts,
 * and the handlers the ops table of netlink.c points at.
 */
#ifndef _VNET_NETLINK_H
#define _VNET_NETLINK_H

#include "vnet.h"

/*
 * What vnet_pre_doit() does before an op's doit, from the op's
 * internal_flags, and vnet_post_doit() undoes after it. The kind flags
 * (one at most) refuse a device without the table the op is about; dumps
 * pass them to vnet_dump_dev().
 */
enum {
	VNET_NL_RTNL		= BIT(0),	/* the doit runs under RTNL */
	VNET_NL_DEV		= BIT(1),	/* the device: vnet_nl_dev() */
	VNET_NL_PORT		= BIT(2),	/* its port, under RTNL only */
	VNET_NL_FDB		= BIT(3),	/* a forwarding table */
	VNET_NL_ROUTER		= BIT(4),	/* a vrouter */
	VNET_NL_FIREWALL	= BIT(5),	/* a vfirewall */
	VNET_NL_CONNS		= BIT(6),	/* a connection table */
};

/*
 * The device a VNET_NL_DEV doit is for. Under RTNL with VNET_NL_RTNL;
 * without it, held (not locked) until the doit returns, which must then
 * check under RTNL that the device still has its tables.
 */
static inline struct vnet_dev *vnet_nl_dev(struct genl_info *info)
{
	return info->user_ptr[0];
}

/* The port a VNET_NL_PORT doit's VNET_ATTR_PORT names, on that device. */
static inline struct vnet_port *vnet_nl_port(struct genl_info *info)
{
	return info->user_ptr[1];
}

/*
 * What a dump keeps between its parts, laid over cb->ctx. A dump of one
 * device finds it at its first part by what the request names (the only
 * part with an extack to say what is wrong: 6.1 calls .start without one)
 * and at later parts by index and serial, so a device deleted meanwhile
 * ends the dump with an error, even when another took its name or index.
 * The device is not held between parts: dumps are open to unprivileged
 * readers, and a reader that never reads on would keep its owner from
 * deleting it.
 */
struct vnet_dump {
	int ifindex;		/* 0 until the first part */
	u64 serial;
	union {
		long pos[3];	/* the table's own cursor */
		void *priv;	/* or one of its own, freed by .done */
	};
};

static inline struct vnet_dump *vnet_dump(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct vnet_dump) > sizeof(cb->ctx));
	return (struct vnet_dump *)cb->ctx;
}

int vnet_msg_reply(struct genl_info *info, size_t size, u8 cmd,
		   const struct vnet_dev *vd, vnet_fill_t fill, const void *obj);
void vnet_msg_notify(struct net *net, size_t size, u8 cmd,
		     const struct vnet_dev *vd, vnet_fill_t fill, const void *obj);
struct vnet_dev *vnet_dump_dev(struct netlink_callback *cb, u8 flags);
int vnet_dump_one(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		  const struct vnet_dev *vd, vnet_fill_t fill, const void *obj);
int vnet_dump_end(struct sk_buff *skb, int err);

/* Where vnet_dump_emit() puts each object a table walk hands it. */
struct vnet_dump_out {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	const struct vnet_dev *vd;
	u8 cmd;
};

int vnet_dump_emit(vnet_fill_t fill, const void *obj, void *arg);

/*
 * cb->seq for a table dump whose cursor only removals can upset: their
 * count, never 0 (which turns genl_dump_check_consistent() off).
 */
static inline u32 vnet_dump_seq(unsigned long removals)
{
	return (u32)(removals % U32_MAX) + 1;
}

/* netlink_port.c: ports and forwarding tables */
struct vnet_port *vnet_nl_port_lookup(struct vnet_dev *vd, struct nlattr *nest,
				      struct netlink_ext_ack *extack);
int vnet_nl_port_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_get(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_port_set(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_fdb_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_fdb_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info);

/* netlink_router.c: addresses, routes and neighbours */
int vnet_nl_addr_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_addr_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_route_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_route_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_route_get(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_neigh_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_neigh_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info);

/* netlink_rule.c: rules */
int vnet_nl_rule_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_rule_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_rule_flush(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_rule_replace(struct sk_buff *skb, struct genl_info *info);

/* netlink_conn.c: connections */
int vnet_nl_conn_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_router_nest(struct genl_info *info, int type, int max,
		     const struct nla_policy *policy, struct nlattr **tb,
		     const char *what);
int vnet_router_port_attr(struct vnet_dev *vd, struct nlattr *index_attr,
			  struct nlattr *name_attr, struct vnet_port **port,
			  struct netlink_ext_ack *extack);
int vnet_nl_nat_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_nat_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_nat_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_nat_flush(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_conn_done(struct netlink_callback *cb);
int vnet_nl_conn_flush(struct sk_buff *skb, struct genl_info *info);

/* netlink_network.c: networks, their quotas and policers */
int vnet_nl_net_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_net_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_net_get(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_net_dump(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_net_set(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_net_host_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_net_host_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_policer_new(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_policer_del(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_policer_set(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_policer_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _VNET_NETLINK_H */
