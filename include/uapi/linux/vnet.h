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
	VNET_PARAM_TTL_CHECK,	/* u8, vrouter: 1 drop TTL-expired, 0 forward */
	VNET_PARAM_POLICY,	/* u8, vfirewall: enum vnet_verdict default */
	__VNET_PARAM_MAX,
};

#define VNET_PARAM_MAX (__VNET_PARAM_MAX - 1)

#define VNET_AGEING_DEFAULT	300
#define VNET_AGEING_MAX		1000000

enum vnet_verdict {
	VNET_VERDICT_ACCEPT,
	VNET_VERDICT_DROP,
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
	__VNET_STATS_MAX,
};

#define VNET_STATS_MAX (__VNET_STATS_MAX - 1)

#endif /* _UAPI_LINUX_VNET_H */
