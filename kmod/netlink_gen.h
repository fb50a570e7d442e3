/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vnet.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_VNET_GEN_H
#define _LINUX_VNET_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/vnet.h>

/* Common nested types */
extern const struct nla_policy vnet_addr_nl_policy[VNET_ADDR_ADDRESS6 + 1];
extern const struct nla_policy vnet_allow_nl_policy[VNET_ALLOW_IP6 + 1];
extern const struct nla_policy vnet_fdb_nl_policy[VNET_FDB_VLAN + 1];
extern const struct nla_policy vnet_nat_nl_policy[VNET_NAT_CONNS + 1];
extern const struct nla_policy vnet_neigh_nl_policy[VNET_NEIGH_ADDRESS6 + 1];
extern const struct nla_policy vnet_network_nl_policy[VNET_NETWORK_HOST6 + 1];
extern const struct nla_policy vnet_param_nl_policy[VNET_PARAM_VLAN_AWARE + 1];
extern const struct nla_policy vnet_policer_nl_policy[VNET_POLICER_DROPPED_BYTES + 1];
extern const struct nla_policy vnet_port_nl_policy[VNET_PORT_OWNS_LOWER + 1];
extern const struct nla_policy vnet_quota_nl_policy[VNET_QUOTA_CONNS + 1];
extern const struct nla_policy vnet_quota_denied_nl_policy[VNET_QUOTA_DENIED_CONNS + 1];
extern const struct nla_policy vnet_route_nl_policy[VNET_ROUTE_GATEWAY6 + 1];
extern const struct nla_policy vnet_rule_nl_policy[VNET_RULE_VLAN + 1];
extern const struct nla_policy vnet_stats_nl_policy[VNET_STATS_DROP_VLAN + 1];
extern const struct nla_policy vnet_vlan_nl_policy[VNET_VLAN_TRUNK + 1];
extern const struct nla_policy vnet_vlan_vni_nl_policy[VNET_VLAN_VNI_VNI + 1];

extern const struct nla_policy vnet_dev_new_nl_policy[VNET_ATTR_VLAN_VNI + 1];

extern const struct nla_policy vnet_dev_del_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_dev_get_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_dev_set_nl_policy[VNET_ATTR_VLAN_VNI + 1];

extern const struct nla_policy vnet_port_new_nl_policy[VNET_ATTR_PORT + 1];

extern const struct nla_policy vnet_port_del_nl_policy[VNET_ATTR_PORT + 1];

extern const struct nla_policy vnet_port_get_nl_policy[VNET_ATTR_PORT + 1];

extern const struct nla_policy vnet_port_set_nl_policy[VNET_ATTR_PORT + 1];

extern const struct nla_policy vnet_fdb_new_nl_policy[VNET_ATTR_FDB + 1];

extern const struct nla_policy vnet_fdb_del_nl_policy[VNET_ATTR_FDB + 1];

extern const struct nla_policy vnet_fdb_flush_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_addr_new_nl_policy[VNET_ATTR_ADDR + 1];

extern const struct nla_policy vnet_addr_del_nl_policy[VNET_ATTR_ADDR + 1];

extern const struct nla_policy vnet_route_new_nl_policy[VNET_ATTR_ROUTE + 1];

extern const struct nla_policy vnet_route_del_nl_policy[VNET_ATTR_ROUTE + 1];

extern const struct nla_policy vnet_route_get_nl_policy[VNET_ATTR_ROUTE + 1];

extern const struct nla_policy vnet_neigh_flush_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_rule_new_nl_policy[VNET_ATTR_RULE + 1];

extern const struct nla_policy vnet_rule_del_nl_policy[VNET_ATTR_RULE + 1];

extern const struct nla_policy vnet_rule_flush_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_rule_replace_nl_policy[VNET_ATTR_RULE + 1];

extern const struct nla_policy vnet_conn_flush_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_net_new_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_net_del_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_net_get_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_net_set_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_policer_new_nl_policy[VNET_ATTR_POLICER + 1];

extern const struct nla_policy vnet_policer_del_nl_policy[VNET_ATTR_POLICER + 1];

extern const struct nla_policy vnet_policer_set_nl_policy[VNET_ATTR_POLICER + 1];

extern const struct nla_policy vnet_neigh_new_nl_policy[VNET_ATTR_NEIGH + 1];

extern const struct nla_policy vnet_neigh_del_nl_policy[VNET_ATTR_NEIGH + 1];

extern const struct nla_policy vnet_nat_new_nl_policy[VNET_ATTR_NAT + 1];

extern const struct nla_policy vnet_nat_del_nl_policy[VNET_ATTR_NAT + 1];

extern const struct nla_policy vnet_nat_flush_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_net_host_new_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_net_host_del_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_fdb_get_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_addr_get_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_neigh_get_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_rule_get_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_conn_get_nl_policy[VNET_ATTR_IFNAME + 1];

extern const struct nla_policy vnet_policer_get_nl_policy[VNET_ATTR_NETWORK + 1];

extern const struct nla_policy vnet_nat_get_nl_policy[VNET_ATTR_IFNAME + 1];

#endif /* _LINUX_VNET_GEN_H */
