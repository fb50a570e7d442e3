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
 * directory and through the trie alone are both checked; for IPv4, then
 * IPv6 (prefixes of up to 128 bits around IPv6 bases). Last, IPv6 tables
 * confined to 2001:db8::/32, a /56, a /96 and a /116 (the directory's
 * index in the key's first word, across both, in the second, and in the
 * last 16 bits): each directory indexes the bits after its prefix, or the
 * last 16. The /32's keeps doing so while routes
 * above it (::/0, the prefix one bit shorter) come and go, with one route
 * outside (3000::/4), with more under it and with a fifth of the routes
 * under 3000::/4; a third move it up to 2000::/3, and their removal back.
 * A table under 2001:db8::/32 with fd00::/8 apart from the start indexes
 * the /32 too, and the root once a third of the routes are apart. Lookups
 * outside the directory's prefix walk from the root; the routes each node
 * counts under it and those the directory counts under its base are
 * recounted.
 */
#include <linux/prandom.h>

/*
 * The directory's threshold while the test runs: a directory behaves
 * the same whatever it is, and the reference's scans cost the table's size
 * squared (at 4096 the test took 45 s to load on the debug kernel).
 */
#define VNET_LPM_TEST_DIR_MIN	512
#define VNET_LPM_TEST_MAX	(VNET_LPM_TEST_DIR_MIN + 128)
/* The fork test's: a third of them outside its first prefix's 704. */
#define VNET_LPM_TEST_FORK_MAX	((VNET_LPM_TEST_MAX + 64) * 3 / 2)
#define VNET_LPM_TEST_LOOKUPS	512

struct vnet_lpm_test {
	struct vnet_lpm lpm;
	struct vnet_route **ref;	/* the routes in the trie */
	unsigned int n;
	struct rnd_state rnd;
	u8 family;			/* of the routes drawn */
	struct vnet_lpm_key region;	/* IPv6 routes drawn under it, */
	u8 region_len;			/* of this length (0: the bases) */
	struct vnet_lpm_key last_key;	/* the walk's order check */
	u8 last_plen;
	unsigned int walked;
	bool ordered;
	unsigned int lookups;
	unsigned int inserted;
	const char *phase;
	/* A walk's nodes still to see: a sibling a level at most, one more */
	const struct vnet_lpm_node *stack[VNET_LPM_KEY_BITS + 2];
};

/* The reference: the longest of the routes covering @key, by scan. */
static struct vnet_route * __init vnet_lpm_test_scan(const struct vnet_lpm_test *t,
						     struct vnet_lpm_key key)
{
	struct vnet_route *best = NULL, *rt;
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		rt = t->ref[i];
		if (!vnet_lpm_same(key, vnet_route_key(rt), rt->plen))
			continue;
		if (!best || rt->plen > best->plen)
			best = rt;
	}
	return best;
}

static void __init vnet_lpm_test_name(char *buf, size_t len,
				      const struct vnet_route *rt)
{
	if (rt && rt->family == AF_INET6)
		snprintf(buf, len, "%pI6c/%u", &rt->dst6, rt->plen);
	else if (rt)
		snprintf(buf, len, "%pI4/%u", &rt->dst, rt->plen);
	else
		strscpy(buf, "no route", len);
}

static bool __init vnet_lpm_test_lookup(struct vnet_lpm_test *t,
					struct vnet_lpm_key key)
{
	struct vnet_route *want = vnet_lpm_test_scan(t, key);
	struct vnet_route *got = vnet_lpm_lookup_key(&t->lpm, key);
	char g[48], w[48];

	t->lookups++;
	if (got == want)
		return true;
	vnet_lpm_test_name(g, sizeof(g), got);
	vnet_lpm_test_name(w, sizeof(w), want);
	pr_err("vnet: selftest: lpm: %s: %016llx%016llx looks up %s, the reference %s\n",
	       t->phase, key.hi, key.lo, g, w);
	return false;
}

static int __init vnet_lpm_test_visit(struct vnet_route *rt, void *arg)
{
	struct vnet_lpm_test *t = arg;
	struct vnet_lpm_key key = vnet_route_key(rt);
	int cmp = vnet_lpm_cmp(key, t->last_key);

	if (t->walked && (cmp < 0 || (!cmp && rt->plen <= t->last_plen)))
		t->ordered = false;
	t->last_key = key;
	t->last_plen = rt->plen;
	t->walked++;
	return 0;
}

static u64 __init vnet_lpm_test_u64(struct vnet_lpm_test *t)
{
	u64 hi = prandom_u32_state(&t->rnd);

	return hi << 32 | prandom_u32_state(&t->rnd);
}

/* The last IPv4 address under @key/@plen: its key's low 96 bits zero. */
static struct vnet_lpm_key __init vnet_lpm_last4(struct vnet_lpm_key key,
						 unsigned int plen)
{
	key = vnet_lpm_last(key, plen);
	key.hi &= ~0ULL << 32;
	key.lo = 0;
	return key;
}

/* The bases IPv6 routes are drawn around: they share their top bits. */
static const u64 vnet_lpm_test_base6[][2] __initconst = {
	{ 0x20010db800000000ULL, 0 }, { 0x20010db800010000ULL, 0 },
	{ 0x20010db8ffff0001ULL, 0x0000000000000001ULL }, { 0, 0 },
};

/* A random key of the test's family, near the bases most of the time. */
static struct vnet_lpm_key __init vnet_lpm_test_key(struct vnet_lpm_test *t)
{
	u32 r = prandom_u32_state(&t->rnd);
	struct vnet_lpm_key key;
	const u64 *base;

	if (t->family != AF_INET6)
		return vnet_lpm_key4(htonl(prandom_u32_state(&t->rnd)));
	base = vnet_lpm_test_base6[r & 3];
	key.hi = base[0] ^ (vnet_lpm_test_u64(t) >> (r >> 2 & 63));
	key.lo = base[1] ^ (vnet_lpm_test_u64(t) >> (r >> 8 & 63));
	return key;
}

/* @key's bits past @len, under @pfx/@len. */
static struct vnet_lpm_key __init vnet_lpm_test_under(struct vnet_lpm_key key,
						      struct vnet_lpm_key pfx,
						      unsigned int len)
{
	struct vnet_lpm_key net = vnet_lpm_prefix(key, len);

	pfx = vnet_lpm_prefix(pfx, len);
	return (struct vnet_lpm_key){ .hi = pfx.hi | (key.hi ^ net.hi),
				      .lo = pfx.lo | (key.lo ^ net.lo) };
}

/*
 * Does each node count its own route and those its children count? If
 * every node does, and the root counts the table's, each counts what is
 * in its subtrie. A walk with a stack of its own: the trie is up to 129
 * nodes deep, too deep to recurse at load.
 */
static bool __init vnet_lpm_test_subtries(struct vnet_lpm_test *t,
					  const char *phase)
{
	const struct vnet_lpm_node *n, *c, **stack = t->stack;
	unsigned int depth = 0, routes, i;

	n = rcu_dereference_protected(t->lpm.root, true);
	if ((n ? n->routes : 0) != t->n) {
		pr_err("vnet: selftest: lpm: %s: the root counts %u routes, not %u\n",
		       phase, n ? n->routes : 0, t->n);
		return false;
	}
	if (n)
		stack[depth++] = n;
	while (depth) {
		n = stack[--depth];
		routes = !!rcu_access_pointer(n->route);
		for (i = 0; i < 2; i++) {
			c = rcu_dereference_protected(n->child[i], true);
			if (!c)
				continue;
			routes += c->routes;
			if (depth == ARRAY_SIZE(t->stack)) {
				pr_err("vnet: selftest: lpm: %s: the trie is deeper than a key\n",
				       phase);
				return false;
			}
			stack[depth++] = c;
		}
		if (n->routes != routes) {
			pr_err("vnet: selftest: lpm: %s: the node %016llx%016llx/%u counts %u routes under it, its own and its children's %u\n",
			       phase, n->key.hi, n->key.lo, n->plen, n->routes,
			       routes);
			return false;
		}
	}
	return true;
}

/*
 * Do the nodes count the routes under them, and the directory those under
 * its base, that they should?
 */
static bool __init vnet_lpm_test_counted(struct vnet_lpm_test *t,
					 const char *phase)
{
	const struct vnet_lpm_dir *dir = rcu_dereference_protected(t->lpm.dir,
								   true);
	struct vnet_route *rt;
	unsigned int i, under = 0;

	if (!vnet_lpm_test_subtries(t, phase))
		return false;
	if (!dir)
		return true;
	for (i = 0; i < t->n; i++) {
		rt = t->ref[i];
		under += rt->plen >= dir->skip &&
			 vnet_lpm_same(vnet_route_key(rt), dir->base, dir->skip);
	}
	if (under == dir->routes)
		return true;
	pr_err("vnet: selftest: lpm: %s: the directory counts %u routes under its base, not %u\n",
	       phase, dir->routes, under);
	return false;
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
	struct vnet_lpm_key key;
	struct vnet_route *rt;
	char name[48];
	unsigned int i;
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
			vnet_lpm_test_name(name, sizeof(name), rt);
			pr_err("vnet: selftest: lpm: %s: %s not found\n", phase,
			       name);
			return false;
		}
		if (i % stride)
			continue;
		key = vnet_route_key(rt);
		if (!vnet_lpm_test_lookup(t, key) ||
		    !vnet_lpm_test_lookup(t, t->family == AF_INET6 ?
					  vnet_lpm_last(key, rt->plen) :
					  vnet_lpm_last4(key, rt->plen)))
			return false;
	}
	for (i = 0; i < VNET_LPM_TEST_LOOKUPS; i++) {
		key = vnet_lpm_test_key(t);
		if (!vnet_lpm_test_lookup(t, key))
			return false;
	}
	return vnet_lpm_test_counted(t, phase);
}

/* A route near one of four bases, of a length drawn towards the common. */
static struct vnet_route * __init vnet_lpm_test_route(struct vnet_lpm_test *t)
{
	static const u32 base[] __initconst = { 0x0a000000, 0x0a010000, 0xc0a80000,
				    0x00000000 };
	static const u8 plens[] __initconst = { 0, 1, 8, 12, 16, 16, 20, 24, 24, 24, 28,
				    31, 32, 32 };
	static const u8 plens6[] __initconst = { 0, 16, 32, 48, 48, 56, 63, 64, 64,
				     65, 96, 112, 127, 128 };
	struct vnet_route *rt = kzalloc(sizeof(*rt), GFP_KERNEL);
	struct rnd_state *rnd = &t->rnd;
	u32 r = prandom_u32_state(rnd);
	struct vnet_lpm_key key6;
	u8 plen;
	u32 key;

	if (!rt)
		return NULL;
	if (t->family == AF_INET6) {
		plen = r & 0x100 ? (r >> 9) % 129 : plens6[r % ARRAY_SIZE(plens6)];
		key6 = vnet_lpm_test_key(t);
		if (t->region_len) {
			plen = max(plen, t->region_len);
			key6 = vnet_lpm_test_under(key6, t->region,
						   t->region_len);
		}
		key6 = vnet_lpm_prefix(key6, plen);
		rt->family = AF_INET6;
		put_unaligned_be64(key6.hi, &rt->dst6.s6_addr[0]);
		put_unaligned_be64(key6.lo, &rt->dst6.s6_addr[8]);
		rt->plen = plen;
		return rt;
	}
	plen = plens[r % ARRAY_SIZE(plens)];
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
	char g[48];
	int err;

	while (t->n < target) {
		rt = vnet_lpm_test_route(t);
		if (!rt)
			return false;
		err = vnet_lpm_insert(&t->lpm, rt);
		if (err == -EEXIST &&
		    vnet_lpm_get(&t->lpm, vnet_route_key(rt), rt->plen)) {
			kfree(rt);
			continue;
		}
		if (err) {
			vnet_lpm_test_name(g, sizeof(g), rt);
			pr_err("vnet: selftest: lpm: inserting %s: %d\n", g, err);
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
	char g[48], w[48];
	unsigned int i;

	while (t->n > target) {
		i = prandom_u32_state(&t->rnd) % t->n;
		rt = t->ref[i];
		got = vnet_lpm_remove(&t->lpm, vnet_route_key(rt), rt->plen);
		if (got != rt) {
			/* Both stay in the reference: vnet_lpm_test_free(). */
			vnet_lpm_test_name(g, sizeof(g), got);
			vnet_lpm_test_name(w, sizeof(w), rt);
			pr_err("vnet: selftest: lpm: removing %s gave %s\n", w, g);
			return false;
		}
		t->ref[i] = t->ref[--t->n];
		got = vnet_lpm_get(&t->lpm, vnet_route_key(rt), rt->plen);
		if (got) {
			/* The prefixes are distinct: that is @rt, still in. */
			vnet_lpm_test_name(w, sizeof(w), rt);
			pr_err("vnet: selftest: lpm: %s is found after its removal\n",
			       w);
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

/* One family's phases, from an empty table back to one. */
static bool __init vnet_lpm_test_family(struct vnet_lpm_test *t, u8 family)
{
	bool ok;

	t->family = family;
	ok = vnet_lpm_test_grow(t, 300) &&
	     vnet_lpm_test_check(t, "small", false) &&
	     vnet_lpm_test_shrink(t, 100) &&
	     vnet_lpm_test_check(t, "fewer", false) &&
	     vnet_lpm_test_grow(t, VNET_LPM_TEST_MAX) &&
	     vnet_lpm_test_check(t, "directory", true) &&
	     vnet_lpm_test_shrink(t, VNET_LPM_TEST_DIR_MIN / 4) &&
	     vnet_lpm_test_check(t, "directory, fewer", true) &&
	     vnet_lpm_test_shrink(t, VNET_LPM_TEST_DIR_MIN / 4 - 1) &&
	     vnet_lpm_test_check(t, "directory gone", false) &&
	     vnet_lpm_test_shrink(t, 0) &&
	     vnet_lpm_test_check(t, "empty", false);
	if (ok && (rcu_access_pointer(t->lpm.root) ||
		   rcu_access_pointer(t->lpm.dir))) {
		pr_err("vnet: selftest: lpm: an empty table keeps nodes\n");
		ok = false;
	}
	return ok;
}

/* Does the table's directory skip @skip bits at least (at most, @most)? */
static bool __init vnet_lpm_test_skip(struct vnet_lpm_test *t, const char *phase,
				      unsigned int skip, bool most)
{
	const struct vnet_lpm_dir *dir = rcu_dereference_protected(t->lpm.dir,
								   true);

	if (dir && (most ? dir->skip <= skip : dir->skip >= skip))
		return true;
	pr_err("vnet: selftest: lpm: %s: the directory skips %d bits, not %s %u\n",
	       phase, dir ? (int)dir->skip : -1, most ? "at most" : "at least",
	       skip);
	return false;
}

/* Remove the reference's route @i from both; false on a mismatch. */
static bool __init vnet_lpm_test_drop(struct vnet_lpm_test *t, unsigned int i)
{
	struct vnet_route *rt = t->ref[i];

	if (vnet_lpm_remove(&t->lpm, vnet_route_key(rt), rt->plen) != rt) {
		pr_err("vnet: selftest: lpm: cannot remove %pI6c/%u\n",
		       &rt->dst6, rt->plen);
		return false;
	}
	t->ref[i] = t->ref[--t->n];
	kfree(rt);
	return true;
}

/* Remove the routes not under @pfx/@len; false on a mismatch. */
static bool __init vnet_lpm_test_confine(struct vnet_lpm_test *t,
					 struct vnet_lpm_key pfx, u8 len)
{
	struct vnet_route *rt;
	unsigned int i = 0;

	while (i < t->n) {
		rt = t->ref[i];
		if (rt->plen >= len && vnet_lpm_same(vnet_route_key(rt), pfx, len))
			i++;
		else if (!vnet_lpm_test_drop(t, i))
			return false;
	}
	return true;
}

/* Insert the IPv6 route to @hi:@lo/@len; NULL (and said why) on failure. */
static struct vnet_route * __init
vnet_lpm_test_add6(struct vnet_lpm_test *t, u64 hi, u64 lo, u8 len)
{
	struct vnet_lpm_key key = { .hi = hi, .lo = lo };
	struct vnet_route *rt = kzalloc(sizeof(*rt), GFP_KERNEL);

	if (!rt)
		return NULL;
	key = vnet_lpm_prefix(key, len);
	rt->family = AF_INET6;
	rt->plen = len;
	put_unaligned_be64(key.hi, &rt->dst6.s6_addr[0]);
	put_unaligned_be64(key.lo, &rt->dst6.s6_addr[8]);
	if (vnet_lpm_insert(&t->lpm, rt)) {
		pr_err("vnet: selftest: lpm: cannot insert %pI6c/%u\n",
		       &rt->dst6, len);
		kfree(rt);
		return NULL;
	}
	t->ref[t->n++] = rt;
	return rt;
}

/* Remove @rt, one of the reference's; false on a mismatch. */
static bool __init vnet_lpm_test_del(struct vnet_lpm_test *t,
				     struct vnet_route *rt)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (t->ref[i] == rt)
			return vnet_lpm_test_drop(t, i);
	pr_err("vnet: selftest: lpm: %pI6c/%u is not the reference's\n",
	       &rt->dst6, rt->plen);
	return false;
}

/* Do @rt's first and last addresses look up what the reference picks? */
static bool __init vnet_lpm_test_ends(struct vnet_lpm_test *t,
				      const struct vnet_route *rt)
{
	struct vnet_lpm_key key = vnet_route_key(rt);

	return vnet_lpm_test_lookup(t, key) &&
	       vnet_lpm_test_lookup(t, vnet_lpm_last(key, rt->plen));
}

/*
 * A table confined to @hi:@lo/@len: its directory starts at the fork under
 * it; if @moves, it keeps it while ::/0 and the prefix one bit shorter
 * come and go, with 3000::/4 beside it, with more routes under it and
 * with a fifth under 3000::/4; a third move it up to 2000::/3, and their
 * removal back.
 */
static bool __init vnet_lpm_test_fork(struct vnet_lpm_test *t, u64 hi, u64 lo,
				      u8 len, bool moves)
{
	const struct vnet_lpm_key pfx = { .hi = hi, .lo = lo };
	/* Past the last bits a directory can index, it starts before them. */
	const unsigned int skip = min_t(unsigned int, len,
					VNET_LPM_KEY_BITS - VNET_LPM_DIR_BITS);
	struct vnet_route *all, *above, *out;
	bool ok;

	t->family = AF_INET6;
	t->region = pfx;
	t->region_len = len;
	if (!vnet_lpm_test_grow(t, VNET_LPM_TEST_MAX) ||
	    !vnet_lpm_test_check(t, "confined", true) ||
	    !vnet_lpm_test_skip(t, "confined", skip, false))
		return false;
	if (!moves) {
		t->region_len = 0;
		return vnet_lpm_test_shrink(t, 0) &&
		       vnet_lpm_test_check(t, "confined, empty", false);
	}
	/* Routes above the base change every slot's best, not the base. */
	all = vnet_lpm_test_add6(t, 0, 0, 0);
	above = all ? vnet_lpm_test_add6(t, hi, lo, len - 1) : NULL;
	if (!above ||
	    !vnet_lpm_test_check(t, "confined, under ::/0 and a shorter prefix", true) ||
	    !vnet_lpm_test_skip(t, "confined, under ::/0 and a shorter prefix", skip, false) ||
	    !vnet_lpm_test_del(t, above) || !vnet_lpm_test_del(t, all) ||
	    !vnet_lpm_test_check(t, "confined, without them again", true))
		return false;
	/* One route outside: the directory keeps its base. */
	out = vnet_lpm_test_add6(t, 0x3000ULL << 48, 0, 4);
	ok = out && vnet_lpm_test_check(t, "confined, one outside", true) &&
	     vnet_lpm_test_ends(t, out) &&
	     vnet_lpm_test_skip(t, "confined, one outside", skip, false) &&
	     vnet_lpm_test_grow(t, t->n + 64) &&
	     vnet_lpm_test_check(t, "confined, one outside, more inside", true) &&
	     vnet_lpm_test_skip(t, "confined, one outside, more inside", skip, false);
	if (!ok)
		return false;
	t->region = (struct vnet_lpm_key){ .hi = 0x3000ULL << 48 };
	t->region_len = 4;
	/* A fifth: the directory's walk would start higher, but it stays. */
	ok = vnet_lpm_test_grow(t, t->n + t->n / 4) &&
	     vnet_lpm_test_check(t, "a fifth outside", true) &&
	     vnet_lpm_test_skip(t, "a fifth outside", skip, false) &&
	     vnet_lpm_test_grow(t, VNET_LPM_TEST_FORK_MAX) &&
	     vnet_lpm_test_check(t, "a third outside", true) &&
	     vnet_lpm_test_skip(t, "a third outside", 3, true) &&
	     vnet_lpm_test_confine(t, pfx, len) &&
	     vnet_lpm_test_check(t, "confined again", true) &&
	     vnet_lpm_test_skip(t, "confined again", skip, false) &&
	     vnet_lpm_test_shrink(t, 0) &&
	     vnet_lpm_test_check(t, "confined, empty", false);
	t->region_len = 0;
	return ok;
}

/*
 * A table under 2001:db8::/32 with fd00::/8 beside it from the start: the
 * directory skips the /32 all the same, the few routes apart walking from
 * the root; with a third of the routes apart (past the quarter a base
 * keeps its place until), it indexes from the root.
 */
static bool __init vnet_lpm_test_apart(struct vnet_lpm_test *t)
{
	const u64 hi = 0x20010db800000000ULL;
	struct vnet_route *ula;
	bool ok;

	t->family = AF_INET6;
	ula = vnet_lpm_test_add6(t, 0xfdULL << 56, 0, 8);
	if (!ula)
		return false;
	t->region = (struct vnet_lpm_key){ .hi = hi };
	t->region_len = 32;
	ok = vnet_lpm_test_grow(t, VNET_LPM_TEST_MAX) &&
	     vnet_lpm_test_check(t, "one apart", true) &&
	     vnet_lpm_test_skip(t, "one apart", 32, false) &&
	     vnet_lpm_test_ends(t, ula);
	if (!ok)
		return false;
	t->region = (struct vnet_lpm_key){ .hi = 0xfdULL << 56 };
	t->region_len = 8;
	ok = vnet_lpm_test_grow(t, VNET_LPM_TEST_FORK_MAX) &&
	     vnet_lpm_test_check(t, "a third apart", true) &&
	     vnet_lpm_test_skip(t, "a third apart", 0, true) &&
	     vnet_lpm_test_shrink(t, 0) &&
	     vnet_lpm_test_check(t, "apart, empty", false);
	t->region_len = 0;
	return ok;
}

bool __init vnet_lpm_selftest(void)
{
	struct vnet_lpm_test *t;
	bool ok;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (t)
		t->ref = kvcalloc(VNET_LPM_TEST_FORK_MAX, sizeof(*t->ref),
				  GFP_KERNEL);
	if (!t || !t->ref) {
		pr_err("vnet: selftest: lpm: no memory\n");
		kfree(t);
		return false;
	}
	/* The small phases stay under the directory's threshold. */
	BUILD_BUG_ON(VNET_LPM_TEST_DIR_MIN <= 300);
	prandom_seed_state(&t->rnd, 0x766e6574);
	rtnl_lock();
	vnet_lpm_dir_min = VNET_LPM_TEST_DIR_MIN;
	ok = vnet_lpm_test_family(t, AF_INET) &&
	     vnet_lpm_test_family(t, AF_INET6) &&
	     /* The index in the key's first word, across both, the second. */
	     vnet_lpm_test_fork(t, 0x20010db800000000ULL, 0, 32, true) &&
	     vnet_lpm_test_fork(t, 0x20010db800000100ULL, 0, 56, false) &&
	     vnet_lpm_test_fork(t, 0x20010db800000000ULL, 0xa00000000ULL, 96,
				false) &&
	     /* Under a /116, the directory's 16 bits start at 112. */
	     vnet_lpm_test_fork(t, 0x20010db800000000ULL, 0xa00000000000ULL,
				116, false) &&
	     vnet_lpm_test_apart(t);
	vnet_lpm_test_free(t);
	vnet_lpm_dir_min = VNET_LPM_DIR_MIN;
	rtnl_unlock();
	if (ok)
		pr_info("vnet: selftest: lpm: ok, %u IPv4 and IPv6 routes in and out, %u lookups\n",
			t->inserted, t->lookups);
	kvfree(t->ref);
	kfree(t);
	return ok;
}
