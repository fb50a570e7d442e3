/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: scripts/ynl-tables.py writes it from */
/*	Documentation/netlink/specs/vnet.yaml (make regen) */

#ifndef VNET_NLFUZZ_GEN_H
#define VNET_NLFUZZ_GEN_H

enum nf_type { NF_NONE, NF_U8, NF_U16, NF_U32, NF_BE32, NF_U64,
	       NF_STR, NF_BIN, NF_FLAG, NF_NEST };

struct nf_set;

/* len: a string's max-len, a binary's exact-len (0: any). */
struct nf_attr {
	enum nf_type type;
	unsigned int len;
	const char *name;
	const struct nf_set *nest;
};

struct nf_set {
	const char *name;
	int max;
	const struct nf_attr *attrs;
};

static const struct nf_attr nf_param_attrs[VNET_PARAM_MAX + 1] = {
	[VNET_PARAM_AGEING] = { NF_U32, 0, "ageing" },
	[VNET_PARAM_TTL_CHECK] = { NF_U8, 0, "ttl-check" },
	[VNET_PARAM_POLICY] = { NF_U8, 0, "policy" },
	[VNET_PARAM_L2_POLICY] = { NF_U8, 0, "l2-policy" },
	[VNET_PARAM_CONNS_MAX] = { NF_U32, 0, "conns-max" },
	[VNET_PARAM_TCP_SYN_TIMEOUT] = { NF_U32, 0, "tcp-syn-timeout" },
	[VNET_PARAM_TCP_EST_TIMEOUT] = { NF_U32, 0, "tcp-est-timeout" },
	[VNET_PARAM_TCP_FIN_TIMEOUT] = { NF_U32, 0, "tcp-fin-timeout" },
	[VNET_PARAM_TCP_CLOSE_TIMEOUT] = { NF_U32, 0, "tcp-close-timeout" },
	[VNET_PARAM_UDP_TIMEOUT] = { NF_U32, 0, "udp-timeout" },
	[VNET_PARAM_UDP_STREAM_TIMEOUT] = { NF_U32, 0, "udp-stream-timeout" },
	[VNET_PARAM_ICMP_TIMEOUT] = { NF_U32, 0, "icmp-timeout" },
	[VNET_PARAM_CONNTRACK] = { NF_U8, 0, "conntrack" },
	[VNET_PARAM_OTHER_POLICY] = { NF_U8, 0, "other-policy" },
	[VNET_PARAM_GROUP_FWD_MASK] = { NF_U32, 0, "group-fwd-mask" },
	[VNET_PARAM_NEIGH_SUPPRESS] = { NF_U8, 0, "neigh-suppress" },
	[VNET_PARAM_VLAN_FILTERING] = { NF_U8, 0, "vlan-filtering" },
	[VNET_PARAM_VLAN_PROTOCOL] = { NF_U8, 0, "vlan-protocol" },
	[VNET_PARAM_VLAN_AWARE] = { NF_U8, 0, "vlan-aware" },
};

static const struct nf_set nf_param = { "param", VNET_PARAM_MAX, nf_param_attrs };

static const struct nf_attr nf_stats_attrs[VNET_STATS_MAX + 1] = {
	[VNET_STATS_RX_PACKETS] = { NF_U64, 0, "rx-packets" },
	[VNET_STATS_RX_BYTES] = { NF_U64, 0, "rx-bytes" },
	[VNET_STATS_TX_PACKETS] = { NF_U64, 0, "tx-packets" },
	[VNET_STATS_TX_BYTES] = { NF_U64, 0, "tx-bytes" },
	[VNET_STATS_RX_DROPPED] = { NF_U64, 0, "rx-dropped" },
	[VNET_STATS_TX_DROPPED] = { NF_U64, 0, "tx-dropped" },
	[VNET_STATS_DROP_NO_PORT] = { NF_U64, 0, "drop-no-port" },
	[VNET_STATS_DROP_MTU] = { NF_U64, 0, "drop-mtu" },
	[VNET_STATS_DROP_BAD_SOURCE] = { NF_U64, 0, "drop-bad-source" },
	[VNET_STATS_DROP_LOOP] = { NF_U64, 0, "drop-loop" },
	[VNET_STATS_FDB_FULL] = { NF_U64, 0, "fdb-full" },
	[VNET_STATS_FLOODED] = { NF_U64, 0, "flooded" },
	[VNET_STATS_DROP_BAD_HEADER] = { NF_U64, 0, "drop-bad-header" },
	[VNET_STATS_DROP_NO_ROUTE] = { NF_U64, 0, "drop-no-route" },
	[VNET_STATS_DROP_TTL] = { NF_U64, 0, "drop-ttl" },
	[VNET_STATS_DROP_NOT_ROUTABLE] = { NF_U64, 0, "drop-not-routable" },
	[VNET_STATS_DROP_LOCAL] = { NF_U64, 0, "drop-local" },
	[VNET_STATS_DROP_NEIGH_FAILED] = { NF_U64, 0, "drop-neigh-failed" },
	[VNET_STATS_DROP_QUEUE_FULL] = { NF_U64, 0, "drop-queue-full" },
	[VNET_STATS_NEIGH_FULL] = { NF_U64, 0, "neigh-full" },
	[VNET_STATS_ICMP_SENT] = { NF_U64, 0, "icmp-sent" },
	[VNET_STATS_ICMP_RATELIMITED] = { NF_U64, 0, "icmp-ratelimited" },
	[VNET_STATS_FRAGMENTS] = { NF_U64, 0, "fragments" },
	[VNET_STATS_DROP_RULE] = { NF_U64, 0, "drop-rule" },
	[VNET_STATS_DROP_POLICY] = { NF_U64, 0, "drop-policy" },
	[VNET_STATS_DROP_L2] = { NF_U64, 0, "drop-l2" },
	[VNET_STATS_DROP_INVALID] = { NF_U64, 0, "drop-invalid" },
	[VNET_STATS_REJECTS_SENT] = { NF_U64, 0, "rejects-sent" },
	[VNET_STATS_CONN_FULL] = { NF_U64, 0, "conn-full" },
	[VNET_STATS_CONN_NEW] = { NF_U64, 0, "conn-new" },
	[VNET_STATS_DROP_PATCH_LOOP] = { NF_U64, 0, "drop-patch-loop" },
	[VNET_STATS_DROP_PORT_SECURITY] = { NF_U64, 0, "drop-port-security" },
	[VNET_STATS_DROP_POLICER] = { NF_U64, 0, "drop-policer" },
	[VNET_STATS_DROP_OTHER] = { NF_U64, 0, "drop-other" },
	[VNET_STATS_CONN_EARLY_DROP] = { NF_U64, 0, "conn-early-drop" },
	[VNET_STATS_LEARN_LIMIT] = { NF_U64, 0, "learn-limit" },
	[VNET_STATS_NEIGH_EVICTED] = { NF_U64, 0, "neigh-evicted" },
	[VNET_STATS_NEIGH_RATELIMITED] = { NF_U64, 0, "neigh-ratelimited" },
	[VNET_STATS_NAT_EXHAUSTED] = { NF_U64, 0, "nat-exhausted" },
	[VNET_STATS_NEIGH_SUPPRESSED] = { NF_U64, 0, "neigh-suppressed" },
	[VNET_STATS_DROP_VLAN] = { NF_U64, 0, "drop-vlan" },
};

static const struct nf_set nf_stats = { "stats", VNET_STATS_MAX, nf_stats_attrs };

static const struct nf_attr nf_allow_attrs[VNET_ALLOW_MAX + 1] = {
	[VNET_ALLOW_IP4] = { NF_BE32, 0, "ip4" },
	[VNET_ALLOW_IP6] = { NF_BIN, 16, "ip6" },
};

static const struct nf_set nf_allow = { "allow", VNET_ALLOW_MAX, nf_allow_attrs };

static const struct nf_attr nf_vlan_attrs[VNET_VLAN_MAX + 1] = {
	[VNET_VLAN_MODE] = { NF_U8, 0, "mode" },
	[VNET_VLAN_VID] = { NF_U16, 0, "vid" },
	[VNET_VLAN_TRUNK] = { NF_BIN, 512, "trunk" },
};

static const struct nf_set nf_vlan = { "vlan", VNET_VLAN_MAX, nf_vlan_attrs };

static const struct nf_attr nf_port_attrs[VNET_PORT_MAX + 1] = {
	[VNET_PORT_INDEX] = { NF_U32, 0, "index" },
	[VNET_PORT_NAME] = { NF_STR, 15, "name" },
	[VNET_PORT_LOWER_IFINDEX] = { NF_U32, 0, "lower-ifindex" },
	[VNET_PORT_LOWER_IFNAME] = { NF_STR, 15, "lower-ifname" },
	[VNET_PORT_LEARNING] = { NF_U8, 0, "learning" },
	[VNET_PORT_FLOOD] = { NF_U8, 0, "flood" },
	[VNET_PORT_STATS] = { NF_NEST, 0, "stats", &nf_stats },
	[VNET_PORT_UP] = { NF_U8, 0, "up" },
	[VNET_PORT_PEER_IFINDEX] = { NF_U32, 0, "peer-ifindex" },
	[VNET_PORT_PEER_IFNAME] = { NF_STR, 15, "peer-ifname" },
	[VNET_PORT_PEER_NAME] = { NF_STR, 15, "peer-name" },
	[VNET_PORT_ALLOW_MAC] = { NF_BIN, 6, "allow-mac" },
	[VNET_PORT_ALLOW_IPS] = { NF_NEST, 0, "allow-ips", &nf_allow },
	[VNET_PORT_POLICER] = { NF_STR, 31, "policer" },
	[VNET_PORT_ADDRESS] = { NF_BIN, 6, "address" },
	[VNET_PORT_LEARNING_LIMIT] = { NF_U32, 0, "learning-limit" },
	[VNET_PORT_LEARNED] = { NF_U32, 0, "learned" },
	[VNET_PORT_RA] = { NF_U8, 0, "ra" },
	[VNET_PORT_RA_INTERVAL] = { NF_U32, 0, "ra-interval" },
	[VNET_PORT_RA_LIFETIME] = { NF_U32, 0, "ra-lifetime" },
	[VNET_PORT_TUNNEL] = { NF_U8, 0, "tunnel" },
	[VNET_PORT_VLAN] = { NF_NEST, 0, "vlan", &nf_vlan },
	[VNET_PORT_OWNS_LOWER] = { NF_U8, 0, "owns-lower" },
};

static const struct nf_set nf_port = { "port", VNET_PORT_MAX, nf_port_attrs };

static const struct nf_attr nf_fdb_attrs[VNET_FDB_MAX + 1] = {
	[VNET_FDB_MAC] = { NF_BIN, 6, "mac" },
	[VNET_FDB_PORT] = { NF_U32, 0, "port" },
	[VNET_FDB_PORT_NAME] = { NF_STR, 15, "port-name" },
	[VNET_FDB_STATIC] = { NF_U8, 0, "static" },
	[VNET_FDB_AGE] = { NF_U32, 0, "age" },
	[VNET_FDB_VLAN] = { NF_U16, 0, "vlan" },
};

static const struct nf_set nf_fdb = { "fdb", VNET_FDB_MAX, nf_fdb_attrs };

static const struct nf_attr nf_addr_attrs[VNET_ADDR_MAX + 1] = {
	[VNET_ADDR_ADDRESS] = { NF_BE32, 0, "address" },
	[VNET_ADDR_PREFIXLEN] = { NF_U8, 0, "prefixlen" },
	[VNET_ADDR_PORT] = { NF_U32, 0, "port" },
	[VNET_ADDR_PORT_NAME] = { NF_STR, 15, "port-name" },
	[VNET_ADDR_ADDRESS6] = { NF_BIN, 16, "address6" },
};

static const struct nf_set nf_addr = { "addr", VNET_ADDR_MAX, nf_addr_attrs };

static const struct nf_attr nf_route_attrs[VNET_ROUTE_MAX + 1] = {
	[VNET_ROUTE_DST] = { NF_BE32, 0, "dst" },
	[VNET_ROUTE_PREFIXLEN] = { NF_U8, 0, "prefixlen" },
	[VNET_ROUTE_GATEWAY] = { NF_BE32, 0, "gateway" },
	[VNET_ROUTE_PORT] = { NF_U32, 0, "port" },
	[VNET_ROUTE_PORT_NAME] = { NF_STR, 15, "port-name" },
	[VNET_ROUTE_TYPE] = { NF_U8, 0, "type" },
	[VNET_ROUTE_DST6] = { NF_BIN, 16, "dst6" },
	[VNET_ROUTE_GATEWAY6] = { NF_BIN, 16, "gateway6" },
};

static const struct nf_set nf_route = { "route", VNET_ROUTE_MAX, nf_route_attrs };

static const struct nf_attr nf_neigh_attrs[VNET_NEIGH_MAX + 1] = {
	[VNET_NEIGH_ADDRESS] = { NF_BE32, 0, "address" },
	[VNET_NEIGH_MAC] = { NF_BIN, 6, "mac" },
	[VNET_NEIGH_PORT] = { NF_U32, 0, "port" },
	[VNET_NEIGH_PORT_NAME] = { NF_STR, 15, "port-name" },
	[VNET_NEIGH_STATE] = { NF_U8, 0, "state" },
	[VNET_NEIGH_AGE] = { NF_U32, 0, "age" },
	[VNET_NEIGH_QUEUED] = { NF_U32, 0, "queued" },
	[VNET_NEIGH_ADDRESS6] = { NF_BIN, 16, "address6" },
};

static const struct nf_set nf_neigh = { "neigh", VNET_NEIGH_MAX, nf_neigh_attrs };

static const struct nf_attr nf_rule_attrs[VNET_RULE_MAX + 1] = {
	[VNET_RULE_INDEX] = { NF_U32, 0, "index" },
	[VNET_RULE_IN] = { NF_STR, 15, "in" },
	[VNET_RULE_OUT] = { NF_STR, 15, "out" },
	[VNET_RULE_SRC] = { NF_BE32, 0, "src" },
	[VNET_RULE_SRC_LEN] = { NF_U8, 0, "src-len" },
	[VNET_RULE_DST] = { NF_BE32, 0, "dst" },
	[VNET_RULE_DST_LEN] = { NF_U8, 0, "dst-len" },
	[VNET_RULE_PROTO] = { NF_U8, 0, "proto" },
	[VNET_RULE_SPORT_MIN] = { NF_U16, 0, "sport-min" },
	[VNET_RULE_SPORT_MAX] = { NF_U16, 0, "sport-max" },
	[VNET_RULE_DPORT_MIN] = { NF_U16, 0, "dport-min" },
	[VNET_RULE_DPORT_MAX] = { NF_U16, 0, "dport-max" },
	[VNET_RULE_ICMP_TYPE] = { NF_U8, 0, "icmp-type" },
	[VNET_RULE_ACTION] = { NF_U8, 0, "action" },
	[VNET_RULE_PACKETS] = { NF_U64, 0, "packets" },
	[VNET_RULE_BYTES] = { NF_U64, 0, "bytes" },
	[VNET_RULE_STATE] = { NF_U8, 0, "state" },
	[VNET_RULE_SRC6] = { NF_BIN, 16, "src6" },
	[VNET_RULE_DST6] = { NF_BIN, 16, "dst6" },
	[VNET_RULE_VLAN] = { NF_U16, 0, "vlan" },
};

static const struct nf_set nf_rule = { "rule", VNET_RULE_MAX, nf_rule_attrs };

static const struct nf_attr nf_conn_attrs[VNET_CONN_MAX + 1] = {
	[VNET_CONN_PROTO] = { NF_U8, 0, "proto" },
	[VNET_CONN_SRC] = { NF_BE32, 0, "src" },
	[VNET_CONN_DST] = { NF_BE32, 0, "dst" },
	[VNET_CONN_SPORT] = { NF_U16, 0, "sport" },
	[VNET_CONN_DPORT] = { NF_U16, 0, "dport" },
	[VNET_CONN_TCP_STATE] = { NF_U8, 0, "tcp-state" },
	[VNET_CONN_REPLIED] = { NF_U8, 0, "replied" },
	[VNET_CONN_TIMEOUT] = { NF_U32, 0, "timeout" },
	[VNET_CONN_PACKETS] = { NF_U64, 0, "packets" },
	[VNET_CONN_SRC6] = { NF_BIN, 16, "src6" },
	[VNET_CONN_DST6] = { NF_BIN, 16, "dst6" },
	[VNET_CONN_REPLY_SRC] = { NF_BE32, 0, "reply-src" },
	[VNET_CONN_REPLY_DST] = { NF_BE32, 0, "reply-dst" },
	[VNET_CONN_REPLY_SPORT] = { NF_U16, 0, "reply-sport" },
	[VNET_CONN_REPLY_DPORT] = { NF_U16, 0, "reply-dport" },
	[VNET_CONN_VLAN] = { NF_U16, 0, "vlan" },
};

static const struct nf_set nf_conn = { "conn", VNET_CONN_MAX, nf_conn_attrs };

static const struct nf_attr nf_quota_attrs[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = { NF_U32, 0, "ports" },
	[VNET_QUOTA_FDB] = { NF_U32, 0, "fdb" },
	[VNET_QUOTA_ROUTES] = { NF_U32, 0, "routes" },
	[VNET_QUOTA_NEIGH] = { NF_U32, 0, "neigh" },
	[VNET_QUOTA_RULES] = { NF_U32, 0, "rules" },
	[VNET_QUOTA_CONNS] = { NF_U32, 0, "conns" },
};

static const struct nf_set nf_quota = { "quota", VNET_QUOTA_MAX, nf_quota_attrs };

static const struct nf_attr nf_quota_denied_attrs[VNET_QUOTA_DENIED_MAX + 1] = {
	[VNET_QUOTA_DENIED_PORTS] = { NF_U64, 0, "ports" },
	[VNET_QUOTA_DENIED_FDB] = { NF_U64, 0, "fdb" },
	[VNET_QUOTA_DENIED_ROUTES] = { NF_U64, 0, "routes" },
	[VNET_QUOTA_DENIED_NEIGH] = { NF_U64, 0, "neigh" },
	[VNET_QUOTA_DENIED_RULES] = { NF_U64, 0, "rules" },
	[VNET_QUOTA_DENIED_CONNS] = { NF_U64, 0, "conns" },
};

static const struct nf_set nf_quota_denied = { "quota-denied", VNET_QUOTA_DENIED_MAX, nf_quota_denied_attrs };

static const struct nf_attr nf_network_attrs[VNET_NETWORK_MAX + 1] = {
	[VNET_NETWORK_ID] = { NF_U32, 0, "id" },
	[VNET_NETWORK_NAME] = { NF_STR, 31, "name" },
	[VNET_NETWORK_MTU] = { NF_U32, 0, "mtu" },
	[VNET_NETWORK_DESCRIPTION] = { NF_STR, 255, "description" },
	[VNET_NETWORK_UP] = { NF_U8, 0, "up" },
	[VNET_NETWORK_FORCE] = { NF_FLAG, 0, "force" },
	[VNET_NETWORK_QUOTA] = { NF_NEST, 0, "quota", &nf_quota },
	[VNET_NETWORK_USAGE] = { NF_NEST, 0, "usage", &nf_quota },
	[VNET_NETWORK_DENIED] = { NF_NEST, 0, "denied", &nf_quota_denied },
	[VNET_NETWORK_DEVICES] = { NF_U32, 0, "devices" },
	[VNET_NETWORK_POLICERS] = { NF_U32, 0, "policers" },
	[VNET_NETWORK_UNDERLAY] = { NF_STR, 15, "underlay" },
	[VNET_NETWORK_LOCAL] = { NF_BE32, 0, "local" },
	[VNET_NETWORK_LOCAL6] = { NF_BIN, 16, "local6" },
	[VNET_NETWORK_VXLAN_PORT] = { NF_U16, 0, "vxlan-port" },
	[VNET_NETWORK_HOST] = { NF_BE32, 0, "host" },
	[VNET_NETWORK_HOST6] = { NF_BIN, 16, "host6" },
};

static const struct nf_set nf_network = { "network", VNET_NETWORK_MAX, nf_network_attrs };

static const struct nf_attr nf_policer_attrs[VNET_POLICER_MAX + 1] = {
	[VNET_POLICER_NAME] = { NF_STR, 31, "name" },
	[VNET_POLICER_RATE] = { NF_U64, 0, "rate" },
	[VNET_POLICER_BURST] = { NF_U32, 0, "burst" },
	[VNET_POLICER_PORTS] = { NF_U32, 0, "ports" },
	[VNET_POLICER_PASSED_PACKETS] = { NF_U64, 0, "passed-packets" },
	[VNET_POLICER_PASSED_BYTES] = { NF_U64, 0, "passed-bytes" },
	[VNET_POLICER_DROPPED_PACKETS] = { NF_U64, 0, "dropped-packets" },
	[VNET_POLICER_DROPPED_BYTES] = { NF_U64, 0, "dropped-bytes" },
};

static const struct nf_set nf_policer = { "policer", VNET_POLICER_MAX, nf_policer_attrs };

static const struct nf_attr nf_nat_attrs[VNET_NAT_MAX + 1] = {
	[VNET_NAT_INDEX] = { NF_U32, 0, "index" },
	[VNET_NAT_TYPE] = { NF_U8, 0, "type" },
	[VNET_NAT_OUT_PORT] = { NF_U32, 0, "out-port" },
	[VNET_NAT_OUT_PORT_NAME] = { NF_STR, 15, "out-port-name" },
	[VNET_NAT_SRC] = { NF_BE32, 0, "src" },
	[VNET_NAT_SRC_LEN] = { NF_U8, 0, "src-len" },
	[VNET_NAT_TO_MIN] = { NF_BE32, 0, "to-min" },
	[VNET_NAT_TO_MAX] = { NF_BE32, 0, "to-max" },
	[VNET_NAT_PORT_MIN] = { NF_U16, 0, "port-min" },
	[VNET_NAT_PORT_MAX] = { NF_U16, 0, "port-max" },
	[VNET_NAT_ADDR] = { NF_BE32, 0, "addr" },
	[VNET_NAT_INSIDE] = { NF_BE32, 0, "inside" },
	[VNET_NAT_PROTO] = { NF_U8, 0, "proto" },
	[VNET_NAT_PORT] = { NF_U16, 0, "port" },
	[VNET_NAT_TO_PORT] = { NF_U16, 0, "to-port" },
	[VNET_NAT_CONNS] = { NF_U64, 0, "conns" },
};

static const struct nf_set nf_nat = { "nat", VNET_NAT_MAX, nf_nat_attrs };

static const struct nf_attr nf_vlan_vni_attrs[VNET_VLAN_VNI_MAX + 1] = {
	[VNET_VLAN_VNI_VID] = { NF_U16, 0, "vid" },
	[VNET_VLAN_VNI_VNI] = { NF_U32, 0, "vni" },
};

static const struct nf_set nf_vlan_vni = { "vlan-vni", VNET_VLAN_VNI_MAX, nf_vlan_vni_attrs };

static const struct nf_attr nf_vlan_vnis_attrs[VNET_VLAN_VNIS_MAX + 1] = {
	[VNET_VLAN_VNIS_ENTRY] = { NF_NEST, 0, "entry", &nf_vlan_vni },
};

static const struct nf_set nf_vlan_vnis = { "vlan-vnis", VNET_VLAN_VNIS_MAX, nf_vlan_vnis_attrs };

static const struct nf_attr nf_vnet_attrs[VNET_ATTR_MAX + 1] = {
	[VNET_ATTR_IFINDEX] = { NF_U32, 0, "ifindex" },
	[VNET_ATTR_IFNAME] = { NF_STR, 15, "ifname" },
	[VNET_ATTR_KIND] = { NF_U32, 0, "kind" },
	[VNET_ATTR_UP] = { NF_U8, 0, "up" },
	[VNET_ATTR_MTU] = { NF_U32, 0, "mtu" },
	[VNET_ATTR_ADDRESS] = { NF_BIN, 6, "address" },
	[VNET_ATTR_PARAMS] = { NF_NEST, 0, "params", &nf_param },
	[VNET_ATTR_STATS] = { NF_NEST, 0, "stats", &nf_stats },
	[VNET_ATTR_RUNNING] = { NF_U8, 0, "running" },
	[VNET_ATTR_PORT] = { NF_NEST, 0, "port", &nf_port },
	[VNET_ATTR_FDB] = { NF_NEST, 0, "fdb", &nf_fdb },
	[VNET_ATTR_ADDR] = { NF_NEST, 0, "addr", &nf_addr },
	[VNET_ATTR_ROUTE] = { NF_NEST, 0, "route", &nf_route },
	[VNET_ATTR_NEIGH] = { NF_NEST, 0, "neigh", &nf_neigh },
	[VNET_ATTR_RULE] = { NF_NEST, 0, "rule", &nf_rule },
	[VNET_ATTR_CONN] = { NF_NEST, 0, "conn", &nf_conn },
	[VNET_ATTR_NETWORK] = { NF_NEST, 0, "network", &nf_network },
	[VNET_ATTR_POLICER] = { NF_NEST, 0, "policer", &nf_policer },
	[VNET_ATTR_NAT] = { NF_NEST, 0, "nat", &nf_nat },
	[VNET_ATTR_VNI] = { NF_U32, 0, "vni" },
	[VNET_ATTR_HOST_VLAN] = { NF_NEST, 0, "host-vlan", &nf_vlan },
	[VNET_ATTR_VLAN_VNI] = { NF_NEST, 0, "vlan-vni", &nf_vlan_vni },
	[VNET_ATTR_VLAN_VNIS] = { NF_NEST, 0, "vlan-vnis", &nf_vlan_vnis },
};

static const struct nf_set nf_vnet = { "vnet", VNET_ATTR_MAX, nf_vnet_attrs };

/* What each command's request takes: its do's, else its dump's. */
static const unsigned char nf_cmd_attrs[][16] = {
	[VNET_CMD_DEV_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_KIND, VNET_ATTR_UP, VNET_ATTR_MTU, VNET_ATTR_PARAMS, VNET_ATTR_NETWORK, VNET_ATTR_VNI, VNET_ATTR_VLAN_VNI, 0 },
	[VNET_CMD_DEV_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_DEV_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_DEV_SET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_KIND, VNET_ATTR_UP, VNET_ATTR_MTU, VNET_ATTR_PARAMS, VNET_ATTR_NETWORK, VNET_ATTR_VNI, VNET_ATTR_HOST_VLAN, VNET_ATTR_VLAN_VNI, 0 },
	[VNET_CMD_PORT_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_PORT, 0 },
	[VNET_CMD_PORT_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_PORT, 0 },
	[VNET_CMD_PORT_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_PORT, 0 },
	[VNET_CMD_PORT_SET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_PORT, 0 },
	[VNET_CMD_FDB_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_FDB, 0 },
	[VNET_CMD_FDB_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_FDB, 0 },
	[VNET_CMD_FDB_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_FDB_FLUSH] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_ADDR_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_ADDR, 0 },
	[VNET_CMD_ADDR_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_ADDR, 0 },
	[VNET_CMD_ADDR_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_ROUTE_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_ROUTE, 0 },
	[VNET_CMD_ROUTE_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_ROUTE, 0 },
	[VNET_CMD_ROUTE_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_ROUTE, 0 },
	[VNET_CMD_NEIGH_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_NEIGH_FLUSH] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_RULE_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_RULE, 0 },
	[VNET_CMD_RULE_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_RULE, 0 },
	[VNET_CMD_RULE_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_RULE_FLUSH] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_RULE_REPLACE] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_RULE, 0 },
	[VNET_CMD_CONN_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_CONN_FLUSH] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_NET_NEW] = { VNET_ATTR_NETWORK, 0 },
	[VNET_CMD_NET_DEL] = { VNET_ATTR_NETWORK, 0 },
	[VNET_CMD_NET_GET] = { VNET_ATTR_NETWORK, 0 },
	[VNET_CMD_NET_SET] = { VNET_ATTR_NETWORK, 0 },
	[VNET_CMD_POLICER_NEW] = { VNET_ATTR_NETWORK, VNET_ATTR_POLICER, 0 },
	[VNET_CMD_POLICER_DEL] = { VNET_ATTR_NETWORK, VNET_ATTR_POLICER, 0 },
	[VNET_CMD_POLICER_GET] = { VNET_ATTR_NETWORK, 0 },
	[VNET_CMD_POLICER_SET] = { VNET_ATTR_NETWORK, VNET_ATTR_POLICER, 0 },
	[VNET_CMD_NEIGH_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_NEIGH, 0 },
	[VNET_CMD_NEIGH_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_NEIGH, 0 },
	[VNET_CMD_NAT_NEW] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_NAT, 0 },
	[VNET_CMD_NAT_DEL] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, VNET_ATTR_NAT, 0 },
	[VNET_CMD_NAT_GET] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_NAT_FLUSH] = { VNET_ATTR_IFINDEX, VNET_ATTR_IFNAME, 0 },
	[VNET_CMD_NET_HOST_NEW] = { VNET_ATTR_NETWORK, 0 },
	[VNET_CMD_NET_HOST_DEL] = { VNET_ATTR_NETWORK, 0 },
};

#endif
