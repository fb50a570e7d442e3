// SPDX-License-Identifier: GPL-2.0
/* vnetctl conn show|flush DEV: a vfirewall's or vrouter's connections. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

/*
 * Two ends, "10.0.0.2:80 -> 10.0.0.3:5000" in text, an IPv6 address in
 * brackets before its port ("[2001:db8::2]:80"); ICMP's echo id in @sport.
 */
static void print_ends(uint8_t proto, bool v6, const char *src,
		       const char *dst, uint16_t sport, uint16_t dport)
{
	bool ports = proto == 6 || proto == 17;
	const char *open = v6 && ports ? "[" : "", *close = v6 && ports ? "]" : "";

	print_string(PRINT_JSON, "src", NULL, src);
	print_text(" %s%s%s", open, src, close);
	/* JSON has the addresses first, the text each with its port. */
	print_string(PRINT_JSON, "dst", NULL, dst);
	if (ports) {
		print_uint(PRINT_ANY, "sport", ":%u", sport);
		print_text(" -> %s%s%s", open, dst, close);
		print_uint(PRINT_ANY, "dport", ":%u", dport);
		return;
	}
	print_text(" -> %s", dst);
	/* ICMP and ICMPv6: the echo id. */
	if (proto == 1 || proto == 58)
		print_uint(PRINT_ANY, "id", " id %u", sport);
}

/* The connection's protocol and ends: "tcp 10.0.0.2:80 -> 10.0.0.3:5000". */
static void print_conn_ends(const struct vnet_conn_info *c)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], num[8];
	bool v6 = c->family == AF_INET6;

	inet_ntop(v6 ? AF_INET6 : AF_INET, v6 ? (const void *)c->src6 : &c->src,
		  src, sizeof(src));
	inet_ntop(v6 ? AF_INET6 : AF_INET, v6 ? (const void *)c->dst6 : &c->dst,
		  dst, sizeof(dst));
	print_string(PRINT_ANY, "proto", "%s",
		     vnet_proto_name(c->proto, num, sizeof(num)));
	print_ends(c->proto, v6, src, dst, c->sport, c->dport);
}

/*
 * A translated connection (a vrouter's NAT, IPv4): the ends its replies
 * carry as they arrive, " reply 198.51.100.2:53 -> 203.0.113.1:40001";
 * in JSON an object "reply" of the same fields.
 */
static void print_conn_reply(const struct vnet_conn_info *c)
{
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &c->reply_src, src, sizeof(src));
	inet_ntop(AF_INET, &c->reply_dst, dst, sizeof(dst));
	open_json_object("reply");
	print_text(" reply");
	print_ends(c->proto, false, src, dst, c->reply_sport, c->reply_dport);
	close_json_object();
}

static int conn_print(const struct vnet_conn_info *c, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_conn_ends(c);
	if (c->vlan)
		print_uint(PRINT_ANY, "vlan", " vlan %u", c->vlan);
	if (c->proto == 6)
		print_string(PRINT_ANY, "tcp_state", " %s",
			     vnet_tcp_state_name(c->tcp_state));
	print_bool(PRINT_JSON, "replied", NULL, c->replied);
	print_text("%s", c->replied ? " replied" : " unreplied");
	print_ms(PRINT_ANY, "timeout_ms", " timeout %s", c->timeout_ms);
	print_u64(PRINT_ANY, "packets", " packets %llu", c->packets);
	if (c->has_reply)
		print_conn_reply(c);
	print_nl();
	close_json_object();
	return 0;
}

int do_conn(int argc, char **argv)
{
	bool show;
	int ret;

	ret = parse_show_flush("conn", argc, argv, &show);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (!show)
		return vnet_conn_flush(g.ctx, argv[1]) ? kernel_error() : EXIT_OK;
	open_json_array(NULL);
	ret = vnet_conn_list(g.ctx, argv[1], conn_print, NULL);
	close_json_array();
	return json_finish(ret);
}
