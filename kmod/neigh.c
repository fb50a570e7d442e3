// SPDX-License-Identifier: GPL-2.0
/*
 * The vrouter's neighbour table: IPv4 (ARP) and IPv6 (neighbour discovery)
 * address -> MAC, in one rhashtable keyed by struct vnet_neigh_key. A
 * packet to an unknown next hop creates an incomplete entry, waits in its
 * bounded queue and triggers an ARP request or a neighbour solicitation;
 * the answer sends the queue. Unanswered requests are retried each second, then the entry
 * is marked failed and its packets dropped. Confirmed entries turn stale
 * after VNET_NEIGH_REACHABLE_TIME; a stale entry in use is re-probed, and
 * an unconfirmed one is forgotten after VNET_NEIGH_GC_TIME more.
 *
 * The packet path reads state and MAC under the entry's seqlock and takes
 * no lock for a resolved neighbour; the queue of an unresolved one is
 * written under the seqlock's spinlock.
 *
 * Resolution is bounded as a scan of a connected /16 needs it to be:
 * bytes queued per entry and per device, entries unresolved at once (the
 * oldest is forgotten for a new one), and new resolutions a port starts
 * per second.
 */
#include <linux/etherdevice.h>
#include <net/ipv6.h>
#include "vnet.h"

#define VNET_NEIGH_PROBES	3
#define VNET_NEIGH_RETRY	HZ
#define VNET_NEIGH_REACHABLE_TIME	(30 * HZ)
#define VNET_NEIGH_GC_TIME	(60 * HZ)
#define VNET_NEIGH_FAILED_KEEP	(10 * HZ)

struct vnet_neigh {
	struct rhash_head node;
	struct vnet_neigh_key key;
	u8 state;			/* enum vnet_neigh_state, under lock */
	u8 probes;			/* requests sent while incomplete */
	u8 mac[ETH_ALEN];		/* under lock */
	seqlock_t lock;
	struct vnet_port *port;		/* where it is; under lock */
	unsigned long updated;		/* jiffies of the last confirmation */
	unsigned long probed;		/* jiffies of the last request */
	struct sk_buff_head queue;	/* waiting for resolution, under lock */
	u32 queued_bytes;		/* their truesize, under lock */
	struct list_head list;		/* table entries, under table lock */
	struct list_head unresolved;	/* tbl->unresolved, under table lock */
	struct rcu_head rcu;
};

static const struct rhashtable_params vnet_neigh_params = {
	.head_offset = offsetof(struct vnet_neigh, node),
	.key_offset = offsetof(struct vnet_neigh, key),
	.key_len = sizeof(struct vnet_neigh_key),
	.automatic_shrinking = true,
};

static bool vnet_neigh_valid(u8 state)
{
	return state == VNET_NEIGH_REACHABLE || state == VNET_NEIGH_STALE ||
	       state == VNET_NEIGH_PERMANENT;
}

/* Run the retry and ageing work in @delay, unless it is already due. */
static void vnet_neigh_kick(struct vnet_neigh_table *tbl, unsigned long delay)
{
	queue_delayed_work(system_power_efficient_wq, &tbl->work, delay);
}

/* Move what waits in @n's queue to @to; under n->lock. */
static void vnet_neigh_take_queue(struct vnet_neigh_table *tbl,
				  struct vnet_neigh *n, struct sk_buff_head *to)
{
	atomic_sub(n->queued_bytes, &tbl->queued_bytes);
	n->queued_bytes = 0;
	skb_queue_splice_init(&n->queue, to);
}

/* Count @bytes more queued on the device, if they fit. */
static bool vnet_neigh_charge(struct vnet_neigh_table *tbl,
			      unsigned int bytes)
{
	if (atomic_add_return(bytes, &tbl->queued_bytes) <=
	    VNET_NEIGH_QUEUE_DEV_BYTES)
		return true;
	atomic_sub(bytes, &tbl->queued_bytes);
	return false;
}

/* Drop what waits in @n's queue; under n->lock. */
static void vnet_neigh_purge(struct vnet_neigh_table *tbl,
			     struct vnet_neigh *n)
{
	struct sk_buff_head gone;
	struct sk_buff *skb;

	__skb_queue_head_init(&gone);
	vnet_neigh_take_queue(tbl, n, &gone);
	while ((skb = __skb_dequeue(&gone)))
		vnet_router_drop(n->port, skb, VNET_STATS_DROP_NEIGH_FAILED);
}

static void vnet_neigh_free_rcu(struct rcu_head *head)
{
	struct vnet_neigh *n = container_of(head, struct vnet_neigh, rcu);

	kfree(n);
}

/* Take @n out of the table; under tbl->lock, BHs off. */
static void vnet_neigh_remove(struct vnet_dev *vd, struct vnet_neigh *n)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;

	lockdep_assert_held(&tbl->lock);
	rhashtable_remove_fast(&tbl->table, &n->node, vnet_neigh_params);
	list_del_rcu(&n->list);
	if (!list_empty(&n->unresolved)) {
		list_del_init(&n->unresolved);
		tbl->unresolved_len--;
	}
	atomic_dec(&tbl->count);
	vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
	WRITE_ONCE(tbl->removals, tbl->removals + 1);
	write_seqlock(&n->lock);
	vnet_neigh_purge(tbl, n);
	n->state = VNET_NEIGH_FAILED;
	write_sequnlock(&n->lock);
	call_rcu(&n->rcu, vnet_neigh_free_rcu);
}

/* A new entry for @addr on @port in @state, not in the table yet. */
static struct vnet_neigh *vnet_neigh_alloc(const struct vnet_neigh_key *key,
					   struct vnet_port *port, u8 state,
					   gfp_t gfp)
{
	struct vnet_neigh *n = kzalloc(sizeof(*n), gfp);

	if (!n)
		return NULL;
	n->key = *key;
	n->state = state;
	n->port = port;
	n->updated = jiffies;
	n->probed = jiffies;
	seqlock_init(&n->lock);
	__skb_queue_head_init(&n->queue);
	INIT_LIST_HEAD(&n->unresolved);
	return n;
}

/* Publish @n, just inserted in the table; under the table lock. */
static void vnet_neigh_link(struct vnet_neigh_table *tbl,
			    struct vnet_neigh *n)
{
	list_add_tail_rcu(&n->list, &tbl->entries);
	atomic_inc(&tbl->count);
}

/*
 * Line @n, new and incomplete, up behind the entries made before it, and
 * keep that line at VNET_NEIGH_UNRESOLVED_MAX: the entries at its head
 * leave it, and one still unresolved (incomplete, or failed and kept to
 * answer) is forgotten. Every unresolved entry is in the line, so at most
 * that many are unresolved at once, whatever a scan asks for; resolved
 * ones leave it when they reach its head. Under the table lock.
 */
static void vnet_neigh_line_up(struct vnet_dev *vd, struct vnet_neigh *n)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *head;
	unsigned int seq;
	u8 state;

	lockdep_assert_held(&tbl->lock);
	while (tbl->unresolved_len >= VNET_NEIGH_UNRESOLVED_MAX) {
		head = list_first_entry(&tbl->unresolved, struct vnet_neigh,
					unresolved);
		list_del_init(&head->unresolved);
		tbl->unresolved_len--;
		do {
			seq = read_seqbegin(&head->lock);
			state = head->state;
		} while (read_seqretry(&head->lock, seq));
		if (!vnet_neigh_valid(state)) {
			vnet_neigh_remove(vd, head);
			vnet_stats_add(vd->stats, VNET_STATS_NEIGH_EVICTED, 1);
		}
	}
	list_add_tail(&n->unresolved, &tbl->unresolved);
	tbl->unresolved_len++;
}

/*
 * May @port start resolving one more next hop this second? A window per
 * port, read and reset without a lock: CPUs racing on it may each start
 * a few more, and the bound stays a bound.
 */
static bool vnet_neigh_may_resolve(struct vnet_port *port)
{
	unsigned long now = jiffies;
	u32 n;

	if (time_after_eq(now, READ_ONCE(port->resolve_start) + HZ)) {
		WRITE_ONCE(port->resolve_start, now);
		WRITE_ONCE(port->resolves, 0);
	}
	n = READ_ONCE(port->resolves);
	if (n >= VNET_NEIGH_RESOLVE_RATE)
		return false;
	WRITE_ONCE(port->resolves, n + 1);
	return true;
}

/*
 * The entry for @key, made incomplete on @port if missing (its first
 * request counted as sent). From the packet path (BHs off), charged to
 * the device's owner. *@created tells a new one. One made to resolve
 * (@resolving) joins the line of unresolved entries; one ARP just told
 * about (neighbour discovery makes none) is resolved at once and does
 * not.
 */
static struct vnet_neigh *vnet_neigh_get(struct vnet_dev *vd,
					 struct vnet_port *port,
					 const struct vnet_neigh_key *key,
					 bool resolving, bool *created)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *n, *old;
	struct mem_cgroup *old_memcg;

	*created = false;
	n = rhashtable_lookup(&tbl->table, key, vnet_neigh_params);
	if (n)
		return n;
	if (atomic_read(&tbl->count) >= VNET_NEIGH_LIMIT ||
	    !vnet_quota_take(vd, VNET_QUOTA_NEIGH, 1)) {
		vnet_stats_add(vd->stats, VNET_STATS_NEIGH_FULL, 1);
		return NULL;
	}
	old_memcg = vnet_memcg_enter(vd);
	n = vnet_neigh_alloc(key, port, VNET_NEIGH_INCOMPLETE, VNET_GFP_ENTRY);
	vnet_memcg_leave(old_memcg);
	if (!n) {
		vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
		return NULL;
	}
	n->probes = 1;

	spin_lock(&tbl->lock);
	old = rhashtable_lookup_get_insert_fast(&tbl->table, &n->node,
						vnet_neigh_params);
	if (old) {
		spin_unlock(&tbl->lock);
		kfree(n);
		vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
		return IS_ERR(old) ? NULL : old;
	}
	vnet_neigh_link(tbl, n);
	if (resolving)
		vnet_neigh_line_up(vd, n);
	spin_unlock(&tbl->lock);
	*created = true;
	vnet_neigh_kick(tbl, VNET_NEIGH_RETRY);
	return n;
}

/* Ask for @key out of @port: ARP or a neighbour solicitation. */
static void vnet_neigh_probe(struct vnet_port *port,
			     const struct vnet_neigh_key *key)
{
	struct sk_buff *skb;

	if (key->scope == VNET_NEIGH_SCOPE_INET)
		skb = vnet_arp_request(port, key->addr.s6_addr32[3]);
	else
		skb = vnet_nd_solicit(port, &key->addr);
	if (skb)
		vnet_port_xmit(port, skb);
}

/*
 * Send @skb (data at the IP header), which came in on @in (NULL: the
 * router made it), out of @out to @nexthop, resolving it first if
 * needed; a resolution counts against @in's rate, so that a scan from
 * one port does not use up what others may start. Under RCU, BHs off.
 */
void vnet_neigh_output(struct vnet_dev *vd, struct vnet_port *in,
		       struct vnet_port *out,
		       const struct vnet_neigh_key *nexthop,
		       struct sk_buff *skb)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *n;
	u8 mac[ETH_ALEN];
	unsigned int seq;
	bool created;
	u8 state;

	n = rhashtable_lookup(&tbl->table, nexthop, vnet_neigh_params);
	if (likely(n)) {
		do {
			seq = read_seqbegin(&n->lock);
			state = n->state;
			ether_addr_copy(mac, n->mac);
		} while (read_seqretry(&n->lock, seq));
		if (likely(vnet_neigh_valid(state))) {
			/* A stale neighbour in use is asked again, once a second. */
			if (unlikely(state == VNET_NEIGH_STALE) &&
			    time_after(jiffies, READ_ONCE(n->probed) +
				       VNET_NEIGH_RETRY)) {
				WRITE_ONCE(n->probed, jiffies);
				vnet_neigh_probe(out, nexthop);
			}
			vnet_router_send(out, skb, mac);
			return;
		}
	}

	if (!in)
		in = out;	/* the router's own: the port it leaves by */
	if (!n && unlikely(!vnet_neigh_may_resolve(in))) {
		vnet_router_drop(in, skb, VNET_STATS_NEIGH_RATELIMITED);
		return;
	}
	n = vnet_neigh_get(vd, out, nexthop, true, &created);
	if (!n) {
		vnet_router_drop(out, skb, VNET_STATS_DROP_NEIGH_FAILED);
		return;
	}
	write_seqlock(&n->lock);
	state = n->state;
	if (vnet_neigh_valid(state)) {
		/* Resolved since the lookup above. */
		ether_addr_copy(mac, n->mac);
		write_sequnlock(&n->lock);
		vnet_router_send(out, skb, mac);
		return;
	}
	if (state == VNET_NEIGH_FAILED) {
		write_sequnlock(&n->lock);
		vnet_icmp_host_unreachable(vd, skb);
		vnet_router_drop(out, skb, VNET_STATS_DROP_NEIGH_FAILED);
		return;
	}
	/* An empty queue takes one packet of any size (a GRO'd one may
	 * be more than VNET_NEIGH_QUEUE_BYTES alone).
	 */
	if (skb_queue_len(&n->queue) >= VNET_NEIGH_QUEUE_LEN ||
	    (n->queued_bytes &&
	     n->queued_bytes + skb->truesize > VNET_NEIGH_QUEUE_BYTES) ||
	    !vnet_neigh_charge(tbl, skb->truesize)) {
		write_sequnlock(&n->lock);
		vnet_router_drop(out, skb, VNET_STATS_DROP_QUEUE_FULL);
		/* Its first request was counted as sent: send it. */
		if (created)
			vnet_neigh_probe(out, nexthop);
		return;
	}
	n->queued_bytes += skb->truesize;
	/* It may wait seconds, past the ingress device: it holds no reference
	 * to that. It is the router's own device's now, as ip_output() makes
	 * it the egress device's; that one outlives the queue.
	 */
	skb->dev = vd->dev;
	__skb_queue_tail(&n->queue, skb);
	write_sequnlock(&n->lock);
	if (created)
		vnet_neigh_probe(out, nexthop);
}

/*
 * @n is at @mac on @port, now in @state: what waited for it moves to
 * @waiting, for the caller to send with no lock held. Under n->lock.
 */
static void vnet_neigh_set(struct vnet_neigh_table *tbl,
			   struct vnet_neigh *n, struct vnet_port *port,
			   const u8 *mac, u8 state,
			   struct sk_buff_head *waiting)
{
	ether_addr_copy(n->mac, mac);
	n->state = state;
	n->port = port;
	n->probes = 0;
	n->updated = jiffies;
	vnet_neigh_take_queue(tbl, n, waiting);
}

/* Send what waited for a neighbour at @mac on @port. BHs off. */
static void vnet_neigh_send_waiting(struct vnet_port *port, const u8 *mac,
				    struct sk_buff_head *waiting)
{
	u16 crossings = vnet_patch_crossings();
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(waiting))) {
		vnet_patch_set_crossings(crossings);
		vnet_router_send(port, skb, mac);
	}
}

/*
 * ARP or neighbour discovery says @n is at @mac on @port: it is reachable
 * there, unless the user made it permanent, or it is known at another
 * address and the news does not @override it; send what waited for it.
 * BHs off.
 */
static void vnet_neigh_resolve(struct vnet_neigh_table *tbl,
			       struct vnet_neigh *n, struct vnet_port *port,
			       const u8 *mac, bool override)
{
	struct sk_buff_head waiting;

	__skb_queue_head_init(&waiting);
	write_seqlock(&n->lock);
	if (n->state == VNET_NEIGH_PERMANENT ||
	    (!override && vnet_neigh_valid(n->state) &&
	     !ether_addr_equal(n->mac, mac))) {
		/* What the user set is not for the wire to change. */
		write_sequnlock(&n->lock);
		return;
	}
	vnet_neigh_set(tbl, n, port, mac, VNET_NEIGH_REACHABLE, &waiting);
	write_sequnlock(&n->lock);
	vnet_neigh_send_waiting(port, mac, &waiting);
}

/*
 * @key is at @mac on @port (it sent an ARP request or reply, a neighbour
 * solicitation or advertisement). Update its entry, made if @create, as
 * vnet_neigh_resolve() may, and send what waited for it. BHs off.
 */
void vnet_neigh_confirm(struct vnet_dev *vd, struct vnet_port *port,
			const struct vnet_neigh_key *key, const u8 *mac,
			bool create, bool override)
{
	struct vnet_neigh *n;
	bool created;

	if (create)
		n = vnet_neigh_get(vd, port, key, false, &created);
	else
		n = rhashtable_lookup(&vd->router.neigh.table, key,
				      vnet_neigh_params);
	if (n)
		vnet_neigh_resolve(&vd->router.neigh, n, port, mac, override);
}

/*
 * Make @key a permanent neighbour at @mac on @port, new or replacing what
 * is there, and send what waited for it. Under RTNL. The entry is found,
 * or a new one inserted, and made permanent under the table lock, which
 * every removal holds: the update never lands on an entry the ageing work
 * is taking out, to be lost with it.
 */
int vnet_neigh_add_permanent(struct vnet_dev *vd, struct vnet_port *port,
			     const struct vnet_neigh_key *key, const u8 *mac,
			     struct netlink_ext_ack *extack)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *n, *fresh;
	struct sk_buff_head waiting;
	int err = 0;

	ASSERT_RTNL();
	/* A new entry is ready before it is published. */
	fresh = vnet_neigh_alloc(key, port, VNET_NEIGH_PERMANENT,
				 GFP_KERNEL_ACCOUNT);
	if (!fresh)
		return -ENOMEM;
	ether_addr_copy(fresh->mac, mac);
	__skb_queue_head_init(&waiting);

	spin_lock_bh(&tbl->lock);
	n = rhashtable_lookup_fast(&tbl->table, key, vnet_neigh_params);
	if (n) {
		/* In the table under its lock: live, not being removed. */
		write_seqlock(&n->lock);
		vnet_neigh_set(tbl, n, port, mac, VNET_NEIGH_PERMANENT,
			       &waiting);
		write_sequnlock(&n->lock);
		goto unlock;
	}
	if (atomic_read(&tbl->count) >= VNET_NEIGH_LIMIT ||
	    !vnet_quota_take(vd, VNET_QUOTA_NEIGH, 1)) {
		vnet_stats_add(vd->stats, VNET_STATS_NEIGH_FULL, 1);
		NL_SET_ERR_MSG(extack,
			       "the neighbour table is full or the network's neigh quota is reached");
		err = -ENOSPC;
		goto unlock;
	}
	err = rhashtable_insert_fast(&tbl->table, &fresh->node,
				     vnet_neigh_params);
	if (err) {
		vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
		goto unlock;
	}
	vnet_neigh_link(tbl, fresh);
	fresh = NULL;
unlock:
	spin_unlock_bh(&tbl->lock);
	kfree(fresh);

	/* No lock held: the port's lower or patch may lead back here. */
	local_bh_disable();
	rcu_read_lock();
	vnet_neigh_send_waiting(port, mac, &waiting);
	rcu_read_unlock();
	local_bh_enable();
	return err;
}

int vnet_neigh_del(struct vnet_dev *vd, const struct vnet_neigh_key *key,
		   struct netlink_ext_ack *extack)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *n;
	int err = 0;

	spin_lock_bh(&tbl->lock);
	n = rhashtable_lookup_fast(&tbl->table, key, vnet_neigh_params);
	if (n) {
		vnet_neigh_remove(vd, n);
	} else {
		NL_SET_ERR_MSG(extack, "no such neighbour");
		err = -ENOENT;
	}
	spin_unlock_bh(&tbl->lock);
	return err;
}

/* Is @n due to be forgotten at @now? Under n->lock, or in its read side. */
static bool vnet_neigh_expired(const struct vnet_neigh *n, unsigned long now)
{
	if (n->state == VNET_NEIGH_STALE)
		return time_after(now, n->updated + VNET_NEIGH_REACHABLE_TIME +
				  VNET_NEIGH_GC_TIME);
	if (n->state == VNET_NEIGH_FAILED)
		return time_after(now, n->updated + VNET_NEIGH_FAILED_KEEP);
	return false;
}

/*
 * One entry of the retry and ageing walk; under RCU, BHs on. Its request,
 * if it is due one, is sent at once with no lock held (the port's lower
 * may loop back to us): the port cannot go while the walk is in RCU.
 */
static bool vnet_neigh_age_one(void *obj, void *arg)
{
	struct vnet_dev *vd = arg;
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *n = obj;
	unsigned long now = jiffies;
	struct sk_buff_head failed;
	struct vnet_port *port;
	struct sk_buff *skb;
	bool probe = false;
	unsigned int seq;
	bool gone;

	__skb_queue_head_init(&failed);
	write_seqlock_bh(&n->lock);
	switch (n->state) {
	case VNET_NEIGH_INCOMPLETE:
		/* The work runs each VNET_NEIGH_RETRY; allow it slack. */
		if (time_before(now, n->probed + VNET_NEIGH_RETRY * 3 / 4))
			break;
		if (n->probes >= VNET_NEIGH_PROBES) {
			n->state = VNET_NEIGH_FAILED;
			n->updated = now;
			/* Answered below, with no lock held: an answer
			 * may be routed to this very entry.
			 */
			vnet_neigh_take_queue(tbl, n, &failed);
		} else {
			n->probes++;
			n->probed = now;
			probe = true;
		}
		break;
	case VNET_NEIGH_REACHABLE:
		if (time_after(now, n->updated + VNET_NEIGH_REACHABLE_TIME))
			n->state = VNET_NEIGH_STALE;
		break;
	}
	gone = vnet_neigh_expired(n, now);
	port = n->port;
	write_sequnlock_bh(&n->lock);

	if (!skb_queue_empty(&failed)) {
		local_bh_disable();
		while ((skb = __skb_dequeue(&failed))) {
			vnet_icmp_host_unreachable(vd, skb);
			vnet_router_drop(port, skb,
					 VNET_STATS_DROP_NEIGH_FAILED);
		}
		local_bh_enable();
	}

	if (gone) {
		spin_lock_bh(&tbl->lock);
		/* Still in the table, and not confirmed since. */
		if (rhashtable_lookup_fast(&tbl->table, &n->key,
					   vnet_neigh_params) == n) {
			do {
				seq = read_seqbegin(&n->lock);
				gone = vnet_neigh_expired(n, now);
			} while (read_seqretry(&n->lock, seq));
			if (gone)
				vnet_neigh_remove(vd, n);
		}
		spin_unlock_bh(&tbl->lock);
	} else if (probe) {
		local_bh_disable();
		vnet_neigh_probe(port, &n->key);
		local_bh_enable();
	}
	return true;
}

/*
 * Retries, failures and ageing, once a second while there are entries: a
 * walk that yields (vnet_table_walk()), so a million entries neither keep
 * BHs off nor hold up the table's writers. An entry the walk misses is
 * seen a second later.
 */
static void vnet_neigh_work(struct work_struct *work)
{
	struct vnet_neigh_table *tbl =
		container_of(to_delayed_work(work), struct vnet_neigh_table,
			     work);
	struct vnet_router *r = container_of(tbl, struct vnet_router, neigh);
	struct vnet_dev *vd = container_of(r, struct vnet_dev, router);

	vnet_table_walk(&tbl->table, vnet_neigh_age_one, vd);
	if (atomic_read(&tbl->count))
		vnet_neigh_kick(tbl, VNET_NEIGH_RETRY);
}

/* Is @n on the subnet of @net (an address and its prefix length)? */
static bool vnet_neigh_within(const struct vnet_neigh *n,
			      const struct vnet_addr *net)
{
	const struct in6_addr *addr = &n->key.addr;
	bool inet = n->key.scope == VNET_NEIGH_SCOPE_INET;

	if (net->family == AF_INET6)
		return !inet && ipv6_prefix_equal(addr, &net->addr6, net->plen);
	return inet &&
	       !((addr->s6_addr32[3] ^ net->addr) &
		 htonl(vnet_prefix_mask(net->plen)));
}

/*
 * Forget the neighbours on @port (every port if NULL) within the subnet
 * of @net (all if NULL); under RTNL.
 */
void vnet_neigh_forget(struct vnet_dev *vd, struct vnet_port *port,
		       const struct vnet_addr *net)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	struct vnet_neigh *n, *tmp;

	spin_lock_bh(&tbl->lock);
	list_for_each_entry_safe(n, tmp, &tbl->entries, list) {
		if ((!port || n->port == port) &&
		    (!net || vnet_neigh_within(n, net)))
			vnet_neigh_remove(vd, n);
	}
	spin_unlock_bh(&tbl->lock);
}

int vnet_neigh_init(struct vnet_dev *vd)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	int err;

	err = rhashtable_init(&tbl->table, &vnet_neigh_params);
	if (err)
		return err;
	INIT_LIST_HEAD(&tbl->entries);
	INIT_LIST_HEAD(&tbl->unresolved);
	tbl->unresolved_len = 0;
	atomic_set(&tbl->queued_bytes, 0);
	spin_lock_init(&tbl->lock);
	atomic_set(&tbl->count, 0);
	INIT_DELAYED_WORK(&tbl->work, vnet_neigh_work);
	return 0;
}

/* The device is unregistered, its ports gone and its readers done. */
void vnet_neigh_uninit(struct vnet_dev *vd)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;

	cancel_delayed_work_sync(&tbl->work);
	vnet_neigh_forget(vd, NULL, NULL);
	rhashtable_destroy(&tbl->table);
}

static int vnet_neigh_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_neigh *n = obj;
	struct vnet_port *port;
	struct nlattr *nest;
	u8 mac[ETH_ALEN];
	unsigned int seq;
	unsigned long updated;
	u32 queued;
	u8 state;

	do {
		seq = read_seqbegin(&n->lock);
		state = n->state;
		port = n->port;
		updated = n->updated;
		queued = skb_queue_len(&n->queue);
		ether_addr_copy(mac, n->mac);
	} while (read_seqretry(&n->lock, seq));

	nest = nla_nest_start(skb, VNET_ATTR_NEIGH);
	if (!nest ||
	    (n->key.scope == VNET_NEIGH_SCOPE_INET ?
	     nla_put_in_addr(skb, VNET_NEIGH_ADDRESS,
			     n->key.addr.s6_addr32[3]) :
	     nla_put_in6_addr(skb, VNET_NEIGH_ADDRESS6, &n->key.addr)) ||
	    (vnet_neigh_valid(state) &&
	     nla_put(skb, VNET_NEIGH_MAC, ETH_ALEN, mac)) ||
	    nla_put_u32(skb, VNET_NEIGH_PORT, port->index) ||
	    nla_put_string(skb, VNET_NEIGH_PORT_NAME, port->name) ||
	    nla_put_u8(skb, VNET_NEIGH_STATE, state) ||
	    nla_put_u32(skb, VNET_NEIGH_AGE,
			jiffies_to_msecs(jiffies - updated)) ||
	    nla_put_u32(skb, VNET_NEIGH_QUEUED, queued))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Dump entries after the cursor: cursor[0..2] the key of the last one
 * sent, with how many were sent in cursor[2]'s low half (to skip if that
 * entry is gone).
 */
int vnet_neigh_dump(struct vnet_dev *vd, long *cursor, vnet_emit_t emit,
		    void *arg)
{
	struct vnet_neigh_table *tbl = &vd->router.neigh;
	long sent = (u32)cursor[2], skip = 0;
	struct vnet_neigh *n = NULL;
	struct vnet_neigh_key last;
	int err = 0;

	BUILD_BUG_ON(sizeof(last.addr) != 2 * sizeof(*cursor));
	rcu_read_lock();
	if (sent) {
		memcpy(&last.addr, cursor, sizeof(last.addr));
		last.scope = (u64)cursor[2] >> 32;
		n = rhashtable_lookup(&tbl->table, &last, vnet_neigh_params);
		if (!n)
			skip = sent;
	}
	if (!n)
		n = list_entry(&tbl->entries, struct vnet_neigh, list);
	list_for_each_entry_continue_rcu(n, &tbl->entries, list) {
		if (skip) {
			skip--;
			continue;
		}
		err = emit(vnet_neigh_fill, n, arg);
		if (err)
			break;
		memcpy(cursor, &n->key.addr, sizeof(n->key.addr));
		sent++;
		cursor[2] = (long)((u64)n->key.scope << 32 | (u32)sent);
	}
	rcu_read_unlock();
	return err;
}
