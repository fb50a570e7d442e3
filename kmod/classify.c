// SPDX-License-Identifier: GPL-2.0
/*
 * The vfirewall classifier: HyperSplit (Qi et al., "Packet Classification
 * Algorithms: From Theory to Practice", INFOCOM 2009), a binary decision
 * tree over the rules' boxes. Each inner node splits one field at one
 * value; each leaf holds the few rules (in priority order) that meet its
 * region. A lookup is one comparison per level and a short leaf scan, so
 * its cost grows with the depth (about log2 of the rules) and not with
 * the rules: the flat per-packet cost the rule counts we aim at need.
 * Tuple space search would cost a hash probe per distinct mask and port
 * ranges blow it up; bit vectors cost a word per 64 rules per field.
 *
 * Split choice: the field with the most distinct rule edges inside the
 * region (sampled from at most VNET_HS_SAMPLE rules, so building stays
 * O(rules x depth)), cut at the median edge. A node whose first rule
 * covers its whole region is a leaf: nothing below could win.
 */
#include <linux/sort.h>
#include <linux/slab.h>
#include "vnet.h"

#define VNET_HS_LEAF		4	/* rules a leaf may hold */
#define VNET_HS_MAX_DEPTH	40
#define VNET_HS_SAMPLE		24

struct vnet_hs_box {
	u32 lo[VNET_FW_DIMS];
	u32 hi[VNET_FW_DIMS];
};

/*
 * The rule lists of the nodes on the current path live in one scratch
 * array, as a stack addressed by offsets (it may move as it grows): one
 * allocation per build, not one per node.
 */
struct vnet_hs_ctx {
	struct vnet_hs_tree *t;
	const struct vnet_fw_rule *rules;
	u32 budget;			/* leaf entries allowed in all */
	u32 *scratch;
	u32 top, cap;
};

static bool vnet_hs_match(const struct vnet_fw_rule *r, const u32 *key)
{
	int d;

	for (d = 0; d < VNET_FW_DIMS; d++)
		if (key[d] < r->lo[d] || key[d] > r->hi[d])
			return false;
	return true;
}

static bool vnet_hs_covers(const struct vnet_fw_rule *r,
			   const struct vnet_hs_box *b)
{
	int d;

	for (d = 0; d < VNET_FW_DIMS; d++)
		if (r->lo[d] > b->lo[d] || r->hi[d] < b->hi[d])
			return false;
	return true;
}

static int vnet_hs_grow(void **arr, u32 *cap, u32 need, size_t size)
{
	u32 ncap = max3(*cap * 2, need, 64U);
	void *n;

	if (need <= *cap)
		return 0;
	n = kvmalloc_array(ncap, size, GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	if (*arr)
		memcpy(n, *arr, (size_t)*cap * size);
	kvfree(*arr);
	*arr = n;
	*cap = ncap;
	return 0;
}

static int vnet_hs_new_node(struct vnet_hs_tree *t, u32 *id)
{
	int err = vnet_hs_grow((void **)&t->nodes, &t->cap_nodes,
			       t->nnodes + 1, sizeof(*t->nodes));

	if (err)
		return err;
	*id = t->nnodes++;
	memset(&t->nodes[*id], 0, sizeof(t->nodes[*id]));
	return 0;
}

static int vnet_hs_leaf(struct vnet_hs_ctx *c, u32 id, const u32 *idx, u32 m)
{
	struct vnet_hs_tree *t = c->t;
	int err;

	if (m > c->budget)
		return -E2BIG;
	c->budget -= m;
	err = vnet_hs_grow((void **)&t->list, &t->cap_list, t->nlist + m,
			   sizeof(*t->list));
	if (err)
		return err;
	memcpy(t->list + t->nlist, idx, m * sizeof(*idx));
	t->nodes[id].leaf = 1;
	t->nodes[id].child[0] = t->nlist;
	t->nodes[id].child[1] = m;
	t->nlist += m;
	return 0;
}

static int vnet_hs_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

/* The best split of @b over rules @idx: its field and value; false if none.
 * Not inlined: its sample buffer stays off the recursion's stack.
 */
static noinline bool vnet_hs_choose(struct vnet_hs_ctx *c, const u32 *idx,
				    u32 m, const struct vnet_hs_box *b, u8 *dim,
				    u32 *split)
{
	u32 pts[2 * VNET_HS_SAMPLE];
	u32 step = max(m / VNET_HS_SAMPLE, 1U), best = 0;
	int d;

	for (d = 0; d < VNET_FW_DIMS; d++) {
		u32 n = 0, distinct = 0, i;

		for (i = 0; i < m && n + 2 <= ARRAY_SIZE(pts); i += step) {
			const struct vnet_fw_rule *r = &c->rules[idx[i]];

			/* Edges strictly inside the region start a right part. */
			if (r->lo[d] > b->lo[d] && r->lo[d] <= b->hi[d])
				pts[n++] = r->lo[d];
			if (r->hi[d] >= b->lo[d] && r->hi[d] < b->hi[d])
				pts[n++] = r->hi[d] + 1;
		}
		if (!n)
			continue;
		sort(pts, n, sizeof(*pts), vnet_hs_cmp, NULL);
		for (i = 0; i < n; i++)
			if (!i || pts[i] != pts[i - 1])
				pts[distinct++] = pts[i];
		if (distinct > best) {
			best = distinct;
			*dim = d;
			*split = pts[distinct / 2];
		}
	}
	return best > 0;
}

/*
 * Build the subtree of region @b (restored on return) over the @m rules at
 * scratch[@off].
 */
static int vnet_hs_build_node(struct vnet_hs_ctx *c, u32 off, u32 m,
			      struct vnet_hs_box *b, u32 depth, u32 *id)
{
	u32 lm = 0, rm = 0, i, split = 0, child, saved, left;
	u8 dim = 0;
	int err;

	err = vnet_hs_new_node(c->t, id);
	if (err)
		return err;
	c->t->depth = max(c->t->depth, depth);
	if (!m)
		return vnet_hs_leaf(c, *id, c->scratch + off, 0);
	if (vnet_hs_covers(&c->rules[c->scratch[off]], b))
		return vnet_hs_leaf(c, *id, c->scratch + off, 1);
	if (m <= VNET_HS_LEAF || depth >= VNET_HS_MAX_DEPTH ||
	    !vnet_hs_choose(c, c->scratch + off, m, b, &dim, &split))
		return vnet_hs_leaf(c, *id, c->scratch + off, m);

	left = c->top;
	err = vnet_hs_grow((void **)&c->scratch, &c->cap, left + 2 * m,
			   sizeof(*c->scratch));
	if (err)
		return err;
	c->top = left + 2 * m;
	for (i = 0; i < m; i++) {
		u32 r = c->scratch[off + i];

		if (c->rules[r].lo[dim] < split)
			c->scratch[left + lm++] = r;
		if (c->rules[r].hi[dim] >= split)
			c->scratch[left + m + rm++] = r;
	}
	c->t->nodes[*id].dim = dim;
	c->t->nodes[*id].split = split;
	saved = b->hi[dim];
	b->hi[dim] = split - 1;
	err = vnet_hs_build_node(c, left, lm, b, depth + 1, &child);
	b->hi[dim] = saved;
	if (!err) {
		c->t->nodes[*id].child[0] = child;
		saved = b->lo[dim];
		b->lo[dim] = split;
		err = vnet_hs_build_node(c, left + m, rm, b, depth + 1, &child);
		b->lo[dim] = saved;
		if (!err)
			c->t->nodes[*id].child[1] = child;
	}
	c->top = left;
	return err;
}

void vnet_hs_free(struct vnet_hs_tree *t)
{
	kvfree(t->nodes);
	kvfree(t->list);
	memset(t, 0, sizeof(*t));
}

/*
 * Build the tree of @count rules. Should the rules replicate past a budget
 * of leaf entries (adversarial overlaps), fall back to one leaf holding
 * them all: slower, never wrong.
 */
int vnet_hs_build(struct vnet_hs_tree *t, const struct vnet_fw_rule *rules,
		  u32 count)
{
	struct vnet_hs_ctx c = {
		.t = t,
		.rules = rules,
		.budget = 64 * count + 4096,
	};
	struct vnet_hs_box b;
	u32 i, root;
	int err, d;

	memset(t, 0, sizeof(*t));
	err = vnet_hs_grow((void **)&c.scratch, &c.cap, max(count, 1U) * 8,
			   sizeof(*c.scratch));
	if (err)
		return err;
	for (i = 0; i < count; i++)
		c.scratch[i] = i;
	c.top = count;
	for (d = 0; d < VNET_FW_DIMS; d++) {
		b.lo[d] = 0;
		b.hi[d] = U32_MAX;
	}
	err = vnet_hs_build_node(&c, 0, count, &b, 0, &root);
	if (err == -E2BIG) {
		vnet_hs_free(t);
		c.budget = count;
		err = vnet_hs_new_node(t, &root) ?:
		      vnet_hs_leaf(&c, root, c.scratch, count);
	}
	kvfree(c.scratch);
	if (err)
		vnet_hs_free(t);
	return err;
}

/* The index of the first rule @key matches, or -1. Under RCU. */
int vnet_hs_lookup(const struct vnet_hs_tree *t,
		   const struct vnet_fw_rule *rules, const u32 *key)
{
	const struct vnet_hs_node *n = t->nodes;
	u32 i;

	while (!n->leaf)
		n = &t->nodes[n->child[key[n->dim] >= n->split]];
	for (i = 0; i < n->child[1]; i++) {
		u32 r = t->list[n->child[0] + i];

		if (vnet_hs_match(&rules[r], key))
			return r;
	}
	return -1;
}
