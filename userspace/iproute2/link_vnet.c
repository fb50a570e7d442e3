// SPDX-License-Identifier: GPL-2.0
/*
 * iproute2 link plugin for the vnet kinds, so that
 *   ip link add vsw0 type vswitch ageing 300
 *   ip -d link show vsw0
 * speak each kind's parameters. ip(8) dlopen()s link_<kind>.so from its
 * library directory and looks up <kind>_link_util; this one file serves the
 * three kinds and is installed under each name.
 *
 * ip(8) exports the helpers used here; their declarations follow iproute2's
 * ip_common.h, libnetlink.h and json_print.h, which are not installed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include "params.h"

struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *, int, char **, struct nlmsghdr *);
	void (*print_opt)(struct link_util *, FILE *, struct rtattr *[]);
	void (*print_xstats)(struct link_util *, FILE *, struct rtattr *);
	void (*print_help)(struct link_util *, int, char **, FILE *);
	int (*parse_ifla_xstats)(struct link_util *, int, char **);
	int (*print_ifla_xstats)(struct nlmsghdr *, void *);
};

/* From ip(8). */
enum { PRINT_FP = 1, PRINT_JSON = 2, PRINT_ANY = 4 };
enum { COLOR_NONE = 6 };
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int print_color_uint(int t, int color, const char *key, const char *fmt,
		     unsigned int value);
int print_color_string(int t, int color, const char *key, const char *fmt,
		       const char *value);
int print_color_bool(int t, int color, const char *key, const char *fmt,
		     bool value);

/* The request buffer ip(8) hands us: struct iplink_req's size. */
#define IPLINK_REQ_MAX (sizeof(struct nlmsghdr) + sizeof(struct ifinfomsg) + 1024)

static enum vnet_kind kind_of(const struct link_util *lu)
{
	return vnet_kind_parse(lu->id);
}

static void vnet_print_help(struct link_util *lu, int argc, char **argv,
			    FILE *f)
{
	enum vnet_kind kind = kind_of(lu);
	size_t i;

	(void)argc;
	(void)argv;
	fprintf(f, "Usage: ... %s", lu->id);
	for (i = 0; i < vnet_param_count; i++)
		if (vnet_param_of_kind(&vnet_param_table[i], kind))
			fprintf(f, " [ %s %s ]", vnet_param_table[i].name,
				vnet_param_table[i].syntax);
	fputc('\n', f);
	for (i = 0; i < vnet_param_count; i++)
		if (vnet_param_of_kind(&vnet_param_table[i], kind))
			fprintf(f, "\t%s: %s\n", vnet_param_table[i].name,
				vnet_param_table[i].help);
}

static int vnet_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	enum vnet_kind kind = kind_of(lu);
	char err[256];

	while (argc > 0) {
		const struct vnet_param_desc *d;
		uint32_t v;

		if (!strcmp(*argv, "help")) {
			vnet_print_help(lu, argc, argv, stderr);
			return -1;
		}
		d = vnet_param_by_name(kind, *argv);
		if (!d) {
			fprintf(stderr, "%s: unknown parameter \"%s\"\n", lu->id, *argv);
			vnet_print_help(lu, argc, argv, stderr);
			return -1;
		}
		if (argc < 2) {
			fprintf(stderr, "%s: \"%s\" needs a value (%s)\n", lu->id,
				d->name, d->syntax);
			return -1;
		}
		if (vnet_param_parse(d, argv[1], &v, err, sizeof(err))) {
			fprintf(stderr, "%s: %s\n", lu->id, err);
			return -1;
		}
		if (d->type == VNET_PT_U32)
			addattr32(n, IPLINK_REQ_MAX, d->attr, v);
		else
			addattr8(n, IPLINK_REQ_MAX, d->attr, v);
		argc -= 2;
		argv += 2;
	}
	return 0;
}

static void vnet_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	enum vnet_kind kind = kind_of(lu);
	size_t i;
	char fmt[48], buf[32];

	(void)f;
	if (!tb)
		return;
	for (i = 0; i < vnet_param_count; i++) {
		const struct vnet_param_desc *d = &vnet_param_table[i];
		struct rtattr *a;
		uint32_t v;

		if (!vnet_param_of_kind(d, kind) || d->attr > lu->maxattr ||
		    !(a = tb[d->attr]))
			continue;
		v = d->type == VNET_PT_U32 ? *(__u32 *)RTA_DATA(a) :
					     *(__u8 *)RTA_DATA(a);
		if (d->type == VNET_PT_U32) {
			snprintf(fmt, sizeof(fmt), "%s %%u ", d->name);
			print_color_uint(PRINT_ANY, COLOR_NONE, d->name, fmt, v);
			continue;
		}
		snprintf(fmt, sizeof(fmt), "%s %%s ", d->name);
		if (d->type == VNET_PT_BOOL)
			print_color_bool(PRINT_JSON, COLOR_NONE, d->name, NULL, v);
		print_color_string(d->type == VNET_PT_BOOL ? PRINT_FP : PRINT_ANY,
				   COLOR_NONE, d->name, fmt,
				   vnet_param_format(d, v, buf, sizeof(buf)));
	}
}

#define VNET_LINK_UTIL(_kind)					\
struct link_util _kind##_link_util = {				\
	.id = #_kind,						\
	.maxattr = VNET_PARAM_MAX,				\
	.parse_opt = vnet_parse_opt,				\
	.print_opt = vnet_print_opt,				\
	.print_help = vnet_print_help,				\
}

VNET_LINK_UTIL(vswitch);
VNET_LINK_UTIL(vrouter);
VNET_LINK_UTIL(vfirewall);
