// SPDX-License-Identifier: GPL-2.0
/* vnetctl monitor: print the family's events as they happen. */
#include <stdio.h>
#include "vnetctl.h"

static const char *event_name(uint8_t cmd)
{
	switch (cmd) {
	case VNET_CMD_DEV_NEW:
	case VNET_CMD_PORT_NEW:
		return "new";
	case VNET_CMD_DEV_DEL:
	case VNET_CMD_PORT_DEL:
		return "del";
	case VNET_CMD_DEV_SET:
	case VNET_CMD_PORT_SET:
		return "change";
	default:
		return "unknown";
	}
}

static int print_event(uint8_t cmd, const struct vnet_dev_info *info,
		       const struct vnet_port_info *port, void *arg)
{
	const char *object = info ? "device" : "port";

	(void)arg;
	if (g.json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "event",
				       json_object_new_string(event_name(cmd)));
		json_object_object_add(o, "object", json_object_new_string(object));
		json_object_object_add(o, object, info ? dev_info_json(info) :
						 port_info_json(port));
		json_out(o);
	} else {
		printf("%s %s ", event_name(cmd), object);
		if (info)
			dev_info_print(info);
		else
			port_info_print(port);
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
