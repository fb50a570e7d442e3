// SPDX-License-Identifier: GPL-2.0
/*
 * The ICMP limiter's arithmetic at HZ 100, 250 and 1000, whatever HZ the
 * kernel has, at module load when the module is built with
 * VNET_SELFTEST=1 (make check-debug builds it so).
 *
 * A bucket on a clock of its own is asked for tokens every few ticks for
 * ten seconds. Asked for more than it has, it must give its burst and
 * then exactly the rate times the time since the first ask (until then
 * it is full, and a full bucket earns nothing), rounded down: a refill
 * that dropped the fraction of a token would give none at all where a
 * token takes more ticks than the asks are apart (HZ 250, every two
 * ticks). Asked for less, it gives all; left idle, it is full again.
 */
struct vnet_icmp_test {
	unsigned int hz;
	unsigned int step;		/* ticks between asks */
	unsigned int asks;		/* tokens asked each time */
};

static bool __init vnet_icmp_test_run(const struct vnet_icmp_test *c)
{
	struct vnet_icmp_bucket b = { .tokens = VNET_ICMP_BURST };
	unsigned long t, end = 10UL * c->hz, last = 0;
	unsigned long got = 0, asked = 0, want;
	unsigned int i;

	for (t = c->step; t <= end; t += c->step) {
		for (i = 0; i < c->asks; i++)
			got += vnet_icmp_take(&b, t, c->hz);
		asked += c->asks;
		last = t;
	}
	want = min(asked, VNET_ICMP_BURST +
			  (last - c->step) * VNET_ICMP_RATE / c->hz);
	if (got != want) {
		pr_err("vnet: selftest: icmp: HZ %u, %u asked every %u ticks: %lu given in %lu ticks, %lu expected\n",
		       c->hz, c->asks, c->step, got, last, want);
		return false;
	}
	/* Idle past the refill window: a whole burst at once, then none. */
	t = last + VNET_ICMP_BURST * c->hz / VNET_ICMP_RATE + 1;
	for (got = 0, i = 0; i < 2 * VNET_ICMP_BURST; i++)
		got += vnet_icmp_take(&b, t, c->hz);
	if (got != VNET_ICMP_BURST) {
		pr_err("vnet: selftest: icmp: HZ %u: %lu given after a pause, %u expected\n",
		       c->hz, got, VNET_ICMP_BURST);
		return false;
	}
	return true;
}

bool __init vnet_icmp_selftest(void)
{
	static const struct vnet_icmp_test cases[] __initconst = {
		{ 100, 1, 1000 }, { 100, 3, 1000 }, { 100, 1, 1 },
		{ 250, 1, 1000 }, { 250, 2, 1000 }, { 250, 7, 1000 },
		{ 250, 5, 1 },
		{ 1000, 1, 1000 }, { 1000, 3, 1000 }, { 1000, 13, 1000 },
		{ 1000, 1, 1 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (!vnet_icmp_test_run(&cases[i]))
			return false;
	pr_info("vnet: selftest: icmp: ok, %zu cases at HZ 100, 250 and 1000\n",
		ARRAY_SIZE(cases));
	return true;
}
