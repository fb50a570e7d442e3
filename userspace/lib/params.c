// SPDX-License-Identifier: LGPL-2.1
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "params.h"

static const char *const kind_names[] = {
	[VNET_KIND_VSWITCH] = "vswitch",
	[VNET_KIND_VROUTER] = "vrouter",
	[VNET_KIND_VFIREWALL] = "vfirewall",
};

/* The kinds a parameter applies to. */
#define SW	VNET_KIND_BIT(VNET_KIND_VSWITCH)
#define RT	VNET_KIND_BIT(VNET_KIND_VROUTER)
#define FW	VNET_KIND_BIT(VNET_KIND_VFIREWALL)

static const char *const vlan_protocol_names[] = { "802.1Q", "802.1ad", NULL };
static const char *const verdict_names[] = {
	[VNET_VERDICT_ACCEPT] = "accept",
	[VNET_VERDICT_DROP] = "drop",
	NULL,
};

const struct vnet_param_desc vnet_param_table[] = {
	{
		.name = "ageing", .kinds = SW,
		.attr = VNET_PARAM_AGEING, .type = VNET_PT_U32,
		.min = 0, .max = VNET_AGEING_MAX,
		.syntax = "SECONDS",
		.help = "forget learned MAC addresses after this long (0 = never)",
	},
	{
		.name = "group-fwd-mask", .kinds = SW,
		.attr = VNET_PARAM_GROUP_FWD_MASK, .type = VNET_PT_U32,
		.min = 0, .max = VNET_GROUP_FWD_MAX, .hex = 1,
		.syntax = "MASK",
		.help = "link-local groups 01:80:c2:00:00:0N forwarded (bit N; never 1 or 2)",
	},
	{
		.name = "neigh-suppress", .kinds = SW,
		.attr = VNET_PARAM_NEIGH_SUPPRESS, .type = VNET_PT_BOOL,
		.syntax = "on|off",
		.help = "answer ARP and neighbour solicitations for known addresses instead of flooding them",
	},
	{
		.name = "vlan-filtering", .kinds = SW,
		.attr = VNET_PARAM_VLAN_FILTERING, .type = VNET_PT_BOOL,
		.syntax = "on|off",
		.help = "switch by 802.1Q VLAN: ports are access ports or trunks (port set ... vlan)",
	},
	{
		.name = "vlan-protocol", .kinds = SW,
		.attr = VNET_PARAM_VLAN_PROTOCOL, .type = VNET_PT_ENUM,
		.names = vlan_protocol_names,
		.syntax = "802.1Q|802.1ad",
		.help = "the tag of its VLANs: 802.1ad for a provider's service VLANs (QinQ)",
	},
	{
		.name = "ttl-check", .kinds = RT,
		.attr = VNET_PARAM_TTL_CHECK, .type = VNET_PT_BOOL,
		.syntax = "on|off",
		.help = "drop packets whose TTL expires here",
	},
	{
		.name = "policy", .kinds = FW,
		.attr = VNET_PARAM_POLICY, .type = VNET_PT_ENUM,
		.names = verdict_names,
		.syntax = "accept|drop",
		.help = "verdict for IPv4 and IPv6 packets no rule matches",
	},
	{
		.name = "l2-policy", .kinds = FW,
		.attr = VNET_PARAM_L2_POLICY, .type = VNET_PT_ENUM,
		.names = verdict_names,
		.syntax = "accept|drop",
		.help = "verdict for ARP and IPv6 neighbour discovery",
	},
	{
		.name = "other-policy", .kinds = FW,
		.attr = VNET_PARAM_OTHER_POLICY, .type = VNET_PT_ENUM,
		.names = verdict_names,
		.syntax = "accept|drop",
		.help = "verdict for other ethertypes and frames in VLAN tags",
	},
	{
		.name = "vlan-aware", .kinds = FW,
		.attr = VNET_PARAM_VLAN_AWARE, .type = VNET_PT_BOOL,
		.syntax = "on|off",
		.help = "judge IP in an 802.1Q tag by the rules (rule ... vlan VID), not other-policy",
	},
	{
		.name = "conntrack", .kinds = FW | RT,
		.attr = VNET_PARAM_CONNTRACK, .type = VNET_PT_BOOL,
		.syntax = "on|off",
		.help = "track connections (off: every packet judged alone, no state)",
	},
	/* A vrouter tracks the connections its NAT translates. */
	{
		.name = "conns-max", .kinds = RT | FW,
		.attr = VNET_PARAM_CONNS_MAX, .type = VNET_PT_U32,
		.min = 0, .max = VNET_CONNS_MAX_LIMIT,
		.syntax = "N",
		.help = "connections tracked at most; new ones past it are dropped",
	},
#define TIMEOUT(pname, pattr, what) {					\
		.name = pname, .kinds = RT | FW,			\
		.attr = pattr, .type = VNET_PT_U32,			\
		.min = 1, .max = VNET_CONN_TIMEOUT_MAX,			\
		.syntax = "SECONDS",					\
		.help = "forget an idle " what " after this long",	\
	}
	TIMEOUT("tcp-syn-timeout", VNET_PARAM_TCP_SYN_TIMEOUT,
		"TCP connection still opening"),
	TIMEOUT("tcp-established-timeout", VNET_PARAM_TCP_EST_TIMEOUT,
		"established TCP connection"),
	TIMEOUT("tcp-fin-timeout", VNET_PARAM_TCP_FIN_TIMEOUT,
		"TCP connection one side closed"),
	TIMEOUT("tcp-close-timeout", VNET_PARAM_TCP_CLOSE_TIMEOUT,
		"closed or reset TCP connection"),
	TIMEOUT("udp-timeout", VNET_PARAM_UDP_TIMEOUT,
		"UDP (or other) flow no reply has passed yet"),
	TIMEOUT("udp-stream-timeout", VNET_PARAM_UDP_STREAM_TIMEOUT,
		"UDP (or other) flow with replies"),
	TIMEOUT("icmp-timeout", VNET_PARAM_ICMP_TIMEOUT, "ICMP echo exchange"),
#undef TIMEOUT
};

const size_t vnet_param_count = sizeof(vnet_param_table) / sizeof(vnet_param_table[0]);

static const char *const port_state_names[] = { "down", "up", NULL };

const struct vnet_param_desc vnet_port_param_table[] = {
	{
		.name = "learning", .attr = VNET_PORT_LEARNING,
		.type = VNET_PT_BOOL, .syntax = "on|off",
		.help = "learn the source MAC addresses of frames from this port",
	},
	{
		.name = "flood", .attr = VNET_PORT_FLOOD,
		.type = VNET_PT_BOOL, .syntax = "on|off",
		.help = "send broadcast, multicast and unknown unicast out of this port",
	},
	{
		.name = "learning-limit", .attr = VNET_PORT_LEARNING_LIMIT,
		.type = VNET_PT_U32, .min = 0, .max = VNET_FDB_LIMIT,
		.syntax = "N",
		.help = "learn at most N source MAC addresses on this port (0 = no limit)",
	},
	{
		.name = "state", .attr = VNET_PORT_UP,
		.type = VNET_PT_ENUM, .names = port_state_names,
		.syntax = "up|down",
		.help = "a port that is down neither sends nor receives",
	},
	/* Router advertisements: a vrouter's ports only; the spec's ranges. */
	{
		.name = "ra", .kinds = RT, .attr = VNET_PORT_RA,
		.type = VNET_PT_BOOL, .syntax = "on|off",
		.help = "send IPv6 router advertisements out of this port",
	},
	{
		.name = "ra-interval", .kinds = RT,
		.attr = VNET_PORT_RA_INTERVAL, .type = VNET_PT_U32,
		.min = 4, .max = 1800,
		.syntax = "SECONDS",
		.help = "seconds between periodic advertisements (default 600)",
	},
	{
		.name = "ra-lifetime", .kinds = RT,
		.attr = VNET_PORT_RA_LIFETIME, .type = VNET_PT_U32,
		.min = 0, .max = 9000,
		.syntax = "SECONDS",
		.help = "router lifetime advertised (default 3 x ra-interval; 0: not a default router)",
	},
};

const size_t vnet_port_param_count =
	sizeof(vnet_port_param_table) / sizeof(vnet_port_param_table[0]);

const struct vnet_param_desc *vnet_port_param_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < vnet_port_param_count; i++)
		if (!strcmp(vnet_port_param_table[i].name, name))
			return &vnet_port_param_table[i];
	return NULL;
}

const char *vnet_kind_name(enum vnet_kind kind)
{
	if (kind <= VNET_KIND_UNSPEC || kind > VNET_KIND_MAX)
		return "unknown";
	return kind_names[kind];
}

enum vnet_kind vnet_kind_parse(const char *name)
{
	int k;

	for (k = VNET_KIND_UNSPEC + 1; k <= VNET_KIND_MAX; k++)
		if (!strcmp(kind_names[k], name))
			return k;
	return VNET_KIND_UNSPEC;
}

bool vnet_param_of_kind(const struct vnet_param_desc *d, enum vnet_kind kind)
{
	if (!d->kinds)
		return true;
	return kind > VNET_KIND_UNSPEC && kind <= VNET_KIND_MAX &&
	       (d->kinds & VNET_KIND_BIT(kind));
}

const struct vnet_param_desc *vnet_param_by_name(enum vnet_kind kind,
						 const char *name)
{
	size_t i;

	for (i = 0; i < vnet_param_count; i++)
		if (vnet_param_of_kind(&vnet_param_table[i], kind) &&
		    !strcmp(vnet_param_table[i].name, name))
			return &vnet_param_table[i];
	return NULL;
}

const struct vnet_param_desc *vnet_param_by_attr(int attr)
{
	size_t i;

	for (i = 0; i < vnet_param_count; i++)
		if (vnet_param_table[i].attr == attr)
			return &vnet_param_table[i];
	return NULL;
}

int vnet_param_parse(const struct vnet_param_desc *d, const char *str,
		     uint32_t *val, char *err, size_t errlen)
{
	unsigned long v;
	char *end;
	int i;

	switch (d->type) {
	case VNET_PT_U32:
		errno = 0;
		v = strtoul(str, &end, d->hex && str[0] == '0' &&
				(str[1] == 'x' || str[1] == 'X') ? 16 : 10);
		if (str[0] < '0' || str[0] > '9' || errno || *end ||
		    v < d->min || v > d->max) {
			snprintf(err, errlen,
				 "invalid %s \"%s\": expected a number from %u to %u",
				 d->name, str, d->min, d->max);
			return -EINVAL;
		}
		*val = v;
		return 0;
	case VNET_PT_BOOL:
		if (!strcmp(str, "on")) {
			*val = 1;
			return 0;
		}
		if (!strcmp(str, "off")) {
			*val = 0;
			return 0;
		}
		snprintf(err, errlen, "invalid %s \"%s\": expected on or off",
			 d->name, str);
		return -EINVAL;
	case VNET_PT_ENUM:
		for (i = 0; d->names[i]; i++) {
			if (!strcmp(str, d->names[i])) {
				*val = i;
				return 0;
			}
		}
		goto bad;
	}
bad:
	snprintf(err, errlen, "invalid %s \"%s\": expected %s", d->name, str,
		 d->syntax);
	return -EINVAL;
}

const char *vnet_param_format(const struct vnet_param_desc *d, uint32_t val,
			      char *buf, size_t len)
{
	int i;

	switch (d->type) {
	case VNET_PT_BOOL:
		return val ? "on" : "off";
	case VNET_PT_ENUM:
		for (i = 0; d->names[i]; i++)
			if ((uint32_t)i == val)
				return d->names[i];
		break;
	case VNET_PT_U32:
		break;
	}
	snprintf(buf, len, "%u", val);
	return buf;
}
