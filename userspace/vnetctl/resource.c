// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl resource: a network's quotas and policers.
 *   resource set NET QUOTA N...            ports fdb routes neigh rules conns
 *   resource set NET POLICER rate RATE [burst SIZE]
 *   resource add NET POLICER rate RATE [burst SIZE] | del NET POLICER
 *   resource show [NET]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"
#include "collect.h"

/* "rate RATE [burst SIZE]" in any order; @need_rate for add. */
static int parse_bucket(int argc, char **argv, bool need_rate, uint64_t *rate,
			uint32_t *burst)
{
	*rate = 0;
	*burst = 0;
	for (; argc > 0; argc -= 2, argv += 2) {
		if (argc < 2)
			return usage_error("\"%s\" needs a value", argv[0]);
		if (!strcmp(argv[0], "rate")) {
			if (vnet_rate_parse(argv[1], rate))
				return usage_error("invalid rate \"%s\": expected e.g. 10mbit, 500kbit, 1gbit",
						   argv[1]);
		} else if (!strcmp(argv[0], "burst")) {
			if (vnet_size_parse(argv[1], burst) || !*burst)
				return usage_error("invalid burst \"%s\": expected bytes, e.g. 32k or 20000",
						   argv[1]);
		} else {
			return usage_error("unknown policer parameter \"%s\" (rate, burst)",
					   argv[0]);
		}
	}
	if (need_rate && !*rate)
		return usage_error("a policer needs \"rate RATE\"");
	if (!*rate && !*burst)
		return usage_error("expected \"rate RATE\" and/or \"burst SIZE\"");
	return 0;
}

static int check_names(const char *net, const char *name)
{
	if (!net[0] || strlen(net) >= VNET_NETWORK_NAMSIZ)
		return usage_error("invalid network name \"%s\"", net);
	if (name && (!name[0] || strlen(name) >= VNET_NETWORK_NAMSIZ))
		return usage_error("invalid policer name \"%s\" (1 to %d characters)",
				   name, VNET_NETWORK_NAMSIZ - 1);
	return 0;
}

static int resource_set(int argc, char **argv)
{
	uint32_t present = 0, limits[VNET_QUOTA_MAX + 1] = { 0 };
	char err[256];
	int ret;

	if (argc < 3)
		return usage_error("resource set: expected NET QUOTA N... or NET POLICER rate RATE [burst SIZE]");
	if ((ret = check_names(argv[0], NULL)))
		return ret;
	if (vnet_quota_parse(argv[1]) < 0 &&
	    (!strcmp(argv[2], "rate") || !strcmp(argv[2], "burst"))) {
		uint64_t rate;
		uint32_t burst;

		if ((ret = check_names(argv[0], argv[1])) ||
		    (ret = parse_bucket(argc - 2, argv + 2, false, &rate, &burst)))
			return ret;
		if (!ctx())
			return EXIT_FAIL;
		return vnet_policer_set(g.ctx, argv[0], argv[1], rate, burst) ?
		       kernel_error() : EXIT_OK;
	}
	for (int i = 1; i < argc; i += 2) {
		int q = vnet_quota_parse(argv[i]);

		if (q < 0)
			return usage_error("unknown quota \"%s\" (ports, fdb, routes, neigh, rules, conns)",
					   argv[i]);
		if (i + 1 >= argc)
			return usage_error("quota \"%s\" needs a value", argv[i]);
		if (vnet_quota_value_parse(argv[i + 1], &limits[q], err, sizeof(err)))
			return usage_error("%s", err);
		present |= 1u << q;
	}
	if (!ctx())
		return EXIT_FAIL;
	return vnet_quota_set(g.ctx, argv[0], present, limits) ?
	       kernel_error() : EXIT_OK;
}

static int resource_add(int argc, char **argv)
{
	uint64_t rate;
	uint32_t burst;
	int ret;

	if (argc < 2)
		return usage_error("resource add: expected NET NAME rate RATE [burst SIZE]");
	if ((ret = check_names(argv[0], argv[1])))
		return ret;
	if (vnet_quota_parse(argv[1]) >= 0)
		return usage_error("\"%s\" is a quota; a policer needs another name",
				   argv[1]);
	ret = parse_bucket(argc - 2, argv + 2, true, &rate, &burst);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_policer_add(g.ctx, argv[0], argv[1], rate, burst) ?
	       kernel_error() : EXIT_OK;
}

static int resource_del(int argc, char **argv)
{
	int ret;

	if (argc != 2)
		return usage_error("resource del: expected NET NAME");
	if ((ret = check_names(argv[0], argv[1])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_policer_delete(g.ctx, argv[0], argv[1]) ?
	       kernel_error() : EXIT_OK;
}

struct policers {
	struct vnet_policer_info *list;
	int count;
};

static int add_policer(const struct vnet_policer_info *p, void *arg)
{
	struct policers *ps = arg;
	struct vnet_policer_info *grown;

	grown = realloc(ps->list, (ps->count + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	ps->list = grown;
	ps->list[ps->count++] = *p;
	return 0;
}

static void print_policer(const struct vnet_policer_info *p)
{
	char rate[32];

	print_name(PRINT_ANY, "name", "    policer %s", p->name);
	/* In bit/s, the unit "rate" is given and printed in. */
	print_u64(PRINT_JSON, "rate", NULL, p->rate * 8);
	print_text(" rate %s", vnet_rate_format(p->rate, rate, sizeof(rate)));
	print_uint(PRINT_ANY, "burst", " burst %u", p->burst);
	print_uint(PRINT_ANY, "ports", " ports %u\n", p->ports);
	print_u64(PRINT_ANY, "passed_packets", "        passed %llu packets",
		  p->passed_packets);
	print_u64(PRINT_ANY, "passed_bytes", " %llu bytes", p->passed_bytes);
	print_u64(PRINT_ANY, "dropped_packets", " dropped %llu packets",
		  p->dropped_packets);
	print_u64(PRINT_ANY, "dropped_bytes", " %llu bytes\n",
		  p->dropped_bytes);
}

/* A network's quotas and policers. */
static void print_resources(const struct vnet_network_info *n,
			    const struct policers *ps)
{
	open_json_object(NULL);
	print_name(PRINT_ANY, "network", "network %s", n->name);
	print_uint(PRINT_ANY, "id", " id %u\n", n->id);
	print_quotas(n);
	open_json_array("policers");
	for (int j = 0; j < ps->count; j++) {
		if (ps->list[j].network_id != n->id)
			continue;
		open_json_object(NULL);
		print_policer(&ps->list[j]);
		close_json_object();
	}
	close_json_array();
	close_json_object();
}

static int resource_show(int argc, char **argv)
{
	struct policers ps = { NULL, 0 };
	struct collection c;
	int ret;

	if (argc > 1)
		return usage_error("resource show: expected at most one NET");
	if (argc == 1 && (ret = check_names(argv[0], NULL)))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (collect(&c, argc ? argv[0] : NULL, false))
		return kernel_error();
	if (vnet_policer_list(g.ctx, argc ? argv[0] : NULL, add_policer, &ps)) {
		collection_free(&c);
		free(ps.list);
		return kernel_error();
	}
	open_json_array(NULL);
	for (int i = 0; i < c.nnets; i++)
		print_resources(&c.nets[i], &ps);
	close_json_array();
	collection_free(&c);
	free(ps.list);
	return json_finish(0);
}

int do_resource(int argc, char **argv)
{
	if (argc < 1 || matches(argv[0], "show") || matches(argv[0], "list"))
		return resource_show(argc ? argc - 1 : 0, argv + !!argc);
	if (matches(argv[0], "set"))
		return resource_set(argc - 1, argv + 1);
	if (matches(argv[0], "add"))
		return resource_add(argc - 1, argv + 1);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return resource_del(argc - 1, argv + 1);
	return usage_error("resource: unknown command \"%s\"; expected set, add, del or show",
			   argv[0]);
}
