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
	char ip[INET_ADDRSTRLEN];

	(void)arg;
	inet_ntop(AF_INET, &n->addr, ip, sizeof(ip));
	open_json_object(NULL);
	print_string(PRINT_ANY, "address", "%s", ip);
	if (n->has_mac)
		print_mac(PRINT_ANY, "mac", " lladdr %s", n->mac);
	print_name(PRINT_ANY, "port", " port %s", n->port_name);
	print_uint(PRINT_JSON, "port_index", NULL, n->port);
	print_string(PRINT_ANY, "state", " %s",
		     vnet_neigh_state_name(n->state));
	print_ms(PRINT_ANY, "age_ms", " age %s", n->age_ms);
	print_uint(n->queued ? PRINT_ANY : PRINT_JSON, "queued", " queued %u",
		   n->queued);
	print_nl();
	close_json_object();
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
	bool show;
	int ret;

	if (argc < 1)
		return usage_error("neigh: expected add, del, show or flush");
	if (matches(argv[0], "add") || matches(argv[0], "delete") ||
	    !strcmp(argv[0], "del"))
		return neigh_add_del(argc - 1, argv + 1, matches(argv[0], "add"));
	/* parse_show_flush() would name only the two it knows. */
	if (!matches(argv[0], "show") && !matches(argv[0], "list") &&
	    !matches(argv[0], "flush"))
		return usage_error("neigh: unknown command \"%s\"; expected add, del, show or flush",
				   argv[0]);
	ret = parse_show_flush("neigh", argc, argv, &show);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (!show)
		return vnet_neigh_flush(g.ctx, argv[1]) ? kernel_error() : EXIT_OK;
	open_json_array(NULL);
	ret = vnet_neigh_list(g.ctx, argv[1], neigh_print, NULL);
	close_json_array();
	return json_finish(ret);
}
