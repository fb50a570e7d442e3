// SPDX-License-Identifier: GPL-2.0
/* Read networks, devices and ports into memory for the listings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collect.h"

static int grow(void **arr, int count, size_t size)
{
	void *p = realloc(*arr, (count + 1) * size);

	if (!p)
		return -ENOMEM;
	*arr = p;
	return 0;
}

static int add_net(const struct vnet_network_info *info, void *arg)
{
	struct collection *c = arg;

	if (grow((void **)&c->nets, c->nnets, sizeof(*c->nets)))
		return -ENOMEM;
	c->nets[c->nnets++] = *info;
	return 0;
}

static int add_dev(const struct vnet_dev_info *info, void *arg)
{
	struct collection *c = arg;

	if (grow((void **)&c->devs, c->ndevs, sizeof(*c->devs)))
		return -ENOMEM;
	memset(&c->devs[c->ndevs], 0, sizeof(c->devs[0]));
	c->devs[c->ndevs++].info = *info;
	return 0;
}

static int add_port(const struct vnet_port_info *info, void *arg)
{
	struct collected_dev *d = arg;

	if (grow((void **)&d->ports, d->nports, sizeof(*d->ports)))
		return -ENOMEM;
	d->ports[d->nports++] = *info;
	return 0;
}

int collect(struct collection *c, const char *net, bool ports)
{
	int ret;

	memset(c, 0, sizeof(*c));
	if (net) {
		struct vnet_network_info info;

		ret = vnet_network_get(g.ctx, net, &info);
		if (!ret)
			ret = add_net(&info, c);
	} else {
		ret = vnet_network_list(g.ctx, add_net, c);
	}
	if (!ret && ports)
		ret = vnet_dev_list(g.ctx, add_dev, c);
	for (int i = 0; !ret && i < c->ndevs; i++)
		ret = vnet_port_list(g.ctx, c->devs[i].info.name, add_port,
				     &c->devs[i]);
	if (ret)
		collection_free(c);
	return ret;
}

void collection_free(struct collection *c)
{
	for (int i = 0; i < c->ndevs; i++)
		free(c->devs[i].ports);
	free(c->devs);
	free(c->nets);
	memset(c, 0, sizeof(*c));
}

/* Each quota's use, limit (null: none) and denials; a table in text. */
void print_quotas(const struct vnet_network_info *n)
{
	open_json_object("quotas");
	print_text("    %-8s %10s %10s %10s\n", "quota", "used", "limit",
		   "denied");
	for (int q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++) {
		open_json_object(vnet_quota_name(q));
		print_text("    %-8s", vnet_quota_name(q));
		print_uint(PRINT_ANY, "used", " %10u", n->used[q]);
		if (n->limit[q] == VNET_QUOTA_UNLIMITED)
			print_null(PRINT_ANY, "limit", " %10s", "unlimited");
		else
			print_uint(PRINT_ANY, "limit", " %10u", n->limit[q]);
		print_u64(PRINT_ANY, "denied", " %10llu\n", n->denied[q]);
		close_json_object();
	}
	close_json_object();
}
