/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: scripts/ynl-tables.py writes it from */
/*	Documentation/netlink/specs/vnet.yaml (make regen) */

#ifndef VNET_STATS_GEN_H
#define VNET_STATS_GEN_H

/* ethtool -S's name of each counter, indexed by enum vnet_stats. */
static const char vnet_stats_names[VNET_STATS_MAX + 1][ETH_GSTRING_LEN] = {
	[VNET_STATS_RX_PACKETS] = "rx_packets",
	[VNET_STATS_RX_BYTES] = "rx_bytes",
	[VNET_STATS_TX_PACKETS] = "tx_packets",
	[VNET_STATS_TX_BYTES] = "tx_bytes",
	[VNET_STATS_RX_DROPPED] = "rx_dropped",
	[VNET_STATS_TX_DROPPED] = "tx_dropped",
	[VNET_STATS_DROP_NO_PORT] = "drop_no_port",
	[VNET_STATS_DROP_MTU] = "drop_mtu",
	[VNET_STATS_DROP_BAD_SOURCE] = "drop_bad_source",
	[VNET_STATS_DROP_LOOP] = "drop_loop",
	[VNET_STATS_FDB_FULL] = "fdb_full",
	[VNET_STATS_FLOODED] = "flooded",
	[VNET_STATS_DROP_BAD_HEADER] = "drop_bad_header",
	[VNET_STATS_DROP_NO_ROUTE] = "drop_no_route",
	[VNET_STATS_DROP_TTL] = "drop_ttl",
	[VNET_STATS_DROP_NOT_ROUTABLE] = "drop_not_routable",
	[VNET_STATS_DROP_LOCAL] = "drop_local",
	[VNET_STATS_DROP_NEIGH_FAILED] = "drop_neigh_failed",
	[VNET_STATS_DROP_QUEUE_FULL] = "drop_queue_full",
	[VNET_STATS_NEIGH_FULL] = "neigh_full",
	[VNET_STATS_ICMP_SENT] = "icmp_sent",
	[VNET_STATS_ICMP_RATELIMITED] = "icmp_ratelimited",
	[VNET_STATS_FRAGMENTS] = "fragments",
	[VNET_STATS_DROP_RULE] = "drop_rule",
	[VNET_STATS_DROP_POLICY] = "drop_policy",
	[VNET_STATS_DROP_L2] = "drop_l2",
	[VNET_STATS_DROP_INVALID] = "drop_invalid",
	[VNET_STATS_REJECTS_SENT] = "rejects_sent",
	[VNET_STATS_CONN_FULL] = "conn_full",
	[VNET_STATS_CONN_NEW] = "conn_new",
	[VNET_STATS_DROP_PATCH_LOOP] = "drop_patch_loop",
	[VNET_STATS_DROP_PORT_SECURITY] = "drop_port_security",
	[VNET_STATS_DROP_POLICER] = "drop_policer",
	[VNET_STATS_DROP_OTHER] = "drop_other",
	[VNET_STATS_CONN_EARLY_DROP] = "conn_early_drop",
	[VNET_STATS_LEARN_LIMIT] = "learn_limit",
	[VNET_STATS_NEIGH_EVICTED] = "neigh_evicted",
	[VNET_STATS_NEIGH_RATELIMITED] = "neigh_ratelimited",
	[VNET_STATS_NAT_EXHAUSTED] = "nat_exhausted",
	[VNET_STATS_NEIGH_SUPPRESSED] = "neigh_suppressed",
	[VNET_STATS_DROP_VLAN] = "drop_vlan",
};

#endif
