// SPDX-License-Identifier: GPL-2.0
/*
 * The LPM trie against a linear reference, at module load when the module
 * is built with VNET_SELFTEST=1 (make check-debug builds it so).
 *
 * Routes drawn around a few base addresses, so that they nest and fork,
 * are inserted and removed at random; after each phase every route is
 * found by its exact prefix, a walk visits each once in prefix order, and
 * random addresses (and each route's first and last address) look up the
 * route a scan of the reference picks. The phases take the table across
 * the directory's threshold and back, so that lookups through the
 * directory and through the trie alone are both checked.
 */
#include <linux/prandom.h>

#define VNET_LPM_TEST_MAX	(VNET_LPM_DIR_MIN + 256)
#define VNET_LPM_TEST_LOOKUPS	512

struct vnet_lpm_test {
	struct vnet_lpm lpm;
	struct vnet_route **ref;	/* the routes in the trie */
	unsigned int n;
	struct rnd_state rnd;
	u32 last_key;			/* the walk's order check */
	u8 last_plen;
	unsigned int walked;
	bool ordered;
	unsigned int lookups;
	unsigned int inserted;
	const char *phase;
};

/* The reference: the longest of the routes covering @key, by scan. */
static struct vnet_route * __init vnet_lpm_test_scan(const struct vnet_lpm_test *t,
						     u32 key)
{
	struct vnet_route *best = NULL, *rt;
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		rt = t->ref[i];
		if ((key ^ ntohl(rt->dst)) & vnet_prefix_mask(rt->plen))
			continue;
		if (!best || rt->plen > best->plen)
			best = rt;
	}
	return best;
}

static void __init vnet_lpm_test_name(char *buf, size_t len,
				      const struct vnet_route *rt)
{
	if (rt)
		snprintf(buf, len, "%pI4/%u", &rt->dst, rt->plen);
	else
		strscpy(buf, "no route", len);
}

static bool __init vnet_lpm_test_lookup(struct vnet_lpm_test *t, u32 key)
{
	struct vnet_route *want = vnet_lpm_test_scan(t, key);
	struct vnet_route *got = vnet_lpm_lookup(&t->lpm, htonl(key));
	char g[24], w[24];

	t->lookups++;
	if (got == want)
		return true;
	vnet_lpm_test_name(g, sizeof(g), got);
	vnet_lpm_test_name(w, sizeof(w), want);
	pr_err("vnet: selftest: lpm: %s: %pI4h looks up %s, the reference %s\n",
	       t->phase, &key, g, w);
	return false;
}

static int __init vnet_lpm_test_visit(struct vnet_route *rt, void *arg)
{
	struct vnet_lpm_test *t = arg;
	u32 key = ntohl(rt->dst);

	if (t->walked && (key < t->last_key ||
			  (key == t->last_key && rt->plen <= t->last_plen)))
		t->ordered = false;
	t->last_key = key;
	t->last_plen = rt->plen;
	t->walked++;
	return 0;
}

/*
 * The table holds what the reference does: counted, walked in order, each
 * route found by its prefix; a sample of the routes' first and last
 * addresses and random ones look up what the reference picks. @dir: the
 * table is past the directory's threshold and must have one.
 */
static bool __init vnet_lpm_test_check(struct vnet_lpm_test *t, const char *phase,
				       bool dir)
{
	unsigned int stride = t->n / VNET_LPM_TEST_LOOKUPS + 1;
	struct vnet_lpm_cursor cur = {};
	struct vnet_route *rt;
	unsigned int i;
	u32 key;
	int err;

	t->phase = phase;
	if (t->lpm.count != t->n || !!rcu_access_pointer(t->lpm.dir) != dir) {
		pr_err("vnet: selftest: lpm: %s: %u routes counted, %u in, %s directory where %s was due\n",
		       phase, t->lpm.count, t->n,
		       rcu_access_pointer(t->lpm.dir) ? "a" : "no",
		       dir ? "one" : "none");
		return false;
	}
	t->walked = 0;
	t->ordered = true;
	err = vnet_lpm_walk(&t->lpm, &cur, vnet_lpm_test_visit, t);
	if (err || t->walked != t->n || !t->ordered) {
		pr_err("vnet: selftest: lpm: %s: a walk (%d) saw %u of %u routes%s\n",
		       phase, err, t->walked, t->n,
		       t->ordered ? "" : ", out of order");
		return false;
	}
	for (i = 0; i < t->n; i++) {
		rt = t->ref[i];
		if (vnet_lpm_get(&t->lpm, vnet_route_key(rt), rt->plen) != rt) {
			pr_err("vnet: selftest: lpm: %s: %pI4/%u not found\n",
			       phase, &rt->dst, rt->plen);
			return false;
		}
		if (i % stride)
			continue;
		key = ntohl(rt->dst);
		if (!vnet_lpm_test_lookup(t, key) ||
		    !vnet_lpm_test_lookup(t, key | ~vnet_prefix_mask(rt->plen)))
			return false;
	}
	for (i = 0; i < VNET_LPM_TEST_LOOKUPS; i++)
		if (!vnet_lpm_test_lookup(t, prandom_u32_state(&t->rnd)))
			return false;
	return true;
}

/* A route near one of four bases, of a length drawn towards the common. */
static struct vnet_route * __init vnet_lpm_test_route(struct rnd_state *rnd)
{
	static const u32 base[] __initconst = { 0x0a000000, 0x0a010000, 0xc0a80000,
				    0x00000000 };
	static const u8 plens[] __initconst = { 0, 1, 8, 12, 16, 16, 20, 24, 24, 24, 28,
				    31, 32, 32 };
	u32 r = prandom_u32_state(rnd);
	struct vnet_route *rt = kzalloc(sizeof(*rt), GFP_KERNEL);
	u8 plen = plens[r % ARRAY_SIZE(plens)];
	u32 key;

	if (!rt)
		return NULL;
	if (r & 0x100)
		plen = (r >> 9) % 33;
	key = base[(r >> 14) & 3] ^ (prandom_u32_state(rnd) >> (r >> 16 & 15));
	rt->family = AF_INET;
	rt->dst = htonl(key & vnet_prefix_mask(plen));
	rt->plen = plen;
	return rt;
}

/* Insert until the table holds @target routes; false on a mismatch. */
static bool __init vnet_lpm_test_grow(struct vnet_lpm_test *t, unsigned int target)
{
	struct vnet_route *rt;
	int err;

	while (t->n < target) {
		rt = vnet_lpm_test_route(&t->rnd);
		if (!rt)
			return false;
		err = vnet_lpm_insert(&t->lpm, rt);
		if (err == -EEXIST &&
		    vnet_lpm_get(&t->lpm, vnet_route_key(rt), rt->plen)) {
			kfree(rt);
			continue;
		}
		if (err) {
			pr_err("vnet: selftest: lpm: inserting %pI4/%u: %d\n",
			       &rt->dst, rt->plen, err);
			kfree(rt);
			return false;
		}
		t->ref[t->n++] = rt;
		t->inserted++;
	}
	return true;
}

/* Remove at random until @target routes are left. */
static bool __init vnet_lpm_test_shrink(struct vnet_lpm_test *t, unsigned int target)
{
	struct vnet_route *rt, *got;
	char g[24];
	unsigned int i;

	while (t->n > target) {
		i = prandom_u32_state(&t->rnd) % t->n;
		rt = t->ref[i];
		got = vnet_lpm_remove(&t->lpm, vnet_route_key(rt), rt->plen);
		if (got != rt) {
			/* Both stay in the reference: vnet_lpm_test_free(). */
			vnet_lpm_test_name(g, sizeof(g), got);
			pr_err("vnet: selftest: lpm: removing %pI4/%u gave %s\n",
			       &rt->dst, rt->plen, g);
			return false;
		}
		t->ref[i] = t->ref[--t->n];
		got = vnet_lpm_get(&t->lpm, vnet_route_key(rt), rt->plen);
		if (got) {
			/* The prefixes are distinct: that is @rt, still in. */
			pr_err("vnet: selftest: lpm: %pI4/%u is found after its removal\n",
			       &rt->dst, rt->plen);
			return false;
		}
		/* Nothing reads the test's trie: no grace period to wait. */
		kfree(rt);
	}
	return true;
}

/* Free the reference's routes the trie no longer holds; it frees the rest. */
static void __init vnet_lpm_test_free(struct vnet_lpm_test *t)
{
	struct vnet_route *rt;
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		rt = t->ref[i];
		if (vnet_lpm_get(&t->lpm, vnet_route_key(rt), rt->plen) != rt)
			kfree(rt);
	}
	vnet_lpm_destroy(&t->lpm);
}

bool __init vnet_lpm_selftest(void)
{
	struct vnet_lpm_test *t;
	bool ok;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (t)
		t->ref = kvcalloc(VNET_LPM_TEST_MAX, sizeof(*t->ref), GFP_KERNEL);
	if (!t || !t->ref) {
		pr_err("vnet: selftest: lpm: no memory\n");
		kfree(t);
		return false;
	}
	/* The small phases stay under the directory's threshold. */
	BUILD_BUG_ON(VNET_LPM_DIR_MIN <= 300);
	prandom_seed_state(&t->rnd, 0x766e6574);
	rtnl_lock();
	ok = vnet_lpm_test_grow(t, 300) &&
	     vnet_lpm_test_check(t, "small", false) &&
	     vnet_lpm_test_shrink(t, 100) &&
	     vnet_lpm_test_check(t, "fewer", false) &&
	     vnet_lpm_test_grow(t, VNET_LPM_TEST_MAX) &&
	     vnet_lpm_test_check(t, "directory", true) &&
	     vnet_lpm_test_shrink(t, VNET_LPM_DIR_MIN / 4) &&
	     vnet_lpm_test_check(t, "directory, fewer", true) &&
	     vnet_lpm_test_shrink(t, VNET_LPM_DIR_MIN / 4 - 1) &&
	     vnet_lpm_test_check(t, "directory gone", false) &&
	     vnet_lpm_test_shrink(t, 0) &&
	     vnet_lpm_test_check(t, "empty", false);
	if (ok && (rcu_access_pointer(t->lpm.root) ||
		   rcu_access_pointer(t->lpm.dir))) {
		pr_err("vnet: selftest: lpm: an empty table keeps nodes\n");
		ok = false;
	}
	vnet_lpm_test_free(t);
	rtnl_unlock();
	if (ok)
		pr_info("vnet: selftest: lpm: ok, %u routes in and out, %u lookups\n",
			t->inserted, t->lookups);
	kvfree(t->ref);
	kfree(t);
	return ok;
}
