// SPDX-License-Identifier: GPL-2.0
/*
 * What every command shares: the options and the socket (g), keyword
 * matching, IP addresses and error reports.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"

struct vnetctl g;

int parse_show_flush(const char *object, int argc, char **argv, bool *show)
{
	if (argc < 1)
		return usage_error("%s: expected show or flush", object);
	*show = matches(argv[0], "show") || matches(argv[0], "list");
	if (!*show && !matches(argv[0], "flush"))
		return usage_error("%s: unknown command \"%s\"; expected show or flush",
				   object, argv[0]);
	if (argc != 2)
		return usage_error("%s %s: expected DEV", object,
				   *show ? "show" : "flush");
	if (!argv[1][0] || strlen(argv[1]) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", argv[1]);
	return 0;
}

bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && len <= strlen(word) && !strncmp(arg, word, len);
}

int ip_parse(const char *str, int *family, uint32_t *addr, uint8_t *addr6)
{
	uint8_t plen;

	if (strchr(str, ':')) {
		*family = AF_INET6;
		return vnet_prefix6_parse(str, addr6, &plen, false) || plen != 128 ?
		       -1 : 0;
	}
	*family = AF_INET;
	return vnet_prefix_parse(str, addr, &plen, false) || plen != 32 ? -1 : 0;
}

const char *ip_str(int family, uint32_t addr, const uint8_t *addr6,
		   char *buf)
{
	if (family == AF_INET6)
		return inet_ntop(AF_INET6, addr6, buf, INET6_ADDRSTRLEN);
	return inet_ntop(AF_INET, &addr, buf, INET6_ADDRSTRLEN);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	if (g.lineno)
		fprintf(stderr, "vnetctl: line %d: ", g.lineno);
	else
		fprintf(stderr, "vnetctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* A device name as the kernel takes it; a usage error if not. */
int check_dev_name(const char *dev)
{
	if (!dev[0] || strlen(dev) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", dev);
	return 0;
}

/* A rule's index (WHAT names the rule): 1 to UINT32_MAX, digits only. */
int parse_index(const char *str, const char *what, uint32_t *index)
{
	unsigned long v;
	char *end;

	/* Digits only: strtoul() would take a sign or blanks, and wrap. */
	errno = 0;
	v = strtoul(str, &end, 10);
	if (str[0] < '0' || str[0] > '9' || errno || *end || !v ||
	    v > UINT32_MAX)
		return usage_error("invalid %s index \"%s\": expected a number from 1 to %u",
				   what, str, UINT32_MAX);
	*index = v;
	return 0;
}

/* A VLAN ID, 1 to VNET_VLAN_VID_MAX; a usage error if not. */
int parse_vid(const char *str, uint16_t *vid)
{
	char *end;
	long v = strtol(str, &end, 10);

	if (*end || end == str || v < 1 || v > VNET_VLAN_VID_MAX)
		return usage_error("invalid VLAN \"%s\" (1 to %d)", str,
				   VNET_VLAN_VID_MAX);
	*vid = v;
	return 0;
}

int kernel_error(void)
{
	if (g.lineno)
		fprintf(stderr, "vnetctl: line %d: ", g.lineno);
	fprintf(stderr, "Error: %s\n", vnet_errmsg(g.ctx));
	return EXIT_FAIL;
}

struct vnet_ctx *ctx(void)
{
	if (!g.ctx) {
		g.ctx = vnet_open();
		if (!g.ctx) {
			if (errno == ENOENT)
				fprintf(stderr,
					"Error: the vnet module is not loaded (no \"%s\" generic netlink family)\n",
					VNET_GENL_NAME);
			else
				fprintf(stderr, "Error: cannot open a netlink socket: %s\n",
					strerror(errno));
		}
	}
	return g.ctx;
}
