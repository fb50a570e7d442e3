// SPDX-License-Identifier: GPL-2.0
/* vnetctl port add|set|del|show */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"

static int check_ifname(const char *what, const char *name)
{
	if (!name[0] || strlen(name) >= IF_NAMESIZE)
		return usage_error("invalid %s \"%s\" (1 to %d characters)", what,
				   name, IF_NAMESIZE - 1);
	return 0;
}

/* "PORTPARAM VALUE..." into @present/@params. */
static int parse_port_params(int argc, char **argv, uint32_t *present,
			     uint32_t *params)
{
	char err[256];

	for (; argc > 0; argc -= 2, argv += 2) {
		const struct vnet_param_desc *d = vnet_port_param_by_name(argv[0]);
		uint32_t v;

		if (!d)
			return usage_error("unknown port parameter \"%s\"", argv[0]);
		if (argc < 2)
			return usage_error("\"%s\" needs a value (%s)", d->name, d->syntax);
		if (vnet_param_parse(d, argv[1], &v, err, sizeof(err)))
			return usage_error("%s", err);
		*present |= 1u << d->attr;
		params[d->attr] = v;
	}
	return 0;
}

/*
 * A port setting that is not a flag parameter: reads its words from
 * @argv (the keyword, then at least one value) into @cfg and says in
 * @used how many it took; 0 or a usage error.
 */
struct port_setting {
	const char *name;
	int (*parse)(int argc, char **argv, struct vnet_port_config *cfg,
		     int *used);
};

static int set_allow_mac(int argc, char **argv, struct vnet_port_config *cfg,
			 int *used)
{
	(void)argc;
	cfg->set_allow_mac = true;
	if (strcmp(argv[1], "any") && vnet_mac_parse(argv[1], cfg->allow_mac))
		return usage_error("invalid MAC address \"%s\"", argv[1]);
	*used = 2;
	return 0;
}

/* "allow-ip any", or every address that follows, up to the next keyword. */
static int set_allow_ip(int argc, char **argv, struct vnet_port_config *cfg,
			int *used)
{
	int i;

	cfg->n_allow_ip = 0;
	if (!strcmp(argv[1], "any")) {
		*used = 2;
		return 0;
	}
	for (i = 1; i < argc && (strchr(argv[i], '.') || strchr(argv[i], ':')); i++) {
		int ret = vnet_port_config_allow_ip(cfg, argv[i]);

		if (ret == -E2BIG)
			return usage_error("at most %d addresses per port",
					   VNET_ALLOW_IPS_MAX);
		if (ret)
			return usage_error("invalid IP address \"%s\"", argv[i]);
	}
	if (!cfg->n_allow_ip)
		return usage_error("allow-ip: expected addresses or \"any\"");
	*used = i;
	return 0;
}

static int set_policer(int argc, char **argv, struct vnet_port_config *cfg,
		       int *used)
{
	(void)argc;
	if (strlen(argv[1]) >= VNET_NETWORK_NAMSIZ)
		return usage_error("invalid policer name \"%s\"", argv[1]);
	cfg->policer = strcmp(argv[1], "none") ? argv[1] : "";
	*used = 2;
	return 0;
}

/* "vlan access VID", "vlan trunk VIDS [native VID]" or "vlan none". */
static int set_vlan(int argc, char **argv, struct vnet_port_config *cfg,
		    int *used)
{
	struct vnet_vlan_info *vl = &cfg->vlan;

	memset(vl, 0, sizeof(*vl));
	cfg->set_vlan = true;
	if (!strcmp(argv[1], "none")) {
		vl->mode = VNET_VLAN_MODE_NONE;
		*used = 2;
		return 0;
	}
	if (!strcmp(argv[1], "access")) {
		if (argc < 3)
			return usage_error("vlan access: expected a VLAN ID");
		vl->mode = VNET_VLAN_MODE_ACCESS;
		*used = 3;
		return parse_vid(argv[2], &vl->vid);
	}
	if (!strcmp(argv[1], "trunk")) {
		if (argc < 3)
			return usage_error("vlan trunk: expected VLAN IDs (10,20-30)");
		vl->mode = VNET_VLAN_MODE_TRUNK;
		if (vnet_vlan_ids_parse(argv[2], vl->trunk))
			return usage_error("invalid VLAN IDs \"%s\": expected 1 to %d, as 10,20-30",
					   argv[2], VNET_VLAN_VID_MAX);
		*used = 3;
		if (argc >= 5 && !strcmp(argv[3], "native")) {
			*used = 5;
			return parse_vid(argv[4], &vl->vid);
		}
		return 0;
	}
	return usage_error("vlan: expected access VID, trunk VIDS [native VID] or none");
}

static const struct port_setting port_settings[] = {
	{ "allow-mac", set_allow_mac },
	{ "allow-ip", set_allow_ip },
	{ "policer", set_policer },
	{ "vlan", set_vlan },
};

/*
 * "allow-mac MAC|any", "allow-ip ADDR...|any", "policer NAME|none" and the
 * flag parameters into @cfg, in order: a later setting of one wins.
 */
static int parse_port_config(int argc, char **argv, struct vnet_port_config *cfg)
{
	int ret, used;
	size_t i;

	while (argc > 0) {
		const struct port_setting *set = NULL;

		if (argc < 2)
			return usage_error("\"%s\" needs a value", argv[0]);
		for (i = 0; i < sizeof(port_settings) / sizeof(port_settings[0]); i++)
			if (!strcmp(argv[0], port_settings[i].name))
				set = &port_settings[i];
		used = 2;
		if (set)
			ret = set->parse(argc, argv, cfg, &used);
		else
			ret = parse_port_params(2, argv, &cfg->params_present,
						cfg->params);
		if (ret)
			return ret;
		argc -= used;
		argv += used;
	}
	return 0;
}

/*
 * "dev IFNAME" (an endpoint) or "peer DEV2" (a patch), "name P" and
 * "peer-name P2" anywhere in @argv; the rest, settings (allow-ip takes
 * several values), go to @rest in order.
 */
struct port_add_args {
	const char *lower, *name, *peer, *peer_name;
	uint16_t vid;			/* "vlan VID": a VLAN of lower */
	char **rest;
	int nrest;
};

static int port_add_parse(const char *dev, int argc, char **argv,
			  struct port_add_args *a)
{
	int ret;

	while (argc > 0) {
		const char **to = NULL;

		if (!strcmp(argv[0], "dev"))
			to = &a->lower;
		else if (!strcmp(argv[0], "name"))
			to = &a->name;
		else if (!strcmp(argv[0], "peer"))
			to = &a->peer;
		else if (!strcmp(argv[0], "peer-name"))
			to = &a->peer_name;
		if (to && argc < 2)
			return usage_error("port add: \"%s\" needs a value", argv[0]);
		if (to) {
			*to = argv[1];
			argc -= 2;
			argv += 2;
			continue;
		}
		/* "vlan VID" makes the port a VLAN of its device; "vlan access
		 * VID" and the rest are a vswitch port's membership.
		 */
		if (!strcmp(argv[0], "vlan") && argc >= 2 &&
		    strspn(argv[1], "0123456789") == strlen(argv[1])) {
			ret = parse_vid(argv[1], &a->vid);
			if (ret)
				return ret;
			argc -= 2;
			argv += 2;
			continue;
		}
		a->rest[a->nrest++] = argv[0];
		argc--;
		argv++;
	}
	if (!a->lower == !a->peer)
		return usage_error("port add %s: expected \"dev IFNAME\" (an endpoint) or \"peer DEV2\" (a patch)",
				   dev);
	if (a->peer_name && !a->peer)
		return usage_error("port add %s: \"peer-name\" is for a patch (\"peer DEV2\")",
				   dev);
	if (a->vid && !a->lower)
		return usage_error("port add %s: \"vlan VID\" is a VLAN of an endpoint (\"dev IFNAME\")",
				   dev);
	if ((ret = check_ifname("device name", dev)) ||
	    (a->lower && (ret = check_ifname("endpoint device name", a->lower))) ||
	    (a->peer && (ret = check_ifname("peer device name", a->peer))) ||
	    (a->name && (ret = check_ifname("port name", a->name))) ||
	    (a->peer_name && (ret = check_ifname("peer port name", a->peer_name))))
		return ret;
	return 0;
}

static int port_add(int argc, char **argv)
{
	struct port_add_args a = { 0 };
	struct vnet_port_config cfg;
	const char *dev;
	int ret;

	if (argc < 1)
		return usage_error("port add: missing DEV");
	dev = argv[0];
	a.rest = calloc(argc, sizeof(*a.rest));
	if (!a.rest)
		return usage_error("out of memory");
	/* Every setting goes with the request: the port is whole from its
	 * first frame.
	 */
	vnet_port_config_init(&cfg);
	ret = port_add_parse(dev, argc - 1, argv + 1, &a) ?:
	      parse_port_config(a.nrest, a.rest, &cfg);
	free(a.rest);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	if (a.peer)
		return vnet_patch_add_config(g.ctx, dev, a.peer, a.name,
					     a.peer_name, &cfg) ?
		       kernel_error() : EXIT_OK;
	if (a.vid)
		return vnet_port_add_vlan(g.ctx, dev, a.lower, a.vid, a.name,
					  &cfg) ? kernel_error() : EXIT_OK;
	return vnet_port_add_config(g.ctx, dev, a.lower, a.name, &cfg) ?
	       kernel_error() : EXIT_OK;
}

/*
 * "port set SW host vlan ...": the vswitch's own netdev as a port of its
 * VLANs, which the device's request carries.
 */
static int host_port_set(const char *dev, const struct vnet_port_config *cfg)
{
	struct vnet_dev_config dcfg;

	if (!cfg->set_vlan || cfg->params_present || cfg->set_allow_mac ||
	    cfg->n_allow_ip >= 0 || cfg->policer)
		return usage_error("port set %s host: expected vlan only", dev);
	vnet_dev_config_init(&dcfg);
	dcfg.set_host_vlan = true;
	dcfg.host_vlan = cfg->vlan;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_dev_set(g.ctx, dev, &dcfg) ? kernel_error() : EXIT_OK;
}

static int port_set(int argc, char **argv)
{
	struct vnet_port_config cfg;
	int ret;

	if (argc < 4)
		return usage_error("port set: expected DEV PORT PORTPARAM VALUE...");
	if ((ret = check_ifname("device name", argv[0])) ||
	    (ret = check_ifname("port", argv[1])))
		return ret;
	vnet_port_config_init(&cfg);
	ret = parse_port_config(argc - 2, argv + 2, &cfg);
	if (ret)
		return ret;
	/* A vrouter's host port is a port: its settings are the port's. */
	if (!strcmp(argv[1], VNET_HOST_PORT) && cfg.set_vlan)
		return host_port_set(argv[0], &cfg);
	if (!ctx())
		return EXIT_FAIL;
	return vnet_port_configure(g.ctx, argv[0], argv[1], &cfg) ?
	       kernel_error() : EXIT_OK;
}

static int port_del(int argc, char **argv)
{
	int ret;

	if (argc != 2)
		return usage_error("port del: expected DEV PORT");
	if ((ret = check_ifname("device name", argv[0])) ||
	    (ret = check_ifname("port", argv[1])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_port_delete(g.ctx, argv[0], argv[1]) ? kernel_error() : EXIT_OK;
}

static int show_port(const struct vnet_port_info *p, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_port(p, VNET_KIND_UNSPEC, true);
	close_json_object();
	return 0;
}

static int port_show(int argc, char **argv)
{
	int ret;

	if (argc > 1)
		return usage_error("port show: expected at most one DEV");
	if (argc == 1 && (ret = check_ifname("device name", argv[0])))
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	if (argc == 1) {
		ret = vnet_port_list(g.ctx, argv[0], show_port, NULL);
	} else {
		int i, n = 0;
		char **names = device_names(VNET_KIND_UNSPEC, &n);

		ret = names ? 0 : -1;
		for (i = 0; i < n && !ret; i++)
			ret = vnet_port_list(g.ctx, names[i], show_port, NULL);
		free_names(names, n);
	}
	close_json_array();
	return json_finish(ret);
}

int do_port(int argc, char **argv)
{
	if (argc < 1 || matches(argv[0], "show") || matches(argv[0], "list"))
		return port_show(argc ? argc - 1 : 0, argv + !!argc);
	if (matches(argv[0], "add"))
		return port_add(argc - 1, argv + 1);
	if (matches(argv[0], "set"))
		return port_set(argc - 1, argv + 1);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return port_del(argc - 1, argv + 1);
	return usage_error("port: unknown command \"%s\"; expected add, set, del or show",
			   argv[0]);
}
