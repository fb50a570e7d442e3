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

/* extack text for a parameter given to a kind it does not apply to */
static const char * const vnet_param_misfit[VNET_PARAM_MAX + 1] = {
	[VNET_PARAM_AGEING] = "parameter \"ageing\" applies to vswitch devices only",
	[VNET_PARAM_TTL_CHECK] = "parameter \"ttl-check\" applies to vrouter devices only",
	[VNET_PARAM_POLICY] = "parameter \"policy\" applies to vfirewall devices only",
	[VNET_PARAM_L2_POLICY] = "parameter \"l2-policy\" applies to vfirewall devices only",
};

static struct netlink_range_validation vnet_ageing_range = {
	.max = VNET_AGEING_MAX,
};

const struct nla_policy vnet_param_policy[VNET_PARAM_MAX + 1] = {
	[VNET_PARAM_AGEING] = NLA_POLICY_FULL_RANGE(NLA_U32, &vnet_ageing_range),
	[VNET_PARAM_TTL_CHECK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VNET_PARAM_POLICY] = NLA_POLICY_MAX(NLA_U8, VNET_VERDICT_DROP),
	[VNET_PARAM_L2_POLICY] = NLA_POLICY_MAX(NLA_U8, VNET_VERDICT_DROP),
};

const struct vnet_kind_ops *vnet_kind_get(enum vnet_kind kind)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vnet_kinds); i++)
		if (vnet_kinds[i]->kind == kind)
			return vnet_kinds[i];
	return NULL;
}

const struct vnet_kind_ops *vnet_kind_by_name(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vnet_kinds); i++)
		if (!strcmp(vnet_kinds[i]->name, name))
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
}

/*
 * Apply the parameters in @tb (already validated against vnet_param_policy)
 * on top of @p. Nothing is written to @p unless every attribute applies to
 * @kind, so a refused request changes nothing.
 */
int vnet_params_parse(enum vnet_kind kind, struct nlattr *tb[],
		      struct vnet_params *p, struct netlink_ext_ack *extack)
{
	const struct vnet_kind_ops *ops = vnet_kind_get(kind);
	struct vnet_params np = *p;
	int i;

	if (!tb)
		return 0;
	for (i = 1; i <= VNET_PARAM_MAX; i++) {
		if (!tb[i])
			continue;
		if (!(ops->params & BIT(i))) {
			vnet_set_err(extack, tb[i], vnet_param_misfit[i]);
			return -EINVAL;
		}
	}
	if (tb[VNET_PARAM_AGEING])
		np.ageing = nla_get_u32(tb[VNET_PARAM_AGEING]);
	if (tb[VNET_PARAM_TTL_CHECK])
		np.ttl_check = nla_get_u8(tb[VNET_PARAM_TTL_CHECK]);
	if (tb[VNET_PARAM_POLICY])
		np.policy = nla_get_u8(tb[VNET_PARAM_POLICY]);
	if (tb[VNET_PARAM_L2_POLICY])
		np.l2_policy = nla_get_u8(tb[VNET_PARAM_L2_POLICY]);
	*p = np;
	return 0;
}

size_t vnet_params_size(enum vnet_kind kind)
{
	switch (kind) {
	case VNET_KIND_VSWITCH:
		return nla_total_size(sizeof(u32));	/* AGEING */
	case VNET_KIND_VROUTER:
		return nla_total_size(sizeof(u8));	/* TTL_CHECK */
	case VNET_KIND_VFIREWALL:
		return 2 * nla_total_size(sizeof(u8));	/* POLICY, L2_POLICY */
	default:
		return 0;
	}
}

int vnet_params_fill(struct sk_buff *skb, const struct vnet_dev *vd)
{
	switch (vd->kind) {
	case VNET_KIND_VSWITCH:
		return nla_put_u32(skb, VNET_PARAM_AGEING,
				   READ_ONCE(vd->params.ageing));
	case VNET_KIND_VROUTER:
		return nla_put_u8(skb, VNET_PARAM_TTL_CHECK,
				  READ_ONCE(vd->params.ttl_check));
	case VNET_KIND_VFIREWALL:
		return nla_put_u8(skb, VNET_PARAM_POLICY,
				  READ_ONCE(vd->params.policy)) ?:
		       nla_put_u8(skb, VNET_PARAM_L2_POLICY,
				  READ_ONCE(vd->params.l2_policy));
	default:
		return 0;
	}
}

/* Publish new parameters to the lockless readers; under RTNL. */
void vnet_params_store(struct vnet_dev *vd, const struct vnet_params *p)
{
	WRITE_ONCE(vd->params.ageing, p->ageing);
	WRITE_ONCE(vd->params.ttl_check, p->ttl_check);
	WRITE_ONCE(vd->params.policy, p->policy);
	WRITE_ONCE(vd->params.l2_policy, p->l2_policy);
	if (vd->ops->params_changed)
		vd->ops->params_changed(vd);
}
