/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything about networks, their devices and their ports, read with one
 * dump after another (a dump must end before the next request starts).
 */
#ifndef VNETCTL_COLLECT_H
#define VNETCTL_COLLECT_H

#include "vnetctl.h"

struct collected_dev {
	struct vnet_dev_info info;
	struct vnet_port_info *ports;
	int nports;
};

struct collection {
	struct vnet_network_info *nets;
	int nnets;
	struct collected_dev *devs;
	int ndevs;
};

/*
 * The network @net (every network if NULL) and, with @ports, every device
 * and its ports; 0 or the library's error (the message is in the ctx).
 */
int collect(struct collection *c, const char *net, bool ports);
void collection_free(struct collection *c);

/* A network's quotas: used, limit and denied per quota. */
void print_quotas(const struct vnet_network_info *n);

#endif
