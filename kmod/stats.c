// SPDX-License-Identifier: GPL-2.0
/* Per-CPU counters of devices and ports: summing and reporting them. */
#include "vnet.h"

void vnet_stats_sum(struct vnet_pcpu_stats __percpu *stats,
		    struct vnet_stats_sum *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct vnet_pcpu_stats *st = per_cpu_ptr(stats, cpu);
		u64 c[VNET_STATS_MAX + 1];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&st->syncp);
			for (i = VNET_STATS_RX_PACKETS; i <= VNET_STATS_MAX; i++)
				c[i] = u64_stats_read(&st->c[i]);
		} while (u64_stats_fetch_retry(&st->syncp, start));
		for (i = VNET_STATS_RX_PACKETS; i <= VNET_STATS_MAX; i++)
			sum->c[i] += c[i];
	}
}

size_t vnet_stats_size(void)
{
	return nla_total_size(0) + (VNET_STATS_MAX - VNET_STATS_RX_PACKETS + 1) *
	       nla_total_size_64bit(sizeof(u64));
}

/* Put the summed counters in a nest of type @attr. */
int vnet_stats_fill(struct sk_buff *skb, int attr,
		    struct vnet_pcpu_stats __percpu *stats)
{
	struct vnet_stats_sum sum;
	struct nlattr *nest;
	int i;

	vnet_stats_sum(stats, &sum);
	nest = nla_nest_start(skb, attr);
	if (!nest)
		return -EMSGSIZE;
	for (i = VNET_STATS_RX_PACKETS; i <= VNET_STATS_MAX; i++) {
		if (nla_put_u64_64bit(skb, i, sum.c[i], VNET_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}
