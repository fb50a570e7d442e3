// SPDX-License-Identifier: GPL-2.0
/*
 * Each libvnet request gets its own answer: after a dump the caller's
 * callback stopped early, or a GET, nothing is left on the socket for the
 * next request on the same context to take for its reply.
 *
 *   libvnet_replies DEV    DEV: a device with at least two ports
 *
 * Prints "ok - WHAT" or "not ok - WHAT: WHY" per check; exits 1 if any
 * failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "libvnet.h"

static int failed;

static void result(int good, const char *what, const char *why)
{
	printf("%s - %s%s%s\n", good ? "ok" : "not ok", what,
	       good ? "" : ": ", good ? "" : why);
	failed |= !good;
}

static int count_port(const struct vnet_port_info *info, void *arg)
{
	(void)info;
	++*(int *)arg;
	return 0;
}

/* Takes the first port and stops the dump. */
static int first_port(const struct vnet_port_info *info, void *arg)
{
	(void)info;
	++*(int *)arg;
	return 1;
}

/* A dump of @dev's ports stopped at its first; whether it said so. */
static int stopped_dump(struct vnet_ctx *ctx, const char *dev)
{
	int seen = 0;

	return !vnet_port_list(ctx, dev, first_port, &seen) && seen == 1;
}

int main(int argc, char **argv)
{
	struct vnet_dev_info info;
	struct vnet_ctx *ctx;
	const char *dev;
	char why[600];
	int n = 0, err;

	if (argc != 2) {
		fprintf(stderr, "usage: libvnet_replies DEV\n");
		return 2;
	}
	dev = argv[1];
	ctx = vnet_open();
	if (!ctx) {
		perror("vnet_open");
		return 2;
	}
	vnet_port_list(ctx, dev, count_port, &n);
	if (n < 2) {
		fprintf(stderr, "%s needs two ports, has %d\n", dev, n);
		return 2;
	}

	result(stopped_dump(ctx, dev), "a port dump stopped at its first port", "");
	memset(&info, 0, sizeof(info));
	err = vnet_dev_get(ctx, dev, &info);
	snprintf(why, sizeof(why), "returned %d (%s), name \"%s\"", err,
		 err ? vnet_errmsg(ctx) : "", info.name);
	result(!err && !strcmp(info.name, dev),
	       "then a device get answers with the device", why);

	stopped_dump(ctx, dev);
	err = vnet_dev_delete(ctx, "vnet-no-such");
	snprintf(why, sizeof(why), "returned %d (%s)", err, vnet_errmsg(ctx));
	result(err == -ENODEV,
	       "after a stopped dump, deleting a missing device fails", why);

	err = vnet_dev_get(ctx, dev, &info);
	err = err ?: vnet_dev_delete(ctx, "vnet-no-such");
	snprintf(why, sizeof(why), "returned %d (%s)", err, vnet_errmsg(ctx));
	result(err == -ENODEV, "after a get, deleting a missing device fails",
	       why);

	stopped_dump(ctx, dev);
	n = 0;
	err = vnet_port_list(ctx, dev, count_port, &n);
	snprintf(why, sizeof(why), "returned %d, %d ports", err, n);
	result(!err && n >= 2, "after a stopped dump, a full dump has every port",
	       why);
	vnet_close(ctx);
	return failed;
}
