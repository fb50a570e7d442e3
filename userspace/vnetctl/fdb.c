// SPDX-License-Identifier: GPL-2.0
/* vnetctl fdb add|del|flush|show: a vswitch's forwarding table. */
#include <stdio.h>
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

static int fdb_add(int argc, char **argv)
{
	uint8_t mac[6];
	int ret = parse_dev_mac(argc, argv, "add", mac);

	if (ret)
		return ret;
	if (argc != 4 || strcmp(argv[2], "port"))
		return usage_error("fdb add: expected DEV MAC port PORT");
	if (!argv[3][0] || strlen(argv[3]) >= IF_NAMESIZE)
		return usage_error("invalid port \"%s\"", argv[3]);
	if (!ctx())
		return EXIT_FAIL;
	return vnet_fdb_add(g.ctx, argv[0], mac, argv[3]) ? kernel_error() : EXIT_OK;
}

static int fdb_del(int argc, char **argv)
{
	uint8_t mac[6];
	int ret = parse_dev_mac(argc, argv, "del", mac);

	if (ret)
		return ret;
	/* "port PORT" is accepted, as in the add, and not needed. */
	if (argc != 2 && !(argc == 4 && !strcmp(argv[2], "port")))
		return usage_error("fdb del: expected DEV MAC [port PORT]");
	if (!ctx())
		return EXIT_FAIL;
	return vnet_fdb_delete(g.ctx, argv[0], mac) ? kernel_error() : EXIT_OK;
}

static int show_entry(const struct vnet_fdb_info *e, void *arg)
{
	json_object *arr = arg;
	char mac[18];

	mac_str(e->mac, mac, sizeof(mac));
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "mac", json_name(mac));
		json_object_object_add(o, "port", json_name(e->port_name));
		json_object_object_add(o, "port_index", json_object_new_int64(e->port));
		json_object_object_add(o, "static", json_object_new_boolean(e->is_static));
		json_object_object_add(o, "age_ms", json_object_new_int64(e->age_ms));
		json_object_array_add(arr, o);
	} else if (e->is_static) {
		printf("%s port %s static\n", mac, text_name(e->port_name));
	} else {
		printf("%s port %s learned age %u.%01us\n", mac, text_name(e->port_name),
		       e->age_ms / 1000, e->age_ms % 1000 / 100);
	}
	return 0;
}

static int fdb_show(int argc, char **argv)
{
	json_object *arr;

	if (argc != 1)
		return usage_error("fdb show: expected DEV");
	if (!argv[0][0] || strlen(argv[0]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[0]);
	if (!ctx())
		return EXIT_FAIL;
	arr = g.json ? json_object_new_array() : NULL;
	return json_finish(arr, vnet_fdb_list(g.ctx, argv[0], show_entry, arr));
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
