// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl and ethtool -S name the counters alike: libvnet's names (what
 * vnetctl prints, text and JSON) against the module's, which
 * scripts/ynl-tables.py writes from the spec (kmod/stats_gen.h).
 */
#include <stdio.h>
#include <string.h>
#include <linux/ethtool.h>
#include <linux/vnet.h>
#include "libvnet.h"
#include "../../kmod/stats_gen.h"

int main(void)
{
	int i, bad = 0;

	for (i = VNET_STATS_RX_PACKETS; i <= VNET_STATS_MAX; i++) {
		const char *name = vnet_stats_name(i);

		if (!name || strcmp(name, vnet_stats_names[i])) {
			printf("# counter %d: libvnet \"%s\", the module \"%s\"\n",
			       i, name ? name : "(none)", vnet_stats_names[i]);
			bad++;
		}
	}
	printf("%sok - libvnet: every counter has the module's name, as ethtool -S shows it (%d differ)\n",
	       bad ? "not " : "", bad);
	return bad ? 1 : 0;
}
