// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl topology [NET] [--dot]: a network's devices, their endpoints
 * and the patches between them, as a tree or as Graphviz
 * (vnetctl topology --dot | dot -Tsvg > net.svg).
 */
#include <stdio.h>
#include <string.h>
#include "vnetctl.h"
#include "collect.h"

static const char *const kind_shape[] = {
	[VNET_KIND_VSWITCH] = "box",
	[VNET_KIND_VROUTER] = "diamond",
	[VNET_KIND_VFIREWALL] = "octagon",
};

static void dot_network(const struct collection *c,
			const struct vnet_network_info *n)
{
	printf("  subgraph \"cluster_%s\" {\n", n->name);
	printf("    label=\"network %s (id %u)\";\n", n->name, n->id);
	for (int i = 0; i < c->ndevs; i++) {
		const struct collected_dev *d = &c->devs[i];

		if (d->info.network_id != n->id)
			continue;
		printf("    \"dev:%s\" [shape=%s, label=\"%s\\n%s\"%s];\n",
		       d->info.name, kind_shape[d->info.kind], d->info.name,
		       vnet_kind_name(d->info.kind),
		       d->info.up ? "" : ", style=dashed");
		for (int j = 0; j < d->nports; j++) {
			const struct vnet_port_info *p = &d->ports[j];

			if (p->peer_dev[0])
				continue;
			printf("    \"ep:%s\" [shape=ellipse, label=\"%s\"];\n",
			       p->lower_name, p->lower_name);
			printf("    \"dev:%s\" -- \"ep:%s\" [taillabel=\"%s\"];\n",
			       d->info.name, p->lower_name, p->name);
		}
	}
	printf("  }\n");
}

/* A patch once, from the side whose device sorts first. */
static void dot_patches(const struct collection *c, uint32_t net_id)
{
	for (int i = 0; i < c->ndevs; i++) {
		const struct collected_dev *d = &c->devs[i];

		if (d->info.network_id != net_id)
			continue;
		for (int j = 0; j < d->nports; j++) {
			const struct vnet_port_info *p = &d->ports[j];
			int cmp;

			if (!p->peer_dev[0])
				continue;
			cmp = strcmp(d->info.name, p->peer_dev);
			if (cmp > 0 || (!cmp && strcmp(p->name, p->peer_port) > 0))
				continue;
			printf("  \"dev:%s\" -- \"dev:%s\" [style=bold, taillabel=\"%s\", headlabel=\"%s\"];\n",
			       d->info.name, p->peer_dev, p->name, p->peer_port);
		}
	}
}

static void tree_network(const struct collection *c,
			 const struct vnet_network_info *n)
{
	printf("network %s (id %u)\n", n->name, n->id);
	for (int i = 0; i < c->ndevs; i++) {
		const struct collected_dev *d = &c->devs[i];

		if (d->info.network_id != n->id)
			continue;
		printf("  %s %s\n", vnet_kind_name(d->info.kind), d->info.name);
		for (int j = 0; j < d->nports; j++) {
			const struct vnet_port_info *p = &d->ports[j];

			if (p->peer_dev[0])
				printf("    %s <-> %s/%s\n", p->name, p->peer_dev,
				       p->peer_port);
			else
				printf("    %s -> endpoint %s\n", p->name,
				       p->lower_name);
		}
	}
}

int do_topology(int argc, char **argv)
{
	const char *net = NULL;
	struct collection c;
	bool dot = false;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--dot") || !strcmp(argv[i], "dot"))
			dot = true;
		else if (!net && argv[i][0] != '-')
			net = argv[i];
		else
			return usage_error("topology: expected [NET] [--dot]");
	}
	if (net && (!net[0] || strlen(net) >= VNET_NETWORK_NAMSIZ))
		return usage_error("invalid network name \"%s\"", net);
	if (!ctx())
		return EXIT_FAIL;
	if (collect(&c, net, true))
		return kernel_error();
	if (dot) {
		printf("graph \"vnet\" {\n  node [fontname=\"sans\"];\n");
		for (int i = 0; i < c.nnets; i++)
			dot_network(&c, &c.nets[i]);
		for (int i = 0; i < c.nnets; i++)
			dot_patches(&c, c.nets[i].id);
		printf("}\n");
	} else {
		for (int i = 0; i < c.nnets; i++)
			tree_network(&c, &c.nets[i]);
	}
	collection_free(&c);
	return EXIT_OK;
}
