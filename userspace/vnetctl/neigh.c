// SPDX-License-Identifier: GPL-2.0
/* vnetctl neigh show|flush DEV: a vrouter's neighbour (ARP) table. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

static int neigh_print(const struct vnet_neigh_info *n, void *arg)
{
	json_object *arr = arg;
	char ip[INET_ADDRSTRLEN], mac[18] = "";

	inet_ntop(AF_INET, &n->addr, ip, sizeof(ip));
	if (n->has_mac)
		mac_str(n->mac, mac, sizeof(mac));
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "address", json_object_new_string(ip));
		if (n->has_mac)
			json_object_object_add(o, "mac", json_object_new_string(mac));
		json_object_object_add(o, "port", json_object_new_string(n->port_name));
		json_object_object_add(o, "port_index", json_object_new_int64(n->port));
		json_object_object_add(o, "state",
				       json_object_new_string(vnet_neigh_state_name(n->state)));
		json_object_object_add(o, "age_ms", json_object_new_int64(n->age_ms));
		json_object_object_add(o, "queued", json_object_new_int64(n->queued));
		json_object_array_add(arr, o);
		return 0;
	}
	printf("%s", ip);
	if (n->has_mac)
		printf(" lladdr %s", mac);
	printf(" port %s %s age %u.%01us", n->port_name,
	       vnet_neigh_state_name(n->state), n->age_ms / 1000,
	       n->age_ms % 1000 / 100);
	if (n->queued)
		printf(" queued %u", n->queued);
	putchar('\n');
	return 0;
}

int do_neigh(int argc, char **argv)
{
	json_object *arr;
	bool show;
	int ret;

	ret = parse_show_flush("neigh", argc, argv, &show);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (!show)
		return vnet_neigh_flush(g.ctx, argv[1]) ? kernel_error() : EXIT_OK;
	arr = g.json ? json_object_new_array() : NULL;
	return json_finish(arr, vnet_neigh_list(g.ctx, argv[1], neigh_print, arr));
}
