/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vnet: virtual switches, routers and firewalls as network devices.
 *
 * The netlink contract between the vnet module and userspace. Devices are
 * driven through the generic netlink family VNET_GENL_NAME and, for the
 * device parameters, through rtnetlink's IFLA_INFO_DATA, which carries the
 * same VNET_PARAM_* attributes as the VNET_ATTR_PARAMS nest.
 */
#ifndef _UAPI_LINUX_VNET_H
#define _UAPI_LINUX_VNET_H

#define VNET_GENL_NAME		"vnet"
#define VNET_GENL_VERSION	1
#define VNET_MCGRP_MONITOR	"monitor"

/* Device kinds; also the rtnl_link_ops kind strings. */
enum vnet_kind {
	VNET_KIND_UNSPEC,
	VNET_KIND_VSWITCH,	/* "vswitch" */
	VNET_KIND_VROUTER,	/* "vrouter" */
	VNET_KIND_VFIREWALL,	/* "vfirewall" */
	__VNET_KIND_MAX,
};

#define VNET_KIND_MAX (__VNET_KIND_MAX - 1)

enum vnet_cmd {
	VNET_CMD_UNSPEC,
	VNET_CMD_DEV_NEW,	/* create; also announced on "monitor" */
	VNET_CMD_DEV_DEL,	/* delete; also announced on "monitor" */
	VNET_CMD_DEV_GET,	/* one device (doit) or all of them (dump) */
	VNET_CMD_DEV_SET,	/* change; also announced on "monitor" */
	VNET_CMD_PORT_NEW,	/* device + VNET_ATTR_PORT; announced */
	VNET_CMD_PORT_DEL,	/* announced */
	VNET_CMD_PORT_GET,	/* one port (doit) or a device's ports (dump) */
	VNET_CMD_PORT_SET,	/* announced */
	VNET_CMD_FDB_NEW,	/* device + VNET_ATTR_FDB: a static entry */
	VNET_CMD_FDB_DEL,
	VNET_CMD_FDB_GET,	/* dump of a device's forwarding table */
	VNET_CMD_FDB_FLUSH,	/* forget the learned entries */
	VNET_CMD_ADDR_NEW,	/* vrouter: device + VNET_ATTR_ADDR */
	VNET_CMD_ADDR_DEL,
	VNET_CMD_ADDR_GET,	/* dump of a vrouter's addresses */
	VNET_CMD_ROUTE_NEW,	/* vrouter: device + VNET_ATTR_ROUTE, static */
	VNET_CMD_ROUTE_DEL,	/* static routes only */
	VNET_CMD_ROUTE_GET,	/* dump, or (doit) the route a DST matches */
	VNET_CMD_NEIGH_GET,	/* dump of a vrouter's neighbour table */
	VNET_CMD_NEIGH_FLUSH,	/* forget every neighbour */
	VNET_CMD_RULE_NEW,	/* vfirewall: device + VNET_ATTR_RULE */
	VNET_CMD_RULE_DEL,	/* by VNET_RULE_INDEX */
	VNET_CMD_RULE_GET,	/* dump, with each rule's counters */
	VNET_CMD_RULE_FLUSH,	/* no rules: everything gets the policy */
	VNET_CMD_RULE_REPLACE,	/* the whole set: one VNET_ATTR_RULE each */
	VNET_CMD_CONN_GET,	/* dump of a vfirewall's connection table */
	VNET_CMD_CONN_FLUSH,	/* forget every connection */
	VNET_CMD_NET_NEW,	/* VNET_ATTR_NETWORK; announced */
	VNET_CMD_NET_DEL,	/* refused while it has devices, unless FORCE */
	VNET_CMD_NET_GET,	/* one network (doit) or all of them (dump) */
	VNET_CMD_NET_SET,	/* parameters, quotas, start/stop; announced */
	VNET_CMD_POLICER_NEW,	/* VNET_ATTR_NETWORK + VNET_ATTR_POLICER */
	VNET_CMD_POLICER_DEL,	/* refused while ports are bound to it */
	VNET_CMD_POLICER_GET,	/* dump: a network's policers, or all */
	VNET_CMD_POLICER_SET,	/* new rate and burst; the bucket refills */
	VNET_CMD_NEIGH_NEW,	/* vrouter: a permanent neighbour (ADDRESS,
				 * MAC, PORT or PORT_NAME); replaces one
				 */
	VNET_CMD_NEIGH_DEL,	/* vrouter: forget the neighbour ADDRESS */
	__VNET_CMD_MAX,
};

#define VNET_CMD_MAX (__VNET_CMD_MAX - 1)

/* Top-level attributes of every command. */
enum vnet_attr {
	VNET_ATTR_UNSPEC,
	VNET_ATTR_PAD,
	VNET_ATTR_IFINDEX,	/* u32 */
	VNET_ATTR_IFNAME,	/* string, < IFNAMSIZ */
	VNET_ATTR_KIND,		/* u32, enum vnet_kind */
	VNET_ATTR_UP,		/* u8, admin state: 1 started, 0 stopped */
	VNET_ATTR_MTU,		/* u32 */
	VNET_ATTR_ADDRESS,	/* binary, ETH_ALEN; reported only */
	VNET_ATTR_PARAMS,	/* nest, VNET_PARAM_* */
	VNET_ATTR_STATS,	/* nest, VNET_STATS_*; reported only */
	VNET_ATTR_RUNNING,	/* u8, operational state; reported only */
	VNET_ATTR_PORT,		/* nest, VNET_PORT_* */
	VNET_ATTR_FDB,		/* nest, VNET_FDB_* */
	VNET_ATTR_ADDR,		/* nest, VNET_ADDR_* */
	VNET_ATTR_ROUTE,	/* nest, VNET_ROUTE_* */
	VNET_ATTR_NEIGH,	/* nest, VNET_NEIGH_* */
	VNET_ATTR_RULE,		/* nest, VNET_RULE_*; repeated in a replace */
	VNET_ATTR_CONN,		/* nest, VNET_CONN_*; reported only */
	/* nest, VNET_NETWORK_*; in a device request or report, its network */
	VNET_ATTR_NETWORK,
	VNET_ATTR_POLICER,	/* nest, VNET_POLICER_* */
	__VNET_ATTR_MAX,
};

#define VNET_ATTR_MAX (__VNET_ATTR_MAX - 1)

/*
 * Kind-specific device parameters: the VNET_ATTR_PARAMS nest and
 * IFLA_INFO_DATA. Each applies to one kind; giving one to another kind is
 * an error.
 */
enum vnet_param {
	VNET_PARAM_UNSPEC,
	VNET_PARAM_AGEING,	/* u32, vswitch: fdb ageing in seconds, 0 = never */
	VNET_PARAM_TTL_CHECK,	/* u8, vrouter: 1 decrement TTL and answer
				 * expiry; 0 leave TTL alone
				 */
	VNET_PARAM_POLICY,	/* u8, vfirewall: accept or drop what no rule
				 * decides
				 */
	VNET_PARAM_L2_POLICY,	/* u8, vfirewall: accept or drop ARP and IPv6
				 * neighbour discovery
				 */
	VNET_PARAM_CONNS_MAX,	/* u32, vfirewall: connections tracked at most;
				 * past it new connections are dropped
				 */
	/* u32 seconds, vfirewall: how long an idle connection is kept */
	VNET_PARAM_TCP_SYN_TIMEOUT,	/* opening: SYN or SYN-ACK seen */
	VNET_PARAM_TCP_EST_TIMEOUT,	/* established */
	VNET_PARAM_TCP_FIN_TIMEOUT,	/* closing: a FIN seen */
	VNET_PARAM_TCP_CLOSE_TIMEOUT,	/* closed: both FINs or a RST seen */
	VNET_PARAM_UDP_TIMEOUT,		/* UDP and others, no reply yet */
	VNET_PARAM_UDP_STREAM_TIMEOUT,	/* UDP and others, replied */
	VNET_PARAM_ICMP_TIMEOUT,	/* ICMP echo */
	VNET_PARAM_CONNTRACK,	/* u8, vfirewall: 1 track connections; 0 judge
				 * every packet alone (no state: rules with
				 * one never match)
				 */
	VNET_PARAM_OTHER_POLICY, /* u8, vfirewall: accept or drop what is
				  * neither IPv4, IPv6 nor ARP, and any frame
				  * in a VLAN tag (default drop)
				  */
	VNET_PARAM_GROUP_FWD_MASK, /* u32, vswitch: bit N set forwards frames
				    * to 01:80:c2:00:00:0N (802.1D link-local
				    * groups), which otherwise only go up to
				    * the host; bits 1 (pause) and 2 (slow
				    * protocols: LACP) cannot be set
				    */
	__VNET_PARAM_MAX,
};

#define VNET_PARAM_MAX (__VNET_PARAM_MAX - 1)

#define VNET_AGEING_DEFAULT	300
#define VNET_AGEING_MAX		1000000

/* Link-local groups a vswitch never forwards: pause and slow protocols. */
#define VNET_GROUP_FWD_RESTRICTED	0x0006
#define VNET_GROUP_FWD_MAX		0xffff

/* Connection tracking: the table's bounds and the timeouts' defaults. */
#define VNET_CONN_LIMIT		(1U << 21)
#define VNET_CONNS_MAX_DEFAULT	262144
#define VNET_CONN_TIMEOUT_MAX	2592000		/* 30 days */
#define VNET_TCP_SYN_TIMEOUT_DEFAULT	120
#define VNET_TCP_EST_TIMEOUT_DEFAULT	432000
#define VNET_TCP_FIN_TIMEOUT_DEFAULT	120
#define VNET_TCP_CLOSE_TIMEOUT_DEFAULT	10
#define VNET_UDP_TIMEOUT_DEFAULT	30
#define VNET_UDP_STREAM_TIMEOUT_DEFAULT	120
#define VNET_ICMP_TIMEOUT_DEFAULT	30

/* Policies are accept or drop; a rule may also reject. */
enum vnet_verdict {
	VNET_VERDICT_ACCEPT,
	VNET_VERDICT_DROP,
	VNET_VERDICT_REJECT,	/* TCP RST, else ICMP unreachable */
	__VNET_VERDICT_MAX,
};

#define VNET_VERDICT_MAX (__VNET_VERDICT_MAX - 1)

/* Counters, summed over CPUs; all u64. */
enum vnet_stats {
	VNET_STATS_UNSPEC,
	VNET_STATS_PAD,
	VNET_STATS_RX_PACKETS,
	VNET_STATS_RX_BYTES,
	VNET_STATS_TX_PACKETS,
	VNET_STATS_TX_BYTES,
	VNET_STATS_RX_DROPPED,
	VNET_STATS_TX_DROPPED,
	VNET_STATS_DROP_NO_PORT,	/* nowhere to send it */
	VNET_STATS_DROP_MTU,		/* larger than the egress port's MTU */
	VNET_STATS_DROP_BAD_SOURCE,	/* multicast or zero source MAC */
	VNET_STATS_DROP_LOOP,		/* would go back out its ingress port */
	VNET_STATS_FDB_FULL,		/* source MACs not learned: table full */
	VNET_STATS_FLOODED,		/* frames flooded to every port */
	VNET_STATS_DROP_BAD_HEADER,	/* malformed IPv4 or ARP header */
	VNET_STATS_DROP_NO_ROUTE,	/* no route to the destination */
	VNET_STATS_DROP_TTL,		/* TTL expired */
	VNET_STATS_DROP_NOT_ROUTABLE,	/* multicast, broadcast, martian */
	VNET_STATS_DROP_LOCAL,		/* to the router, and not an echo */
	VNET_STATS_DROP_NEIGH_FAILED,	/* next hop did not answer ARP */
	VNET_STATS_DROP_QUEUE_FULL,	/* next hop unresolved, queue full */
	VNET_STATS_NEIGH_FULL,		/* neighbour table full */
	VNET_STATS_ICMP_SENT,		/* echo replies and errors sent */
	VNET_STATS_ICMP_RATELIMITED,	/* ICMP errors held back */
	VNET_STATS_FRAGMENTS,		/* fragments made to fit an MTU */
	VNET_STATS_DROP_RULE,		/* dropped or rejected by a rule */
	VNET_STATS_DROP_POLICY,		/* no rule decided; policy drop */
	VNET_STATS_DROP_L2,		/* ARP or neighbour discovery;
					 * l2-policy drop
					 */
	VNET_STATS_DROP_INVALID,	/* malformed IPv4 or L4 header */
	VNET_STATS_REJECTS_SENT,	/* TCP RSTs and ICMP errors sent */
	VNET_STATS_CONN_FULL,		/* new connections dropped: table full */
	VNET_STATS_CONN_NEW,		/* connections tracked */
	VNET_STATS_DROP_PATCH_LOOP,	/* patches nested past VNET_PATCH_DEPTH
					 * or crossed past VNET_PATCH_CROSSINGS
					 */
	VNET_STATS_DROP_PORT_SECURITY,	/* source MAC or IP not allowed */
	VNET_STATS_DROP_POLICER,	/* over the port's policer rate */
	VNET_STATS_DROP_OTHER,		/* another ethertype or a VLAN tag;
					 * other-policy drop
					 */
	VNET_STATS_CONN_EARLY_DROP,	/* unanswered connections forgotten
					 * to make room for a new one
					 */
	VNET_STATS_LEARN_LIMIT,		/* source MACs not learned: the
					 * port's learning limit reached
					 */
	VNET_STATS_NEIGH_EVICTED,	/* unresolved neighbours forgotten
					 * past VNET_NEIGH_UNRESOLVED_MAX
					 */
	VNET_STATS_NEIGH_RATELIMITED,	/* packets in to a new next hop past
					 * VNET_NEIGH_RESOLVE_RATE on the port
					 */
	__VNET_STATS_MAX,
};

#define VNET_STATS_MAX (__VNET_STATS_MAX - 1)

/* A port: VNET_ATTR_PORT. Named by VNET_PORT_INDEX or VNET_PORT_NAME. */
enum vnet_port_attr {
	VNET_PORT_UNSPEC,
	VNET_PORT_PAD,
	VNET_PORT_INDEX,	/* u32, >= 1, chosen by the kernel */
	VNET_PORT_NAME,		/* string, < IFNAMSIZ; default the lower's name */
	VNET_PORT_LOWER_IFINDEX, /* u32, the endpoint's netdev */
	VNET_PORT_LOWER_IFNAME,	/* string, the endpoint's netdev */
	VNET_PORT_LEARNING,	/* u8, learn source MACs (default 1) */
	VNET_PORT_FLOOD,	/* u8, receive flooded frames (default 1) */
	VNET_PORT_STATS,	/* nest, VNET_STATS_*; reported only */
	VNET_PORT_UP,		/* u8, admin state: 0 neither sends nor receives */
	/*
	 * A patch port instead of an endpoint: the device it is joined to
	 * (by index or name), and the name of the port made there (default
	 * this device's name). Reported for patch ports, with no LOWER_*.
	 */
	VNET_PORT_PEER_IFINDEX,	/* u32 */
	VNET_PORT_PEER_IFNAME,	/* string */
	VNET_PORT_PEER_NAME,	/* string, < IFNAMSIZ */
	/*
	 * Port security of an endpoint: frames whose source MAC (also the
	 * ARP sender's) is not ALLOW_MAC, or whose source IP (IPv4, IPv6,
	 * ARP sender) is not among ALLOW_IPS, are dropped and counted; so
	 * are other ethertypes once either is set. An all-zero MAC or an
	 * empty nest clears the restriction.
	 */
	VNET_PORT_ALLOW_MAC,	/* binary, ETH_ALEN */
	VNET_PORT_ALLOW_IPS,	/* nest of VNET_ALLOW_IP4/6, at most
				 * VNET_ALLOW_IPS_MAX
				 */
	VNET_PORT_POLICER,	/* string: the network's policer that polices
				 * what the port receives; "" unbinds
				 */
	VNET_PORT_ADDRESS,	/* binary, ETH_ALEN: the port's own MAC (a
				 * patch port's random one); reported
				 */
	VNET_PORT_LEARNING_LIMIT, /* u32, at most this many learned entries
				   * on the port (a station that moves in
				   * counts too), 0 none; past it a new
				   * source is not learned (learn_limit)
				   */
	VNET_PORT_LEARNED,	/* u32, learned entries on the port; reported */
	__VNET_PORT_MAX,
};

#define VNET_PORT_MAX (__VNET_PORT_MAX - 1)

enum vnet_allow_attr {
	VNET_ALLOW_UNSPEC,
	VNET_ALLOW_IP4,		/* be32 */
	VNET_ALLOW_IP6,		/* binary, 16 bytes */
	__VNET_ALLOW_MAX,
};

#define VNET_ALLOW_MAX (__VNET_ALLOW_MAX - 1)
#define VNET_ALLOW_IPS_MAX	64

/* A forwarding table entry: VNET_ATTR_FDB. */
enum vnet_fdb_attr {
	VNET_FDB_UNSPEC,
	VNET_FDB_PAD,
	VNET_FDB_MAC,		/* binary, ETH_ALEN */
	VNET_FDB_PORT,		/* u32, port index */
	VNET_FDB_PORT_NAME,	/* string, port name (instead of the index) */
	VNET_FDB_STATIC,	/* u8, 1 static, 0 learned; reported only */
	VNET_FDB_AGE,		/* u32, ms since last seen; reported only */
	__VNET_FDB_MAX,
};

#define VNET_FDB_MAX (__VNET_FDB_MAX - 1)

/*
 * A frame crosses at most this many patch ports within one receive; past
 * that it is dropped (a loop of patched devices cannot take a CPU).
 */
#define VNET_PATCH_DEPTH	8

/*
 * And its copies cross at most this many patches in all after each patch
 * the frame first takes: a mesh of patched switches, where every flood
 * copies a broadcast to every other switch, makes that many copies of it
 * and not (switches - 1)^VNET_PATCH_DEPTH.
 */
#define VNET_PATCH_CROSSINGS	256

/* Entries a vswitch holds at most; past it, new source MACs are not learned. */
#define VNET_FDB_LIMIT		(1U << 20)

/*
 * The vrouter's own port into the host stack (its netdev) is named
 * VNET_HOST_PORT and has index 0; endpoint ports cannot take that name.
 */
#define VNET_HOST_PORT		"host"

/* An IPv4 address of a vrouter port: VNET_ATTR_ADDR. */
enum vnet_addr_attr {
	VNET_ADDR_UNSPEC,
	VNET_ADDR_PAD,
	VNET_ADDR_ADDRESS,	/* be32 */
	VNET_ADDR_PREFIXLEN,	/* u8, 1..32 */
	VNET_ADDR_PORT,		/* u32, port index */
	VNET_ADDR_PORT_NAME,	/* string, port name (instead of the index) */
	__VNET_ADDR_MAX,
};

#define VNET_ADDR_MAX (__VNET_ADDR_MAX - 1)

enum vnet_route_type {
	VNET_ROUTE_UNSPEC,
	VNET_ROUTE_CONNECTED,	/* the subnet of an address */
	VNET_ROUTE_LOCAL,	/* an address of the router itself */
	VNET_ROUTE_STATIC,	/* added by VNET_CMD_ROUTE_NEW */
	__VNET_ROUTE_TYPE_MAX,
};

/* A route: VNET_ATTR_ROUTE. One route per prefix. */
enum vnet_route_attr {
	VNET_ROUTE_ATTR_UNSPEC,
	VNET_ROUTE_ATTR_PAD,
	VNET_ROUTE_ATTR_DST,		/* be32, the prefix (no host bits) */
	VNET_ROUTE_ATTR_PREFIXLEN,	/* u8, 0..32; absent in a lookup */
	VNET_ROUTE_ATTR_GATEWAY,	/* be32, next hop on a connected subnet */
	VNET_ROUTE_ATTR_PORT,		/* u32, egress port index */
	VNET_ROUTE_ATTR_PORT_NAME,	/* string, egress port name */
	VNET_ROUTE_ATTR_TYPE,		/* u8, enum vnet_route_type; reported */
	__VNET_ROUTE_ATTR_MAX,
};

#define VNET_ROUTE_ATTR_MAX (__VNET_ROUTE_ATTR_MAX - 1)

/* Routes a vrouter holds at most. */
#define VNET_ROUTE_LIMIT	(1U << 21)

enum vnet_neigh_state {
	VNET_NEIGH_INCOMPLETE = 1,	/* ARP request sent, packets queued */
	VNET_NEIGH_REACHABLE,		/* confirmed recently */
	VNET_NEIGH_STALE,		/* still used; re-confirmed on use */
	VNET_NEIGH_FAILED,		/* did not answer; packets dropped */
	VNET_NEIGH_PERMANENT,		/* added by VNET_CMD_NEIGH_NEW: never
					 * aged, probed or changed by ARP
					 */
	__VNET_NEIGH_STATE_MAX,
};

/*
 * A neighbour (ARP) entry: VNET_ATTR_NEIGH. NEIGH_NEW takes ADDRESS, MAC
 * and the port; NEIGH_DEL the ADDRESS; the rest is reported.
 */
enum vnet_neigh_attr {
	VNET_NEIGH_UNSPEC,
	VNET_NEIGH_PAD,
	VNET_NEIGH_ADDRESS,	/* be32 */
	VNET_NEIGH_MAC,		/* binary, ETH_ALEN; absent until resolved */
	VNET_NEIGH_PORT,	/* u32 */
	VNET_NEIGH_PORT_NAME,	/* string */
	VNET_NEIGH_STATE,	/* u8, enum vnet_neigh_state */
	VNET_NEIGH_AGE,		/* u32, ms since last confirmed */
	VNET_NEIGH_QUEUED,	/* u32, packets waiting for resolution */
	__VNET_NEIGH_MAX,
};

#define VNET_NEIGH_MAX (__VNET_NEIGH_MAX - 1)

/*
 * A vfirewall rule: VNET_ATTR_RULE. Absent matches are wildcards. Ports
 * are port names; prefixes an address and a length; port ranges need
 * protocol TCP (6) or UDP (17), an ICMP type protocol ICMP (1). Fragments
 * after the first carry no ports: only rules without ports match them.
 */
enum vnet_rule_attr {
	VNET_RULE_UNSPEC,
	VNET_RULE_PAD,
	VNET_RULE_INDEX,	/* u32, 1-based position; where a new rule goes */
	VNET_RULE_IN,		/* string, ingress port name */
	VNET_RULE_OUT,		/* string, egress port name */
	VNET_RULE_SRC,		/* be32 */
	VNET_RULE_SRC_LEN,	/* u8, 0..32 */
	VNET_RULE_DST,		/* be32 */
	VNET_RULE_DST_LEN,	/* u8, 0..32 */
	VNET_RULE_PROTO,	/* u8, IP protocol */
	VNET_RULE_SPORT_MIN,	/* u16 */
	VNET_RULE_SPORT_MAX,	/* u16 */
	VNET_RULE_DPORT_MIN,	/* u16 */
	VNET_RULE_DPORT_MAX,	/* u16 */
	VNET_RULE_ICMP_TYPE,	/* u8 */
	VNET_RULE_ACTION,	/* u8, enum vnet_verdict; required */
	VNET_RULE_PACKETS,	/* u64, reported */
	VNET_RULE_BYTES,	/* u64, reported */
	VNET_RULE_STATE,	/* u8, enum vnet_conn_state */
	__VNET_RULE_MAX,
};

#define VNET_RULE_MAX (__VNET_RULE_MAX - 1)

/* Rules a vfirewall holds at most. */
#define VNET_RULE_LIMIT		65536

/*
 * What connection tracking makes of an IPv4 packet, for rules to match:
 * NEW opens a connection or belongs to one not answered yet; ESTABLISHED
 * belongs to one that has seen both directions; RELATED is an ICMP error
 * about a tracked connection; INVALID fits none (a TCP segment that does
 * not open a connection it is not part of, a later fragment, an echo
 * reply nobody asked for). Packets of tracked connections that no rule
 * decides are accepted: the policy judges new and invalid packets only.
 */
enum vnet_conn_state {
	VNET_CONN_STATE_UNSPEC,
	VNET_CONN_STATE_NEW,
	VNET_CONN_STATE_ESTABLISHED,
	VNET_CONN_STATE_RELATED,
	VNET_CONN_STATE_INVALID,
	__VNET_CONN_STATE_MAX,
};

#define VNET_CONN_STATE_MAX (__VNET_CONN_STATE_MAX - 1)

/* Where a tracked TCP connection is. */
enum vnet_tcp_state {
	VNET_TCP_NONE,		/* not TCP */
	VNET_TCP_SYN_SENT,
	VNET_TCP_SYN_RECV,
	VNET_TCP_ESTABLISHED,
	VNET_TCP_FIN_WAIT,	/* one side sent FIN */
	VNET_TCP_CLOSE,		/* both sent FIN, or a RST */
	__VNET_TCP_STATE_MAX,
};

/*
 * A tracked connection: VNET_ATTR_CONN; reported only. The addresses and
 * ports are those of the packet that opened it; ICMP carries its id in
 * SPORT.
 */
enum vnet_conn_attr {
	VNET_CONN_UNSPEC,
	VNET_CONN_PAD,
	VNET_CONN_PROTO,	/* u8 */
	VNET_CONN_SRC,		/* be32 */
	VNET_CONN_DST,		/* be32 */
	VNET_CONN_SPORT,	/* u16 */
	VNET_CONN_DPORT,	/* u16 */
	VNET_CONN_TCP_STATE,	/* u8, enum vnet_tcp_state */
	VNET_CONN_REPLIED,	/* u8, 1 once a reply was seen */
	VNET_CONN_TIMEOUT,	/* u32, ms until it expires if idle */
	VNET_CONN_PACKETS,	/* u64, both directions */
	__VNET_CONN_MAX,
};

#define VNET_CONN_MAX (__VNET_CONN_MAX - 1)

/*
 * A network: VNET_ATTR_NETWORK. Named by VNET_NETWORK_ID or _NAME. Every
 * namespace has the network VNET_NETWORK_DEFAULT (id 0), where devices go
 * unless told otherwise; it cannot be deleted.
 */
enum vnet_network_attr {
	VNET_NETWORK_UNSPEC,
	VNET_NETWORK_PAD,
	VNET_NETWORK_ID,	/* u32, <= VNET_NETWORK_ID_MAX; chosen if absent */
	VNET_NETWORK_NAME,	/* string, < VNET_NETWORK_NAMSIZ */
	VNET_NETWORK_MTU,	/* u32: given to each device; 0 leaves them */
	VNET_NETWORK_DESCRIPTION, /* string, < VNET_DESCRIPTION_SIZE */
	VNET_NETWORK_UP,	/* u8, set: start (1) or stop (0) every device;
				 * reported: 1 when every device is up
				 */
	VNET_NETWORK_FORCE,	/* flag, del: delete its devices with it */
	VNET_NETWORK_QUOTA,	/* nest, u32 per VNET_QUOTA_*: the limits */
	VNET_NETWORK_USAGE,	/* nest, u32 per VNET_QUOTA_*; reported */
	/* nest, u64 per VNET_QUOTA_*: creations refused; reported */
	VNET_NETWORK_DENIED,
	VNET_NETWORK_DEVICES,	/* u32, how many; reported */
	VNET_NETWORK_POLICERS,	/* u32, how many; reported */
	__VNET_NETWORK_MAX,
};

#define VNET_NETWORK_MAX (__VNET_NETWORK_MAX - 1)
#define VNET_NETWORK_DEFAULT	"default"
#define VNET_NETWORK_ID_MAX	0xffffff
#define VNET_NETWORK_NAMSIZ	32
#define VNET_DESCRIPTION_SIZE	256

/*
 * What a network's devices may hold at most, all together: ports, fdb
 * entries (learned and static), routes (connected, local and static),
 * neighbours, firewall rules, tracked connections. Past a quota, netlink
 * creation fails, a MAC is not learned (counted as fdb_full) and a new
 * connection is dropped (conn_full). A quota cannot go below what is in
 * use.
 */
enum vnet_quota {
	VNET_QUOTA_UNSPEC,
	VNET_QUOTA_PAD,
	VNET_QUOTA_PORTS,
	VNET_QUOTA_FDB,
	VNET_QUOTA_ROUTES,
	VNET_QUOTA_NEIGH,
	VNET_QUOTA_RULES,
	VNET_QUOTA_CONNS,
	__VNET_QUOTA_MAX,
};

#define VNET_QUOTA_MAX (__VNET_QUOTA_MAX - 1)
#define VNET_QUOTA_UNLIMITED	0xffffffffU

/*
 * A policer: VNET_ATTR_POLICER, a token bucket of a network that ports
 * bind to (VNET_PORT_POLICER); it polices what the ports receive, all
 * bound ports together.
 */
enum vnet_policer_attr {
	VNET_POLICER_UNSPEC,
	VNET_POLICER_PAD,
	VNET_POLICER_NAME,	/* string, < VNET_NETWORK_NAMSIZ */
	VNET_POLICER_RATE,	/* u64, bytes per second */
	VNET_POLICER_BURST,	/* u32, bytes; default a 50th of a second's
				 * worth, at least 64 KiB
				 */
	VNET_POLICER_PORTS,	/* u32, ports bound; reported */
	VNET_POLICER_PASSED_PACKETS,	/* u64, reported */
	VNET_POLICER_PASSED_BYTES,	/* u64, reported */
	VNET_POLICER_DROPPED_PACKETS,	/* u64, reported */
	VNET_POLICER_DROPPED_BYTES,	/* u64, reported */
	__VNET_POLICER_MAX,
};

#define VNET_POLICER_MAX (__VNET_POLICER_MAX - 1)
#define VNET_POLICER_RATE_MIN	125ULL			/* 1 kbit/s */
#define VNET_POLICER_RATE_MAX	50000000000ULL		/* 400 Gbit/s */
#define VNET_POLICER_BURST_MIN	2048
#define VNET_POLICER_BURST_MAX	(1U << 30)

/* Neighbours a vrouter holds at most, and packets queued per neighbour. */
#define VNET_NEIGH_LIMIT	(1U << 20)
#define VNET_NEIGH_QUEUE_LEN	64

/*
 * And what resolution may hold: bytes queued (skb truesize) for one
 * neighbour and for all of a vrouter's; neighbours unresolved at once
 * (past it the oldest one is forgotten, with what it queued); and new
 * resolutions what comes in on one port starts per second (past it the
 * packet is dropped, counted on that port).
 */
#define VNET_NEIGH_QUEUE_BYTES		65536
#define VNET_NEIGH_QUEUE_DEV_BYTES	(1U << 22)
#define VNET_NEIGH_UNRESOLVED_MAX	1024
#define VNET_NEIGH_RESOLVE_RATE		1024

#endif /* _UAPI_LINUX_VNET_H */
