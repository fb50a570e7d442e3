// SPDX-License-Identifier: GPL-2.0
/*
 * The vswitch forwarding table: MAC -> port, in an rhashtable so lookups
 * stay O(1) at a million entries. Lookups and refreshes take no lock;
 * inserts and removals take fdb->lock and free after a grace period. The
 * "last seen" stamp is written only when it changes by a jiffy or more,
 * and a station move only rewrites the port pointer.
 *
 * The key is the MAC packed in a u64 with the VLAN above it (0 without
 * vlan-filtering): two loads to make, one compare to match, and
 * jhash_2words() inline (a generic jhash over six bytes and an
 * out-of-line memcmp were a third of the table's cost per packet).
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include "vnet.h"

struct vnet_fdb_entry {
	struct rhash_head node;
	u64 key;			/* vnet_fdb_key(addr, vid) */
	u8 addr[ETH_ALEN];
	bool is_static;			/* written under fdb->lock */
	bool dead;			/* out of the table; fdb->lock */
	struct vnet_port *port;		/* READ_ONCE; written under fdb->lock;
					 * NULL: a flush's place in the list
					 */
	unsigned long updated;		/* jiffies, READ_ONCE */
	struct list_head list;		/* fdb->entries: RCU, under fdb->lock */
	struct rcu_head rcu;
};

/*
 * The station a port last learned, per CPU: a port's frames mostly come
 * from the one host behind it, and the hint spares the table lookup of
 * their source. It holds while fdb->removals has not moved since it was
 * taken: an entry is freed a grace period after its removal bumps the
 * count, so a reader that still sees the old count holds the entry alive.
 */
struct vnet_fdb_hint {
	u64 key;
	struct vnet_fdb_entry *entry;	/* NULL: none */
	unsigned long removals;
};

struct vnet_fdb_hint __percpu *vnet_fdb_hint_alloc(void)
{
	return alloc_percpu_gfp(struct vnet_fdb_hint, GFP_KERNEL_ACCOUNT);
}

static inline u64 vnet_fdb_key(const u8 *addr, u16 vid)
{
	return get_unaligned((const u32 *)addr) |
	       (u64)get_unaligned((const u16 *)(addr + 4)) << 32 |
	       (u64)vid << 48;
}

static u16 vnet_fdb_vid(const struct vnet_fdb_entry *e)
{
	return e->key >> 48;
}

static inline u32 vnet_fdb_hash(const void *data, u32 len, u32 seed)
{
	u64 key = *(const u64 *)data;

	return jhash_2words((u32)key, (u32)(key >> 32), seed);
}

static inline int vnet_fdb_cmp(struct rhashtable_compare_arg *arg,
			       const void *obj)
{
	const struct vnet_fdb_entry *e = obj;

	return e->key != *(const u64 *)arg->key;
}

static const struct rhashtable_params vnet_fdb_params = {
	.head_offset = offsetof(struct vnet_fdb_entry, node),
	.key_offset = offsetof(struct vnet_fdb_entry, key),
	.key_len = sizeof(u64),
	.hashfn = vnet_fdb_hash,
	.obj_cmpfn = vnet_fdb_cmp,
	.automatic_shrinking = true,
};

/* Under RCU: the packet path. */
static struct vnet_fdb_entry *vnet_fdb_find(struct vnet_fdb *fdb,
					    const u8 *addr, u16 vid)
{
	u64 key = vnet_fdb_key(addr, vid);

	return rhashtable_lookup(&fdb->table, &key, vnet_fdb_params);
}

/* Under fdb->lock: netlink requests. */
static struct vnet_fdb_entry *vnet_fdb_find_locked(struct vnet_fdb *fdb,
						   u64 key)
{
	lockdep_assert_held(&fdb->lock);
	return rhashtable_lookup_fast(&fdb->table, &key, vnet_fdb_params);
}

static unsigned long vnet_fdb_ageing_jiffies(const struct vnet_dev *vd)
{
	return (unsigned long)READ_ONCE(vd->params.ageing) * HZ;
}

static void vnet_fdb_remove(struct vnet_fdb *fdb, struct vnet_fdb_entry *e)
{
	struct vnet_dev *vd = container_of(fdb, struct vnet_dev, fdb);

	lockdep_assert_held(&fdb->lock);
	/* A going device's ports may be freed already (their entries are
	 * kept for vnet_fdb_uninit()); the ageing walk runs under RCU, so
	 * one that saw it not going sees them alive.
	 */
	if (!e->is_static && !vnet_dev_going(vd))
		WRITE_ONCE(e->port->learned, e->port->learned - 1);
	e->dead = true;
	rhashtable_remove_fast(&fdb->table, &e->node, vnet_fdb_params);
	list_del_rcu(&e->list);
	WRITE_ONCE(fdb->removals, fdb->removals + 1);	/* before the free */
	atomic_dec(&fdb->count);
	vnet_quota_give(vd, VNET_QUOTA_FDB, 1);
	kfree_rcu(e, rcu);
}

static bool vnet_fdb_expired(const struct vnet_fdb_entry *e,
			     unsigned long ageing)
{
	return !READ_ONCE(e->is_static) &&
	       time_after(jiffies, READ_ONCE(e->updated) + ageing);
}

struct vnet_fdb_ageing_walk {
	struct vnet_fdb *fdb;
	unsigned long ageing;
	unsigned long next;	/* jiffies: the soonest a kept entry expires */
};

static bool vnet_fdb_age_one(void *obj, void *arg)
{
	struct vnet_fdb_ageing_walk *w = arg;
	struct vnet_fdb_entry *e = obj;

	if (READ_ONCE(e->is_static))
		return true;
	if (!vnet_fdb_expired(e, w->ageing)) {
		unsigned long expires = READ_ONCE(e->updated) + w->ageing;

		if (time_before(expires, w->next))
			w->next = expires;
		return true;
	}
	spin_lock_bh(&w->fdb->lock);
	/* Still in the table, and not refreshed or made static since. */
	if (vnet_fdb_find_locked(w->fdb, e->key) == e &&
	    vnet_fdb_expired(e, w->ageing))
		vnet_fdb_remove(w->fdb, e);
	spin_unlock_bh(&w->fdb->lock);
	return true;
}

/*
 * Walk the table under RCU, not the lock: learning on other CPUs never
 * waits behind a walk of a million entries. An entry the walk misses
 * (see vnet_table_walk()) ages on the next walk.
 *
 * The next walk comes when the soonest kept entry expires, as the
 * bridge's does: refreshes only push that later, and an entry learned
 * after the walk began expires an ageing time after its start at the
 * earliest. Walks are a tenth of the ageing time apart at least (at most
 * 10 s), so entries that expire one after another cost one walk per
 * period, and a table of static entries is walked once per ageing time.
 */
static void vnet_fdb_ageing(struct work_struct *work)
{
	struct vnet_fdb *fdb = container_of(to_delayed_work(work),
					    struct vnet_fdb, ageing_work);
	struct vnet_dev *vd = container_of(fdb, struct vnet_dev, fdb);
	struct vnet_fdb_ageing_walk w = {
		.fdb = fdb,
		.ageing = vnet_fdb_ageing_jiffies(vd),
	};
	unsigned long now, delay;

	if (!w.ageing)
		return;
	w.next = jiffies + w.ageing;
	vnet_table_walk(&fdb->table, vnet_fdb_age_one, &w);
	vnet_bindings_age(vd, w.ageing);
	now = jiffies;
	delay = clamp(w.ageing / 10, (unsigned long)HZ / 10, 10UL * HZ);
	/* One jiffy past the expiry: vnet_fdb_expired() is strictly after. */
	if (time_after(w.next, now))
		delay = max(delay, w.next - now + 1);
	queue_delayed_work(system_power_efficient_wq, &fdb->ageing_work, delay);
}

void vnet_fdb_ageing_changed(struct vnet_dev *vd)
{
	if (vd->fdb.ready)
		mod_delayed_work(system_power_efficient_wq,
				 &vd->fdb.ageing_work, 0);
}

int vnet_fdb_init(struct vnet_dev *vd)
{
	struct vnet_fdb *fdb = &vd->fdb;
	int err;

	err = rhashtable_init(&fdb->table, &vnet_fdb_params);
	if (err)
		return err;
	INIT_LIST_HEAD(&fdb->entries);
	spin_lock_init(&fdb->lock);
	atomic_set(&fdb->count, 0);
	INIT_DELAYED_WORK(&fdb->ageing_work, vnet_fdb_ageing);
	fdb->ready = true;
	queue_delayed_work(system_power_efficient_wq, &fdb->ageing_work, HZ);
	return 0;
}

static void vnet_fdb_free_entry(void *ptr, void *arg)
{
	kfree(ptr);
}

/* The device is unregistered and its readers are gone. */
void vnet_fdb_uninit(struct vnet_dev *vd)
{
	struct vnet_fdb *fdb = &vd->fdb;

	if (!fdb->ready)
		return;
	fdb->ready = false;
	cancel_delayed_work_sync(&fdb->ageing_work);
	/* Entries freed by kfree_rcu() are already out of the table. */
	rhashtable_free_and_destroy(&fdb->table, vnet_fdb_free_entry, NULL);
}

struct vnet_port *vnet_fdb_lookup(struct vnet_dev *vd, const u8 *addr,
				  u16 vid)
{
	struct vnet_fdb_entry *e;

	e = vnet_fdb_find(&vd->fdb, addr, vid);
	return e ? READ_ONCE(e->port) : NULL;
}

/*
 * Has @port learned all its learning limit lets it? Exact under fdb->lock;
 * the packet path asks first without it, so a flood of new sources at a
 * port past its limit does not take the lock for each.
 */
static bool vnet_fdb_port_full(const struct vnet_port *port)
{
	u32 limit = READ_ONCE(port->learning_limit);

	return limit && READ_ONCE(port->learned) >= limit;
}

static struct vnet_fdb_entry *vnet_fdb_create(struct vnet_fdb *fdb,
					      struct vnet_port *port,
					      const u8 *addr, u16 vid,
					      bool is_static)
{
	struct vnet_dev *vd = container_of(fdb, struct vnet_dev, fdb);
	struct vnet_fdb_entry *e;
	struct mem_cgroup *old;

	lockdep_assert_held(&fdb->lock);
	if (atomic_read(&fdb->count) >= VNET_FDB_LIMIT)
		return ERR_PTR(-ENOSPC);
	if (!is_static && vnet_fdb_port_full(port))
		return ERR_PTR(-EUSERS);
	if (!vnet_quota_take(vd, VNET_QUOTA_FDB, 1))
		return ERR_PTR(-EDQUOT);
	old = vnet_memcg_enter(vd);
	e = kmalloc(sizeof(*e), VNET_GFP_ENTRY);
	vnet_memcg_leave(old);
	if (!e) {
		vnet_quota_give(vd, VNET_QUOTA_FDB, 1);
		return ERR_PTR(-ENOMEM);
	}
	e->key = vnet_fdb_key(addr, vid);
	ether_addr_copy(e->addr, addr);
	e->is_static = is_static;
	e->dead = false;
	e->port = port;
	e->updated = jiffies;
	if (rhashtable_lookup_insert_fast(&fdb->table, &e->node,
					  vnet_fdb_params)) {
		kfree(e);
		vnet_quota_give(vd, VNET_QUOTA_FDB, 1);
		return ERR_PTR(-EEXIST);
	}
	list_add_tail_rcu(&e->list, &fdb->entries);
	atomic_inc(&fdb->count);
	if (!is_static)
		WRITE_ONCE(port->learned, port->learned + 1);
	return e;
}

/*
 * A learned @e's station was seen on @port: move it there, and its count
 * with it. Rare (a station moved, or a loop), so under the lock, which
 * keeps each port's count exact against removals and static adds.
 */
static void vnet_fdb_move(struct vnet_fdb *fdb, struct vnet_fdb_entry *e,
			  struct vnet_port *port)
{
	/* Into a port at its limit it does not move: it would count there. */
	if (vnet_fdb_port_full(port)) {
		vnet_stats_add(port->stats, VNET_STATS_LEARN_LIMIT, 1);
		return;
	}
	spin_lock(&fdb->lock);
	if (!e->dead && !e->is_static && e->port != port &&
	    !vnet_fdb_port_full(port)) {
		WRITE_ONCE(e->port->learned, e->port->learned - 1);
		WRITE_ONCE(port->learned, port->learned + 1);
		WRITE_ONCE(e->port, port);
	}
	spin_unlock(&fdb->lock);
}

/* Learn @addr in VLAN @vid on @port, from the packet path under RCU. */
void vnet_fdb_learn(struct vnet_dev *vd, struct vnet_port *port,
		    const u8 *addr, u16 vid)
{
	struct vnet_fdb_hint *hint = this_cpu_ptr(port->fdb_hint);
	unsigned long removals = READ_ONCE(vd->fdb.removals);
	struct vnet_fdb *fdb = &vd->fdb;
	u64 key = vnet_fdb_key(addr, vid);
	struct vnet_fdb_entry *e;
	unsigned long now = jiffies;

	if (likely(hint->key == key && hint->removals == removals &&
		   hint->entry)) {
		e = hint->entry;
	} else {
		e = rhashtable_lookup(&fdb->table, &key, vnet_fdb_params);
		hint->key = key;
		hint->entry = e;
		hint->removals = removals;
	}
	if (likely(e)) {
		if (unlikely(READ_ONCE(e->is_static)))
			return;
		if (unlikely(READ_ONCE(e->port) != port))
			vnet_fdb_move(fdb, e, port);	/* the station moved */
		if (READ_ONCE(e->updated) != now)
			WRITE_ONCE(e->updated, now);
		return;
	}
	if (atomic_read(&fdb->count) >= VNET_FDB_LIMIT) {
		vnet_stats_add(vd->stats, VNET_STATS_FDB_FULL, 1);
		return;
	}
	if (unlikely(vnet_fdb_port_full(port))) {
		vnet_stats_add(port->stats, VNET_STATS_LEARN_LIMIT, 1);
		return;
	}
	spin_lock(&fdb->lock);
	e = vnet_fdb_create(fdb, port, addr, vid, false);
	spin_unlock(&fdb->lock);
	if (!IS_ERR(e))
		hint->entry = e;
	else if (PTR_ERR(e) == -EUSERS)
		vnet_stats_add(port->stats, VNET_STATS_LEARN_LIMIT, 1);
	else if (PTR_ERR(e) != -EEXIST)	/* full, or no memory */
		vnet_stats_add(vd->stats, VNET_STATS_FDB_FULL, 1);
}

/* Add or replace a static entry; under RTNL. */
int vnet_fdb_add_static(struct vnet_dev *vd, struct vnet_port *port,
			const u8 *addr, u16 vid,
			struct netlink_ext_ack *extack)
{
	struct vnet_fdb *fdb = &vd->fdb;
	struct vnet_fdb_entry *e;
	int err = 0;

	spin_lock_bh(&fdb->lock);
	e = vnet_fdb_find_locked(fdb, vnet_fdb_key(addr, vid));
	if (e) {
		if (!e->is_static)	/* no longer learned */
			WRITE_ONCE(e->port->learned, e->port->learned - 1);
		WRITE_ONCE(e->port, port);
		WRITE_ONCE(e->is_static, true);
	} else {
		e = vnet_fdb_create(fdb, port, addr, vid, true);
		if (IS_ERR(e)) {
			err = PTR_ERR(e);
			if (err == -ENOSPC)
				NL_SET_ERR_MSG(extack, "the forwarding table is full");
			else if (err == -EDQUOT)
				NL_SET_ERR_MSG(extack, "the network's fdb quota is reached");
			else
				NL_SET_ERR_MSG(extack, "cannot add the entry");
		}
	}
	spin_unlock_bh(&fdb->lock);
	return err;
}

int vnet_fdb_del(struct vnet_dev *vd, const u8 *addr, u16 vid,
		 struct netlink_ext_ack *extack)
{
	struct vnet_fdb *fdb = &vd->fdb;
	struct vnet_fdb_entry *e;
	int err = 0;

	spin_lock_bh(&fdb->lock);
	e = vnet_fdb_find_locked(fdb, vnet_fdb_key(addr, vid));
	if (e) {
		vnet_fdb_remove(fdb, e);
	} else {
		NL_SET_ERR_MSG(extack, "no such forwarding entry");
		err = -ENOENT;
	}
	spin_unlock_bh(&fdb->lock);
	return err;
}

static bool vnet_fdb_flush_match(const struct vnet_fdb_entry *e,
				 const struct vnet_port *port,
				 bool learned_only)
{
	return e->port && (!port || e->port == port) &&
	       !(learned_only && e->is_static);
}

/*
 * Remove @port's entries (any port's if NULL; learned ones only if
 * @learned_only). Under RTNL; sleeps: the lock is held and bottom halves
 * are off for VNET_WALK_BATCH entries at a time, not for a million.
 * Between two batches a marker holds the walk's place in the entry list:
 * an entry with no port, dead and never in the table, which dumps pass
 * by. Entries are only ever added at the tail, so the walk neither skips
 * one nor sees one twice. A marker is used once (an RCU reader may stand
 * on it) and freed after a grace period.
 */
static void vnet_fdb_forget(struct vnet_dev *vd, struct vnet_port *port,
			    bool learned_only)
{
	struct vnet_fdb_entry *e, *next, *mark = NULL, *fresh;
	struct vnet_fdb *fdb = &vd->fdb;
	unsigned int n;

	ASSERT_RTNL();
	if (!fdb->ready)
		return;
	do {
		/* Without one this batch runs to the end of the list. */
		fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
		if (fresh)
			fresh->dead = true;
		spin_lock_bh(&fdb->lock);
		if (mark) {
			e = list_next_entry(mark, list);
			list_del_rcu(&mark->list);
			kfree_rcu(mark, rcu);
			mark = NULL;
		} else {
			e = list_first_entry(&fdb->entries,
					     struct vnet_fdb_entry, list);
		}
		for (n = 0; !list_entry_is_head(e, &fdb->entries, list);
		     e = next) {
			next = list_next_entry(e, list);
			if (vnet_fdb_flush_match(e, port, learned_only))
				vnet_fdb_remove(fdb, e);
			if (fresh && ++n == VNET_WALK_BATCH &&
			    !list_entry_is_head(next, &fdb->entries, list)) {
				list_add_tail_rcu(&fresh->list, &next->list);
				mark = fresh;
				fresh = NULL;
				break;
			}
		}
		spin_unlock_bh(&fdb->lock);
		kfree(fresh);	/* never published */
		cond_resched();
	} while (mark);
}

/*
 * Forget every entry, static or learned, that points at @port. A device
 * that is going (vnet_dev_going(): no packet reaches its table) keeps them
 * for vnet_fdb_uninit() to free whole, rather than walk a table of up to a
 * million entries with bottom halves off once per port.
 */
void vnet_fdb_flush_port(struct vnet_dev *vd, struct vnet_port *port)
{
	if (!vnet_dev_going(vd))
		vnet_fdb_forget(vd, port, false);
}

void vnet_fdb_flush_learned(struct vnet_dev *vd)
{
	vnet_fdb_forget(vd, NULL, true);
}

/* What @port learned: its VLANs changed. Under RTNL. */
void vnet_fdb_flush_port_learned(struct vnet_dev *vd, struct vnet_port *port)
{
	vnet_fdb_forget(vd, port, true);
}

static int vnet_fdb_fill_entry(struct sk_buff *skb, const void *obj)
{
	const struct vnet_fdb_entry *e = obj;
	struct vnet_port *port = READ_ONCE(e->port);
	struct nlattr *nest;

	nest = nla_nest_start(skb, VNET_ATTR_FDB);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, VNET_FDB_MAC, ETH_ALEN, e->addr) ||
	    nla_put_u32(skb, VNET_FDB_PORT, port->index) ||
	    nla_put_string(skb, VNET_FDB_PORT_NAME, port->name) ||
	    nla_put_u8(skb, VNET_FDB_STATIC, e->is_static) ||
	    nla_put_u32(skb, VNET_FDB_AGE,
			jiffies_to_msecs(jiffies - READ_ONCE(e->updated))) ||
	    (vnet_fdb_vid(e) &&
	     nla_put_u16(skb, VNET_FDB_VLAN, vnet_fdb_vid(e)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Dump the table into @skb, one message per entry, under RCU. The cursor
 * is the last key sent (cursor[0..1]) and how many were sent (cursor[2]):
 * resuming finds that MAC in O(1) and goes on along the entry list; if it
 * was deleted meanwhile, the count is skipped instead. Returns 0 when the
 * dump is complete, -EMSGSIZE when @skb is full.
 */
int vnet_fdb_dump(struct vnet_dev *vd, long *cursor, vnet_emit_t emit,
		  void *arg)
{
	struct vnet_fdb *fdb = &vd->fdb;
	struct vnet_fdb_entry *e = NULL;
	u64 last;
	long skip = 0;
	int err = 0;

	rcu_read_lock();
	if (cursor[2]) {
		last = (u32)cursor[0] | (u64)(u32)cursor[1] << 32;
		e = rhashtable_lookup(&fdb->table, &last, vnet_fdb_params);
		if (!e)
			skip = cursor[2];
	}
	if (!e)
		e = list_entry(&fdb->entries, struct vnet_fdb_entry, list);
	list_for_each_entry_continue_rcu(e, &fdb->entries, list) {
		if (!READ_ONCE(e->port))	/* a flush's marker */
			continue;
		if (skip) {
			skip--;
			continue;
		}
		err = emit(vnet_fdb_fill_entry, e, arg);
		if (err)
			break;
		cursor[0] = (u32)e->key;
		cursor[1] = (u32)(e->key >> 32);
		cursor[2]++;
	}
	rcu_read_unlock();
	return err;
}
