// SPDX-License-Identifier: LGPL-2.1
/* Follow the "monitor" multicast group. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include "nl.h"

struct monitor_arg {
	vnet_event_cb cb;
	void *arg;
	int ret;
};

/* nlctrl announces the family's removal: the module was unloaded. */
static int family_gone(struct nl_msg *msg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (nlmsg_hdr(msg)->nlmsg_type != GENL_ID_CTRL ||
	    gh->cmd != CTRL_CMD_DELFAMILY)
		return 0;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    !vnet_nla_is_string(tb[CTRL_ATTR_FAMILY_NAME]))
		return 0;
	return !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), VNET_GENL_NAME);
}

static int monitor_msg(struct nl_msg *msg, void *arg)
{
	struct monitor_arg *ma = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *attrs[VNET_ATTR_MAX + 1];
	struct vnet_event ev = { .cmd = gh->cmd };
	struct vnet_network_info network;
	struct vnet_route_info route;
	struct vnet_addr_info addr;
	struct vnet_port_info port;
	struct vnet_dev_info dev;

	if (family_gone(msg)) {
		ma->ret = -ENODEV;
		return NL_STOP;
	}
	if (nlmsg_hdr(msg)->nlmsg_type == GENL_ID_CTRL)
		return NL_SKIP;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, VNET_ATTR_MAX,
			  vnet_attr_policy) < 0)
		return NL_SKIP;
	switch (gh->cmd) {
	case VNET_CMD_PORT_NEW:
	case VNET_CMD_PORT_DEL:
	case VNET_CMD_PORT_SET:
		vnet_port_info_parse(attrs, &port);
		ev.port = &port;
		break;
	case VNET_CMD_ADDR_NEW:
	case VNET_CMD_ADDR_DEL:
		if (!vnet_addr_info_parse(attrs, &addr))
			return NL_SKIP;
		ev.addr = &addr;
		break;
	case VNET_CMD_ROUTE_NEW:
	case VNET_CMD_ROUTE_DEL:
		if (!vnet_route_info_parse(attrs, &route))
			return NL_SKIP;
		ev.route = &route;
		break;
	case VNET_CMD_DEV_NEW:
	case VNET_CMD_DEV_DEL:
	case VNET_CMD_DEV_SET:
		vnet_dev_info_parse(attrs, &dev);
		ev.dev = &dev;
		break;
	case VNET_CMD_NET_NEW:
	case VNET_CMD_NET_DEL:
	case VNET_CMD_NET_SET:
		if (!vnet_network_info_parse(attrs, &network))
			return NL_SKIP;
		ev.network = &network;
		break;
	default:
		return NL_SKIP;
	}
	ma->ret = ma->cb(&ev, ma->arg);
	return ma->ret ? NL_STOP : NL_OK;
}

/* Events are broadcast with sequence number 0: take them all. */
static int monitor_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Read and drop what is still queued on the socket, without waiting. */
static void monitor_drain(struct vnet_ctx *ctx)
{
	int fd = nl_socket_get_fd(ctx->sk), flags = fcntl(fd, F_GETFL);
	char buf[8192];

	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return;
	while (recv(fd, buf, sizeof(buf), 0) > 0 || errno == ENOBUFS)
		;
	fcntl(fd, F_SETFL, flags);
}

int vnet_monitor(struct vnet_ctx *ctx, vnet_event_cb cb, void *arg)
{
	struct monitor_arg ma = { cb, arg, 0 };
	int grp, ctrl, ret, err = 0;
	struct nl_cb *nlcb;

	grp = genl_ctrl_resolve_grp(ctx->sk, VNET_GENL_NAME, VNET_MCGRP_MONITOR);
	if (grp < 0)
		return vnet_set_error(ctx, -ENOENT, "no vnet monitor group");
	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, monitor_msg, &ma);
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, monitor_seq, NULL);
	ret = nl_socket_add_membership(ctx->sk, grp);
	if (ret < 0) {
		nl_cb_put(nlcb);
		return vnet_set_error(ctx, -EIO, nl_geterror(ret));
	}
	ctrl = genl_ctrl_resolve_grp(ctx->sk, "nlctrl", "notify");
	if (ctrl >= 0)
		nl_socket_add_membership(ctx->sk, ctrl);
	while (!ma.ret) {
		/* libnl reads ENOBUFS, an overflowed socket, as NLE_NOMEM */
		ret = nl_recvmsgs(ctx->sk, nlcb);
		if (ret == -NLE_NOMEM && errno == ENOBUFS) {
			struct vnet_event ev = { .lost = true };

			ma.ret = cb(&ev, arg);
			continue;
		}
		/* monitor_msg() sets ma.ret */
		// cppcheck-suppress knownConditionTrueFalse
		if (ret < 0 && !ma.ret) {
			err = vnet_set_error(ctx, -EIO, nl_geterror(ret));
			break;
		}
	}
	nl_socket_drop_membership(ctx->sk, grp);
	if (ctrl >= 0)
		nl_socket_drop_membership(ctx->sk, ctrl);
	monitor_drain(ctx);
	nl_cb_put(nlcb);
	if (err)
		return err;
	if (ma.ret == -ENODEV)
		return vnet_set_error(ctx, -ENODEV, "the vnet module was unloaded");
	return ma.ret < 0 ? ma.ret : 0;
}
