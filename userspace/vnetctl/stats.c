// SPDX-License-Identifier: GPL-2.0
/* vnetctl stats [DEV]: per-device counters. */
#include <stdio.h>
#include <string.h>
#include "vnetctl.h"

static int stats_one(const struct vnet_dev_info *info, void *arg)
{
	json_object *arr = arg;

	if (arr) {
		json_object *o = dev_info_json(info);

		json_object_array_add(arr, o);
		return 0;
	}
	printf("%s: %s\n", info->name, vnet_kind_name(info->kind));
	stats_print(info);
	return 0;
}

int do_stats(int argc, char **argv)
{
	json_object *arr;
	struct vnet_dev_info info;
	int ret;

	if (argc > 1)
		return usage_error("stats: expected at most one device NAME");
	if (argc == 1 && strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("device name \"%s\" too long", argv[0]);
	if (!ctx())
		return EXIT_FAIL;
	g.details = true;
	arr = g.json ? json_object_new_array() : NULL;
	if (argc == 1)
		ret = vnet_dev_get(g.ctx, argv[0], &info) ?: stats_one(&info, arr);
	else
		ret = vnet_dev_list(g.ctx, stats_one, arr);
	if (ret) {
		json_object_put(arr);
		return kernel_error();
	}
	if (arr)
		json_out(arr);
	return EXIT_OK;
}
