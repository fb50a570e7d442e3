// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl's output on the host, against a made-up libvnet: every listing,
 * the topology and the monitor print fixed devices, ports, tables and
 * events in text, -d, -j, -j -d and -j -p, and each command's five
 * outputs must be exactly those in tests/unit/vnetctl/COMMAND.txt. Those
 * were recorded from vnetctl as it was when text and JSON each had their
 * own function; any change to what a command prints shows here.
 *
 * Linked with vnetctl's objects (not main.c) and --wrap for each libvnet
 * call that would reach the kernel: the commands get the fixtures below
 * instead. "vnetctl_print DIR" compares with DIR and prints "ok - WHAT"
 * or "not ok - WHAT: WHY"; "vnetctl_print -u DIR" writes DIR's files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "vnetctl.h"

/* A.B.C.D in network order, as libvnet hands addresses over. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#else
#define IP(a, b, c, d)	((uint32_t)(d) << 24 | (c) << 16 | (b) << 8 | (a))
#endif
/* An IPv6 address: four bytes, zeros, and @last as the final byte. */
#define V6(a, b, c, d, last) \
	{ a, b, c, d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last }
#define BIT(n)		(1u << (n))
#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/* Networks: one with every quota kind of value, one bare, one empty. */
static const struct vnet_network_info nets[] = {
	{
		.id = 10, .name = "blue", .mtu = 1400, .up = true,
		.description = "lab \"blue\"\tnet",
		.devices = 3, .policers = 2,
		.limit = { [VNET_QUOTA_PORTS] = 16,
			   [VNET_QUOTA_FDB] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_ROUTES] = 0, [VNET_QUOTA_NEIGH] = 64,
			   [VNET_QUOTA_RULES] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_CONNS] = 4294967294u },
		.used = { [VNET_QUOTA_PORTS] = 5, [VNET_QUOTA_FDB] = 1234,
			  [VNET_QUOTA_NEIGH] = 64, [VNET_QUOTA_CONNS] = 7 },
		.denied = { [VNET_QUOTA_NEIGH] = 3,
			    [VNET_QUOTA_CONNS] = 18446744073709551615ull },
	},
	{
		.id = 20, .name = "red\xff", .devices = 1,
		.limit = { [VNET_QUOTA_PORTS] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_FDB] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_ROUTES] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_NEIGH] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_RULES] = VNET_QUOTA_UNLIMITED,
			   [VNET_QUOTA_CONNS] = VNET_QUOTA_UNLIMITED },
	},
	{ .id = 30, .name = "empty", .up = true, .mtu = 9000 },
};

static const struct vnet_dev_stats sw_stats = { .c = {
	[VNET_STATS_RX_PACKETS] = 1000, [VNET_STATS_RX_BYTES] = 1500000,
	[VNET_STATS_TX_PACKETS] = 990, [VNET_STATS_TX_BYTES] = 1485000,
	[VNET_STATS_RX_DROPPED] = 10, [VNET_STATS_TX_DROPPED] = 0,
	[VNET_STATS_DROP_MTU] = 4, [VNET_STATS_FLOODED] = 0,
	[VNET_STATS_LEARN_LIMIT] = 2,
	[VNET_STATS_DROP_POLICER] = 18446744073709551615ull,
} };

static const struct vnet_dev_stats rt_stats = { .c = {
	[VNET_STATS_RX_PACKETS] = 7, [VNET_STATS_RX_BYTES] = 700,
	[VNET_STATS_TX_PACKETS] = 6, [VNET_STATS_TX_BYTES] = 600,
	[VNET_STATS_DROP_TTL] = 1, [VNET_STATS_ICMP_SENT] = 1,
	[VNET_STATS_FRAGMENTS] = 0, [VNET_STATS_NEIGH_EVICTED] = 9,
	[VNET_STATS_CONN_NEW] = 12, [VNET_STATS_NAT_EXHAUSTED] = 2,
} };

/* Each branch of the printers: kinds, parameter types, names to escape. */
static const struct vnet_dev_info devs[] = {
	{
		.ifindex = 5, .name = "sw0", .kind = VNET_KIND_VSWITCH,
		.up = true, .running = true, .mtu = 1500,
		.address = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x05 },
		.params_present = BIT(VNET_PARAM_AGEING) |
				  BIT(VNET_PARAM_GROUP_FWD_MASK),
		.params = { [VNET_PARAM_AGEING] = 300,
			    [VNET_PARAM_GROUP_FWD_MASK] = 0x4000 },
		.has_stats = true, .stats = sw_stats,
		.network_id = 10, .network = "blue",
		/* The host side, a trunk of VLANs 1 to 3 and 4094. */
		.has_host_vlan = true,
		.host_vlan = { .mode = VNET_VLAN_MODE_TRUNK,
			       .trunk = { [0] = 0x0e, [511] = 0x40 } },
		/* Two VLANs across hosts, the highest VLAN and VNI. */
		.n_vlan_vnis = 2,
		.vlan_vnis = { { 10, 1010 }, { 4094, VNET_VNI_MAX } },
	},
	{
		.ifindex = 6, .name = "rt0", .kind = VNET_KIND_VROUTER,
		.up = true, .mtu = 9000,
		.address = { 0x02, 0xab, 0xcd, 0xef, 0x00, 0x06 },
		/* A vrouter's connection tracking, for its NAT. */
		.params_present = BIT(VNET_PARAM_TTL_CHECK) |
				  BIT(VNET_PARAM_CONNS_MAX) |
				  BIT(VNET_PARAM_UDP_TIMEOUT),
		.params = { [VNET_PARAM_TTL_CHECK] = 1,
			    [VNET_PARAM_CONNS_MAX] = 4096,
			    [VNET_PARAM_UDP_TIMEOUT] = 5 },
		.has_stats = true, .stats = rt_stats,
		.network_id = 10, .network = "blue",
	},
	{
		.ifindex = 7, .name = "fw0", .kind = VNET_KIND_VFIREWALL,
		.mtu = 1500, .address = { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff },
		.params_present = BIT(VNET_PARAM_POLICY) |
				  BIT(VNET_PARAM_L2_POLICY) |
				  BIT(VNET_PARAM_CONNTRACK) |
				  BIT(VNET_PARAM_CONNS_MAX) |
				  BIT(VNET_PARAM_OTHER_POLICY),
		.params = { [VNET_PARAM_POLICY] = VNET_VERDICT_DROP,
			    [VNET_PARAM_L2_POLICY] = VNET_VERDICT_ACCEPT,
			    [VNET_PARAM_CONNTRACK] = 0,
			    [VNET_PARAM_CONNS_MAX] = 100000,
			    [VNET_PARAM_OTHER_POLICY] = 7 },
		.network_id = 20, .network = "red\xff",
	},
	{
		.ifindex = 8, .name = "odd\x1b[0m", .kind = 9,
		.up = true, .running = true, .mtu = 68,
		.has_stats = true, .stats = sw_stats,
		.network_id = 10, .network = "blue",
	},
};

static const struct vnet_port_info sw_ports[] = {
	{
		.dev_ifindex = 5, .dev_name = "sw0", .index = 1,
		.name = "eth-a", .lower_ifindex = 11, .lower_name = "veth1",
		.params_present = BIT(VNET_PORT_LEARNING) |
				  BIT(VNET_PORT_FLOOD) |
				  BIT(VNET_PORT_LEARNING_LIMIT) |
				  BIT(VNET_PORT_UP),
		.params = { [VNET_PORT_LEARNING] = 1, [VNET_PORT_FLOOD] = 0,
			    [VNET_PORT_LEARNING_LIMIT] = 100,
			    [VNET_PORT_UP] = 1 },
		.has_stats = true, .stats = sw_stats,
		.has_allow_mac = true,
		.allow_mac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 },
		.n_allow_ip = 2, .allow_ip = { "10.0.0.5", "fd00::5" },
		.policer = "gold", .address = { 0x02, 0, 0, 0, 1, 1 },
		.has_learned = true, .learned = 3,
		/* VLANs 10, 20 to 30, and 5 untagged. */
		.has_vlan = true,
		.vlan = { .mode = VNET_VLAN_MODE_TRUNK, .vid = 5,
			  .trunk = { [1] = 0x04, [2] = 0xf0, [3] = 0x7f } },
	},
	{
		.dev_ifindex = 5, .dev_name = "sw0", .index = 2,
		.name = "p-rt", .peer_dev = "rt0", .peer_port = "p-sw",
		.params_present = BIT(VNET_PORT_UP),
		.params = { [VNET_PORT_UP] = 0 },
		.has_stats = true, .address = { 0x02, 0, 0, 0, 1, 2 },
		.has_learned = true,
		.has_vlan = true,
		.vlan = { .mode = VNET_VLAN_MODE_ACCESS, .vid = 4094 },
	},
};

static const struct vnet_port_info rt_ports[] = {
	{
		.dev_ifindex = 6, .dev_name = "rt0", .index = 1,
		.name = "p-sw", .peer_dev = "sw0", .peer_port = "p-rt",
		.params_present = BIT(VNET_PORT_RA) |
				  BIT(VNET_PORT_RA_INTERVAL) |
				  BIT(VNET_PORT_RA_LIFETIME),
		.params = { [VNET_PORT_RA] = 1, [VNET_PORT_RA_INTERVAL] = 600,
			    [VNET_PORT_RA_LIFETIME] = 1800 },
		.has_stats = true, .stats = rt_stats,
		.address = { 0x02, 0, 0, 0, 2, 1 },
	},
	{
		.dev_ifindex = 6, .dev_name = "rt0", .index = 2,
		.name = "up\x7flink", .lower_ifindex = 12,
		.lower_name = "eth\xc3\xa9",
		/* Off: the times in JSON alone. */
		.params_present = BIT(VNET_PORT_UP) | BIT(VNET_PORT_RA) |
				  BIT(VNET_PORT_RA_INTERVAL) |
				  BIT(VNET_PORT_RA_LIFETIME),
		.params = { [VNET_PORT_UP] = 1, [VNET_PORT_RA] = 0,
			    [VNET_PORT_RA_INTERVAL] = 4,
			    [VNET_PORT_RA_LIFETIME] = 0 },
		.policer = "silver\x01", .n_allow_ip = 1,
		.allow_ip = { "192.168.1.0" },
		.address = { 0x02, 0, 0, 0, 2, 2 },
	},
};

static const struct vnet_port_info fw_ports[] = {
	{
		.dev_ifindex = 7, .dev_name = "fw0", .index = 1, .name = "in",
		.lower_ifindex = 13, .lower_name = "veth-in",
		.has_allow_mac = true,
		.allow_mac = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff },
	},
	{
		.dev_ifindex = 7, .dev_name = "fw0", .index = 2, .name = "out",
		.lower_ifindex = 14, .lower_name = "veth-out",
		.has_stats = true,
	},
};

static const struct {
	const struct vnet_port_info *ports;
	int count;
} dev_ports[] = {
	{ sw_ports, COUNT(sw_ports) },
	{ rt_ports, COUNT(rt_ports) },
	{ fw_ports, COUNT(fw_ports) },
	{ NULL, 0 },
};

static const struct vnet_fdb_info fdb[] = {
	{ .dev_ifindex = 5, .mac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 },
	  .port = 1, .port_name = "eth-a", .is_static = true },
	{ .dev_ifindex = 5, .mac = { 0x02, 0x99, 0x88, 0x77, 0x66, 0x55 },
	  .port = 2, .port_name = "p-rt", .age_ms = 12345, .vlan = 4094 },
	{ .dev_ifindex = 5, .mac = { 0, 0, 0, 0, 0, 1 },
	  .port = 3, .port_name = "we\x01rd", .age_ms = 99 },
};

static const struct vnet_addr_info addrs[] = {
	{ .dev_name = "rt0", .addr = IP(10, 0, 0, 1), .plen = 24,
	  .port = 1, .port_name = "p-sw" },
	{ .dev_name = "rt0", .addr = IP(192, 168, 1, 1), .plen = 32,
	  .port = 0, .port_name = VNET_HOST_PORT },
	{ .dev_name = "rt0", .family = AF_INET6,
	  .addr6 = V6(0x20, 0x01, 0x0d, 0xb8, 1), .plen = 64, .port = 1,
	  .port_name = "p-sw" },
	{ .dev_name = "rt0", .family = AF_INET6, .addr6 = V6(0xfd, 0, 0, 0, 1),
	  .plen = 128, .port = 0, .port_name = VNET_HOST_PORT },
};

static const struct vnet_route_info routes[] = {
	{ .dev_name = "rt0", .gateway = IP(10, 0, 0, 254), .port = 1,
	  .port_name = "p-sw", .type = VNET_ROUTE_TYPE_STATIC },
	{ .dev_name = "rt0", .dst = IP(10, 0, 0, 0), .plen = 24, .port = 1,
	  .port_name = "p-sw", .type = VNET_ROUTE_TYPE_CONNECTED },
	{ .dev_name = "rt0", .dst = IP(10, 0, 0, 1), .plen = 32,
	  .port_name = VNET_HOST_PORT, .type = VNET_ROUTE_TYPE_LOCAL },
	{ .dev_name = "rt0", .dst = IP(172, 16, 0, 0), .plen = 0, .port = 2,
	  .port_name = "up\x7flink", .type = 99 },
	/* IPv6 after IPv4, as the kernel dumps them. */
	{ .dev_name = "rt0", .family = AF_INET6,
	  .gateway6 = V6(0xfe, 0x80, 0, 0, 2), .port = 1, .port_name = "p-sw",
	  .type = VNET_ROUTE_TYPE_STATIC },
	{ .dev_name = "rt0", .family = AF_INET6,
	  .dst6 = V6(0x20, 0x01, 0x0d, 0xb8, 0), .plen = 64, .port = 1,
	  .port_name = "p-sw", .type = VNET_ROUTE_TYPE_CONNECTED },
	{ .dev_name = "rt0", .family = AF_INET6,
	  .dst6 = V6(0x20, 0x01, 0x0d, 0xb8, 1), .plen = 128,
	  .port_name = VNET_HOST_PORT, .type = VNET_ROUTE_TYPE_LOCAL },
	{ .dev_name = "rt0", .family = AF_INET6, .dst6 = V6(0xfd, 0, 0, 0, 0),
	  .plen = 8, .gateway6 = V6(0x20, 0x01, 0x0d, 0xb8, 0xfe), .port = 2,
	  .port_name = "up\x7flink", .type = VNET_ROUTE_TYPE_STATIC },
};

static const struct vnet_neigh_info neighs[] = {
	{ .addr = IP(10, 0, 0, 2), .has_mac = true,
	  .mac = { 0x02, 0, 0, 0, 0, 2 }, .port = 1, .port_name = "p-sw",
	  .state = VNET_NEIGH_REACHABLE, .age_ms = 1500 },
	{ .addr = IP(10, 0, 0, 3), .port = 1, .port_name = "p-sw",
	  .state = VNET_NEIGH_INCOMPLETE, .age_ms = 40, .queued = 3 },
	{ .addr = IP(10, 0, 0, 4), .has_mac = true,
	  .mac = { 0x02, 0, 0, 0, 0, 4 }, .port = 2, .port_name = "up\x7flink",
	  .state = VNET_NEIGH_PERMANENT },
	{ .addr = IP(10, 0, 0, 5), .port = 1, .port_name = "p-sw",
	  .state = 0, .age_ms = 3600000 },
	{ .family = AF_INET6, .addr6 = V6(0x20, 0x01, 0x0d, 0xb8, 2),
	  .has_mac = true, .mac = { 0x02, 0, 0, 0, 0, 6 }, .port = 1,
	  .port_name = "p-sw", .state = VNET_NEIGH_STALE, .age_ms = 30000 },
	{ .family = AF_INET6, .addr6 = V6(0xfe, 0x80, 0, 0, 2),
	  .has_mac = true, .mac = { 0x02, 0, 0, 0, 0, 7 }, .port = 2,
	  .port_name = "up\x7flink", .state = VNET_NEIGH_PERMANENT },
	{ .family = AF_INET6, .addr6 = V6(0x20, 0x01, 0x0d, 0xb8, 3),
	  .port = 1, .port_name = "p-sw", .state = VNET_NEIGH_INCOMPLETE,
	  .age_ms = 900, .queued = 1 },
};

static const struct vnet_rule rules[] = {
	{
		.present = BIT(VNET_RULE_INDEX) | BIT(VNET_RULE_IN) |
			   BIT(VNET_RULE_OUT) | BIT(VNET_RULE_SRC) |
			   BIT(VNET_RULE_SRC_LEN) | BIT(VNET_RULE_DST) |
			   BIT(VNET_RULE_DST_LEN) | BIT(VNET_RULE_PROTO) |
			   BIT(VNET_RULE_SPORT_MIN) | BIT(VNET_RULE_SPORT_MAX) |
			   BIT(VNET_RULE_DPORT_MIN) | BIT(VNET_RULE_DPORT_MAX) |
			   BIT(VNET_RULE_STATE) | BIT(VNET_RULE_ACTION),
		.index = 1, .in = "in", .out = "out",
		.src = IP(10, 0, 0, 0), .src_len = 8,
		.dst = IP(192, 168, 0, 0), .dst_len = 16, .proto = 6,
		.sport_min = 1024, .sport_max = 65535,
		.dport_min = 22, .dport_max = 22,
		.state = VNET_CONN_STATE_NEW, .action = VNET_VERDICT_ACCEPT,
		.packets = 12, .bytes = 3400,
	},
	{
		.present = BIT(VNET_RULE_INDEX) | BIT(VNET_RULE_PROTO) |
			   BIT(VNET_RULE_ICMP_TYPE) | BIT(VNET_RULE_VLAN) |
			   BIT(VNET_RULE_ACTION),
		.index = 2, .proto = 1, .icmp_type = 8, .vlan = 4094,
		.action = VNET_VERDICT_DROP, .packets = 18446744073709551615ull,
	},
	{
		.present = BIT(VNET_RULE_INDEX) | BIT(VNET_RULE_PROTO) |
			   BIT(VNET_RULE_DPORT_MIN) | BIT(VNET_RULE_DPORT_MAX) |
			   BIT(VNET_RULE_STATE) | BIT(VNET_RULE_ACTION),
		.index = 3, .proto = 17, .dport_min = 53, .dport_max = 54,
		.state = VNET_CONN_STATE_ESTABLISHED,
		.action = VNET_VERDICT_REJECT,
	},
	{
		.present = BIT(VNET_RULE_INDEX) | BIT(VNET_RULE_PROTO) |
			   BIT(VNET_RULE_IN) | BIT(VNET_RULE_ACTION),
		.index = 4, .proto = 47, .in = "tun\x02",
		.action = VNET_VERDICT_ACCEPT, .packets = 1, .bytes = 60,
	},
	{
		.present = BIT(VNET_RULE_INDEX) | BIT(VNET_RULE_SRC6) |
			   BIT(VNET_RULE_SRC_LEN) | BIT(VNET_RULE_DST6) |
			   BIT(VNET_RULE_DST_LEN) | BIT(VNET_RULE_PROTO) |
			   BIT(VNET_RULE_ICMP_TYPE) | BIT(VNET_RULE_ACTION),
		.index = 5, .src6 = V6(0x20, 0x01, 0x0d, 0xb8, 0),
		.src_len = 32, .dst6 = V6(0x20, 0x01, 0x0d, 0xb8, 1),
		.dst_len = 128, .proto = 58, .icmp_type = 128,
		.action = VNET_VERDICT_ACCEPT, .packets = 3, .bytes = 312,
	},
	{
		.present = BIT(VNET_RULE_INDEX) | BIT(VNET_RULE_ACTION),
		.index = 65536, .action = VNET_VERDICT_DROP,
	},
};

static const struct vnet_conn_info conns[] = {
	{ .proto = 6, .src = IP(10, 0, 0, 2), .dst = IP(192, 168, 1, 9),
	  .sport = 40000, .dport = 22, .tcp_state = VNET_TCP_ESTABLISHED,
	  .replied = true, .timeout_ms = 431999, .packets = 120 },
	{ .proto = 6, .src = IP(10, 0, 0, 3), .dst = IP(192, 168, 1, 9),
	  .sport = 40001, .dport = 80, .tcp_state = VNET_TCP_SYN_SENT,
	  .timeout_ms = 119950, .packets = 1 },
	{ .proto = 17, .src = IP(10, 0, 0, 2), .dst = IP(8, 8, 8, 8),
	  .sport = 5353, .dport = 53, .timeout_ms = 29000, .packets = 2,
	  .vlan = 10 },
	{ .proto = 1, .src = IP(10, 0, 0, 2), .dst = IP(10, 0, 0, 1),
	  .sport = 77, .replied = true, .timeout_ms = 500, .packets = 4 },
	{ .proto = 47, .src = IP(10, 0, 0, 2), .dst = IP(10, 9, 9, 9),
	  .timeout_ms = 0, .packets = 18446744073709551615ull },
	{ .proto = 6, .family = AF_INET6, .src6 = V6(0x20, 0x01, 0x0d, 0xb8, 1),
	  .dst6 = V6(0x20, 0x01, 0x0d, 0xb8, 2), .sport = 40002, .dport = 443,
	  .tcp_state = VNET_TCP_FIN_WAIT, .replied = true, .timeout_ms = 60000,
	  .packets = 9 },
	{ .proto = 58, .family = AF_INET6, .src6 = V6(0xfe, 0x80, 0, 0, 1),
	  .dst6 = V6(0x20, 0x01, 0x0d, 0xb8, 2), .sport = 7,
	  .timeout_ms = 29999, .packets = 1 },
};

/* rt0's connections: translated ones carry the tuple of their replies. */
static const struct vnet_conn_info rt_conns[] = {
	{ .proto = 17, .src = IP(10, 0, 0, 2), .dst = IP(198, 51, 100, 2),
	  .sport = 5353, .dport = 53, .replied = true, .timeout_ms = 4900,
	  .packets = 2, .has_reply = true, .reply_src = IP(198, 51, 100, 2),
	  .reply_dst = IP(203, 0, 113, 1), .reply_sport = 53,
	  .reply_dport = 40001 },
	{ .proto = 6, .src = IP(10, 0, 0, 3), .dst = IP(198, 51, 100, 7),
	  .sport = 40000, .dport = 443, .tcp_state = VNET_TCP_ESTABLISHED,
	  .replied = true, .timeout_ms = 431999, .packets = 30,
	  .has_reply = true, .reply_src = IP(198, 51, 100, 7),
	  .reply_dst = IP(203, 0, 113, 1), .reply_sport = 443,
	  .reply_dport = 40000 },
	/* A port forward: the replies come from the inside host. */
	{ .proto = 6, .src = IP(198, 51, 100, 9), .dst = IP(203, 0, 113, 1),
	  .sport = 50000, .dport = 8080, .tcp_state = VNET_TCP_SYN_RECV,
	  .replied = true, .timeout_ms = 60000, .packets = 2,
	  .has_reply = true, .reply_src = IP(10, 0, 0, 2),
	  .reply_dst = IP(198, 51, 100, 9), .reply_sport = 80,
	  .reply_dport = 50000 },
	{ .proto = 1, .src = IP(10, 0, 0, 2), .dst = IP(198, 51, 100, 2),
	  .sport = 77, .timeout_ms = 29000, .packets = 1, .has_reply = true,
	  .reply_src = IP(198, 51, 100, 2), .reply_dst = IP(203, 0, 113, 1),
	  .reply_sport = 1024 },
	/* IPv6 is routed, not translated. */
	{ .proto = 17, .family = AF_INET6, .src6 = V6(0x20, 0x01, 0x0d, 0xb8, 1),
	  .dst6 = V6(0x20, 0x01, 0x0d, 0xb8, 2), .sport = 5353, .dport = 53,
	  .timeout_ms = 5000, .packets = 1 },
};

/* rt0's NAT rules: each type, each optional word, an unknown type. */
static const struct vnet_nat_rule nats[] = {
	{ .index = 1, .type = VNET_NAT_TYPE_MASQUERADE, .out_port = 2,
	  .out_port_name = "uplink", .port_min = 1024, .port_max = 65535,
	  .conns = 3 },
	{ .index = 2, .type = VNET_NAT_TYPE_MASQUERADE, .out_port = 2,
	  .out_port_name = "uplink", .src = IP(10, 0, 0, 0), .src_len = 24,
	  .port_min = 5000, .port_max = 5001 },
	{ .index = 3, .type = VNET_NAT_TYPE_SNAT, .out_port = 2,
	  .out_port_name = "uplink", .to_min = IP(203, 0, 113, 5),
	  .to_max = IP(203, 0, 113, 9), .port_min = 1024, .port_max = 65535 },
	{ .index = 4, .type = VNET_NAT_TYPE_FLOATING,
	  .addr = IP(203, 0, 113, 10), .inside = IP(10, 0, 0, 3), .conns = 2 },
	{ .index = 5, .type = VNET_NAT_TYPE_FORWARD, .proto = 6,
	  .addr = IP(203, 0, 113, 1), .port = 8080, .inside = IP(10, 0, 0, 2),
	  .to_port = 80, .conns = 1 },
	{ .index = 6, .type = VNET_NAT_TYPE_SNAT, .out_port = 3,
	  .out_port_name = "up\x7flink", .to_min = IP(203, 0, 113, 5),
	  .to_max = IP(203, 0, 113, 5), .src = IP(10, 1, 0, 0), .src_len = 16,
	  .port_min = 1, .port_max = 1, .conns = 18446744073709551615ull },
	{ .index = 7, .type = VNET_NAT_TYPE_FORWARD, .proto = 17,
	  .addr = IP(203, 0, 113, 1), .port = 53, .inside = IP(10, 0, 0, 53),
	  .to_port = 5353 },
	{ .index = 256, .type = 99, .conns = 5 },
};

static const struct vnet_policer_info policers[] = {
	{ .network_id = 10, .network = "blue", .name = "gold",
	  .rate = 1250000, .burst = 65536, .ports = 1,
	  .passed_packets = 100, .passed_bytes = 150000,
	  .dropped_packets = 3, .dropped_bytes = 4500 },
	{ .network_id = 10, .network = "blue", .name = "silver\x01",
	  .rate = 125, .burst = 1, .ports = 1,
	  .passed_packets = 9223372036854775808ull,
	  .passed_bytes = 18446744073709551615ull },
	{ .network_id = 30, .network = "empty", .name = "bronze",
	  .rate = 9000000000ull, .burst = 4294967295u },
};

static const struct vnet_event events[] = {
	{ .cmd = VNET_CMD_DEV_NEW, .dev = &devs[0] },
	{ .cmd = VNET_CMD_DEV_SET, .dev = &devs[2] },
	{ .cmd = VNET_CMD_DEV_DEL, .dev = &devs[3] },
	{ .cmd = VNET_CMD_PORT_NEW, .port = &sw_ports[0] },
	{ .cmd = VNET_CMD_PORT_SET, .port = &sw_ports[1] },
	{ .cmd = VNET_CMD_PORT_DEL, .port = &rt_ports[1] },
	{ .lost = true },
	{ .cmd = VNET_CMD_ADDR_NEW, .addr = &addrs[0] },
	{ .cmd = VNET_CMD_ADDR_DEL, .addr = &addrs[1] },
	{ .cmd = VNET_CMD_ROUTE_NEW, .route = &routes[0] },
	{ .cmd = VNET_CMD_ROUTE_DEL, .route = &routes[3] },
	{ .cmd = VNET_CMD_ADDR_NEW, .addr = &addrs[2] },
	{ .cmd = VNET_CMD_ROUTE_NEW, .route = &routes[4] },
	{ .cmd = VNET_CMD_NET_NEW, .network = &nets[0] },
	{ .cmd = VNET_CMD_NET_SET, .network = &nets[1] },
	{ .cmd = VNET_CMD_NET_DEL, .network = &nets[2] },
	{ .cmd = VNET_CMD_FDB_NEW, .dev = &devs[1] },
};

/* The made-up libvnet: the fixtures, and a failure where asked. */
static char errmsg[64];

static int fail(int err, const char *msg)
{
	snprintf(errmsg, sizeof(errmsg), "%s", msg);
	return err;
}

struct vnet_ctx *__wrap_vnet_open(void)
{
	static int fake;

	return (struct vnet_ctx *)&fake;
}

const char *__wrap_vnet_errmsg(const struct vnet_ctx *ctx)
{
	(void)ctx;
	return errmsg;
}

static int find_dev(const char *name)
{
	for (size_t i = 0; i < COUNT(devs); i++)
		if (!strcmp(devs[i].name, name))
			return i;
	return -1;
}

int __wrap_vnet_dev_get(struct vnet_ctx *ctx, const char *name,
			struct vnet_dev_info *info)
{
	int i = find_dev(name);

	(void)ctx;
	if (i < 0)
		return fail(-ENODEV, "no such device");
	*info = devs[i];
	return 0;
}

int __wrap_vnet_dev_list(struct vnet_ctx *ctx, vnet_dev_cb cb, void *arg)
{
	int ret = 0;

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(devs); i++)
		ret = cb(&devs[i], arg);
	return ret;
}

int __wrap_vnet_port_list(struct vnet_ctx *ctx, const char *dev,
			  vnet_port_cb cb, void *arg)
{
	int i = find_dev(dev), ret = 0;

	(void)ctx;
	if (i < 0)
		return fail(-ENODEV, "no such device");
	for (int j = 0; !ret && j < dev_ports[i].count; j++)
		ret = cb(&dev_ports[i].ports[j], arg);
	return ret;
}

/* The tables are rt0's, sw0's and fw0's; any other device fails. */
static int check_dev(const char *dev, const char *want)
{
	if (strcmp(dev, want))
		return fail(-EOPNOTSUPP, "not that kind of device");
	return 0;
}

int __wrap_vnet_fdb_list(struct vnet_ctx *ctx, const char *dev,
			 vnet_fdb_cb cb, void *arg)
{
	int ret = check_dev(dev, "sw0");

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(fdb); i++)
		ret = cb(&fdb[i], arg);
	return ret;
}

int __wrap_vnet_addr_list(struct vnet_ctx *ctx, const char *dev,
			  vnet_addr_cb cb, void *arg)
{
	int ret = check_dev(dev, "rt0");

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(addrs); i++)
		ret = cb(&addrs[i], arg);
	return ret;
}

int __wrap_vnet_route_list(struct vnet_ctx *ctx, const char *dev,
			   vnet_route_cb cb, void *arg)
{
	int ret = check_dev(dev, "rt0");

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(routes); i++)
		ret = cb(&routes[i], arg);
	return ret;
}

int __wrap_vnet_route_get(struct vnet_ctx *ctx, const char *dev,
			  uint32_t addr, vnet_route_cb cb, void *arg)
{
	(void)ctx;
	(void)addr;
	return check_dev(dev, "rt0") ?: cb(&routes[1], arg);
}

int __wrap_vnet_route6_get(struct vnet_ctx *ctx, const char *dev,
			   const uint8_t *addr6, vnet_route_cb cb, void *arg)
{
	(void)ctx;
	(void)addr6;
	return check_dev(dev, "rt0") ?: cb(&routes[5], arg);
}

int __wrap_vnet_neigh_list(struct vnet_ctx *ctx, const char *dev,
			   vnet_neigh_cb cb, void *arg)
{
	int ret = check_dev(dev, "rt0");

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(neighs); i++)
		ret = cb(&neighs[i], arg);
	return ret;
}

/* fw0's rules; "broken" gives the first, then fails. */
int __wrap_vnet_rule_list(struct vnet_ctx *ctx, const char *dev,
			  vnet_rule_cb cb, void *arg)
{
	int ret;

	(void)ctx;
	if (!strcmp(dev, "broken"))
		return cb(&rules[0], arg) ?: fail(-EIO, "the dump broke off");
	ret = check_dev(dev, "fw0");
	for (size_t i = 0; !ret && i < COUNT(rules); i++)
		ret = cb(&rules[i], arg);
	return ret;
}

/* fw0's connections, and rt0's (its NAT's); any other device fails. */
int __wrap_vnet_conn_list(struct vnet_ctx *ctx, const char *dev,
			  vnet_conn_cb cb, void *arg)
{
	int ret;

	(void)ctx;
	if (!strcmp(dev, "rt0")) {
		ret = 0;
		for (size_t i = 0; !ret && i < COUNT(rt_conns); i++)
			ret = cb(&rt_conns[i], arg);
		return ret;
	}
	ret = check_dev(dev, "fw0");
	for (size_t i = 0; !ret && i < COUNT(conns); i++)
		ret = cb(&conns[i], arg);
	return ret;
}

int __wrap_vnet_nat_list(struct vnet_ctx *ctx, const char *dev,
			 vnet_nat_cb cb, void *arg)
{
	int ret = check_dev(dev, "rt0");

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(nats); i++)
		ret = cb(&nats[i], arg);
	return ret;
}

int __wrap_vnet_network_get(struct vnet_ctx *ctx, const char *net,
			    struct vnet_network_info *info)
{
	(void)ctx;
	for (size_t i = 0; i < COUNT(nets); i++) {
		if (!strcmp(nets[i].name, net)) {
			*info = nets[i];
			return 0;
		}
	}
	return fail(-ENOENT, "no such network");
}

int __wrap_vnet_network_list(struct vnet_ctx *ctx, vnet_network_cb cb,
			     void *arg)
{
	int ret = 0;

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(nets); i++)
		ret = cb(&nets[i], arg);
	return ret;
}

int __wrap_vnet_policer_list(struct vnet_ctx *ctx, const char *net,
			     vnet_policer_cb cb, void *arg)
{
	int ret = 0;

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(policers); i++)
		if (!net || !strcmp(policers[i].network, net))
			ret = cb(&policers[i], arg);
	return ret;
}

int __wrap_vnet_monitor(struct vnet_ctx *ctx, vnet_event_cb cb, void *arg)
{
	int ret = 0;

	(void)ctx;
	for (size_t i = 0; !ret && i < COUNT(events); i++)
		ret = cb(&events[i], arg);
	return ret;
}

/* The commands, each run with every output option. */
#define MAX_WORDS 6

static const struct {
	const char *file;
	const char *words[MAX_WORDS];
} cases[] = {
	{ "device-show", { "device", "show" } },
	{ "device-show-one", { "device", "show", "rt0" } },
	{ "device-show-missing", { "device", "show", "nosuch" } },
	{ "port-show", { "port", "show" } },
	{ "port-show-one", { "port", "show", "sw0" } },
	{ "fdb-show", { "fdb", "show", "sw0" } },
	{ "addr-show", { "addr", "show", "rt0" } },
	{ "route-show", { "route", "show", "rt0" } },
	{ "route-get", { "route", "get", "rt0", "10.0.0.9" } },
	{ "route-get6", { "route", "get", "rt0", "2001:db8::9" } },
	{ "neigh-show", { "neigh", "show", "rt0" } },
	{ "rule-show", { "rule", "show", "fw0" } },
	{ "rule-show-broken", { "rule", "show", "broken" } },
	{ "conn-show", { "conn", "show", "fw0" } },
	{ "conn-show-nat", { "conn", "show", "rt0" } },
	{ "conn-show-wrong", { "conn", "show", "sw0" } },
	{ "nat-show", { "nat", "show", "rt0" } },
	{ "stats", { "stats" } },
	{ "stats-one", { "stats", "sw0" } },
	{ "network-show", { "network", "show" } },
	{ "network-show-one", { "network", "show", "blue" } },
	{ "resource-show", { "resource", "show" } },
	{ "resource-show-one", { "resource", "show", "empty" } },
	{ "topology", { "topology" } },
	{ "topology-one", { "topology", "blue" } },
	{ "topology-dot", { "topology", "--dot" } },
	{ "monitor", { "monitor" } },
};

static const struct {
	const char *opts;
	bool json, pretty, details;
} modes[] = {
	{ "", false, false, false },
	{ "-d ", false, false, true },
	{ "-j ", true, false, false },
	{ "-j -d ", true, false, true },
	{ "-j -p ", true, true, false },
};

static int (*const commands[])(int argc, char **argv) = {
	do_device, do_port, do_fdb, do_addr, do_route, do_neigh, do_rule,
	do_conn, do_stats, do_network, do_resource, do_topology, do_monitor,
	do_nat,
};

static const char *const command_names[] = {
	"device", "port", "fdb", "addr", "route", "neigh", "rule",
	"conn", "stats", "network", "resource", "topology", "monitor",
	"nat",
};

static int run_words(int argc, char **argv)
{
	for (size_t i = 0; i < COUNT(commands); i++)
		if (!strcmp(argv[0], command_names[i]))
			return commands[i](argc - 1, argv + 1);
	return -1;
}

/* The command's stdout and stderr, as they interleave, into @out. */
static int run_captured(int argc, char **argv, FILE *out)
{
	int saved_out = dup(1), saved_err = dup(2), ret;

	fflush(stdout);
	dup2(fileno(out), 1);
	dup2(fileno(out), 2);
	ret = run_words(argc, argv);
	fflush(stdout);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	return ret;
}

/* Every mode's output of case @c, with a header each, as one string. */
static char *run_case(size_t c)
{
	FILE *out = tmpfile();
	char *text;
	long len;

	if (!out)
		return NULL;
	for (size_t m = 0; m < COUNT(modes); m++) {
		char *argv[MAX_WORDS + 1] = { NULL };
		int argc = 0, ret;

		fprintf(out, "### vnetctl %s", modes[m].opts);
		for (; argc < MAX_WORDS && cases[c].words[argc]; argc++) {
			/* The commands take char **: a copy of each word. */
			argv[argc] = strdup(cases[c].words[argc]);
			fprintf(out, "%s%s", argc ? " " : "", argv[argc]);
		}
		fprintf(out, "\n");
		fflush(out);
		g.json = modes[m].json;
		g.pretty = modes[m].pretty;
		g.details = modes[m].details;
		ret = run_captured(argc, argv, out);
		fseek(out, 0, SEEK_END);
		fprintf(out, "### exit %d\n", ret);
		for (int i = 0; i < argc; i++)
			free(argv[i]);
	}
	len = ftell(out);
	text = calloc(1, len + 1);
	rewind(out);
	if (text && fread(text, 1, len, out) != (size_t)len) {
		free(text);
		text = NULL;
	}
	fclose(out);
	return text;
}

static char *read_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *text = NULL;
	long len;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	if (len >= 0) {
		text = calloc(1, len + 1);
		rewind(fp);
		if (text && fread(text, 1, len, fp) != (size_t)len) {
			free(text);
			text = NULL;
		}
	}
	fclose(fp);
	return text;
}

/* Up to 100 bytes of @s, to the end of its line. */
static int excerpt(const char *s)
{
	size_t n = strcspn(s, "\n");

	return n > 100 ? 100 : n;
}

/* Where @got and @want part first: the line, and the text around it. */
static void report_difference(const char *got, const char *want)
{
	size_t i = 0, start = 0, from;
	int line = 1;

	while (got[i] && got[i] == want[i]) {
		if (got[i++] == '\n') {
			line++;
			start = i;
		}
	}
	/* A JSON line is long: from a little before the difference. */
	from = i - start > 40 ? i - 40 : start;
	printf("# line %d, column %zu:\n# want: %.*s\n# got:  %.*s\n", line,
	       i - start + 1, excerpt(want + from), want + from,
	       excerpt(got + from), got + from);
}

static int check_case(size_t c, const char *dir)
{
	char path[4096], *got = run_case(c), *want;
	const char *why = "";

	snprintf(path, sizeof(path), "%s/%s.txt", dir, cases[c].file);
	want = read_file(path);
	if (!want)
		why = ": the file cannot be read";
	else if (!got)
		why = ": the output could not be captured";
	else if (strcmp(got, want))
		why = ": the output differs";
	printf("%s - vnetctl: %s prints as recorded in %s.txt%s\n",
	       *why ? "not ok" : "ok", cases[c].file, cases[c].file, why);
	if (got && want && *why)
		report_difference(got, want);
	free(got);
	free(want);
	return !*why;
}

static int write_case(size_t c, const char *dir)
{
	char path[4096], *got = run_case(c);
	FILE *fp;
	int ok;

	snprintf(path, sizeof(path), "%s/%s.txt", dir, cases[c].file);
	fp = fopen(path, "w");
	ok = got && fp && fputs(got, fp) >= 0;
	if (fp && fclose(fp))
		ok = 0;
	if (!ok)
		fprintf(stderr, "vnetctl_print: cannot write %s\n", path);
	free(got);
	return ok;
}

int main(int argc, char **argv)
{
	bool update = argc == 3 && !strcmp(argv[1], "-u");
	int failed = 0;

	if (argc != 2 && !update) {
		fprintf(stderr, "usage: vnetctl_print [-u] DIR\n");
		return 2;
	}
	/* As vnetctl's main() has it: the lines of stdout and stderr keep
	 * their order.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t c = 0; c < COUNT(cases); c++) {
		if (update)
			failed |= !write_case(c, argv[2]);
		else
			failed |= !check_case(c, argv[1]);
	}
	return failed;
}
