// SPDX-License-Identifier: GPL-2.0
/* vnetctl fdb add|del|flush|show: a vswitch's forwarding table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"

static int parse_dev_mac(int argc, char **argv, const char *verb, uint8_t *mac)
{
	if (argc < 2)
		return usage_error("fdb %s: expected DEV MAC", verb);
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[0]);
	if (vnet_mac_parse(argv[1], mac))
		return usage_error("invalid MAC address \"%s\": expected xx:xx:xx:xx:xx:xx",
				   argv[1]);
	return 0;
}

/* "vlan VID" at the end of @argv, if there: into @vlan, off @argc. */
static int parse_vlan(int *argc, char **argv, uint16_t *vlan)
{
	int ret;

	*vlan = 0;
	if (*argc < 2 || strcmp(argv[*argc - 2], "vlan"))
		return 0;
	ret = parse_vid(argv[*argc - 1], vlan);
	if (!ret)
		*argc -= 2;
	return ret;
}

static int fdb_add(int argc, char **argv)
{
	uint8_t mac[6];
	uint16_t vlan;
	int ret = parse_dev_mac(argc, argv, "add", mac) ?:
		  parse_vlan(&argc, argv, &vlan);

	if (ret)
		return ret;
	if (argc != 4 || strcmp(argv[2], "port"))
		return usage_error("fdb add: expected DEV MAC port PORT [vlan VID]");
	if (!argv[3][0] || strlen(argv[3]) >= IF_NAMESIZE)
		return usage_error("invalid port \"%s\"", argv[3]);
	if (!ctx())
		return EXIT_FAIL;
	return vnet_fdb_add_vlan(g.ctx, argv[0], mac, argv[3], vlan) ?
	       kernel_error() : EXIT_OK;
}

static int fdb_del(int argc, char **argv)
{
	uint8_t mac[6];
	uint16_t vlan;
	int ret = parse_dev_mac(argc, argv, "del", mac) ?:
		  parse_vlan(&argc, argv, &vlan);

	if (ret)
		return ret;
	/* "port PORT" is accepted, as in the add, and not needed. */
	if (argc != 2 && !(argc == 4 && !strcmp(argv[2], "port")))
		return usage_error("fdb del: expected DEV MAC [port PORT] [vlan VID]");
	if (!ctx())
		return EXIT_FAIL;
	return vnet_fdb_delete_vlan(g.ctx, argv[0], mac, vlan) ?
	       kernel_error() : EXIT_OK;
}

static int show_entry(const struct vnet_fdb_info *e, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_mac(PRINT_ANY, "mac", "%s", e->mac);
	print_name(PRINT_ANY, "port", " port %s", e->port_name);
	print_uint(PRINT_JSON, "port_index", NULL, e->port);
	if (e->vlan)
		print_uint(PRINT_ANY, "vlan", " vlan %u", e->vlan);
	print_bool(PRINT_JSON, "static", NULL, e->is_static);
	print_text(" %s", e->is_static ? "static" : "learned");
	/* A static entry never ages: the text leaves its age out. */
	print_ms(e->is_static ? PRINT_JSON : PRINT_ANY, "age_ms", " age %s",
		 e->age_ms);
	print_nl();
	close_json_object();
	return 0;
}

static int fdb_show(int argc, char **argv)
{
	int ret;

	if (argc != 1)
		return usage_error("fdb show: expected DEV");
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[0]);
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = vnet_fdb_list(g.ctx, argv[0], show_entry, NULL);
	close_json_array();
	return json_finish(ret);
}

static int fdb_flush(int argc, char **argv)
{
	if (argc != 1)
		return usage_error("fdb flush: expected DEV");
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[0]);
	if (!ctx())
		return EXIT_FAIL;
	return vnet_fdb_flush(g.ctx, argv[0]) ? kernel_error() : EXIT_OK;
}

int do_fdb(int argc, char **argv)
{
	if (argc < 1)
		return usage_error("fdb: expected add, del, flush or show");
	if (matches(argv[0], "add"))
		return fdb_add(argc - 1, argv + 1);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return fdb_del(argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return fdb_show(argc - 1, argv + 1);
	if (matches(argv[0], "flush"))
		return fdb_flush(argc - 1, argv + 1);
	return usage_error("fdb: unknown command \"%s\"; expected add, del, flush or show",
			   argv[0]);
}
