// SPDX-License-Identifier: GPL-2.0
/* Rule commands of the "vnet" genl family: a vfirewall's rule list. */
#include <net/sock.h>
#include "vnet.h"

const struct nla_policy vnet_rule_policy[VNET_RULE_MAX + 1] = {
	[VNET_RULE_PAD] = { .type = NLA_REJECT },
	[VNET_RULE_INDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VNET_RULE_IN] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VNET_RULE_OUT] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VNET_RULE_SRC] = { .type = NLA_BE32 },
	[VNET_RULE_SRC_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[VNET_RULE_DST] = { .type = NLA_BE32 },
	[VNET_RULE_DST_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[VNET_RULE_PROTO] = { .type = NLA_U8 },
	[VNET_RULE_SPORT_MIN] = { .type = NLA_U16 },
	[VNET_RULE_SPORT_MAX] = { .type = NLA_U16 },
	[VNET_RULE_DPORT_MIN] = { .type = NLA_U16 },
	[VNET_RULE_DPORT_MAX] = { .type = NLA_U16 },
	[VNET_RULE_ICMP_TYPE] = { .type = NLA_U8 },
	[VNET_RULE_ACTION] = NLA_POLICY_MAX(NLA_U8, VNET_VERDICT_MAX),
	[VNET_RULE_PACKETS] = { .type = NLA_REJECT },
	[VNET_RULE_BYTES] = { .type = NLA_REJECT },
	[VNET_RULE_STATE] = NLA_POLICY_RANGE(NLA_U8, VNET_CONN_STATE_NEW,
					     VNET_CONN_STATE_MAX),
};

/* The vfirewall a request is for; under RTNL. */
struct vnet_dev *vnet_fw_request(struct net *net, struct nlattr **attrs,
				 struct netlink_ext_ack *extack)
{
	struct net_device *dev = vnet_lookup_dev(net, attrs, extack);
	struct vnet_dev *vd;

	if (IS_ERR(dev))
		return ERR_CAST(dev);
	vd = netdev_priv(dev);
	if (!vd->fw.ready) {
		NL_SET_ERR_MSG(extack, "only vfirewall devices have rules and connections");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return vd;
}

/* A copy of the current specs with room for @extra more. */
static struct vnet_rule_spec *vnet_rules_copy(struct vnet_ruleset *rs,
					      u32 extra)
{
	struct vnet_rule_spec *specs;

	specs = kvmalloc_array(rs->count + extra, sizeof(*specs), GFP_KERNEL_ACCOUNT);
	if (specs && rs->count)
		memcpy(specs, rs->specs, rs->count * sizeof(*specs));
	return specs;
}

static u32 *vnet_rules_identity(u32 count)
{
	u32 *map = kvmalloc_array(max(count, 1U), sizeof(*map), GFP_KERNEL_ACCOUNT);
	u32 i;

	for (i = 0; map && i < count; i++)
		map[i] = i;
	return map;
}

int vnet_nl_rule_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_rule_spec spec, *specs = NULL;
	struct vnet_ruleset *rs;
	struct vnet_dev *vd;
	u32 *map = NULL, at, i;
	int err;

	if (!info->attrs[VNET_ATTR_RULE]) {
		NL_SET_ERR_MSG(extack, "the rule is required");
		return -EINVAL;
	}
	rtnl_lock();
	vd = vnet_fw_request(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	err = vnet_rule_spec_parse(vd, info->attrs[VNET_ATTR_RULE], &spec,
				   extack);
	if (err)
		goto out;
	rs = rtnl_dereference(vd->fw.rules);
	if (rs->count >= VNET_RULE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the rule list is full");
		err = -ENOSPC;
		goto out;
	}
	at = rs->count;
	if (spec.present & BIT(VNET_RULE_INDEX)) {
		at = nla_get_u32(nla_find_nested(info->attrs[VNET_ATTR_RULE],
						 VNET_RULE_INDEX)) - 1;
		if (at > rs->count) {
			NL_SET_ERR_MSG(extack,
				       "the index is past the end of the rule list");
			err = -ERANGE;
			goto out;
		}
	}
	spec.present &= ~BIT(VNET_RULE_INDEX);
	err = -ENOMEM;
	specs = vnet_rules_copy(rs, 1);
	map = kvmalloc_array(rs->count + 1, sizeof(*map), GFP_KERNEL_ACCOUNT);
	if (!specs || !map)
		goto out;
	memmove(&specs[at + 1], &specs[at], (rs->count - at) * sizeof(*specs));
	specs[at] = spec;
	for (i = 0; i <= rs->count; i++)
		map[i] = i < at ? i : i == at ? U32_MAX : i - 1;
	err = vnet_rules_commit(vd, specs, rs->count + 1, map, extack);
	specs = NULL;
out:
	rtnl_unlock();
	kvfree(specs);
	kvfree(map);
	return err;
}

int vnet_nl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_rule_spec *specs = NULL;
	struct nlattr *index = NULL;
	struct vnet_ruleset *rs;
	struct vnet_dev *vd;
	u32 *map = NULL, at, i;
	int err;

	if (info->attrs[VNET_ATTR_RULE]) {
		err = nla_validate_nested(info->attrs[VNET_ATTR_RULE],
					  VNET_RULE_MAX, vnet_rule_policy,
					  extack);
		if (err)
			return err;
		index = nla_find_nested(info->attrs[VNET_ATTR_RULE],
					VNET_RULE_INDEX);
	}
	if (!index) {
		NL_SET_ERR_MSG(extack, "the rule index is required");
		return -EINVAL;
	}
	at = nla_get_u32(index) - 1;
	rtnl_lock();
	vd = vnet_fw_request(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	rs = rtnl_dereference(vd->fw.rules);
	if (at >= rs->count) {
		NL_SET_ERR_MSG_ATTR(extack, index, "no rule at this index");
		err = -ENOENT;
		goto out;
	}
	err = -ENOMEM;
	specs = vnet_rules_copy(rs, 0);
	map = vnet_rules_identity(rs->count);
	if (!specs || !map)
		goto out;
	memmove(&specs[at], &specs[at + 1], (rs->count - at - 1) * sizeof(*specs));
	for (i = at; i + 1 < rs->count; i++)
		map[i] = i + 1;
	err = vnet_rules_commit(vd, specs, rs->count - 1, map, extack);
	specs = NULL;
out:
	rtnl_unlock();
	kvfree(specs);
	kvfree(map);
	return err;
}

int vnet_nl_rule_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd;
	int err;

	rtnl_lock();
	vd = vnet_fw_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd))
		err = PTR_ERR(vd);
	else
		err = vnet_rules_commit(vd, NULL, 0, NULL, info->extack);
	rtnl_unlock();
	return err;
}

/*
 * The whole rule list at once, one VNET_ATTR_RULE per rule in order; a bad
 * rule refuses the whole set (the extack points at it) and nothing changes.
 */
int vnet_nl_rule_replace(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_rule_spec *specs = NULL;
	u32 count = 0, n = 0;
	struct nlattr *attr;
	struct vnet_dev *vd;
	int rem, err;

	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem)
		if (nla_type(attr) == VNET_ATTR_RULE)
			count++;
	if (count > VNET_RULE_LIMIT) {
		NL_SET_ERR_MSG(extack, "too many rules");
		return -ENOSPC;
	}
	specs = kvmalloc_array(max(count, 1U), sizeof(*specs), GFP_KERNEL_ACCOUNT);
	if (!specs)
		return -ENOMEM;
	rtnl_lock();
	vd = vnet_fw_request(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto err;
	}
	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) != VNET_ATTR_RULE)
			continue;
		err = vnet_rule_spec_parse(vd, attr, &specs[n], extack);
		if (err)
			goto err;
		if (specs[n].present & BIT(VNET_RULE_INDEX)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "rules of a replace take no index: their order is it");
			err = -EINVAL;
			goto err;
		}
		n++;
	}
	err = vnet_rules_commit(vd, specs, n, NULL, extack);
	rtnl_unlock();
	return err;

err:
	rtnl_unlock();
	kvfree(specs);
	return err;
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
	     (nla_put_in_addr(skb, VNET_RULE_SRC, s->src) ||
	      nla_put_u8(skb, VNET_RULE_SRC_LEN, s->src_len))) ||
	    ((p & BIT(VNET_RULE_DST)) &&
	     (nla_put_in_addr(skb, VNET_RULE_DST, s->dst) ||
	      nla_put_u8(skb, VNET_RULE_DST_LEN, s->dst_len))) ||
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
	    nla_put_u8(skb, VNET_RULE_ACTION, s->action) ||
	    nla_put_u64_64bit(skb, VNET_RULE_PACKETS, packets, VNET_RULE_PAD) ||
	    nla_put_u64_64bit(skb, VNET_RULE_BYTES, bytes, VNET_RULE_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* cb->args[0]: rules sent; cb->seq: the set's generation. */
int vnet_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_ruleset *rs;
	struct vnet_dev *vd;
	int err = 0;
	u32 i;

	rtnl_lock();
	vd = vnet_fw_request(sock_net(skb->sk), info->attrs, cb->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	rs = rtnl_dereference(vd->fw.rules);
	cb->seq = vd->fw.gen;
	for (i = cb->args[0]; i < rs->count; i++) {
		void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, &vnet_genl_family,
					NLM_F_MULTI, VNET_CMD_RULE_GET);

		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, VNET_ATTR_IFINDEX, vd->dev->ifindex) ||
		    vnet_rule_fill(skb, rs, i)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = i;
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}
