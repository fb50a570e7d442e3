// SPDX-License-Identifier: LGPL-2.1
/* Counters: parsing the VNET_STATS_* nest and naming its members. */
#include <string.h>
#include "nl.h"

/* Which kinds count a counter: the port layer's counters, every kind's. */
#define SW	(1u << VNET_KIND_VSWITCH)
#define RT	(1u << VNET_KIND_VROUTER)
#define FW	(1u << VNET_KIND_VFIREWALL)
#define ALL	(SW | RT | FW)

static const struct {
	const char *name;
	unsigned int kinds;
	bool drop;		/* a reason packets were not forwarded */
} stats_desc[VNET_STATS_MAX + 1] = {
	[VNET_STATS_RX_PACKETS] = { "rx_packets", ALL },
	[VNET_STATS_RX_BYTES] = { "rx_bytes", ALL },
	[VNET_STATS_TX_PACKETS] = { "tx_packets", ALL },
	[VNET_STATS_TX_BYTES] = { "tx_bytes", ALL },
	[VNET_STATS_RX_DROPPED] = { "rx_dropped", ALL },
	[VNET_STATS_TX_DROPPED] = { "tx_dropped", ALL },
	[VNET_STATS_DROP_NO_PORT] = { "drop_no_port", ALL, true },
	[VNET_STATS_DROP_MTU] = { "drop_mtu", ALL, true },
	[VNET_STATS_DROP_BAD_SOURCE] = { "drop_bad_source", ALL, true },
	[VNET_STATS_DROP_LOOP] = { "drop_loop", SW | FW, true },
	[VNET_STATS_FDB_FULL] = { "fdb_full", SW | FW, true },
	[VNET_STATS_FLOODED] = { "flooded", SW | FW },
	[VNET_STATS_DROP_BAD_HEADER] = { "drop_bad_header", RT, true },
	[VNET_STATS_DROP_NO_ROUTE] = { "drop_no_route", RT, true },
	[VNET_STATS_DROP_TTL] = { "drop_ttl", RT, true },
	[VNET_STATS_DROP_NOT_ROUTABLE] = { "drop_not_routable", RT, true },
	[VNET_STATS_DROP_LOCAL] = { "drop_local", RT, true },
	[VNET_STATS_DROP_NEIGH_FAILED] = { "drop_neigh_failed", RT, true },
	[VNET_STATS_DROP_QUEUE_FULL] = { "drop_queue_full", RT, true },
	[VNET_STATS_NEIGH_FULL] = { "neigh_full", SW | RT, true },
	[VNET_STATS_ICMP_SENT] = { "icmp_sent", RT },
	[VNET_STATS_ICMP_RATELIMITED] = { "icmp_ratelimited", RT | FW, true },
	[VNET_STATS_FRAGMENTS] = { "fragments", RT },
	[VNET_STATS_DROP_RULE] = { "drop_rule", FW, true },
	[VNET_STATS_DROP_POLICY] = { "drop_policy", FW, true },
	[VNET_STATS_DROP_L2] = { "drop_l2", FW, true },
	[VNET_STATS_DROP_OTHER] = { "drop_other", FW, true },
	[VNET_STATS_DROP_INVALID] = { "drop_invalid", RT | FW, true },
	[VNET_STATS_REJECTS_SENT] = { "rejects_sent", FW },
	/* A vrouter tracks the connections its NAT translates. */
	[VNET_STATS_CONN_FULL] = { "conn_full", RT | FW, true },
	[VNET_STATS_CONN_NEW] = { "conn_new", RT | FW },
	[VNET_STATS_CONN_EARLY_DROP] = { "conn_early_drop", RT | FW, true },
	[VNET_STATS_LEARN_LIMIT] = { "learn_limit", SW | FW, true },
	[VNET_STATS_NEIGH_EVICTED] = { "neigh_evicted", RT },
	[VNET_STATS_NEIGH_RATELIMITED] = { "neigh_ratelimited", RT, true },
	[VNET_STATS_NAT_EXHAUSTED] = { "nat_exhausted", RT, true },
	[VNET_STATS_NEIGH_SUPPRESSED] = { "neigh_suppressed", SW },
	[VNET_STATS_DROP_VLAN] = { "drop_vlan", SW, true },
	[VNET_STATS_DROP_PATCH_LOOP] = { "drop_patch_loop", ALL, true },
	[VNET_STATS_DROP_PORT_SECURITY] = { "drop_port_security", ALL, true },
	[VNET_STATS_DROP_POLICER] = { "drop_policer", ALL, true },
};

const char *vnet_stats_name(int which)
{
	if (which < 0 || which > VNET_STATS_MAX)
		return NULL;
	return stats_desc[which].name;
}

bool vnet_stats_of_kind(int which, enum vnet_kind kind)
{
	if (which < 0 || which > VNET_STATS_MAX || !stats_desc[which].name)
		return false;
	return kind == VNET_KIND_UNSPEC ||
	       (kind > 0 && kind <= VNET_KIND_MAX &&
		(stats_desc[which].kinds & (1u << kind)));
}

bool vnet_stats_is_drop(int which)
{
	return which >= 0 && which <= VNET_STATS_MAX && stats_desc[which].drop;
}

bool vnet_stats_parse(struct nlattr *nest, struct vnet_dev_stats *s)
{
	struct nlattr *a;
	int rem;

	memset(s, 0, sizeof(*s));
	if (!nest)
		return false;
	nla_for_each_nested(a, nest, rem) {
		int type = nla_type(a);

		if (type >= VNET_STATS_RX_PACKETS && type <= VNET_STATS_MAX &&
		    nla_len(a) == sizeof(uint64_t))
			s->c[type] = nla_get_u64(a);
	}
	return true;
}
