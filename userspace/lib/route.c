// SPDX-License-Identifier: LGPL-2.1
/* A vrouter's addresses and routes: add, delete, look up, dump. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "nl.h"

/*
 * ADDR[/LEN] of @family into @addr (network order) and @plen; a bare
 * address is a host prefix unless @need_len. -1 if malformed.
 */
static int prefix_parse(const char *str, int family, void *addr,
			uint8_t *plen, bool need_len)
{
	unsigned long bits = family == AF_INET ? 32 : 128, len = bits;
	char buf[INET6_ADDRSTRLEN + 4], *slash, *end;

	if (strlen(str) >= sizeof(buf))
		return -1;
	strcpy(buf, str);
	slash = strchr(buf, '/');
	if (slash) {
		*slash = '\0';
		if (!slash[1] || strspn(slash + 1, "0123456789") != strlen(slash + 1))
			return -1;
		len = strtoul(slash + 1, &end, 10);
		if (len > bits)
			return -1;
	} else if (need_len) {
		return -1;
	}
	if (inet_pton(family, buf, addr) != 1)
		return -1;
	*plen = len;
	return 0;
}

int vnet_prefix_parse(const char *str, uint32_t *addr, uint8_t *plen,
		      bool need_len)
{
	struct in_addr a;

	if (!strcmp(str, "default")) {
		*addr = 0;
		*plen = 0;
		return 0;
	}
	if (prefix_parse(str, AF_INET, &a, plen, need_len))
		return -1;
	*addr = a.s_addr;
	return 0;
}

int vnet_prefix6_parse(const char *str, uint8_t *addr, uint8_t *plen,
		       bool need_len)
{
	return prefix_parse(str, AF_INET6, addr, plen, need_len);
}

/* @addr: 4 bytes, or 16 for AF_INET6. */
static int addr_request(struct vnet_ctx *ctx, uint8_t cmd, const char *dev,
			int family, const void *addr, uint8_t plen,
			const char *port)
{
	struct nl_msg *msg;
	struct nlattr *nest;

	if (port && vnet_check_port(ctx, port))
		return ctx->err;
	msg = vnet_dev_msg(ctx, cmd, 0, dev);
	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_ADDR);
	if (!nest ||
	    vnet_put_ip(msg, VNET_ADDR_ADDRESS, VNET_ADDR_ADDRESS6, family,
			addr) ||
	    nla_put_u8(msg, VNET_ADDR_PREFIXLEN, plen) ||
	    (port && vnet_put_port(msg, VNET_ADDR_PORT, VNET_ADDR_PORT_NAME,
				   port))) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_addr_add(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		  uint8_t plen, const char *port)
{
	return addr_request(ctx, VNET_CMD_ADDR_NEW, dev, AF_INET, &addr, plen,
			    port);
}

int vnet_addr_delete(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		     uint8_t plen, const char *port)
{
	return addr_request(ctx, VNET_CMD_ADDR_DEL, dev, AF_INET, &addr, plen,
			    port);
}

int vnet_addr6_add(struct vnet_ctx *ctx, const char *dev,
		   const uint8_t *addr6, uint8_t plen, const char *port)
{
	return addr_request(ctx, VNET_CMD_ADDR_NEW, dev, AF_INET6, addr6, plen,
			    port);
}

int vnet_addr6_delete(struct vnet_ctx *ctx, const char *dev,
		      const uint8_t *addr6, uint8_t plen, const char *port)
{
	return addr_request(ctx, VNET_CMD_ADDR_DEL, dev, AF_INET6, addr6, plen,
			    port);
}

struct addr_list_arg {
	vnet_addr_cb cb;
	void *arg;
};

static void dev_name_parse(struct nlattr **attrs, char *name)
{
	if (attrs[VNET_ATTR_IFNAME])
		vnet_nla_strcpy(name, IF_NAMESIZE, attrs[VNET_ATTR_IFNAME]);
}

bool vnet_addr_info_parse(struct nlattr **attrs, struct vnet_addr_info *info)
{
	struct nlattr *tb[VNET_ADDR_MAX + 1];

	memset(info, 0, sizeof(*info));
	if (!attrs[VNET_ATTR_ADDR] ||
	    nla_parse_nested(tb, VNET_ADDR_MAX, attrs[VNET_ATTR_ADDR],
			     vnet_addr_policy) ||
	    vnet_get_ip(tb, VNET_ADDR_ADDRESS, VNET_ADDR_ADDRESS6,
			&info->family, &info->addr, info->addr6) ||
	    !tb[VNET_ADDR_PREFIXLEN])
		return false;
	dev_name_parse(attrs, info->dev_name);
	info->plen = nla_get_u8(tb[VNET_ADDR_PREFIXLEN]);
	if (tb[VNET_ADDR_PORT])
		info->port = nla_get_u32(tb[VNET_ADDR_PORT]);
	if (tb[VNET_ADDR_PORT_NAME])
		vnet_nla_strcpy(info->port_name, sizeof(info->port_name), tb[VNET_ADDR_PORT_NAME]);
	return true;
}

static int addr_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct addr_list_arg *la = arg;
	struct vnet_addr_info info;

	(void)cmd;
	if (!vnet_addr_info_parse(attrs, &info))
		return 0;
	return la->cb(&info, la->arg);
}

int vnet_addr_list(struct vnet_ctx *ctx, const char *dev, vnet_addr_cb cb,
		   void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_ADDR_GET, NLM_F_DUMP,
					  dev);
	struct addr_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, addr_one, &la);
}

static bool is_zero6(const uint8_t *addr6)
{
	static const uint8_t zero[16];

	return !memcmp(addr6, zero, sizeof(zero));
}

static int route_request(struct vnet_ctx *ctx, uint8_t cmd, int flags,
			 const char *dev, const struct vnet_route_info *rt,
			 bool with_len, vnet_msg_cb cb, void *arg)
{
	bool v6 = rt->family == AF_INET6;
	struct nl_msg *msg;
	struct nlattr *nest;

	if (rt->port_name[0] && vnet_check_port(ctx, rt->port_name))
		return ctx->err;
	msg = vnet_dev_msg(ctx, cmd, flags, dev);
	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_ROUTE);
	if (!nest ||
	    vnet_put_ip(msg, VNET_ROUTE_DST, VNET_ROUTE_DST6, rt->family,
			v6 ? (const void *)rt->dst6 : &rt->dst) ||
	    (with_len && nla_put_u8(msg, VNET_ROUTE_PREFIXLEN, rt->plen)) ||
	    (!v6 && rt->gateway &&
	     nla_put_u32(msg, VNET_ROUTE_GATEWAY, rt->gateway)) ||
	    (v6 && !is_zero6(rt->gateway6) &&
	     nla_put(msg, VNET_ROUTE_GATEWAY6, 16, rt->gateway6)) ||
	    (rt->port_name[0] &&
	     vnet_put_port(msg, VNET_ROUTE_PORT, VNET_ROUTE_PORT_NAME,
			   rt->port_name))) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, cb, arg);
}

int vnet_route_add(struct vnet_ctx *ctx, const char *dev,
		   const struct vnet_route_info *rt)
{
	return route_request(ctx, VNET_CMD_ROUTE_NEW, 0, dev, rt, true, NULL,
			     NULL);
}

int vnet_route_delete(struct vnet_ctx *ctx, const char *dev,
		      const struct vnet_route_info *rt)
{
	return route_request(ctx, VNET_CMD_ROUTE_DEL, 0, dev, rt, true, NULL,
			     NULL);
}

struct route_list_arg {
	vnet_route_cb cb;
	void *arg;
};

bool vnet_route_info_parse(struct nlattr **attrs, struct vnet_route_info *info)
{
	struct nlattr *tb[VNET_ROUTE_MAX + 1];

	memset(info, 0, sizeof(*info));
	if (!attrs[VNET_ATTR_ROUTE] ||
	    nla_parse_nested(tb, VNET_ROUTE_MAX, attrs[VNET_ATTR_ROUTE],
			     vnet_route_policy) ||
	    vnet_get_ip(tb, VNET_ROUTE_DST, VNET_ROUTE_DST6, &info->family,
			&info->dst, info->dst6) ||
	    !tb[VNET_ROUTE_PREFIXLEN])
		return false;
	dev_name_parse(attrs, info->dev_name);
	info->plen = nla_get_u8(tb[VNET_ROUTE_PREFIXLEN]);
	/* The gateway of the route's family; one of the other is ignored. */
	if (info->family == AF_INET && tb[VNET_ROUTE_GATEWAY])
		info->gateway = nla_get_u32(tb[VNET_ROUTE_GATEWAY]);
	if (info->family == AF_INET6 && tb[VNET_ROUTE_GATEWAY6])
		memcpy(info->gateway6, nla_data(tb[VNET_ROUTE_GATEWAY6]), 16);
	if (tb[VNET_ROUTE_PORT])
		info->port = nla_get_u32(tb[VNET_ROUTE_PORT]);
	if (tb[VNET_ROUTE_PORT_NAME])
		vnet_nla_strcpy(info->port_name, sizeof(info->port_name), tb[VNET_ROUTE_PORT_NAME]);
	if (tb[VNET_ROUTE_TYPE])
		info->type = nla_get_u8(tb[VNET_ROUTE_TYPE]);
	return true;
}

static int route_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct route_list_arg *la = arg;
	struct vnet_route_info info;

	(void)cmd;
	if (!vnet_route_info_parse(attrs, &info))
		return 0;
	return la->cb(&info, la->arg);
}

struct route_get_arg {
	struct route_list_arg la;
	bool got;
};

static int route_get_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct route_get_arg *ga = arg;
	struct vnet_route_info info;

	(void)cmd;
	if (!vnet_route_info_parse(attrs, &info))
		return -EPROTO;
	ga->got = true;
	return ga->la.cb(&info, ga->la.arg);
}

/*
 * A lookup, @q's destination without a length. The kernel answers with
 * the route or an error: anything else fails.
 */
static int route_lookup(struct vnet_ctx *ctx, const char *dev,
			const struct vnet_route_info *q, vnet_route_cb cb,
			void *arg)
{
	struct route_get_arg ga = { { cb, arg }, false };
	int ret;

	ret = route_request(ctx, VNET_CMD_ROUTE_GET, 0, dev, q, false,
			    route_get_one, &ga);
	if (!ret && !ga.got)
		ret = vnet_set_error(ctx, -EPROTO, "the kernel's reply names no route");
	return ret;
}

int vnet_route_get(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		   vnet_route_cb cb, void *arg)
{
	struct vnet_route_info q = { .family = AF_INET, .dst = addr };

	return route_lookup(ctx, dev, &q, cb, arg);
}

int vnet_route6_get(struct vnet_ctx *ctx, const char *dev,
		    const uint8_t *addr6, vnet_route_cb cb, void *arg)
{
	struct vnet_route_info q = { .family = AF_INET6 };

	memcpy(q.dst6, addr6, sizeof(q.dst6));
	return route_lookup(ctx, dev, &q, cb, arg);
}

int vnet_route_list(struct vnet_ctx *ctx, const char *dev, vnet_route_cb cb,
		    void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_ROUTE_GET, NLM_F_DUMP,
					  dev);
	struct route_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, route_one, &la);
}

const char *vnet_route_type_name(int type)
{
	switch (type) {
	case VNET_ROUTE_TYPE_CONNECTED:
		return "connected";
	case VNET_ROUTE_TYPE_LOCAL:
		return "local";
	case VNET_ROUTE_TYPE_STATIC:
		return "static";
	default:
		return "unknown";
	}
}
