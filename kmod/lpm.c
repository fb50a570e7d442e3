// SPDX-License-Identifier: GPL-2.0
/*
 * Longest-prefix match: a path-compressed binary trie over 128-bit keys,
 * one trie per family (an IPv4 address is the key's top 32 bits). A
 * lookup visits at most one node per prefix length (33 for IPv4, 129 for
 * IPv6), whatever the number of routes, and glue nodes only exist where
 * two subtries fork, so a table of N routes has fewer than 2N nodes.
 *
 * A big table also has a directory indexed by the address bits after
 * where the table forks (struct vnet_lpm_dir) that caches the walk down to
 * there: a lookup then visits a handful of nodes instead of one per level,
 * which is what keeps a million routes almost as fast as ten. Indexing
 * the bits after the fork, not the top ones, is what makes it work for
 * IPv6, whose tables share their top bits (2000::/3); an address outside
 * the fork's prefix walks from the root.
 *
 * Writers run under RTNL and publish every change with one pointer store,
 * after the new nodes are fully built, then bring the directory slots the
 * change can affect up to date; readers walk under RCU and never see a
 * half-made trie. Nodes and routes are freed after a grace period, and
 * only once no directory slot points to them.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include "vnet.h"

#define vnet_lpm_deref(p) rcu_dereference_rtnl(p)

/*
 * Directory sizes: 16 bits (1 MiB) from 4096 routes, 20 bits (16 MiB, 64
 * bytes a route at the threshold) from 262144. A table goes back down
 * only at a quarter of the threshold, so adding and deleting around one
 * does not rebuild its directory every time.
 */
#define VNET_LPM_DIR_BITS	16
#define VNET_LPM_DIR_MIN	4096
#define VNET_LPM_BIG_DIR_BITS	20
#define VNET_LPM_BIG_DIR_MIN	262144

#ifdef VNET_SELFTEST
/*
 * The self-test lowers the threshold while it runs, at load and before
 * any device has a table, so that its tables cross it with few routes:
 * its linear reference costs a scan of the table a lookup.
 */
static unsigned int vnet_lpm_dir_min = VNET_LPM_DIR_MIN;
#else
#define vnet_lpm_dir_min VNET_LPM_DIR_MIN
#endif

/* The top @len bits of a 64-bit word (@len at most 64). */
static u64 vnet_lpm_mask64(unsigned int len)
{
	return len ? ~0ULL << (64 - len) : 0;
}

/* The bit of @key after the first @pos bits (0 is the top bit). */
static unsigned int vnet_lpm_bit(struct vnet_lpm_key key, unsigned int pos)
{
	return pos < 64 ? (key.hi >> (63 - pos)) & 1 :
			  (key.lo >> (127 - pos)) & 1;
}

/* @key with the bit after the first @pos bits set. */
static struct vnet_lpm_key vnet_lpm_set_bit(struct vnet_lpm_key key,
					    unsigned int pos)
{
	if (pos < 64)
		key.hi |= 1ULL << (63 - pos);
	else
		key.lo |= 1ULL << (127 - pos);
	return key;
}

/* The first @plen bits of @key, the rest zero. */
static struct vnet_lpm_key vnet_lpm_prefix(struct vnet_lpm_key key,
					   unsigned int plen)
{
	key.hi &= vnet_lpm_mask64(min(plen, 64U));
	key.lo &= vnet_lpm_mask64(plen > 64 ? plen - 64 : 0);
	return key;
}

/* Has @key bits set past its first @plen? */
bool vnet_lpm_host_bits(struct vnet_lpm_key key, u8 plen)
{
	struct vnet_lpm_key net = vnet_lpm_prefix(key, plen);

	return net.hi != key.hi || net.lo != key.lo;
}

/* The last key under @key/@plen: the bits after @plen set. */
static struct vnet_lpm_key vnet_lpm_last(struct vnet_lpm_key key,
					 unsigned int plen)
{
	key.hi |= ~vnet_lpm_mask64(min(plen, 64U));
	key.lo |= ~vnet_lpm_mask64(plen > 64 ? plen - 64 : 0);
	return key;
}

/* How many leading bits @a and @b share (128 if all). */
static unsigned int vnet_lpm_common(struct vnet_lpm_key a,
				    struct vnet_lpm_key b)
{
	if (a.hi != b.hi)
		return __builtin_clzll(a.hi ^ b.hi);
	if (a.lo != b.lo)
		return 64 + __builtin_clzll(a.lo ^ b.lo);
	return 128;
}

/* The @len (1-32) bits of @key after its first @pos (@pos + @len <= 128) */
static u32 vnet_lpm_bits(struct vnet_lpm_key key, unsigned int pos,
			 unsigned int len)
{
	u64 w;

	if (pos >= 64)
		w = key.lo << (pos - 64);
	else if (pos)
		w = key.hi << pos | key.lo >> (64 - pos);
	else
		w = key.hi;
	return w >> (64 - len);
}

/* @key's directory slot; @key has @dir's base as its first bits. */
static u32 vnet_lpm_dir_index(const struct vnet_lpm_dir *dir,
			      struct vnet_lpm_key key)
{
	return vnet_lpm_bits(key, dir->skip, dir->bits);
}

static int vnet_lpm_cmp(struct vnet_lpm_key a, struct vnet_lpm_key b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

/* Do @a and @b share their first @plen bits? */
static bool vnet_lpm_same(struct vnet_lpm_key a, struct vnet_lpm_key b,
			  unsigned int plen)
{
	if (plen <= 64)
		return !((a.hi ^ b.hi) & vnet_lpm_mask64(plen));
	return a.hi == b.hi && !((a.lo ^ b.lo) & vnet_lpm_mask64(plen - 64));
}

static bool vnet_lpm_covers(const struct vnet_lpm_node *n,
			    struct vnet_lpm_key key)
{
	return vnet_lpm_same(key, n->key, n->plen);
}

/* The route @key matches, longest prefix first; under RCU or RTNL. */
struct vnet_route *vnet_lpm_lookup_key(const struct vnet_lpm *lpm,
				       struct vnet_lpm_key key)
{
	const struct vnet_lpm_dir *dir = vnet_lpm_deref(lpm->dir);
	struct vnet_route *best = NULL, *rt;
	const struct vnet_lpm_node *n;

	if (dir && vnet_lpm_same(key, dir->base, dir->skip)) {
		const struct vnet_lpm_dir_slot *slot;

		slot = &dir->slot[vnet_lpm_dir_index(dir, key)];
		best = vnet_lpm_deref(slot->best);
		n = vnet_lpm_deref(slot->node);
	} else {
		n = vnet_lpm_deref(lpm->root);
	}
	while (n && vnet_lpm_covers(n, key)) {
		rt = vnet_lpm_deref(n->route);
		if (rt)
			best = rt;
		if (n->plen == VNET_LPM_KEY_BITS)
			break;
		n = vnet_lpm_deref(n->child[vnet_lpm_bit(key, n->plen)]);
	}
	return best;
}

/* The node of exactly @key/@plen, and the slot that points to it. */
static struct vnet_lpm_node *vnet_lpm_find(const struct vnet_lpm *lpm,
					   struct vnet_lpm_key key, u8 plen,
					   struct vnet_lpm_node __rcu ***slots,
					   int *depth)
{
	struct vnet_lpm_node __rcu **slot;
	struct vnet_lpm_node *n;
	int d = 0;

	slot = (struct vnet_lpm_node __rcu **)&lpm->root;
	for (n = vnet_lpm_deref(*slot); n; n = vnet_lpm_deref(*slot)) {
		if (n->plen > plen || !vnet_lpm_covers(n, key))
			return NULL;
		if (slots)
			slots[d] = slot;
		d++;
		if (n->plen == plen) {
			if (depth)
				*depth = d;
			return n;
		}
		slot = &n->child[vnet_lpm_bit(key, n->plen)];
	}
	return NULL;
}

/* The route to exactly @key/@plen; under RTNL or RCU. */
struct vnet_route *vnet_lpm_get(const struct vnet_lpm *lpm,
				struct vnet_lpm_key key, u8 plen)
{
	struct vnet_lpm_node *n = vnet_lpm_find(lpm, key, plen, NULL, NULL);

	return n ? vnet_lpm_deref(n->route) : NULL;
}

static void vnet_lpm_dir_set(struct vnet_lpm_dir *dir, u32 first, u32 end,
			     struct vnet_route *best,
			     struct vnet_lpm_node *n)
{
	u32 i;

	for (i = first; i < end; i++) {
		rcu_assign_pointer(dir->slot[i].best, best);
		rcu_assign_pointer(dir->slot[i].node, n);
	}
}

/*
 * Fill the slots of the addresses under @key/@plen (@key under the
 * directory's base, @plen from its skip to its skip + bits), which a walk
 * from the root reaches at @n with @best so far: each slot gets the best
 * route and the node where its walk reaches the directory's last bit or
 * stops covering it. One pass over that part of the trie, however many
 * slots; a recursion at most the directory's bits deep. Under RTNL.
 */
static void vnet_lpm_dir_fill_range(struct vnet_lpm_dir *dir,
				    struct vnet_lpm_key key, unsigned int plen,
				    struct vnet_lpm_node *n,
				    struct vnet_route *best)
{
	unsigned int last = dir->skip + dir->bits;
	u32 first = vnet_lpm_dir_index(dir, key);
	u32 end = first + (1U << (last - plen));
	struct vnet_route *rt;
	u32 nfirst, nend;

	/* Nodes shorter than @plen send the whole range the same way. */
	while (n && n->plen < plen && vnet_lpm_covers(n, key)) {
		rt = vnet_lpm_deref(n->route);
		if (rt)
			best = rt;
		n = vnet_lpm_deref(n->child[vnet_lpm_bit(key, n->plen)]);
	}
	if (!n || n->plen < plen || n->plen >= last ||
	    !vnet_lpm_same(n->key, key, plen)) {
		vnet_lpm_dir_set(dir, first, end, best, n);
		return;
	}
	/* Outside @n's prefix the walks stop at @n; inside, they go on. */
	nfirst = vnet_lpm_dir_index(dir, n->key);
	nend = nfirst + (1U << (last - n->plen));
	vnet_lpm_dir_set(dir, first, nfirst, best, n);
	vnet_lpm_dir_set(dir, nend, end, best, n);
	rt = vnet_lpm_deref(n->route);
	if (rt)
		best = rt;
	vnet_lpm_dir_fill_range(dir, n->key, n->plen + 1,
				vnet_lpm_deref(n->child[0]), best);
	vnet_lpm_dir_fill_range(dir, vnet_lpm_set_bit(n->key, n->plen),
				n->plen + 1, vnet_lpm_deref(n->child[1]),
				best);
}

/*
 * Redo the directory slots of the addresses whose first @plen bits are
 * those of @key: none if they are all outside its base, every slot if
 * the base is under @key/@plen. Under RTNL.
 */
static void vnet_lpm_dir_fill(const struct vnet_lpm *lpm,
			      struct vnet_lpm_dir *dir,
			      struct vnet_lpm_key key, unsigned int plen)
{
	if (!vnet_lpm_same(key, dir->base, min(plen, dir->skip)))
		return;
	if (plen <= dir->skip) {
		key = dir->base;
		plen = dir->skip;
	}
	plen = min(plen, dir->skip + dir->bits);
	vnet_lpm_dir_fill_range(dir, vnet_lpm_prefix(key, plen), plen,
				vnet_lpm_deref(lpm->root), NULL);
}

static unsigned int vnet_lpm_children(const struct vnet_lpm_node *n)
{
	return !!rcu_access_pointer(n->child[0]) +
	       !!rcu_access_pointer(n->child[1]);
}

/*
 * Where the table forks, for a directory of @bits: from the root, the
 * walk goes down to a child while it holds seven eighths of the routes or
 * more (all but the few outside, such as a default route or a prefix apart
 * from the rest), and stops where no child does. The length it stops at,
 * at most what leaves room for @bits, is returned, that prefix stored in
 * @base and the number of routes under it in @routes. Under RTNL.
 */
static unsigned int vnet_lpm_fork(const struct vnet_lpm *lpm,
				  unsigned int bits, struct vnet_lpm_key *base,
				  unsigned int *routes)
{
	const unsigned int most = VNET_LPM_KEY_BITS - bits;
	const struct vnet_lpm_node *n = vnet_lpm_deref(lpm->root), *c;
	const u64 most_routes = (u64)lpm->count * 7;
	unsigned int skip, i;

	while (n && n->plen < most) {
		for (i = 0; i < 2; i++) {
			c = vnet_lpm_deref(n->child[i]);
			if (c && (u64)c->routes * 8 >= most_routes)
				break;
		}
		if (i == 2)
			break;
		n = c;
	}
	*routes = n ? n->routes : 0;
	skip = n ? min_t(unsigned int, n->plen, most) : 0;
	*base = n ? vnet_lpm_prefix(n->key, skip) : (struct vnet_lpm_key){};
	return skip;
}

/*
 * Add @delta to the route counts of the nodes on the way to @key/@plen,
 * @key/@plen's own included, once the route there is in or out. A node
 * the insertion made counts what it will hold less the route added.
 * Under RTNL.
 */
static void vnet_lpm_count_path(struct vnet_lpm *lpm, struct vnet_lpm_key key,
				unsigned int plen, int delta)
{
	struct vnet_lpm_node *n = vnet_lpm_deref(lpm->root);

	while (n && n->plen <= plen && vnet_lpm_covers(n, key)) {
		n->routes += delta;
		if (n->plen == plen)
			break;
		n = vnet_lpm_deref(n->child[vnet_lpm_bit(key, n->plen)]);
	}
}

/*
 * Does @dir no longer suit the table, which now forks at @base/@skip? A
 * fork that moved down or aside does; one that moved up (routes outside
 * the base) only once a quarter of the routes are outside, so that adding
 * and deleting one route there does not make the directory anew each time
 * (a directory is correct for any base: what is outside walks the trie).
 */
static bool vnet_lpm_dir_stale(const struct vnet_lpm *lpm,
			       const struct vnet_lpm_dir *dir,
			       unsigned int skip, struct vnet_lpm_key base)
{
	if (skip == dir->skip && !vnet_lpm_cmp(base, dir->base))
		return false;
	if (skip > dir->skip || !vnet_lpm_same(dir->base, base, skip))
		return true;
	return dir->routes < lpm->count - lpm->count / 4;
}

/* Count a route @key/@plen in or out (@delta) of the directory's base. */
static void vnet_lpm_dir_count(struct vnet_lpm *lpm, struct vnet_lpm_key key,
			       unsigned int plen, int delta)
{
	struct vnet_lpm_dir *dir = vnet_lpm_deref(lpm->dir);

	if (dir && plen >= dir->skip && vnet_lpm_same(key, dir->base, dir->skip))
		dir->routes += delta;
}

/* The directory size the table's route count calls for, given @bits now. */
static unsigned int vnet_lpm_dir_bits(const struct vnet_lpm *lpm,
				      unsigned int bits)
{
	if (lpm->count >= (bits == VNET_LPM_BIG_DIR_BITS ?
			   VNET_LPM_BIG_DIR_MIN / 4 : VNET_LPM_BIG_DIR_MIN))
		return VNET_LPM_BIG_DIR_BITS;
	if (lpm->count >= (bits ? vnet_lpm_dir_min / 4 : vnet_lpm_dir_min))
		return VNET_LPM_DIR_BITS;
	return 0;
}

/*
 * After a change that only the walks of addresses sharing the first @plen
 * bits of @key can see (a route on a node of @plen bits, or a child pointer
 * of a node of @plen - 1 bits; 0 for the root pointer): bring the directory
 * up to date, or make it anew at the size the table now calls for.
 * Call before freeing what the change unlinked. Under RTNL.
 */
static void vnet_lpm_dir_update(struct vnet_lpm *lpm,
				struct vnet_lpm_key key, unsigned int plen)
{
	struct vnet_lpm_dir *dir = vnet_lpm_deref(lpm->dir), *next = NULL;
	unsigned int now = dir ? dir->bits : 0;
	unsigned int bits = vnet_lpm_dir_bits(lpm, now);
	unsigned int skip = 0, routes = 0;
	struct vnet_lpm_key base = {};

	if (bits)
		skip = vnet_lpm_fork(lpm, bits, &base, &routes);
	/* A new size, or a fork that moved: the directory is made anew. */
	if (bits != now || (dir && vnet_lpm_dir_stale(lpm, dir, skip, base))) {
		if (bits) {
			next = kvzalloc(struct_size(next, slot, 1U << bits),
					GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
			if (next) {
				next->bits = bits;
				next->skip = skip;
				next->base = base;
				next->routes = routes;
				vnet_lpm_dir_fill(lpm, next, base, skip);
			}
		}
		/* Without memory for it, keep the one there is. */
		if (next || !bits) {
			rcu_assign_pointer(lpm->dir, next);
			if (dir)
				kvfree_rcu(dir, rcu);
			return;
		}
	}
	if (dir && plen <= dir->skip + dir->bits)
		vnet_lpm_dir_fill(lpm, dir, key, plen);
}

static struct vnet_lpm_node *vnet_lpm_node_new(struct vnet_lpm_key key,
					       u8 plen)
{
	struct vnet_lpm_node *n = kzalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);

	if (n) {
		n->key = vnet_lpm_prefix(key, plen);
		n->plen = plen;
	}
	return n;
}

/* Publish @rt; -EEXIST if its prefix already has a route. Under RTNL. */
int vnet_lpm_insert(struct vnet_lpm *lpm, struct vnet_route *rt)
{
	struct vnet_lpm_key key = vnet_route_key(rt);
	struct vnet_lpm_node __rcu **slot = &lpm->root;
	struct vnet_lpm_node *n, *leaf, *glue;
	u8 plen = rt->plen;
	unsigned int common;
	/* What the change touches: see vnet_lpm_dir_update() */
	unsigned int seen = 0;

	ASSERT_RTNL();
	for (n = vnet_lpm_deref(*slot); n; n = vnet_lpm_deref(*slot)) {
		if (n->plen > plen || !vnet_lpm_covers(n, key))
			break;
		if (n->plen == plen) {
			if (vnet_lpm_deref(n->route))
				return -EEXIST;
			rcu_assign_pointer(n->route, rt);
			seen = plen;
			goto done;
		}
		slot = &n->child[vnet_lpm_bit(key, n->plen)];
		seen = n->plen + 1;
	}

	leaf = vnet_lpm_node_new(key, plen);
	if (!leaf)
		return -ENOMEM;
	RCU_INIT_POINTER(leaf->route, rt);
	if (!n) {
		rcu_assign_pointer(*slot, leaf);
		goto done;
	}
	/* @n is below the new prefix or forks from it: where do they part? */
	common = min3(vnet_lpm_common(key, n->key), (unsigned int)plen,
		      (unsigned int)n->plen);
	if (common == plen) {
		leaf->routes = n->routes;
		RCU_INIT_POINTER(leaf->child[vnet_lpm_bit(n->key, plen)], n);
		rcu_assign_pointer(*slot, leaf);
		goto done;
	}
	glue = vnet_lpm_node_new(key, common);
	if (!glue) {
		kfree(leaf);
		return -ENOMEM;
	}
	glue->routes = n->routes;
	RCU_INIT_POINTER(glue->child[vnet_lpm_bit(key, common)], leaf);
	RCU_INIT_POINTER(glue->child[vnet_lpm_bit(n->key, common)], n);
	rcu_assign_pointer(*slot, glue);
done:
	lpm->count++;
	lpm->gen++;
	vnet_lpm_count_path(lpm, key, plen, 1);
	vnet_lpm_dir_count(lpm, key, plen, 1);
	vnet_lpm_dir_update(lpm, key, seen);
	return 0;
}

/*
 * Replace a routeless node of at most one child by that child; the caller
 * frees it once the directory no longer points to it.
 */
static void vnet_lpm_collapse(struct vnet_lpm_node __rcu **slot,
			      struct vnet_lpm_node *n)
{
	struct vnet_lpm_node *child;

	child = vnet_lpm_deref(n->child[0]) ?: vnet_lpm_deref(n->child[1]);
	rcu_assign_pointer(*slot, child);
}

/* What a change of the pointer @slots[@d] touches: vnet_lpm_dir_update() */
static unsigned int vnet_lpm_seen(struct vnet_lpm_node __rcu **slots[], int d)
{
	return d ? vnet_lpm_deref(*slots[d - 1])->plen + 1 : 0;
}

/*
 * Unpublish the route to @dst/@plen and return it (the caller frees it
 * after a grace period), or NULL if there is none. Under RTNL.
 */
struct vnet_route *vnet_lpm_remove(struct vnet_lpm *lpm,
				   struct vnet_lpm_key key, u8 plen)
{
	struct vnet_lpm_node __rcu **slots[VNET_LPM_KEY_BITS + 2];
	struct vnet_lpm_node *n, *parent = NULL;
	struct vnet_route *rt;
	unsigned int seen;
	int depth;

	ASSERT_RTNL();
	n = vnet_lpm_find(lpm, key, plen, slots, &depth);
	if (!n)
		return NULL;
	rt = vnet_lpm_deref(n->route);
	if (!rt)
		return NULL;
	RCU_INIT_POINTER(n->route, NULL);
	lpm->count--;
	lpm->gen++;
	vnet_lpm_dir_count(lpm, key, plen, -1);
	seen = plen;
	if (vnet_lpm_children(n) == 2) {
		n = NULL;
		goto out;
	}
	seen = vnet_lpm_seen(slots, depth - 1);
	vnet_lpm_collapse(slots[depth - 1], n);
	/* The parent may now be a glue node with a single child. */
	if (depth >= 2) {
		parent = vnet_lpm_deref(*slots[depth - 2]);
		if (!vnet_lpm_deref(parent->route) &&
		    vnet_lpm_children(parent) < 2) {
			seen = vnet_lpm_seen(slots, depth - 2);
			vnet_lpm_collapse(slots[depth - 2], parent);
		} else {
			parent = NULL;
		}
	}
out:
	vnet_lpm_count_path(lpm, key, plen, -1);
	vnet_lpm_dir_update(lpm, key, seen);
	if (n)
		kfree_rcu(n, rcu);
	if (parent)
		kfree_rcu(parent, rcu);
	return rt;
}

/* Does @key/@plen come after the cursor in prefix order? */
static bool vnet_lpm_after(const struct vnet_lpm_cursor *cur,
			   struct vnet_lpm_key key, u8 plen)
{
	int cmp;

	if (!cur->started)
		return true;
	cmp = vnet_lpm_cmp(key, cur->key);
	return cmp > 0 || (!cmp && plen > cur->plen);
}

/*
 * Visit routes in prefix order (address, then length: a pre-order walk of
 * the trie), skipping whole subtries that end before the cursor, so a dump
 * that resumes costs the depth of the trie and not the routes before it.
 * Under RTNL or RCU.
 */
int vnet_lpm_walk(const struct vnet_lpm *lpm, struct vnet_lpm_cursor *cur,
		  int (*fn)(struct vnet_route *rt, void *arg), void *arg)
{
	/* A pre-order walk keeps at most one pending sibling per level. */
	struct vnet_lpm_node *stack[VNET_LPM_KEY_BITS + 4];
	struct vnet_lpm_node *n;
	struct vnet_route *rt;
	int top = 0, err;

	n = vnet_lpm_deref(lpm->root);
	if (n)
		stack[top++] = n;
	while (top) {
		n = stack[--top];
		if (cur->started &&
		    vnet_lpm_cmp(vnet_lpm_last(n->key, n->plen), cur->key) < 0)
			continue;
		rt = vnet_lpm_deref(n->route);
		if (rt && vnet_lpm_after(cur, n->key, n->plen)) {
			err = fn(rt, arg);
			if (err)
				return err;
			cur->key = n->key;
			cur->plen = n->plen;
			cur->started = true;
		}
		if (n->plen == VNET_LPM_KEY_BITS)
			continue;
		if (top + 2 > ARRAY_SIZE(stack))
			return -ELOOP;	/* cannot happen: depth <= 129 */
		if (vnet_lpm_deref(n->child[1]))
			stack[top++] = vnet_lpm_deref(n->child[1]);
		if (vnet_lpm_deref(n->child[0]))
			stack[top++] = vnet_lpm_deref(n->child[0]);
	}
	return 0;
}

/* Free a detached trie and its routes. May sleep. */
static void vnet_lpm_free_trie(struct vnet_lpm_node *root)
{
	struct vnet_lpm_node *stack[VNET_LPM_KEY_BITS + 4];
	struct vnet_lpm_node *n;
	unsigned int freed = 0;
	int top = 0;

	if (root)
		stack[top++] = root;
	while (top) {
		n = stack[--top];
		if (rcu_access_pointer(n->child[0]))
			stack[top++] = rcu_dereference_protected(n->child[0], true);
		if (rcu_access_pointer(n->child[1]))
			stack[top++] = rcu_dereference_protected(n->child[1], true);
		kfree(rcu_dereference_protected(n->route, true));
		kfree(n);
		if (!(++freed % 1024))
			cond_resched();
	}
}

/* What a destroyed table leaves for vnet_wq to free. */
struct vnet_lpm_remains {
	struct work_struct work;
	struct vnet_lpm_node *root;
	struct vnet_lpm_dir *dir;
};

static void vnet_lpm_free_remains(struct work_struct *work)
{
	struct vnet_lpm_remains *rm;

	rm = container_of(work, struct vnet_lpm_remains, work);
	kvfree(rm->dir);
	vnet_lpm_free_trie(rm->root);
	kfree(rm);
}

/*
 * Empty the table; no reader is left. The device goes under RTNL, and
 * freeing a million routes there held it for 3 s, so the nodes are freed
 * by a work on vnet_wq, which the module's exit drains; here only if there
 * is no memory for the work. May sleep.
 */
void vnet_lpm_destroy(struct vnet_lpm *lpm)
{
	struct vnet_lpm_node *root = rcu_dereference_protected(lpm->root, true);
	struct vnet_lpm_dir *dir = rcu_dereference_protected(lpm->dir, true);
	struct vnet_lpm_remains *rm;

	might_sleep();

	RCU_INIT_POINTER(lpm->root, NULL);
	RCU_INIT_POINTER(lpm->dir, NULL);
	lpm->count = 0;
	if (!root && !dir)
		return;
	rm = kmalloc(sizeof(*rm), GFP_KERNEL);
	if (!rm) {
		kvfree(dir);
		vnet_lpm_free_trie(root);
		return;
	}
	rm->root = root;
	rm->dir = dir;
	INIT_WORK(&rm->work, vnet_lpm_free_remains);
	queue_work(vnet_wq, &rm->work);
}

#ifdef VNET_SELFTEST
#include "selftest/lpm.c"
#endif
