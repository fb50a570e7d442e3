// SPDX-License-Identifier: LGPL-2.1
/* Follow the "monitor" multicast group. */
#include <errno.h>
#include <netlink/genl/ctrl.h>
#include "nl.h"

struct monitor_arg {
	vnet_event_cb cb;
	void *arg;
	int ret;
};

static int monitor_msg(struct nl_msg *msg, void *arg)
{
	struct monitor_arg *ma = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *attrs[VNET_ATTR_MAX + 1];
	struct vnet_dev_info info;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, VNET_ATTR_MAX,
			  vnet_attr_policy) < 0)
		return NL_SKIP;
	vnet_dev_info_parse(attrs, &info);
	ma->ret = ma->cb(gh->cmd, &info, ma->arg);
	return ma->ret ? NL_STOP : NL_OK;
}

int vnet_monitor(struct vnet_ctx *ctx, vnet_event_cb cb, void *arg)
{
	struct monitor_arg ma = { cb, arg, 0 };
	int grp, ret;

	grp = genl_ctrl_resolve_grp(ctx->sk, VNET_GENL_NAME, VNET_MCGRP_MONITOR);
	if (grp < 0)
		return vnet_set_error(ctx, -ENOENT, "no vnet monitor group");
	ret = nl_socket_add_membership(ctx->sk, grp);
	if (ret < 0)
		return vnet_set_error(ctx, -EIO, nl_geterror(ret));
	nl_socket_disable_seq_check(ctx->sk);
	nl_socket_modify_cb(ctx->sk, NL_CB_VALID, NL_CB_CUSTOM, monitor_msg, &ma);
	while (!ma.ret) {
		ret = nl_recvmsgs_default(ctx->sk);
		if (ret < 0 && !ma.ret)
			return vnet_set_error(ctx, -EIO, nl_geterror(ret));
	}
	return ma.ret < 0 ? ma.ret : 0;
}
