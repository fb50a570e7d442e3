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

json_object *quota_json(const struct vnet_network_info *n)
{
	json_object *o = json_object_new_object();

	for (int q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "used", json_object_new_int64(n->used[q]));
		json_object_object_add(e, "limit", n->limit[q] == VNET_QUOTA_UNLIMITED ?
				       NULL : json_object_new_int64(n->limit[q]));
		json_object_object_add(e, "denied", json_object_new_int64(n->denied[q]));
		json_object_object_add(o, vnet_quota_name(q), e);
	}
	return o;
}

void quota_print(const struct vnet_network_info *n, const char *indent)
{
	printf("%s%-8s %10s %10s %10s\n", indent, "quota", "used", "limit", "denied");
	for (int q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++) {
		char limit[16];

		if (n->limit[q] == VNET_QUOTA_UNLIMITED)
			snprintf(limit, sizeof(limit), "unlimited");
		else
			snprintf(limit, sizeof(limit), "%u", n->limit[q]);
		printf("%s%-8s %10u %10s %10llu\n", indent, vnet_quota_name(q),
		       n->used[q], limit, (unsigned long long)n->denied[q]);
	}
}
