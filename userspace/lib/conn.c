// SPDX-License-Identifier: LGPL-2.1
/* A vfirewall's or vrouter's connection table: dump and flush. */
#include <string.h>
#include <sys/socket.h>
#include "nl.h"

struct conn_list_arg {
	vnet_conn_cb cb;
	void *arg;
};

static int conn_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct conn_list_arg *la = arg;
	struct nlattr *tb[VNET_CONN_MAX + 1];
	struct vnet_conn_info info;

	(void)cmd;
	memset(&info, 0, sizeof(info));
	if (!attrs[VNET_ATTR_CONN] ||
	    nla_parse_nested(tb, VNET_CONN_MAX, attrs[VNET_ATTR_CONN],
			     vnet_conn_policy) ||
	    !tb[VNET_CONN_PROTO])
		return 0;
	info.proto = nla_get_u8(tb[VNET_CONN_PROTO]);
	if (tb[VNET_CONN_SRC] && tb[VNET_CONN_DST]) {
		info.family = AF_INET;
		info.src = nla_get_u32(tb[VNET_CONN_SRC]);
		info.dst = nla_get_u32(tb[VNET_CONN_DST]);
	} else if (tb[VNET_CONN_SRC6] && tb[VNET_CONN_DST6]) {
		info.family = AF_INET6;
		memcpy(info.src6, nla_data(tb[VNET_CONN_SRC6]), 16);
		memcpy(info.dst6, nla_data(tb[VNET_CONN_DST6]), 16);
	} else {
		return 0;
	}
	if (tb[VNET_CONN_SPORT])
		info.sport = nla_get_u16(tb[VNET_CONN_SPORT]);
	if (tb[VNET_CONN_DPORT])
		info.dport = nla_get_u16(tb[VNET_CONN_DPORT]);
	if (tb[VNET_CONN_VLAN])
		info.vlan = nla_get_u16(tb[VNET_CONN_VLAN]);
	if (tb[VNET_CONN_TCP_STATE])
		info.tcp_state = nla_get_u8(tb[VNET_CONN_TCP_STATE]);
	if (tb[VNET_CONN_REPLIED])
		info.replied = nla_get_u8(tb[VNET_CONN_REPLIED]);
	if (tb[VNET_CONN_TIMEOUT])
		info.timeout_ms = nla_get_u32(tb[VNET_CONN_TIMEOUT]);
	if (tb[VNET_CONN_PACKETS])
		info.packets = nla_get_u64(tb[VNET_CONN_PACKETS]);
	/* A translated connection: the tuple its replies arrive with. */
	if (info.family == AF_INET && tb[VNET_CONN_REPLY_SRC] &&
	    tb[VNET_CONN_REPLY_DST]) {
		info.has_reply = true;
		info.reply_src = nla_get_u32(tb[VNET_CONN_REPLY_SRC]);
		info.reply_dst = nla_get_u32(tb[VNET_CONN_REPLY_DST]);
		if (tb[VNET_CONN_REPLY_SPORT])
			info.reply_sport = nla_get_u16(tb[VNET_CONN_REPLY_SPORT]);
		if (tb[VNET_CONN_REPLY_DPORT])
			info.reply_dport = nla_get_u16(tb[VNET_CONN_REPLY_DPORT]);
	}
	return la->cb(&info, la->arg);
}

int vnet_conn_list(struct vnet_ctx *ctx, const char *dev, vnet_conn_cb cb,
		   void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_CONN_GET, NLM_F_DUMP,
					  dev);
	struct conn_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, conn_one, &la);
}

int vnet_conn_flush(struct vnet_ctx *ctx, const char *dev)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_CONN_FLUSH, 0, dev);

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, NULL, NULL);
}

const char *vnet_tcp_state_name(int state)
{
	switch (state) {
	case VNET_TCP_SYN_SENT:
		return "syn-sent";
	case VNET_TCP_SYN_RECV:
		return "syn-recv";
	case VNET_TCP_ESTABLISHED:
		return "established";
	case VNET_TCP_FIN_WAIT:
		return "fin-wait";
	case VNET_TCP_CLOSE:
		return "close";
	default:
		return "";
	}
}
