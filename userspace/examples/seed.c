// SPDX-License-Identifier: GPL-2.0
/*
 * The seed document's example, on libvnet: create a switch, a router and
 * a firewall, set a parameter of each and start them; create a network,
 * set a parameter and start it; allocate a resource in it, set a
 * parameter of the resource and manage it.
 *
 *   seed [--keep]     (--keep leaves everything in place; else it is removed)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvnet.h>

static struct vnet_ctx *ctx;

/* Report a step; on failure, the kernel's own words, and stop. */
static void step(int ret, const char *what)
{
	if (ret) {
		fprintf(stderr, "seed: %s: %s\n", what, vnet_errmsg(ctx));
		exit(1);
	}
	printf("%s\n", what);
}

static void create_device(const char *name, enum vnet_kind kind,
			  const char *param, const char *value)
{
	struct vnet_dev_config cfg;
	char what[128];

	vnet_dev_config_init(&cfg);
	cfg.kind = kind;
	snprintf(what, sizeof(what), "created %s %s", vnet_kind_name(kind), name);
	step(vnet_dev_create(ctx, name, &cfg), what);
	snprintf(what, sizeof(what), "set %s %s %s", name, param, value);
	step(vnet_dev_set_param(ctx, name, param, value), what);
	snprintf(what, sizeof(what), "started %s", name);
	step(vnet_dev_start(ctx, name), what);
}

int main(int argc, char **argv)
{
	static const char *const devices[] = { "vswitch1", "vrouter1", "vfirewall1" };
	const char *net = "virtual_network1", *res = "resource1";
	struct vnet_network_config cfg;
	struct vnet_network_info info = { 0 };
	struct vnet_policer_info usage = { 0 };
	bool keep = argc > 1 && !strcmp(argv[1], "--keep");
	char rate[32];

	ctx = vnet_open();
	if (!ctx) {
		perror("seed: cannot reach the vnet module");
		return 1;
	}

	/* Devices: create, set a parameter, start. */
	create_device(devices[0], VNET_KIND_VSWITCH, "ageing", "600");
	create_device(devices[1], VNET_KIND_VROUTER, "ttl-check", "on");
	create_device(devices[2], VNET_KIND_VFIREWALL, "policy", "drop");

	/* The network: create, set a parameter, take the devices, start. */
	vnet_network_config_init(&cfg);
	step(vnet_network_create(ctx, net, &cfg), "created network virtual_network1");
	step(vnet_network_set_param(ctx, net, "description", "the seed's network"),
	     "set virtual_network1 description");
	for (int i = 0; i < 3; i++) {
		char what[64];

		snprintf(what, sizeof(what), "moved %s into virtual_network1", devices[i]);
		step(vnet_dev_set_param(ctx, devices[i], "network", net), what);
	}
	step(vnet_network_start(ctx, net), "started virtual_network1");

	/* A resource: allocate, set a parameter, manage. */
	step(vnet_resource_allocate(ctx, net, res, "10mbit"),
	     "allocated policer resource1 at 10mbit");
	step(vnet_resource_set_param(ctx, net, res, "rate", "20mbit"),
	     "set resource1 rate 20mbit");
	step(vnet_resource_usage(ctx, net, res, &usage), "read resource1's usage");
	printf("resource1: rate %s burst %u ports %u passed %llu dropped %llu\n",
	       vnet_rate_format(usage.rate, rate, sizeof(rate)), usage.burst,
	       usage.ports, (unsigned long long)usage.passed_packets,
	       (unsigned long long)usage.dropped_packets);
	step(vnet_network_get(ctx, net, &info), "read virtual_network1");
	printf("virtual_network1: id %u state %s devices %u policers %u\n",
	       info.id, info.up ? "up" : "down", info.devices, info.policers);

	if (!keep)
		step(vnet_network_delete(ctx, net, true),
		     "deleted virtual_network1 and its devices");
	vnet_close(ctx);
	return 0;
}
