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

json_object *network_json(const struct vnet_network_info *n)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_name(n->name));
	json_object_object_add(o, "id", json_object_new_int64(n->id));
	json_object_object_add(o, "state", json_name(n->up ? "up" : "down"));
	json_object_object_add(o, "mtu", json_object_new_int64(n->mtu));
	json_object_object_add(o, "description", json_name(n->description));
	json_object_object_add(o, "devices", json_object_new_int64(n->devices));
	json_object_object_add(o, "policers", json_object_new_int64(n->policers));
	return o;
}

void network_line(const struct vnet_network_info *n)
{
	printf("network %s id %u state %s", text_name(n->name), n->id, n->up ? "up" : "down");
	if (n->mtu)
		printf(" mtu %u", n->mtu);
	printf(" devices %u policers %u", n->devices, n->policers);
	if (n->description[0])
		printf(" description \"%s\"", text_name(n->description));
	putchar('\n');
}

/* A network with its devices and ports, as text or into @o. */
static void network_detail(const struct vnet_network_info *n,
			   const struct collection *c, json_object *o)
{
	json_object *devs = o ? json_object_new_array() : NULL;

	if (!o)
		network_line(n);
	for (int i = 0; i < c->ndevs; i++) {
		const struct vnet_dev_info *d = &c->devs[i].info;
		json_object *ports;

		if (d->network_id != n->id)
			continue;
		ports = o ? json_object_new_array() : NULL;
		if (!o)
			printf("    device %s %s state %s\n", text_name(d->name),
			       vnet_kind_name(d->kind), d->up ? "up" : "down");
		for (int j = 0; j < c->devs[i].nports; j++) {
			const struct vnet_port_info *p = &c->devs[i].ports[j];

			if (o) {
				json_object_array_add(ports,
						      port_info_json(p, d->kind));
			} else if (p->peer_dev[0]) {
				printf("        port %s patch %s/%s\n", text_name(p->name),
				       text_name(p->peer_dev), text_name(p->peer_port));
			} else {
				printf("        port %s endpoint %s\n", text_name(p->name),
				       text_name(p->lower_name));
			}
		}
		if (o) {
			json_object *dj = dev_info_json(d);

			json_object_object_add(dj, "ports", ports);
			json_object_array_add(devs, dj);
		}
	}
	if (o) {
		json_object_object_add(o, "device_list", devs);
		/* As "resource show" names it. */
		json_object_object_add(o, "quotas", quota_json(n));
	} else {
		quota_print(n, "    ");
	}
}

static int network_show(int argc, char **argv)
{
	struct collection c;
	json_object *arr;
	int ret;

	if (argc > 1)
		return usage_error("network show: expected at most one NET");
	if (argc == 1 && (ret = check_net_name(argv[0])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (collect(&c, argc ? argv[0] : NULL, true))
		return kernel_error();
	arr = g.json ? json_object_new_array() : NULL;
	for (int i = 0; i < c.nnets; i++) {
		json_object *o = arr ? network_json(&c.nets[i]) : NULL;

		network_detail(&c.nets[i], &c, o);
		if (o)
			json_object_array_add(arr, o);
	}
	collection_free(&c);
	return json_finish(arr, 0);
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
	return usage_error("network: unknown command \"%s\"; expected add, set, start, stop, del or show",
			   argv[0]);
}
