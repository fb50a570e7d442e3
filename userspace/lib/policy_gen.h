/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: scripts/ynl-libnl.py writes it from */
/*	Documentation/netlink/specs/vnet.yaml (make regen) */

#ifndef VNET_POLICY_GEN_H
#define VNET_POLICY_GEN_H

#include <netlink/attr.h>
#include <linux/vnet.h>

extern struct nla_policy vnet_attr_policy[VNET_ATTR_MAX + 1];
extern struct nla_policy vnet_param_policy[VNET_PARAM_MAX + 1];
extern struct nla_policy vnet_stats_policy[VNET_STATS_MAX + 1];
extern struct nla_policy vnet_port_policy[VNET_PORT_MAX + 1];
extern struct nla_policy vnet_allow_policy[VNET_ALLOW_MAX + 1];
extern struct nla_policy vnet_fdb_policy[VNET_FDB_MAX + 1];
extern struct nla_policy vnet_vlan_policy[VNET_VLAN_MAX + 1];
extern struct nla_policy vnet_vlan_vni_policy[VNET_VLAN_VNI_MAX + 1];
extern struct nla_policy vnet_vlan_vnis_policy[VNET_VLAN_VNIS_MAX + 1];
extern struct nla_policy vnet_addr_policy[VNET_ADDR_MAX + 1];
extern struct nla_policy vnet_route_policy[VNET_ROUTE_MAX + 1];
extern struct nla_policy vnet_neigh_policy[VNET_NEIGH_MAX + 1];
extern struct nla_policy vnet_rule_policy[VNET_RULE_MAX + 1];
extern struct nla_policy vnet_conn_policy[VNET_CONN_MAX + 1];
extern struct nla_policy vnet_network_policy[VNET_NETWORK_MAX + 1];
extern struct nla_policy vnet_quota_policy[VNET_QUOTA_MAX + 1];
extern struct nla_policy vnet_quota_denied_policy[VNET_QUOTA_DENIED_MAX + 1];
extern struct nla_policy vnet_policer_policy[VNET_POLICER_MAX + 1];
extern struct nla_policy vnet_nat_policy[VNET_NAT_MAX + 1];

#endif
