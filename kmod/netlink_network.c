// SPDX-License-Identifier: GPL-2.0
/*
 * Network and policer commands of the "vnet" genl family: a network's
 * create, delete, get, set (its quotas among them) and dump, and its
 * policers'. The model they change is network.c, quota.c and policer.c.
 */
#include <net/sock.h>
#include "netlink.h"

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
	       nla_total_size_64bit(sizeof(u64))		/* DENIED */
	     + vnet_overlay_size();
}

/* A network's nest; its quotas unless it is being deleted. */
static int vnet_network_fill_nest(struct sk_buff *skb,
				  const struct vnet_network *nw, bool quota)
{
	struct vnet_pernet *vn = vnet_pernet(nw->net);
	struct nlattr *nest;

	nest = nla_nest_start(skb, VNET_ATTR_NETWORK);
	if (!nest ||
	    nla_put_u32(skb, VNET_NETWORK_ID, nw->id) ||
	    nla_put_string(skb, VNET_NETWORK_NAME, nw->name) ||
	    nla_put_u32(skb, VNET_NETWORK_MTU, nw->mtu) ||
	    nla_put_string(skb, VNET_NETWORK_DESCRIPTION, nw->description) ||
	    nla_put_u8(skb, VNET_NETWORK_UP, vnet_network_all_up(vn, nw)) ||
	    nla_put_u32(skb, VNET_NETWORK_DEVICES, nw->ndevices) ||
	    nla_put_u32(skb, VNET_NETWORK_POLICERS, nw->npolicers) ||
	    (quota && vnet_quota_fill(skb, nw)) ||
	    vnet_overlay_fill(skb, nw))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A network, a vnet_fill_t. */
static int vnet_network_fill(struct sk_buff *skb, const void *nw)
{
	return vnet_network_fill_nest(skb, nw, true);
}

static int vnet_network_fill_deleted(struct sk_buff *skb, const void *nw)
{
	return vnet_network_fill_nest(skb, nw, false);
}

static void vnet_network_notify(struct vnet_network *nw, u8 cmd)
{
	vnet_msg_notify(nw->net, vnet_network_msg_size(), cmd, NULL,
			cmd == VNET_CMD_NET_DEL ? vnet_network_fill_deleted :
			vnet_network_fill, nw);
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

/* Hosts come and go with net-host-new and net-host-del only. */
static int vnet_network_no_host(struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	if (tb[VNET_NETWORK_HOST] || tb[VNET_NETWORK_HOST6]) {
		NL_SET_ERR_MSG(extack,
			       "hosts are added and deleted one at a time, with net-host-new and net-host-del");
		return -EINVAL;
	}
	return 0;
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

int vnet_nl_net_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct net *net = genl_info_net(info);
	struct vnet_pernet *vn = vnet_pernet(net);
	struct vnet_overlay ov;
	struct vnet_network *nw;
	const char *name;
	int err, id;

	err = vnet_network_attrs(info, tb) ?: vnet_network_no_host(tb, extack);
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
	err = vnet_overlay_check(nw, tb, &ov, extack);
	if (err < 0)
		goto err_free;
	if (!err)
		nw->overlay = ov;
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
	struct vnet_overlay ov;
	struct vnet_network *nw;
	int err = 0, ov_err;

	nw = vnet_network_request(info, tb);
	if (IS_ERR(nw)) {
		err = PTR_ERR(nw);
		goto out;
	}
	err = vnet_network_no_host(tb, extack);
	if (err)
		goto out;
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
	ov_err = vnet_overlay_check(nw, tb, &ov, extack);
	if (ov_err < 0) {
		err = ov_err;
		goto out;
	}
	if (tb[VNET_NETWORK_QUOTA]) {
		err = vnet_quota_update(nw, tb[VNET_NETWORK_QUOTA], extack);
		if (err)
			goto out;
	}
	if (!ov_err)
		nw->overlay = ov;
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

/* net-host-new and net-host-del. */
static int vnet_nl_net_host(struct genl_info *info, bool add)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct vnet_network *nw;
	int err;

	nw = vnet_network_request(info, tb);
	if (IS_ERR(nw))
		return PTR_ERR(nw);
	if (add)
		err = vnet_overlay_host_add(nw, tb, info->extack);
	else
		err = vnet_overlay_host_del(nw, tb, info->extack);
	if (!err)
		vnet_network_notify(nw, add ? VNET_CMD_NET_HOST_NEW :
				    VNET_CMD_NET_HOST_DEL);
	return err;
}

int vnet_nl_net_host_new(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_nl_net_host(info, true);
}

int vnet_nl_net_host_del(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_nl_net_host(info, false);
}

int vnet_nl_net_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];
	struct vnet_network *nw;

	nw = vnet_network_request(info, tb);
	if (IS_ERR(nw))
		return PTR_ERR(nw);
	return vnet_msg_reply(info, vnet_network_msg_size(), VNET_CMD_NET_GET,
			      NULL, vnet_network_fill, nw);
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
		err = vnet_dump_one(skb, cb, VNET_CMD_NET_GET, NULL,
				    vnet_network_fill, nw);
		if (err) {
			idx--;
			break;
		}
	}
	rtnl_unlock();
	vnet_dump(cb)->pos[0] = idx;
	return vnet_dump_end(skb, err);
}

/* Policers */

static int vnet_policer_parse(struct nlattr **tb, u64 *rate, u32 *burst,
			      struct netlink_ext_ack *extack)
{
	if (tb[VNET_POLICER_RATE]) {
		*rate = nla_get_u64(tb[VNET_POLICER_RATE]);
		if (*rate < VNET_POLICER_RATE_MIN ||
		    *rate > VNET_POLICER_RATE_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_POLICER_RATE],
					    "the rate must be from 1kbit to 400gbit per second");
			return -ERANGE;
		}
	}
	*burst = 0;
	if (tb[VNET_POLICER_BURST]) {
		*burst = nla_get_u32(tb[VNET_POLICER_BURST]);
		if (*burst < VNET_POLICER_BURST_MIN ||
		    *burst > VNET_POLICER_BURST_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_POLICER_BURST],
					    "the burst must be from 2048 bytes to 1 GiB");
			return -ERANGE;
		}
	}
	return 0;
}

/* The network and the parsed policer nest of a request; under RTNL. */
static struct vnet_network *vnet_policer_request(struct genl_info *info,
						 struct nlattr **tb)
{
	struct vnet_network *nw;
	int err;

	nw = vnet_network_find(vnet_pernet(genl_info_net(info)),
			       info->attrs[VNET_ATTR_NETWORK], info->extack);
	if (IS_ERR(nw))
		return nw;
	if (!info->attrs[VNET_ATTR_POLICER]) {
		NL_SET_ERR_MSG(info->extack, "the policer is required");
		return ERR_PTR(-EINVAL);
	}
	err = nla_parse_nested(tb, VNET_POLICER_MAX,
			       info->attrs[VNET_ATTR_POLICER],
			       vnet_policer_nl_policy, info->extack);
	if (err)
		return ERR_PTR(err);
	if (!tb[VNET_POLICER_NAME] || !nla_len(tb[VNET_POLICER_NAME]) ||
	    !*(char *)nla_data(tb[VNET_POLICER_NAME])) {
		NL_SET_ERR_MSG(info->extack, "the policer name is required");
		return ERR_PTR(-EINVAL);
	}
	return nw;
}

int vnet_nl_policer_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VNET_POLICER_MAX + 1];
	struct vnet_network *nw;
	u64 rate = 0;
	u32 burst;
	int err;

	nw = vnet_policer_request(info, tb);
	if (IS_ERR(nw))
		return PTR_ERR(nw);
	if (!tb[VNET_POLICER_RATE]) {
		NL_SET_ERR_MSG(extack, "the policer's rate is required");
		return -EINVAL;
	}
	err = vnet_policer_parse(tb, &rate, &burst, extack);
	if (err)
		return err;
	if (vnet_policer_find(nw, nla_data(tb[VNET_POLICER_NAME]))) {
		NL_SET_ERR_MSG(extack,
			       "the network already has a policer of this name");
		return -EEXIST;
	}
	return vnet_policer_add(nw, nla_data(tb[VNET_POLICER_NAME]), rate,
				burst);
}

/* The named policer of the request's network; under RTNL. */
static struct vnet_policer *vnet_policer_lookup(struct genl_info *info,
						struct nlattr **tb)
{
	struct vnet_network *nw = vnet_policer_request(info, tb);
	struct vnet_policer *pol;

	if (IS_ERR(nw))
		return ERR_CAST(nw);
	pol = vnet_policer_find(nw, nla_data(tb[VNET_POLICER_NAME]));
	if (!pol) {
		NL_SET_ERR_MSG(info->extack, "no such policer in the network");
		return ERR_PTR(-ENOENT);
	}
	return pol;
}

int vnet_nl_policer_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_POLICER_MAX + 1];
	struct vnet_policer *pol;
	int err = 0;

	pol = vnet_policer_lookup(info, tb);
	if (IS_ERR(pol)) {
		err = PTR_ERR(pol);
	} else if (pol->users) {
		NL_SET_ERR_MSG(info->extack,
			       "ports are bound to the policer; unbind them first");
		err = -EBUSY;
	} else {
		vnet_policer_remove(pol);
	}
	return err;
}

int vnet_nl_policer_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_POLICER_MAX + 1];
	struct vnet_policer *pol;
	u64 rate;
	u32 burst;
	int err;

	pol = vnet_policer_lookup(info, tb);
	if (IS_ERR(pol)) {
		err = PTR_ERR(pol);
		goto out;
	}
	rate = pol->rate;
	err = vnet_policer_parse(tb, &rate, &burst, info->extack);
	if (err)
		goto out;
	if (!burst)
		burst = tb[VNET_POLICER_RATE] ?
			vnet_policer_default_burst(rate) : pol->burst;
	spin_lock_bh(&pol->lock);
	vnet_policer_set_rate(pol, rate, burst);
	spin_unlock_bh(&pol->lock);
out:
	return err;
}

/* A policer and the network it belongs to, a vnet_fill_t. */
static int vnet_policer_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_policer *pol = obj;
	u64 pp = 0, pb = 0, dp = 0, db = 0;
	struct nlattr *nest;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct vnet_policer_pcpu *pc = per_cpu_ptr(pol->pcpu, cpu);
		u64 a, b, c, d;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&pc->syncp);
			a = u64_stats_read(&pc->passed_packets);
			b = u64_stats_read(&pc->passed_bytes);
			c = u64_stats_read(&pc->dropped_packets);
			d = u64_stats_read(&pc->dropped_bytes);
		} while (u64_stats_fetch_retry(&pc->syncp, start));
		pp += a;
		pb += b;
		dp += c;
		db += d;
	}

	nest = nla_nest_start(skb, VNET_ATTR_NETWORK);
	if (!nest ||
	    nla_put_u32(skb, VNET_NETWORK_ID, pol->network->id) ||
	    nla_put_string(skb, VNET_NETWORK_NAME, pol->network->name))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	nest = nla_nest_start(skb, VNET_ATTR_POLICER);
	if (!nest ||
	    nla_put_string(skb, VNET_POLICER_NAME, pol->name) ||
	    nla_put_u64_64bit(skb, VNET_POLICER_RATE, pol->rate,
			      VNET_POLICER_PAD) ||
	    nla_put_u32(skb, VNET_POLICER_BURST, pol->burst) ||
	    nla_put_u32(skb, VNET_POLICER_PORTS, pol->users) ||
	    nla_put_u64_64bit(skb, VNET_POLICER_PASSED_PACKETS, pp,
			      VNET_POLICER_PAD) ||
	    nla_put_u64_64bit(skb, VNET_POLICER_PASSED_BYTES, pb,
			      VNET_POLICER_PAD) ||
	    nla_put_u64_64bit(skb, VNET_POLICER_DROPPED_PACKETS, dp,
			      VNET_POLICER_PAD) ||
	    nla_put_u64_64bit(skb, VNET_POLICER_DROPPED_BYTES, db,
			      VNET_POLICER_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The policers of the network the request names, or of every network.
 * pos[0]: networks done; pos[1]: policers sent of the next.
 */
int vnet_nl_policer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vnet_dump_attrs(cb);
	struct vnet_pernet *vn = vnet_pernet(sock_net(skb->sk));
	struct vnet_network *only = NULL, *nw;
	struct vnet_policer *pol;
	long *pos = vnet_dump(cb)->pos;
	long nidx = 0, pidx;
	int err = 0;

	rtnl_lock();
	if (attrs[VNET_ATTR_NETWORK]) {
		only = vnet_network_find(vn, attrs[VNET_ATTR_NETWORK],
					 cb->extack);
		if (IS_ERR(only)) {
			err = PTR_ERR(only);
			goto out;
		}
	}
	/*
	 * A network or policer removed between the dump's parts may make it
	 * skip or repeat one (new ones are appended): flag it.
	 */
	cb->seq = vn->network_gen + vn->policer_gen;
	list_for_each_entry(nw, &vn->networks, list) {
		if (nidx++ < pos[0])
			continue;
		if (only && nw != only) {
			pos[0] = nidx;
			continue;
		}
		pidx = 0;
		list_for_each_entry(pol, &nw->policers, list) {
			if (pidx++ < pos[1])
				continue;
			err = vnet_dump_one(skb, cb, VNET_CMD_POLICER_GET,
					    NULL, vnet_policer_fill, pol);
			if (err)
				goto out;
			pos[1] = pidx;
		}
		pos[0] = nidx;
		pos[1] = 0;
	}
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}
