// SPDX-License-Identifier: GPL-2.0
/*
 * NAT commands of the "vnet" genl family: a vrouter's NAT rules (nat.c,
 * nat_rules.c). The rules' index is their place in the list, from 1.
 */
#include "netlink.h"

/* A rule and its index, as a dump reports it. */
struct vnet_nat_ref {
	const struct vnet_nat_rule *rule;
	u32 index;
};

static int vnet_nat_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_nat_ref *ref = obj;
	const struct vnet_nat_rule *rule = ref->rule;
	struct nlattr *nest = nla_nest_start(skb, VNET_ATTR_NAT);
	int err = 0;

	if (!nest || nla_put_u32(skb, VNET_NAT_INDEX, ref->index) ||
	    nla_put_u8(skb, VNET_NAT_TYPE, rule->type) ||
	    nla_put_u64_64bit(skb, VNET_NAT_CONNS,
			      atomic64_read(&rule->conns), VNET_NAT_PAD))
		return -EMSGSIZE;
	switch (rule->type) {
	case VNET_NAT_TYPE_SNAT:
		err = nla_put_in_addr(skb, VNET_NAT_TO_MIN, rule->to_min) ||
		      nla_put_in_addr(skb, VNET_NAT_TO_MAX, rule->to_max);
		fallthrough;
	case VNET_NAT_TYPE_MASQUERADE:
		err = err ||
		      nla_put_u32(skb, VNET_NAT_OUT_PORT, rule->out->index) ||
		      nla_put_string(skb, VNET_NAT_OUT_PORT_NAME,
				     rule->out->name) ||
		      nla_put_in_addr(skb, VNET_NAT_SRC, rule->src) ||
		      nla_put_u8(skb, VNET_NAT_SRC_LEN, rule->src_len) ||
		      nla_put_u16(skb, VNET_NAT_PORT_MIN, rule->port_min) ||
		      nla_put_u16(skb, VNET_NAT_PORT_MAX, rule->port_max);
		break;
	case VNET_NAT_TYPE_FORWARD:
		err = nla_put_u8(skb, VNET_NAT_PROTO, rule->proto) ||
		      nla_put_u16(skb, VNET_NAT_PORT, ntohs(rule->port)) ||
		      nla_put_u16(skb, VNET_NAT_TO_PORT, ntohs(rule->to_port));
		fallthrough;
	case VNET_NAT_TYPE_FLOATING:
		err = err || nla_put_in_addr(skb, VNET_NAT_ADDR, rule->addr) ||
		      nla_put_in_addr(skb, VNET_NAT_INSIDE, rule->inside);
		break;
	}
	if (err)
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

#define VNET_NAT_OUT_ATTRS						\
	(BIT(VNET_NAT_OUT_PORT) | BIT(VNET_NAT_OUT_PORT_NAME) |		\
	 BIT(VNET_NAT_SRC) | BIT(VNET_NAT_SRC_LEN) |			\
	 BIT(VNET_NAT_PORT_MIN) | BIT(VNET_NAT_PORT_MAX))
#define VNET_NAT_DST_ATTRS (BIT(VNET_NAT_ADDR) | BIT(VNET_NAT_INSIDE))

/* The attributes each type takes, beside its type. */
static const u32 vnet_nat_type_attrs[VNET_NAT_TYPE_MAX + 1] = {
	[VNET_NAT_TYPE_MASQUERADE] = VNET_NAT_OUT_ATTRS,
	[VNET_NAT_TYPE_SNAT] = VNET_NAT_OUT_ATTRS | BIT(VNET_NAT_TO_MIN) |
			       BIT(VNET_NAT_TO_MAX),
	[VNET_NAT_TYPE_FLOATING] = VNET_NAT_DST_ATTRS,
	[VNET_NAT_TYPE_FORWARD] = VNET_NAT_DST_ATTRS | BIT(VNET_NAT_PROTO) |
				  BIT(VNET_NAT_PORT) | BIT(VNET_NAT_TO_PORT),
};

/* The rule a request describes, its port and addresses resolved. */
static int vnet_nat_parse(struct vnet_dev *vd, struct nlattr **tb,
			  struct vnet_nat_rule *req,
			  struct netlink_ext_ack *extack)
{
	int i;

	memset(req, 0, sizeof(*req));
	if (!tb[VNET_NAT_TYPE]) {
		NL_SET_ERR_MSG(extack, "the NAT type is required");
		return -EINVAL;
	}
	req->type = nla_get_u8(tb[VNET_NAT_TYPE]);
	/* The policy holds the type to 1..VNET_NAT_TYPE_MAX. */
	for (i = VNET_NAT_INDEX; i <= VNET_NAT_MAX; i++) {
		if (tb[i] && i != VNET_NAT_TYPE &&
		    !(vnet_nat_type_attrs[req->type] & BIT(i))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[i],
					    "the attribute does not apply to this NAT type");
			return -EINVAL;
		}
	}
	if (tb[VNET_NAT_SRC])
		req->src = nla_get_in_addr(tb[VNET_NAT_SRC]);
	if (tb[VNET_NAT_SRC_LEN])
		req->src_len = nla_get_u8(tb[VNET_NAT_SRC_LEN]);
	else if (tb[VNET_NAT_SRC])
		req->src_len = 32;
	if (tb[VNET_NAT_TO_MIN])
		req->to_min = nla_get_in_addr(tb[VNET_NAT_TO_MIN]);
	if (tb[VNET_NAT_TO_MAX])
		req->to_max = nla_get_in_addr(tb[VNET_NAT_TO_MAX]);
	if (tb[VNET_NAT_PORT_MIN])
		req->port_min = nla_get_u16(tb[VNET_NAT_PORT_MIN]);
	if (tb[VNET_NAT_PORT_MAX])
		req->port_max = nla_get_u16(tb[VNET_NAT_PORT_MAX]);
	if (tb[VNET_NAT_ADDR])
		req->addr = nla_get_in_addr(tb[VNET_NAT_ADDR]);
	if (tb[VNET_NAT_INSIDE])
		req->inside = nla_get_in_addr(tb[VNET_NAT_INSIDE]);
	if (tb[VNET_NAT_PROTO])
		req->proto = nla_get_u8(tb[VNET_NAT_PROTO]);
	if (tb[VNET_NAT_PORT])
		req->port = htons(nla_get_u16(tb[VNET_NAT_PORT]));
	if (tb[VNET_NAT_TO_PORT])
		req->to_port = htons(nla_get_u16(tb[VNET_NAT_TO_PORT]));
	if (!tb[VNET_NAT_PORT_MIN] != !tb[VNET_NAT_PORT_MAX]) {
		NL_SET_ERR_MSG(extack, "a port range needs both its ends");
		return -EINVAL;
	}
	return vnet_router_port_attr(vd, tb[VNET_NAT_OUT_PORT],
				     tb[VNET_NAT_OUT_PORT_NAME], &req->out,
				     extack);
}

int vnet_nl_nat_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_NAT_MAX + 1];
	struct vnet_nat_rule req;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_NAT, VNET_NAT_MAX,
			       vnet_nat_nl_policy, tb, "the NAT rule is required");
	if (err)
		return err;
	err = vnet_nat_parse(vd, tb, &req, info->extack);
	if (err)
		return err;
	return vnet_nat_add(vd, &req, info->extack);
}

int vnet_nl_nat_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NAT_MAX + 1];
	int err;

	err = vnet_router_nest(info, VNET_ATTR_NAT, VNET_NAT_MAX,
			       vnet_nat_nl_policy, tb, "the NAT rule's index is required");
	if (err)
		return err;
	if (!tb[VNET_NAT_INDEX]) {
		NL_SET_ERR_MSG(info->extack, "the NAT rule's index is required");
		return -EINVAL;
	}
	return vnet_nat_del(vnet_nl_dev(info), nla_get_u32(tb[VNET_NAT_INDEX]),
			    info->extack);
}

int vnet_nl_nat_flush(struct sk_buff *skb, struct genl_info *info)
{
	vnet_nat_flush(vnet_nl_dev(info));
	return 0;
}

/* pos[0]: rules sent. A router has few; the list is short. */
int vnet_nl_nat_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	long *sent = &vnet_dump(cb)->pos[0], idx = 0;
	struct vnet_nat_ref ref;
	struct vnet_dev *vd;
	int err = 0;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_ROUTER);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	/* A rule removed between the dump's parts shifts the rest: flag it. */
	cb->seq = vd->router.nat_gen + 1;
	list_for_each_entry(ref.rule, &vd->router.nat, list) {
		ref.index = ++idx;
		if (idx <= *sent)
			continue;
		err = vnet_dump_one(skb, cb, VNET_CMD_NAT_GET, vd,
				    vnet_nat_fill, &ref);
		if (err)
			break;
		*sent = idx;
	}
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}
