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

static int print_event(const struct vnet_event *ev, void *arg)
{
	const char *object = ev->dev ? "device" : ev->port ? "port" :
			     ev->network ? "network" :
			     ev->addr ? "address" : "route";

	(void)arg;
	if (ev->lost) {
		/* The socket overflowed; as "ip monitor", say so and go on. */
		if (g.json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "event", json_name("lost"));
			json_out(o);
		} else {
			printf("lost events: the monitor's socket overflowed\n");
		}
		fflush(stdout);
		return 0;
	}
	if (g.json) {
		json_object *o = json_object_new_object(), *obj;

		json_object_object_add(o, "event",
				       json_name(event_name(ev->cmd)));
		json_object_object_add(o, "object", json_name(object));
		if (ev->dev) {
			obj = dev_info_json(ev->dev);
		} else if (ev->port) {
			obj = port_info_json(ev->port, VNET_KIND_UNSPEC);
		} else if (ev->network) {
			obj = network_json(ev->network);
		} else {
			obj = ev->addr ? addr_json(ev->addr) : route_json(ev->route);
			json_object_object_add(obj, "device",
					       json_name(ev->addr ?
						ev->addr->dev_name : ev->route->dev_name));
		}
		json_object_object_add(o, object, obj);
		json_out(o);
	} else {
		printf("%s %s ", event_name(ev->cmd), object);
		if (ev->dev) {
			dev_info_print(ev->dev);
		} else if (ev->port) {
			port_info_print(ev->port, VNET_KIND_UNSPEC, true);
		} else if (ev->network) {
			network_line(ev->network);
		} else if (ev->addr) {
			printf("%s ", text_name(ev->addr->dev_name));
			addr_line(ev->addr);
		} else {
			printf("%s ", text_name(ev->route->dev_name));
			route_line(ev->route);
		}
	}
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
