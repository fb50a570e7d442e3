// SPDX-License-Identifier: GPL-2.0
/*
 * The policer's arithmetic on a clock of the test's own, at module load
 * when the module is built with VNET_SELFTEST=1 (make check-debug).
 *
 * A stream of packets at a fixed pace is offered for some seconds of that
 * clock, from one CPU's credit or two in turn. Tokens are only moved,
 * never made: what passes is never more than the bucket it started with
 * and the rate times the time (give or take the credits the CPUs hold),
 * and offered over the rate, no less either; offered under the rate,
 * everything passes. A packet longer than the burst passes from a full
 * bucket and leaves it in debt: the tokens the bucket could not hold while
 * it waited full for the next one (at most the rate times the gap) are all
 * it may fall short by.
 */

static u64 vnet_policer_test_now;

static u64 vnet_policer_test_clock(void)
{
	return vnet_policer_test_now;
}

struct vnet_policer_test_case {
	const char *name;
	u64 rate;		/* bytes per second */
	u32 burst;
	unsigned int len;	/* each packet's */
	u64 gap;		/* ns between packets */
	u64 span;		/* ns of the stream */
	unsigned int cpus;	/* taking turns */
	bool all;		/* under the rate: everything passes */
};

static const struct vnet_policer_test_case vnet_policer_test_cases[] = {
	{ "over the rate", 1000000, 65536, 1500, 500000, 10 * NSEC_PER_SEC,
	  1, false },
	{ "over the rate, two CPUs", 1000000, 65536, 1500, 500000,
	  10 * NSEC_PER_SEC, 2, false },
	{ "under the rate", 1000000, 65536, 1000, 2000000, 10 * NSEC_PER_SEC,
	  2, true },
	{ "packets past the burst", 1000000, 65536, 98304, 10000000,
	  10 * NSEC_PER_SEC, 1, false },
	{ "10 Gbit/s", 1250000000, 25000000, 1500, 600, NSEC_PER_SEC / 20,
	  2, false },
};

static bool vnet_policer_test_one(const struct vnet_policer_test_case *c,
				  struct vnet_policer *pol,
				  struct vnet_policer_pcpu *pc)
{
	u64 offered = 0, passed = 0, want, slack, waste = 0;
	unsigned int i = 0, passes = 0;
	u64 end;

	memset(pol, 0, sizeof(*pol));
	memset(pc, 0, 2 * sizeof(*pc));
	spin_lock_init(&pol->lock);
	vnet_policer_size(pol, c->rate, c->burst);
	pol->tokens = pol->burst;
	vnet_policer_test_now = NSEC_PER_SEC;
	pol->last = vnet_policer_test_now;
	end = vnet_policer_test_now + c->span;
	for (; vnet_policer_test_now < end; vnet_policer_test_now += c->gap) {
		offered += c->len;
		if (vnet_policer_take(pol, &pc[i++ % c->cpus], c->len,
				      vnet_policer_test_clock)) {
			passed += c->len;
			passes++;
		}
	}
	if (c->all) {
		want = offered;
		slack = 0;
	} else {
		want = c->burst + mul_u64_u64_div_u64(c->span, c->rate,
						      NSEC_PER_SEC);
		/* What the CPUs hold as credit, and one packet's overdraft. */
		slack = (u64)c->cpus * pol->chunk + c->len;
		if (c->len > c->burst)
			waste = passes * mul_u64_u64_div_u64(c->gap, c->rate,
							     NSEC_PER_SEC);
	}
	if (passed <= want + slack && passed + slack + waste >= want)
		return true;
	pr_err("vnet: selftest: policer: %s: %llu of %llu bytes passed, not %llu (-%llu, +%llu)\n",
	       c->name, passed, offered, want, slack + waste, slack);
	return false;
}

bool vnet_policer_selftest(void)
{
	struct vnet_policer_pcpu *pc;
	struct vnet_policer *pol;
	bool ok = true;
	unsigned int i;

	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	pc = kcalloc(2, sizeof(*pc), GFP_KERNEL);
	if (!pol || !pc)
		ok = false;
	for (i = 0; ok && i < ARRAY_SIZE(vnet_policer_test_cases); i++)
		ok = vnet_policer_test_one(&vnet_policer_test_cases[i], pol, pc);
	kfree(pc);
	kfree(pol);
	if (ok)
		pr_info("vnet: selftest: policer: ok, %zu cases\n",
			ARRAY_SIZE(vnet_policer_test_cases));
	return ok;
}
