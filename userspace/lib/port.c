// SPDX-License-Identifier: LGPL-2.1
/* Ports: add, set, delete, list. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "nl.h"

static struct nla_policy port_policy[VNET_PORT_MAX + 1] = {
	[VNET_PORT_INDEX] = { .type = NLA_U32 },
	[VNET_PORT_NAME] = { .type = NLA_NUL_STRING, .maxlen = IF_NAMESIZE },
	[VNET_PORT_LOWER_IFINDEX] = { .type = NLA_U32 },
	[VNET_PORT_LOWER_IFNAME] = { .type = NLA_NUL_STRING, .maxlen = IF_NAMESIZE },
	[VNET_PORT_LEARNING] = { .type = NLA_U8 },
	[VNET_PORT_FLOOD] = { .type = NLA_U8 },
	[VNET_PORT_STATS] = { .type = NLA_NESTED },
	[VNET_PORT_UP] = { .type = NLA_U8 },
	[VNET_PORT_PEER_IFINDEX] = { .type = NLA_U32 },
	[VNET_PORT_PEER_IFNAME] = { .type = NLA_NUL_STRING, .maxlen = IF_NAMESIZE },
	[VNET_PORT_PEER_NAME] = { .type = NLA_NUL_STRING, .maxlen = IF_NAMESIZE },
};

void vnet_port_info_parse(struct nlattr **attrs, struct vnet_port_info *info)
{
	struct nlattr *tb[VNET_PORT_MAX + 1];
	size_t i;

	memset(info, 0, sizeof(*info));
	if (attrs[VNET_ATTR_IFINDEX])
		info->dev_ifindex = nla_get_u32(attrs[VNET_ATTR_IFINDEX]);
	if (attrs[VNET_ATTR_IFNAME])
		snprintf(info->dev_name, sizeof(info->dev_name), "%s",
			 nla_get_string(attrs[VNET_ATTR_IFNAME]));
	if (!attrs[VNET_ATTR_PORT] ||
	    nla_parse_nested(tb, VNET_PORT_MAX, attrs[VNET_ATTR_PORT], port_policy))
		return;
	if (tb[VNET_PORT_INDEX])
		info->index = nla_get_u32(tb[VNET_PORT_INDEX]);
	if (tb[VNET_PORT_NAME])
		snprintf(info->name, sizeof(info->name), "%s",
			 nla_get_string(tb[VNET_PORT_NAME]));
	if (tb[VNET_PORT_LOWER_IFINDEX])
		info->lower_ifindex = nla_get_u32(tb[VNET_PORT_LOWER_IFINDEX]);
	if (tb[VNET_PORT_LOWER_IFNAME])
		snprintf(info->lower_name, sizeof(info->lower_name), "%s",
			 nla_get_string(tb[VNET_PORT_LOWER_IFNAME]));
	if (tb[VNET_PORT_PEER_IFNAME])
		snprintf(info->peer_dev, sizeof(info->peer_dev), "%s",
			 nla_get_string(tb[VNET_PORT_PEER_IFNAME]));
	if (tb[VNET_PORT_PEER_NAME])
		snprintf(info->peer_port, sizeof(info->peer_port), "%s",
			 nla_get_string(tb[VNET_PORT_PEER_NAME]));
	for (i = 0; i < vnet_port_param_count; i++) {
		int a = vnet_port_param_table[i].attr;

		if (tb[a]) {
			info->params_present |= 1u << a;
			info->params[a] = nla_get_u8(tb[a]);
		}
	}
	info->has_stats = vnet_stats_parse(tb[VNET_PORT_STATS], &info->stats);
}

static int put_params(struct nl_msg *msg, uint32_t present,
		      const uint32_t *params)
{
	size_t i;

	for (i = 0; i < vnet_port_param_count; i++) {
		int a = vnet_port_param_table[i].attr;

		if ((present & (1u << a)) && nla_put_u8(msg, a, params[a]))
			return -EMSGSIZE;
	}
	return 0;
}

static int port_request(struct vnet_ctx *ctx, uint8_t cmd, const char *dev,
			const char *lower, const char *port,
			uint32_t present, const uint32_t *params)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, cmd, 0, dev);
	struct nlattr *nest;

	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_PORT);
	if (!nest ||
	    (lower && nla_put_string(msg, VNET_PORT_LOWER_IFNAME, lower)) ||
	    (port && (lower ? nla_put_string(msg, VNET_PORT_NAME, port) :
			      vnet_put_port(msg, VNET_PORT_INDEX,
						VNET_PORT_NAME, port))) ||
	    put_params(msg, present, params)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_port_add(struct vnet_ctx *ctx, const char *dev, const char *lower,
		  const char *name, uint32_t params_present,
		  const uint32_t *params)
{
	return port_request(ctx, VNET_CMD_PORT_NEW, dev, lower, name,
			    params_present, params);
}

int vnet_patch_add(struct vnet_ctx *ctx, const char *dev, const char *peer_dev,
		   const char *name, const char *peer_name,
		   uint32_t params_present, const uint32_t *params)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_PORT_NEW, 0, dev);
	struct nlattr *nest;

	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_PORT);
	if (!nest ||
	    nla_put_string(msg, VNET_PORT_PEER_IFNAME, peer_dev) ||
	    (name && nla_put_string(msg, VNET_PORT_NAME, name)) ||
	    (peer_name && nla_put_string(msg, VNET_PORT_PEER_NAME, peer_name)) ||
	    put_params(msg, params_present, params)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_port_set(struct vnet_ctx *ctx, const char *dev, const char *port,
		  uint32_t params_present, const uint32_t *params)
{
	return port_request(ctx, VNET_CMD_PORT_SET, dev, NULL, port,
			    params_present, params);
}

int vnet_port_delete(struct vnet_ctx *ctx, const char *dev, const char *port)
{
	return port_request(ctx, VNET_CMD_PORT_DEL, dev, NULL, port, 0, NULL);
}

struct port_list_arg {
	vnet_port_cb cb;
	void *arg;
};

static int port_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct port_list_arg *la = arg;
	struct vnet_port_info info;

	(void)cmd;
	vnet_port_info_parse(attrs, &info);
	return la->cb(&info, la->arg);
}

int vnet_port_list(struct vnet_ctx *ctx, const char *dev, vnet_port_cb cb,
		   void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_PORT_GET, NLM_F_DUMP, dev);
	struct port_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, port_one, &la);
}
