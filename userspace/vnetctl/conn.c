// SPDX-License-Identifier: GPL-2.0
/* vnetctl conn show|flush DEV: a vfirewall's connection table. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

static int conn_print(const struct vnet_conn_info *c, void *arg)
{
	json_object *arr = arg;
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN], num[4];
	const char *proto = vnet_proto_name(c->proto, num, sizeof(num));
	bool ports = c->proto == 6 || c->proto == 17;

	inet_ntop(AF_INET, &c->src, src, sizeof(src));
	inet_ntop(AF_INET, &c->dst, dst, sizeof(dst));
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "proto", json_name(proto));
		json_object_object_add(o, "src", json_name(src));
		json_object_object_add(o, "dst", json_name(dst));
		if (ports) {
			json_object_object_add(o, "sport", json_object_new_int(c->sport));
			json_object_object_add(o, "dport", json_object_new_int(c->dport));
		} else if (c->proto == 1) {
			json_object_object_add(o, "id", json_object_new_int(c->sport));
		}
		if (c->proto == 6)
			json_object_object_add(o, "tcp_state",
					       json_name(vnet_tcp_state_name(c->tcp_state)));
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
	int ret;

	ret = parse_show_flush("conn", argc, argv, &show);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (!show)
		return vnet_conn_flush(g.ctx, argv[1]) ? kernel_error() : EXIT_OK;
	arr = g.json ? json_object_new_array() : NULL;
	return json_finish(arr, vnet_conn_list(g.ctx, argv[1], conn_print, arr));
}
