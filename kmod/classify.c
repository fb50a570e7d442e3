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
 *
 * A rule whose box is wide in a field (a short prefix, a wide port range)
 * lands in every leaf that field is split into; mixed with narrow rules,
 * such rules blow the tree up. So, as EffiCuts (Vamanan et al., SIGCOMM
 * 2010) does, the rules are first parted by which of the address and
 * port fields they are wide in, and each part gets a tree of its own. A
 * lookup walks the parts in order of their first rule and stops once no
 * later part can hold an earlier match than the one it has. A part whose
 * tree still replicates past a budget is halved by rule order, and so on,
 * up to VNET_HS_PARTS trees; past that, the rest is scanned in order.
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
	struct vnet_hs_part *t;
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
	n = kvmalloc_array(ncap, size, GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	if (*arr)
		memcpy(n, *arr, (size_t)*cap * size);
	kvfree(*arr);
	*arr = n;
	*cap = ncap;
	return 0;
}

static int vnet_hs_new_node(struct vnet_hs_part *t, u32 *id)
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
	struct vnet_hs_part *t = c->t;
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

/*
 * The best split of @b over rules @idx: its field and value; false if none.
 * Each field's candidate is the median of its distinct rule edges inside
 * the region (sampled); the field whose candidate leaves the larger side
 * smallest wins, which keeps both the depth and the replication of wide
 * rules down. Not inlined: its sample buffer stays off the recursion's
 * stack.
 */
static noinline bool vnet_hs_choose(struct vnet_hs_ctx *c, const u32 *idx,
				    u32 m, const struct vnet_hs_box *b, u8 *dim,
				    u32 *split)
{
	u32 pts[2 * VNET_HS_SAMPLE];
	u32 step = max(m / VNET_HS_SAMPLE, 1U), best = m;
	int d;

	for (d = 0; d < VNET_FW_DIMS; d++) {
		u32 n = 0, distinct = 0, i, cut, lm = 0, rm = 0;

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
		cut = pts[distinct / 2];
		for (i = 0; i < m; i++) {
			lm += c->rules[idx[i]].lo[d] < cut;
			rm += c->rules[idx[i]].hi[d] >= cut;
		}
		if (max(lm, rm) < best) {
			best = max(lm, rm);
			*dim = d;
			*split = cut;
		}
	}
	return best < m;
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

	/* A build of many rules runs long, outside RTNL: let others run. */
	cond_resched();
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

static void vnet_hs_part_free(struct vnet_hs_part *t)
{
	kvfree(t->nodes);
	kvfree(t->list);
	memset(t, 0, sizeof(*t));
}

void vnet_hs_free(struct vnet_hs_tree *t)
{
	u32 i;

	for (i = 0; i < t->nparts; i++)
		vnet_hs_part_free(&t->part[i]);
	t->nparts = 0;
}

struct vnet_hs_build {
	struct vnet_hs_tree *t;
	const struct vnet_fw_rule *rules;
	u32 *scratch;			/* rule indexes, then the build's stack */
	u32 cap;
};

/* One tree over the @count rules at the start of @hb->scratch. */
static int vnet_hs_build_tree(struct vnet_hs_build *hb, u32 count,
			      bool last_try)
{
	struct vnet_hs_part *t = &hb->t->part[hb->t->nparts];
	struct vnet_hs_ctx c = {
		.t = t,
		.rules = hb->rules,
		.budget = last_try ? count : 16 * count + 1024,
		.scratch = hb->scratch,
		.top = count,
		.cap = hb->cap,
	};
	struct vnet_hs_box b;
	u32 root;
	int err, d;

	memset(t, 0, sizeof(*t));
	t->first = count ? hb->scratch[0] : 0;
	for (d = 0; d < VNET_FW_DIMS; d++) {
		b.lo[d] = 0;
		b.hi[d] = U32_MAX;
	}
	if (last_try)	/* one leaf: a scan in rule order */
		err = vnet_hs_new_node(t, &root) ?:
		      vnet_hs_leaf(&c, root, c.scratch, count);
	else
		err = vnet_hs_build_node(&c, 0, count, &b, 0, &root);
	/* The scratch array may have moved as it grew. */
	hb->scratch = c.scratch;
	hb->cap = c.cap;
	if (err) {
		vnet_hs_part_free(t);
		return err;
	}
	hb->t->nparts++;
	return 0;
}

/*
 * Trees over the @count rules at the start of @hb->scratch: one if their
 * leaves stay within budget, else those of each half, in rule order;
 * @reserve trees are kept free for what is still to build.
 */
static int vnet_hs_build_parts(struct vnet_hs_build *hb, u32 count,
			       u32 reserve)
{
	u32 half = count / 2, *rest;
	int err;

	err = vnet_hs_build_tree(hb, count, false);
	if (err != -E2BIG)
		return err;
	if (count <= 2 * VNET_HS_LEAF ||
	    hb->t->nparts + 2 + reserve > VNET_HS_PARTS)
		return vnet_hs_build_tree(hb, count, true);
	rest = kvmalloc_array(count - half, sizeof(*rest), GFP_KERNEL_ACCOUNT);
	if (!rest)
		return -ENOMEM;
	memcpy(rest, hb->scratch + half, (count - half) * sizeof(*rest));
	err = vnet_hs_build_parts(hb, half, reserve + 1);
	if (!err) {
		memcpy(hb->scratch, rest, (count - half) * sizeof(*rest));
		err = vnet_hs_build_parts(hb, count - half, reserve);
	}
	kvfree(rest);
	return err;
}

#define VNET_HS_GROUPS	8

/* Which group @r goes to: a bit per kind of field it is wide in. */
static u32 vnet_hs_group(const struct vnet_fw_rule *r)
{
	u32 g = 0;

	if (r->hi[VNET_FW_SRC] - r->lo[VNET_FW_SRC] >= 0xffff)
		g |= 1;
	if (r->hi[VNET_FW_DST] - r->lo[VNET_FW_DST] >= 0xffff)
		g |= 2;
	if (r->hi[VNET_FW_SPORT] - r->lo[VNET_FW_SPORT] >= 1023 ||
	    r->hi[VNET_FW_DPORT] - r->lo[VNET_FW_DPORT] >= 1023)
		g |= 4;
	return g;
}

static int vnet_hs_part_cmp(const void *a, const void *b)
{
	const struct vnet_hs_part *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Build the trees of @count rules. */
int vnet_hs_build(struct vnet_hs_tree *t, const struct vnet_fw_rule *rules,
		  u32 count)
{
	struct vnet_hs_build hb = { .t = t, .rules = rules };
	u32 n[VNET_HS_GROUPS] = { 0 }, *group, i, g, left = 0;
	int err = 0;

	memset(t, 0, sizeof(*t));
	group = kvmalloc_array(max(count, 1U), sizeof(*group), GFP_KERNEL_ACCOUNT);
	hb.cap = max(count, 1U) * 8;
	hb.scratch = kvmalloc_array(hb.cap, sizeof(*hb.scratch), GFP_KERNEL_ACCOUNT);
	if (!group || !hb.scratch) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < count; i++) {
		group[i] = vnet_hs_group(&rules[i]);
		left += !n[group[i]]++;
	}
	for (g = 0; g < VNET_HS_GROUPS && !err; g++) {
		u32 m = 0;

		if (!n[g])
			continue;
		for (i = 0; i < count; i++)
			if (group[i] == g)
				hb.scratch[m++] = i;
		err = vnet_hs_build_parts(&hb, m, --left);
	}
	/* No rules: one empty tree, where every lookup misses. */
	if (!count)
		err = vnet_hs_build_tree(&hb, 0, false);
	if (err) {
		vnet_hs_free(t);
		goto out;
	}
	/* In the order of their first rules, so lookups stop early. */
	sort(t->part, t->nparts, sizeof(t->part[0]), vnet_hs_part_cmp, NULL);
out:
	kvfree(hb.scratch);
	kvfree(group);
	return err;
}

static int vnet_hs_part_lookup(const struct vnet_hs_part *t,
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

/* The index of the first rule @key matches, or -1. Under RCU. */
int vnet_hs_lookup(const struct vnet_hs_tree *t,
		   const struct vnet_fw_rule *rules, const u32 *key)
{
	int best = -1, r;
	u32 i;

	for (i = 0; i < t->nparts; i++) {
		if (best >= 0 && t->part[i].first > best)
			break;
		r = vnet_hs_part_lookup(&t->part[i], rules, key);
		if (r >= 0 && (best < 0 || r < best))
			best = r;
	}
	return best;
}

#ifdef VNET_SELFTEST
#include "selftest/classify.c"
#endif
