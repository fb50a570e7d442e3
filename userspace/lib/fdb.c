// SPDX-License-Identifier: LGPL-2.1
/* The vswitch forwarding table: static entries, flush, dump. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nl.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly six groups of two hex digits joined by ':' (no sign, no 0x). */
int vnet_mac_parse(const char *str, uint8_t *mac)
{
	uint8_t b[6];
	int i;

	if (strlen(str) != 17)
		return -1;
	for (i = 0; i < 6; i++) {
		int hi = hex_digit(str[i * 3]), lo = hex_digit(str[i * 3 + 1]);

		if (hi < 0 || lo < 0 || (i < 5 && str[i * 3 + 2] != ':'))
			return -1;
		b[i] = hi << 4 | lo;
	}
	memcpy(mac, b, sizeof(b));
	return 0;
}

static int fdb_request(struct vnet_ctx *ctx, uint8_t cmd, const char *dev,
		       const uint8_t *mac, const char *port, uint16_t vlan)
{
	struct nl_msg *msg;
	struct nlattr *nest;

	if (port && vnet_check_port(ctx, port))
		return ctx->err;
	msg = vnet_dev_msg(ctx, cmd, 0, dev);
	if (!msg)
		return ctx->err;
	if (mac) {
		nest = nla_nest_start(msg, VNET_ATTR_FDB);
		if (!nest || nla_put(msg, VNET_FDB_MAC, 6, mac))
			goto full;
		if (port && vnet_put_port(msg, VNET_FDB_PORT,
					  VNET_FDB_PORT_NAME, port))
			goto full;
		if (vlan && nla_put_u16(msg, VNET_FDB_VLAN, vlan))
			goto full;
		nla_nest_end(msg, nest);
	}
	return vnet_request(ctx, msg, NULL, NULL);
full:
	nlmsg_free(msg);
	return vnet_set_error(ctx, -EMSGSIZE, NULL);
}

int vnet_fdb_add(struct vnet_ctx *ctx, const char *dev, const uint8_t *mac,
		 const char *port)
{
	return fdb_request(ctx, VNET_CMD_FDB_NEW, dev, mac, port, 0);
}

int vnet_fdb_delete(struct vnet_ctx *ctx, const char *dev, const uint8_t *mac)
{
	return fdb_request(ctx, VNET_CMD_FDB_DEL, dev, mac, NULL, 0);
}

int vnet_fdb_add_vlan(struct vnet_ctx *ctx, const char *dev, const uint8_t *mac,
		      const char *port, uint16_t vlan)
{
	return fdb_request(ctx, VNET_CMD_FDB_NEW, dev, mac, port, vlan);
}

int vnet_fdb_delete_vlan(struct vnet_ctx *ctx, const char *dev,
			 const uint8_t *mac, uint16_t vlan)
{
	return fdb_request(ctx, VNET_CMD_FDB_DEL, dev, mac, NULL, vlan);
}

int vnet_fdb_flush(struct vnet_ctx *ctx, const char *dev)
{
	return fdb_request(ctx, VNET_CMD_FDB_FLUSH, dev, NULL, NULL, 0);
}

struct fdb_list_arg {
	vnet_fdb_cb cb;
	void *arg;
};

static int fdb_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct fdb_list_arg *la = arg;
	struct nlattr *tb[VNET_FDB_MAX + 1];
	struct vnet_fdb_info info;

	(void)cmd;
	memset(&info, 0, sizeof(info));
	if (!attrs[VNET_ATTR_FDB] ||
	    nla_parse_nested(tb, VNET_FDB_MAX, attrs[VNET_ATTR_FDB], vnet_fdb_policy) ||
	    !tb[VNET_FDB_MAC])
		return 0;
	if (attrs[VNET_ATTR_IFINDEX])
		info.dev_ifindex = nla_get_u32(attrs[VNET_ATTR_IFINDEX]);
	memcpy(info.mac, nla_data(tb[VNET_FDB_MAC]), 6);
	if (tb[VNET_FDB_PORT])
		info.port = nla_get_u32(tb[VNET_FDB_PORT]);
	if (tb[VNET_FDB_PORT_NAME])
		vnet_nla_strcpy(info.port_name, sizeof(info.port_name), tb[VNET_FDB_PORT_NAME]);
	if (tb[VNET_FDB_STATIC])
		info.is_static = nla_get_u8(tb[VNET_FDB_STATIC]);
	if (tb[VNET_FDB_AGE])
		info.age_ms = nla_get_u32(tb[VNET_FDB_AGE]);
	if (tb[VNET_FDB_VLAN])
		info.vlan = nla_get_u16(tb[VNET_FDB_VLAN]);
	return la->cb(&info, la->arg);
}

int vnet_fdb_list(struct vnet_ctx *ctx, const char *dev, vnet_fdb_cb cb,
		  void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_FDB_GET, NLM_F_DUMP, dev);
	struct fdb_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, fdb_one, &la);
}
