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
#include <net/sock.h>
#include "netlink.h"

static struct vnet_network *vnet_network_by_name(struct vnet_pernet *vn,
						 const char *name)
{
	struct vnet_network *nw;

	list_for_each_entry(nw, &vn->networks, list)
		if (!strcmp(nw->name, name))
			return nw;
	return NULL;
}

static int vnet_network_check_name(const char *name,
				   struct netlink_ext_ack *extack)
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

static struct vnet_network *vnet_network_alloc(struct net *net,
					       const char *name)
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

static void vnet_network_free(struct vnet_network *nw)
{
	vnet_policers_destroy(nw);
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
static struct vnet_network *vnet_network_lookup(struct vnet_pernet *vn,
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

static bool vnet_network_all_up(struct vnet_pernet *vn, struct vnet_network *nw)
{
	struct vnet_dev *vd;

	list_for_each_entry(vd, &vn->devices, list)
		if (vd->network == nw && !(vd->dev->flags & IFF_UP))
			return false;
	return nw->ndevices > 0;
}

static size_t vnet_network_msg_size(void)
{
	return nla_total_size(0)				/* NETWORK */
	     + nla_total_size(sizeof(u32))			/* ID */
	     + nla_total_size(VNET_NETWORK_NAMSIZ)		/* NAME */
	     + nla_total_size(sizeof(u32))			/* MTU */
	     + nla_total_size(VNET_DESCRIPTION_SIZE)		/* DESCRIPTION */
	     + nla_total_size(sizeof(u8))			/* UP */
	     + 2 * nla_total_size(sizeof(u32))			/* DEVICES, POLICERS */
	     + 2 * (nla_total_size(0) + VNET_QUOTA_MAX *
		    nla_total_size(sizeof(u32)))		/* QUOTA, USAGE */
	     + nla_total_size(0) + VNET_QUOTA_MAX *
	       nla_total_size_64bit(sizeof(u64));		/* DENIED */
}

static int vnet_network_fill(struct sk_buff *skb, struct vnet_network *nw,
			     u32 portid, u32 seq, int flags, u8 cmd,
			     struct netlink_callback *cb)
{
	struct vnet_pernet *vn = vnet_pernet(nw->net);
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	nest = nla_nest_start(skb, VNET_ATTR_NETWORK);
	if (!nest ||
	    nla_put_u32(skb, VNET_NETWORK_ID, nw->id) ||
	    nla_put_string(skb, VNET_NETWORK_NAME, nw->name) ||
	    nla_put_u32(skb, VNET_NETWORK_MTU, nw->mtu) ||
	    nla_put_string(skb, VNET_NETWORK_DESCRIPTION, nw->description) ||
	    nla_put_u8(skb, VNET_NETWORK_UP, vnet_network_all_up(vn, nw)) ||
	    nla_put_u32(skb, VNET_NETWORK_DEVICES, nw->ndevices) ||
	    nla_put_u32(skb, VNET_NETWORK_POLICERS, nw->npolicers) ||
	    (cmd != VNET_CMD_NET_DEL && vnet_quota_fill(skb, nw)))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static void vnet_network_notify(struct vnet_network *nw, u8 cmd)
{
	struct sk_buff *skb;

	if (!vnet_genl_has_listeners(nw->net))
		return;
	skb = genlmsg_new(vnet_network_msg_size(), GFP_KERNEL);
	if (!skb)
		return;
	if (vnet_network_fill(skb, nw, 0, 0, 0, cmd, NULL)) {
		kfree_skb(skb);
		return;
	}
	vnet_genl_multicast(nw->net, skb);
}

/* The nest of a request, parsed; it must be there. */
static int vnet_network_attrs(struct genl_info *info, struct nlattr **tb)
{
	if (!info->attrs[VNET_ATTR_NETWORK]) {
		NL_SET_ERR_MSG(info->extack, "the network is required");
		return -EINVAL;
	}
	return nla_parse_nested(tb, VNET_NETWORK_MAX,
				info->attrs[VNET_ATTR_NETWORK],
				vnet_network_nl_policy, info->extack);
}

static int vnet_network_check_mtu(struct nlattr *attr,
				  struct netlink_ext_ack *extack)
{
	u32 mtu = nla_get_u32(attr);

	if (mtu && (mtu < ETH_MIN_MTU || mtu > ETH_MAX_MTU)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "the MTU must be 0 (none) or from 68 to 65535");
		return -EINVAL;
	}
	return 0;
}

/* Give @mtu to every device of @nw; stops at the first that refuses. */
static int vnet_network_apply_mtu(struct vnet_pernet *vn, struct vnet_network *nw,
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
static int vnet_network_set_up(struct vnet_pernet *vn, struct vnet_network *nw,
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

int vnet_nl_net_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct net *net = genl_info_net(info);
	struct vnet_pernet *vn = vnet_pernet(net);
	struct vnet_network *nw;
	const char *name;
	int err, id;

	err = vnet_network_attrs(info, tb);
	if (err)
		return err;
	if (!tb[VNET_NETWORK_NAME]) {
		NL_SET_ERR_MSG(extack, "the network name is required");
		return -EINVAL;
	}
	name = nla_data(tb[VNET_NETWORK_NAME]);
	err = vnet_network_check_name(name, extack);
	if (err)
		return err;
	if (tb[VNET_NETWORK_MTU]) {
		err = vnet_network_check_mtu(tb[VNET_NETWORK_MTU], extack);
		if (err)
			return err;
	}
	if (tb[VNET_NETWORK_UP] || tb[VNET_NETWORK_FORCE]) {
		NL_SET_ERR_MSG(extack, "a new network has no devices to start or delete");
		return -EINVAL;
	}
	if (tb[VNET_NETWORK_ID] && !nla_get_u32(tb[VNET_NETWORK_ID])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NETWORK_ID],
				    "id 0 is the default network's");
		return -EEXIST;
	}

	if (vnet_network_by_name(vn, name)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NETWORK_NAME],
				    "a network with this name already exists");
		err = -EEXIST;
		goto out;
	}
	nw = vnet_network_alloc(net, name);
	if (!nw) {
		err = -ENOMEM;
		goto out;
	}
	if (tb[VNET_NETWORK_QUOTA]) {
		err = vnet_quota_update(nw, tb[VNET_NETWORK_QUOTA], extack);
		if (err)
			goto err_free;
	}
	if (tb[VNET_NETWORK_ID]) {
		id = nla_get_u32(tb[VNET_NETWORK_ID]);
		err = idr_alloc(&vn->network_ids, nw, id, id + 1, GFP_KERNEL);
		if (err == -ENOSPC) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NETWORK_ID],
					    "a network with this id already exists");
			err = -EEXIST;
		}
	} else {
		err = idr_alloc_cyclic(&vn->network_ids, nw, 1,
				       VNET_NETWORK_ID_MAX + 1, GFP_KERNEL_ACCOUNT);
		if (err == -ENOSPC)
			NL_SET_ERR_MSG(extack, "no network id is free");
	}
	if (err < 0)
		goto err_free;
	nw->id = err;
	if (tb[VNET_NETWORK_MTU])
		nw->mtu = nla_get_u32(tb[VNET_NETWORK_MTU]);
	if (tb[VNET_NETWORK_DESCRIPTION])
		nla_strscpy(nw->description, tb[VNET_NETWORK_DESCRIPTION],
			    sizeof(nw->description));
	list_add_tail(&nw->list, &vn->networks);
	vn->network_gen++;
	vnet_network_notify(nw, VNET_CMD_NET_NEW);
	err = 0;
	goto out;

err_free:
	vnet_network_free(nw);
out:
	return err;
}

/* Find the network a request names, with its nest parsed in @tb. */
static struct vnet_network *vnet_network_request(struct genl_info *info,
						 struct nlattr **tb)
{
	int err = vnet_network_attrs(info, tb);

	if (err)
		return ERR_PTR(err);
	return vnet_network_lookup(vnet_pernet(genl_info_net(info)), tb,
				   info->extack);
}

int vnet_nl_net_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct vnet_pernet *vn = vnet_pernet(genl_info_net(info));
	struct vnet_network *nw;
	struct vnet_dev *vd, *tmp;
	LIST_HEAD(kill);
	int err = 0;

	nw = vnet_network_request(info, tb);
	if (IS_ERR(nw)) {
		err = PTR_ERR(nw);
		goto out;
	}
	if (nw == vn->dflt) {
		NL_SET_ERR_MSG(info->extack, "the default network cannot be deleted");
		err = -EBUSY;
		goto out;
	}
	if (nw->ndevices && !tb[VNET_NETWORK_FORCE]) {
		NL_SET_ERR_MSG(info->extack,
			       "the network has devices; delete them first, or use force");
		err = -EBUSY;
		goto out;
	}
	list_for_each_entry_safe(vd, tmp, &vn->devices, list)
		if (vd->network == nw)
			unregister_netdevice_queue(vd->dev, &kill);
	unregister_netdevice_many(&kill);
	WARN_ON_ONCE(nw->ndevices);
	vnet_network_notify(nw, VNET_CMD_NET_DEL);
	idr_remove(&vn->network_ids, nw->id);
	list_del(&nw->list);
	vn->network_gen++;
	/* Ports that used its policers are gone, and so are their readers. */
	synchronize_net();
	vnet_network_free(nw);
out:
	return err;
}

int vnet_nl_net_set(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct vnet_pernet *vn = vnet_pernet(genl_info_net(info));
	struct vnet_network *nw;
	int err = 0;

	nw = vnet_network_request(info, tb);
	if (IS_ERR(nw)) {
		err = PTR_ERR(nw);
		goto out;
	}
	if (tb[VNET_NETWORK_FORCE]) {
		NL_SET_ERR_MSG(extack, "force is for deleting a network");
		err = -EINVAL;
		goto out;
	}
	if (tb[VNET_NETWORK_MTU]) {
		err = vnet_network_check_mtu(tb[VNET_NETWORK_MTU], extack);
		if (err)
			goto out;
	}
	/* Validate everything before changing anything. */
	if (tb[VNET_NETWORK_QUOTA]) {
		err = vnet_quota_update(nw, tb[VNET_NETWORK_QUOTA], extack);
		if (err)
			goto out;
	}
	if (tb[VNET_NETWORK_DESCRIPTION])
		nla_strscpy(nw->description, tb[VNET_NETWORK_DESCRIPTION],
			    sizeof(nw->description));
	if (tb[VNET_NETWORK_MTU]) {
		nw->mtu = nla_get_u32(tb[VNET_NETWORK_MTU]);
		err = vnet_network_apply_mtu(vn, nw, nw->mtu, extack);
		if (err)
			goto notify;
	}
	if (tb[VNET_NETWORK_UP])
		err = vnet_network_set_up(vn, nw, nla_get_u8(tb[VNET_NETWORK_UP]),
					  extack);
notify:
	vnet_network_notify(nw, VNET_CMD_NET_SET);
out:
	return err;
}

int vnet_nl_net_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct vnet_network *nw;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(vnet_network_msg_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	nw = vnet_network_request(info, tb);
	if (IS_ERR(nw))
		err = PTR_ERR(nw);
	else
		err = vnet_network_fill(msg, nw, info->snd_portid,
					info->snd_seq, 0, VNET_CMD_NET_GET,
					NULL);
	if (err) {
		kfree_skb(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* pos[0]: how many networks were sent. */
int vnet_nl_net_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *vn = vnet_pernet(sock_net(skb->sk));
	long skip = vnet_dump(cb)->pos[0], idx = 0;
	struct vnet_network *nw;
	int err = 0;

	rtnl_lock();
	cb->seq = vn->network_gen;
	list_for_each_entry(nw, &vn->networks, list) {
		if (idx++ < skip)
			continue;
		err = vnet_network_fill(skb, nw, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI,
					VNET_CMD_NET_GET, cb);
		if (err) {
			idx--;
			break;
		}
	}
	rtnl_unlock();
	vnet_dump(cb)->pos[0] = idx;
	return vnet_dump_end(skb, err);
}
