// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl addr and route: a vrouter's addresses and routing table.
 *   addr add|del DEV ADDR/PLEN port PORT | show DEV
 *   route add|del DEV PREFIX [via GW] [port PORT] | get DEV ADDR | show DEV
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

static int check_dev(const char *dev)
{
	if (!dev[0] || strlen(dev) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", dev);
	return 0;
}

static int check_port(const char *port)
{
	if (!port[0] || strlen(port) >= IF_NAMESIZE)
		return usage_error("invalid port \"%s\"", port);
	return 0;
}

static const char *ip_str(uint32_t addr, char *buf)
{
	return inet_ntop(AF_INET, &addr, buf, INET_ADDRSTRLEN);
}

static int addr_change(int argc, char **argv, bool add)
{
	const char *port = NULL;
	uint32_t addr;
	uint8_t plen;
	int ret, i;

	if (argc < 2)
		return usage_error("addr %s: expected DEV ADDR/PLEN port PORT",
				   add ? "add" : "del");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	if (vnet_prefix_parse(argv[1], &addr, &plen, true) || !plen)
		return usage_error("invalid address \"%s\": expected A.B.C.D/LEN, LEN 1 to 32",
				   argv[1]);
	for (i = 2; i < argc; i += 2) {
		if (strcmp(argv[i], "port") || i + 1 >= argc)
			return usage_error("addr %s: expected DEV ADDR/PLEN port PORT",
					   add ? "add" : "del");
		port = argv[i + 1];
		ret = check_port(port);
		if (ret)
			return ret;
	}
	if (add && !port)
		return usage_error("addr add: the port is required (port PORT)");
	if (!ctx())
		return EXIT_FAIL;
	ret = add ? vnet_addr_add(g.ctx, argv[0], addr, plen, port) :
		    vnet_addr_delete(g.ctx, argv[0], addr, plen, port);
	return ret ? kernel_error() : EXIT_OK;
}

void print_addr(const struct vnet_addr_info *a)
{
	char ip[INET_ADDRSTRLEN];

	print_string(PRINT_ANY, "address", "%s", ip_str(a->addr, ip));
	print_uint(PRINT_ANY, "prefixlen", "/%u", a->plen);
	print_name(PRINT_ANY, "port", " port %s", a->port_name);
	print_uint(PRINT_JSON, "port_index", NULL, a->port);
	print_nl();
}

static int addr_print(const struct vnet_addr_info *a, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_addr(a);
	close_json_object();
	return 0;
}

static int one_dev(int argc, char **argv, const char *what)
{
	if (argc != 1)
		return usage_error("%s: expected DEV", what);
	return check_dev(argv[0]);
}

static int addr_show(int argc, char **argv)
{
	int ret = one_dev(argc, argv, "addr show");

	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = vnet_addr_list(g.ctx, argv[0], addr_print, NULL);
	close_json_array();
	return json_finish(ret);
}

int do_addr(int argc, char **argv)
{
	if (argc < 1)
		return usage_error("addr: expected add, del or show");
	if (matches(argv[0], "add"))
		return addr_change(argc - 1, argv + 1, true);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return addr_change(argc - 1, argv + 1, false);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return addr_show(argc - 1, argv + 1);
	return usage_error("addr: unknown command \"%s\"; expected add, del or show",
			   argv[0]);
}

static int route_change(int argc, char **argv, bool add)
{
	const char *verb = add ? "add" : "del";
	struct vnet_route_info rt = {};
	uint8_t plen;
	int ret, i;

	if (argc < 2)
		return usage_error("route %s: expected DEV PREFIX (via GW | port PORT)",
				   verb);
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	if (vnet_prefix_parse(argv[1], &rt.dst, &rt.plen, false))
		return usage_error("invalid prefix \"%s\": expected A.B.C.D/LEN or default",
				   argv[1]);
	for (i = 2; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error("route %s: \"%s\" needs a value", verb,
					   argv[i]);
		if (!strcmp(argv[i], "via")) {
			if (vnet_prefix_parse(argv[i + 1], &rt.gateway, &plen,
					      false) || plen != 32 || !rt.gateway)
				return usage_error("invalid gateway \"%s\": expected A.B.C.D",
						   argv[i + 1]);
		} else if (!strcmp(argv[i], "port")) {
			ret = check_port(argv[i + 1]);
			if (ret)
				return ret;
			snprintf(rt.port_name, sizeof(rt.port_name), "%s",
				 argv[i + 1]);
		} else {
			return usage_error("route %s: unknown \"%s\"; expected via GW or port PORT",
					   verb, argv[i]);
		}
	}
	if (add && !rt.gateway && !rt.port_name[0])
		return usage_error("route add: expected via GW or port PORT");
	if (!ctx())
		return EXIT_FAIL;
	ret = add ? vnet_route_add(g.ctx, argv[0], &rt) :
		    vnet_route_delete(g.ctx, argv[0], &rt);
	return ret ? kernel_error() : EXIT_OK;
}

void print_route(const struct vnet_route_info *rt)
{
	char dst[INET_ADDRSTRLEN + 4], ip[INET_ADDRSTRLEN];

	snprintf(dst, sizeof(dst), "%s/%u", ip_str(rt->dst, ip), rt->plen);
	/* The text says "default" as "route add" takes it, JSON 0.0.0.0/0. */
	print_string(PRINT_JSON, "dst", NULL, dst);
	print_text("%s", rt->plen || rt->dst ? dst : "default");
	if (rt->gateway)
		print_string(PRINT_ANY, "gateway", " via %s",
			     ip_str(rt->gateway, ip));
	print_name(PRINT_ANY, "port", " port %s", rt->port_name);
	print_uint(PRINT_JSON, "port_index", NULL, rt->port);
	print_string(PRINT_ANY, "type", " %s", vnet_route_type_name(rt->type));
	print_nl();
}

static int route_print(const struct vnet_route_info *rt, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_route(rt);
	close_json_object();
	return 0;
}

static int route_show(int argc, char **argv)
{
	int ret = one_dev(argc, argv, "route show");

	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = vnet_route_list(g.ctx, argv[0], route_print, NULL);
	close_json_array();
	return json_finish(ret);
}

static int route_get(int argc, char **argv)
{
	uint32_t addr;
	uint8_t plen;
	int ret;

	if (argc != 2)
		return usage_error("route get: expected DEV ADDR");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	if (vnet_prefix_parse(argv[1], &addr, &plen, false) || plen != 32)
		return usage_error("invalid address \"%s\": expected A.B.C.D", argv[1]);
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = vnet_route_get(g.ctx, argv[0], addr, route_print, NULL);
	close_json_array();
	return json_finish(ret);
}

int do_route(int argc, char **argv)
{
	if (argc < 1)
		return usage_error("route: expected add, del, get or show");
	if (matches(argv[0], "add"))
		return route_change(argc - 1, argv + 1, true);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return route_change(argc - 1, argv + 1, false);
	if (matches(argv[0], "get"))
		return route_get(argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return route_show(argc - 1, argv + 1);
	return usage_error("route: unknown command \"%s\"; expected add, del, get or show",
			   argv[0]);
}
