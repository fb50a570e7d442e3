// SPDX-License-Identifier: GPL-2.0
/*
 * A vswitch's 802.1Q VLANs, with vlan-filtering on. Each port, and the
 * host side (the device's own netdev), is a member of some VLANs and
 * untagged in at most one, its pvid: an access port's VLAN or a trunk's
 * native one. A frame belongs to its tag's VLAN, or to the ingress port's
 * pvid when it has no tag (or a priority tag); from there on it carries
 * that VLAN as the skb's accelerated tag, as in the bridge, and each
 * egress keeps or clears the tag by its membership. A port with no
 * setting is an access port of VLAN 1, the bridge's default pvid, so
 * turning filtering on changes nothing for untagged traffic. The VLANs
 * are 802.1Q's, or with vlan-protocol 802.1ad a provider's service VLANs,
 * whose customers' 802.1Q tags are payload.
 */
#include <linux/etherdevice.h>
#include "vnet.h"

/*
 * The VLAN of @skb, whose data is at the network header, arriving at @vd
 * where @vl says (under RCU): returns it with its VLAN as the accelerated
 * tag, or NULL, consumed and counted in @stats (as @dropped too), if it
 * has none there.
 */
struct sk_buff *vnet_vlan_ingress(const struct vnet_dev *vd,
				  const struct vnet_vlan *vl,
				  struct vnet_pcpu_stats __percpu *stats,
				  enum vnet_stats dropped, struct sk_buff *skb)
{
	__be16 proto = READ_ONCE(vd->params.vlan_protocol) ?
		       htons(ETH_P_8021AD) : htons(ETH_P_8021Q);
	u16 vid;

	/* Patches and the host may hand it over with the tag in line. */
	if (!skb_vlan_tag_present(skb) && skb->protocol == proto) {
		skb = skb_vlan_untag(skb);
		if (unlikely(!skb)) {
			vnet_stats_add(stats, dropped, 1);
			return NULL;
		}
	}
	/* A tag of the other protocol is the frame's payload here, as in
	 * the bridge: the frame is untagged for this switch.
	 */
	if (skb_vlan_tag_present(skb) && skb->vlan_proto != proto) {
		skb_push(skb, ETH_HLEN);
		skb = vlan_insert_tag_set_proto(skb, skb->vlan_proto,
						skb_vlan_tag_get(skb));
		if (unlikely(!skb)) {
			vnet_stats_add(stats, dropped, 1);
			return NULL;
		}
		skb_pull(skb, ETH_HLEN);
		/* What is now before the network header was not summed. */
		skb_postpush_rcsum(skb, skb->data, VLAN_HLEN);
		skb_reset_mac_len(skb);
		__vlan_hwaccel_clear_tag(skb);
	}
	vid = vnet_skb_vid(skb);
	if (!vid) {
		/* Untagged or priority-tagged: the pvid's, priority kept. */
		vid = vnet_vlan_pvid(vl);
		if (vid)
			__vlan_hwaccel_put_tag(skb, proto,
					       (skb_vlan_tag_present(skb) ?
						skb_vlan_tag_get(skb) : 0) | vid);
	}
	if (unlikely(!vid || !vnet_vlan_member(vl, vid))) {
		vnet_stats_add(stats, VNET_STATS_DROP_VLAN, 1);
		vnet_stats_add(stats, dropped, 1);
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/*
 * May @skb, in the VLAN its tag says, leave where @vl says (under RCU)?
 * If so, untagged in its pvid.
 */
bool vnet_vlan_egress(const struct vnet_vlan *vl, struct sk_buff *skb)
{
	u16 vid = skb_vlan_tag_get_id(skb);

	if (!vnet_vlan_member(vl, vid))
		return false;
	if (vid == vnet_vlan_pvid(vl))
		__vlan_hwaccel_clear_tag(skb);
	return true;
}

/* The trunk's VLANs, bit N of byte N / 8 for VLAN N, into @vl. */
static int vnet_vlan_trunk(struct vnet_vlan *vl, const struct nlattr *attr,
			   struct netlink_ext_ack *extack)
{
	const u8 *bits = nla_data(attr);
	unsigned int vid;

	for (vid = 0; vid < VLAN_N_VID; vid++) {
		if (!(bits[vid / 8] & BIT(vid % 8)))
			continue;
		if (!vid || vid > VNET_VLAN_VID_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "VLAN IDs are 1 to 4094");
			return -EINVAL;
		}
		__set_bit(vid, vl->members);
	}
	if (bitmap_empty(vl->members, VLAN_N_VID)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "a trunk needs VLANs");
		return -EINVAL;
	}
	return 0;
}

/*
 * The membership a VNET_*_VLAN @nest asks for of @vd: NULL for the
 * default, or an ERR_PTR. Nothing changes until vnet_vlan_replace()
 * publishes it.
 */
struct vnet_vlan *vnet_vlan_parse(const struct vnet_dev *vd,
				  const struct nlattr *nest,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_VLAN_MAX + 1];
	struct vnet_vlan *vl;
	u8 mode;
	int err;

	if (vd->kind != VNET_KIND_VSWITCH) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "VLANs are a vswitch's");
		return ERR_PTR(-EOPNOTSUPP);
	}
	err = nla_parse_nested(tb, VNET_VLAN_MAX, nest, vnet_vlan_nl_policy,
			       extack);
	if (err)
		return ERR_PTR(err);
	if (!tb[VNET_VLAN_MODE]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "the VLAN mode is required");
		return ERR_PTR(-EINVAL);
	}
	mode = nla_get_u8(tb[VNET_VLAN_MODE]);
	if (mode == VNET_VLAN_MODE_NONE) {
		if (tb[VNET_VLAN_VID] || tb[VNET_VLAN_TRUNK]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "VLAN mode none takes no VLANs");
			return ERR_PTR(-EINVAL);
		}
		return NULL;
	}
	if (mode == VNET_VLAN_MODE_ACCESS && !tb[VNET_VLAN_VID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "an access port needs its VLAN");
		return ERR_PTR(-EINVAL);
	}
	if (mode == VNET_VLAN_MODE_ACCESS && tb[VNET_VLAN_TRUNK]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_VLAN_TRUNK],
				    "an access port is in one VLAN: make it a trunk");
		return ERR_PTR(-EINVAL);
	}
	if (mode == VNET_VLAN_MODE_TRUNK && !tb[VNET_VLAN_TRUNK]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a trunk needs VLANs");
		return ERR_PTR(-EINVAL);
	}
	vl = kzalloc(sizeof(*vl), GFP_KERNEL_ACCOUNT);
	if (!vl)
		return ERR_PTR(-ENOMEM);
	vl->mode = mode;
	if (tb[VNET_VLAN_TRUNK]) {
		err = vnet_vlan_trunk(vl, tb[VNET_VLAN_TRUNK], extack);
		if (err) {
			kfree(vl);
			return ERR_PTR(err);
		}
	}
	if (tb[VNET_VLAN_VID]) {
		vl->pvid = nla_get_u16(tb[VNET_VLAN_VID]);
		/* A native VLAN is untagged, never tagged as well. */
		if (mode == VNET_VLAN_MODE_TRUNK &&
		    test_bit(vl->pvid, vl->members)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_VLAN_VID],
					    "the native VLAN is untagged: leave it out of the trunk's VLANs");
			kfree(vl);
			return ERR_PTR(-EINVAL);
		}
		__set_bit(vl->pvid, vl->members);
	}
	return vl;
}

/* Publish @vl (from vnet_vlan_parse()) in @slot; under RTNL. */
void vnet_vlan_replace(struct vnet_vlan __rcu **slot, struct vnet_vlan *vl)
{
	struct vnet_vlan *old;

	old = rcu_replace_pointer(*slot, vl, lockdep_rtnl_is_held());
	if (old)
		kfree_rcu(old, rcu);
}

/* Free the membership in @slot: its port or device has no reader left. */
void vnet_vlan_free(struct vnet_vlan __rcu **slot)
{
	kfree(rcu_dereference_protected(*slot, 1));
	RCU_INIT_POINTER(*slot, NULL);
}

/* @vl as a VNET_VLAN nest @attrtype; nothing for the default. */
int vnet_vlan_fill(struct sk_buff *skb, int attrtype,
		   const struct vnet_vlan *vl)
{
	struct nlattr *nest, *trunk;
	unsigned int vid;
	u8 *bits;

	if (!vl)
		return 0;
	nest = nla_nest_start(skb, attrtype);
	if (!nest || nla_put_u8(skb, VNET_VLAN_MODE, vl->mode) ||
	    (vl->pvid && nla_put_u16(skb, VNET_VLAN_VID, vl->pvid)))
		return -EMSGSIZE;
	if (vl->mode == VNET_VLAN_MODE_TRUNK) {
		trunk = nla_reserve(skb, VNET_VLAN_TRUNK, VNET_VLAN_BITMAP_LEN);
		if (!trunk)
			return -EMSGSIZE;
		bits = nla_data(trunk);
		memset(bits, 0, VNET_VLAN_BITMAP_LEN);
		for_each_set_bit(vid, vl->members, VLAN_N_VID)
			if (vid != vl->pvid)
				bits[vid / 8] |= BIT(vid % 8);
	}
	nla_nest_end(skb, nest);
	return 0;
}

size_t vnet_vlan_size(void)
{
	return nla_total_size(0)			/* the nest */
	     + nla_total_size(sizeof(u8))		/* MODE */
	     + nla_total_size(sizeof(u16))		/* VID */
	     + nla_total_size(VNET_VLAN_BITMAP_LEN);	/* TRUNK */
}
