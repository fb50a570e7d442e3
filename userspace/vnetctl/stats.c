// SPDX-License-Identifier: GPL-2.0
/* vnetctl stats [DEV]: device counters, then each port's. */
#include <stdio.h>
#include <string.h>
#include "vnetctl.h"

struct stats_arg {
	json_object *arr;
};

static int port_stats(const struct vnet_port_info *p, void *arg)
{
	json_object *ports = arg;

	if (ports)
		json_object_array_add(ports, port_info_json(p));
	else
		port_info_print(p);
	return 0;
}

static int dev_stats(const struct vnet_dev_info *info, void *arg)
{
	struct stats_arg *sa = arg;
	json_object *ports = NULL;

	if (sa->arr) {
		json_object *o = dev_info_json(info);

		ports = json_object_new_array();
		json_object_object_add(o, "ports", ports);
		json_object_array_add(sa->arr, o);
	} else {
		printf("%s: %s\n", text_name(info->name), vnet_kind_name(info->kind));
		stats_print(&info->stats, "    ");
	}
	return vnet_port_list(g.ctx, info->name, port_stats, ports);
}

int do_stats(int argc, char **argv)
{
	struct stats_arg sa = { NULL };
	struct vnet_dev_info info;
	bool details;
	int ret;

	if (argc > 1)
		return usage_error("stats: expected at most one device NAME");
	if (argc == 1 && strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("device name \"%s\" too long", argv[0]);
	if (!ctx())
		return EXIT_FAIL;
	/* The counters are the details here, for this command only: a batch
	 * goes on as its options say.
	 */
	details = g.details;
	g.details = true;
	sa.arr = g.json ? json_object_new_array() : NULL;
	if (argc == 1) {
		ret = vnet_dev_get(g.ctx, argv[0], &info) ?: dev_stats(&info, &sa);
	} else {
		int i, n = 0;
		char **names = device_names(VNET_KIND_UNSPEC, &n);

		ret = names ? 0 : -1;
		for (i = 0; i < n && !ret; i++)
			ret = vnet_dev_get(g.ctx, names[i], &info) ?:
			      dev_stats(&info, &sa);
		free_names(names, n);
	}
	g.details = details;
	return json_finish(sa.arr, ret);
}
