// SPDX-License-Identifier: GPL-2.0
/* vnetctl conn show|flush DEV: a vfirewall's connection table. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

static const char *proto_name(uint8_t proto, char *buf, size_t len)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 1:
		return "icmp";
	default:
		snprintf(buf, len, "%u", proto);
		return buf;
	}
}

static int conn_print(const struct vnet_conn_info *c, void *arg)
{
	json_object *arr = arg;
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN], num[8];
	const char *proto = proto_name(c->proto, num, sizeof(num));
	bool ports = c->proto == 6 || c->proto == 17;

	inet_ntop(AF_INET, &c->src, src, sizeof(src));
	inet_ntop(AF_INET, &c->dst, dst, sizeof(dst));
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "proto", json_object_new_string(proto));
		json_object_object_add(o, "src", json_object_new_string(src));
		json_object_object_add(o, "dst", json_object_new_string(dst));
		if (ports) {
			json_object_object_add(o, "sport", json_object_new_int(c->sport));
			json_object_object_add(o, "dport", json_object_new_int(c->dport));
		} else if (c->proto == 1) {
			json_object_object_add(o, "id", json_object_new_int(c->sport));
		}
		if (c->proto == 6)
			json_object_object_add(o, "tcp_state",
					       json_object_new_string(vnet_tcp_state_name(c->tcp_state)));
		json_object_object_add(o, "replied", json_object_new_boolean(c->replied));
		json_object_object_add(o, "timeout_ms", json_object_new_int64(c->timeout_ms));
		json_object_object_add(o, "packets", json_object_new_uint64(c->packets));
		json_object_array_add(arr, o);
		return 0;
	}
	printf("%s %s", proto, src);
	if (ports)
		printf(":%u -> %s:%u", c->sport, dst, c->dport);
	else if (c->proto == 1)
		printf(" -> %s id %u", dst, c->sport);
	else
		printf(" -> %s", dst);
	if (c->proto == 6)
		printf(" %s", vnet_tcp_state_name(c->tcp_state));
	printf("%s timeout %u.%01us packets %llu\n",
	       c->replied ? " replied" : " unreplied", c->timeout_ms / 1000,
	       c->timeout_ms % 1000 / 100, (unsigned long long)c->packets);
	return 0;
}

int do_conn(int argc, char **argv)
{
	json_object *arr;
	bool show;

	if (argc < 1)
		return usage_error("conn: expected show or flush");
	show = matches(argv[0], "show") || matches(argv[0], "list");
	if (!show && !matches(argv[0], "flush"))
		return usage_error("conn: unknown command \"%s\"; expected show or flush",
				   argv[0]);
	if (argc != 2)
		return usage_error("conn %s: expected DEV", show ? "show" : "flush");
	if (!argv[1][0] || strlen(argv[1]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[1]);
	if (!ctx())
		return EXIT_FAIL;
	if (!show)
		return vnet_conn_flush(g.ctx, argv[1]) ? kernel_error() : EXIT_OK;
	arr = g.json ? json_object_new_array() : NULL;
	return json_finish(arr, vnet_conn_list(g.ctx, argv[1], conn_print, arr));
}
