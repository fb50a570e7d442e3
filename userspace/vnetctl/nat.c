// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl nat: a vrouter's NAT rules, IPv4 (IPv6 is routed untranslated).
 *   nat add DEV masquerade out PORT [src PREFIX] [ports MIN-MAX]
 *   nat add DEV snat out PORT to ADDR[-ADDR] [src PREFIX] [ports MIN-MAX]
 *   nat add DEV floating ADDR to INSIDE
 *   nat add DEV forward proto tcp|udp ADDR:PORT to INSIDE:PORT
 *   nat del DEV INDEX | flush DEV | show DEV
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

/* "A.B.C.D" into @addr, network order; -1 if it is not one. */
static int addr_parse(const char *s, uint32_t *addr)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -1;
	*addr = a.s_addr;
	return 0;
}

static int addr_error(const char *s)
{
	if (strchr(s, ':'))
		return usage_error("invalid address \"%s\": NAT is IPv4's; IPv6 is routed untranslated",
				   s);
	return usage_error("invalid address \"%s\": expected A.B.C.D", s);
}

/* A port, 1 to 65535, in digits; -1 if it is not one. */
static int port_parse(const char *s, uint16_t *port)
{
	unsigned long v;
	char *end;

	if (s[0] < '0' || s[0] > '9' || strlen(s) > 5)
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || !v || v > 65535)
		return -1;
	*port = v;
	return 0;
}

/* "A.B.C.D:PORT" into @addr and @port; a usage error if malformed. */
static int addr_port_parse(const char *s, uint32_t *addr, uint16_t *port)
{
	char buf[INET_ADDRSTRLEN + 6], *colon = NULL;

	if (strlen(s) < sizeof(buf)) {
		strcpy(buf, s);
		colon = strrchr(buf, ':');
	}
	if (colon)
		*colon = '\0';
	if (!colon || addr_parse(buf, addr) || port_parse(colon + 1, port))
		return usage_error("invalid address \"%s\": expected A.B.C.D:PORT, PORT 1 to 65535",
				   s);
	return 0;
}

/* MIN-MAX (or a single port), the source ports to choose from. */
static int ports_parse(const char *s, struct vnet_nat_rule *r)
{
	char buf[16], *dash = NULL;

	if (strlen(s) < sizeof(buf)) {
		strcpy(buf, s);
		dash = strchr(buf, '-');
		if (dash)
			*dash = '\0';
	}
	if (strlen(s) >= sizeof(buf) || port_parse(buf, &r->port_min) ||
	    (dash && port_parse(dash + 1, &r->port_max)))
		return usage_error("invalid port range \"%s\": expected MIN-MAX, ports 1 to 65535",
				   s);
	if (!dash)
		r->port_max = r->port_min;
	if (r->port_max < r->port_min)
		return usage_error("invalid port range \"%s\": the last port is below the first",
				   s);
	return 0;
}

/* ADDR[-ADDR], snat's addresses. */
static int to_parse(const char *s, struct vnet_nat_rule *r)
{
	char buf[2 * INET_ADDRSTRLEN], *dash = NULL;

	if (strlen(s) < sizeof(buf)) {
		strcpy(buf, s);
		dash = strchr(buf, '-');
		if (dash)
			*dash = '\0';
	}
	if (strlen(s) >= sizeof(buf) || addr_parse(buf, &r->to_min) ||
	    (dash && addr_parse(dash + 1, &r->to_max)))
		return usage_error("invalid address range \"%s\": expected A.B.C.D or A.B.C.D-A.B.C.D",
				   s);
	if (dash && ntohl(r->to_max) < ntohl(r->to_min))
		return usage_error("invalid address range \"%s\": the last address is below the first",
				   s);
	return 0;
}

/* The inside prefix: A.B.C.D[/LEN], no bit set past LEN. */
static int src_parse(const char *s, struct vnet_nat_rule *r)
{
	uint32_t host;

	if (strchr(s, ':'))
		return usage_error("invalid prefix \"%s\": NAT is IPv4's; IPv6 is routed untranslated",
				   s);
	if (vnet_prefix_parse(s, &r->src, &r->src_len, false))
		return usage_error("invalid prefix \"%s\": expected A.B.C.D[/LEN]", s);
	host = r->src_len >= 32 ? 0 : 0xffffffffu >> r->src_len;
	if (ntohl(r->src) & host)
		return usage_error("invalid prefix \"%s\": bits set past its length", s);
	return 0;
}

/* The words after masquerade or snat: out PORT [to ...] [src ...] [ports ...]. */
static int parse_snat(int argc, char **argv, struct vnet_nat_rule *r)
{
	static const char *const keys[] = { "out", "to", "src", "ports" };
	bool snat = r->type == VNET_NAT_TYPE_SNAT;
	const char *what = vnet_nat_type_name(r->type);
	unsigned int seen = 0, k;
	int i, ret = 0;

	for (i = 0; i < argc && !ret; i += 2) {
		const char *val;

		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (!strcmp(argv[i], keys[k]) && (snat || k != 1))
				break;
		if (k == sizeof(keys) / sizeof(keys[0]))
			return usage_error("nat add: unknown \"%s\"; %s takes %s",
					   argv[i], what,
					   snat ? "out, to, src and ports" :
						  "out, src and ports");
		if (i + 1 >= argc)
			return usage_error("nat add: \"%s\" needs a value", argv[i]);
		val = argv[i + 1];
		if (seen & (1u << k))
			return usage_error("nat add: \"%s\" given twice", argv[i]);
		seen |= 1u << k;
		switch (k) {
		case 0:
			if (!val[0] || strlen(val) >= IF_NAMESIZE)
				return usage_error("invalid port \"%s\"", val);
			snprintf(r->out_port_name, sizeof(r->out_port_name),
				 "%s", val);
			break;
		case 1:
			ret = to_parse(val, r);
			break;
		case 2:
			ret = src_parse(val, r);
			break;
		default:
			ret = ports_parse(val, r);
			break;
		}
	}
	if (ret)
		return ret;
	if (!(seen & 1u))
		return usage_error("nat add: %s needs out PORT", what);
	if (snat && !(seen & 2u))
		return usage_error("nat add: snat needs to ADDR[-ADDR]");
	return 0;
}

/* floating ADDR to INSIDE */
static int parse_floating(int argc, char **argv, struct vnet_nat_rule *r)
{
	if (argc != 3 || strcmp(argv[1], "to"))
		return usage_error("nat add: expected DEV floating ADDR to INSIDE");
	if (addr_parse(argv[0], &r->addr))
		return addr_error(argv[0]);
	if (addr_parse(argv[2], &r->inside))
		return addr_error(argv[2]);
	return 0;
}

/* forward proto tcp|udp ADDR:PORT to INSIDE:PORT */
static int parse_forward(int argc, char **argv, struct vnet_nat_rule *r)
{
	if (argc != 5 || strcmp(argv[0], "proto") || strcmp(argv[3], "to"))
		return usage_error("nat add: expected DEV forward proto tcp|udp ADDR:PORT to INSIDE:PORT");
	if (!strcmp(argv[1], "tcp"))
		r->proto = 6;
	else if (!strcmp(argv[1], "udp"))
		r->proto = 17;
	else
		return usage_error("invalid protocol \"%s\": expected tcp or udp",
				   argv[1]);
	return addr_port_parse(argv[2], &r->addr, &r->port) ?:
	       addr_port_parse(argv[4], &r->inside, &r->to_port);
}

static int nat_add(int argc, char **argv)
{
	struct vnet_nat_rule r;
	int ret, t;

	if (argc < 2)
		return usage_error("nat add: expected DEV masquerade|snat|floating|forward ...");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	memset(&r, 0, sizeof(r));
	for (t = VNET_NAT_TYPE_UNSPEC + 1; t <= VNET_NAT_TYPE_MAX; t++)
		if (!strcmp(argv[1], vnet_nat_type_name(t)))
			r.type = t;
	switch (r.type) {
	case VNET_NAT_TYPE_MASQUERADE:
	case VNET_NAT_TYPE_SNAT:
		ret = parse_snat(argc - 2, argv + 2, &r);
		break;
	case VNET_NAT_TYPE_FLOATING:
		ret = parse_floating(argc - 2, argv + 2, &r);
		break;
	case VNET_NAT_TYPE_FORWARD:
		ret = parse_forward(argc - 2, argv + 2, &r);
		break;
	default:
		return usage_error("nat add: unknown type \"%s\"; expected masquerade, snat, floating or forward",
				   argv[1]);
	}
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_nat_add(g.ctx, argv[0], &r) ? kernel_error() : EXIT_OK;
}

static int nat_del(int argc, char **argv)
{
	uint32_t index;
	int ret;

	if (argc != 2)
		return usage_error("nat del: expected DEV INDEX");
	ret = check_dev_name(argv[0]) ?: parse_index(argv[1], "NAT rule", &index);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_nat_delete(g.ctx, argv[0], index) ? kernel_error() : EXIT_OK;
}

static int nat_flush(int argc, char **argv)
{
	int ret;

	if (argc != 1)
		return usage_error("nat flush: expected DEV");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_nat_flush(g.ctx, argv[0]) ? kernel_error() : EXIT_OK;
}

/* What snat and masquerade translate to, and from which sources. */
static void print_snat(const struct vnet_nat_rule *r)
{
	char a[INET_ADDRSTRLEN], buf[2 * INET_ADDRSTRLEN + 4];

	print_name(PRINT_ANY, "out", " out %s", r->out_port_name);
	if (r->type == VNET_NAT_TYPE_SNAT) {
		char b[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &r->to_min, a, sizeof(a));
		inet_ntop(AF_INET, &r->to_max, b, sizeof(b));
		/* A single address is "A", as "nat add" takes it. */
		if (r->to_max && r->to_max != r->to_min)
			snprintf(buf, sizeof(buf), "%s-%s", a, b);
		else
			snprintf(buf, sizeof(buf), "%s", a);
		print_string(PRINT_ANY, "to", " to %s", buf);
	}
	if (r->src_len) {
		snprintf(buf, sizeof(buf), "%s/%u",
			 inet_ntop(AF_INET, &r->src, a, sizeof(a)), r->src_len);
		print_string(PRINT_ANY, "src", " src %s", buf);
	}
	if (r->port_min) {
		snprintf(buf, sizeof(buf), "%u-%u", r->port_min, r->port_max);
		print_string(PRINT_ANY, "ports", " ports %s", buf);
	}
}

/*
 * "1: masquerade out uplink ports 1024-65535 conns 3": the words of
 * "nat add" after DEV, and the connections the rule translated.
 */
static int nat_print(const struct vnet_nat_rule *r, void *arg)
{
	char ip[INET_ADDRSTRLEN], num[4];

	(void)arg;
	open_json_object(NULL);
	print_uint(PRINT_ANY, "index", "%u: ", r->index);
	print_string(PRINT_ANY, "type", "%s", vnet_nat_type_name(r->type));
	switch (r->type) {
	case VNET_NAT_TYPE_MASQUERADE:
	case VNET_NAT_TYPE_SNAT:
		print_snat(r);
		break;
	case VNET_NAT_TYPE_FORWARD:
		print_string(PRINT_ANY, "proto", " proto %s",
			     vnet_proto_name(r->proto, num, sizeof(num)));
		print_string(PRINT_ANY, "addr", " %s",
			     inet_ntop(AF_INET, &r->addr, ip, sizeof(ip)));
		print_uint(PRINT_ANY, "port", ":%u", r->port);
		print_string(PRINT_ANY, "inside", " to %s",
			     inet_ntop(AF_INET, &r->inside, ip, sizeof(ip)));
		print_uint(PRINT_ANY, "to_port", ":%u", r->to_port);
		break;
	case VNET_NAT_TYPE_FLOATING:
		print_string(PRINT_ANY, "addr", " %s",
			     inet_ntop(AF_INET, &r->addr, ip, sizeof(ip)));
		print_string(PRINT_ANY, "inside", " to %s",
			     inet_ntop(AF_INET, &r->inside, ip, sizeof(ip)));
		break;
	}
	print_u64(PRINT_ANY, "conns", " conns %llu", r->conns);
	print_nl();
	close_json_object();
	return 0;
}

static int nat_show(int argc, char **argv)
{
	int ret;

	if (argc != 1)
		return usage_error("nat show: expected DEV");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = vnet_nat_list(g.ctx, argv[0], nat_print, NULL);
	close_json_array();
	return json_finish(ret);
}

int do_nat(int argc, char **argv)
{
	if (argc < 1)
		return usage_error("nat: expected add, del, flush or show");
	if (matches(argv[0], "add"))
		return nat_add(argc - 1, argv + 1);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return nat_del(argc - 1, argv + 1);
	if (matches(argv[0], "flush"))
		return nat_flush(argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return nat_show(argc - 1, argv + 1);
	return usage_error("nat: unknown command \"%s\"; expected add, del, flush or show",
			   argv[0]);
}
