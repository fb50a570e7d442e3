// SPDX-License-Identifier: GPL-2.0
/* Rule commands of the "vnet" genl family: a vfirewall's rule list. */
#include <linux/delay.h>
#include <linux/moduleparam.h>
#include <net/sock.h>
#include "netlink.h"

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

/*
 * A rule request's edit: the new list (@specs, @count) made from the
 * current set under RTNL, and @map, each new rule's index in the current
 * set or U32_MAX for a new rule (NULL: counters start afresh).
 */
struct vnet_rules_edit {
	struct genl_info *info;
	struct vnet_rule_spec *specs;
	u32 count;
	u32 *map;
};

typedef int (*vnet_rules_edit_fn)(struct vnet_dev *vd, struct vnet_ruleset *rs,
				  struct vnet_rules_edit *e);

/* Debug knob for the selftests: sleep this long in each rule build. */
static unsigned int vnet_fw_build_delay_ms;
module_param_named(fw_build_delay_ms, vnet_fw_build_delay_ms, uint, 0600);
MODULE_PARM_DESC(fw_build_delay_ms,
		 "debug: milliseconds each rule request's build takes longer");

/* A ports change published meanwhile: the edit is made again, this often. */
#define VNET_RULES_TRIES	8

/*
 * Make @edit to a vfirewall's rules. The edit and the compile run under
 * RTNL, the classifier build (up to seconds for VNET_RULE_LIMIT rules)
 * outside it; the result is published under RTNL if neither the set nor
 * the ports (whose indexes it compiled in) changed meanwhile, else the
 * edit is made again. Rule requests of a device take turns, so only port
 * changes and flushes, which hold RTNL throughout, make one start again.
 * The device is held, not locked (VNET_NL_DEV without VNET_NL_RTNL).
 */
static int vnet_rules_change(struct genl_info *info, vnet_rules_edit_fn edit)
{
	unsigned int delay = READ_ONCE(vnet_fw_build_delay_ms);
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_dev *vd = vnet_nl_dev(info);
	bool stale, gone = false;
	int err, tries = 0;

	err = mutex_lock_killable(&vd->fw.change_lock);
	if (err)
		return err;
	do {
		struct vnet_rules_edit e = { .info = info };
		unsigned int ports;
		struct vnet_ruleset *rs;
		u32 grow = 0;
		u64 base;

		stale = false;
		rtnl_lock();
		gone = !vd->fw.ready;
		err = gone ? -ENODEV :
			     edit(vd, rtnl_dereference(vd->fw.rules), &e);
		/* Over quota is refused now, before the long part. */
		if (!err)
			err = vnet_rules_charge(vd, e.count, &grow, extack);
		if (!err) {
			rs = vnet_rules_prepare(vd, e.specs, e.count, extack);
			if (IS_ERR(rs) && grow)
				vnet_quota_give(vd, VNET_QUOTA_RULES, grow);
		} else {
			kvfree(e.specs);
			rs = ERR_PTR(err);
		}
		base = vd->fw.gen;
		ports = vd->port_gen;
		rtnl_unlock();

		err = PTR_ERR_OR_ZERO(rs);
		if (!err) {
			if (delay)
				msleep(delay);
			err = vnet_rules_build(rs, extack);
			/*
			 * The charge goes back under RTNL, and only while the
			 * device is there: its deletion gave back all it held.
			 */
			rtnl_lock();
			gone = !vd->fw.ready;
			stale = !err && (gone || vd->fw.gen != base ||
					 vd->port_gen != ports);
			if (err || stale) {
				vnet_ruleset_free(rs);
				if (!gone && grow)
					vnet_quota_give(vd, VNET_QUOTA_RULES,
							grow);
			} else {
				vnet_rules_publish(vd, rs, e.map);
			}
			rtnl_unlock();
		}
		kvfree(e.map);
	} while (stale && !gone && ++tries < VNET_RULES_TRIES);
	mutex_unlock(&vd->fw.change_lock);

	if (gone) {
		NL_SET_ERR_MSG(extack, "the device was deleted");
		err = -ENODEV;
	} else if (stale) {
		NL_SET_ERR_MSG(extack, "ports kept changing during the build; try again");
		err = -EBUSY;
	}
	return err;
}

static int vnet_rule_new_edit(struct vnet_dev *vd, struct vnet_ruleset *rs,
			      struct vnet_rules_edit *e)
{
	struct nlattr *nest = e->info->attrs[VNET_ATTR_RULE];
	struct netlink_ext_ack *extack = e->info->extack;
	struct vnet_rule_spec spec;
	u32 at, i;
	int err;

	err = vnet_rule_spec_parse(vd, nest, &spec, extack);
	if (err)
		return err;
	if (rs->count >= VNET_RULE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the rule list is full");
		return -ENOSPC;
	}
	at = rs->count;
	if (spec.present & BIT(VNET_RULE_INDEX)) {
		at = nla_get_u32(nla_find_nested(nest, VNET_RULE_INDEX)) - 1;
		if (at > rs->count) {
			NL_SET_ERR_MSG(extack,
				       "the index is past the end of the rule list");
			return -ERANGE;
		}
	}
	spec.present &= ~BIT(VNET_RULE_INDEX);
	e->specs = vnet_rules_copy(rs, 1);
	e->map = kvmalloc_array(rs->count + 1, sizeof(*e->map),
				GFP_KERNEL_ACCOUNT);
	if (!e->specs || !e->map)
		return -ENOMEM;
	memmove(&e->specs[at + 1], &e->specs[at],
		(rs->count - at) * sizeof(*e->specs));
	e->specs[at] = spec;
	for (i = 0; i <= rs->count; i++)
		e->map[i] = i < at ? i : i == at ? U32_MAX : i - 1;
	e->count = rs->count + 1;
	return 0;
}

int vnet_nl_rule_new(struct sk_buff *skb, struct genl_info *info)
{
	if (!info->attrs[VNET_ATTR_RULE]) {
		NL_SET_ERR_MSG(info->extack, "the rule is required");
		return -EINVAL;
	}
	return vnet_rules_change(info, vnet_rule_new_edit);
}

/* The validated VNET_RULE_INDEX of a delete. */
static struct nlattr *vnet_rule_del_index(struct genl_info *info)
{
	return nla_find_nested(info->attrs[VNET_ATTR_RULE], VNET_RULE_INDEX);
}

static int vnet_rule_del_edit(struct vnet_dev *vd, struct vnet_ruleset *rs,
			      struct vnet_rules_edit *e)
{
	struct nlattr *index = vnet_rule_del_index(e->info);
	u32 at = nla_get_u32(index) - 1, i;

	if (at >= rs->count) {
		NL_SET_ERR_MSG_ATTR(e->info->extack, index,
				    "no rule at this index");
		return -ENOENT;
	}
	e->specs = vnet_rules_copy(rs, 0);
	e->map = vnet_rules_identity(rs->count);
	if (!e->specs || !e->map)
		return -ENOMEM;
	memmove(&e->specs[at], &e->specs[at + 1],
		(rs->count - at - 1) * sizeof(*e->specs));
	for (i = at; i + 1 < rs->count; i++)
		e->map[i] = i + 1;
	e->count = rs->count - 1;
	return 0;
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
	return vnet_rules_change(info, vnet_rule_del_edit);
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

static int vnet_rule_replace_edit(struct vnet_dev *vd, struct vnet_ruleset *rs,
				  struct vnet_rules_edit *e)
{
	struct netlink_ext_ack *extack = e->info->extack;
	struct genlmsghdr *hdr = e->info->genlhdr;
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
	return vnet_rules_change(info, vnet_rule_replace_edit);
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
