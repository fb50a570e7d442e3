// SPDX-License-Identifier: GPL-2.0
/* vnetctl stats [DEV]: per-device counters. */
#include <stdio.h>
#include <string.h>
#include "vnetctl.h"

static void stats_text(const struct vnet_dev_info *info)
{
	printf("%s: %s\n", info->name, vnet_kind_name(info->kind));
	stats_print(info);
}

int do_stats(int argc, char **argv)
{
	if (argc > 1)
		return usage_error("stats: expected at most one device NAME");
	if (argc == 1 && strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("device name \"%s\" too long", argv[0]);
	g.details = true;
	return show_devices(argc ? argv[0] : NULL, stats_text);
}
