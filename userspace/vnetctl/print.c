// SPDX-License-Identifier: GPL-2.0
/* Printing devices, as text and as JSON, from the shared parameter table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"

void mac_str(const uint8_t *a, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 a[0], a[1], a[2], a[3], a[4], a[5]);
}

static json_object *param_json(const struct vnet_param_desc *d, uint32_t v)
{
	char buf[32];

	switch (d->type) {
	case VNET_PT_U32:
		return json_object_new_int64(v);
	case VNET_PT_BOOL:
		return json_object_new_boolean(v);
	case VNET_PT_ENUM:
		break;
	}
	return json_name(vnet_param_format(d, v, buf, sizeof(buf)));
}

/* Add the parameters of @table that @present marks to @o. */
static void params_json(json_object *o, const struct vnet_param_desc *table,
			size_t count, uint32_t present, const uint32_t *values)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const struct vnet_param_desc *d = &table[i];

		if (present & (1u << d->attr))
			json_object_object_add(o, d->name,
					       param_json(d, values[d->attr]));
	}
}

/* Print them as " name value" as the user would type them. */
static void params_print(const struct vnet_param_desc *table, size_t count,
			 uint32_t present, const uint32_t *values)
{
	char buf[32];
	size_t i;

	for (i = 0; i < count; i++) {
		const struct vnet_param_desc *d = &table[i];

		if (present & (1u << d->attr))
			printf(" %s %s", d->name,
			       vnet_param_format(d, values[d->attr], buf, sizeof(buf)));
	}
}

/* Every counter a device of @kind has (any kind: VNET_KIND_UNSPEC). */
json_object *stats_json(const struct vnet_dev_stats *s, enum vnet_kind kind)
{
	json_object *o = json_object_new_object();
	int i;

	for (i = VNET_STATS_RX_PACKETS; i <= VNET_STATS_MAX; i++)
		if (vnet_stats_of_kind(i, kind))
			json_object_object_add(o, vnet_stats_name(i),
					       json_object_new_uint64(s->c[i]));
	return o;
}

json_object *dev_info_json(const struct vnet_dev_info *info)
{
	json_object *o = json_object_new_object();
	char mac[18];

	mac_str(info->address, mac, sizeof(mac));
	json_object_object_add(o, "ifindex", json_object_new_int64(info->ifindex));
	json_object_object_add(o, "name", json_name(info->name));
	json_object_object_add(o, "type", json_name(vnet_kind_name(info->kind)));
	json_object_object_add(o, "state", json_name(info->up ? "up" : "down"));
	json_object_object_add(o, "running", json_object_new_boolean(info->running));
	json_object_object_add(o, "mtu", json_object_new_int64(info->mtu));
	json_object_object_add(o, "address", json_name(mac));
	json_object_object_add(o, "network", json_name(info->network));
	json_object_object_add(o, "network_id", json_object_new_int64(info->network_id));
	params_json(o, vnet_param_table, vnet_param_count,
		    info->params_present, info->params);
	if (g.details && info->has_stats)
		json_object_object_add(o, "stats",
				       stats_json(&info->stats, info->kind));
	return o;
}

void dev_info_print(const struct vnet_dev_info *info)
{
	char mac[18];

	mac_str(info->address, mac, sizeof(mac));
	printf("%u: %s: %s state %s mtu %u address %s network %s", info->ifindex,
	       text_name(info->name), vnet_kind_name(info->kind),
	       info->up ? "up" : "down", info->mtu, mac, text_name(info->network));
	params_print(vnet_param_table, vnet_param_count, info->params_present,
		     info->params);
	putchar('\n');
	if (g.details && info->has_stats)
		stats_print(&info->stats, "    ", info->kind, true);
}

/*
 * The packet and byte counts, then the other counters a device of @kind
 * has: with @all, every one; else the events and the drop reasons that
 * are not 0.
 */
void stats_print(const struct vnet_dev_stats *s, const char *indent,
		 enum vnet_kind kind, bool all)
{
	const char *sep = indent;
	int i;

	printf("%sRX: packets %llu bytes %llu dropped %llu\n", indent,
	       (unsigned long long)s->c[VNET_STATS_RX_PACKETS],
	       (unsigned long long)s->c[VNET_STATS_RX_BYTES],
	       (unsigned long long)s->c[VNET_STATS_RX_DROPPED]);
	printf("%sTX: packets %llu bytes %llu dropped %llu\n", indent,
	       (unsigned long long)s->c[VNET_STATS_TX_PACKETS],
	       (unsigned long long)s->c[VNET_STATS_TX_BYTES],
	       (unsigned long long)s->c[VNET_STATS_TX_DROPPED]);
	for (i = VNET_STATS_DROP_NO_PORT; i <= VNET_STATS_MAX; i++) {
		if (!vnet_stats_of_kind(i, kind) ||
		    (!all && vnet_stats_is_drop(i) && !s->c[i]))
			continue;
		printf("%s%s %llu", sep, vnet_stats_name(i),
		       (unsigned long long)s->c[i]);
		sep = " ";
	}
	if (sep != indent)
		putchar('\n');
}

struct show_arg {
	json_object *arr;
	void (*text)(const struct vnet_dev_info *info);
};

static int show_one(const struct vnet_dev_info *info, void *arg)
{
	struct show_arg *sa = arg;

	if (sa->arr)
		json_object_array_add(sa->arr, dev_info_json(info));
	else
		sa->text(info);
	return 0;
}

int show_devices(const char *name,
		 void (*text)(const struct vnet_dev_info *info))
{
	struct show_arg sa = { g.json ? json_object_new_array() : NULL, text };
	struct vnet_dev_info info;
	int ret;

	if (!ctx()) {
		json_object_put(sa.arr);
		return EXIT_FAIL;
	}
	if (name)
		ret = vnet_dev_get(g.ctx, name, &info) ?: show_one(&info, &sa);
	else
		ret = vnet_dev_list(g.ctx, show_one, &sa);
	return json_finish(sa.arr, ret);
}

/* A port of a device of @kind (VNET_KIND_UNSPEC: not known). */
json_object *port_info_json(const struct vnet_port_info *p, enum vnet_kind kind)
{
	json_object *o = json_object_new_object();
	char mac[18];

	json_object_object_add(o, "device", json_name(p->dev_name));
	json_object_object_add(o, "index", json_object_new_int64(p->index));
	json_object_object_add(o, "name", json_name(p->name));
	mac_str(p->address, mac, sizeof(mac));
	json_object_object_add(o, "address", json_name(mac));
	if (p->peer_dev[0]) {
		json_object_object_add(o, "peer", json_name(p->peer_dev));
		json_object_object_add(o, "peer_port", json_name(p->peer_port));
	} else {
		json_object_object_add(o, "lower", json_name(p->lower_name));
		json_object_object_add(o, "lower_ifindex",
				       json_object_new_int64(p->lower_ifindex));
	}
	params_json(o, vnet_port_param_table, vnet_port_param_count,
		    p->params_present, p->params);
	if (p->has_learned)
		json_object_object_add(o, "learned", json_object_new_int64(p->learned));
	if (p->has_allow_mac) {
		mac_str(p->allow_mac, mac, sizeof(mac));
		json_object_object_add(o, "allow_mac", json_name(mac));
	}
	if (p->n_allow_ip) {
		json_object *ips = json_object_new_array();

		for (int i = 0; i < p->n_allow_ip; i++)
			json_object_array_add(ips, json_name(p->allow_ip[i]));
		json_object_object_add(o, "allow_ip", ips);
	}
	if (p->policer[0])
		json_object_object_add(o, "policer", json_name(p->policer));
	if (g.details && p->has_stats)
		json_object_object_add(o, "stats", stats_json(&p->stats, kind));
	return o;
}

void port_info_print(const struct vnet_port_info *p, enum vnet_kind kind,
		     bool all_stats)
{
	if (p->peer_dev[0])
		printf("%s: port %u: %s peer %s port %s", text_name(p->dev_name),
		       p->index, text_name(p->name), text_name(p->peer_dev),
		       text_name(p->peer_port));
	else
		printf("%s: port %u: %s lower %s", text_name(p->dev_name),
		       p->index, text_name(p->name), text_name(p->lower_name));
	params_print(vnet_port_param_table, vnet_port_param_count,
		     p->params_present, p->params);
	if (p->has_allow_mac) {
		char mac[18];

		mac_str(p->allow_mac, mac, sizeof(mac));
		printf(" allow-mac %s", mac);
	}
	if (p->n_allow_ip) {
		printf(" allow-ip");
		for (int i = 0; i < p->n_allow_ip; i++)
			printf(" %s", p->allow_ip[i]);
	}
	if (p->policer[0])
		printf(" policer %s", text_name(p->policer));
	putchar('\n');
	if (g.details && p->has_stats)
		stats_print(&p->stats, "    ", kind, all_stats);
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
