// SPDX-License-Identifier: GPL-2.0
/*
 * Longest-prefix match over IPv4 routes: a path-compressed binary trie.
 * A lookup visits at most one node per prefix length (33), whatever the
 * number of routes, and glue nodes only exist where two subtries fork, so
 * a table of N routes has fewer than 2N nodes.
 *
 * Writers run under RTNL and publish every change with one pointer store,
 * after the new nodes are fully built; readers walk under RCU and never
 * see a half-made trie. Nodes and routes are freed after a grace period.
 */
#include <linux/slab.h>
#include "vnet.h"

#define vnet_lpm_deref(p) rcu_dereference_rtnl(p)

/* The bit of @key after the first @pos bits (0 is the top bit). */
static unsigned int vnet_lpm_bit(u32 key, u8 pos)
{
	return (key >> (31 - pos)) & 1;
}

static bool vnet_lpm_covers(const struct vnet_lpm_node *n, u32 key)
{
	return !((key ^ n->key) & vnet_prefix_mask(n->plen));
}

/* The route @addr matches, longest prefix first; under RCU or RTNL. */
struct vnet_route *vnet_lpm_lookup(const struct vnet_lpm *lpm, __be32 addr)
{
	struct vnet_route *best = NULL, *rt;
	const struct vnet_lpm_node *n;
	u32 key = ntohl(addr);

	n = vnet_lpm_deref(lpm->root);
	while (n && vnet_lpm_covers(n, key)) {
		rt = vnet_lpm_deref(n->route);
		if (rt)
			best = rt;
		if (n->plen == 32)
			break;
		n = vnet_lpm_deref(n->child[vnet_lpm_bit(key, n->plen)]);
	}
	return best;
}

/* The node of exactly @key/@plen, and the slot that points to it. */
static struct vnet_lpm_node *vnet_lpm_find(const struct vnet_lpm *lpm, u32 key,
					   u8 plen,
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

/* The route to exactly @dst/@plen; under RTNL or RCU. */
struct vnet_route *vnet_lpm_get(const struct vnet_lpm *lpm, __be32 dst,
				u8 plen)
{
	struct vnet_lpm_node *n = vnet_lpm_find(lpm, ntohl(dst), plen, NULL,
						NULL);

	return n ? vnet_lpm_deref(n->route) : NULL;
}

static struct vnet_lpm_node *vnet_lpm_node_new(u32 key, u8 plen)
{
	struct vnet_lpm_node *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (n) {
		n->key = key & vnet_prefix_mask(plen);
		n->plen = plen;
	}
	return n;
}

/* Publish @rt; -EEXIST if its prefix already has a route. Under RTNL. */
int vnet_lpm_insert(struct vnet_lpm *lpm, struct vnet_route *rt)
{
	u32 key = ntohl(rt->dst);
	struct vnet_lpm_node __rcu **slot = &lpm->root;
	struct vnet_lpm_node *n, *leaf, *glue;
	u8 plen = rt->plen;
	unsigned int common;

	ASSERT_RTNL();
	for (n = vnet_lpm_deref(*slot); n; n = vnet_lpm_deref(*slot)) {
		if (n->plen > plen || !vnet_lpm_covers(n, key))
			break;
		if (n->plen == plen) {
			if (vnet_lpm_deref(n->route))
				return -EEXIST;
			rcu_assign_pointer(n->route, rt);
			goto done;
		}
		slot = &n->child[vnet_lpm_bit(key, n->plen)];
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
	common = (key ^ n->key) ? __builtin_clz(key ^ n->key) : 32;
	common = min3(common, (unsigned int)plen, (unsigned int)n->plen);
	if (common == plen) {
		RCU_INIT_POINTER(leaf->child[vnet_lpm_bit(n->key, plen)], n);
		rcu_assign_pointer(*slot, leaf);
		goto done;
	}
	glue = vnet_lpm_node_new(key, common);
	if (!glue) {
		kfree(leaf);
		return -ENOMEM;
	}
	RCU_INIT_POINTER(glue->child[vnet_lpm_bit(key, common)], leaf);
	RCU_INIT_POINTER(glue->child[vnet_lpm_bit(n->key, common)], n);
	rcu_assign_pointer(*slot, glue);
done:
	lpm->count++;
	lpm->gen++;
	return 0;
}

static unsigned int vnet_lpm_children(const struct vnet_lpm_node *n)
{
	return !!rcu_access_pointer(n->child[0]) +
	       !!rcu_access_pointer(n->child[1]);
}

/* Replace a routeless node of at most one child by that child. */
static void vnet_lpm_collapse(struct vnet_lpm_node __rcu **slot,
			      struct vnet_lpm_node *n)
{
	struct vnet_lpm_node *child;

	child = vnet_lpm_deref(n->child[0]) ?: vnet_lpm_deref(n->child[1]);
	rcu_assign_pointer(*slot, child);
	kfree_rcu(n, rcu);
}

/*
 * Unpublish the route to @dst/@plen and return it (the caller frees it
 * after a grace period), or NULL if there is none. Under RTNL.
 */
struct vnet_route *vnet_lpm_remove(struct vnet_lpm *lpm, __be32 dst, u8 plen)
{
	struct vnet_lpm_node __rcu **slots[34];
	struct vnet_lpm_node *n, *parent;
	struct vnet_route *rt;
	int depth;

	ASSERT_RTNL();
	n = vnet_lpm_find(lpm, ntohl(dst), plen, slots, &depth);
	if (!n)
		return NULL;
	rt = vnet_lpm_deref(n->route);
	if (!rt)
		return NULL;
	RCU_INIT_POINTER(n->route, NULL);
	lpm->count--;
	lpm->gen++;
	if (vnet_lpm_children(n) == 2)
		return rt;
	vnet_lpm_collapse(slots[depth - 1], n);
	if (depth < 2)
		return rt;
	/* The parent may now be a glue node with a single child. */
	parent = vnet_lpm_deref(*slots[depth - 2]);
	if (!vnet_lpm_deref(parent->route) && vnet_lpm_children(parent) < 2)
		vnet_lpm_collapse(slots[depth - 2], parent);
	return rt;
}

/* Does @key/@plen come after the cursor in prefix order? */
static bool vnet_lpm_after(const struct vnet_lpm_cursor *cur, u32 key, u8 plen)
{
	if (!cur->started)
		return true;
	return key > cur->key || (key == cur->key && plen > cur->plen);
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
	struct vnet_lpm_node *stack[36];
	struct vnet_lpm_node *n;
	struct vnet_route *rt;
	int top = 0, err;

	n = vnet_lpm_deref(lpm->root);
	if (n)
		stack[top++] = n;
	while (top) {
		n = stack[--top];
		if (cur->started &&
		    (n->key | ~vnet_prefix_mask(n->plen)) < cur->key)
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
		if (n->plen == 32)
			continue;
		if (top + 2 > ARRAY_SIZE(stack))
			return -ELOOP;	/* cannot happen: depth <= 33 */
		if (vnet_lpm_deref(n->child[1]))
			stack[top++] = vnet_lpm_deref(n->child[1]);
		if (vnet_lpm_deref(n->child[0]))
			stack[top++] = vnet_lpm_deref(n->child[0]);
	}
	return 0;
}

/* Free the whole trie and its routes; no reader is left. */
void vnet_lpm_destroy(struct vnet_lpm *lpm)
{
	struct vnet_lpm_node *stack[36];
	struct vnet_lpm_node *n;
	int top = 0;

	n = rcu_dereference_protected(lpm->root, true);
	RCU_INIT_POINTER(lpm->root, NULL);
	if (n)
		stack[top++] = n;
	while (top) {
		n = stack[--top];
		if (rcu_access_pointer(n->child[0]))
			stack[top++] = rcu_dereference_protected(n->child[0], true);
		if (rcu_access_pointer(n->child[1]))
			stack[top++] = rcu_dereference_protected(n->child[1], true);
		kfree(rcu_dereference_protected(n->route, true));
		kfree(n);
	}
	lpm->count = 0;
}
