// SPDX-License-Identifier: GPL-2.0
/*
 * Rule commands of the "vnet" genl family: a vfirewall's rule list. What a
 * request asks is parsed here; the list is changed by rules.c.
 */
#include <net/sock.h>
#include "netlink.h"

static bool vnet_rule_l4(const struct vnet_rule_spec *s)
{
	return (s->present & BIT(VNET_RULE_PROTO)) &&
	       (s->proto == IPPROTO_TCP || s->proto == IPPROTO_UDP);
}

/*
 * Take in a prefix, given as @v4 (IPv4) or @v6 (IPv6) and @len, into
 * @out and @plen: no host bits past its length. Its family goes to
 * @family, which a prefix taken before may have set.
 */
static int vnet_rule_check_prefix(struct nlattr **tb, int v4, int v6, int len,
				  struct in6_addr *out, u8 *plen, u8 *family,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *addr = tb[v4] ?: tb[v6];
	u8 bits = tb[v4] ? 32 : 128;
	int i;

	if (tb[v4] && tb[v6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[v6],
				    "a prefix is IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (!addr != !tb[len]) {
		NL_SET_ERR_MSG_ATTR(extack, addr ?: tb[len],
				    "a prefix needs both its address and its length");
		return -EINVAL;
	}
	if (!addr)
		return 0;
	if (*family && *family != bits) {
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "the source and destination prefixes are of different families");
		return -EINVAL;
	}
	*family = bits;
	*plen = nla_get_u8(tb[len]);
	if (*plen > bits) {
		NL_SET_ERR_MSG_ATTR(extack, tb[len],
				    "an IPv4 prefix is at most 32 bits long");
		return -EINVAL;
	}
	if (tb[v4])
		out->s6_addr32[0] = nla_get_in_addr(tb[v4]);
	else
		*out = nla_get_in6_addr(tb[v6]);
	for (i = 0; i < bits / 32; i++) {
		u32 mask = vnet_prefix_mask(clamp_t(int, *plen - 32 * i, 0, 32));

		if (out->s6_addr32[i] & ~htonl(mask)) {
			NL_SET_ERR_MSG_ATTR(extack, addr,
					    "the prefix has bits set past its length");
			return -EINVAL;
		}
	}
	return 0;
}

static int vnet_rule_check_range(struct nlattr **tb, int min, int max,
				 u16 *lo, u16 *hi,
				 struct netlink_ext_ack *extack)
{
	if (!tb[min] != !tb[max]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[min] ?: tb[max],
				    "a port range needs its first and last port");
		return -EINVAL;
	}
	if (!tb[min])
		return 0;
	*lo = nla_get_u16(tb[min]);
	*hi = nla_get_u16(tb[max]);
	if (*lo > *hi) {
		NL_SET_ERR_MSG_ATTR(extack, tb[min],
				    "the port range is inverted (first port after last)");
		return -EINVAL;
	}
	return 0;
}

static int vnet_rule_check_port(struct vnet_dev *vd, struct nlattr *attr,
				char *name, struct netlink_ext_ack *extack)
{
	if (!attr)
		return 0;
	nla_strscpy(name, attr, IFNAMSIZ);
	if (!vnet_port_find(vd, 0, name)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "no such port");
		return -ENOENT;
	}
	return 0;
}

/* Validate and take in one VNET_ATTR_RULE nest; under RTNL. */
static int vnet_rule_spec_parse(struct vnet_dev *vd, struct nlattr *nest,
				struct vnet_rule_spec *spec,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_RULE_MAX + 1];
	u8 family = 0;		/* 32 IPv4, 128 IPv6: the prefixes' bits */
	int err, i;

	memset(spec, 0, sizeof(*spec));
	err = nla_parse_nested(tb, VNET_RULE_MAX, nest, vnet_rule_nl_policy,
			       extack);
	if (err)
		return err;
	for (i = 1; i <= VNET_RULE_MAX; i++)
		if (tb[i])
			spec->present |= BIT(i);
	if (!tb[VNET_RULE_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "the rule needs an action");
		return -EINVAL;
	}
	spec->action = nla_get_u8(tb[VNET_RULE_ACTION]);
	err = vnet_rule_check_prefix(tb, VNET_RULE_SRC, VNET_RULE_SRC6,
				     VNET_RULE_SRC_LEN, &spec->src,
				     &spec->src_len, &family, extack) ?:
	      vnet_rule_check_prefix(tb, VNET_RULE_DST, VNET_RULE_DST6,
				     VNET_RULE_DST_LEN, &spec->dst,
				     &spec->dst_len, &family, extack) ?:
	      vnet_rule_check_range(tb, VNET_RULE_SPORT_MIN, VNET_RULE_SPORT_MAX,
				    &spec->sport_min, &spec->sport_max, extack) ?:
	      vnet_rule_check_range(tb, VNET_RULE_DPORT_MIN, VNET_RULE_DPORT_MAX,
				    &spec->dport_min, &spec->dport_max, extack) ?:
	      vnet_rule_check_port(vd, tb[VNET_RULE_IN], spec->in, extack) ?:
	      vnet_rule_check_port(vd, tb[VNET_RULE_OUT], spec->out, extack);
	if (err)
		return err;
	if (tb[VNET_RULE_PROTO])
		spec->proto = nla_get_u8(tb[VNET_RULE_PROTO]);
	if ((tb[VNET_RULE_SPORT_MIN] || tb[VNET_RULE_DPORT_MIN]) &&
	    !vnet_rule_l4(spec)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_RULE_SPORT_MIN] ?:
				    tb[VNET_RULE_DPORT_MIN],
				    "port ranges need protocol tcp or udp");
		return -EINVAL;
	}
	if (tb[VNET_RULE_ICMP_TYPE]) {
		if (!tb[VNET_RULE_PROTO] || (spec->proto != IPPROTO_ICMP &&
					     spec->proto != IPPROTO_ICMPV6)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_RULE_ICMP_TYPE],
					    "an ICMP type needs protocol icmp or icmpv6");
			return -EINVAL;
		}
		if (family && family != (spec->proto == IPPROTO_ICMP ? 32 : 128)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_RULE_ICMP_TYPE],
					    "icmp types go with IPv4 prefixes, icmpv6 types with IPv6");
			return -EINVAL;
		}
		spec->icmp_type = nla_get_u8(tb[VNET_RULE_ICMP_TYPE]);
	}
	if (tb[VNET_RULE_STATE])
		spec->state = nla_get_u8(tb[VNET_RULE_STATE]);
	if (tb[VNET_RULE_VLAN])
		spec->vlan = nla_get_u16(tb[VNET_RULE_VLAN]);
	return 0;
}

static int vnet_rule_new_edit(struct vnet_dev *vd,
			      const struct vnet_ruleset *rs,
			      struct vnet_rules_edit *e)
{
	struct genl_info *info = e->arg;
	struct nlattr *nest = info->attrs[VNET_ATTR_RULE];
	struct vnet_rule_spec spec;
	u32 at = rs->count;
	int err;

	err = vnet_rule_spec_parse(vd, nest, &spec, info->extack);
	if (err)
		return err;
	if (spec.present & BIT(VNET_RULE_INDEX))
		at = nla_get_u32(nla_find_nested(nest, VNET_RULE_INDEX)) - 1;
	return vnet_rules_insert(e, rs, &spec, at, info->extack);
}

int vnet_nl_rule_new(struct sk_buff *skb, struct genl_info *info)
{
	if (!info->attrs[VNET_ATTR_RULE]) {
		NL_SET_ERR_MSG(info->extack, "the rule is required");
		return -EINVAL;
	}
	return vnet_rules_change(vnet_nl_dev(info), vnet_rule_new_edit, info,
				 info->extack);
}

/* The validated VNET_RULE_INDEX of a delete. */
static struct nlattr *vnet_rule_del_index(struct genl_info *info)
{
	return nla_find_nested(info->attrs[VNET_ATTR_RULE], VNET_RULE_INDEX);
}

static int vnet_rule_del_edit(struct vnet_dev *vd,
			      const struct vnet_ruleset *rs,
			      struct vnet_rules_edit *e)
{
	struct genl_info *info = e->arg;
	struct nlattr *index = vnet_rule_del_index(info);
	u32 at = nla_get_u32(index) - 1;

	if (at >= rs->count) {
		NL_SET_ERR_MSG_ATTR(info->extack, index, "no rule at this index");
		return -ENOENT;
	}
	return vnet_rules_remove(e, rs, at);
}

int vnet_nl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (info->attrs[VNET_ATTR_RULE]) {
		err = nla_validate_nested(info->attrs[VNET_ATTR_RULE],
					  VNET_RULE_MAX, vnet_rule_nl_policy,
					  info->extack);
		if (err)
			return err;
	}
	if (!info->attrs[VNET_ATTR_RULE] || !vnet_rule_del_index(info)) {
		NL_SET_ERR_MSG(info->extack, "the rule index is required");
		return -EINVAL;
	}
	return vnet_rules_change(vnet_nl_dev(info), vnet_rule_del_edit, info,
				 info->extack);
}

/*
 * An empty set builds at once: no need to leave RTNL. A rule request
 * building meanwhile sees the new generation and starts again.
 */
int vnet_nl_rule_flush(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_rules_commit(vnet_nl_dev(info), NULL, 0, NULL,
				 info->extack);
}

static int vnet_rule_replace_edit(struct vnet_dev *vd,
				  const struct vnet_ruleset *rs,
				  struct vnet_rules_edit *e)
{
	struct genl_info *info = e->arg;
	struct netlink_ext_ack *extack = info->extack;
	struct genlmsghdr *hdr = info->genlhdr;
	struct nlattr *attr;
	u32 count = 0;
	int rem, err;

	nla_for_each_attr(attr, genlmsg_data(hdr), genlmsg_len(hdr), rem)
		if (nla_type(attr) == VNET_ATTR_RULE)
			count++;
	if (count > VNET_RULE_LIMIT) {
		NL_SET_ERR_MSG(extack, "too many rules");
		return -ENOSPC;
	}
	e->specs = kvmalloc_array(max(count, 1U), sizeof(*e->specs),
				  GFP_KERNEL_ACCOUNT);
	if (!e->specs)
		return -ENOMEM;
	nla_for_each_attr(attr, genlmsg_data(hdr), genlmsg_len(hdr), rem) {
		struct vnet_rule_spec *spec;

		if (nla_type(attr) != VNET_ATTR_RULE)
			continue;
		spec = &e->specs[e->count];
		err = vnet_rule_spec_parse(vd, attr, spec, extack);
		if (err)
			return err;
		if (spec->present & BIT(VNET_RULE_INDEX)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "rules of a replace take no index: their order is it");
			return -EINVAL;
		}
		e->count++;
	}
	return 0;
}

/*
 * The whole rule list at once, one VNET_ATTR_RULE per rule in order; a bad
 * rule refuses the whole set (the extack points at it) and nothing changes.
 */
int vnet_nl_rule_replace(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_rules_change(vnet_nl_dev(info), vnet_rule_replace_edit,
				 info, info->extack);
}

static int vnet_rule_fill(struct sk_buff *skb, const struct vnet_ruleset *rs,
			  u32 i)
{
	const struct vnet_rule_spec *s = &rs->specs[i];
	struct nlattr *nest;
	u64 packets, bytes;
	u32 p = s->present;

	vnet_ruleset_sum(rs, i, &packets, &bytes);
	nest = nla_nest_start(skb, VNET_ATTR_RULE);
	if (!nest ||
	    nla_put_u32(skb, VNET_RULE_INDEX, i + 1) ||
	    ((p & BIT(VNET_RULE_IN)) && nla_put_string(skb, VNET_RULE_IN, s->in)) ||
	    ((p & BIT(VNET_RULE_OUT)) &&
	     nla_put_string(skb, VNET_RULE_OUT, s->out)) ||
	    ((p & BIT(VNET_RULE_SRC)) &&
	     nla_put_in_addr(skb, VNET_RULE_SRC, s->src.s6_addr32[0])) ||
	    ((p & BIT(VNET_RULE_SRC6)) &&
	     nla_put_in6_addr(skb, VNET_RULE_SRC6, &s->src)) ||
	    ((p & (BIT(VNET_RULE_SRC) | BIT(VNET_RULE_SRC6))) &&
	     nla_put_u8(skb, VNET_RULE_SRC_LEN, s->src_len)) ||
	    ((p & BIT(VNET_RULE_DST)) &&
	     nla_put_in_addr(skb, VNET_RULE_DST, s->dst.s6_addr32[0])) ||
	    ((p & BIT(VNET_RULE_DST6)) &&
	     nla_put_in6_addr(skb, VNET_RULE_DST6, &s->dst)) ||
	    ((p & (BIT(VNET_RULE_DST) | BIT(VNET_RULE_DST6))) &&
	     nla_put_u8(skb, VNET_RULE_DST_LEN, s->dst_len)) ||
	    ((p & BIT(VNET_RULE_PROTO)) &&
	     nla_put_u8(skb, VNET_RULE_PROTO, s->proto)) ||
	    ((p & BIT(VNET_RULE_SPORT_MIN)) &&
	     (nla_put_u16(skb, VNET_RULE_SPORT_MIN, s->sport_min) ||
	      nla_put_u16(skb, VNET_RULE_SPORT_MAX, s->sport_max))) ||
	    ((p & BIT(VNET_RULE_DPORT_MIN)) &&
	     (nla_put_u16(skb, VNET_RULE_DPORT_MIN, s->dport_min) ||
	      nla_put_u16(skb, VNET_RULE_DPORT_MAX, s->dport_max))) ||
	    ((p & BIT(VNET_RULE_ICMP_TYPE)) &&
	     nla_put_u8(skb, VNET_RULE_ICMP_TYPE, s->icmp_type)) ||
	    ((p & BIT(VNET_RULE_STATE)) &&
	     nla_put_u8(skb, VNET_RULE_STATE, s->state)) ||
	    ((p & BIT(VNET_RULE_VLAN)) &&
	     nla_put_u16(skb, VNET_RULE_VLAN, s->vlan)) ||
	    nla_put_u8(skb, VNET_RULE_ACTION, s->action) ||
	    nla_put_u64_64bit(skb, VNET_RULE_PACKETS, packets, VNET_RULE_PAD) ||
	    nla_put_u64_64bit(skb, VNET_RULE_BYTES, bytes, VNET_RULE_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A rule of a set, by index, for vnet_dump_one(). */
struct vnet_rule_ref {
	const struct vnet_ruleset *rs;
	u32 i;
};

static int vnet_rule_fill_ref(struct sk_buff *skb, const void *obj)
{
	const struct vnet_rule_ref *ref = obj;

	return vnet_rule_fill(skb, ref->rs, ref->i);
}

/* pos[0]: rules sent; cb->seq: the set's generation. */
int vnet_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_rule_ref ref;
	struct vnet_dev *vd;
	long *sent = &vnet_dump(cb)->pos[0];
	int err = 0;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_FIREWALL);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	ref.rs = rtnl_dereference(vd->fw.rules);
	cb->seq = vd->fw.gen;
	for (ref.i = *sent; ref.i < ref.rs->count; ref.i++) {
		err = vnet_dump_one(skb, cb, VNET_CMD_RULE_GET, vd,
				    vnet_rule_fill_ref, &ref);
		if (err)
			break;
	}
	*sent = ref.i;
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}
