// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl neigh: a vrouter's neighbour table, ARP's and IPv6 neighbour
 * discovery's (an address with a ':').
 *   neigh add DEV ADDR lladdr MAC port PORT | del DEV ADDR [port PORT] |
 *   show DEV | flush DEV
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

static int neigh_print(const struct vnet_neigh_info *n, void *arg)
{
	char ip[INET6_ADDRSTRLEN];

	(void)arg;
	open_json_object(NULL);
	print_string(PRINT_ANY, "address", "%s",
		     ip_str(n->family, n->addr, n->addr6, ip));
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

/*
 * "neigh add DEV ADDR lladdr MAC port PORT" and "neigh del DEV ADDR", an
 * IPv6 one with its port if link-local ("neigh del DEV fe80::1 port p1").
 */
static int neigh_add_del(int argc, char **argv, bool add)
{
	const char *port = NULL, *verb = add ? "add" : "del";
	uint8_t mac[6], *macp = NULL, addr6[16];
	uint32_t addr;
	int family, ret;

	if (argc < 2)
		return usage_error("neigh %s: expected DEV ADDR%s", verb,
				   add ? " lladdr MAC port PORT" : " [port PORT]");
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[0]);
	if (ip_parse(argv[1], &family, &addr, addr6))
		return usage_error(family == AF_INET6 ?
				   "invalid address \"%s\": expected an IPv6 address" :
				   "invalid address \"%s\": expected A.B.C.D or an IPv6 address",
				   argv[1]);
	for (int i = 2; i < argc; i += 2) {
		if (i + 1 >= argc || (!add && strcmp(argv[i], "port")))
			return usage_error("neigh %s: unexpected \"%s\"", verb,
					   argv[i]);
		if (!add && family != AF_INET6)
			return usage_error("neigh del: an IPv4 neighbour takes no port");
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
	if (family == AF_INET6)
		ret = add ? vnet_neigh6_add(g.ctx, argv[0], addr6, macp, port) :
			    vnet_neigh6_delete(g.ctx, argv[0], addr6, port);
	else
		ret = add ? vnet_neigh_add(g.ctx, argv[0], addr, macp, port) :
			    vnet_neigh_delete(g.ctx, argv[0], addr);
	return ret ? kernel_error() : EXIT_OK;
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
