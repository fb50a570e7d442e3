// SPDX-License-Identifier: GPL-2.0
/*
 * HyperSplit against first-match, at module load when the module is built
 * with VNET_SELFTEST=1 (make check-debug builds it so).
 *
 * Rule sets of growing size are drawn around a few values per field,
 * narrow and wide boxes mixed, so that they nest and overlap, every group
 * of vnet_hs_group() gets rules, and the large sets are split into parts.
 * Each set's trees must answer every key with the first rule a scan of
 * the set matches: random keys, and keys on each side of a rule's edges,
 * where a split that is off by one would show.
 */
#include <linux/prandom.h>

#define VNET_HS_TEST_KEYS	512

struct vnet_hs_test {
	struct rnd_state rnd;
	struct vnet_fw_rule *rules;
	struct vnet_hs_tree tree;
	u32 count;
	unsigned int lookups;
	unsigned int max_parts;
};

static u32 __init vnet_hs_test_rand(struct vnet_hs_test *t, u32 n)
{
	return prandom_u32_state(&t->rnd) % n;
}

/* A value of field @d near one of the few each field is drawn around. */
static u32 __init vnet_hs_test_near(struct vnet_hs_test *t, int d)
{
	static const u32 base[] __initconst = {
		0, 6, 17, 1024, 0xffff, 0x0a000000, 0x0a010000, 0xc0a80000,
	};
	u32 v = base[vnet_hs_test_rand(t, ARRAY_SIZE(base))];

	/* Addresses around the address bases, the rest around small values. */
	if (d == VNET_FW_SRC || d == VNET_FW_DST)
		v = base[5 + vnet_hs_test_rand(t, 3)] + vnet_hs_test_rand(t, 0x20000);
	return v + vnet_hs_test_rand(t, 8);
}

/* A box in field @d: the whole field half the time, else a range. */
static void __init vnet_hs_test_range(struct vnet_hs_test *t, int d, u32 *lo,
				      u32 *hi)
{
	static const u32 width[] __initconst = { 0, 0, 3, 255, 1023, 0xffff,
						 0xffffff };
	u32 w = width[vnet_hs_test_rand(t, ARRAY_SIZE(width))];

	if (vnet_hs_test_rand(t, 2)) {
		*lo = 0;
		*hi = U32_MAX;
		return;
	}
	*lo = vnet_hs_test_near(t, d);
	*hi = *lo > U32_MAX - w ? U32_MAX : *lo + w;
}

/* The first rule @key matches, by scan: the reference. */
static int __init vnet_hs_test_scan(const struct vnet_hs_test *t,
				    const u32 *key)
{
	u32 i;

	for (i = 0; i < t->count; i++)
		if (vnet_hs_match(&t->rules[i], key))
			return i;
	return -1;
}

static bool __init vnet_hs_test_key(struct vnet_hs_test *t, const u32 *key)
{
	int want = vnet_hs_test_scan(t, key);
	int got = vnet_hs_lookup(&t->tree, t->rules, key);

	t->lookups++;
	if (got == want)
		return true;
	pr_err("vnet: selftest: classify: %u rules: key %08x %08x %u %u %u %u %u %u %u matches rule %d, the trees say %d\n",
	       t->count, key[VNET_FW_SRC], key[VNET_FW_DST], key[VNET_FW_PROTO],
	       key[VNET_FW_SPORT], key[VNET_FW_DPORT], key[VNET_FW_ICMP],
	       key[VNET_FW_IN], key[VNET_FW_OUT], key[VNET_FW_STATE], want,
	       got);
	return false;
}

/*
 * Keys for a set: each field a random rule's edge or one past it (where
 * trees split), or a value near the ones rules are drawn around.
 */
static bool __init vnet_hs_test_keys(struct vnet_hs_test *t)
{
	u32 key[VNET_FW_DIMS];
	unsigned int k;
	int d;

	for (k = 0; k < VNET_HS_TEST_KEYS; k++) {
		for (d = 0; d < VNET_FW_DIMS; d++) {
			const struct vnet_fw_rule *r;

			if (!t->count || vnet_hs_test_rand(t, 4) == 0) {
				key[d] = vnet_hs_test_near(t, d);
				continue;
			}
			r = &t->rules[vnet_hs_test_rand(t, t->count)];
			switch (vnet_hs_test_rand(t, 4)) {
			case 0:
				key[d] = r->lo[d];
				break;
			case 1:
				key[d] = r->hi[d];
				break;
			case 2:
				key[d] = r->lo[d] - 1;
				break;
			default:
				key[d] = r->hi[d] + 1;
			}
		}
		if (!vnet_hs_test_key(t, key))
			return false;
	}
	return true;
}

static bool __init vnet_hs_test_set(struct vnet_hs_test *t, u32 count)
{
	u32 i;
	int d, err;
	bool ok;

	t->count = count;
	for (i = 0; i < count; i++) {
		for (d = 0; d < VNET_FW_DIMS; d++)
			vnet_hs_test_range(t, d, &t->rules[i].lo[d],
					   &t->rules[i].hi[d]);
		t->rules[i].action = i % 3;
	}
	err = vnet_hs_build(&t->tree, t->rules, count);
	if (err) {
		pr_err("vnet: selftest: classify: %u rules: the build failed (%d)\n",
		       count, err);
		return false;
	}
	t->max_parts = max(t->max_parts, t->tree.nparts);
	ok = vnet_hs_test_keys(t);
	vnet_hs_free(&t->tree);
	return ok;
}

bool __init vnet_hs_selftest(void)
{
	static const u32 sizes[] __initconst = { 0, 1, 2, 7, 64, 300, 1500 };
	struct vnet_hs_test *t;
	bool ok = true;
	unsigned int i;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (t)
		t->rules = kvcalloc(sizes[ARRAY_SIZE(sizes) - 1],
				    sizeof(*t->rules), GFP_KERNEL);
	if (!t || !t->rules) {
		pr_err("vnet: selftest: classify: no memory\n");
		kfree(t);
		return false;
	}
	prandom_seed_state(&t->rnd, 0x68797065);
	for (i = 0; i < ARRAY_SIZE(sizes) && ok; i++)
		ok = vnet_hs_test_set(t, sizes[i]);
	if (ok)
		pr_info("vnet: selftest: classify: ok, %u lookups, up to %u trees\n",
			t->lookups, t->max_parts);
	kvfree(t->rules);
	kfree(t);
	return ok;
}
