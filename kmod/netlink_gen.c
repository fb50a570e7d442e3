// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vnet.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink_gen.h"

#include <uapi/linux/vnet.h>

/* Integer value ranges */
static struct netlink_range_validation vnet_attr_mtu_range = {
	.min	= 68ULL,
	.max	= 65535ULL,
};

static struct netlink_range_validation vnet_attr_vni_range = {
	.max	= VNET_VNI_MAX,
};

static struct netlink_range_validation vnet_param_ageing_range = {
	.max	= VNET_AGEING_MAX,
};

static struct netlink_range_validation vnet_param_conns_max_range = {
	.max	= VNET_CONNS_MAX_LIMIT,
};

static struct netlink_range_validation vnet_param_tcp_syn_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_tcp_est_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_tcp_fin_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_tcp_close_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_udp_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_udp_stream_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_icmp_timeout_range = {
	.min	= 1ULL,
	.max	= VNET_CONN_TIMEOUT_MAX,
};

static struct netlink_range_validation vnet_param_group_fwd_mask_range = {
	.max	= VNET_GROUP_FWD_MAX,
};

static struct netlink_range_validation vnet_port_learning_limit_range = {
	.max	= VNET_FDB_LIMIT,
};

static struct netlink_range_validation vnet_vlan_vni_vni_range = {
	.max	= VNET_VNI_MAX,
};

static struct netlink_range_validation vnet_network_id_range = {
	.max	= VNET_NETWORK_ID_MAX,
};

/* Common nested types */
const struct nla_policy vnet_addr_nl_policy[VNET_ADDR_ADDRESS6 + 1] = {
	[VNET_ADDR_ADDRESS] = { .type = NLA_U32, },
	[VNET_ADDR_PREFIXLEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[VNET_ADDR_PORT] = { .type = NLA_U32, },
	[VNET_ADDR_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ADDR_ADDRESS6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy vnet_allow_nl_policy[VNET_ALLOW_IP6 + 1] = {
	[VNET_ALLOW_IP4] = { .type = NLA_U32, },
	[VNET_ALLOW_IP6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy vnet_fdb_nl_policy[VNET_FDB_VLAN + 1] = {
	[VNET_FDB_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VNET_FDB_PORT] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_FDB_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_FDB_STATIC] = { .type = NLA_U8, },
	[VNET_FDB_AGE] = { .type = NLA_U32, },
	[VNET_FDB_VLAN] = NLA_POLICY_RANGE(NLA_U16, 1, VNET_VLAN_VID_MAX),
};

const struct nla_policy vnet_nat_nl_policy[VNET_NAT_CONNS + 1] = {
	[VNET_NAT_INDEX] = { .type = NLA_U32, },
	[VNET_NAT_TYPE] = NLA_POLICY_RANGE(NLA_U8, 1, 4),
	[VNET_NAT_OUT_PORT] = { .type = NLA_U32, },
	[VNET_NAT_OUT_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_NAT_SRC] = { .type = NLA_U32, },
	[VNET_NAT_SRC_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[VNET_NAT_TO_MIN] = { .type = NLA_U32, },
	[VNET_NAT_TO_MAX] = { .type = NLA_U32, },
	[VNET_NAT_PORT_MIN] = NLA_POLICY_MIN(NLA_U16, 1),
	[VNET_NAT_PORT_MAX] = NLA_POLICY_MIN(NLA_U16, 1),
	[VNET_NAT_ADDR] = { .type = NLA_U32, },
	[VNET_NAT_INSIDE] = { .type = NLA_U32, },
	[VNET_NAT_PROTO] = { .type = NLA_U8, },
	[VNET_NAT_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[VNET_NAT_TO_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[VNET_NAT_CONNS] = { .type = NLA_U64, },
};

const struct nla_policy vnet_neigh_nl_policy[VNET_NEIGH_ADDRESS6 + 1] = {
	[VNET_NEIGH_ADDRESS] = { .type = NLA_U32, },
	[VNET_NEIGH_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VNET_NEIGH_PORT] = { .type = NLA_U32, },
	[VNET_NEIGH_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_NEIGH_STATE] = NLA_POLICY_RANGE(NLA_U8, 1, 5),
	[VNET_NEIGH_AGE] = { .type = NLA_U32, },
	[VNET_NEIGH_QUEUED] = { .type = NLA_U32, },
	[VNET_NEIGH_ADDRESS6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy vnet_network_nl_policy[VNET_NETWORK_HOST6 + 1] = {
	[VNET_NETWORK_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_network_id_range),
	[VNET_NETWORK_NAME] = { .type = NLA_NUL_STRING, .len = 31, },
	[VNET_NETWORK_MTU] = { .type = NLA_U32, },
	[VNET_NETWORK_DESCRIPTION] = { .type = NLA_NUL_STRING, .len = 255, },
	[VNET_NETWORK_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_NETWORK_FORCE] = { .type = NLA_FLAG, },
	[VNET_NETWORK_QUOTA] = NLA_POLICY_NESTED(vnet_quota_nl_policy),
	[VNET_NETWORK_USAGE] = NLA_POLICY_NESTED(vnet_quota_nl_policy),
	[VNET_NETWORK_DENIED] = NLA_POLICY_NESTED(vnet_quota_denied_nl_policy),
	[VNET_NETWORK_DEVICES] = { .type = NLA_U32, },
	[VNET_NETWORK_POLICERS] = { .type = NLA_U32, },
	[VNET_NETWORK_UNDERLAY] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_NETWORK_LOCAL] = { .type = NLA_U32, },
	[VNET_NETWORK_LOCAL6] = NLA_POLICY_EXACT_LEN(16),
	[VNET_NETWORK_VXLAN_PORT] = { .type = NLA_U16, },
	[VNET_NETWORK_HOST] = { .type = NLA_U32, },
	[VNET_NETWORK_HOST6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy vnet_param_nl_policy[VNET_PARAM_VLAN_AWARE + 1] = {
	[VNET_PARAM_AGEING] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_ageing_range),
	[VNET_PARAM_TTL_CHECK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_POLICY] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_L2_POLICY] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_CONNS_MAX] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_conns_max_range),
	[VNET_PARAM_TCP_SYN_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_tcp_syn_timeout_range),
	[VNET_PARAM_TCP_EST_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_tcp_est_timeout_range),
	[VNET_PARAM_TCP_FIN_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_tcp_fin_timeout_range),
	[VNET_PARAM_TCP_CLOSE_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_tcp_close_timeout_range),
	[VNET_PARAM_UDP_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_udp_timeout_range),
	[VNET_PARAM_UDP_STREAM_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_udp_stream_timeout_range),
	[VNET_PARAM_ICMP_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_icmp_timeout_range),
	[VNET_PARAM_CONNTRACK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_OTHER_POLICY] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_GROUP_FWD_MASK] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_param_group_fwd_mask_range),
	[VNET_PARAM_NEIGH_SUPPRESS] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_VLAN_FILTERING] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_VLAN_PROTOCOL] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_VLAN_AWARE] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy vnet_policer_nl_policy[VNET_POLICER_DROPPED_BYTES + 1] = {
	[VNET_POLICER_NAME] = { .type = NLA_NUL_STRING, .len = 31, },
	[VNET_POLICER_RATE] = { .type = NLA_U64, },
	[VNET_POLICER_BURST] = { .type = NLA_U32, },
	[VNET_POLICER_PORTS] = { .type = NLA_U32, },
	[VNET_POLICER_PASSED_PACKETS] = { .type = NLA_U64, },
	[VNET_POLICER_PASSED_BYTES] = { .type = NLA_U64, },
	[VNET_POLICER_DROPPED_PACKETS] = { .type = NLA_U64, },
	[VNET_POLICER_DROPPED_BYTES] = { .type = NLA_U64, },
};

const struct nla_policy vnet_port_nl_policy[VNET_PORT_OWNS_LOWER + 1] = {
	[VNET_PORT_INDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_PORT_LOWER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_PORT_LOWER_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_PORT_LEARNING] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PORT_FLOOD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PORT_STATS] = NLA_POLICY_NESTED(vnet_stats_nl_policy),
	[VNET_PORT_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PORT_PEER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_PORT_PEER_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_PORT_PEER_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_PORT_ALLOW_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VNET_PORT_ALLOW_IPS] = NLA_POLICY_NESTED(vnet_allow_nl_policy),
	[VNET_PORT_POLICER] = { .type = NLA_NUL_STRING, .len = 31, },
	[VNET_PORT_ADDRESS] = NLA_POLICY_EXACT_LEN(6),
	[VNET_PORT_LEARNING_LIMIT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_port_learning_limit_range),
	[VNET_PORT_LEARNED] = { .type = NLA_U32, },
	[VNET_PORT_RA] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PORT_RA_INTERVAL] = NLA_POLICY_RANGE(NLA_U32, 4, 1800),
	[VNET_PORT_RA_LIFETIME] = NLA_POLICY_MAX(NLA_U32, 9000),
	[VNET_PORT_TUNNEL] = { .type = NLA_U8, },
	[VNET_PORT_VLAN] = NLA_POLICY_NESTED(vnet_vlan_nl_policy),
	[VNET_PORT_OWNS_LOWER] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy vnet_quota_nl_policy[VNET_QUOTA_CONNS + 1] = {
	[VNET_QUOTA_PORTS] = { .type = NLA_U32, },
	[VNET_QUOTA_FDB] = { .type = NLA_U32, },
	[VNET_QUOTA_ROUTES] = { .type = NLA_U32, },
	[VNET_QUOTA_NEIGH] = { .type = NLA_U32, },
	[VNET_QUOTA_RULES] = { .type = NLA_U32, },
	[VNET_QUOTA_CONNS] = { .type = NLA_U32, },
};

const struct nla_policy vnet_quota_denied_nl_policy[VNET_QUOTA_DENIED_CONNS + 1] = {
	[VNET_QUOTA_DENIED_PORTS] = { .type = NLA_U64, },
	[VNET_QUOTA_DENIED_FDB] = { .type = NLA_U64, },
	[VNET_QUOTA_DENIED_ROUTES] = { .type = NLA_U64, },
	[VNET_QUOTA_DENIED_NEIGH] = { .type = NLA_U64, },
	[VNET_QUOTA_DENIED_RULES] = { .type = NLA_U64, },
	[VNET_QUOTA_DENIED_CONNS] = { .type = NLA_U64, },
};

const struct nla_policy vnet_route_nl_policy[VNET_ROUTE_GATEWAY6 + 1] = {
	[VNET_ROUTE_DST] = { .type = NLA_U32, },
	[VNET_ROUTE_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VNET_ROUTE_GATEWAY] = { .type = NLA_U32, },
	[VNET_ROUTE_PORT] = { .type = NLA_U32, },
	[VNET_ROUTE_PORT_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ROUTE_TYPE] = NLA_POLICY_MAX(NLA_U8, 3),
	[VNET_ROUTE_DST6] = NLA_POLICY_EXACT_LEN(16),
	[VNET_ROUTE_GATEWAY6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy vnet_rule_nl_policy[VNET_RULE_VLAN + 1] = {
	[VNET_RULE_INDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_RULE_IN] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_RULE_OUT] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_RULE_SRC] = { .type = NLA_U32, },
	[VNET_RULE_SRC_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VNET_RULE_DST] = { .type = NLA_U32, },
	[VNET_RULE_DST_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VNET_RULE_PROTO] = { .type = NLA_U8, },
	[VNET_RULE_SPORT_MIN] = { .type = NLA_U16, },
	[VNET_RULE_SPORT_MAX] = { .type = NLA_U16, },
	[VNET_RULE_DPORT_MIN] = { .type = NLA_U16, },
	[VNET_RULE_DPORT_MAX] = { .type = NLA_U16, },
	[VNET_RULE_ICMP_TYPE] = { .type = NLA_U8, },
	[VNET_RULE_ACTION] = NLA_POLICY_MAX(NLA_U8, 2),
	[VNET_RULE_PACKETS] = { .type = NLA_U64, },
	[VNET_RULE_BYTES] = { .type = NLA_U64, },
	[VNET_RULE_STATE] = NLA_POLICY_RANGE(NLA_U8, 1, 4),
	[VNET_RULE_SRC6] = NLA_POLICY_EXACT_LEN(16),
	[VNET_RULE_DST6] = NLA_POLICY_EXACT_LEN(16),
	[VNET_RULE_VLAN] = NLA_POLICY_MAX(NLA_U16, VNET_VLAN_VID_MAX),
};

const struct nla_policy vnet_stats_nl_policy[VNET_STATS_DROP_VLAN + 1] = {
	[VNET_STATS_RX_PACKETS] = { .type = NLA_U64, },
	[VNET_STATS_RX_BYTES] = { .type = NLA_U64, },
	[VNET_STATS_TX_PACKETS] = { .type = NLA_U64, },
	[VNET_STATS_TX_BYTES] = { .type = NLA_U64, },
	[VNET_STATS_RX_DROPPED] = { .type = NLA_U64, },
	[VNET_STATS_TX_DROPPED] = { .type = NLA_U64, },
	[VNET_STATS_DROP_NO_PORT] = { .type = NLA_U64, },
	[VNET_STATS_DROP_MTU] = { .type = NLA_U64, },
	[VNET_STATS_DROP_BAD_SOURCE] = { .type = NLA_U64, },
	[VNET_STATS_DROP_LOOP] = { .type = NLA_U64, },
	[VNET_STATS_FDB_FULL] = { .type = NLA_U64, },
	[VNET_STATS_FLOODED] = { .type = NLA_U64, },
	[VNET_STATS_DROP_BAD_HEADER] = { .type = NLA_U64, },
	[VNET_STATS_DROP_NO_ROUTE] = { .type = NLA_U64, },
	[VNET_STATS_DROP_TTL] = { .type = NLA_U64, },
	[VNET_STATS_DROP_NOT_ROUTABLE] = { .type = NLA_U64, },
	[VNET_STATS_DROP_LOCAL] = { .type = NLA_U64, },
	[VNET_STATS_DROP_NEIGH_FAILED] = { .type = NLA_U64, },
	[VNET_STATS_DROP_QUEUE_FULL] = { .type = NLA_U64, },
	[VNET_STATS_NEIGH_FULL] = { .type = NLA_U64, },
	[VNET_STATS_ICMP_SENT] = { .type = NLA_U64, },
	[VNET_STATS_ICMP_RATELIMITED] = { .type = NLA_U64, },
	[VNET_STATS_FRAGMENTS] = { .type = NLA_U64, },
	[VNET_STATS_DROP_RULE] = { .type = NLA_U64, },
	[VNET_STATS_DROP_POLICY] = { .type = NLA_U64, },
	[VNET_STATS_DROP_L2] = { .type = NLA_U64, },
	[VNET_STATS_DROP_INVALID] = { .type = NLA_U64, },
	[VNET_STATS_REJECTS_SENT] = { .type = NLA_U64, },
	[VNET_STATS_CONN_FULL] = { .type = NLA_U64, },
	[VNET_STATS_CONN_NEW] = { .type = NLA_U64, },
	[VNET_STATS_DROP_PATCH_LOOP] = { .type = NLA_U64, },
	[VNET_STATS_DROP_PORT_SECURITY] = { .type = NLA_U64, },
	[VNET_STATS_DROP_POLICER] = { .type = NLA_U64, },
	[VNET_STATS_DROP_OTHER] = { .type = NLA_U64, },
	[VNET_STATS_CONN_EARLY_DROP] = { .type = NLA_U64, },
	[VNET_STATS_LEARN_LIMIT] = { .type = NLA_U64, },
	[VNET_STATS_NEIGH_EVICTED] = { .type = NLA_U64, },
	[VNET_STATS_NEIGH_RATELIMITED] = { .type = NLA_U64, },
	[VNET_STATS_NAT_EXHAUSTED] = { .type = NLA_U64, },
	[VNET_STATS_NEIGH_SUPPRESSED] = { .type = NLA_U64, },
	[VNET_STATS_DROP_VLAN] = { .type = NLA_U64, },
};

const struct nla_policy vnet_vlan_nl_policy[VNET_VLAN_TRUNK + 1] = {
	[VNET_VLAN_MODE] = NLA_POLICY_MAX(NLA_U8, 2),
	[VNET_VLAN_VID] = NLA_POLICY_RANGE(NLA_U16, 1, VNET_VLAN_VID_MAX),
	[VNET_VLAN_TRUNK] = NLA_POLICY_EXACT_LEN(VNET_VLAN_BITMAP_LEN),
};

const struct nla_policy vnet_vlan_vni_nl_policy[VNET_VLAN_VNI_VNI + 1] = {
	[VNET_VLAN_VNI_VID] = NLA_POLICY_RANGE(NLA_U16, 1, VNET_VLAN_VID_MAX),
	[VNET_VLAN_VNI_VNI] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_vlan_vni_vni_range),
};

/* VNET_CMD_DEV_NEW - do */
const struct nla_policy vnet_dev_new_nl_policy[VNET_ATTR_VLAN_VNI + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_KIND] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[VNET_ATTR_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_ATTR_MTU] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_attr_mtu_range),
	[VNET_ATTR_PARAMS] = NLA_POLICY_NESTED(vnet_param_nl_policy),
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
	[VNET_ATTR_VNI] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_attr_vni_range),
	[VNET_ATTR_VLAN_VNI] = NLA_POLICY_NESTED(vnet_vlan_vni_nl_policy),
};

/* VNET_CMD_DEV_DEL - do */
const struct nla_policy vnet_dev_del_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_DEV_GET - do */
const struct nla_policy vnet_dev_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_DEV_SET - do */
const struct nla_policy vnet_dev_set_nl_policy[VNET_ATTR_VLAN_VNI + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_KIND] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[VNET_ATTR_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_ATTR_MTU] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_attr_mtu_range),
	[VNET_ATTR_PARAMS] = NLA_POLICY_NESTED(vnet_param_nl_policy),
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
	[VNET_ATTR_VNI] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_attr_vni_range),
	[VNET_ATTR_HOST_VLAN] = NLA_POLICY_NESTED(vnet_vlan_nl_policy),
	[VNET_ATTR_VLAN_VNI] = NLA_POLICY_NESTED(vnet_vlan_vni_nl_policy),
};

/* VNET_CMD_PORT_NEW - do */
const struct nla_policy vnet_port_new_nl_policy[VNET_ATTR_PORT + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_PORT] = NLA_POLICY_NESTED(vnet_port_nl_policy),
};

/* VNET_CMD_PORT_DEL - do */
const struct nla_policy vnet_port_del_nl_policy[VNET_ATTR_PORT + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_PORT] = NLA_POLICY_NESTED(vnet_port_nl_policy),
};

/* VNET_CMD_PORT_GET - do */
const struct nla_policy vnet_port_get_nl_policy[VNET_ATTR_PORT + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_PORT] = NLA_POLICY_NESTED(vnet_port_nl_policy),
};

/* VNET_CMD_PORT_SET - do */
const struct nla_policy vnet_port_set_nl_policy[VNET_ATTR_PORT + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_PORT] = NLA_POLICY_NESTED(vnet_port_nl_policy),
};

/* VNET_CMD_FDB_NEW - do */
const struct nla_policy vnet_fdb_new_nl_policy[VNET_ATTR_FDB + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_FDB] = NLA_POLICY_NESTED(vnet_fdb_nl_policy),
};

/* VNET_CMD_FDB_DEL - do */
const struct nla_policy vnet_fdb_del_nl_policy[VNET_ATTR_FDB + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_FDB] = NLA_POLICY_NESTED(vnet_fdb_nl_policy),
};

/* VNET_CMD_FDB_GET - dump */
const struct nla_policy vnet_fdb_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_FDB_FLUSH - do */
const struct nla_policy vnet_fdb_flush_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_ADDR_NEW - do */
const struct nla_policy vnet_addr_new_nl_policy[VNET_ATTR_ADDR + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_ADDR] = NLA_POLICY_NESTED(vnet_addr_nl_policy),
};

/* VNET_CMD_ADDR_DEL - do */
const struct nla_policy vnet_addr_del_nl_policy[VNET_ATTR_ADDR + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_ADDR] = NLA_POLICY_NESTED(vnet_addr_nl_policy),
};

/* VNET_CMD_ADDR_GET - dump */
const struct nla_policy vnet_addr_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_ROUTE_NEW - do */
const struct nla_policy vnet_route_new_nl_policy[VNET_ATTR_ROUTE + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_ROUTE] = NLA_POLICY_NESTED(vnet_route_nl_policy),
};

/* VNET_CMD_ROUTE_DEL - do */
const struct nla_policy vnet_route_del_nl_policy[VNET_ATTR_ROUTE + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_ROUTE] = NLA_POLICY_NESTED(vnet_route_nl_policy),
};

/* VNET_CMD_ROUTE_GET - do */
const struct nla_policy vnet_route_get_nl_policy[VNET_ATTR_ROUTE + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_ROUTE] = NLA_POLICY_NESTED(vnet_route_nl_policy),
};

/* VNET_CMD_NEIGH_GET - dump */
const struct nla_policy vnet_neigh_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_NEIGH_FLUSH - do */
const struct nla_policy vnet_neigh_flush_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_RULE_NEW - do */
const struct nla_policy vnet_rule_new_nl_policy[VNET_ATTR_RULE + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_RULE] = NLA_POLICY_NESTED(vnet_rule_nl_policy),
};

/* VNET_CMD_RULE_DEL - do */
const struct nla_policy vnet_rule_del_nl_policy[VNET_ATTR_RULE + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_RULE] = NLA_POLICY_NESTED(vnet_rule_nl_policy),
};

/* VNET_CMD_RULE_GET - dump */
const struct nla_policy vnet_rule_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_RULE_FLUSH - do */
const struct nla_policy vnet_rule_flush_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_RULE_REPLACE - do */
const struct nla_policy vnet_rule_replace_nl_policy[VNET_ATTR_RULE + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_RULE] = NLA_POLICY_NESTED(vnet_rule_nl_policy),
};

/* VNET_CMD_CONN_GET - dump */
const struct nla_policy vnet_conn_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_CONN_FLUSH - do */
const struct nla_policy vnet_conn_flush_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_NET_NEW - do */
const struct nla_policy vnet_net_new_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};

/* VNET_CMD_NET_DEL - do */
const struct nla_policy vnet_net_del_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};

/* VNET_CMD_NET_GET - do */
const struct nla_policy vnet_net_get_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};

/* VNET_CMD_NET_SET - do */
const struct nla_policy vnet_net_set_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};

/* VNET_CMD_POLICER_NEW - do */
const struct nla_policy vnet_policer_new_nl_policy[VNET_ATTR_POLICER + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
	[VNET_ATTR_POLICER] = NLA_POLICY_NESTED(vnet_policer_nl_policy),
};

/* VNET_CMD_POLICER_DEL - do */
const struct nla_policy vnet_policer_del_nl_policy[VNET_ATTR_POLICER + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
	[VNET_ATTR_POLICER] = NLA_POLICY_NESTED(vnet_policer_nl_policy),
};

/* VNET_CMD_POLICER_GET - dump */
const struct nla_policy vnet_policer_get_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};

/* VNET_CMD_POLICER_SET - do */
const struct nla_policy vnet_policer_set_nl_policy[VNET_ATTR_POLICER + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
	[VNET_ATTR_POLICER] = NLA_POLICY_NESTED(vnet_policer_nl_policy),
};

/* VNET_CMD_NEIGH_NEW - do */
const struct nla_policy vnet_neigh_new_nl_policy[VNET_ATTR_NEIGH + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_NEIGH] = NLA_POLICY_NESTED(vnet_neigh_nl_policy),
};

/* VNET_CMD_NEIGH_DEL - do */
const struct nla_policy vnet_neigh_del_nl_policy[VNET_ATTR_NEIGH + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_NEIGH] = NLA_POLICY_NESTED(vnet_neigh_nl_policy),
};

/* VNET_CMD_NAT_NEW - do */
const struct nla_policy vnet_nat_new_nl_policy[VNET_ATTR_NAT + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_NAT] = NLA_POLICY_NESTED(vnet_nat_nl_policy),
};

/* VNET_CMD_NAT_DEL - do */
const struct nla_policy vnet_nat_del_nl_policy[VNET_ATTR_NAT + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VNET_ATTR_NAT] = NLA_POLICY_NESTED(vnet_nat_nl_policy),
};

/* VNET_CMD_NAT_GET - dump */
const struct nla_policy vnet_nat_get_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_NAT_FLUSH - do */
const struct nla_policy vnet_nat_flush_nl_policy[VNET_ATTR_IFNAME + 1] = {
	[VNET_ATTR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_ATTR_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VNET_CMD_NET_HOST_NEW - do */
const struct nla_policy vnet_net_host_new_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};

/* VNET_CMD_NET_HOST_DEL - do */
const struct nla_policy vnet_net_host_del_nl_policy[VNET_ATTR_NETWORK + 1] = {
	[VNET_ATTR_NETWORK] = NLA_POLICY_NESTED(vnet_network_nl_policy),
};
