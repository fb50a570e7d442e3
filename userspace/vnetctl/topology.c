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

static void tree_network(const struct collection *c,
			 const struct vnet_network_info *n)
{
	printf("network %s (id %u)\n", text_name(n->name), n->id);
	for (int i = 0; i < c->ndevs; i++) {
		const struct collected_dev *d = &c->devs[i];

		if (d->info.network_id != n->id)
			continue;
		printf("  %s %s\n", vnet_kind_name(d->info.kind),
		       text_name(d->info.name));
		for (int j = 0; j < d->nports; j++) {
			const struct vnet_port_info *p = &d->ports[j];

			if (p->peer_dev[0])
				printf("    %s <-> %s/%s\n", text_name(p->name),
				       text_name(p->peer_dev),
				       text_name(p->peer_port));
			else
				printf("    %s -> endpoint %s\n", text_name(p->name),
				       text_name(p->lower_name));
		}
	}
}

/* A network's devices and their ports, as -j prints them. */
static json_object *json_network(const struct collection *c,
				 const struct vnet_network_info *n)
{
	json_object *o = json_object_new_object(), *devs = json_object_new_array();

	json_object_object_add(o, "network", json_name(n->name));
	json_object_object_add(o, "id", json_object_new_int64(n->id));
	for (int i = 0; i < c->ndevs; i++) {
		const struct collected_dev *d = &c->devs[i];
		json_object *dj, *ports;

		if (d->info.network_id != n->id)
			continue;
		dj = json_object_new_object();
		ports = json_object_new_array();
		json_object_object_add(dj, "name", json_name(d->info.name));
		json_object_object_add(dj, "type",
				       json_name(vnet_kind_name(d->info.kind)));
		json_object_object_add(dj, "state",
				       json_name(d->info.up ? "up" : "down"));
		for (int j = 0; j < d->nports; j++) {
			const struct vnet_port_info *p = &d->ports[j];
			json_object *pj = json_object_new_object();

			json_object_object_add(pj, "name", json_name(p->name));
			if (p->peer_dev[0]) {
				json_object_object_add(pj, "peer", json_name(p->peer_dev));
				json_object_object_add(pj, "peer_port",
						       json_name(p->peer_port));
			} else {
				json_object_object_add(pj, "lower",
						       json_name(p->lower_name));
			}
			json_object_array_add(ports, pj);
		}
		json_object_object_add(dj, "ports", ports);
		json_object_array_add(devs, dj);
	}
	json_object_object_add(o, "devices", devs);
	return o;
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
	} else if (g.json) {
		json_object *arr = json_object_new_array();

		for (int i = 0; i < c.nnets; i++)
			json_object_array_add(arr, json_network(&c, &c.nets[i]));
		json_out(arr);
	} else {
		for (int i = 0; i < c.nnets; i++)
			tree_network(&c, &c.nets[i]);
	}
	collection_free(&c);
	return EXIT_OK;
}
