// SPDX-License-Identifier: GPL-2.0
/*
 * ARP and neighbour discovery suppression for a vswitch (neigh-suppress),
 * as the bridge's neigh_suppress does for EVPN: a port's broadcast ARP
 * request or multicast solicitation for an address whose MAC the switch
 * knows, on another port, is answered on that port as the address's owner
 * would answer it, instead of flooded to every port and, on a segment
 * across hosts, to every host.
 *
 * The switch knows an address from port security (an endpoint's allowed
 * MAC and addresses: owned bindings, kept in step under RTNL), or learns
 * it from the ARP (its sender) and neighbour advertisements (their target)
 * that ports with learning on send from the MAC they name. Learned
 * bindings age with the switch's ageing time and are bounded as learned
 * MACs are: per port by its learning limit, per switch by
 * VNET_NEIGH_LIMIT, per network by its neighbour quota.
 *
 * Not answered: requests from the tunnel (the host that sent them had no
 * binding; the owner answers) and from the host on the device; unicast
 * requests (probes of a known neighbour are for the neighbour); address
 * probes (sender 0.0.0.0, solicitations from ::) and gratuitous ARP. A
 * solicitation is answered only once the switch has seen its owner
 * advertise the address, whose router flag the answer repeats: a wrong one
 * would make hosts drop a router (RFC 4861 7.2.5).
 *
 * With vlan-filtering a binding is an address in a VLAN: learned from
 * what a port sends in that VLAN, owned in the VLAN a port is untagged in
 * (its pvid), answered only to requests in the same VLAN, in that VLAN,
 * from a MAC the switch has in it. A switch without filtering keys them
 * by VLAN 0, and leaves tagged frames alone.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "vnet.h"

/* An address (IPv4 mapped) in a VLAN (0 without vlan-filtering). */
struct vnet_binding_key {
	struct in6_addr addr;
	u32 vid;
};

struct vnet_binding {
	struct rhash_head node;
	struct vnet_binding_key key;
	u64 mac;			/* ether_addr_to_u64(); bindings->seq */
	u8 advertised;			/* 0: never; 1 + the router flag; seq */
	bool owned;			/* port security's */
	bool dead;			/* out of the table; bindings->lock */
	struct vnet_port *port;		/* learned there, or owner; lock */
	unsigned long updated;		/* jiffies; READ_ONCE */
	struct list_head list;		/* port->(learned_)bindings; lock */
	struct rcu_head rcu;
};

static const struct rhashtable_params vnet_binding_params = {
	.head_offset = offsetof(struct vnet_binding, node),
	.key_offset = offsetof(struct vnet_binding, key),
	.key_len = sizeof(struct vnet_binding_key),
	.automatic_shrinking = true,
};

int vnet_bindings_init(struct vnet_dev *vd)
{
	struct vnet_bindings *b = &vd->bindings;
	int err;

	/* Hashed whole: no padding to leave unset. */
	BUILD_BUG_ON(sizeof(struct vnet_binding_key) !=
		     sizeof(struct in6_addr) + sizeof(u32));
	err = rhashtable_init(&b->table, &vnet_binding_params);
	if (err)
		return err;
	spin_lock_init(&b->lock);
	seqcount_spinlock_init(&b->seq, &b->lock);
	atomic_set(&b->learned, 0);
	b->on = vd->params.neigh_suppress;	/* set before registration */
	b->ready = true;
	return 0;
}

static void vnet_binding_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* The device is unregistered, its readers and the ageing work are gone. */
void vnet_bindings_uninit(struct vnet_dev *vd)
{
	struct vnet_bindings *b = &vd->bindings;

	if (!b->ready)
		return;
	b->ready = false;
	rhashtable_free_and_destroy(&b->table, vnet_binding_free, NULL);
}

static void vnet_binding_remove(struct vnet_dev *vd, struct vnet_binding *e)
{
	struct vnet_bindings *b = &vd->bindings;

	lockdep_assert_held(&b->lock);
	rhashtable_remove_fast(&b->table, &e->node, vnet_binding_params);
	e->dead = true;
	/* A going device's ports may be freed already, with the heads of
	 * their lists (the table is freed whole); the ageing walk runs
	 * under RCU, so one that saw it not going sees them alive.
	 */
	if (!vnet_dev_going(vd)) {
		list_del(&e->list);
		if (!e->owned)
			WRITE_ONCE(e->port->bound, e->port->bound - 1);
	}
	if (!e->owned) {
		atomic_dec(&b->learned);
		vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
	}
	kfree_rcu(e, rcu);
}

/* Has @port learned all the bindings its learning limit lets it? */
static bool vnet_bindings_port_full(const struct vnet_port *port)
{
	u32 limit = READ_ONCE(port->learning_limit);

	return limit && READ_ONCE(port->bound) >= limit;
}

/*
 * What @port says of a binding @e the switch has: that it is at @key (an
 * advertisement, @advertised 1 + its router flag, may say so without
 * @override: then it only confirms the MAC the binding has). Under the
 * lock.
 */
static void vnet_binding_update(struct vnet_dev *vd, struct vnet_binding *e,
				struct vnet_port *port, u64 key, u8 advertised,
				bool override)
{
	struct vnet_bindings *b = &vd->bindings;

	lockdep_assert_held(&b->lock);
	if (e->dead)
		return;
	if (e->owned || !override) {
		/* Port security says where its addresses are: the owner's
		 * advertisements tell the router flag, no one else's.
		 */
		if (e->mac != key || (e->owned && e->port != port))
			return;
	} else if (e->port != port) {
		/* The address moved: to a port at its limit it does not. */
		if (vnet_bindings_port_full(port)) {
			vnet_stats_add(port->stats, VNET_STATS_LEARN_LIMIT, 1);
			return;
		}
		WRITE_ONCE(e->port->bound, e->port->bound - 1);
		WRITE_ONCE(port->bound, port->bound + 1);
		list_move_tail(&e->list, &port->learned_bindings);
		WRITE_ONCE(e->port, port);
	}
	write_seqcount_begin(&b->seq);
	e->mac = key;
	if (advertised)
		e->advertised = advertised;
	write_seqcount_end(&b->seq);
	if (!e->owned)
		WRITE_ONCE(e->updated, jiffies);
}

/*
 * @port says @key's address is at @mac, in an ARP (@advertised 0) or an
 * advertisement (1 + its router flag). From the packet path, under RCU
 * with BHs off.
 */
static void vnet_bindings_learn(struct vnet_dev *vd, struct vnet_port *port,
				const struct vnet_binding_key *key,
				const u8 *mac, u8 advertised, bool override)
{
	struct vnet_bindings *b = &vd->bindings;
	u64 mac64 = ether_addr_to_u64(mac);
	unsigned long now = jiffies;
	struct vnet_binding *e;
	struct mem_cgroup *old;
	int err;

	e = rhashtable_lookup(&b->table, key, vnet_binding_params);
	if (e) {
		/* What it knows already, from where it knows it: refreshed
		 * without the lock, as a station's fdb entry is (a torn
		 * read of the MAC on 32 bits only takes the lock).
		 */
		if (READ_ONCE(e->port) == port && READ_ONCE(e->mac) == mac64 &&
		    (!advertised || READ_ONCE(e->advertised) == advertised)) {
			if (!e->owned && READ_ONCE(e->updated) != now)
				WRITE_ONCE(e->updated, now);
			return;
		}
		spin_lock(&b->lock);
		vnet_binding_update(vd, e, port, mac64, advertised, override);
		spin_unlock(&b->lock);
		return;
	}
	if (vnet_bindings_port_full(port)) {
		vnet_stats_add(port->stats, VNET_STATS_LEARN_LIMIT, 1);
		return;
	}
	if (atomic_read(&b->learned) >= VNET_NEIGH_LIMIT ||
	    !vnet_quota_take(vd, VNET_QUOTA_NEIGH, 1))
		goto full;
	old = vnet_memcg_enter(vd);
	e = kmalloc(sizeof(*e), VNET_GFP_ENTRY);
	vnet_memcg_leave(old);
	if (!e) {
		vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
		goto full;
	}
	e->key = *key;
	e->mac = mac64;
	e->advertised = advertised;
	e->owned = false;
	e->dead = false;
	e->port = port;
	e->updated = now;
	spin_lock(&b->lock);
	err = -ENOSPC;
	if (atomic_read(&b->learned) < VNET_NEIGH_LIMIT &&
	    !vnet_bindings_port_full(port))
		err = rhashtable_lookup_insert_fast(&b->table, &e->node,
						    vnet_binding_params);
	if (!err) {
		atomic_inc(&b->learned);
		WRITE_ONCE(port->bound, port->bound + 1);
		list_add_tail(&e->list, &port->learned_bindings);
	}
	spin_unlock(&b->lock);
	if (!err)
		return;
	kfree(e);
	vnet_quota_give(vd, VNET_QUOTA_NEIGH, 1);
	if (err == -EEXIST)	/* learned on another CPU meanwhile */
		return;
full:
	vnet_stats_add(vd->stats, VNET_STATS_NEIGH_FULL, 1);
}

static bool vnet_binding_expired(const struct vnet_binding *e,
				 unsigned long ageing)
{
	return !e->owned && ageing &&
	       time_after(jiffies, READ_ONCE(e->updated) + ageing);
}

/*
 * The MAC of @key's address in @mac, if the switch knows it; for a
 * solicitation (@nd), only once its owner advertised it, with its router
 * flag in @router. Under RCU.
 */
static bool vnet_bindings_find(struct vnet_dev *vd,
			       const struct vnet_binding_key *key, bool nd,
			       u8 *mac, bool *router)
{
	unsigned long ageing = (unsigned long)READ_ONCE(vd->params.ageing) * HZ;
	struct vnet_bindings *b = &vd->bindings;
	struct vnet_binding *e;
	unsigned int seq;
	u8 advertised;
	u64 mac64;

	e = rhashtable_lookup(&b->table, key, vnet_binding_params);
	if (!e || vnet_binding_expired(e, ageing))
		return false;
	do {
		seq = read_seqcount_begin(&b->seq);
		mac64 = e->mac;
		advertised = e->advertised;
	} while (read_seqcount_retry(&b->seq, seq));
	if (nd) {
		if (!advertised)
			return false;
		*router = advertised > 1;
	}
	u64_to_ether_addr(mac64, mac);
	return true;
}

struct vnet_bindings_ageing {
	struct vnet_dev *vd;
	unsigned long ageing;	/* jiffies */
};

static bool vnet_bindings_age_one(void *obj, void *arg)
{
	struct vnet_bindings_ageing *w = arg;
	struct vnet_bindings *b = &w->vd->bindings;
	struct vnet_binding *e = obj;

	if (!vnet_binding_expired(e, w->ageing))
		return true;
	spin_lock_bh(&b->lock);
	if (!e->dead && vnet_binding_expired(e, w->ageing))
		vnet_binding_remove(w->vd, e);
	spin_unlock_bh(&b->lock);
	return true;
}

/*
 * Forget learned bindings older than @ageing (jiffies), from the fdb's
 * ageing work; sleeps. One the walk misses (see vnet_table_walk()) ages
 * on the next.
 */
void vnet_bindings_age(struct vnet_dev *vd, unsigned long ageing)
{
	struct vnet_bindings_ageing w = { .vd = vd, .ageing = ageing };

	if (ageing && vd->bindings.ready && atomic_read(&vd->bindings.learned))
		vnet_table_walk(&vd->bindings.table, vnet_bindings_age_one, &w);
}

/*
 * Forget the bindings learned on @port, VNET_WALK_BATCH at a time with
 * bottom halves off. Under RTNL. Those it has now are taken off its list
 * first: what it learns meanwhile (a live port) stays, and cannot keep
 * the loop going. One of them that moves to another port meanwhile goes
 * with it (vnet_binding_update(), under the lock).
 */
static void vnet_bindings_forget(struct vnet_port *port)
{
	struct vnet_bindings *b = &port->vd->bindings;
	LIST_HEAD(doomed);
	unsigned int n;
	bool more;

	spin_lock_bh(&b->lock);
	list_splice_init(&port->learned_bindings, &doomed);
	spin_unlock_bh(&b->lock);
	do {
		spin_lock_bh(&b->lock);
		for (n = 0; n < VNET_WALK_BATCH && !list_empty(&doomed); n++)
			vnet_binding_remove(port->vd,
					    list_first_entry(&doomed,
							     struct vnet_binding,
							     list));
		more = !list_empty(&doomed);
		spin_unlock_bh(&b->lock);
		cond_resched();
	} while (more);
}

/* Forget what live @port learned (its VLANs changed). Under RTNL. */
void vnet_bindings_forget_learned(struct vnet_port *port)
{
	if (port->vd->bindings.ready)
		vnet_bindings_forget(port);
}

/* Forget the bindings port security of @port made. Under RTNL. */
static void vnet_bindings_disown(struct vnet_port *port)
{
	struct vnet_bindings *b = &port->vd->bindings;
	struct vnet_binding *e, *next;

	spin_lock_bh(&b->lock);
	list_for_each_entry_safe(e, next, &port->bindings, list)
		vnet_binding_remove(port->vd, e);
	spin_unlock_bh(&b->lock);
}

/*
 * neigh-suppress was turned off: forget every learned binding, once the
 * packet path that saw it on is done, and what owners advertised (no one
 * watches while it is off). Under RTNL.
 */
void vnet_bindings_params_changed(struct vnet_dev *vd)
{
	struct vnet_bindings *b = &vd->bindings;
	struct vnet_binding *e;
	struct vnet_port *port;
	bool on = vd->params.neigh_suppress;

	if (!b->ready || on == b->on)
		return;
	b->on = on;
	if (on)
		return;
	synchronize_net();
	list_for_each_entry(port, &vd->ports, list) {
		vnet_bindings_forget(port);
		spin_lock_bh(&b->lock);
		write_seqcount_begin(&b->seq);
		list_for_each_entry(e, &port->bindings, list)
			e->advertised = 0;
		write_seqcount_end(&b->seq);
		spin_unlock_bh(&b->lock);
	}
}

/*
 * @port goes: its bindings with it. A going device's are freed whole by
 * vnet_bindings_uninit(). Under RTNL, the packet path done with @port.
 */
void vnet_bindings_port_removed(struct vnet_port *port)
{
	if (!port->vd->bindings.ready || vnet_dev_going(port->vd))
		return;
	vnet_bindings_disown(port);
	vnet_bindings_forget(port);
}

/*
 * @key's address is @port's at @mac, as its port security says: the
 * binding replaces a learned one; another port's stays (the first to
 * claim it).
 */
static void vnet_bindings_own(struct vnet_port *port,
			      const struct vnet_binding_key *key, const u8 *mac)
{
	struct vnet_bindings *b = &port->vd->bindings;
	struct vnet_binding *e, *old;

	e = kzalloc(sizeof(*e), GFP_KERNEL_ACCOUNT);
	if (!e)
		return;		/* the request floods, as without it */
	e->key = *key;
	e->mac = ether_addr_to_u64(mac);
	e->owned = true;
	e->port = port;
	spin_lock_bh(&b->lock);
	old = rhashtable_lookup_fast(&b->table, key, vnet_binding_params);
	if (old && !old->owned) {
		/* What the owner advertised from its port holds. */
		if (old->port == port && old->mac == e->mac)
			e->advertised = old->advertised;
		vnet_binding_remove(port->vd, old);
		old = NULL;
	}
	if (!old && !rhashtable_lookup_insert_fast(&b->table, &e->node,
						   vnet_binding_params)) {
		list_add_tail(&e->list, &port->bindings);
		e = NULL;
	}
	spin_unlock_bh(&b->lock);
	kfree(e);
}

/*
 * Make @port's owned bindings what its port security says, in the VLAN
 * it is untagged in (none: none): on joining a vswitch, and when port set
 * changes it or its VLANs. Under RTNL.
 */
void vnet_bindings_port_security(struct vnet_port *port)
{
	const struct vnet_port_security *sec = rtnl_dereference(port->security);
	struct vnet_binding_key key = {};
	unsigned int i;

	if (port->vd->kind != VNET_KIND_VSWITCH || !port->vd->bindings.ready)
		return;
	vnet_bindings_disown(port);
	if (!sec || is_zero_ether_addr(sec->mac))
		return;
	if (port->vd->params.vlan_filtering) {
		key.vid = vnet_vlan_pvid(rtnl_dereference(port->vlan));
		if (!key.vid)
			return;
	}
	for (i = 0; i < sec->n4; i++) {
		if (!vnet_ip4_host(sec->ip4[i]))
			continue;
		ipv6_addr_set_v4mapped(sec->ip4[i], &key.addr);
		vnet_bindings_own(port, &key, sec->mac);
	}
	for (i = 0; i < sec->n6; i++) {
		if (!vnet_ip6_host(&sec->ip6[i]))
			continue;
		key.addr = sec->ip6[i];
		vnet_bindings_own(port, &key, sec->mac);
	}
}

/*
 * Whether a request from @from for an address at @mac may be answered:
 * the switch has @mac on another port. Toward the station's own side the
 * answer would move it there.
 */
static bool vnet_suppress_may(struct vnet_dev *vd, struct vnet_port *from,
			      const u8 *mac, u16 vid)
{
	struct vnet_port *to = vnet_fdb_lookup(vd, mac, vid);

	return to && to != from;
}

/*
 * Answer the request @skb from @from with @reply, in the request's VLAN
 * (@vid; 0 without filtering), tagged as @from's membership says.
 */
static bool vnet_suppress_send(struct vnet_dev *vd, struct vnet_port *from,
			       struct sk_buff *skb, struct sk_buff *reply,
			       u16 vid)
{
	if (!reply)
		return false;	/* no memory: flood the request instead */
	if (vid) {
		__vlan_hwaccel_put_tag(reply, skb->vlan_proto, vid);
		/* A member: the request came in by it, in that VLAN. */
		if (!vnet_vlan_egress(rcu_dereference(from->vlan), reply)) {
			kfree_skb(reply);
			return false;
		}
	}
	vnet_stats_add(vd->stats, VNET_STATS_NEIGH_SUPPRESSED, 1);
	vnet_port_xmit(from, reply);
	consume_skb(skb);
	return true;
}

static bool vnet_suppress_arp(struct vnet_dev *vd, struct vnet_port *from,
			      struct sk_buff *skb, u16 vid)
{
	struct vnet_binding_key key = { .vid = vid };
	const struct arphdr *arp;
	struct vnet_arp_body body;
	u8 mac[ETH_ALEN];
	u16 op;

	if (!pskb_may_pull(skb, sizeof(*arp) + sizeof(body)))
		return false;
	arp = (const struct arphdr *)skb->data;
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != 4)
		return false;
	op = ntohs(arp->ar_op);
	memcpy(&body, arp + 1, sizeof(body));
	if ((op != ARPOP_REQUEST && op != ARPOP_REPLY) ||
	    !vnet_ip4_host(body.sip) ||
	    !ether_addr_equal(body.sha, eth_hdr(skb)->h_source))
		return false;
	ipv6_addr_set_v4mapped(body.sip, &key.addr);
	if (READ_ONCE(from->learning))
		vnet_bindings_learn(vd, from, &key, body.sha, 0, true);

	if (op != ARPOP_REQUEST || from->tunnel ||
	    !is_broadcast_ether_addr(eth_hdr(skb)->h_dest) ||
	    body.sip == body.tip || !vnet_ip4_host(body.tip))
		return false;
	ipv6_addr_set_v4mapped(body.tip, &key.addr);
	if (!vnet_bindings_find(vd, &key, false, mac, NULL) ||
	    ether_addr_equal(mac, body.sha) ||
	    !vnet_suppress_may(vd, from, mac, vid))
		return false;
	return vnet_suppress_send(vd, from, skb,
				  vnet_arp_reply(from, body.sip, body.sha,
						 body.tip, mac), vid);
}

static bool vnet_suppress_nd(struct vnet_dev *vd, struct vnet_port *from,
			     struct sk_buff *skb, u16 vid)
{
	struct vnet_binding_key key = { .vid = vid };
	const unsigned int opts = sizeof(struct ipv6hdr) +
				  offsetof(struct vnet_nd_msg, opt_type);
	const struct vnet_nd_msg *msg;
	const struct ipv6hdr *ip6;
	unsigned int len, end;
	const u8 *lladdr, *dmac;
	u8 mac[ETH_ALEN], type;
	bool router;
	__be32 flags;

	if (!pskb_may_pull(skb, opts))
		return false;
	ip6 = (const struct ipv6hdr *)skb->data;
	msg = (const struct vnet_nd_msg *)(ip6 + 1);
	type = msg->icmp6.icmp6_type;
	len = ntohs(ip6->payload_len);
	end = sizeof(*ip6) + len;
	/* No extension headers; a message fits the minimum MTU. */
	if (ip6->version != 6 || ip6->nexthdr != IPPROTO_ICMPV6 ||
	    (type != NDISC_NEIGHBOUR_SOLICITATION &&
	     type != NDISC_NEIGHBOUR_ADVERTISEMENT) ||
	    msg->icmp6.icmp6_code || ip6->hop_limit != 255 ||
	    end < opts || end > IPV6_MIN_MTU ||
	    skb->ip_summed == CHECKSUM_PARTIAL || !pskb_may_pull(skb, end))
		return false;
	ip6 = (const struct ipv6hdr *)skb->data;
	msg = (const struct vnet_nd_msg *)(ip6 + 1);
	if (!vnet_ip6_host(&msg->target) ||
	    csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len, IPPROTO_ICMPV6,
			    csum_partial(msg, len, 0)))
		return false;
	flags = msg->icmp6.icmp6_dataun.un_data32[0];
	key.addr = msg->target;

	if (type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
		if (READ_ONCE(from->learning) &&
		    vnet_nd_lladdr(skb, opts, end, ND_OPT_TARGET_LL_ADDR,
				   &lladdr) &&
		    lladdr && ether_addr_equal(lladdr, eth_hdr(skb)->h_source))
			vnet_bindings_learn(vd, from, &key, lladdr,
					    1 + !!(flags & VNET_NA_ROUTER),
					    flags & VNET_NA_OVERRIDE);
		return false;
	}

	if (from->tunnel || !ipv6_addr_is_multicast(&ip6->daddr) ||
	    !vnet_ip6_host(&ip6->saddr) ||
	    !vnet_nd_lladdr(skb, opts, end, ND_OPT_SOURCE_LL_ADDR, &lladdr))
		return false;
	dmac = lladdr ?: eth_hdr(skb)->h_source;
	if (!is_valid_ether_addr(dmac) ||
	    !vnet_bindings_find(vd, &key, true, mac, &router) ||
	    ether_addr_equal(mac, dmac) ||
	    !vnet_suppress_may(vd, from, mac, vid))
		return false;
	/* As the owner would: override, so a stale entry takes the MAC. */
	flags = VNET_NA_SOLICITED | VNET_NA_OVERRIDE |
		(router ? VNET_NA_ROUTER : 0);
	return vnet_suppress_send(vd, from, skb,
				  vnet_nd_advert_for(from, &msg->target, mac,
						     &ip6->saddr, dmac,
						     flags), vid);
}

/*
 * A frame @skb from @from (NULL: the host) on a vswitch with
 * neigh-suppress on, data at the network header, in VLAN @vid (with
 * vlan-filtering; also its tag) or 0: learn what its ARP or advertisement
 * says, and answer it if it is a request the bindings know. True if it
 * was answered, and consumed. Under RCU, BHs off.
 */
bool vnet_neigh_suppress(struct vnet_dev *vd, struct vnet_port *from,
			 struct sk_buff *skb, u16 vid)
{
	__be16 proto = eth_hdr(skb)->h_proto;

	/* Without filtering a tag is the frame's own business. */
	if (!from || (!vid && skb_vlan_tag_present(skb)))
		return false;
	if (proto == htons(ETH_P_ARP))
		return vnet_suppress_arp(vd, from, skb, vid);
	if (proto == htons(ETH_P_IPV6))
		return vnet_suppress_nd(vd, from, skb, vid);
	return false;
}
