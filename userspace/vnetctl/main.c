// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl: drive vnet devices, networks and their tables.
 *   vnetctl [-j] [-p] [-d] OBJECT COMMAND [ARGS]...
 *   vnetctl [-j] -b FILE|-
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"
#include "batch.h"

/* "vrouter ports: " for a port parameter of some kinds only. */
static void print_kinds(FILE *fp, uint32_t kinds)
{
	const char *sep = "";

	if (!kinds)
		return;
	for (int k = VNET_KIND_UNSPEC + 1; k <= VNET_KIND_MAX; k++) {
		if (kinds & VNET_KIND_BIT(k)) {
			fprintf(fp, "%s%s", sep, vnet_kind_name(k));
			sep = " or ";
		}
	}
	fprintf(fp, " ports: ");
}

static void usage(FILE *fp)
{
	fprintf(fp,
		"Usage: vnetctl [OPTIONS] OBJECT COMMAND [ARGS]...\n"
		"       vnetctl [OPTIONS] -b FILE|-\n"
		"OBJECT := device | network | port | fdb | addr | route | neigh | nat | rule |\n"
		"          conn | resource | stats | monitor | topology\n"
		"OPTIONS := -j (JSON) | -p (pretty JSON) | -d (details) | -h (help)\n"
		"\n"
		"  vnetctl device add NAME type vswitch|vrouter|vfirewall [network NET] [mtu N]\n"
		"                     [vni N] [PARAM VALUE]...  (vni: a vswitch's, across hosts)\n"
		"  vnetctl device set NAME [network NET] [mtu N] [vni N|none] [PARAM VALUE]...\n"
		"  vnetctl device set NAME vlan VID vni N|none  (a VLAN of a vswitch across hosts)\n"
		"  vnetctl device start|stop|del NAME\n"
		"  vnetctl device show [NAME]\n"
		"  vnetctl port add DEV dev IFNAME [vlan VID] [name PORT] [PORTPARAM VALUE]...\n"
		"  vnetctl port add DEV peer DEV2 [name PORT] [peer-name PORT2]  (a patch)\n"
		"  vnetctl network add NAME [id ID] [mtu N] [description TEXT] [UNDERLAY]\n"
		"  vnetctl network set NET [mtu N] [description TEXT] [UNDERLAY]\n"
		"                  UNDERLAY := underlay IFNAME local ADDR [port UDPPORT]\n"
		"  vnetctl network host add|del NET ADDR  (its other hosts, across the underlay)\n"
		"  vnetctl network start|stop NET | del NET [force] | show [NET]\n"
		"  vnetctl port set DEV PORT PORTPARAM VALUE...\n"
		"                  [allow-mac MAC|any] [allow-ip ADDR...|any] [policer NAME|none]\n"
		"                  [vlan access VID | trunk VIDS | trunk VIDS native VID | none]\n"
		"                  (a vswitch's own netdev is its port \"" VNET_HOST_PORT "\" for vlan)\n"
		"  vnetctl port del DEV PORT\n"
		"  vnetctl port show [DEV]\n"
		"  vnetctl fdb add DEV MAC port PORT [vlan VID] | del DEV MAC [port PORT] [vlan VID]\n"
		"  vnetctl fdb flush DEV | show DEV\n"
		"  vnetctl addr add|del DEV ADDR/PLEN port PORT | show DEV\n"
		"  vnetctl route add|del DEV PREFIX [via GW] [port PORT]\n"
		"  vnetctl route get DEV ADDR | show DEV\n"
		"  vnetctl neigh add DEV ADDR lladdr MAC port PORT | del DEV ADDR [port PORT]\n"
		"  vnetctl neigh show DEV | flush DEV\n"
		"  (addresses IPv4 or IPv6, one family per route; a vrouter's own netdev is\n"
		"   its port \"" VNET_HOST_PORT "\")\n"
		"  vnetctl nat add DEV masquerade out PORT [src PREFIX] [ports MIN-MAX]\n"
		"  vnetctl nat add DEV snat out PORT to ADDR[-ADDR] [src PREFIX] [ports MIN-MAX]\n"
		"  vnetctl nat add DEV floating ADDR to INSIDE\n"
		"  vnetctl nat add DEV forward proto tcp|udp ADDR:PORT to INSIDE:PORT\n"
		"  vnetctl nat del DEV INDEX | flush DEV | show DEV   (a vrouter's, IPv4)\n"
		"  vnetctl rule add DEV [index N] [in PORT] [out PORT] [src PFX] [dst PFX]\n"
		"                  [proto tcp|udp|icmp|NUM] [sport P[-P]] [dport P[-P]]\n"
		"                  [icmp-type T] [state new|established|related|invalid]\n"
		"                  [vlan VID]\n"
		"                  action accept|drop|reject\n"
		"  vnetctl rule del DEV INDEX | flush DEV | show DEV | replace DEV FILE\n"
		"  vnetctl conn show DEV | flush DEV\n"
		"  vnetctl resource set NET QUOTA N|unlimited...  (ports fdb routes neigh rules conns)\n"
		"  vnetctl resource add NET NAME rate RATE [burst SIZE]   (a policer)\n"
		"  vnetctl resource set NET NAME [rate RATE] [burst SIZE] | del NET NAME\n"
		"  vnetctl resource show [NET]\n"
		"  vnetctl topology [NET] [--dot]\n"
		"  vnetctl stats [NAME]\n"
		"  vnetctl monitor\n"
		"\n"
		"PARAM (by kind):\n");
	/* A parameter of more than one kind is listed under each. */
	for (int k = VNET_KIND_UNSPEC + 1; k <= VNET_KIND_MAX; k++) {
		for (size_t i = 0; i < vnet_param_count; i++) {
			const struct vnet_param_desc *d = &vnet_param_table[i];

			if (vnet_param_of_kind(d, k))
				fprintf(fp, "  %-9s %-10s %-12s %s\n",
					vnet_kind_name(k), d->name, d->syntax,
					d->help);
		}
	}
	fprintf(fp, "PORTPARAM:\n");
	for (size_t i = 0; i < vnet_port_param_count; i++) {
		const struct vnet_param_desc *d = &vnet_port_param_table[i];

		fprintf(fp, "  %-14s %-12s ", d->name, d->syntax);
		print_kinds(fp, d->kinds);
		fprintf(fp, "%s\n", d->help);
	}
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} objects[] = {
	{ "device", do_device },
	{ "port", do_port },
	{ "fdb", do_fdb },
	{ "address", do_addr },
	{ "route", do_route },
	{ "neighbour", do_neigh },
	{ "neighbor", do_neigh },
	{ "rule", do_rule },
	{ "connection", do_conn },
	{ "stats", do_stats },
	{ "monitor", do_monitor },
	{ "network", do_network },
	{ "resource", do_resource },
	{ "topology", do_topology },
	{ "nat", do_nat },
};

/* One command line: OBJECT COMMAND [ARGS]... */
static int vnetctl_run(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return usage_error("missing OBJECT; try \"vnetctl -h\"");
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (matches(argv[0], objects[i].name))
			return objects[i].fn(argc - 1, argv + 1);
	if (!strcmp(argv[0], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown object \"%s\"; try \"vnetctl -h\"", argv[0]);
}

int main(int argc, char **argv)
{
	const char *batch = NULL;
	int ret;

	while (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		const char *opt = argv[1];

		if (!strcmp(opt, "-j") || !strcmp(opt, "-json"))
			g.json = true;
		else if (!strcmp(opt, "-p") || !strcmp(opt, "-pretty"))
			g.json = g.pretty = true;
		else if (!strcmp(opt, "-d") || !strcmp(opt, "-details"))
			g.details = true;
		else if (!strcmp(opt, "-b") || !strcmp(opt, "-batch")) {
			if (argc < 3)
				return usage_error("-b needs a FILE (or - for stdin)");
			batch = argv[2];
			argc--;
			argv++;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "-help") ||
			   !strcmp(opt, "--help")) {
			usage(stdout);
			return EXIT_OK;
		} else {
			return usage_error("unknown option \"%s\"; try \"vnetctl -h\"", opt);
		}
		argc--;
		argv++;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (batch) {
		if (argc > 1)
			return usage_error("-b takes no command on the command line");
		ret = vnetctl_batch(batch, vnetctl_run);
	} else {
		ret = vnetctl_run(argc - 1, argv + 1);
	}
	vnet_close(g.ctx);
	return ret;
}
