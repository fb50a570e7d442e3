// SPDX-License-Identifier: GPL-2.0
/*
 * The three device kinds and their parameters: one table that both
 * rtnetlink (IFLA_INFO_DATA) and the genl family (VNET_ATTR_PARAMS) use.
 */
#include <linux/bits.h>
#include "vnet.h"

static const struct vnet_kind_ops *const vnet_kinds[] = {
	&vnet_vswitch_ops,
	&vnet_vrouter_ops,
	&vnet_vfirewall_ops,
};

/*
 * Every parameter: the kind it applies to and where it lives in struct
 * vnet_params; a u8 there if its policy says NLA_U8, else a u32.
 */
struct vnet_param_slot {
	u8 kinds;			/* BIT(enum vnet_kind) of those it fits */
	u16 offset;
	const char *misfit;		/* extack text for another kind */
};

#define VNET_SLOT(k, kname, field, what)				\
	VNET_SLOT_OF(BIT(VNET_KIND_##k), kname, field, what)

#define VNET_SLOT_OF(k, kname, field, what)				\
	{ .kinds = k,							\
	  .offset = offsetof(struct vnet_params, field),		\
	  .misfit = "parameter \"" what "\" applies to " kname	\
		    " devices only" }

#define VNET_FW_SLOT(field, what) VNET_SLOT(VFIREWALL, "vfirewall", field, what)

/* Connection tracking's: a vrouter tracks what its NAT translates. */
#define VNET_CT_SLOT(field, what)					\
	VNET_SLOT_OF(BIT(VNET_KIND_VFIREWALL) | BIT(VNET_KIND_VROUTER),	\
		     "vfirewall and vrouter", field, what)

static const struct vnet_param_slot vnet_param_slots[VNET_PARAM_MAX + 1] = {
	[VNET_PARAM_AGEING] = VNET_SLOT(VSWITCH, "vswitch", ageing, "ageing"),
	[VNET_PARAM_GROUP_FWD_MASK] =
		VNET_SLOT(VSWITCH, "vswitch", group_fwd_mask, "group-fwd-mask"),
	[VNET_PARAM_NEIGH_SUPPRESS] =
		VNET_SLOT(VSWITCH, "vswitch", neigh_suppress, "neigh-suppress"),
	[VNET_PARAM_VLAN_FILTERING] =
		VNET_SLOT(VSWITCH, "vswitch", vlan_filtering, "vlan-filtering"),
	[VNET_PARAM_VLAN_PROTOCOL] =
		VNET_SLOT(VSWITCH, "vswitch", vlan_protocol, "vlan-protocol"),
	[VNET_PARAM_TTL_CHECK] = VNET_SLOT(VROUTER, "vrouter", ttl_check, "ttl-check"),
	[VNET_PARAM_POLICY] = VNET_FW_SLOT(policy, "policy"),
	[VNET_PARAM_L2_POLICY] = VNET_FW_SLOT(l2_policy, "l2-policy"),
	[VNET_PARAM_CONNS_MAX] = VNET_CT_SLOT(conns_max, "conns-max"),
	[VNET_PARAM_CONNTRACK] = VNET_CT_SLOT(conntrack, "conntrack"),
	[VNET_PARAM_OTHER_POLICY] = VNET_FW_SLOT(other_policy, "other-policy"),
	[VNET_PARAM_VLAN_AWARE] = VNET_FW_SLOT(vlan_aware, "vlan-aware"),
	[VNET_PARAM_TCP_SYN_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_TCP_SYN], "tcp-syn-timeout"),
	[VNET_PARAM_TCP_EST_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_TCP_EST], "tcp-established-timeout"),
	[VNET_PARAM_TCP_FIN_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_TCP_FIN], "tcp-fin-timeout"),
	[VNET_PARAM_TCP_CLOSE_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_TCP_CLOSE], "tcp-close-timeout"),
	[VNET_PARAM_UDP_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_UDP], "udp-timeout"),
	[VNET_PARAM_UDP_STREAM_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_UDP_STREAM], "udp-stream-timeout"),
	[VNET_PARAM_ICMP_TIMEOUT] =
		VNET_CT_SLOT(timeout[VNET_CT_ICMP], "icmp-timeout"),
};

static bool vnet_param_is_u8(int attr)
{
	return vnet_param_nl_policy[attr].type == NLA_U8;
}

static u32 vnet_param_get(const struct vnet_params *p, int attr)
{
	const void *at = (const u8 *)p + vnet_param_slots[attr].offset;

	if (vnet_param_is_u8(attr))
		return READ_ONCE(*(const u8 *)at);
	return READ_ONCE(*(const u32 *)at);
}

static void vnet_param_put(struct vnet_params *p, int attr, u32 val)
{
	void *at = (u8 *)p + vnet_param_slots[attr].offset;

	if (vnet_param_is_u8(attr))
		WRITE_ONCE(*(u8 *)at, val);
	else
		WRITE_ONCE(*(u32 *)at, val);
}

const struct vnet_kind_ops *vnet_kind_get(enum vnet_kind kind)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vnet_kinds); i++)
		if (vnet_kinds[i]->kind == kind)
			return vnet_kinds[i];
	return NULL;
}

void vnet_params_default(enum vnet_kind kind, struct vnet_params *p)
{
	memset(p, 0, sizeof(*p));
	p->ageing = VNET_AGEING_DEFAULT;
	p->ttl_check = 1;
	p->policy = VNET_VERDICT_ACCEPT;
	p->l2_policy = VNET_VERDICT_ACCEPT;
	p->other_policy = VNET_VERDICT_DROP;
	p->conntrack = 1;
	p->conns_max = VNET_CONNS_MAX_DEFAULT;
	p->timeout[VNET_CT_TCP_SYN] = VNET_TCP_SYN_TIMEOUT_DEFAULT;
	p->timeout[VNET_CT_TCP_EST] = VNET_TCP_EST_TIMEOUT_DEFAULT;
	p->timeout[VNET_CT_TCP_FIN] = VNET_TCP_FIN_TIMEOUT_DEFAULT;
	p->timeout[VNET_CT_TCP_CLOSE] = VNET_TCP_CLOSE_TIMEOUT_DEFAULT;
	p->timeout[VNET_CT_UDP] = VNET_UDP_TIMEOUT_DEFAULT;
	p->timeout[VNET_CT_UDP_STREAM] = VNET_UDP_STREAM_TIMEOUT_DEFAULT;
	p->timeout[VNET_CT_ICMP] = VNET_ICMP_TIMEOUT_DEFAULT;
}

/*
 * Apply the parameters in @tb (already validated against vnet_param_nl_policy)
 * on top of @p. Nothing is written to @p unless every attribute applies to
 * @kind, so a refused request changes nothing.
 */
int vnet_params_parse(enum vnet_kind kind, struct nlattr *tb[],
		      struct vnet_params *p, struct netlink_ext_ack *extack)
{
	struct vnet_params np = *p;
	int i;

	if (!tb)
		return 0;
	for (i = 1; i <= VNET_PARAM_MAX; i++) {
		if (!tb[i])
			continue;
		if (!(vnet_param_slots[i].kinds & BIT(kind))) {
			vnet_set_err(extack, tb[i], vnet_param_slots[i].misfit);
			return -EINVAL;
		}
		vnet_param_put(&np, i, vnet_param_is_u8(i) ?
			       nla_get_u8(tb[i]) : nla_get_u32(tb[i]));
	}
	if (np.group_fwd_mask & VNET_GROUP_FWD_RESTRICTED) {
		vnet_set_err(extack, tb[VNET_PARAM_GROUP_FWD_MASK],
			     "group-fwd-mask cannot forward pause (bit 1) or slow protocol (bit 2) frames");
		return -EINVAL;
	}
	*p = np;
	return 0;
}

size_t vnet_params_size(enum vnet_kind kind)
{
	size_t size = 0;
	int i;

	for (i = 1; i <= VNET_PARAM_MAX; i++)
		if (vnet_param_slots[i].kinds & BIT(kind))
			size += nla_total_size(vnet_param_is_u8(i) ?
					       sizeof(u8) : sizeof(u32));
	return size;
}

int vnet_params_fill(struct sk_buff *skb, const struct vnet_dev *vd)
{
	int i, err;

	for (i = 1; i <= VNET_PARAM_MAX; i++) {
		u32 val;

		if (!(vnet_param_slots[i].kinds & BIT(vd->kind)))
			continue;
		val = vnet_param_get(&vd->params, i);
		if (vnet_param_is_u8(i))
			err = nla_put_u8(skb, i, val);
		else
			err = nla_put_u32(skb, i, val);
		if (err)
			return err;
	}
	return 0;
}

/*
 * What new parameters @p may not change of @vd as it is: a vrouter with
 * NAT rules keeps tracking, whose connections they are; a vswitch whose
 * VLANs have vnis keeps its VLANs, which keep the VNIs apart. Under RTNL.
 */
int vnet_params_check(const struct vnet_dev *vd, const struct vnet_params *p,
		      struct netlink_ext_ack *extack)
{
	if (vd->kind == VNET_KIND_VROUTER && !p->conntrack &&
	    vd->router.nat_count) {
		NL_SET_ERR_MSG(extack,
			       "NAT rules need conntrack on: flush them first");
		return -EBUSY;
	}
	if (vd->kind == VNET_KIND_VSWITCH && !p->vlan_filtering &&
	    vd->vlan_tunnels) {
		NL_SET_ERR_MSG(extack,
			       "VLANs of the device have vnis: set them none first");
		return -EBUSY;
	}
	return 0;
}

/* Publish new parameters to the lockless readers; under RTNL. */
void vnet_params_store(struct vnet_dev *vd, const struct vnet_params *p)
{
	int i;

	for (i = 1; i <= VNET_PARAM_MAX; i++)
		vnet_param_put(&vd->params, i, vnet_param_get(p, i));
	if (vd->ops->params_changed)
		vd->ops->params_changed(vd);
}
