// SPDX-License-Identifier: GPL-2.0
/* Devices, ports and their counters, as text and JSON, and device names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"

/* The parameters of @table that @present marks, as the user types them. */
static void print_params(const struct vnet_param_desc *table, size_t count,
			 uint32_t present, const uint32_t *values)
{
	char buf[32];
	size_t i;

	for (i = 0; i < count; i++) {
		const struct vnet_param_desc *d = &table[i];
		uint32_t v = values[d->attr];

		if (!(present & (1u << d->attr)))
			continue;
		print_text(" %s", d->name);
		switch (d->type) {
		case VNET_PT_U32:
			print_uint(PRINT_ANY, d->name, " %u", v);
			break;
		case VNET_PT_BOOL:
			print_on_off(PRINT_ANY, d->name, " %s", v);
			break;
		case VNET_PT_ENUM:
			print_string(PRINT_ANY, d->name, " %s",
				     vnet_param_format(d, v, buf, sizeof(buf)));
			break;
		}
	}
}

/* A direction's packets, bytes and drops: a line of the text. */
static void print_traffic(const char *dir, uint64_t packets, uint64_t bytes,
			  uint64_t dropped)
{
	print_text("    %s: packets %llu bytes %llu dropped %llu\n", dir,
		   (unsigned long long)packets, (unsigned long long)bytes,
		   (unsigned long long)dropped);
}

/*
 * Every counter a device of @kind has (any kind: VNET_KIND_UNSPEC). The
 * text has the packet and byte counts first, then the others: with @all,
 * every one; else the events and the drop reasons that are not 0.
 */
void print_stats(const struct vnet_dev_stats *s, enum vnet_kind kind,
		 bool all)
{
	bool line = false;
	int i;

	open_json_object("stats");
	print_traffic("RX", s->c[VNET_STATS_RX_PACKETS],
		      s->c[VNET_STATS_RX_BYTES], s->c[VNET_STATS_RX_DROPPED]);
	print_traffic("TX", s->c[VNET_STATS_TX_PACKETS],
		      s->c[VNET_STATS_TX_BYTES], s->c[VNET_STATS_TX_DROPPED]);
	for (i = VNET_STATS_RX_PACKETS; i <= VNET_STATS_MAX; i++) {
		const char *name = vnet_stats_name(i);

		if (!vnet_stats_of_kind(i, kind))
			continue;
		/* The text has these above, or (zero drops) only with @all. */
		if (i < VNET_STATS_DROP_NO_PORT ||
		    (!all && vnet_stats_is_drop(i) && !s->c[i])) {
			print_u64(PRINT_JSON, name, NULL, s->c[i]);
			continue;
		}
		print_text("%s%s ", line ? " " : "    ", name);
		print_u64(PRINT_ANY, name, "%llu", s->c[i]);
		line = true;
	}
	if (line)
		print_nl();
	close_json_object();
}

/*
 * A VLAN membership as the grammar sets it, after @text ("vlan", "host
 * vlan"): "access 10", "trunk 10,20-30 native 5". JSON: an object @key with
 * mode, vid (access) or native (trunk), and trunk, an array of VLAN IDs.
 */
static void print_vlan(const char *key, const char *text,
		       const struct vnet_vlan_info *vl)
{
	open_json_object(key);
	print_text(" %s", text);
	print_string(PRINT_ANY, "mode", " %s", vnet_vlan_mode_name(vl->mode));
	if (vl->mode == VNET_VLAN_MODE_TRUNK) {
		/* At most 5 characters a VLAN: 4 digits and a separator. */
		char ids[VNET_VLAN_BITMAP_LEN * 8 * 5];
		int vid;

		if (vnet_vlan_ids_format(vl->trunk, ids, sizeof(ids)))
			ids[0] = '\0';
		print_text(" %s", ids);
		open_json_array("trunk");
		for (vid = 1; vid <= VNET_VLAN_VID_MAX; vid++)
			if (vl->trunk[vid / 8] & (1u << (vid % 8)))
				print_uint(PRINT_JSON, NULL, NULL, vid);
		close_json_array();
		if (vl->vid)
			print_uint(PRINT_ANY, "native", " native %u", vl->vid);
	} else if (vl->vid) {
		print_uint(PRINT_ANY, "vid", " %u", vl->vid);
	}
	close_json_object();
}

void print_dev(const struct vnet_dev_info *info)
{
	print_uint(PRINT_ANY, "ifindex", "%u: ", info->ifindex);
	print_name(PRINT_ANY, "name", "%s: ", info->name);
	print_string(PRINT_ANY, "type", "%s", vnet_kind_name(info->kind));
	print_string(PRINT_ANY, "state", " state %s", info->up ? "up" : "down");
	print_bool(PRINT_JSON, "running", NULL, info->running);
	print_uint(PRINT_ANY, "mtu", " mtu %u", info->mtu);
	print_mac(PRINT_ANY, "address", " address %s", info->address);
	print_name(PRINT_ANY, "network", " network %s", info->network);
	print_uint(PRINT_JSON, "network_id", NULL, info->network_id);
	if (info->vni)
		print_uint(PRINT_ANY, "vni", " vni %u", info->vni);
	print_params(vnet_param_table, vnet_param_count, info->params_present,
		     info->params);
	if (info->has_host_vlan)
		print_vlan("host_vlan", "host vlan", &info->host_vlan);
	if (info->n_vlan_vnis) {
		unsigned int i;

		open_json_array("vlan_vnis");
		for (i = 0; i < info->n_vlan_vnis; i++) {
			open_json_object(NULL);
			print_uint(PRINT_ANY, "vlan", " vlan %u",
				   info->vlan_vnis[i].vid);
			print_uint(PRINT_ANY, "vni", " vni %u",
				   info->vlan_vnis[i].vni);
			close_json_object();
		}
		close_json_array();
	}
	print_nl();
	if (g.details && info->has_stats)
		print_stats(&info->stats, info->kind, true);
}

static int show_one(const struct vnet_dev_info *info, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_dev(info);
	close_json_object();
	return 0;
}

int show_devices(const char *name)
{
	struct vnet_dev_info info;
	int ret;

	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	if (name)
		ret = vnet_dev_get(g.ctx, name, &info) ?: show_one(&info, NULL);
	else
		ret = vnet_dev_list(g.ctx, show_one, NULL);
	close_json_array();
	return json_finish(ret);
}

/* What a port joins: a patch's peer, or an endpoint. */
static void print_port_link(const struct vnet_port_info *p)
{
	if (p->peer_dev[0]) {
		print_name(PRINT_ANY, "peer", " peer %s", p->peer_dev);
		print_name(PRINT_ANY, "peer_port", " port %s", p->peer_port);
	} else {
		print_name(PRINT_ANY, "lower", " lower %s", p->lower_name);
		print_uint(PRINT_JSON, "lower_ifindex", NULL, p->lower_ifindex);
	}
}

/* Port security: the source MAC and addresses a port lets in. */
static void print_port_security(const struct vnet_port_info *p)
{
	if (p->has_allow_mac)
		print_mac(PRINT_ANY, "allow_mac", " allow-mac %s",
			  p->allow_mac);
	if (!p->n_allow_ip)
		return;
	print_text(" allow-ip");
	open_json_array("allow_ip");
	for (int i = 0; i < p->n_allow_ip; i++)
		print_string(PRINT_ANY, NULL, " %s", p->allow_ip[i]);
	close_json_array();
}

/* A vrouter port's router advertisement settings, printed together. */
#define PORT_RA_PARAMS	(1u << VNET_PORT_RA | 1u << VNET_PORT_RA_INTERVAL | \
			 1u << VNET_PORT_RA_LIFETIME)

/*
 * "ra on interval 600 lifetime 1800", or "ra off": the times only while
 * advertising, in text; JSON has each the port reports.
 */
static void print_port_ra(const struct vnet_port_info *p)
{
	bool on = p->params[VNET_PORT_RA];
	enum output_type times = on ? PRINT_ANY : PRINT_JSON;

	if (p->params_present & 1u << VNET_PORT_RA)
		print_on_off(PRINT_ANY, "ra", " ra %s", on);
	if (p->params_present & 1u << VNET_PORT_RA_INTERVAL)
		print_uint(times, "ra_interval", " interval %u",
			   p->params[VNET_PORT_RA_INTERVAL]);
	if (p->params_present & 1u << VNET_PORT_RA_LIFETIME)
		print_uint(times, "ra_lifetime", " lifetime %u",
			   p->params[VNET_PORT_RA_LIFETIME]);
}

/* A port of a device of @kind (VNET_KIND_UNSPEC: not known). */
void print_port(const struct vnet_port_info *p, enum vnet_kind kind,
		bool all_stats)
{
	print_name(PRINT_ANY, "device", "%s: ", p->dev_name);
	print_uint(PRINT_ANY, "index", "port %u: ", p->index);
	print_name(PRINT_ANY, "name", "%s", p->name);
	print_mac(PRINT_JSON, "address", NULL, p->address);
	print_port_link(p);
	if (p->tunnel)
		print_bool(PRINT_ANY, "tunnel", " tunnel", true);
	if (p->owns_lower)
		print_bool(PRINT_ANY, "owns_lower", " owns-lower", true);
	print_params(vnet_port_param_table, vnet_port_param_count,
		     p->params_present & ~PORT_RA_PARAMS, p->params);
	print_port_ra(p);
	if (p->has_learned)
		print_uint(PRINT_JSON, "learned", NULL, p->learned);
	print_port_security(p);
	if (p->policer[0])
		print_name(PRINT_ANY, "policer", " policer %s", p->policer);
	if (p->has_vlan)
		print_vlan("vlan", "vlan", &p->vlan);
	print_nl();
	if (g.details && p->has_stats)
		print_stats(&p->stats, kind, all_stats);
}

struct names_arg {
	enum vnet_kind kind;
	char **names;
	int count;
};

static int collect_name(const struct vnet_dev_info *info, void *arg)
{
	struct names_arg *na = arg;
	char **grown;

	if (na->kind != VNET_KIND_UNSPEC && info->kind != na->kind)
		return 0;
	grown = realloc(na->names, (na->count + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	na->names = grown;
	na->names[na->count] = strdup(info->name);
	if (!na->names[na->count])
		return -ENOMEM;
	na->count++;
	return 0;
}

/*
 * A dump must end before the next request on the socket, so listings that
 * need a request per device collect the names first.
 */
char **device_names(enum vnet_kind kind, int *count)
{
	struct names_arg na = { kind, NULL, 0 };

	if (vnet_dev_list(g.ctx, collect_name, &na)) {
		free_names(na.names, na.count);
		return NULL;
	}
	*count = na.count;
	return na.names ? na.names : calloc(1, sizeof(char *));
}

void free_names(char **names, int count)
{
	int i;

	for (i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
}
