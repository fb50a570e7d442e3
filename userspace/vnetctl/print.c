// SPDX-License-Identifier: GPL-2.0
/* Printing devices, as text and as JSON, from the shared parameter table. */
#include <stdio.h>
#include "vnetctl.h"

static void mac_str(const uint8_t *a, char *buf, size_t len)
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
	return json_object_new_string(vnet_param_format(d, v, buf, sizeof(buf)));
}

static json_object *stats_json(const struct vnet_dev_stats *s)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "rx_packets", json_object_new_uint64(s->rx_packets));
	json_object_object_add(o, "rx_bytes", json_object_new_uint64(s->rx_bytes));
	json_object_object_add(o, "tx_packets", json_object_new_uint64(s->tx_packets));
	json_object_object_add(o, "tx_bytes", json_object_new_uint64(s->tx_bytes));
	json_object_object_add(o, "rx_dropped", json_object_new_uint64(s->rx_dropped));
	json_object_object_add(o, "tx_dropped", json_object_new_uint64(s->tx_dropped));
	return o;
}

json_object *dev_info_json(const struct vnet_dev_info *info)
{
	json_object *o = json_object_new_object();
	char mac[18];
	size_t i;

	mac_str(info->address, mac, sizeof(mac));
	json_object_object_add(o, "ifindex", json_object_new_int64(info->ifindex));
	json_object_object_add(o, "name", json_object_new_string(info->name));
	json_object_object_add(o, "type", json_object_new_string(vnet_kind_name(info->kind)));
	json_object_object_add(o, "state", json_object_new_string(info->up ? "up" : "down"));
	json_object_object_add(o, "running", json_object_new_boolean(info->running));
	json_object_object_add(o, "mtu", json_object_new_int64(info->mtu));
	json_object_object_add(o, "address", json_object_new_string(mac));
	for (i = 0; i < vnet_param_count; i++) {
		const struct vnet_param_desc *d = &vnet_param_table[i];

		if (info->params_present & (1u << d->attr))
			json_object_object_add(o, d->name,
					       param_json(d, info->params[d->attr]));
	}
	if (g.details && info->has_stats)
		json_object_object_add(o, "stats", stats_json(&info->stats));
	return o;
}

void dev_info_print(const struct vnet_dev_info *info)
{
	char mac[18], buf[32];
	size_t i;

	mac_str(info->address, mac, sizeof(mac));
	printf("%u: %s: %s state %s mtu %u address %s", info->ifindex,
	       info->name, vnet_kind_name(info->kind),
	       info->up ? "up" : "down", info->mtu, mac);
	for (i = 0; i < vnet_param_count; i++) {
		const struct vnet_param_desc *d = &vnet_param_table[i];

		if (info->params_present & (1u << d->attr))
			printf(" %s %s", d->name,
			       vnet_param_format(d, info->params[d->attr], buf,
						 sizeof(buf)));
	}
	putchar('\n');
	if (g.details && info->has_stats)
		stats_print(info);
}

void stats_print(const struct vnet_dev_info *info)
{
	const struct vnet_dev_stats *s = &info->stats;

	printf("    RX: packets %llu bytes %llu dropped %llu\n",
	       (unsigned long long)s->rx_packets,
	       (unsigned long long)s->rx_bytes,
	       (unsigned long long)s->rx_dropped);
	printf("    TX: packets %llu bytes %llu dropped %llu\n",
	       (unsigned long long)s->tx_packets,
	       (unsigned long long)s->tx_bytes,
	       (unsigned long long)s->tx_dropped);
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
	if (ret) {
		json_object_put(sa.arr);
		return kernel_error();
	}
	if (sa.arr)
		json_out(sa.arr);
	return EXIT_OK;
}
