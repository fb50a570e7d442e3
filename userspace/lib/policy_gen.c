// SPDX-License-Identifier: GPL-2.0
/* Do not edit: scripts/ynl-libnl.py writes it from */
/*	Documentation/netlink/specs/vnet.yaml (make regen) */

#include "policy_gen.h"

struct nla_policy vnet_attr_policy[VNET_ATTR_MAX + 1] = {
	[VNET_ATTR_IFINDEX] = { .type = NLA_U32 },
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_ATTR_KIND] = { .type = NLA_U32 },
	[VNET_ATTR_UP] = { .type = NLA_U8 },
	[VNET_ATTR_MTU] = { .type = NLA_U32 },
	[VNET_ATTR_ADDRESS] = { .minlen = 6, .maxlen = 6 },
	[VNET_ATTR_PARAMS] = { .type = NLA_NESTED },
	[VNET_ATTR_STATS] = { .type = NLA_NESTED },
	[VNET_ATTR_RUNNING] = { .type = NLA_U8 },
	[VNET_ATTR_PORT] = { .type = NLA_NESTED },
	[VNET_ATTR_FDB] = { .type = NLA_NESTED },
	[VNET_ATTR_ADDR] = { .type = NLA_NESTED },
	[VNET_ATTR_ROUTE] = { .type = NLA_NESTED },
	[VNET_ATTR_NEIGH] = { .type = NLA_NESTED },
	[VNET_ATTR_RULE] = { .type = NLA_NESTED },
	[VNET_ATTR_CONN] = { .type = NLA_NESTED },
	[VNET_ATTR_NETWORK] = { .type = NLA_NESTED },
	[VNET_ATTR_POLICER] = { .type = NLA_NESTED },
	[VNET_ATTR_NAT] = { .type = NLA_NESTED },
	[VNET_ATTR_VNI] = { .type = NLA_U32 },
	[VNET_ATTR_HOST_VLAN] = { .type = NLA_NESTED },
	[VNET_ATTR_VLAN_VNI] = { .type = NLA_NESTED },
	[VNET_ATTR_VLAN_VNIS] = { .type = NLA_NESTED },
};

struct nla_policy vnet_param_policy[VNET_PARAM_MAX + 1] = {
	[VNET_PARAM_AGEING] = { .type = NLA_U32 },
	[VNET_PARAM_TTL_CHECK] = { .type = NLA_U8 },
	[VNET_PARAM_POLICY] = { .type = NLA_U8 },
	[VNET_PARAM_L2_POLICY] = { .type = NLA_U8 },
	[VNET_PARAM_CONNS_MAX] = { .type = NLA_U32 },
	[VNET_PARAM_TCP_SYN_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_TCP_EST_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_TCP_FIN_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_TCP_CLOSE_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_UDP_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_UDP_STREAM_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_ICMP_TIMEOUT] = { .type = NLA_U32 },
	[VNET_PARAM_CONNTRACK] = { .type = NLA_U8 },
	[VNET_PARAM_OTHER_POLICY] = { .type = NLA_U8 },
	[VNET_PARAM_GROUP_FWD_MASK] = { .type = NLA_U32 },
	[VNET_PARAM_NEIGH_SUPPRESS] = { .type = NLA_U8 },
	[VNET_PARAM_VLAN_FILTERING] = { .type = NLA_U8 },
	[VNET_PARAM_VLAN_PROTOCOL] = { .type = NLA_U8 },
	[VNET_PARAM_VLAN_AWARE] = { .type = NLA_U8 },
};

struct nla_policy vnet_stats_policy[VNET_STATS_MAX + 1] = {
	[VNET_STATS_RX_PACKETS] = { .type = NLA_U64 },
	[VNET_STATS_RX_BYTES] = { .type = NLA_U64 },
	[VNET_STATS_TX_PACKETS] = { .type = NLA_U64 },
	[VNET_STATS_TX_BYTES] = { .type = NLA_U64 },
	[VNET_STATS_RX_DROPPED] = { .type = NLA_U64 },
	[VNET_STATS_TX_DROPPED] = { .type = NLA_U64 },
	[VNET_STATS_DROP_NO_PORT] = { .type = NLA_U64 },
	[VNET_STATS_DROP_MTU] = { .type = NLA_U64 },
	[VNET_STATS_DROP_BAD_SOURCE] = { .type = NLA_U64 },
	[VNET_STATS_DROP_LOOP] = { .type = NLA_U64 },
	[VNET_STATS_FDB_FULL] = { .type = NLA_U64 },
	[VNET_STATS_FLOODED] = { .type = NLA_U64 },
	[VNET_STATS_DROP_BAD_HEADER] = { .type = NLA_U64 },
	[VNET_STATS_DROP_NO_ROUTE] = { .type = NLA_U64 },
	[VNET_STATS_DROP_TTL] = { .type = NLA_U64 },
	[VNET_STATS_DROP_NOT_ROUTABLE] = { .type = NLA_U64 },
	[VNET_STATS_DROP_LOCAL] = { .type = NLA_U64 },
	[VNET_STATS_DROP_NEIGH_FAILED] = { .type = NLA_U64 },
	[VNET_STATS_DROP_QUEUE_FULL] = { .type = NLA_U64 },
	[VNET_STATS_NEIGH_FULL] = { .type = NLA_U64 },
	[VNET_STATS_ICMP_SENT] = { .type = NLA_U64 },
	[VNET_STATS_ICMP_RATELIMITED] = { .type = NLA_U64 },
	[VNET_STATS_FRAGMENTS] = { .type = NLA_U64 },
	[VNET_STATS_DROP_RULE] = { .type = NLA_U64 },
	[VNET_STATS_DROP_POLICY] = { .type = NLA_U64 },
	[VNET_STATS_DROP_L2] = { .type = NLA_U64 },
	[VNET_STATS_DROP_INVALID] = { .type = NLA_U64 },
	[VNET_STATS_REJECTS_SENT] = { .type = NLA_U64 },
	[VNET_STATS_CONN_FULL] = { .type = NLA_U64 },
	[VNET_STATS_CONN_NEW] = { .type = NLA_U64 },
	[VNET_STATS_DROP_PATCH_LOOP] = { .type = NLA_U64 },
	[VNET_STATS_DROP_PORT_SECURITY] = { .type = NLA_U64 },
	[VNET_STATS_DROP_POLICER] = { .type = NLA_U64 },
	[VNET_STATS_DROP_OTHER] = { .type = NLA_U64 },
	[VNET_STATS_CONN_EARLY_DROP] = { .type = NLA_U64 },
	[VNET_STATS_LEARN_LIMIT] = { .type = NLA_U64 },
	[VNET_STATS_NEIGH_EVICTED] = { .type = NLA_U64 },
	[VNET_STATS_NEIGH_RATELIMITED] = { .type = NLA_U64 },
	[VNET_STATS_NAT_EXHAUSTED] = { .type = NLA_U64 },
	[VNET_STATS_NEIGH_SUPPRESSED] = { .type = NLA_U64 },
	[VNET_STATS_DROP_VLAN] = { .type = NLA_U64 },
};

struct nla_policy vnet_port_policy[VNET_PORT_MAX + 1] = {
	[VNET_PORT_INDEX] = { .type = NLA_U32 },
	[VNET_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_PORT_LOWER_IFINDEX] = { .type = NLA_U32 },
	[VNET_PORT_LOWER_IFNAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_PORT_LEARNING] = { .type = NLA_U8 },
	[VNET_PORT_FLOOD] = { .type = NLA_U8 },
	[VNET_PORT_STATS] = { .type = NLA_NESTED },
	[VNET_PORT_UP] = { .type = NLA_U8 },
	[VNET_PORT_PEER_IFINDEX] = { .type = NLA_U32 },
	[VNET_PORT_PEER_IFNAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_PORT_PEER_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_PORT_ALLOW_MAC] = { .minlen = 6, .maxlen = 6 },
	[VNET_PORT_ALLOW_IPS] = { .type = NLA_NESTED },
	[VNET_PORT_POLICER] = { .type = NLA_NUL_STRING, .maxlen = 32 },
	[VNET_PORT_ADDRESS] = { .minlen = 6, .maxlen = 6 },
	[VNET_PORT_LEARNING_LIMIT] = { .type = NLA_U32 },
	[VNET_PORT_LEARNED] = { .type = NLA_U32 },
	[VNET_PORT_RA] = { .type = NLA_U8 },
	[VNET_PORT_RA_INTERVAL] = { .type = NLA_U32 },
	[VNET_PORT_RA_LIFETIME] = { .type = NLA_U32 },
	[VNET_PORT_TUNNEL] = { .type = NLA_U8 },
	[VNET_PORT_VLAN] = { .type = NLA_NESTED },
	[VNET_PORT_OWNS_LOWER] = { .type = NLA_U8 },
};

struct nla_policy vnet_allow_policy[VNET_ALLOW_MAX + 1] = {
	[VNET_ALLOW_IP4] = { .type = NLA_U32 },
	[VNET_ALLOW_IP6] = { .minlen = 16, .maxlen = 16 },
};

struct nla_policy vnet_fdb_policy[VNET_FDB_MAX + 1] = {
	[VNET_FDB_MAC] = { .minlen = 6, .maxlen = 6 },
	[VNET_FDB_PORT] = { .type = NLA_U32 },
	[VNET_FDB_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_FDB_STATIC] = { .type = NLA_U8 },
	[VNET_FDB_AGE] = { .type = NLA_U32 },
	[VNET_FDB_VLAN] = { .type = NLA_U16 },
};

struct nla_policy vnet_vlan_policy[VNET_VLAN_MAX + 1] = {
	[VNET_VLAN_MODE] = { .type = NLA_U8 },
	[VNET_VLAN_VID] = { .type = NLA_U16 },
	[VNET_VLAN_TRUNK] = { .minlen = VNET_VLAN_BITMAP_LEN, .maxlen = VNET_VLAN_BITMAP_LEN },
};

struct nla_policy vnet_vlan_vni_policy[VNET_VLAN_VNI_MAX + 1] = {
	[VNET_VLAN_VNI_VID] = { .type = NLA_U16 },
	[VNET_VLAN_VNI_VNI] = { .type = NLA_U32 },
};

struct nla_policy vnet_vlan_vnis_policy[VNET_VLAN_VNIS_MAX + 1] = {
	[VNET_VLAN_VNIS_ENTRY] = { .type = NLA_NESTED },
};

struct nla_policy vnet_addr_policy[VNET_ADDR_MAX + 1] = {
	[VNET_ADDR_ADDRESS] = { .type = NLA_U32 },
	[VNET_ADDR_PREFIXLEN] = { .type = NLA_U8 },
	[VNET_ADDR_PORT] = { .type = NLA_U32 },
	[VNET_ADDR_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_ADDR_ADDRESS6] = { .minlen = 16, .maxlen = 16 },
};

struct nla_policy vnet_route_policy[VNET_ROUTE_MAX + 1] = {
	[VNET_ROUTE_DST] = { .type = NLA_U32 },
	[VNET_ROUTE_PREFIXLEN] = { .type = NLA_U8 },
	[VNET_ROUTE_GATEWAY] = { .type = NLA_U32 },
	[VNET_ROUTE_PORT] = { .type = NLA_U32 },
	[VNET_ROUTE_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_ROUTE_TYPE] = { .type = NLA_U8 },
	[VNET_ROUTE_DST6] = { .minlen = 16, .maxlen = 16 },
	[VNET_ROUTE_GATEWAY6] = { .minlen = 16, .maxlen = 16 },
};

struct nla_policy vnet_neigh_policy[VNET_NEIGH_MAX + 1] = {
	[VNET_NEIGH_ADDRESS] = { .type = NLA_U32 },
	[VNET_NEIGH_MAC] = { .minlen = 6, .maxlen = 6 },
	[VNET_NEIGH_PORT] = { .type = NLA_U32 },
	[VNET_NEIGH_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_NEIGH_STATE] = { .type = NLA_U8 },
	[VNET_NEIGH_AGE] = { .type = NLA_U32 },
	[VNET_NEIGH_QUEUED] = { .type = NLA_U32 },
	[VNET_NEIGH_ADDRESS6] = { .minlen = 16, .maxlen = 16 },
};

struct nla_policy vnet_rule_policy[VNET_RULE_MAX + 1] = {
	[VNET_RULE_INDEX] = { .type = NLA_U32 },
	[VNET_RULE_IN] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_RULE_OUT] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_RULE_SRC] = { .type = NLA_U32 },
	[VNET_RULE_SRC_LEN] = { .type = NLA_U8 },
	[VNET_RULE_DST] = { .type = NLA_U32 },
	[VNET_RULE_DST_LEN] = { .type = NLA_U8 },
	[VNET_RULE_PROTO] = { .type = NLA_U8 },
	[VNET_RULE_SPORT_MIN] = { .type = NLA_U16 },
	[VNET_RULE_SPORT_MAX] = { .type = NLA_U16 },
	[VNET_RULE_DPORT_MIN] = { .type = NLA_U16 },
	[VNET_RULE_DPORT_MAX] = { .type = NLA_U16 },
	[VNET_RULE_ICMP_TYPE] = { .type = NLA_U8 },
	[VNET_RULE_ACTION] = { .type = NLA_U8 },
	[VNET_RULE_PACKETS] = { .type = NLA_U64 },
	[VNET_RULE_BYTES] = { .type = NLA_U64 },
	[VNET_RULE_STATE] = { .type = NLA_U8 },
	[VNET_RULE_SRC6] = { .minlen = 16, .maxlen = 16 },
	[VNET_RULE_DST6] = { .minlen = 16, .maxlen = 16 },
	[VNET_RULE_VLAN] = { .type = NLA_U16 },
};

struct nla_policy vnet_conn_policy[VNET_CONN_MAX + 1] = {
	[VNET_CONN_PROTO] = { .type = NLA_U8 },
	[VNET_CONN_SRC] = { .type = NLA_U32 },
	[VNET_CONN_DST] = { .type = NLA_U32 },
	[VNET_CONN_SPORT] = { .type = NLA_U16 },
	[VNET_CONN_DPORT] = { .type = NLA_U16 },
	[VNET_CONN_TCP_STATE] = { .type = NLA_U8 },
	[VNET_CONN_REPLIED] = { .type = NLA_U8 },
	[VNET_CONN_TIMEOUT] = { .type = NLA_U32 },
	[VNET_CONN_PACKETS] = { .type = NLA_U64 },
	[VNET_CONN_SRC6] = { .minlen = 16, .maxlen = 16 },
	[VNET_CONN_DST6] = { .minlen = 16, .maxlen = 16 },
	[VNET_CONN_REPLY_SRC] = { .type = NLA_U32 },
	[VNET_CONN_REPLY_DST] = { .type = NLA_U32 },
	[VNET_CONN_REPLY_SPORT] = { .type = NLA_U16 },
	[VNET_CONN_REPLY_DPORT] = { .type = NLA_U16 },
	[VNET_CONN_VLAN] = { .type = NLA_U16 },
};

struct nla_policy vnet_network_policy[VNET_NETWORK_MAX + 1] = {
	[VNET_NETWORK_ID] = { .type = NLA_U32 },
	[VNET_NETWORK_NAME] = { .type = NLA_NUL_STRING, .maxlen = 32 },
	[VNET_NETWORK_MTU] = { .type = NLA_U32 },
	[VNET_NETWORK_DESCRIPTION] = { .type = NLA_NUL_STRING, .maxlen = 256 },
	[VNET_NETWORK_UP] = { .type = NLA_U8 },
	[VNET_NETWORK_FORCE] = { .type = NLA_FLAG },
	[VNET_NETWORK_QUOTA] = { .type = NLA_NESTED },
	[VNET_NETWORK_USAGE] = { .type = NLA_NESTED },
	[VNET_NETWORK_DENIED] = { .type = NLA_NESTED },
	[VNET_NETWORK_DEVICES] = { .type = NLA_U32 },
	[VNET_NETWORK_POLICERS] = { .type = NLA_U32 },
	[VNET_NETWORK_UNDERLAY] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_NETWORK_LOCAL] = { .type = NLA_U32 },
	[VNET_NETWORK_LOCAL6] = { .minlen = 16, .maxlen = 16 },
	[VNET_NETWORK_VXLAN_PORT] = { .type = NLA_U16 },
	[VNET_NETWORK_HOST] = { .type = NLA_U32 },
	[VNET_NETWORK_HOST6] = { .minlen = 16, .maxlen = 16 },
};

struct nla_policy vnet_quota_policy[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = { .type = NLA_U32 },
	[VNET_QUOTA_FDB] = { .type = NLA_U32 },
	[VNET_QUOTA_ROUTES] = { .type = NLA_U32 },
	[VNET_QUOTA_NEIGH] = { .type = NLA_U32 },
	[VNET_QUOTA_RULES] = { .type = NLA_U32 },
	[VNET_QUOTA_CONNS] = { .type = NLA_U32 },
};

struct nla_policy vnet_quota_denied_policy[VNET_QUOTA_DENIED_MAX + 1] = {
	[VNET_QUOTA_DENIED_PORTS] = { .type = NLA_U64 },
	[VNET_QUOTA_DENIED_FDB] = { .type = NLA_U64 },
	[VNET_QUOTA_DENIED_ROUTES] = { .type = NLA_U64 },
	[VNET_QUOTA_DENIED_NEIGH] = { .type = NLA_U64 },
	[VNET_QUOTA_DENIED_RULES] = { .type = NLA_U64 },
	[VNET_QUOTA_DENIED_CONNS] = { .type = NLA_U64 },
};

struct nla_policy vnet_policer_policy[VNET_POLICER_MAX + 1] = {
	[VNET_POLICER_NAME] = { .type = NLA_NUL_STRING, .maxlen = 32 },
	[VNET_POLICER_RATE] = { .type = NLA_U64 },
	[VNET_POLICER_BURST] = { .type = NLA_U32 },
	[VNET_POLICER_PORTS] = { .type = NLA_U32 },
	[VNET_POLICER_PASSED_PACKETS] = { .type = NLA_U64 },
	[VNET_POLICER_PASSED_BYTES] = { .type = NLA_U64 },
	[VNET_POLICER_DROPPED_PACKETS] = { .type = NLA_U64 },
	[VNET_POLICER_DROPPED_BYTES] = { .type = NLA_U64 },
};

struct nla_policy vnet_nat_policy[VNET_NAT_MAX + 1] = {
	[VNET_NAT_INDEX] = { .type = NLA_U32 },
	[VNET_NAT_TYPE] = { .type = NLA_U8 },
	[VNET_NAT_OUT_PORT] = { .type = NLA_U32 },
	[VNET_NAT_OUT_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = 16 },
	[VNET_NAT_SRC] = { .type = NLA_U32 },
	[VNET_NAT_SRC_LEN] = { .type = NLA_U8 },
	[VNET_NAT_TO_MIN] = { .type = NLA_U32 },
	[VNET_NAT_TO_MAX] = { .type = NLA_U32 },
	[VNET_NAT_PORT_MIN] = { .type = NLA_U16 },
	[VNET_NAT_PORT_MAX] = { .type = NLA_U16 },
	[VNET_NAT_ADDR] = { .type = NLA_U32 },
	[VNET_NAT_INSIDE] = { .type = NLA_U32 },
	[VNET_NAT_PROTO] = { .type = NLA_U8 },
	[VNET_NAT_PORT] = { .type = NLA_U16 },
	[VNET_NAT_TO_PORT] = { .type = NLA_U16 },
	[VNET_NAT_CONNS] = { .type = NLA_U64 },
};
