// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl neigh: a vrouter's neighbour (ARP) table.
 *   neigh add DEV ADDR lladdr MAC port PORT | del DEV ADDR | show DEV | flush DEV
 */
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

		json_object_object_add(o, "address", json_name(ip));
		if (n->has_mac)
			json_object_object_add(o, "mac", json_name(mac));
		json_object_object_add(o, "port", json_name(n->port_name));
		json_object_object_add(o, "port_index", json_object_new_int64(n->port));
		json_object_object_add(o, "state",
				       json_name(vnet_neigh_state_name(n->state)));
		json_object_object_add(o, "age_ms", json_object_new_int64(n->age_ms));
		json_object_object_add(o, "queued", json_object_new_int64(n->queued));
		json_object_array_add(arr, o);
		return 0;
	}
	printf("%s", ip);
	if (n->has_mac)
		printf(" lladdr %s", mac);
	printf(" port %s %s age %u.%01us", text_name(n->port_name),
	       vnet_neigh_state_name(n->state), n->age_ms / 1000,
	       n->age_ms % 1000 / 100);
	if (n->queued)
		printf(" queued %u", n->queued);
	putchar('\n');
	return 0;
}

/* "neigh add DEV ADDR lladdr MAC port PORT" and "neigh del DEV ADDR". */
static int neigh_add_del(int argc, char **argv, bool add)
{
	const char *port = NULL;
	uint8_t mac[6], *macp = NULL;
	uint32_t addr;

	if (argc < 2)
		return usage_error("neigh %s: expected DEV ADDR%s", add ? "add" : "del",
				   add ? " lladdr MAC port PORT" : "");
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[0]);
	if (inet_pton(AF_INET, argv[1], &addr) != 1)
		return usage_error("invalid IPv4 address \"%s\"", argv[1]);
	for (int i = 2; i < argc; i += 2) {
		if (!add || i + 1 >= argc)
			return usage_error("neigh %s: unexpected \"%s\"",
					   add ? "add" : "del", argv[i]);
		if (!strcmp(argv[i], "lladdr")) {
			if (vnet_mac_parse(argv[i + 1], mac))
				return usage_error("invalid MAC address \"%s\"", argv[i + 1]);
			macp = mac;
		} else if (!strcmp(argv[i], "port")) {
			if (!argv[i + 1][0] || strlen(argv[i + 1]) >= IF_NAMESIZE)
				return usage_error("invalid port \"%s\"", argv[i + 1]);
			port = argv[i + 1];
		} else {
			return usage_error("neigh add: unknown \"%s\" (lladdr, port)",
					   argv[i]);
		}
	}
	if (add && (!macp || !port))
		return usage_error("neigh add: expected lladdr MAC and port PORT");
	if (!ctx())
		return EXIT_FAIL;
	if (add)
		return vnet_neigh_add(g.ctx, argv[0], addr, macp, port) ?
		       kernel_error() : EXIT_OK;
	return vnet_neigh_delete(g.ctx, argv[0], addr) ? kernel_error() : EXIT_OK;
}

int do_neigh(int argc, char **argv)
{
	json_object *arr;
	bool show;
	int ret;

	if (argc > 0 && (matches(argv[0], "add") || matches(argv[0], "delete") ||
			 !strcmp(argv[0], "del")))
		return neigh_add_del(argc - 1, argv + 1, matches(argv[0], "add"));
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
