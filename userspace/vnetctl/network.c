// SPDX-License-Identifier: GPL-2.0
/* vnetctl network add|set|start|stop|del|show */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"
#include "collect.h"

static int check_net_name(const char *name)
{
	if (!name[0] || strlen(name) >= VNET_NETWORK_NAMSIZ)
		return usage_error("invalid network name \"%s\" (1 to %d characters)",
				   name, VNET_NETWORK_NAMSIZ - 1);
	return 0;
}

/* "[id ID] [mtu N] [description TEXT]..." into @cfg (id only if @may_id). */
static int parse_config(int argc, char **argv, bool may_id,
			struct vnet_network_config *cfg)
{
	char err[256];

	for (; argc > 0; argc -= 2, argv += 2) {
		if (argc < 2)
			return usage_error("\"%s\" needs a value", argv[0]);
		if (!may_id && !strcmp(argv[0], "id"))
			return usage_error("the id of a network cannot be changed");
		if (vnet_network_config_param(cfg, argv[0], argv[1], err,
					      sizeof(err)))
			return usage_error("%s", err);
	}
	return 0;
}

static int network_add(int argc, char **argv)
{
	struct vnet_network_config cfg;
	int ret;

	if (argc < 1)
		return usage_error("network add: missing NAME");
	if ((ret = check_net_name(argv[0])))
		return ret;
	vnet_network_config_init(&cfg);
	ret = parse_config(argc - 1, argv + 1, true, &cfg);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_network_create(g.ctx, argv[0], &cfg) ? kernel_error() : EXIT_OK;
}

static int network_set(int argc, char **argv)
{
	struct vnet_network_config cfg;
	int ret;

	if (argc < 3)
		return usage_error("network set: expected NET PARAM VALUE...");
	if ((ret = check_net_name(argv[0])))
		return ret;
	vnet_network_config_init(&cfg);
	ret = parse_config(argc - 1, argv + 1, false, &cfg);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_network_set(g.ctx, argv[0], &cfg) ? kernel_error() : EXIT_OK;
}

static int network_start_stop(int argc, char **argv, bool start)
{
	int ret;

	if (argc != 1)
		return usage_error("network %s: expected exactly one NET",
				   start ? "start" : "stop");
	if ((ret = check_net_name(argv[0])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	ret = start ? vnet_network_start(g.ctx, argv[0]) :
		      vnet_network_stop(g.ctx, argv[0]);
	return ret ? kernel_error() : EXIT_OK;
}

static int network_del(int argc, char **argv)
{
	bool force = false;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "force"))
		force = true;
	else if (argc != 1)
		return usage_error("network del: expected NET [force]");
	if ((ret = check_net_name(argv[0])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_network_delete(g.ctx, argv[0], force) ? kernel_error() : EXIT_OK;
}

void print_network(const struct vnet_network_info *n)
{
	print_name(PRINT_ANY, "name", "network %s", n->name);
	print_uint(PRINT_ANY, "id", " id %u", n->id);
	print_string(PRINT_ANY, "state", " state %s", n->up ? "up" : "down");
	print_uint(n->mtu ? PRINT_ANY : PRINT_JSON, "mtu", " mtu %u", n->mtu);
	/* JSON has it here, the text (quoted, if any) at the end. */
	print_name(PRINT_JSON, "description", NULL, n->description);
	print_uint(PRINT_ANY, "devices", " devices %u", n->devices);
	print_uint(PRINT_ANY, "policers", " policers %u", n->policers);
	/* Across hosts: once it has an underlay, or hosts. */
	if (n->local[0]) {
		print_name(PRINT_ANY, "underlay", " underlay %s", n->underlay);
		print_string(PRINT_ANY, "local", " local %s", n->local);
		print_uint(PRINT_ANY, "port", " port %u", n->vxlan_port);
	}
	if (n->local[0] || n->nhosts) {
		open_json_array("hosts");
		for (int i = 0; i < n->nhosts; i++)
			print_string(PRINT_ANY, NULL, i ? " %s" : " hosts %s",
				     n->hosts[i]);
		close_json_array();
	}
	if (n->description[0])
		print_name(PRINT_FP, NULL, " description \"%s\"",
			   n->description);
	print_nl();
}

/* A port of a network's device: in JSON whole, in text what it joins. */
static void network_port(const struct vnet_port_info *p, enum vnet_kind kind)
{
	open_json_object(NULL);
	if (is_json_context())
		print_port(p, kind, true);
	else if (p->tunnel)
		print_text("        port %s tunnel\n", text_name(p->name));
	else if (p->peer_dev[0])
		print_text("        port %s patch %s/%s\n", text_name(p->name),
			   text_name(p->peer_dev), text_name(p->peer_port));
	else
		print_text("        port %s endpoint %s\n", text_name(p->name),
			   text_name(p->lower_name));
	close_json_object();
}

/* A network's device: in JSON whole, in text its name, kind and state. */
static void network_dev(const struct collected_dev *cd)
{
	const struct vnet_dev_info *d = &cd->info;

	open_json_object(NULL);
	if (is_json_context())
		print_dev(d);
	else
		print_text("    device %s %s state %s\n", text_name(d->name),
			   vnet_kind_name(d->kind), d->up ? "up" : "down");
	open_json_array("ports");
	for (int j = 0; j < cd->nports; j++)
		network_port(&cd->ports[j], d->kind);
	close_json_array();
	close_json_object();
}

/* A network with its devices, their ports and its quotas. */
static void network_detail(const struct vnet_network_info *n,
			   const struct collection *c)
{
	open_json_object(NULL);
	print_network(n);
	open_json_array("device_list");
	for (int i = 0; i < c->ndevs; i++)
		if (c->devs[i].info.network_id == n->id)
			network_dev(&c->devs[i]);
	close_json_array();
	/* As "resource show" names it. */
	print_quotas(n);
	close_json_object();
}

static int network_show(int argc, char **argv)
{
	struct collection c;
	int ret;

	if (argc > 1)
		return usage_error("network show: expected at most one NET");
	if (argc == 1 && (ret = check_net_name(argv[0])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (collect(&c, argc ? argv[0] : NULL, true))
		return kernel_error();
	open_json_array(NULL);
	for (int i = 0; i < c.nnets; i++)
		network_detail(&c.nets[i], &c);
	close_json_array();
	collection_free(&c);
	return json_finish(0);
}

/* network host add|del NET ADDR */
static int network_host(int argc, char **argv)
{
	bool add;
	int ret;

	if (argc != 3 || (strcmp(argv[0], "add") && strcmp(argv[0], "del")))
		return usage_error("network host: expected add|del NET ADDR");
	add = !strcmp(argv[0], "add");
	if ((ret = check_net_name(argv[1])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	ret = add ? vnet_network_host_add(g.ctx, argv[1], argv[2]) :
		    vnet_network_host_delete(g.ctx, argv[1], argv[2]);
	return ret ? kernel_error() : EXIT_OK;
}

int do_network(int argc, char **argv)
{
	if (argc < 1 || matches(argv[0], "show") || matches(argv[0], "list"))
		return network_show(argc ? argc - 1 : 0, argv + !!argc);
	if (matches(argv[0], "add") || !strcmp(argv[0], "create"))
		return network_add(argc - 1, argv + 1);
	if (matches(argv[0], "set"))
		return network_set(argc - 1, argv + 1);
	if (matches(argv[0], "start"))
		return network_start_stop(argc - 1, argv + 1, true);
	if (!strcmp(argv[0], "stop"))
		return network_start_stop(argc - 1, argv + 1, false);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return network_del(argc - 1, argv + 1);
	if (!strcmp(argv[0], "host"))
		return network_host(argc - 1, argv + 1);
	return usage_error("network: unknown command \"%s\"; expected add, set, start, stop, del, host or show",
			   argv[0]);
}
