/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels vnet builds for, Debian 12's 6.1 and
 * 6.12, kept here so the rest of the module is written once. Each entry
 * says which release changed the API.
 */
#ifndef VNET_COMPAT_H
#define VNET_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>

/* 6.12 moved the unaligned accessors out of asm/. */
#if KERNEL_VERSION(6, 12, 0) <= LINUX_VERSION_CODE
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* 6.5 moved skb_gso_segment() and its helpers out of netdevice.h. */
#if KERNEL_VERSION(6, 5, 0) <= LINUX_VERSION_CODE
#include <net/gso.h>
#endif

/*
 * 6.2 split the genl ops: pre_doit and post_doit are handed the split op
 * (which keeps internal_flags), and a dump's parsed request moved into
 * the genl_info of its genl_dumpit_info.
 */
#if KERNEL_VERSION(6, 2, 0) <= LINUX_VERSION_CODE
#define vnet_genl_doit_ops genl_split_ops
#else
#define vnet_genl_doit_ops genl_ops
#endif

static inline struct nlattr **vnet_dump_attrs(struct netlink_callback *cb)
{
#if KERNEL_VERSION(6, 2, 0) <= LINUX_VERSION_CODE
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * Lockless transmit, and a namespace the device never leaves: features
 * bits until 6.12 made them flags of the device (Debian's 6.12 has the
 * later name, netns_immutable, from the stable series).
 */
static inline void vnet_dev_set_lltx_netns_local(struct net_device *dev)
{
#ifdef NETIF_F_NETNS_LOCAL
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
#else
	dev->lltx = true;
	dev->netns_immutable = true;
#endif
}

#endif
