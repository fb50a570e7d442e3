// SPDX-License-Identifier: GPL-2.0
/*
 * Quotas: what the devices of a network hold, all together, against the
 * network's limits. A device charges its network when it creates an
 * object (port, fdb entry, route, neighbour, rule, connection) and gives
 * the charge back when the object goes. Charges happen on creation only,
 * never per packet. Each device remembers what it holds under its
 * quota_lock, so moving it to another network carries exactly its share.
 */
#include "vnet.h"

static const char *const vnet_quota_full_msg[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = "the network's ports quota is reached",
	[VNET_QUOTA_FDB] = "the network's fdb quota is reached",
	[VNET_QUOTA_ROUTES] = "the network's routes quota is reached",
	[VNET_QUOTA_NEIGH] = "the network's neigh quota is reached",
	[VNET_QUOTA_RULES] = "the network's rules quota is reached",
	[VNET_QUOTA_CONNS] = "the network's conns quota is reached",
};

static const char *const vnet_quota_move_msg[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = "the device's ports do not fit the network's ports quota",
	[VNET_QUOTA_FDB] = "the device's fdb entries do not fit the network's fdb quota",
	[VNET_QUOTA_ROUTES] = "the device's routes do not fit the network's routes quota",
	[VNET_QUOTA_NEIGH] = "the device's neighbours do not fit the network's neigh quota",
	[VNET_QUOTA_RULES] = "the device's rules do not fit the network's rules quota",
	[VNET_QUOTA_CONNS] = "the device's connections do not fit the network's conns quota",
};

static const char *const vnet_quota_below_msg[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = "the ports quota is below the ports in use",
	[VNET_QUOTA_FDB] = "the fdb quota is below the fdb entries in use",
	[VNET_QUOTA_ROUTES] = "the routes quota is below the routes in use",
	[VNET_QUOTA_NEIGH] = "the neigh quota is below the neighbours in use",
	[VNET_QUOTA_RULES] = "the rules quota is below the rules in use",
	[VNET_QUOTA_CONNS] = "the conns quota is below the connections in use",
};

/* Add @n to @used unless that passes @limit. */
static bool vnet_quota_add(atomic_t *used, u32 limit, u32 n)
{
	int old = atomic_read(used);

	do {
		if ((u64)(u32)old + n > limit)
			return false;
	} while (!atomic_try_cmpxchg(used, &old, old + n));
	return true;
}

static void vnet_quota_count_denial(struct vnet_network *nw, enum vnet_quota q)
{
	struct vnet_quota_denials *d;

	local_bh_disable();
	d = this_cpu_ptr(nw->denied);
	u64_stats_update_begin(&d->syncp);
	u64_stats_inc(&d->c[q]);
	u64_stats_update_end(&d->syncp);
	local_bh_enable();
}

/* Charge @n of @q to @vd's network: false, and counted, past its limit. */
bool vnet_quota_take(struct vnet_dev *vd, enum vnet_quota q, u32 n)
{
	struct vnet_network *nw;
	bool ok;

	spin_lock_bh(&vd->quota_lock);
	nw = vd->network;
	ok = vnet_quota_add(&nw->used[q], READ_ONCE(nw->limit[q]), n);
	if (ok)
		vd->charged[q] += n;
	spin_unlock_bh(&vd->quota_lock);
	if (!ok)
		vnet_quota_count_denial(nw, q);
	return ok;
}

void vnet_quota_give(struct vnet_dev *vd, enum vnet_quota q, u32 n)
{
	spin_lock_bh(&vd->quota_lock);
	if (!WARN_ON_ONCE(vd->charged[q] < n)) {
		vd->charged[q] -= n;
		atomic_sub(n, &vd->network->used[q]);
	}
	spin_unlock_bh(&vd->quota_lock);
}

/* vnet_quota_take() for a netlink request: -EDQUOT with a message. */
int vnet_quota_take_nl(struct vnet_dev *vd, enum vnet_quota q, u32 n,
		       struct netlink_ext_ack *extack)
{
	if (vnet_quota_take(vd, q, n))
		return 0;
	vnet_set_err(extack, NULL, vnet_quota_full_msg[q]);
	return -EDQUOT;
}

/*
 * Carry what @vd holds to network @to, if it fits or if @force (undoing a
 * move: what was there goes back); under RTNL.
 */
int vnet_quota_move(struct vnet_dev *vd, struct vnet_network *to, bool force,
		    struct netlink_ext_ack *extack)
{
	struct vnet_network *from = vd->network;
	int q, undo;

	ASSERT_RTNL();
	spin_lock_bh(&vd->quota_lock);
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++) {
		if (force) {
			atomic_add(vd->charged[q], &to->used[q]);
			continue;
		}
		if (!vnet_quota_add(&to->used[q], READ_ONCE(to->limit[q]),
				    vd->charged[q])) {
			for (undo = VNET_QUOTA_PORTS; undo < q; undo++)
				atomic_sub(vd->charged[undo], &to->used[undo]);
			spin_unlock_bh(&vd->quota_lock);
			vnet_set_err(extack, NULL, vnet_quota_move_msg[q]);
			return -EDQUOT;
		}
	}
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		atomic_sub(vd->charged[q], &from->used[q]);
	vd->network = to;
	spin_unlock_bh(&vd->quota_lock);
	return 0;
}

/* The device is gone with all it held: give everything back. */
void vnet_quota_release(struct vnet_dev *vd)
{
	int q;

	spin_lock_bh(&vd->quota_lock);
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++) {
		atomic_sub(vd->charged[q], &vd->network->used[q]);
		vd->charged[q] = 0;
	}
	spin_unlock_bh(&vd->quota_lock);
}

/*
 * Set the limits @nest gives; all or none. A limit below what is in use
 * is refused: nothing held is taken away. Under RTNL; a charge racing
 * with this may still land, as if it came just before.
 */
int vnet_quota_update(struct vnet_network *nw, struct nlattr *nest,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_QUOTA_MAX + 1];
	int q, err;

	err = nla_parse_nested(tb, VNET_QUOTA_MAX, nest, vnet_quota_nl_policy,
			       extack);
	if (err)
		return err;
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++) {
		if (tb[q] && nla_get_u32(tb[q]) < (u32)atomic_read(&nw->used[q])) {
			vnet_set_err(extack, tb[q], vnet_quota_below_msg[q]);
			return -EBUSY;
		}
	}
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		if (tb[q])
			WRITE_ONCE(nw->limit[q], nla_get_u32(tb[q]));
	return 0;
}

/* The QUOTA, USAGE and DENIED nests of a network report. */
int vnet_quota_fill(struct sk_buff *skb, const struct vnet_network *nw)
{
	u64 denied[VNET_QUOTA_MAX + 1] = { 0 };
	struct nlattr *nest;
	int cpu, q;

	for_each_possible_cpu(cpu) {
		const struct vnet_quota_denials *d = per_cpu_ptr(nw->denied, cpu);
		unsigned int start;
		u64 v[VNET_QUOTA_MAX + 1];

		do {
			start = u64_stats_fetch_begin(&d->syncp);
			for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
				v[q] = u64_stats_read(&d->c[q]);
		} while (u64_stats_fetch_retry(&d->syncp, start));
		for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
			denied[q] += v[q];
	}

	nest = nla_nest_start(skb, VNET_NETWORK_QUOTA);
	if (!nest)
		return -EMSGSIZE;
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		if (nla_put_u32(skb, q, READ_ONCE(nw->limit[q])))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);

	nest = nla_nest_start(skb, VNET_NETWORK_USAGE);
	if (!nest)
		return -EMSGSIZE;
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		if (nla_put_u32(skb, q, atomic_read(&nw->used[q])))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);

	/* The u64 counts of enum vnet_quota_denied, numbered as the quotas. */
	BUILD_BUG_ON((int)VNET_QUOTA_DENIED_MAX != (int)VNET_QUOTA_MAX ||
		     (int)VNET_QUOTA_DENIED_PORTS != (int)VNET_QUOTA_PORTS);
	nest = nla_nest_start(skb, VNET_NETWORK_DENIED);
	if (!nest)
		return -EMSGSIZE;
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		if (nla_put_u64_64bit(skb, q, denied[q], VNET_QUOTA_DENIED_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}
