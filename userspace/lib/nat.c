// SPDX-License-Identifier: LGPL-2.1
/* A vrouter's NAT rules: add, delete, flush, dump. */
#include <errno.h>
#include <string.h>
#include "nl.h"

static const char *const nat_type_names[] = {
	[VNET_NAT_TYPE_MASQUERADE] = "masquerade",
	[VNET_NAT_TYPE_SNAT] = "snat",
	[VNET_NAT_TYPE_FLOATING] = "floating",
	[VNET_NAT_TYPE_FORWARD] = "forward",
};

const char *vnet_nat_type_name(int type)
{
	if (type <= VNET_NAT_TYPE_UNSPEC || type > VNET_NAT_TYPE_MAX)
		return "unknown";
	return nat_type_names[type];
}

/*
 * The source translations' attributes: the port they leave by (by name, or
 * index if all digits or only @out_port is given), to, src, ports.
 */
static int nat_put_snat(struct nl_msg *msg, const struct vnet_nat_rule *r)
{
	if ((r->out_port_name[0] ?
	     vnet_put_port(msg, VNET_NAT_OUT_PORT, VNET_NAT_OUT_PORT_NAME,
			   r->out_port_name) :
	     r->out_port && nla_put_u32(msg, VNET_NAT_OUT_PORT, r->out_port)) ||
	    (r->type == VNET_NAT_TYPE_SNAT &&
	     (nla_put_u32(msg, VNET_NAT_TO_MIN, r->to_min) ||
	      (r->to_max && nla_put_u32(msg, VNET_NAT_TO_MAX, r->to_max)))) ||
	    (r->src_len &&
	     (nla_put_u32(msg, VNET_NAT_SRC, r->src) ||
	      nla_put_u8(msg, VNET_NAT_SRC_LEN, r->src_len))) ||
	    (r->port_min &&
	     (nla_put_u16(msg, VNET_NAT_PORT_MIN, r->port_min) ||
	      nla_put_u16(msg, VNET_NAT_PORT_MAX,
			  r->port_max ? r->port_max : r->port_min))))
		return -EMSGSIZE;
	return 0;
}

/* A rule's attributes, those its type takes; the kernel checks the rest. */
static int nat_put(struct nl_msg *msg, const struct vnet_nat_rule *r)
{
	struct nlattr *nest = nla_nest_start(msg, VNET_ATTR_NAT);
	bool snat = r->type == VNET_NAT_TYPE_MASQUERADE ||
		    r->type == VNET_NAT_TYPE_SNAT;
	bool fwd = r->type == VNET_NAT_TYPE_FORWARD;

	if (!nest || nla_put_u8(msg, VNET_NAT_TYPE, r->type) ||
	    (snat && nat_put_snat(msg, r)) ||
	    ((fwd || r->type == VNET_NAT_TYPE_FLOATING) &&
	     (nla_put_u32(msg, VNET_NAT_ADDR, r->addr) ||
	      nla_put_u32(msg, VNET_NAT_INSIDE, r->inside))) ||
	    (fwd &&
	     (nla_put_u8(msg, VNET_NAT_PROTO, r->proto) ||
	      nla_put_u16(msg, VNET_NAT_PORT, r->port) ||
	      nla_put_u16(msg, VNET_NAT_TO_PORT, r->to_port))))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int vnet_nat_add(struct vnet_ctx *ctx, const char *dev,
		 const struct vnet_nat_rule *r)
{
	struct nl_msg *msg;

	if (r->out_port_name[0] && vnet_check_port(ctx, r->out_port_name))
		return ctx->err;
	msg = vnet_dev_msg(ctx, VNET_CMD_NAT_NEW, 0, dev);
	if (!msg)
		return ctx->err;
	if (nat_put(msg, r)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_nat_delete(struct vnet_ctx *ctx, const char *dev, uint32_t index)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_NAT_DEL, 0, dev);
	struct nlattr *nest;

	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_NAT);
	if (!nest || nla_put_u32(msg, VNET_NAT_INDEX, index)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_nat_flush(struct vnet_ctx *ctx, const char *dev)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_NAT_FLUSH, 0, dev);

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, NULL, NULL);
}

struct nat_list_arg {
	vnet_nat_cb cb;
	void *arg;
};

static int nat_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct nat_list_arg *la = arg;
	struct nlattr *tb[VNET_NAT_MAX + 1];
	struct vnet_nat_rule r;

	(void)cmd;
	memset(&r, 0, sizeof(r));
	if (!attrs[VNET_ATTR_NAT] ||
	    nla_parse_nested(tb, VNET_NAT_MAX, attrs[VNET_ATTR_NAT],
			     vnet_nat_policy) ||
	    !tb[VNET_NAT_TYPE])
		return 0;
	r.type = nla_get_u8(tb[VNET_NAT_TYPE]);
	if (tb[VNET_NAT_INDEX])
		r.index = nla_get_u32(tb[VNET_NAT_INDEX]);
	if (tb[VNET_NAT_OUT_PORT])
		r.out_port = nla_get_u32(tb[VNET_NAT_OUT_PORT]);
	if (tb[VNET_NAT_OUT_PORT_NAME])
		vnet_nla_strcpy(r.out_port_name, sizeof(r.out_port_name),
				tb[VNET_NAT_OUT_PORT_NAME]);
	if (tb[VNET_NAT_SRC] && tb[VNET_NAT_SRC_LEN]) {
		r.src = nla_get_u32(tb[VNET_NAT_SRC]);
		r.src_len = nla_get_u8(tb[VNET_NAT_SRC_LEN]);
	}
	if (tb[VNET_NAT_TO_MIN])
		r.to_min = nla_get_u32(tb[VNET_NAT_TO_MIN]);
	if (tb[VNET_NAT_TO_MAX])
		r.to_max = nla_get_u32(tb[VNET_NAT_TO_MAX]);
	if (tb[VNET_NAT_PORT_MIN] && tb[VNET_NAT_PORT_MAX]) {
		r.port_min = nla_get_u16(tb[VNET_NAT_PORT_MIN]);
		r.port_max = nla_get_u16(tb[VNET_NAT_PORT_MAX]);
	}
	if (tb[VNET_NAT_ADDR])
		r.addr = nla_get_u32(tb[VNET_NAT_ADDR]);
	if (tb[VNET_NAT_INSIDE])
		r.inside = nla_get_u32(tb[VNET_NAT_INSIDE]);
	if (tb[VNET_NAT_PROTO])
		r.proto = nla_get_u8(tb[VNET_NAT_PROTO]);
	if (tb[VNET_NAT_PORT])
		r.port = nla_get_u16(tb[VNET_NAT_PORT]);
	if (tb[VNET_NAT_TO_PORT])
		r.to_port = nla_get_u16(tb[VNET_NAT_TO_PORT]);
	if (tb[VNET_NAT_CONNS])
		r.conns = nla_get_u64(tb[VNET_NAT_CONNS]);
	return la->cb(&r, la->arg);
}

int vnet_nat_list(struct vnet_ctx *ctx, const char *dev, vnet_nat_cb cb,
		  void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_NAT_GET, NLM_F_DUMP,
					  dev);
	struct nat_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, nat_one, &la);
}
