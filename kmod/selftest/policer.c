// SPDX-License-Identifier: GPL-2.0
/*
 * The policer's arithmetic on a clock of the test's own, at module load
 * when the module is built with VNET_SELFTEST=1 (make check-debug).
 *
 * A stream of packets at a fixed pace is offered for some seconds of that
 * clock, from one CPU's credit or two in turn. Tokens are only moved,
 * never made: what passes is never more than the bucket it started with
 * and the rate times the time, and offered over the rate, no less than
 * that but for the credit the CPUs still hold, a packet that did not fit
 * and the tokens of the last gap; offered under the rate, everything
 * passes. A rate of a fraction of a byte per gap keeps each fraction.
 * A packet longer than the burst passes from a full bucket and leaves it
 * in debt: the tokens the bucket could not hold while it waited full for
 * the next one (at most the rate times the gap) are all it may fall short
 * by.
 */

#define VNET_POLICER_TEST_CPUS	2

static u64 vnet_policer_test_now __initdata;

static u64 __init vnet_policer_test_clock(void)
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

static const struct vnet_policer_test_case vnet_policer_test_cases[] __initconst = {
	{ "over the rate", 1000000, 65536, 1500, 500000, 10 * NSEC_PER_SEC,
	  1, false },
	{ "over the rate, two CPUs", 1000000, 65536, 1500, 500000,
	  10 * NSEC_PER_SEC, 2, false },
	{ "under the rate", 1000000, 65536, 1000, 2000000, 10 * NSEC_PER_SEC,
	  2, true },
	{ "packets past the burst", 1000000, 65536, 98304, 1000000,
	  10 * NSEC_PER_SEC, 1, false },
	{ "100 kbit/s, 12.5 bytes a gap", 12500, 65536, 64, 1000000,
	  60 * NSEC_PER_SEC, 1, false },
	{ "10 Gbit/s", 1250000000, 25000000, 1500, 600, NSEC_PER_SEC / 20,
	  2, false },
};

static bool __init vnet_policer_test_one(const struct vnet_policer_test_case *c,
					 struct vnet_policer *pol,
					 struct vnet_policer_pcpu *pc)
{
	u64 offered = 0, passed = 0, want, over = 0, short_by = 0;
	unsigned int i = 0, passes = 0;
	u64 end;

	if (WARN_ON(!c->cpus || c->cpus > VNET_POLICER_TEST_CPUS))
		return false;
	memset(pol, 0, sizeof(*pol));
	memset(pc, 0, VNET_POLICER_TEST_CPUS * sizeof(*pc));
	spin_lock_init(&pol->lock);
	vnet_policer_set_rate(pol, c->rate, c->burst);
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
	} else {
		want = c->burst + mul_u64_u64_div_u64(c->span, c->rate,
						      NSEC_PER_SEC);
		/* A packet past the burst overdraws the bucket by the rest. */
		if (c->len > c->burst)
			over = c->len - c->burst;
		/* The CPUs' credit, a packet that did not fit, the last gap's
		 * tokens; and a packet past the burst waits for a full bucket,
		 * which drops what it cannot hold until the next one comes.
		 */
		short_by = (u64)c->cpus * pol->chunk + c->len +
			   mul_u64_u64_div_u64(c->gap, c->rate, NSEC_PER_SEC);
		if (c->len > c->burst)
			short_by += passes * mul_u64_u64_div_u64(c->gap, c->rate,
								 NSEC_PER_SEC);
	}
	if (passed <= want + over && passed + short_by >= want)
		return true;
	pr_err("vnet: selftest: policer: %s: %llu of %llu bytes passed (%u packets), not %llu (-%llu, +%llu)\n",
	       c->name, passed, offered, passes, want, short_by, over);
	return false;
}

bool __init vnet_policer_selftest(void)
{
	struct vnet_policer_pcpu *pc;
	struct vnet_policer *pol;
	bool ok = true;
	unsigned int i;

	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	pc = kcalloc(VNET_POLICER_TEST_CPUS, sizeof(*pc), GFP_KERNEL);
	if (!pol || !pc) {
		pr_err("vnet: selftest: policer: no memory\n");
		ok = false;
	}
	for (i = 0; ok && i < ARRAY_SIZE(vnet_policer_test_cases); i++)
		ok = vnet_policer_test_one(&vnet_policer_test_cases[i], pol, pc);
	kfree(pc);
	kfree(pol);
	if (ok)
		pr_info("vnet: selftest: policer: ok, %zu cases\n",
			ARRAY_SIZE(vnet_policer_test_cases));
	return ok;
}
