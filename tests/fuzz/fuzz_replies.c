// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness over libvnet's reply parsers: the input is a reply's
 * attributes as the kernel would send them, parsed with the family's
 * policy and read into device, port, network, address and route reports.
 * The input ends where an inaccessible page begins, so a parser that
 * reads past an attribute (a string the kernel did not terminate, a u32
 * shorter than four bytes) faults at once, even inside libnl, which ASan
 * does not see into. Every reported name must be terminated inside its
 * field.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "nl.h"

#define GUARDED_MAX	16384

/* @data at the end of pages followed by one that cannot be read. */
static struct nlattr *guarded_copy(const uint8_t *data, size_t size)
{
	static uint8_t *area;
	static size_t room;

	if (!area) {
		size_t page = sysconf(_SC_PAGESIZE);

		room = (GUARDED_MAX + page - 1) / page * page;
		area = mmap(NULL, room + page, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (area == MAP_FAILED || mprotect(area + room, page, PROT_NONE))
			abort();
	}
	memcpy(area + room - size, data, size);
	return (struct nlattr *)(area + room - size);
}

static void terminated(const char *s, size_t size)
{
	if (!memchr(s, '\0', size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlattr *attrs[VNET_ATTR_MAX + 1];
	struct vnet_network_info network;
	struct vnet_route_info route;
	struct vnet_addr_info addr;
	struct vnet_port_info port;
	struct vnet_dev_info dev;
	struct nlattr *copy;

	if (size > GUARDED_MAX)
		return 0;
	copy = guarded_copy(data, size);
	if (!copy)
		return 0;
	if (nla_parse(attrs, VNET_ATTR_MAX, copy, size, vnet_attr_policy) < 0)
		return 0;
	memset(&dev, 0, sizeof(dev));
	memset(&port, 0, sizeof(port));
	memset(&network, 0, sizeof(network));
	memset(&addr, 0, sizeof(addr));
	memset(&route, 0, sizeof(route));
	vnet_dev_info_parse(attrs, &dev);
	terminated(dev.name, sizeof(dev.name));
	vnet_port_info_parse(attrs, &port);
	terminated(port.name, sizeof(port.name));
	terminated(port.dev_name, sizeof(port.dev_name));
	terminated(port.lower_name, sizeof(port.lower_name));
	terminated(port.peer_dev, sizeof(port.peer_dev));
	terminated(port.peer_port, sizeof(port.peer_port));
	terminated(port.policer, sizeof(port.policer));
	if (vnet_network_info_parse(attrs, &network)) {
		terminated(network.name, sizeof(network.name));
		terminated(network.description, sizeof(network.description));
	}
	if (vnet_addr_info_parse(attrs, &addr))
		terminated(addr.dev_name, sizeof(addr.dev_name));
	if (vnet_route_info_parse(attrs, &route))
		terminated(route.dev_name, sizeof(route.dev_name));
	return 0;
}
