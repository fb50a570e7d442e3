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
#include "vnet.h"

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

void vnet_policer_set_rate(struct vnet_policer *pol, u64 rate, u32 burst)
{
	pol->rate = rate;
	pol->burst = burst;
	/* A millisecond's worth, so fast policers rarely lock. */
	pol->chunk = min_t(u64, max_t(u64, div_u64(rate, 1000), 2048),
			   burst / 4);
	pol->tokens = min_t(s64, pol->tokens, burst);
}

u32 vnet_policer_default_burst(u64 rate)
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

/*
 * A new policer of @nw named @name (NUL-terminated, of the policy's
 * length), full, at @rate bytes a second with a bucket of @burst (0: the
 * default for the rate); under RTNL.
 */
int vnet_policer_add(struct vnet_network *nw, const char *name, u64 rate,
		     u32 burst)
{
	struct vnet_policer *pol;

	pol = kzalloc(sizeof(*pol), GFP_KERNEL_ACCOUNT);
	if (!pol)
		return -ENOMEM;
	pol->pcpu = alloc_percpu_gfp(struct vnet_policer_pcpu, GFP_KERNEL_ACCOUNT);
	if (!pol->pcpu) {
		kfree(pol);
		return -ENOMEM;
	}
	strscpy(pol->name, name, sizeof(pol->name));
	spin_lock_init(&pol->lock);
	pol->network = nw;
	vnet_policer_set_rate(pol, rate, burst ?: vnet_policer_default_burst(rate));
	pol->tokens = pol->burst;
	pol->last = ktime_get_ns();
	list_add_tail(&pol->list, &nw->policers);
	nw->npolicers++;
	return 0;
}

void vnet_policer_remove(struct vnet_policer *pol)
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
#ifdef VNET_SELFTEST
#include "selftest/policer.c"
#endif
