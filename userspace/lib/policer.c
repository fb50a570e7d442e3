// SPDX-License-Identifier: LGPL-2.1
/* Policers: add, set, delete, list; rates and sizes as tc(8) writes them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "nl.h"

static const struct {
	const char *suffix;
	double bytes;			/* per unit */
} rate_units[] = {
	{ "bit", 1.0 / 8 }, { "kbit", 1000.0 / 8 }, { "mbit", 1e6 / 8 },
	{ "gbit", 1e9 / 8 }, { "bps", 1 }, { "kbps", 1000 }, { "mbps", 1e6 },
	{ "gbps", 1e9 },
};

int vnet_rate_parse(const char *str, uint64_t *bytes_per_sec)
{
	double v, r;
	char *end;
	size_t i;

	if (str[0] < '0' || str[0] > '9')
		return -1;
	v = strtod(str, &end);
	if (end == str)
		return -1;
	for (i = 0; i < sizeof(rate_units) / sizeof(rate_units[0]); i++) {
		if (strcasecmp(end, rate_units[i].suffix))
			continue;
		r = v * rate_units[i].bytes;
		if (r < 1 || r > 1e15)
			return -1;
		*bytes_per_sec = (uint64_t)(r + 0.5);
		return 0;
	}
	return -1;
}

int vnet_size_parse(const char *str, uint32_t *bytes)
{
	double v, mult = 1;
	char *end;

	if (str[0] < '0' || str[0] > '9')
		return -1;
	v = strtod(str, &end);
	if (end == str)
		return -1;
	if (!strcasecmp(end, "k") || !strcasecmp(end, "kb"))
		mult = 1024;
	else if (!strcasecmp(end, "m") || !strcasecmp(end, "mb"))
		mult = 1024 * 1024;
	else if (*end && strcasecmp(end, "b"))
		return -1;
	v *= mult;
	if (v < 0 || v > 4294967295.0)
		return -1;
	*bytes = (uint32_t)v;
	return 0;
}

const char *vnet_rate_format(uint64_t bytes_per_sec, char *buf, size_t len)
{
	double bits = bytes_per_sec * 8.0;

	if (bits >= 1e9 && !((uint64_t)bits % 1000000000))
		snprintf(buf, len, "%.0fgbit", bits / 1e9);
	else if (bits >= 1e6 && !((uint64_t)bits % 1000000))
		snprintf(buf, len, "%.0fmbit", bits / 1e6);
	else if (bits >= 1e3 && !((uint64_t)bits % 1000))
		snprintf(buf, len, "%.0fkbit", bits / 1e3);
	else
		snprintf(buf, len, "%.0fbit", bits);
	return buf;
}

static int policer_request(struct vnet_ctx *ctx, uint8_t cmd, const char *net,
			   const char *name, uint64_t rate, uint32_t burst)
{
	struct nl_msg *msg = vnet_msg_new(ctx, cmd, 0);
	struct nlattr *nest;

	if (!msg)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	if (vnet_put_network(msg, net))
		goto err;
	nest = nla_nest_start(msg, VNET_ATTR_POLICER);
	if (!nest || nla_put_string(msg, VNET_POLICER_NAME, name) ||
	    (rate && nla_put_u64(msg, VNET_POLICER_RATE, rate)) ||
	    (burst && nla_put_u32(msg, VNET_POLICER_BURST, burst)))
		goto err;
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
err:
	nlmsg_free(msg);
	return vnet_set_error(ctx, -EMSGSIZE, NULL);
}

int vnet_policer_add(struct vnet_ctx *ctx, const char *net, const char *name,
		     uint64_t rate, uint32_t burst)
{
	return policer_request(ctx, VNET_CMD_POLICER_NEW, net, name, rate,
			       burst);
}

int vnet_policer_set(struct vnet_ctx *ctx, const char *net, const char *name,
		     uint64_t rate, uint32_t burst)
{
	return policer_request(ctx, VNET_CMD_POLICER_SET, net, name, rate,
			       burst);
}

int vnet_policer_delete(struct vnet_ctx *ctx, const char *net,
			const char *name)
{
	return policer_request(ctx, VNET_CMD_POLICER_DEL, net, name, 0, 0);
}

struct list_arg {
	vnet_policer_cb cb;
	void *arg;
};

static int list_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct nlattr *tb[VNET_POLICER_MAX + 1];
	struct list_arg *la = arg;
	struct vnet_policer_info info;

	(void)cmd;
	memset(&info, 0, sizeof(info));
	if (!attrs[VNET_ATTR_POLICER] ||
	    nla_parse_nested(tb, VNET_POLICER_MAX, attrs[VNET_ATTR_POLICER],
			     vnet_policer_policy))
		return 0;
	vnet_network_ref_parse(attrs[VNET_ATTR_NETWORK], &info.network_id,
			       info.network, sizeof(info.network));
	if (tb[VNET_POLICER_NAME])
		vnet_nla_strcpy(info.name, sizeof(info.name), tb[VNET_POLICER_NAME]);
	if (tb[VNET_POLICER_RATE])
		info.rate = nla_get_u64(tb[VNET_POLICER_RATE]);
	if (tb[VNET_POLICER_BURST])
		info.burst = nla_get_u32(tb[VNET_POLICER_BURST]);
	if (tb[VNET_POLICER_PORTS])
		info.ports = nla_get_u32(tb[VNET_POLICER_PORTS]);
	if (tb[VNET_POLICER_PASSED_PACKETS])
		info.passed_packets = nla_get_u64(tb[VNET_POLICER_PASSED_PACKETS]);
	if (tb[VNET_POLICER_PASSED_BYTES])
		info.passed_bytes = nla_get_u64(tb[VNET_POLICER_PASSED_BYTES]);
	if (tb[VNET_POLICER_DROPPED_PACKETS])
		info.dropped_packets = nla_get_u64(tb[VNET_POLICER_DROPPED_PACKETS]);
	if (tb[VNET_POLICER_DROPPED_BYTES])
		info.dropped_bytes = nla_get_u64(tb[VNET_POLICER_DROPPED_BYTES]);
	return la->cb(&info, la->arg);
}

int vnet_policer_list(struct vnet_ctx *ctx, const char *net,
		      vnet_policer_cb cb, void *arg)
{
	struct nl_msg *msg = vnet_msg_new(ctx, VNET_CMD_POLICER_GET, NLM_F_DUMP);
	struct list_arg la = { cb, arg };

	if (!msg)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	if (net && vnet_put_network(msg, net)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	return vnet_request(ctx, msg, list_one, &la);
}
