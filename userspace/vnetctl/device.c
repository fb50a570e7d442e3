// SPDX-License-Identifier: GPL-2.0
/* vnetctl device add|set|start|stop|del|show */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"

/* "N" (1 to VNET_VNI_MAX) or "none" (0) into @vni; -1 if neither. */
static int parse_vni(const char *str, uint32_t *vni)
{
	char *end;
	unsigned long v = strtoul(str, &end, 10);

	if (!strcmp(str, "none")) {
		*vni = 0;
		return 0;
	}
	if (str[0] < '0' || str[0] > '9' || *end || v < 1 || v > VNET_VNI_MAX)
		return -1;
	*vni = v;
	return 0;
}

/*
 * Parse "[network NET] [mtu N] [vni N|none] [vlan VID vni N|none]
 * [PARAM VALUE]..." for a device of @kind.
 */
static int parse_config(int argc, char **argv, enum vnet_kind kind,
			struct vnet_dev_config *cfg)
{
	char err[256];

	while (argc > 0) {
		if (argc < 2)
			return usage_error("\"%s\" needs a value", argv[0]);
		if (!strcmp(argv[0], "vlan")) {
			int ret = parse_vid(argv[1], &cfg->vlan_vni.vid);

			if (ret)
				return ret;
			if (argc < 4 || strcmp(argv[2], "vni"))
				return usage_error("expected \"vlan %s vni N|none\"",
						   argv[1]);
			if (cfg->has_vlan_vni)
				return usage_error("one VLAN's vni per command");
			if (parse_vni(argv[3], &cfg->vlan_vni.vni))
				return usage_error("invalid vni \"%s\": expected 1 to %u, or none",
						   argv[3], VNET_VNI_MAX);
			cfg->has_vlan_vni = true;
			argc -= 4;
			argv += 4;
			continue;
		}
		if (!strcmp(argv[0], "network")) {
			if (!argv[1][0] || strlen(argv[1]) >= VNET_NETWORK_NAMSIZ)
				return usage_error("invalid network name \"%s\"", argv[1]);
			cfg->network = argv[1];
		} else if (!strcmp(argv[0], "mtu")) {
			char *end;
			unsigned long mtu = strtoul(argv[1], &end, 10);

			if (argv[1][0] < '0' || argv[1][0] > '9' || *end ||
			    mtu < 68 || mtu > 65535)
				return usage_error("invalid mtu \"%s\": expected a number from 68 to 65535",
						   argv[1]);
			cfg->mtu = mtu;
		} else if (!strcmp(argv[0], "vni")) {
			if (parse_vni(argv[1], &cfg->vni))
				return usage_error("invalid vni \"%s\": expected 1 to %u, or none",
						   argv[1], VNET_VNI_MAX);
			cfg->has_vni = true;
		} else if (vnet_dev_config_param(cfg, kind, argv[0], argv[1],
						 err, sizeof(err))) {
			return usage_error("%s", err);
		}
		argc -= 2;
		argv += 2;
	}
	return 0;
}

static int check_name(const char *name)
{
	if (strlen(name) >= IF_NAMESIZE)
		return usage_error("device name \"%s\" too long (at most %d characters)",
				   name, IF_NAMESIZE - 1);
	return 0;
}

static int device_add(int argc, char **argv)
{
	struct vnet_dev_config cfg;
	const char *name;
	int ret;

	if (argc < 1)
		return usage_error("device add: missing NAME");
	name = argv[0];
	ret = check_name(name);
	if (ret)
		return ret;
	if (argc < 3 || strcmp(argv[1], "type"))
		return usage_error("device add: expected \"%s type vswitch|vrouter|vfirewall\"",
				   name);
	vnet_dev_config_init(&cfg);
	cfg.kind = vnet_kind_parse(argv[2]);
	if (cfg.kind == VNET_KIND_UNSPEC)
		return usage_error("unknown device type \"%s\": expected vswitch, vrouter or vfirewall",
				   argv[2]);
	argc -= 3;
	argv += 3;
	ret = parse_config(argc, argv, cfg.kind, &cfg);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_dev_create(g.ctx, name, &cfg) ? kernel_error() : EXIT_OK;
}

static int device_set(int argc, char **argv)
{
	struct vnet_dev_config cfg;
	struct vnet_dev_info info;
	int ret;

	if (argc < 1)
		return usage_error("device set: missing NAME");
	if (argc < 3)
		return usage_error("device set %s: expected PARAM VALUE... (or network NET, mtu N)",
				   argv[0]);
	ret = check_name(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	/* The parameters a name takes depend on the device's kind. */
	if (vnet_dev_get(g.ctx, argv[0], &info))
		return kernel_error();
	vnet_dev_config_init(&cfg);
	ret = parse_config(argc - 1, argv + 1, info.kind, &cfg);
	if (ret)
		return ret;
	return vnet_dev_set(g.ctx, argv[0], &cfg) ? kernel_error() : EXIT_OK;
}

static int device_simple(int argc, char **argv, const char *verb,
			 int (*fn)(struct vnet_ctx *, const char *))
{
	int ret;

	if (argc != 1)
		return usage_error("device %s: expected exactly one NAME", verb);
	ret = check_name(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return fn(g.ctx, argv[0]) ? kernel_error() : EXIT_OK;
}

static int device_show(int argc, char **argv)
{
	int ret;

	if (argc > 1)
		return usage_error("device show: expected at most one NAME");
	if (argc == 1 && (ret = check_name(argv[0])))
		return ret;
	return show_devices(argc ? argv[0] : NULL);
}

int do_device(int argc, char **argv)
{
	if (argc < 1 || matches(argv[0], "show") || matches(argv[0], "list"))
		return device_show(argc ? argc - 1 : 0, argv + !!argc);
	if (matches(argv[0], "add") || !strcmp(argv[0], "create"))
		return device_add(argc - 1, argv + 1);
	if (matches(argv[0], "set"))
		return device_set(argc - 1, argv + 1);
	if (matches(argv[0], "start"))
		return device_simple(argc - 1, argv + 1, "start", vnet_dev_start);
	if (!strcmp(argv[0], "stop"))
		return device_simple(argc - 1, argv + 1, "stop", vnet_dev_stop);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return device_simple(argc - 1, argv + 1, "del", vnet_dev_delete);
	return usage_error("device: unknown command \"%s\"; expected add, set, start, stop, del or show",
			   argv[0]);
}
