// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl addr and route: a vrouter's addresses and routing table, IPv4
 * and IPv6 (an address with a ':').
 *   addr add|del DEV ADDR/PLEN port PORT | show DEV
 *   route add|del DEV PREFIX [via GW] [port PORT] | get DEV ADDR | show DEV
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

static int check_port(const char *port)
{
	if (!port[0] || strlen(port) >= IF_NAMESIZE)
		return usage_error("invalid port \"%s\"", port);
	return 0;
}

/*
 * ADDR[/LEN]: IPv6 if it holds a ':' (into @addr6, *@family AF_INET6),
 * else IPv4 or "default" (into @addr, AF_INET); a bare address is a host
 * prefix unless @need_len. -1 if malformed.
 */
static int prefix_parse(const char *str, bool need_len, int *family,
			uint32_t *addr, uint8_t *addr6, uint8_t *plen)
{
	if (strchr(str, ':')) {
		*family = AF_INET6;
		return vnet_prefix6_parse(str, addr6, plen, need_len);
	}
	*family = AF_INET;
	return vnet_prefix_parse(str, addr, plen, need_len);
}

static bool is_zero6(const uint8_t *addr6)
{
	static const uint8_t zero[16];

	return !memcmp(addr6, zero, sizeof(zero));
}

static int addr_change(int argc, char **argv, bool add)
{
	const char *port = NULL;
	uint8_t plen, addr6[16];
	uint32_t addr;
	int family, ret, i;

	if (argc < 2)
		return usage_error("addr %s: expected DEV ADDR/PLEN port PORT",
				   add ? "add" : "del");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (prefix_parse(argv[1], true, &family, &addr, addr6, &plen) || !plen)
		return usage_error(family == AF_INET6 ?
				   "invalid address \"%s\": expected an IPv6 address/LEN, LEN 1 to 128" :
				   "invalid address \"%s\": expected A.B.C.D/LEN, LEN 1 to 32, or an IPv6 address/LEN",
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
	if (family == AF_INET6)
		ret = add ? vnet_addr6_add(g.ctx, argv[0], addr6, plen, port) :
			    vnet_addr6_delete(g.ctx, argv[0], addr6, plen, port);
	else
		ret = add ? vnet_addr_add(g.ctx, argv[0], addr, plen, port) :
			    vnet_addr_delete(g.ctx, argv[0], addr, plen, port);
	return ret ? kernel_error() : EXIT_OK;
}

void print_addr(const struct vnet_addr_info *a)
{
	char ip[INET6_ADDRSTRLEN];

	print_string(PRINT_ANY, "address", "%s",
		     ip_str(a->family, a->addr, a->addr6, ip));
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
	return check_dev_name(argv[0]);
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
	const char *verb = add ? "add" : "del", *via = NULL;
	struct vnet_route_info rt = {};
	int family, ret, i;

	if (argc < 2)
		return usage_error("route %s: expected DEV PREFIX (via GW | port PORT)",
				   verb);
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (prefix_parse(argv[1], false, &rt.family, &rt.dst, rt.dst6, &rt.plen))
		return usage_error(rt.family == AF_INET6 ?
				   "invalid prefix \"%s\": expected an IPv6 address[/LEN], LEN 0 to 128" :
				   "invalid prefix \"%s\": expected A.B.C.D/LEN, default or an IPv6 prefix",
				   argv[1]);
	for (i = 2; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error("route %s: \"%s\" needs a value", verb,
					   argv[i]);
		if (!strcmp(argv[i], "via")) {
			via = argv[i + 1];
			if (ip_parse(via, &family, &rt.gateway, rt.gateway6))
				return usage_error(family == AF_INET6 ?
						   "invalid gateway \"%s\": expected an IPv6 address" :
						   "invalid gateway \"%s\": expected A.B.C.D or an IPv6 address",
						   via);
			if (family == AF_INET6 ? is_zero6(rt.gateway6) : !rt.gateway)
				return usage_error("invalid gateway \"%s\": the unspecified address names no next hop",
						   via);
			if (family != rt.family && !strcmp(argv[1], "default"))
				return usage_error("route %s: \"default\" is IPv4's; IPv6's default route is ::/0",
						   verb);
			if (family != rt.family)
				return usage_error("route %s: prefix \"%s\" and gateway \"%s\" must be of one family, IPv4 or IPv6",
						   verb, argv[1], via);
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
	if (add && !via && !rt.port_name[0])
		return usage_error("route add: expected via GW or port PORT");
	if (!ctx())
		return EXIT_FAIL;
	ret = add ? vnet_route_add(g.ctx, argv[0], &rt) :
		    vnet_route_delete(g.ctx, argv[0], &rt);
	return ret ? kernel_error() : EXIT_OK;
}

void print_route(const struct vnet_route_info *rt)
{
	char dst[INET6_ADDRSTRLEN + 4], ip[INET6_ADDRSTRLEN];
	bool v6 = rt->family == AF_INET6;

	snprintf(dst, sizeof(dst), "%s/%u",
		 ip_str(rt->family, rt->dst, rt->dst6, ip), rt->plen);
	/*
	 * The text says "default" as "route add" takes it, JSON 0.0.0.0/0;
	 * IPv6's is ::/0 in both, as "default" is IPv4's.
	 */
	print_string(PRINT_JSON, "dst", NULL, dst);
	print_text("%s", v6 || rt->plen || rt->dst ? dst : "default");
	if (v6 ? !is_zero6(rt->gateway6) : rt->gateway != 0)
		print_string(PRINT_ANY, "gateway", " via %s",
			     ip_str(rt->family, rt->gateway, rt->gateway6, ip));
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
	uint8_t addr6[16];
	uint32_t addr;
	int family, ret;

	if (argc != 2)
		return usage_error("route get: expected DEV ADDR");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (ip_parse(argv[1], &family, &addr, addr6))
		return usage_error(family == AF_INET6 ?
				   "invalid address \"%s\": expected an IPv6 address" :
				   "invalid address \"%s\": expected A.B.C.D or an IPv6 address",
				   argv[1]);
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = family == AF_INET6 ?
	      vnet_route6_get(g.ctx, argv[0], addr6, route_print, NULL) :
	      vnet_route_get(g.ctx, argv[0], addr, route_print, NULL);
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
