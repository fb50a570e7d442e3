// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl stats [DEV]: device counters, then each port's; those of the
 * device's kind only, and in text the drop reasons that are not 0 (all
 * with -d).
 */
#include <stdio.h>
#include <string.h>
#include "vnetctl.h"

struct stats_arg {
	json_object *arr;
	json_object *ports;	/* of the device being listed */
	enum vnet_kind kind;	/* its kind */
	bool all;		/* -d: zero drop reasons too */
};

static int port_stats(const struct vnet_port_info *p, void *arg)
{
	struct stats_arg *sa = arg;

	if (sa->ports)
		json_object_array_add(sa->ports, port_info_json(p, sa->kind));
	else
		port_info_print(p, sa->kind, sa->all);
	return 0;
}

static int dev_stats(const struct vnet_dev_info *info, void *arg)
{
	struct stats_arg *sa = arg;

	sa->kind = info->kind;
	sa->ports = NULL;
	if (sa->arr) {
		json_object *o = dev_info_json(info);

		sa->ports = json_object_new_array();
		json_object_object_add(o, "ports", sa->ports);
		json_object_array_add(sa->arr, o);
	} else {
		printf("%s: %s\n", text_name(info->name), vnet_kind_name(info->kind));
		stats_print(&info->stats, "    ", info->kind, sa->all);
	}
	return vnet_port_list(g.ctx, info->name, port_stats, sa);
}

int do_stats(int argc, char **argv)
{
	struct stats_arg sa = { .all = g.details };
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
