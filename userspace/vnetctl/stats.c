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
	enum vnet_kind kind;	/* of the device being listed */
	bool all;		/* -d: zero drop reasons too */
};

static int port_stats(const struct vnet_port_info *p, void *arg)
{
	const struct stats_arg *sa = arg;

	open_json_object(NULL);
	print_port(p, sa->kind, sa->all);
	close_json_object();
	return 0;
}

/* A device (in text its name and counters), then its ports. */
static int dev_stats(const struct vnet_dev_info *info, void *arg)
{
	struct stats_arg *sa = arg;
	int ret;

	sa->kind = info->kind;
	open_json_object(NULL);
	if (is_json_context()) {
		print_dev(info);
	} else {
		print_text("%s: %s\n", text_name(info->name),
			   vnet_kind_name(info->kind));
		print_stats(&info->stats, info->kind, sa->all);
	}
	open_json_array("ports");
	ret = vnet_port_list(g.ctx, info->name, port_stats, sa);
	close_json_array();
	close_json_object();
	return ret;
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
	open_json_array(NULL);
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
	close_json_array();
	return json_finish(ret);
}
