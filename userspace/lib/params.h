/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * The device kinds and the table of their parameters, shared by libvnet,
 * vnetctl's parser and printers, and the iproute2 link plugins. Free of
 * any netlink library so the plugins can use it inside ip(8).
 */
#ifndef VNET_PARAMS_H
#define VNET_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/vnet.h>

enum vnet_param_type {
	VNET_PT_U32,	/* decimal (or 0x hex if .hex), within [min, max] */
	VNET_PT_BOOL,	/* on | off, carried as u8 */
	VNET_PT_ENUM,	/* one of names[], carried as u8 */
};

/* The kinds a parameter applies to: a bit per kind, VNET_KIND_BIT(kind). */
#define VNET_KIND_BIT(kind)	(1u << (kind))

struct vnet_param_desc {
	const char *name;		/* as typed: "ageing" */
	uint32_t kinds;			/* VNET_KIND_BIT()s of its kinds */
	int attr;			/* VNET_PARAM_* */
	enum vnet_param_type type;
	uint32_t min, max;		/* VNET_PT_U32 */
	int hex;			/* VNET_PT_U32: a mask, 0x... taken */
	const char *const *names;	/* VNET_PT_ENUM, NULL-terminated */
	const char *syntax;		/* what a value looks like */
	const char *help;		/* what it means */
};

extern const struct vnet_param_desc vnet_param_table[];
extern const size_t vnet_param_count;

/*
 * Port parameters, attr VNET_PORT_*: kinds 0, those of every kind's ports;
 * else of those kinds' ports only, which alone report them.
 */
extern const struct vnet_param_desc vnet_port_param_table[];
extern const size_t vnet_port_param_count;
const struct vnet_param_desc *vnet_port_param_by_name(const char *name);

const char *vnet_kind_name(enum vnet_kind kind);
enum vnet_kind vnet_kind_parse(const char *name); /* VNET_KIND_UNSPEC if none */

/* Whether @d is a parameter of devices (or ports) of @kind. */
bool vnet_param_of_kind(const struct vnet_param_desc *d, enum vnet_kind kind);
const struct vnet_param_desc *vnet_param_by_name(enum vnet_kind kind,
						 const char *name);
const struct vnet_param_desc *vnet_param_by_attr(int attr);

/* Parse @str for @d into @val; on error write a message into @err. */
int vnet_param_parse(const struct vnet_param_desc *d, const char *str,
		     uint32_t *val, char *err, size_t errlen);
/* Format @val as the user would type it. */
const char *vnet_param_format(const struct vnet_param_desc *d, uint32_t val,
			      char *buf, size_t len);

#endif
