// SPDX-License-Identifier: GPL-2.0
/*
 * Policers: token buckets of a network that ports bind to; what a bound
 * port receives over the rate is dropped and counted. Several ports share
 * one bucket, so each CPU takes tokens from it a chunk at a time and pays
 * for packets from that per-CPU credit: the bucket's lock is taken once
 * per chunk, not per packet. Tokens are only ever moved, never made, so
 * the long-run rate is exact; a burst can exceed the bucket by at most
 * the credit each CPU holds.
 */
#include <linux/math64.h>
#include <net/sock.h>
#include "netlink.h"

/*
 * A packet of @len the CPU's credit does not cover: the credit goes back
 * to the bucket, and the packet passes if the bucket holds @len (or is
 * full, for a GSO packet larger than the burst). A packet larger than what
 * is there leaves the bucket in debt, repaid before the next one passes,
 * so the long-run rate stays exact whatever the packet sizes.
 */
static bool vnet_policer_refill(struct vnet_policer *pol,
				struct vnet_policer_pcpu *pc, unsigned int len,
				u64 now)
{
	s64 want = min_t(s64, len, pol->burst);
	bool pass = false;

	if (now < pc->empty_until)
		return false;
	spin_lock(&pol->lock);
	if (now > pol->last) {
		u64 add = mul_u64_u64_div_u64(now - pol->last, pol->rate,
					      NSEC_PER_SEC);

		if (pol->tokens + (s64)add >= pol->burst) {
			pol->tokens = pol->burst;
			pol->last = now;
		} else {
			/* Only the time the whole tokens took: the fraction
			 * of a token left over counts towards the next.
			 */
			pol->tokens += add;
			pol->last += div64_u64(add * NSEC_PER_SEC +
					       pol->rate - 1, pol->rate);
		}
	}
	pol->tokens += pc->credit;
	pc->credit = 0;
	if (pol->tokens >= want) {
		pol->tokens -= len;
		if (pol->tokens > 0) {
			pc->credit = min_t(s64, pol->tokens, pol->chunk);
			pol->tokens -= pc->credit;
		}
		pass = true;
	} else {
		/* Nothing to take until the bucket has refilled this much. */
		pc->empty_until = now + div64_u64((want - pol->tokens) *
						  NSEC_PER_SEC, pol->rate);
	}
	spin_unlock(&pol->lock);
	return pass;
}

/*
 * Pay for a packet of @len from @pc's credit, or else from the bucket at
 * the time @clock gives. Always inlined: the fast path reads the clock only
 * when it goes to the bucket, and the self-test passes a clock of its own.
 */
static __always_inline bool vnet_policer_take(struct vnet_policer *pol,
					      struct vnet_policer_pcpu *pc,
					      unsigned int len,
					      u64 (*clock)(void))
{
	if (likely(pc->credit >= len)) {
		pc->credit -= len;
		return true;
	}
	return vnet_policer_refill(pol, pc, len, clock());
}

/* May a packet of @len bytes pass? BHs off, under RCU. */
bool vnet_policer_pass(struct vnet_policer *pol, unsigned int len)
{
	struct vnet_policer_pcpu *pc = this_cpu_ptr(pol->pcpu);
	bool pass;

	pass = vnet_policer_take(pol, pc, len, ktime_get_ns);
	u64_stats_update_begin(&pc->syncp);
	if (pass) {
		u64_stats_inc(&pc->passed_packets);
		u64_stats_add(&pc->passed_bytes, len);
	} else {
		u64_stats_inc(&pc->dropped_packets);
		u64_stats_add(&pc->dropped_bytes, len);
	}
	u64_stats_update_end(&pc->syncp);
	return pass;
}

static void vnet_policer_set_rate(struct vnet_policer *pol, u64 rate,
				  u32 burst)
{
	pol->rate = rate;
	pol->burst = burst;
	/* A millisecond's worth, so fast policers rarely lock. */
	pol->chunk = min_t(u64, max_t(u64, div_u64(rate, 1000), 2048),
			   burst / 4);
	pol->tokens = min_t(s64, pol->tokens, burst);
}

static u32 vnet_policer_default_burst(u64 rate)
{
	/* At least a whole GSO packet, so TCP is not starved. */
	return clamp_t(u64, div_u64(rate, 50), 65536, VNET_POLICER_BURST_MAX);
}

struct vnet_policer *vnet_policer_find(struct vnet_network *nw,
				       const char *name)
{
	struct vnet_policer *pol;

	list_for_each_entry(pol, &nw->policers, list)
		if (!strcmp(pol->name, name))
			return pol;
	return NULL;
}

static void vnet_policer_free_rcu(struct rcu_head *head)
{
	struct vnet_policer *pol = container_of(head, struct vnet_policer, rcu);

	free_percpu(pol->pcpu);
	kfree(pol);
}

static void vnet_policer_remove(struct vnet_policer *pol)
{
	vnet_pernet(pol->network->net)->policer_gen++;
	list_del(&pol->list);
	pol->network->npolicers--;
	call_rcu(&pol->rcu, vnet_policer_free_rcu);
}

/* The network is going and no port is bound any more. */
void vnet_policers_destroy(struct vnet_network *nw)
{
	struct vnet_policer *pol, *tmp;

	list_for_each_entry_safe(pol, tmp, &nw->policers, list)
		vnet_policer_remove(pol);
}

/* Bind @port to its network's policer @name, or unbind it (""). */
int vnet_port_bind_policer(struct vnet_port *port, const char *name,
			   struct netlink_ext_ack *extack)
{
	struct vnet_policer *old = rtnl_dereference(port->policer), *pol = NULL;

	ASSERT_RTNL();
	if (name[0]) {
		pol = vnet_policer_find(port->vd->network, name);
		if (!pol) {
			NL_SET_ERR_MSG(extack,
				       "no such policer in the device's network");
			return -ENOENT;
		}
	}
	if (pol == old)
		return 0;
	if (pol)
		pol->users++;
	rcu_assign_pointer(port->policer, pol);
	if (old)
		old->users--;
	return 0;
}

/* Rate and burst of a request, checked; *@burst 0 if not given. */
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
	struct vnet_policer *pol;
	u64 rate = 0;
	u32 burst;
	int err = 0;

	nw = vnet_policer_request(info, tb);
	if (IS_ERR(nw)) {
		err = PTR_ERR(nw);
		goto out;
	}
	if (!tb[VNET_POLICER_RATE]) {
		NL_SET_ERR_MSG(extack, "the policer's rate is required");
		err = -EINVAL;
		goto out;
	}
	err = vnet_policer_parse(tb, &rate, &burst, extack);
	if (err)
		goto out;
	if (vnet_policer_find(nw, nla_data(tb[VNET_POLICER_NAME]))) {
		NL_SET_ERR_MSG(extack,
			       "the network already has a policer of this name");
		err = -EEXIST;
		goto out;
	}
	pol = kzalloc(sizeof(*pol), GFP_KERNEL_ACCOUNT);
	if (!pol) {
		err = -ENOMEM;
		goto out;
	}
	pol->pcpu = alloc_percpu_gfp(struct vnet_policer_pcpu, GFP_KERNEL_ACCOUNT);
	if (!pol->pcpu) {
		kfree(pol);
		err = -ENOMEM;
		goto out;
	}
	nla_strscpy(pol->name, tb[VNET_POLICER_NAME], sizeof(pol->name));
	spin_lock_init(&pol->lock);
	pol->network = nw;
	vnet_policer_set_rate(pol, rate, burst ?: vnet_policer_default_burst(rate));
	pol->tokens = pol->burst;
	pol->last = ktime_get_ns();
	list_add_tail(&pol->list, &nw->policers);
	nw->npolicers++;
out:
	return err;
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

/* One policer of a dump, flagged if one was removed since its start. */
static int vnet_policer_fill(struct sk_buff *skb, struct vnet_policer *pol,
			     struct netlink_callback *cb, u32 portid, u32 seq,
			     int flags)
{
	u64 pp = 0, pb = 0, dp = 0, db = 0;
	struct nlattr *nest;
	void *hdr;
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

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags,
			  VNET_CMD_POLICER_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	nest = nla_nest_start(skb, VNET_ATTR_NETWORK);
	if (!nest ||
	    nla_put_u32(skb, VNET_NETWORK_ID, pol->network->id) ||
	    nla_put_string(skb, VNET_NETWORK_NAME, pol->network->name))
		goto cancel;
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
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * The policers of the network the request names, or of every network.
 * pos[0]: networks done; pos[1]: policers sent of the next.
 */
int vnet_nl_policer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_pernet *vn = vnet_pernet(sock_net(skb->sk));
	struct vnet_network *only = NULL, *nw;
	struct vnet_policer *pol;
	long *pos = vnet_dump(cb)->pos;
	long nidx = 0, pidx;
	int err = 0;

	rtnl_lock();
	if (info->attrs[VNET_ATTR_NETWORK]) {
		only = vnet_network_find(vn, info->attrs[VNET_ATTR_NETWORK],
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
			err = vnet_policer_fill(skb, pol, cb,
						NETLINK_CB(cb->skb).portid,
						cb->nlh->nlmsg_seq, NLM_F_MULTI);
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

#ifdef VNET_SELFTEST
#include "selftest/policer.c"
#endif
