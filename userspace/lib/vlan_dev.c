// SPDX-License-Identifier: LGPL-2.1
/*
 * VLAN devices for ports on a VLAN of a device ("port add DEV dev PORTDEV
 * vlan VID"): the kernel's 802.1Q driver makes them over rtnetlink, as
 * "ip link add link PORTDEV name NAME up type vlan id VID" does, and the
 * port that owns one deletes it with itself.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Send the rtnetlink request @msg (consumed) and wait for its ack. */
static int rtnl_request(struct vnet_ctx *ctx, struct nl_msg *msg)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, err;

	if (!sk) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -ENOMEM, NULL);
	}
	if (nl_connect(sk, NETLINK_ROUTE)) {
		nl_socket_free(sk);
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EPROTONOSUPPORT,
				      "cannot open an rtnetlink socket");
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	err = vnet_request_on(ctx, sk, msg, NULL, NULL);
	nl_socket_free(sk);
	return err;
}

static struct nl_msg *link_msg(struct vnet_ctx *ctx, int type, int flags,
			       int ifindex, unsigned int up)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
		.ifi_flags = up,
		.ifi_change = up,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags | NLM_F_ACK);

	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO)) {
		nlmsg_free(msg);
		vnet_set_error(ctx, -ENOMEM, NULL);
		return NULL;
	}
	return msg;
}

int vnet_vlan_dev_make(struct vnet_ctx *ctx, const char *lower, uint16_t vid,
		       const char *name)
{
	unsigned int link = if_nametoindex(lower);
	struct nlattr *info, *data;
	struct nl_msg *msg;

	if (!link) {
		char why[96];

		snprintf(why, sizeof(why), "no network device \"%s\"", lower);
		return vnet_set_error(ctx, -ENODEV, why);
	}
	msg = link_msg(ctx, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, IFF_UP);
	if (!msg)
		return ctx->err;
	if (nla_put_string(msg, IFLA_IFNAME, name) ||
	    nla_put_u32(msg, IFLA_LINK, link) ||
	    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "vlan") ||
	    !(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
	    nla_put_u16(msg, IFLA_VLAN_ID, vid)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return rtnl_request(ctx, msg);
}

int vnet_vlan_dev_delete(struct vnet_ctx *ctx, int ifindex)
{
	struct nl_msg *msg = link_msg(ctx, RTM_DELLINK, 0, ifindex, 0);

	if (!msg)
		return ctx->err;
	return rtnl_request(ctx, msg);
}
