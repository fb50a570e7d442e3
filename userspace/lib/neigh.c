// SPDX-License-Identifier: LGPL-2.1
/*
 * A vrouter's neighbour table, ARP's and IPv6 neighbour discovery's:
 * permanent entries, dump and flush.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "nl.h"

struct neigh_list_arg {
	vnet_neigh_cb cb;
	void *arg;
};

static int neigh_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct neigh_list_arg *la = arg;
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	struct vnet_neigh_info info;

	(void)cmd;
	memset(&info, 0, sizeof(info));
	if (!attrs[VNET_ATTR_NEIGH] ||
	    nla_parse_nested(tb, VNET_NEIGH_MAX, attrs[VNET_ATTR_NEIGH],
			     vnet_neigh_policy) ||
	    vnet_get_ip(tb, VNET_NEIGH_ADDRESS, VNET_NEIGH_ADDRESS6,
			&info.family, &info.addr, info.addr6))
		return 0;
	if (tb[VNET_NEIGH_MAC]) {
		memcpy(info.mac, nla_data(tb[VNET_NEIGH_MAC]), 6);
		info.has_mac = true;
	}
	if (tb[VNET_NEIGH_PORT])
		info.port = nla_get_u32(tb[VNET_NEIGH_PORT]);
	if (tb[VNET_NEIGH_PORT_NAME])
		vnet_nla_strcpy(info.port_name, sizeof(info.port_name), tb[VNET_NEIGH_PORT_NAME]);
	if (tb[VNET_NEIGH_STATE])
		info.state = nla_get_u8(tb[VNET_NEIGH_STATE]);
	if (tb[VNET_NEIGH_AGE])
		info.age_ms = nla_get_u32(tb[VNET_NEIGH_AGE]);
	if (tb[VNET_NEIGH_QUEUED])
		info.queued = nla_get_u32(tb[VNET_NEIGH_QUEUED]);
	return la->cb(&info, la->arg);
}

int vnet_neigh_list(struct vnet_ctx *ctx, const char *dev, vnet_neigh_cb cb,
		    void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_NEIGH_GET, NLM_F_DUMP,
					  dev);
	struct neigh_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, neigh_one, &la);
}

/* @addr: 4 bytes, or 16 for AF_INET6. */
static int neigh_request(struct vnet_ctx *ctx, uint8_t cmd, const char *dev,
			 int family, const void *addr, const uint8_t *mac,
			 const char *port)
{
	struct nl_msg *msg;
	struct nlattr *nest;

	if (port && vnet_check_port(ctx, port))
		return ctx->err;
	msg = vnet_dev_msg(ctx, cmd, 0, dev);
	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_NEIGH);
	if (!nest ||
	    vnet_put_ip(msg, VNET_NEIGH_ADDRESS, VNET_NEIGH_ADDRESS6, family,
			addr) ||
	    (mac && nla_put(msg, VNET_NEIGH_MAC, 6, mac)) ||
	    (port && vnet_put_port(msg, VNET_NEIGH_PORT, VNET_NEIGH_PORT_NAME,
				   port))) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_neigh_add(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		   const uint8_t *mac, const char *port)
{
	return neigh_request(ctx, VNET_CMD_NEIGH_NEW, dev, AF_INET, &addr, mac,
			     port);
}

int vnet_neigh_delete(struct vnet_ctx *ctx, const char *dev, uint32_t addr)
{
	return neigh_request(ctx, VNET_CMD_NEIGH_DEL, dev, AF_INET, &addr, NULL,
			     NULL);
}

int vnet_neigh6_add(struct vnet_ctx *ctx, const char *dev,
		    const uint8_t *addr6, const uint8_t *mac, const char *port)
{
	return neigh_request(ctx, VNET_CMD_NEIGH_NEW, dev, AF_INET6, addr6, mac,
			     port);
}

int vnet_neigh6_delete(struct vnet_ctx *ctx, const char *dev,
		       const uint8_t *addr6, const char *port)
{
	return neigh_request(ctx, VNET_CMD_NEIGH_DEL, dev, AF_INET6, addr6,
			     NULL, port);
}

int vnet_neigh_flush(struct vnet_ctx *ctx, const char *dev)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_NEIGH_FLUSH, 0, dev);

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, NULL, NULL);
}

const char *vnet_neigh_state_name(int state)
{
	switch (state) {
	case VNET_NEIGH_INCOMPLETE:
		return "incomplete";
	case VNET_NEIGH_REACHABLE:
		return "reachable";
	case VNET_NEIGH_STALE:
		return "stale";
	case VNET_NEIGH_FAILED:
		return "failed";
	case VNET_NEIGH_PERMANENT:
		return "permanent";
	default:
		return "unknown";
	}
}
