// SPDX-License-Identifier: GPL-2.0
/*
 * Networks: named tenants with a 24-bit id that own devices, quotas and
 * policers. Every namespace has the network "default" (id 0) where devices
 * go unless told otherwise. Devices of different networks are never
 * linked: a patch joins two devices of one network. Everything here runs
 * under RTNL.
 */
#include <linux/ctype.h>
#include <linux/etherdevice.h>
#include "vnet.h"

struct vnet_network *vnet_network_by_name(struct vnet_pernet *vn,
					  const char *name)
{
	struct vnet_network *nw;

	list_for_each_entry(nw, &vn->networks, list)
		if (!strcmp(nw->name, name))
			return nw;
	return NULL;
}

int vnet_network_check_name(const char *name, struct netlink_ext_ack *extack)
{
	const char *c;

	if (!name[0]) {
		NL_SET_ERR_MSG(extack, "the network name is empty");
		return -EINVAL;
	}
	for (c = name; *c; c++) {
		if (!isalnum(*c) && *c != '-' && *c != '_' && *c != '.') {
			NL_SET_ERR_MSG(extack,
				       "a network name has letters, digits, '-', '_' and '.' only");
			return -EINVAL;
		}
	}
	if (isdigit(name[0])) {
		NL_SET_ERR_MSG(extack,
			       "a network name cannot start with a digit (it would read as an id)");
		return -EINVAL;
	}
	return 0;
}

struct vnet_network *vnet_network_alloc(struct net *net, const char *name)
{
	struct vnet_network *nw;
	int q;

	nw = kzalloc(sizeof(*nw), GFP_KERNEL_ACCOUNT);
	if (!nw)
		return NULL;
	nw->denied = alloc_percpu_gfp(struct vnet_quota_denials, GFP_KERNEL_ACCOUNT);
	if (!nw->denied) {
		kfree(nw);
		return NULL;
	}
	nw->net = net;
	strscpy(nw->name, name, sizeof(nw->name));
	INIT_LIST_HEAD(&nw->policers);
	for (q = 0; q <= VNET_QUOTA_MAX; q++) {
		nw->limit[q] = VNET_QUOTA_UNLIMITED;
		atomic_set(&nw->used[q], 0);
	}
	return nw;
}

void vnet_network_free(struct vnet_network *nw)
{
	vnet_policers_destroy(nw);
	vnet_overlay_free(nw);
	free_percpu(nw->denied);
	kfree(nw);
}

int vnet_networks_init(struct net *net, struct vnet_pernet *vn)
{
	struct vnet_network *nw;
	int err;

	INIT_LIST_HEAD(&vn->networks);
	idr_init(&vn->network_ids);
	vn->network_gen = 1;
	nw = vnet_network_alloc(net, VNET_NETWORK_DEFAULT);
	if (!nw)
		return -ENOMEM;
	err = idr_alloc(&vn->network_ids, nw, 0, 1, GFP_KERNEL);
	if (err < 0) {
		vnet_network_free(nw);
		return err;
	}
	list_add(&nw->list, &vn->networks);
	vn->dflt = nw;
	return 0;
}

/* The namespace's devices are gone. */
void vnet_networks_exit(struct vnet_pernet *vn)
{
	struct vnet_network *nw, *tmp;

	list_for_each_entry_safe(nw, tmp, &vn->networks, list) {
		list_del(&nw->list);
		vnet_network_free(nw);
	}
	idr_destroy(&vn->network_ids);
}

/* The network @tb (a parsed VNET_ATTR_NETWORK nest) names by ID or NAME. */
struct vnet_network *vnet_network_lookup(struct vnet_pernet *vn,
					 struct nlattr **tb,
					 struct netlink_ext_ack *extack)
{
	struct vnet_network *nw;

	ASSERT_RTNL();
	if (tb[VNET_NETWORK_ID]) {
		nw = idr_find(&vn->network_ids, nla_get_u32(tb[VNET_NETWORK_ID]));
		if (nw && tb[VNET_NETWORK_NAME] &&
		    nla_strcmp(tb[VNET_NETWORK_NAME], nw->name)) {
			NL_SET_ERR_MSG(extack, "network name and id do not match");
			return ERR_PTR(-EINVAL);
		}
	} else if (tb[VNET_NETWORK_NAME]) {
		nw = vnet_network_by_name(vn, nla_data(tb[VNET_NETWORK_NAME]));
	} else {
		NL_SET_ERR_MSG(extack, "the network name or id is required");
		return ERR_PTR(-EINVAL);
	}
	if (!nw) {
		NL_SET_ERR_MSG(extack, "no such network");
		return ERR_PTR(-ENOENT);
	}
	return nw;
}

/* The network a VNET_ATTR_NETWORK nest names by ID or NAME. */
struct vnet_network *vnet_network_find(struct vnet_pernet *vn, struct nlattr *nest,
				       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	int err;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "the network is required");
		return ERR_PTR(-EINVAL);
	}
	err = nla_parse_nested(tb, VNET_NETWORK_MAX, nest, vnet_network_nl_policy,
			       extack);
	if (err)
		return ERR_PTR(err);
	return vnet_network_lookup(vn, tb, extack);
}

/* A new device @vd joins @nw (from ndo_init). */
void vnet_network_join(struct vnet_dev *vd, struct vnet_network *nw)
{
	ASSERT_RTNL();
	vd->network = nw;
	nw->ndevices++;
}

void vnet_network_leave(struct vnet_dev *vd)
{
	ASSERT_RTNL();
	vnet_quota_release(vd);
	vd->network->ndevices--;
}

/* The VNET_ATTR_NETWORK nest of a device report. */
int vnet_network_fill_ref(struct sk_buff *skb, const struct vnet_dev *vd)
{
	struct nlattr *nest = nla_nest_start(skb, VNET_ATTR_NETWORK);

	if (!nest || nla_put_u32(skb, VNET_NETWORK_ID, vd->network->id) ||
	    nla_put_string(skb, VNET_NETWORK_NAME, vd->network->name))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

bool vnet_network_all_up(struct vnet_pernet *vn,
			 const struct vnet_network *nw)
{
	struct vnet_dev *vd;

	list_for_each_entry(vd, &vn->devices, list)
		if (vd->network == nw && !(vd->dev->flags & IFF_UP))
			return false;
	return nw->ndevices > 0;
}

/* Give @mtu to every device of @nw; stops at the first that refuses. */
int vnet_network_apply_mtu(struct vnet_pernet *vn, struct vnet_network *nw,
			   u32 mtu, struct netlink_ext_ack *extack)
{
	struct vnet_dev *vd;
	int err;

	if (!mtu)
		return 0;
	list_for_each_entry(vd, &vn->devices, list) {
		if (vd->network != nw || vd->dev->mtu == mtu)
			continue;
		err = dev_set_mtu(vd->dev, mtu);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "a device of the network refused the MTU");
			return err;
		}
	}
	return 0;
}

/* Start or stop every device of @nw. */
int vnet_network_set_up(struct vnet_pernet *vn, struct vnet_network *nw,
			bool up, struct netlink_ext_ack *extack)
{
	struct vnet_dev *vd;
	int err;

	list_for_each_entry(vd, &vn->devices, list) {
		unsigned int flags = vd->dev->flags & ~IFF_UP;

		if (vd->network != nw)
			continue;
		err = dev_change_flags(vd->dev, up ? flags | IFF_UP : flags,
				       extack);
		if (err)
			return err;
	}
	return 0;
}
