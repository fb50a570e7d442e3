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

/* The kernel's kind may be one this vnetctl does not know. */
static const char *shape_of(uint32_t kind)
{
	if (kind >= sizeof(kind_shape) / sizeof(kind_shape[0]) ||
	    !kind_shape[kind])
		return "ellipse";
	return kind_shape[kind];
}

static void dot_network(const struct collection *c,
			const struct vnet_network_info *n)
{
	printf("  subgraph \"cluster_%s\" {\n", dot_name(n->name));
	printf("    label=\"network %s (id %u)\";\n", dot_name(n->name), n->id);
	for (int i = 0; i < c->ndevs; i++) {
		const struct collected_dev *d = &c->devs[i];

		if (d->info.network_id != n->id)
			continue;
		printf("    \"dev:%s\" [shape=%s, label=\"%s\\n%s\"%s];\n",
		       dot_name(d->info.name), shape_of(d->info.kind),
		       dot_name(d->info.name),
		       vnet_kind_name(d->info.kind),
		       d->info.up ? "" : ", style=dashed");
		for (int j = 0; j < d->nports; j++) {
			const struct vnet_port_info *p = &d->ports[j];

			if (p->peer_dev[0])
				continue;
			printf("    \"ep:%s\" [shape=ellipse, label=\"%s\"];\n",
			       dot_name(p->lower_name), dot_name(p->lower_name));
			printf("    \"dev:%s\" -- \"ep:%s\" [taillabel=\"%s\"];\n",
			       dot_name(d->info.name), dot_name(p->lower_name),
			       dot_name(p->name));
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
			       dot_name(d->info.name), dot_name(p->peer_dev),
			       dot_name(p->name), dot_name(p->peer_port));
		}
	}
}

static void tree_port(const struct vnet_port_info *p)
{
	open_json_object(NULL);
	print_name(PRINT_ANY, "name", "    %s", p->name);
	if (p->peer_dev[0]) {
		print_name(PRINT_ANY, "peer", " <-> %s", p->peer_dev);
		print_name(PRINT_ANY, "peer_port", "/%s", p->peer_port);
	} else {
		print_name(PRINT_ANY, "lower", " -> endpoint %s",
			   p->lower_name);
	}
	print_nl();
	close_json_object();
}

/* "vswitch sw0" in text; JSON has the name first. */
static void tree_dev(const struct collected_dev *d)
{
	open_json_object(NULL);
	print_name(PRINT_JSON, "name", NULL, d->info.name);
	print_string(PRINT_ANY, "type", "  %s", vnet_kind_name(d->info.kind));
	print_name(PRINT_FP, NULL, " %s\n", d->info.name);
	print_string(PRINT_JSON, "state", NULL, d->info.up ? "up" : "down");
	open_json_array("ports");
	for (int j = 0; j < d->nports; j++)
		tree_port(&d->ports[j]);
	close_json_array();
	close_json_object();
}

/* A network's devices and their ports, as a tree or (-j) as JSON. */
static void tree_network(const struct collection *c,
			 const struct vnet_network_info *n)
{
	open_json_object(NULL);
	print_name(PRINT_ANY, "network", "network %s", n->name);
	print_uint(PRINT_ANY, "id", " (id %u)\n", n->id);
	open_json_array("devices");
	for (int i = 0; i < c->ndevs; i++)
		if (c->devs[i].info.network_id == n->id)
			tree_dev(&c->devs[i]);
	close_json_array();
	close_json_object();
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
		open_json_array(NULL);
		for (int i = 0; i < c.nnets; i++)
			tree_network(&c, &c.nets[i]);
		close_json_array();
		json_out();
	}
	collection_free(&c);
	return EXIT_OK;
}
