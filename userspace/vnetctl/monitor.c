// SPDX-License-Identifier: GPL-2.0
/* vnetctl monitor: print the family's events as they happen. */
#include <stdio.h>
#include "vnetctl.h"

static const char *event_name(uint8_t cmd)
{
	switch (cmd) {
	case VNET_CMD_DEV_NEW:
	case VNET_CMD_PORT_NEW:
	case VNET_CMD_ADDR_NEW:
	case VNET_CMD_ROUTE_NEW:
	case VNET_CMD_NET_NEW:
		return "new";
	case VNET_CMD_DEV_DEL:
	case VNET_CMD_PORT_DEL:
	case VNET_CMD_ADDR_DEL:
	case VNET_CMD_ROUTE_DEL:
	case VNET_CMD_NET_DEL:
		return "del";
	case VNET_CMD_DEV_SET:
	case VNET_CMD_PORT_SET:
	case VNET_CMD_NET_SET:
		return "change";
	default:
		return "unknown";
	}
}

/* The socket overflowed; as "ip monitor", say so and go on. */
static void print_lost(void)
{
	open_json_object(NULL);
	print_string(PRINT_JSON, "event", NULL, "lost");
	print_text("lost events: the monitor's socket overflowed\n");
	close_json_object();
}

/* An address or a route, with the name of its device. */
static void print_table_entry(const struct vnet_event *ev)
{
	const char *dev = ev->addr ? ev->addr->dev_name : ev->route->dev_name;

	print_name(PRINT_FP, NULL, "%s ", dev);
	if (ev->addr)
		print_addr(ev->addr);
	else
		print_route(ev->route);
	print_name(PRINT_JSON, "device", NULL, dev);
}

/* "new device ..." in text; in JSON the object under its own name. */
static void print_change(const struct vnet_event *ev)
{
	const char *object = ev->dev ? "device" : ev->port ? "port" :
			     ev->network ? "network" :
			     ev->addr ? "address" : "route";

	open_json_object(NULL);
	print_string(PRINT_ANY, "event", "%s", event_name(ev->cmd));
	print_string(PRINT_ANY, "object", " %s ", object);
	open_json_object(object);
	if (ev->dev)
		print_dev(ev->dev);
	else if (ev->port)
		print_port(ev->port, VNET_KIND_UNSPEC, true);
	else if (ev->network)
		print_network(ev->network);
	else
		print_table_entry(ev);
	close_json_object();
	close_json_object();
}

static int print_event(const struct vnet_event *ev, void *arg)
{
	(void)arg;
	if (ev->lost)
		print_lost();
	else
		print_change(ev);
	json_out();
	fflush(stdout);
	return 0;
}

int do_monitor(int argc, char **argv)
{
	(void)argv;
	if (argc > 0)
		return usage_error("monitor takes no arguments");
	if (!ctx())
		return EXIT_FAIL;
	return vnet_monitor(g.ctx, print_event, NULL) ? kernel_error() : EXIT_OK;
}
